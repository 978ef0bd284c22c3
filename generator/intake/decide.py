"""The ``odx review`` and ``odx intake`` command lines: review's arguments and usage
errors, and the report of each.

Kept light to import (the work is in :mod:`generator.intake.review` and
:mod:`generator.intake.run`, imported when run).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from typing import Any

from generator.core.formatting import plural
from generator.core.problems import Problems
from generator.intake.private import REASONS


def add_review_command(commands: Any) -> argparse.ArgumentParser:
    """Add ``review`` to the sub-commands ``commands``; return its parser."""
    review: argparse.ArgumentParser = commands.add_parser(
        "review",
        help="decide on tenants' corrections queued by odx intake",
        description="Accept or reject corrections waiting in the private queue "
        "(odx.responses_dir/corrections-queue.csv, by their response_id). Each decision "
        "moves the correction into its package's corrections.csv (status, year decided) and "
        "keeps its provenance (channel, month, reason) privately in decisions.csv. Deciding "
        "an id again adds nothing; an unknown id, or a package without a corrections "
        "resource, stops the run and nothing is written (exit 1). See docs/intake.md.",
    )
    review.add_argument(
        "--accept", action="append", default=[], metavar="ID", help="accept this correction"
    )
    review.add_argument(
        "--reject", action="append", default=[], metavar="ID", help="reject this correction"
    )
    review.add_argument(
        "--reason",
        choices=REASONS,
        default=None,
        help="why the corrections given with --reject are rejected (required with --reject)",
    )
    review.add_argument(
        "--date",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day the decisions were made, if not today: its year goes into "
        "corrections.csv (decided_year), its month privately into decisions.csv",
    )
    return review


def _day(text: str) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as 2026-11-30"
        ) from None
    if day > datetime.date.today():
        raise argparse.ArgumentTypeError(f"{text} is after today; decisions are made by now")
    return day


def check_review(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage errors of ``odx review`` argparse cannot see (exit 2)."""
    if not args.accept and not args.reject:
        parser.error("review: name a correction to decide on with --accept ID or --reject ID")
    if args.reject and args.reason is None:
        parser.error(f"review: --reject needs --reason, one of {', '.join(REASONS)}")
    if args.reason is not None and not args.reject:
        parser.error("review: --reason is for rejections; give --reject ID with it")
    both = sorted(set(args.accept) & set(args.reject))
    if both:
        parser.error(f"review: {both[0]} is both accepted and rejected; choose one")


def run_review(args: argparse.Namespace, report: Callable[[Problems], None]) -> int:
    """Carry out ``odx review``; return its exit code (0, or 1 when nothing was decided)."""
    from generator.intake.review import Decision, review

    decisions = [Decision(i, "accepted") for i in args.accept]
    decisions += [Decision(i, "rejected", args.reason) for i in args.reject]
    result = review(decisions, args.config, args.date)
    report(result.problems)
    if result.problems:
        print("review: nothing decided; fix the problems above and run it again", file=sys.stderr)
        return 1
    for line in result.already:
        print(f"note: {line}; nothing added", file=sys.stderr)
    print(
        f"review: {plural(result.accepted, 'correction')} accepted, {result.rejected:,} "
        "rejected, recorded in the packages' corrections.csv"
    )
    return 0


def run_intake(args: argparse.Namespace, report: Callable[[Problems], None]) -> int:
    """Carry out ``odx intake``; return its exit code (0, or 1 when nothing was taken in)."""
    from generator.intake.form import ROBOT
    from generator.intake.run import intake

    result = intake(args.export, args.config, args.mapping)
    report(result.problems)
    if result.problems:
        print("intake: nothing taken in; fix the problems above and run it again", file=sys.stderr)
        return 1
    for kept in result.skipped.notes:
        print(f"note: {kept}", file=sys.stderr)
    for problem in result.skipped:  # reported and left out; the others are taken in
        print(f"skipped: {problem}", file=sys.stderr)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    skipped = len(result.skipped)
    if result.issues:
        print(
            f"intake: {plural(result.queued, 'correction')} queued for review, "
            f"{result.held:,} held for review (personal data or markup in the text), "
            f"{skipped:,} skipped (bad: see above), {result.not_corrections:,} not corrections "
            f"(no 'correction' label), {result.decided:,} already decided, "
            f"{result.already:,} already taken in; kept privately in {result.folder}"
        )
        return 0
    print(
        f"intake: {plural(result.added, 'response')} added, "
        f"{plural(result.queued, 'correction')} queued for review, "
        f"{result.held:,} held for review (personal data or markup in the text), "
        f"{skipped:,} skipped (bad: see above), {result.robots:,} dropped ({ROBOT}), "
        f"{result.already:,} already taken in; "
        f"kept privately in {result.folder}"
    )
    return 0
