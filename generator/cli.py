"""The ``odx`` command: build, validate, serve, sample, the privacy report, and taking
tenants' responses in (intake, review, intake-issue).

Exit codes: 0 success; 1 the input has errors (data, descriptor, config, template);
2 usage error; 3 internal error (a bug in the generator: please report it).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.config import describe_options
from generator.core.formatting import plural
from generator.core.formatting import size as format_size
from generator.core.problems import Problems, format_report, github_annotations
from generator.core.workers import WorkerLost
from generator.intake.decide import add_review_command, check_review

if TYPE_CHECKING:
    from generator.build import BuildResult, CheckResult

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_BUG, EXIT_STOPPED = 0, 1, 2, 3, 4


def _options_epilog() -> str:
    rows = "\n".join(
        f"  {name:<26} default {default:<16} {text}" for name, default, text in describe_options()
    )
    return (
        "odx options (set them under the 'odx' plugin entry of mkdocs.yml):\n"
        f"{rows}\n\n"
        "Errors are printed as 'path:line: field: message'. Exit codes: 0 ok, 1 input has "
        "errors, 2 usage error, 3 internal error."
    )


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of ``odx`` (its ``--help`` documents every command and option)."""
    parser = argparse.ArgumentParser(
        prog="odx",
        description="Build the Open Data Exchange static site from data packages.",
        epilog=_options_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"odx {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show Python tracebacks for internal errors"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser(
        "build",
        help="check everything and write the site",
        description="Check the config and every data package, then write the site. The "
        "previous output is replaced only if the whole build succeeds.",
    )
    _add_config(build)
    _add_drafts(build)
    _add_jobs(build)
    _add_cache(build, builds=True)
    build.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output folder (default: site_dir of the config, else 'site')",
    )

    validate = commands.add_parser(
        "validate",
        help="run every check the build runs, write nothing",
        description="Run every check 'odx build' runs and write nothing. With "
        "GITHUB_ACTIONS=true, also print ::error annotations for pull requests.",
    )
    _add_config(validate)
    _add_drafts(validate)
    _add_cache(validate)
    _add_jobs(validate)

    report = commands.add_parser(
        "privacy-report",
        help="print the size of every group of similar homes (k-anonymity)",
        description="Load and check every package as 'odx validate' does, then print, for each "
        "ODX package, how many homes share each combination of postcode sector, property "
        "type, built form, bedrooms, build period and rent type, smallest first. Exits 1 "
        "when the checks find problems (a group below k is one).",
    )
    _add_config(report)
    report.add_argument(
        "--all", action="store_true", help="list every group below k, not only the 20 smallest"
    )

    sample = commands.add_parser(
        "sample",
        help="write a synthetic landlord data package",
        description="Write a deterministic synthetic ODX landlord package: the same seed "
        "gives byte-identical files.",
    )
    sample.add_argument("--homes", type=_positive, required=True, help="number of homes")
    sample.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    sample.add_argument("--out", type=Path, required=True, help="folder to write the package to")
    sample.add_argument(
        "--pilot-column",
        default="",
        metavar="NAME",
        help="also write a pilot cohort column NAME in homes.csv (pilot or later), for "
        "odx.pilot: {column: NAME, value: pilot}",
    )
    sample.add_argument(
        "--responses",
        type=Path,
        default=None,
        metavar="DIR",
        help="also write a sample export of tenants' responses, for odx intake, to "
        "DIR/responses.csv (a folder outside the package: responses are never published)",
    )

    serve = commands.add_parser(
        "serve",
        help="preview the site as GitHub Pages will serve it, rebuilt on every change",
        description="Build the site as 'odx build' does (into site_dir), serve it on "
        "127.0.0.1 under the sub-path of site_url as GitHub Pages will, and rebuild it "
        "whenever the config, a data package, post, page, the resources list or a template "
        "changes. A rebuild with problems prints them and the last good site stays served. "
        "Stop with Ctrl+C.",
    )
    _add_config(serve)
    serve.add_argument(
        "--port", type=_port, default=8000, help="port to listen on (default: 8000; 0: any free)"
    )
    _add_drafts(serve)

    intake = commands.add_parser(
        "intake",
        help="take tenants' responses (a form service's CSV export, or correction issues "
        "exported from GitHub as JSON) in privately",
        description="Read a CSV export of the 'have your say' form, check each response "
        "against the ODX packages, and keep the good ones in odx.responses_dir, a private "
        "folder that is never published. Free text that looks personal (an email, a phone "
        "number, a postcode, a name) or holds markup is held for review; corrections wait "
        "in a review queue. Running it again on the same export adds nothing. Bad responses "
        "are reported and skipped (exit 0); exit 1 only when the config, the packages, the "
        "export, the mapping or the private folder is unusable. An export of GitHub "
        "correction issues (gh issue list --json number,title,body,labels,createdAt; a "
        "*.json file, or one starting with '[') queues the issues labelled 'correction' the "
        "same way. See docs/intake.md.",
    )
    intake.add_argument(
        "export",
        type=Path,
        help="the CSV export of the responses, or a JSON export of correction issues",
    )
    intake.add_argument(
        "--mapping",
        type=Path,
        default=None,
        help="YAML file naming the export column of each form field (default: the columns "
        "carry the form's own field names)",
    )
    _add_config(intake)

    _add_config(add_review_command(commands))
    issue = commands.add_parser(
        "intake-issue",
        help="record a maintainer's decision on a tenant's correction issue (GitHub Actions)",
        description="Read a GitHub 'issues labeled' event payload file, parse the correction "
        "form's sections, check the correction as 'odx intake' does, screen its value for "
        "personal data, and append the decision (label 'accepted' or 'rejected') to the "
        "corrections.csv of the package that holds the home, as correction GH-<issue number>. "
        "The same issue twice adds nothing. Exit 1, writing nothing, when anything is wrong. "
        "See docs/intake.md.",
    )
    issue.add_argument(
        "--event",
        type=Path,
        required=True,
        help='the event payload file (in a workflow: "$GITHUB_EVENT_PATH")',
    )
    issue.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder to write branch, title, body.md and comment.md to, for the workflow",
    )
    _add_config(issue)
    return parser


def _add_config(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's config file (default: mkdocs.yml)",
    )


def _add_cache(command: argparse.ArgumentParser, builds: bool = False) -> None:
    command.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help=(
            "validate every package in full and make every page and file again, ignoring "
            "what odx.cache_dir keeps (validation results, the previous site's parts)"
            if builds
            else "validate every package in full, ignoring results kept in odx.cache_dir"
        ),
    )


def _add_jobs(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="processes to validate and render with (default: one per core)",
    )


def _add_drafts(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--drafts", action="store_true", help="include Insights posts marked 'draft: true'"
    )


def _inside(folder: Path, package: Path) -> bool:
    """Whether ``folder`` is ``package`` or lies inside it."""
    inner, outer = Path(os.path.abspath(folder)), Path(os.path.abspath(package))
    return inner == outer or outer in inner.parents


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be between 0 and 65535")
    return value


def _report(problems: Problems, cap: int) -> None:
    for note in problems.notes:
        print(f"note: {note}", file=sys.stderr)
    for line in format_report(problems, cap):
        print(line, file=sys.stderr)
    if problems and os.environ.get("GITHUB_ACTIONS") == "true":
        for line in github_annotations(problems, cap):
            print(line)


def size_line(result: BuildResult) -> str:
    """The site's size, its budget and its biggest folders, after a build."""
    size, config = result.size, result.config
    assert size is not None and config is not None  # a build that wrote the site has both
    budget = config.odx.size_budget_mb
    folders = ", ".join(f"{name} {format_size(total)}" for name, total in size.biggest())
    return (
        f"site size: {format_size(size.total)} in {plural(size.files, 'file')} "
        f"(budget {budget:,} MB); biggest folders: {folders}"
    )


def _cap(result: CheckResult) -> int:
    return result.config.odx.max_errors_per_resource if result.config else 50


def run(args: argparse.Namespace) -> int:
    """Carry out one parsed command; return the exit code."""
    if args.command == "validate":
        from generator.build import check

        result = check(args.config, drafts=args.drafts, cache=args.cache, jobs=args.jobs)
        _report(result.problems, _cap(result))
        if result.problems:
            return EXIT_INPUT
        count = sum(len(p.resources) for p in result.packages)
        print(
            f"ok: {plural(len(result.packages), 'package')}, {plural(count, 'resource')}, "
            "no problems"
        )
        return EXIT_OK
    if args.command == "privacy-report":
        from generator.build import check
        from generator.privacy.report import privacy_report

        result = check(args.config)
        for line in privacy_report(result.privacy, shown=10**9 if args.all else 20):
            print(line)
        _report(result.problems, _cap(result))
        return EXIT_INPUT if result.problems else EXIT_OK
    if args.command == "build":
        from generator.build import build
        from generator.core.progress import progress_for

        progress = progress_for(sys.stderr)
        try:
            result = build(
                args.config,
                args.out,
                drafts=args.drafts,
                jobs=args.jobs,
                cache=args.cache,
                progress=progress,
            )
        finally:
            progress.finish()
        _report(result.problems, _cap(result))
        if result.problems:
            return EXIT_INPUT
        timings = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
        print(f"built {result.pages} pages and {result.files} files into {result.out} ({timings})")
        if result.carried:
            print(
                f"kept from the previous build, unchanged: {', '.join(result.carried)}; "
                f"{result.unchanged:,} files written again came out the same and keep their time"
            )
        print(size_line(result))
        return EXIT_OK
    if args.command == "sample":
        from generator.housing.sample import write_sample

        if args.responses is not None and _inside(args.responses, args.out):
            print(
                "odx sample: --responses must name a folder outside the package (--out): "
                "responses are personal data and never published",
                file=sys.stderr,
            )
            return EXIT_USAGE
        path = write_sample(
            args.out, homes=args.homes, seed=args.seed, pilot_column=args.pilot_column.strip()
        )
        print(f"wrote a sample package of {args.homes} homes to {path}")
        if args.responses is not None:
            from generator.intake.sample import write_responses

            export = write_responses(args.responses, args.out, seed=args.seed)
            print(f"wrote a sample export of tenants' responses to {export}")
        return EXIT_OK
    if args.command == "serve":
        from generator.serve import serve_site

        return serve_site(
            args.config,
            port=args.port,
            drafts=args.drafts,
            report=lambda result: _report(result.problems, _cap(result)),
        )
    if args.command == "intake":
        from generator.intake.decide import run_intake

        return run_intake(args, lambda problems: _report(problems, 50))
    if args.command == "review":
        from generator.intake.decide import run_review

        return run_review(args, lambda problems: _report(problems, 50))
    if args.command == "intake-issue":
        from generator.intake.issues import run_issue

        return run_issue(args, lambda problems: _report(problems, 50))
    raise AssertionError(args.command)  # pragma: no cover - argparse requires a command


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``odx`` console script."""
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command == "review":
        check_review(parser, args)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except WorkerLost as lost:  # the system stopped a worker: neither the data nor a bug
        print(f"odx: {lost}", file=sys.stderr)
        return EXIT_STOPPED
    except Exception as error:  # a bug, not bad input: say so plainly
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"odx: internal error: {type(error).__name__}: {error}\n"
                "This is a bug in the generator, not in your data; run again with --debug "
                "and report the traceback.",
                file=sys.stderr,
            )
        return EXIT_BUG


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
