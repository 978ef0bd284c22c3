"""What every way of taking responses in shares: its result, how it names the files given on
the command line, and the loaded packages' homes it checks responses against."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.config import SiteConfig
from generator.core.confinement import shown, within
from generator.core.problems import Problems
from generator.intake import private
from generator.intake.checks import Homes
from generator.load.loading import load_packages
from generator.load.package_data import PackageData
from generator.privacy.screening import table_screen


@dataclass
class IntakeResult:
    """What a run of ``odx intake`` did."""

    problems: Problems = field(default_factory=Problems)  # the inputs are unusable: exit 1
    skipped: Problems = field(default_factory=Problems)  # bad responses, left out
    notes: list[str] = field(default_factory=list)
    added: int = 0
    queued: int = 0
    held: int = 0
    already: int = 0
    robots: int = 0  # rows that filled the honeypot, dropped
    folder: str = ""
    issues: bool = False  # the export was one of GitHub issues
    not_corrections: int = 0  # issues without the correction label, left out
    decided: int = 0  # issues already decided in a package's corrections.csv


def shown_name(path: Path, root: Path) -> str:
    """A file named on the command line, as messages show it: relative to the project, or
    by its name alone when it lies elsewhere (never a machine path)."""
    written = path if path.is_absolute() else Path.cwd() / path
    return shown(path, root) if within(written.resolve(), root) else path.name


def checked_homes(
    config: SiteConfig, export_name: str, problems: Problems
) -> tuple[list[PackageData], Homes] | None:
    """The loaded packages and their homes, or None when they are unusable (said)."""
    packages = load_packages(config, problems, None, screen=table_screen)
    if problems:
        problems.note(export_name, 1, "-", "fix the data packages first (odx validate)")
        return None
    homes = Homes.of(packages)
    if not homes.by_package:
        problems.add(
            config.relative(config.datapackages_dir),
            1,
            "-",
            "no ODX package (profile homes/0.1) to check the responses against",
        )
        return None
    return packages, homes


def gitignore_note(config: SiteConfig, result: IntakeResult) -> None:
    """Warn when the private folder is not ignored by git."""
    if not private.ignored_by_git(config):
        result.notes.append(
            f"{config.odx.responses_dir} holds personal data and is not in .gitignore: add "
            f"'/{config.odx.responses_dir.strip('/')}/' to it so it is never committed"
        )
