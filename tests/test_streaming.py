"""A resource of a million rows validates and builds in bounded memory."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from helpers import REPO


@pytest.mark.slow
def test_a_million_row_resource_builds_with_peak_memory_under_500_mb():
    completed = subprocess.run(
        [sys.executable, str(REPO / "benchmarks/large_resource.py"), "--rows", "1000000"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert completed.returncode == 0, completed.stderr
    figures = dict(re.findall(r"^(\w[\w/ ]*?)\s{2,}(.+)$", completed.stdout, re.MULTILINE))
    assert figures["rows"] == "1,000,000"
    peak_mb = float(figures["peak RSS"].split()[0])
    assert peak_mb < 500, completed.stdout
