"""Build a site from a synthetic landlord package of N homes, and print what it cost.

    python benchmarks/scale.py                          # 1,000 and 10,000 homes
    python benchmarks/scale.py --homes 100000 --keep
    python benchmarks/scale.py --homes 10000 --jobs 1   # rendering on one core

For each N the script makes a throwaway project: ``odx sample --homes N`` writes one package
into a folder that holds nothing else, and a ``mkdocs.yml`` points the ``odx`` plugin's
``datapackages`` at that folder and ``templates`` at a copy of this repository's ``templates/``
(the build reads nothing outside its project). The build
then runs in a child process of its own, reaped with :func:`os.wait4`, so its peak resident
memory is measured apart from this script, the sample step and the other runs.

One row per N is printed, after the machine's CPU count, Python version and load average:

* pages, build wall time (interpreter start-up included), the build's CPU time (user + system,
  steadier than wall time on a busy machine) and pages per second;
* the build's peak RSS, and the output: files and bytes (apparent size);
* the average and largest size of a home's page (``homes/*/index.html``);
* the stage timings the build prints itself (config, load, rules, privacy, model, render,
  write…);
* before and after, how fast the machine runs Python at that moment (a fixed loop's CPU
  time): on a shared machine it moves a lot, and the build's times with it;
* the floor: in another child process, the time a bare Jinja2 loop takes to render the same
  home pages from plain dicts (made beforehand, untimed) and write them, on one core. The
  build's figures are read against it as ratios measured in the same run.

Targets on a 2-core machine: 100,000 homes in at most 60 s end to end, peak RSS at most
2 GB, output at most 700 MB; 1,000 homes in at most 3 s; 10 times the homes in at most 11
times the time; the build within 2 times the bare Jinja2 floor.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"

TARGETS = {  # homes → (seconds, peak RSS MB, output MB)
    1_000: (3.0, None, None),
    100_000: (60.0, 2048.0, 700.0),
}
TARGET_HOME_PAGE_BYTES = 8 * 1024
TARGET_GROWTH = 11.0  # 10 times the homes in at most 11 times the time
TARGET_FLOOR_RATIO = 2.0
FLOOR_LINE = re.compile(r"^floor (\d+) pages ([\d.]+)s$", re.MULTILINE)

BUILT_LINE = re.compile(r"^built (\d+) pages and (\d+) files into .* \((.*)\)\s*$", re.MULTILINE)
STAGE = re.compile(r"(\w+) ([\d.]+)s")


@dataclass
class Run:
    """The figures of one build."""

    homes: int
    pages: int
    files: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    output_bytes: int
    home_pages: int
    home_page_average: float
    home_page_max: int
    output_files: int = 0
    floor_seconds: float | None = None
    stages: dict[str, float] = field(default_factory=dict)


@dataclass
class Measured:
    """One child process: exit code, wall and CPU seconds, peak RSS and what it printed."""

    code: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    output: str


def parse_homes(values: list[str] | None) -> list[int]:
    """Turn repeated or comma-separated ``--homes`` values into a list of counts."""
    if not values:
        return [1_000, 10_000]
    counts: list[int] = []
    for value in values:
        for part in value.split(","):
            part = part.strip().replace("_", "")
            if not part:
                continue
            if not part.isdigit():
                raise argparse.ArgumentTypeError(
                    f"--homes takes whole numbers, e.g. 1000 or 1000,10000, not {part!r}"
                )
            count = int(part)
            if count < 1:
                raise argparse.ArgumentTypeError(f"--homes must be positive, not {count}")
            counts.append(count)
    return counts


def write_project(folder: Path, package: Path, pilot: bool = False) -> Path:
    """Write the throwaway project's ``mkdocs.yml`` beside a copy of the templates (the
    build reads nothing outside its project); return its path. With ``pilot``, only the
    homes whose cohort column says ``pilot`` are published home by home."""
    shutil.copytree(TEMPLATES, folder / "templates")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Homes benchmark\n"
        "site_url: https://example.org/odx-benchmark/\n"
        "repo_url: https://github.com/example/odx-benchmark\n"
        "plugins:\n"
        "  - odx:\n"
        f"      datapackages: {package.parent.relative_to(folder).as_posix()}\n"
        "      templates: templates\n"
        + ("      pilot: {column: cohort, value: pilot}\n" if pilot else ""),
        encoding="utf-8",
    )
    return config


def child_environment() -> dict[str, str]:
    """The environment for the child processes: this repository importable first."""
    environment = dict(os.environ)
    paths = [str(REPO), environment.get("PYTHONPATH", "")]
    environment["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    return environment


def run_measured(command: list[str], cwd: Path, log: Path) -> Measured:
    """Run ``command`` with its output in ``log``; return what it cost and what it printed.

    The child is reaped with :func:`os.wait4`, which gives the resource usage of that one
    process, unlike ``RUSAGE_CHILDREN`` which keeps the largest of every child waited for.
    """
    with log.open("w", encoding="utf-8") as handle:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT, env=child_environment()
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return Measured(
        code=process.returncode,
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / scale,
        output=log.read_text(encoding="utf-8"),
    )


def sizes(paths: list[Path]) -> list[int]:
    """The size in bytes of each file of ``paths``."""
    return [path.stat().st_size for path in paths]


def measure(
    homes: int, seed: int, folder: Path, jobs: int | None, floor: bool, pilot: bool = False
) -> Run:
    """Make the sample package and project in ``folder``, build it and measure the build."""
    folder.mkdir(parents=True)
    package = folder / "datapackages" / "sample"
    sample = [sys.executable, "-m", "generator", "sample", "--homes", str(homes)]
    sample += ["--seed", str(seed), "--out", str(package)]
    sample += ["--pilot-column", "cohort"] if pilot else []
    made = run_measured(sample, folder, folder / "sample.log")
    if made.code != 0:
        sys.exit(f"odx sample --homes {homes} failed ({made.code}):\n{made.output}")
    config = write_project(folder, package, pilot)
    site = folder / "site"
    build = [sys.executable, "-m", "generator", "build", "--config", str(config)]
    build += ["--out", str(site)] + (["--jobs", str(jobs)] if jobs else [])
    built = run_measured(build, folder, folder / "build.log")
    if built.code != 0:
        sys.exit(f"odx build failed for {homes} homes ({built.code}):\n{built.output}")
    match = BUILT_LINE.search(built.output)
    if match is None:
        sys.exit(f"no 'built … pages' line in the build's output:\n{built.output}")
    stages = {name: float(value) for name, value in STAGE.findall(match.group(3))}
    home_pages = sizes(sorted(site.glob("homes/*/index.html")))
    files = [p for p in site.rglob("*") if p.is_file()]
    return Run(
        homes=homes,
        pages=int(match.group(1)),
        files=int(match.group(2)),
        seconds=built.seconds,
        cpu_seconds=built.cpu_seconds,
        peak_rss_mb=built.peak_rss_mb,
        output_bytes=sum(sizes(files)),
        output_files=len(files),
        home_pages=len(home_pages),
        home_page_average=sum(home_pages) / len(home_pages) if home_pages else 0.0,
        home_page_max=max(home_pages, default=0),
        floor_seconds=measure_floor(config, folder) if floor else None,
        stages=stages,
    )


def measure_floor(config: Path, folder: Path) -> float:
    """Seconds a bare Jinja2 loop takes to render and write the build's home pages."""
    command = [sys.executable, str(Path(__file__).resolve()), "--floor", str(config)]
    command += ["--floor-out", str(folder / "floor")]
    done = run_measured(command, folder, folder / "floor.log")
    match = FLOOR_LINE.search(done.output)
    if done.code != 0 or match is None:
        sys.exit(f"the floor run failed ({done.code}):\n{done.output}")
    return float(match.group(2))


def floor(config: Path, out: Path, batch: int = 1_000) -> None:
    """Print ``floor N pages Ss``: the time to render and write every home page with one
    Jinja2 template from plain dicts, on one core. The dicts are made (untimed) a batch at
    a time, so memory stays flat; only ``render`` and the file write are timed."""
    from generator.build import check
    from generator.publish.render import link_maker, make_environment
    from generator.structure.discovery import head_view

    checked = check(config)
    model = checked.model
    if model is None or checked.config is None:
        sys.exit("the floor's check found problems; run the build for the report")
    template = make_environment(checked.config.templates_dir).get_template("odx_home.html")
    base_path = checked.config.base_path
    homes = [page for page in model.pages if page.template == "odx_home.html"]
    seconds = 0.0
    for start in range(0, len(homes), batch):
        contexts = [
            (
                out / page.url / "index.html",
                {
                    "site": model.site,
                    "page": {"url": page.url, "title": page.title},
                    "href": link_maker(page, base_path),
                    "head": head_view(page.head, page.url, model.site),
                    **page.values(),
                },
            )
            for page in homes[start : start + batch]
        ]
        began = time.perf_counter()
        for target, context in contexts:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(template.render(context), encoding="utf-8")
        seconds += time.perf_counter() - began
    print(f"floor {len(homes)} pages {seconds:.2f}s")


def table(runs: list[Run]) -> str:
    """The runs as a Markdown table, one row per run, one column per build stage."""
    stage_names: list[str] = []
    for run in runs:
        stage_names += [name for name in run.stages if name not in stage_names]
    header = ["homes", "pages", "build (s)", "cpu (s)", "pages/s", "peak RSS (MB)", "files"]
    header += ["output (MB)", "home page avg (B)", "floor (s)", "build / floor"]
    header += [f"{n} (s)" for n in stage_names]
    rows = [header]
    for run in runs:
        row = [
            f"{run.homes:,}",
            f"{run.pages:,}",
            f"{run.seconds:.2f}",
            f"{run.cpu_seconds:.2f}",
            f"{run.pages / run.seconds:,.0f}",
            f"{run.peak_rss_mb:.0f}",
            f"{run.output_files:,}",
            f"{run.output_bytes / 1e6:.1f}",
            f"{run.home_page_average:,.0f}",
            f"{run.floor_seconds:.2f}" if run.floor_seconds else "-",
            f"{run.seconds / run.floor_seconds:.2f}" if run.floor_seconds else "-",
        ]
        row += [f"{run.stages[n]:.2f}" if n in run.stages else "-" for n in stage_names]
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|"
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])


def verdicts(runs: list[Run]) -> list[str]:
    """One line per target the runs can be held to."""
    checks: list[tuple[str, bool, str]] = []
    for run in runs:
        seconds, rss, output = TARGETS.get(run.homes, (None, None, None))
        name = f"{run.homes:,} homes"
        if seconds is not None:
            checks.append(
                (f"{name}: build {run.seconds:.1f} s", run.seconds <= seconds, f"{seconds:g} s")
            )
        if rss is not None:
            checks.append(
                (
                    f"{name}: peak RSS {run.peak_rss_mb:.0f} MB",
                    run.peak_rss_mb <= rss,
                    f"{rss:g} MB",
                )
            )
        if output is not None:
            megabytes = run.output_bytes / 1e6
            checks.append(
                (f"{name}: output {megabytes:.0f} MB", megabytes <= output, f"{output:g} MB")
            )
        if run.home_pages:
            average = run.home_page_average
            checks.append(
                (
                    f"{name}: home page average {average / 1024:.1f} KB",
                    average <= TARGET_HOME_PAGE_BYTES,
                    "8 KB",
                )
            )
        if run.floor_seconds:
            ratio = run.seconds / run.floor_seconds
            checks.append(
                (
                    f"{name}: build / floor {ratio:.2f}",
                    ratio <= TARGET_FLOOR_RATIO,
                    f"{TARGET_FLOOR_RATIO:g}",
                )
            )
    for small in runs:
        for large in runs:
            if large.homes == 10 * small.homes:
                growth = large.seconds / small.seconds
                checks.append(
                    (
                        f"{small.homes:,} → {large.homes:,} homes: time x {growth:.1f}",
                        growth <= TARGET_GROWTH,
                        f"x {TARGET_GROWTH:g}",
                    )
                )
    return [f"{'ok  ' if ok else 'MISS'} {what} (target ≤ {limit})" for what, ok, limit in checks]


SPEED_LOOP = 3_000_000  # additions and remainders of the reference loop


def machine_speed(rounds: int = 3) -> float:
    """CPU seconds a fixed pure-Python loop takes (the least of ``rounds``): how fast this
    machine runs Python right now. On a shared machine it moves by half or more within an
    hour, and the build's times move with it: compare runs made at about the same speed."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        total = 0
        for number in range(SPEED_LOOP):
            total += number * number % 7
        best = min(best, time.process_time() - start)
    return best


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, to show when other work shared the machine."""
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


@contextmanager
def throwaway_folder(prefix: str, keep: bool) -> Iterator[Path]:
    """A temporary folder for the benchmark's projects, removed after unless ``keep``."""
    temp = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield temp
    finally:
        if keep:
            print(f"kept      {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)


def main() -> None:
    """Parse the arguments, measure each number of homes and print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--homes",
        action="append",
        metavar="N",
        help="homes in the sample package; repeat or give a comma list (default: 1000,10000)",
    )
    parser.add_argument("--seed", type=int, default=1, help="sample seed (default: 1)")
    parser.add_argument("--jobs", type=int, help="processes the build renders with (default: all)")
    parser.add_argument("--no-floor", action="store_true", help="skip the bare Jinja2 floor")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--pilot",
        action="store_true",
        help="sample with a cohort column and build with odx.pilot (about 40%% of the homes)",
    )
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)  # the floor's child
    parser.add_argument("--floor-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        floor(args.floor, args.floor_out)
        return
    try:
        counts = parse_homes(args.homes)
    except argparse.ArgumentTypeError as error:
        parser.error(str(error))

    print(f"cpus      {os.cpu_count()}")
    print(f"python    {platform.python_version()} ({platform.python_implementation()})")
    print(f"seed      {args.seed}")
    print(f"pilot     {'on' if args.pilot else 'off'}")
    print(f"load      {load_average()}")
    print(f"speed     {machine_speed():.3f} s (a fixed Python loop; lower is faster)")
    runs: list[Run] = []
    with throwaway_folder("odx-scale-", args.keep) as temp:
        for number, homes in enumerate(counts, 1):
            folder = temp / f"{number}-homes-{homes}"
            runs.append(measure(homes, args.seed, folder, args.jobs, not args.no_floor, args.pilot))
    print(f"load now  {load_average()}")
    print(f"speed now {machine_speed():.3f} s")
    print()
    print(table(runs))
    lines = verdicts(runs)
    if lines:
        print()
        print("\n".join(lines))


if __name__ == "__main__":
    main()
