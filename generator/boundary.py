"""The project's boundary, checked before the build reads (past the config) or writes anything.

See :mod:`generator.core.confinement` for the rules; this module applies them to the
configuration: the config file, the folder options, the inputs and the output folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.config import SiteConfig, load_config
from generator.core.confinement import LINK_FIX, NEVER_READ, ODD_FIX, locate, shown, within
from generator.core.problems import Problems

FOLDER_OPTIONS = ("datapackages", "templates", "insights", "pages", "cache_dir")


def check_config_file(config_path: Path, problems: Problems) -> bool:
    """The config file defines the project: it may not be a link to a file elsewhere."""
    if not config_path.is_symlink():
        return True
    problems.add(config_path.name, 1, "-", f"is a symbolic link; {LINK_FIX}")
    return False


def confine(
    config: SiteConfig, problems: Problems, out: Path | None = None, outside_ok: bool = False
) -> bool:
    """Check the folder options, the output folder and every input for links; record each
    problem, located, and return whether the build may go on.

    ``out`` is the output folder given on the command line (default: ``site_dir``);
    ``outside_ok`` lets it lie outside the project (the temporary folder of ``mkdocs serve``).
    """
    before = len(problems)
    config_file = config.relative(config.config_path)
    options = [(f"odx.{name}", getattr(config.odx, name)) for name in FOLDER_OPTIONS]
    for setting, value in [*options, ("odx.resources", config.odx.resources)]:
        wrong = _option_problem(config.root / value, config.root)
        if wrong:
            named = "the absolute path" if Path(value).is_absolute() else f"'{value}'"
            problems.add(config_file, config.line_of(setting), setting, f"{named} {wrong}")
    if len(problems) > before:
        return False
    site_dir = config.root / config.site_dir
    wrong = output_problem(site_dir, config, outside_ok and out is None)
    if wrong:
        problems.add(
            config_file, config.line_of("site_dir"), "site_dir", f"the output folder {wrong}"
        )
    elif out is not None and os.path.realpath(out) != os.path.realpath(site_dir):
        wrong = output_problem(out, config, outside_ok)
        if wrong:
            problems.add(config_file, 1, "--out", f"the output folder {wrong}")
    if len(problems) > before:
        return False
    check_inputs(config, problems)
    return len(problems) == before


_OPTION_WRONG = {
    "outside": "leads out of the project (the folder of mkdocs.yml), and the build never "
    "reads or writes outside it; give a path inside the project",
    "git": "is inside .git/, which the build never reads or writes; choose another folder",
    "link": "leads through a symbolic link; the build follows no links: give the real path",
}


def _option_problem(path: Path, root: Path) -> str | None:
    where = locate(path, root)
    if where.wrong is not None:
        return _OPTION_WRONG[where.wrong]
    if where.real == root:
        return "is the project folder itself; give a folder inside it"
    return None


def output_problem(out: Path, config: SiteConfig, outside_ok: bool = False) -> str | None:
    """What makes ``out`` unusable as the output folder (which a build replaces as a whole),
    or None. The sentence names the folder and says how to fix it."""
    root = config.root
    where = locate(out, root)
    named = f"'{shown(out, root)}'"
    own = "; use a folder of its own inside the project, e.g. site"
    if within(root, where.real):
        return f"{named} is the project or holds it: building there would delete the project{own}"
    if where.wrong == "outside" and not outside_ok:
        return (
            f"{named} is outside the project (the folder of mkdocs.yml), and the build never "
            f"writes outside it{own}"
        )
    if where.wrong == "git":
        return f"{named} is inside .git/, which the build never writes{own}"
    if where.wrong == "link":
        return f"{named} leads through a symbolic link, and the build follows no links{own}"
    for label, path, folder in _inputs(config):
        real = Path(os.path.realpath(path))
        if within(real, where.real):
            return f"{named} is or holds {label}: building there would delete it{own}"
        if folder and real in where.real.parents:
            return f"{named} lies inside {label}, which the build reads{own}"
    if not _empty_or_site(where.real):
        return (
            f"{named} already holds files that are not a site odx built (it has no index.html "
            f"and 404.html at its top): building there would delete them{own}, or empty it "
            "first if nothing in it is needed"
        )
    return None


def _empty_or_site(folder: Path) -> bool:
    """Whether ``folder`` is missing, empty, or looks like a site a build wrote (the pages
    every site has), so that replacing it loses nothing: never ``generator/`` or ``docs/``."""
    try:
        with os.scandir(folder) as entries:
            names = {entry.name for entry in entries}
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    # every odx site has both pages; MkDocs' own output (written into site_dir before the
    # plugin builds, once the folder was checked) has a 404 page and a zipped sitemap
    return (
        not names or {"index.html", "404.html"} <= names or {"404.html", "sitemap.xml.gz"} <= names
    )


def _inputs(config: SiteConfig) -> list[tuple[str, Path, bool]]:
    """What the build reads, as (how messages name it, path, whether it is a folder)."""
    odx = config.odx
    return [
        (f"the data packages folder '{odx.datapackages}'", config.datapackages_dir, True),
        (f"the templates folder '{odx.templates}'", config.templates_dir, True),
        (f"the insights folder '{odx.insights}'", config.insights_dir, True),
        (f"the pages folder '{odx.pages}'", config.pages_dir, True),
        (f"the cache folder '{odx.cache_dir}'", config.root / odx.cache_dir, True),
        (f"the config file '{config.config_path.name}'", config.config_path, False),
        (f"the resources list '{odx.resources}'", config.resources_path, False),
    ]


def check_inputs(config: SiteConfig, problems: Problems) -> None:
    """Refuse every symbolic link, pipe, socket or device in the input folders and the
    resources list, each located at its own path (``.git`` folders are not looked into:
    the build never reads them)."""
    seen: set[Path] = set()
    folders = [config.datapackages_dir, config.templates_dir, config.insights_dir, config.pages_dir]
    for path in [*(p for f in folders for p in _entries(f)), config.resources_path]:
        wrong = _odd(path, config.root)
        if wrong and path not in seen:
            seen.add(path)
            problems.add(shown(path, config.root), 1, "-", wrong)


def _entries(folder: Path) -> list[Path]:
    """Every entry below ``folder``; links are listed, never followed; ``.git`` is skipped."""
    found: list[Path] = []
    pending = [folder]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.name == NEVER_READ:
                        continue
                    found.append(Path(entry.path))
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
        except OSError:  # missing (reported elsewhere) or unreadable
            continue
    return found


def _odd(path: Path, root: Path) -> str | None:
    """What is wrong with one entry (not followed): a link, or neither a file nor a folder."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return f"is a symbolic link{_leads(path, root)}; {LINK_FIX}"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return ODD_FIX
    return None


def _leads(link: Path, root: Path) -> str:
    """Where a link leads, in words that show no machine path."""
    where = locate(link, root)
    if where.wrong == "outside":
        return " that leads out of the project"
    if where.wrong == "git":
        return " into .git/"
    return ""


def read_confined_config(
    config_path: Path, problems: Problems, out: Path | None = None, outside_ok: bool = False
) -> SiteConfig | None:
    """The config, read and validated, once every folder and input is confined to the
    project and the output folder is one a build may replace (see
    :mod:`generator.core.confinement`); problems go to ``problems``. The one place every build
    (``odx build``, ``odx serve``, the MkDocs plugin) passes before anything is written."""
    if not check_config_file(config_path, problems):
        return None
    config = load_config(config_path, problems)
    if config is not None:
        confine(config, problems, out, outside_ok)
    return config


def confined_config(config_path: Path, problems: Problems) -> SiteConfig | None:
    """The config only when it and the project's boundary pass every check: for the
    commands that take tenants' responses in, which go no further on any problem."""
    before = len(problems)
    config = read_confined_config(config_path, problems)
    return config if config is not None and len(problems) == before else None
