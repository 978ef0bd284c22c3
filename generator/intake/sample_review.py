"""The sample landlord's review of the corrections its sample export queues: deterministic,
so that the committed sample files are what the documented commands make (docs/intake.md,
"Trying it on the sample").

The landlord decides what its records can check, and leaves the rest waiting:

- a value for a field its data leaves empty ("not known"), or a component's install year
  newer than the one recorded (a replacement the records missed): accepted;
- an install year from before the home was built: rejected, ``not-matching-records``;
- anything else (an install year older than the one recorded, another heating type):
  waits for a survey.

``python -m generator.intake.sample_review [PACKAGE] [QUEUE]`` prints the arguments of
``odx review`` that carry it out, for the package folder (``datapackages/sample-landlord``)
and the private queue (``.odx-private/responses/corrections-queue.csv``).
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.intake.sample_corrections import build_start

REASON = "not-matching-records"  # why the sample's rejections are rejected
DATE = "2026-11-20"  # the day of the sample's review, after its responses came in
PACKAGE = Path("datapackages/sample-landlord")
QUEUE = Path(".odx-private/responses/corrections-queue.csv")


@dataclass
class SampleReview:
    """The response ids the sample landlord accepts and rejects, in the queue's order."""

    accept: list[str] = field(default_factory=list)
    reject: list[str] = field(default_factory=list)

    def arguments(self) -> list[str]:
        """The arguments of ``odx review`` that carry the review out."""
        found = [f"--accept={rid}" for rid in self.accept]
        found += [f"--reject={rid}" for rid in self.reject]
        reason = [f"--reason={REASON}"] if self.reject else []
        return [*found, *reason, f"--date={DATE}"]


def sample_review(queue: list[dict[str, str]], package: Path) -> SampleReview:
    """What the sample landlord decides on the queued ``queue`` rows about ``package`` (the
    package folder; rows about another package are left alone). See the module docstring."""
    homes = {row["home_ref"]: row for row in _rows(package / "homes.csv")}
    parts = {
        (row["home_ref"], row["component_type"]): row for row in _rows(package / "components.csv")
    }
    review = SampleReview()
    for row in queue:
        ref = row["home_ref"]
        if ref not in homes:
            continue
        found = parts.get((ref, row["component_type"]), {}) if row["component_type"] else homes[ref]
        recorded = found.get(row["field"], "")
        proposed = row["proposed_value"]
        if row["field"] == "install_year" and int(proposed) < build_start(
            homes[ref]["build_period"]
        ):
            review.reject.append(row["response_id"])
        elif recorded in ("", "unknown") or (
            row["field"] == "install_year" and int(proposed) > int(recorded)
        ):
            review.accept.append(row["response_id"])
    return review


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def main(argv: list[str]) -> int:
    """Print the arguments of ``odx review`` for the sample (see the module docstring)."""
    package = Path(argv[0]) if argv else PACKAGE
    queue = Path(argv[1]) if len(argv) > 1 else QUEUE
    print(" ".join(sample_review(_rows(queue), package).arguments()))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
