"""Build a site from a synthetic landlord package of N homes, and print what it cost.

    python benchmarks/homes.py                      # 1,000 and 10,000 homes
    python benchmarks/homes.py --homes 50000 --keep

For each N the script makes a throwaway project: ``odx sample --homes N`` writes one package
into a folder that holds nothing else, and a ``mkdocs.yml`` points the ``odx`` plugin's
``datapackages`` at that folder and ``templates`` at this repository's ``templates/``. The build
then runs in a child process of its own, reaped with :func:`os.wait4`, so its peak resident
memory is measured apart from this script, the sample step and the other runs.

One row per N is printed, after the machine's CPU count, Python version and load average:

* pages, build wall time (interpreter start-up included), the build's CPU time (user + system,
  steadier than wall time on a busy machine) and pages per second;
* the build's peak RSS and the size of everything it wrote;
* the average and largest size of a home's page (``homes/*/index.html``);
* the stage timings the build prints itself (config, load, rules, privacy, model, render,
  write).

Targets: 10,000 homes build in at most 20 s on a 2-core machine into at most 80 MB of output,
and a home's page is at most 8 KB on average.
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
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"

TARGET_HOMES = 10_000
TARGET_SECONDS = 20.0
TARGET_OUTPUT_MB = 80.0
TARGET_HOME_PAGE_BYTES = 8 * 1024

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


def write_project(folder: Path, package: Path) -> Path:
    """Write the throwaway project's ``mkdocs.yml``; return its path."""
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Homes benchmark\n"
        "site_url: https://example.org/odx-benchmark/\n"
        "repo_url: https://github.com/example/odx-benchmark\n"
        "plugins:\n"
        "  - odx:\n"
        f"      datapackages: {package.parent}\n"
        f"      templates: {TEMPLATES}\n",
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


def measure(homes: int, seed: int, folder: Path) -> Run:
    """Make the sample package and project in ``folder``, build it and measure the build."""
    folder.mkdir(parents=True)
    package = folder / "datapackages" / "sample"
    sample = [sys.executable, "-m", "generator", "sample", "--homes", str(homes)]
    sample += ["--seed", str(seed), "--out", str(package)]
    made = run_measured(sample, folder, folder / "sample.log")
    if made.code != 0:
        sys.exit(f"odx sample --homes {homes} failed ({made.code}):\n{made.output}")
    config = write_project(folder, package)
    site = folder / "site"
    build = [sys.executable, "-m", "generator", "build", "--config", str(config)]
    build += ["--out", str(site)]
    built = run_measured(build, folder, folder / "build.log")
    if built.code != 0:
        sys.exit(f"odx build failed for {homes} homes ({built.code}):\n{built.output}")
    match = BUILT_LINE.search(built.output)
    if match is None:
        sys.exit(f"no 'built … pages' line in the build's output:\n{built.output}")
    stages = {name: float(value) for name, value in STAGE.findall(match.group(3))}
    home_pages = sizes(sorted(site.glob("homes/*/index.html")))
    return Run(
        homes=homes,
        pages=int(match.group(1)),
        files=int(match.group(2)),
        seconds=built.seconds,
        cpu_seconds=built.cpu_seconds,
        peak_rss_mb=built.peak_rss_mb,
        output_bytes=sum(sizes([p for p in site.rglob("*") if p.is_file()])),
        home_pages=len(home_pages),
        home_page_average=sum(home_pages) / len(home_pages) if home_pages else 0.0,
        home_page_max=max(home_pages, default=0),
        stages=stages,
    )


def table(runs: list[Run]) -> str:
    """The runs as a Markdown table, one row per run, one column per build stage."""
    stage_names: list[str] = []
    for run in runs:
        stage_names += [name for name in run.stages if name not in stage_names]
    header = ["homes", "pages", "build (s)", "cpu (s)", "pages/s", "peak RSS (MB)", "output (MB)"]
    header += ["home page avg (B)", "home page max (B)"] + [f"{n} (s)" for n in stage_names]
    rows = [header]
    for run in runs:
        row = [
            f"{run.homes:,}",
            f"{run.pages:,}",
            f"{run.seconds:.2f}",
            f"{run.cpu_seconds:.2f}",
            f"{run.pages / run.seconds:,.0f}",
            f"{run.peak_rss_mb:.0f}",
            f"{run.output_bytes / 1e6:.1f}",
            f"{run.home_page_average:,.0f}",
            f"{run.home_page_max:,}",
        ]
        row += [f"{run.stages[n]:.2f}" if n in run.stages else "-" for n in stage_names]
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|"
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])


def verdicts(runs: list[Run]) -> list[str]:
    """One line per target, for the runs of exactly :data:`TARGET_HOMES` homes."""
    lines = []
    for run in runs:
        if run.homes != TARGET_HOMES:
            continue
        output_mb = run.output_bytes / 1e6
        checks = [
            (f"build {run.seconds:.1f} s", run.seconds <= TARGET_SECONDS, f"{TARGET_SECONDS:g} s"),
            (
                f"output {output_mb:.1f} MB",
                output_mb <= TARGET_OUTPUT_MB,
                f"{TARGET_OUTPUT_MB:g} MB",
            ),
            (
                f"home page average {run.home_page_average / 1024:.1f} KB",
                run.home_page_average <= TARGET_HOME_PAGE_BYTES,
                f"{TARGET_HOME_PAGE_BYTES // 1024} KB",
            ),
        ]
        for what, ok, limit in checks:
            mark = "ok  " if ok else "MISS"
            lines.append(f"{mark} {run.homes:,} homes: {what} (target ≤ {limit})")
    return lines


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, to show when other work shared the machine."""
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


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
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    try:
        counts = parse_homes(args.homes)
    except argparse.ArgumentTypeError as error:
        parser.error(str(error))

    print(f"cpus      {os.cpu_count()}")
    print(f"python    {platform.python_version()} ({platform.python_implementation()})")
    print(f"seed      {args.seed}")
    print(f"load      {load_average()}")
    temp = Path(tempfile.mkdtemp(prefix="odx-homes-"))
    runs: list[Run] = []
    try:
        for number, homes in enumerate(counts, 1):
            runs.append(measure(homes, args.seed, temp / f"{number}-homes-{homes}"))
    finally:
        if args.keep:
            print(f"kept      {temp}")
        else:
            shutil.rmtree(temp, ignore_errors=True)
    print(f"load now  {load_average()}")
    print()
    print(table(runs))
    lines = verdicts(runs)
    if lines:
        print()
        print("\n".join(lines))


if __name__ == "__main__":
    main()
