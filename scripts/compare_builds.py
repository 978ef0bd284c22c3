"""Check that the working tree builds the same sites, byte for byte, as another revision.

Run it before and after a change that must not change the output (a refactor):

    .venv/bin/python scripts/compare_builds.py --base main
    .venv/bin/python scripts/compare_builds.py --base HEAD~3 --homes 10000

It checks out ``--base`` in a temporary git worktree and builds, with each tree's own
generator and templates and without the cache:

1. the repository's sample site (its ``mkdocs.yml``, packages, posts and pages);
2. a project holding one ``odx sample --homes N --seed 1`` package (made once, by the base
   revision, so that both sides build the very same data).

It prints every file that differs, is missing or is extra, and exits 1 when any does.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(command: list[str], cwd: Path) -> None:
    """Run ``command`` in ``cwd``; stop with its output when it fails."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{done.stdout}{done.stderr}")


def build(tree: Path, config: Path, out: Path) -> None:
    """Build ``config`` with the generator of ``tree`` into ``out``."""
    run([sys.executable, "-m", "generator", "build", "--config", str(config),
         "--out", str(out), "--no-cache"], cwd=tree)  # fmt: skip


def sample_project(tree: Path, package: Path, root: Path) -> Path:
    """A project in ``root`` with ``tree``'s templates and the sample ``package``."""
    root.mkdir(parents=True)
    shutil.copytree(tree / "templates", root / "templates")
    shutil.copytree(package, root / "datapackages" / package.name)
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Compare\nsite_url: https://example.org/compare/\n"
        "plugins:\n  - odx:\n      datapackages: datapackages\n      templates: templates\n",
        encoding="utf-8",
    )
    return config


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between the two folders, or exist in one only."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"only in base: {prefix}{name}" for name in compared.left_only)
        found.extend(f"only in working tree: {prefix}{name}" for name in compared.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            compared.left, compared.right, compared.common_files, shallow=False
        )
        found.extend(f"differs: {prefix}{name}" for name in [*mismatch, *errors])
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="HEAD", help="revision to compare with (HEAD)")
    parser.add_argument("--homes", type=int, default=10_000, help="homes of the sample package")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="odx-compare-") as temp:
        work = Path(temp)
        base = work / "base"
        run(["git", "worktree", "add", "--detach", str(base), args.base], cwd=REPO)
        try:
            current = work / "current"  # the working tree as it is, uncommitted changes too
            shutil.copytree(
                REPO,
                current,
                ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".odx-*"),
            )
            problems: list[str] = []
            for tree in (base, current):
                build(tree, tree / "mkdocs.yml", tree / "compared-site")
            problems += [
                f"sample site: {line}"
                for line in differences(base / "compared-site", current / "compared-site")
            ]
            package = work / "package" / "sample-landlord"
            run([sys.executable, "-m", "generator", "sample", "--homes", str(args.homes),
                 "--seed", "1", "--out", str(package)], cwd=base)  # fmt: skip
            for name, tree in (("base", base), ("current", current)):
                config = sample_project(tree, package, work / f"{name}-homes")
                build(tree, config, config.parent / "site")
            problems += [
                f"{args.homes:,}-home site: {line}"
                for line in differences(
                    work / "base-homes" / "site", work / "current-homes" / "site"
                )
            ]
        finally:
            run(["git", "worktree", "remove", "--force", str(base)], cwd=REPO)
    for line in problems:
        print(line)
    print(
        "the same sites, byte for byte"
        if not problems
        else f"{len(problems)} difference{'s' if len(problems) != 1 else ''}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
