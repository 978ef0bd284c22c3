"""Build a site from a synthetic landlord package of N homes, change one thing, build again.

    python benchmarks/rebuild.py                        # 10,000 homes
    python benchmarks/rebuild.py --homes 100000 --keep

The target: a rebuild after changing one post, one resource entry or one template rewrites only
what changed and finishes in at most 5 s on the 100,000-home site; unchanged files keep their
modification time.

The script makes a throwaway project: ``odx sample --homes N`` writes one package (named
``sample-landlord``) into a folder that holds nothing else; this repository's ``templates/``,
``insights/`` (posts and ``authors.yml``), ``pages/`` (the posts link to them) and
``resources.yml`` are copied next to it, so the edits below never touch the repository; a
``mkdocs.yml`` points the ``odx`` plugin at them. The repository's posts draw charts and tables
from ``sample-landlord``, which the sample satisfies.

A first, full build runs in a child process of its own. Then the project is changed one step
at a time, each step on top of the last, and after each step the site is built again, in a
child process reaped with :func:`os.wait4` (wall time with interpreter start-up, and peak RSS):

a. nothing changed;
b. one post edited: one word of the body of one ``insights/*.md`` post;
c. one resource entry edited: the title of one entry of ``resources.yml``;
d. one template the tenant view does not use: a comment in ``post.html``;
e. one template the tenant view uses: a comment in ``odx_home.html``. Every home page is
   rendered again, so this one is slow; it is shown for information, not held to the target.

Before each rebuild the modification time of every file of the site is recorded; after it, the
files whose time changed, the files added and the files removed are counted ("rewritten" is the
first two), with a few of their names, next to what the build says it kept from the previous
build. The table follows, then the verdicts: (a) to (d) within 5 s, (a) rewrote nothing, and
(b) to (d) rewrote nothing under ``homes/`` or ``areas/``.

A part carries over only while the generator's own code stays the same (its fingerprint hashes
the package), so the script hashes ``generator/`` around each build too, and marks with ``*``
a build when the code changed between it and the build before: its figures are not a fair test.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # the generator of this checkout

import scale  # the sibling benchmark: its measured child runs and build-line pattern

from generator.load.validation_cache import source_fingerprint

REPO = scale.REPO
TARGET_SECONDS = 5.0
TENANT_VIEW = ("homes/", "areas/")
EXAMPLES = 3
COMMENT = "<!-- rebuild benchmark -->"

KEPT_LINE = re.compile(r"^kept from the previous build, unchanged: (.*?); ", re.MULTILINE)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
BODY_WORD = re.compile(r"\b[a-z]{5,}\b")
RESOURCE_TITLE = re.compile(r'^(\s*- title: )"([^"]*)"', re.MULTILINE)


@dataclass
class Step:
    """One build: what was changed before it, what it cost and what it did to the site."""

    label: str
    change: str
    seconds: float
    peak_rss_mb: float
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    stages: str = ""
    timed: bool = True  # held to the 5 s target
    full: bool = False  # the first build: nothing to compare with
    code_changed: bool = False  # the generator's code changed since the build before

    @property
    def rewritten(self) -> list[str]:
        """Files whose modification time changed, and files that were not there before."""
        return self.changed + self.added

    def touched(self, prefixes: tuple[str, ...]) -> list[str]:
        """Files rewritten or removed under any of ``prefixes``."""
        return [p for p in self.rewritten + self.removed if p.startswith(prefixes)]


def write_project(folder: Path, package: Path) -> Path:
    """Copy the templates, posts and resources list into ``folder`` and write ``mkdocs.yml``."""
    shutil.copytree(REPO / "templates", folder / "templates")
    shutil.copytree(REPO / "insights", folder / "insights")
    shutil.copytree(REPO / "pages", folder / "pages")
    shutil.copy2(REPO / "resources.yml", folder / "resources.yml")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Rebuild benchmark\n"
        "site_url: https://example.org/odx-benchmark/\n"
        "repo_url: https://github.com/example/odx-benchmark\n"
        "plugins:\n"
        "  - odx:\n"
        f"      datapackages: {package.parent.relative_to(folder)}\n"
        "      templates: templates\n"
        "      insights: insights\n"
        "      resources: resources.yml\n"
        "      pages: pages\n",
        encoding="utf-8",
    )
    return config


def code_hash() -> str:
    """A hash of the generator package's files. Parts carry over only while it stays the same,
    so a change to the code during a run (another checkout's work, say) spoils the comparison."""
    return source_fingerprint(REPO / "generator")


def mtimes(root: Path) -> dict[str, int]:
    """Every file under ``root`` (as a ``/`` path relative to it) → its mtime in nanoseconds."""
    found: dict[str, int] = {}
    pending = [(str(root), "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, name + "/"))
                else:
                    found[name] = entry.stat(follow_symlinks=False).st_mtime_ns
    return found


def replace_once(path: Path, pattern: re.Pattern[str], new: Callable[[re.Match[str]], str]) -> str:
    """Replace the first match of ``pattern`` in ``path`` (after any front matter); describe it."""
    text = path.read_text(encoding="utf-8")
    head = FRONT_MATTER.match(text) if path.suffix == ".md" else None
    start = head.end() if head else 0
    match = pattern.search(text, start)
    if match is None:
        sys.exit(f"nothing to change in {path.name}: no match for {pattern.pattern!r}")
    replacement = new(match)
    path.write_text(text[: match.start()] + replacement + text[match.end() :], encoding="utf-8")
    return f"{match.group(0).strip()!r} → {replacement.strip()!r}"


def insert_after(path: Path, marker: str, before: bool = False) -> str:
    """Put :data:`COMMENT` just after (or before) the first ``marker`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    at = text.find(marker)
    if at < 0:
        sys.exit(f"{marker!r} is not in {path.name}")
    at = at if before else at + len(marker)
    path.write_text(text[:at] + COMMENT + text[at:], encoding="utf-8")
    return f"a comment {'before' if before else 'after'} {marker}"


def edit_post(project: Path) -> str:
    """Change one word of the body of the first post."""
    post = sorted((project / "insights").glob("*.md"))[0]
    done = replace_once(post, BODY_WORD, lambda m: m.group(0).upper())
    return f"insights/{post.name}: {done}"


def edit_resource(project: Path) -> str:
    """Change the title of the first entry of the resources list."""
    path = project / "resources.yml"
    done = replace_once(path, RESOURCE_TITLE, lambda m: f'{m.group(1)}"{m.group(2)} (edited)"')
    return f"resources.yml: {done}"


def edit_template(project: Path, name: str, marker: str, before: bool = False) -> str:
    """Put a comment into the template ``name`` next to ``marker``."""
    return f"{name}: {insert_after(project / 'templates' / name, marker, before)}"


def build(label: str, change: str, config: Path, site: Path, log: Path) -> Step:
    """Build the project in a child process; compare the site's files before and after."""
    before = mtimes(site) if site.is_dir() else {}
    command = [sys.executable, "-m", "generator", "build", "--config", str(config)]
    command += ["--out", str(site)]
    done = scale.run_measured(command, config.parent, log)
    if done.code != 0:
        sys.exit(f"odx build failed after {change} ({done.code}):\n{done.output}")
    after = mtimes(site)
    built = scale.BUILT_LINE.search(done.output)
    kept = KEPT_LINE.search(done.output)
    return Step(
        label=label,
        change=change,
        seconds=done.seconds,
        peak_rss_mb=done.peak_rss_mb,
        changed=sorted(p for p, t in after.items() if p in before and before[p] != t),
        added=sorted(p for p in after if p not in before),
        removed=sorted(p for p in before if p not in after),
        kept=kept.group(1).split(", ") if kept else [],
        stages=built.group(3) if built else "",
        full=not before,
    )


def describe(step: Step, detail: str) -> None:
    """Print what one build cost and did."""
    print(f"{step.label}. {step.change}" + (f" ({detail})" if detail else ""))
    print(f"   {step.seconds:.2f} s, peak RSS {step.peak_rss_mb:.0f} MB; build: {step.stages}")
    if step.code_changed:
        print("   note: the generator's code changed since the build before: parts are made again")
    if step.full:
        return
    counts = f"{len(step.changed):,} changed, {len(step.added):,} added"
    print(f"   rewritten: {len(step.rewritten):,} files ({counts}), removed: {len(step.removed):,}")
    if step.rewritten or step.removed:
        examples = (step.changed + step.added + step.removed)[:EXAMPLES]
        print(f"   e.g. {', '.join(examples)}")
    print(f"   kept: {', '.join(step.kept) if step.kept else 'nothing'}")


def table(steps: list[Step]) -> str:
    """The builds as a Markdown table, one row per build."""
    header = ["change", "seconds", "peak RSS (MB)", "rewritten files", "removed", "kept parts"]
    rows = [header]
    for step in steps:
        rows.append(
            [
                f"{step.label}. {step.change}" + (" *" if step.code_changed else ""),
                f"{step.seconds:.2f}",
                f"{step.peak_rss_mb:.0f}",
                "all" if step.full else f"{len(step.rewritten):,}",
                "-" if step.full else f"{len(step.removed):,}",
                ", ".join(step.kept) if step.kept else "-",
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    right = [False, True, True, True, True, False]

    def line(cells: list[str]) -> str:
        padded = (
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        )
        return "| " + " | ".join(padded) + " |"

    ends = (":" if r else "-" for r in right)
    rule = "|" + "|".join("-" * (w + 1) + e for w, e in zip(widths, ends, strict=True)) + "|"
    lines = [line(rows[0]), rule, *(line(row) for row in rows[1:])]
    if any(step.code_changed for step in steps):
        lines.append("* the generator's code changed between this build and the one before")
    return "\n".join(lines)


def verdicts(steps: list[Step]) -> list[str]:
    """One line per target: the time of (a) to (d), and which files they rewrote."""
    checks: list[tuple[bool, str]] = []
    for step in steps:
        if step.full:
            continue
        name = f"{step.label}. {step.change}" + (" *" if step.code_changed else "")
        if step.timed:
            checks.append(
                (
                    step.seconds <= TARGET_SECONDS,
                    f"{name}: {step.seconds:.1f} s "
                    f"(target ≤ {TARGET_SECONDS:g} s on 100,000 homes)",
                )
            )
        if step.label == "a":
            count = len(step.rewritten) + len(step.removed)
            checks.append((count == 0, f"{name}: {count:,} files rewritten or removed (target 0)"))
        elif step.timed:
            touched = step.touched(TENANT_VIEW)
            shown = f" (e.g. {', '.join(touched[:EXAMPLES])})" if touched else ""
            checks.append(
                (
                    not touched,
                    f"{name}: {len(touched):,} files rewritten or removed under "
                    f"{' or '.join(TENANT_VIEW)}{shown} (target 0)",
                )
            )
    lines = [f"{'ok  ' if ok else 'MISS'} {what}" for ok, what in checks]
    if any(step.code_changed for step in steps):
        lines.append(
            "note: the generator's code changed during the run; run again for fair figures"
        )
    return lines


def run(homes: int, seed: int, folder: Path) -> list[Step]:
    """Make the project in ``folder``, build it, then change it step by step and rebuild."""
    package = folder / "datapackages" / "sample"
    sample = [sys.executable, "-m", "generator", "sample", "--homes", str(homes)]
    sample += ["--seed", str(seed), "--out", str(package)]
    made = scale.run_measured(sample, folder, folder / "sample.log")
    if made.code != 0:
        sys.exit(f"odx sample --homes {homes} failed ({made.code}):\n{made.output}")
    config = write_project(folder, package)
    site = folder / "site"
    changes: list[tuple[str, str, Callable[[], str], bool]] = [
        ("0", "first build", lambda: "", False),
        ("a", "nothing changed", lambda: "", True),
        ("b", "one post edited", lambda: edit_post(folder), True),
        ("c", "one resource entry edited", lambda: edit_resource(folder), True),
        (
            "d",
            "post.html edited",
            lambda: edit_template(folder, "post.html", "</article>", before=True),
            True,
        ),
        (
            "e",
            "odx_home.html edited (every home)",
            lambda: edit_template(folder, "odx_home.html", "{% block main %}"),
            False,
        ),
    ]
    steps: list[Step] = []
    codes: set[str] = set()  # the code's hashes around the build before
    for label, change, edit, timed in changes:
        detail = edit()
        before = code_hash()
        step = build(label, change, config, site, folder / f"build-{label}.log")
        around = {before, code_hash()}
        step.timed = timed
        step.code_changed = bool(codes) and len(codes | around) > 1
        codes = around
        describe(step, detail)
        steps.append(step)
    print()
    print(f"site      {len(mtimes(site)):,} files after the last build")
    return steps


def main() -> None:
    """Parse the arguments, build and rebuild, and print the table and verdicts."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--homes", type=int, default=10_000, metavar="N", help="homes (default: 10000)"
    )
    parser.add_argument("--seed", type=int, default=1, help="sample seed (default: 1)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    if args.homes < 1:
        parser.error(f"--homes must be positive, not {args.homes}")

    print(f"cpus      {os.cpu_count()}")
    print(f"python    {platform.python_version()} ({platform.python_implementation()})")
    print(f"homes     {args.homes:,}")
    print(f"seed      {args.seed}")
    print(f"load      {scale.load_average()}")
    print()
    with scale.throwaway_folder("odx-rebuild-", args.keep) as temp:
        steps = run(args.homes, args.seed, temp)
    print(f"load now  {scale.load_average()}")
    print()
    print(table(steps))
    print()
    print("\n".join(verdicts(steps)))


if __name__ == "__main__":
    main()
