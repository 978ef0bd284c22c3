"""Build a site from one package holding a single large CSV, and print what it cost.

    python benchmarks/large_resource.py --rows 1000000

Prints the wall time, rows validated per second, the build's peak resident memory and the
output size. The build runs in a child process so its peak memory is measured on its own.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIELDS = [
    {"name": "id", "type": "integer", "constraints": {"required": True, "unique": True}},
    {"name": "area", "type": "string"},
    {"name": "amount", "type": "number"},
    {"name": "recorded", "type": "date"},
    {"name": "note", "type": "string"},
]


def make_package(folder: Path, rows: int, seed: int = 1) -> Path:
    """Write a package of one resource with ``rows`` rows; return its folder."""
    rng = random.Random(seed)
    package = folder / "datapackages" / "large"
    package.mkdir(parents=True)
    areas = [f"AREA{n:02d}" for n in range(40)]
    with (package / "rows.csv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("id,area,amount,recorded,note\n")
        for number in range(1, rows + 1):
            handle.write(
                f"{number},{rng.choice(areas)},{rng.randint(0, 99999) / 100},"
                f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},"
                f"note {rng.randint(0, 999)}\n"
            )
    descriptor = {
        "name": "large",
        "title": f"Large table ({rows:,} rows)",
        "licenses": [{"name": "CC0-1.0"}],
        "resources": [{"name": "rows", "path": "rows.csv", "schema": {"fields": FIELDS}}],
    }
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=1))
    shutil.copytree(Path(__file__).resolve().parents[1] / "templates", folder / "templates")
    (folder / "mkdocs.yml").write_text("site_name: Benchmark\nplugins:\n  - odx\n")
    return folder


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        project = make_package(Path(temp), args.rows)
        csv_bytes = (project / "datapackages/large/rows.csv").stat().st_size
        start = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--config", str(project / "mkdocs.yml")],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        if completed.returncode != 0:
            sys.exit(f"build failed:\n{completed.stderr}")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        files, size = folder_size(project / "site")
        print(f"rows              {args.rows:,}")
        print(f"csv size          {csv_bytes / 1e6:.1f} MB")
        print(f"build time        {seconds:.1f} s")
        print(f"rows/s            {args.rows / seconds:,.0f}")
        print(f"peak RSS          {peak_mb:.0f} MB")
        print(f"output            {files} files, {size / 1e6:.1f} MB")
        built = next(line for line in completed.stdout.splitlines() if line.startswith("built "))
        print(f"stages            {built.split('(')[-1].rstrip(')')}")


if __name__ == "__main__":
    main()
