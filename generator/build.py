"""The pipeline: config → load and validate → site model → render → write, atomically.

:func:`check` runs every check the build runs and writes nothing (``odx validate``);
:func:`build` also renders and swaps the new site in (``odx build``, the MkDocs plugin).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path

import jinja2

from generator.assembler import SiteInputs, build_site_model
from generator.boundary import read_confined_config
from generator.config import SiteConfig
from generator.content.data_blocks import DataBlocks
from generator.content.documents import check_documents
from generator.content.links import check_links
from generator.content.pages import CommunityPage, load_pages
from generator.content.posts import Author, Post, load_authors, load_posts
from generator.content.resources import ResourcesList, load_resources
from generator.core import formatting as fmt
from generator.core.collector import collector_paused
from generator.core.confinement import Escaped, shown
from generator.core.problems import Problems
from generator.core.progress import SILENT, Progress
from generator.core.urls import BUNDLE
from generator.load.history import package_history
from generator.load.loading import load_packages
from generator.load.odx_rules import check_odx_rules
from generator.load.package_data import PackageData
from generator.load.validation_cache import ValidationCache
from generator.privacy.gate import check_privacy
from generator.privacy.kanonymity import PackagePrivacy
from generator.privacy.screening import table_screen
from generator.publish.addresses import check_addresses, static_files
from generator.publish.output import (
    CarryFailure,
    SiteSize,
    copy_files,
    copy_tree,
    folder_sizes,
    measure,
    staging_folder,
    write_archives,
    write_made,
)
from generator.publish.render import (
    TemplateFailure,
    make_environment,
    template_failure,
    write_pages,
)
from generator.publish.search import SearchFailure, index_site
from generator.structure.incremental import (
    OutputManifest,
    forget_manifest,
    keep_unchanged_times,
    read_manifest,
    write_manifest,
)
from generator.structure.page import SiteModel
from generator.structure.share_picture import check_social_image


@dataclass
class CheckResult:
    """What the checks found: the config and packages when usable, and every problem."""

    config: SiteConfig | None
    packages: list[PackageData]
    problems: Problems
    timings: dict[str, float] = field(default_factory=dict)
    privacy: dict[str, PackagePrivacy] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)
    authors: dict[str, Author] = field(default_factory=dict)
    resources: ResourcesList = field(default_factory=ResourcesList)
    community_pages: list[CommunityPage] = field(default_factory=list)
    model: SiteModel | None = None  # decided when everything else checked out


@dataclass
class BuildResult(CheckResult):
    """A check plus what was written (nothing when there were problems)."""

    out: Path | None = None
    pages: int = 0
    files: int = 0
    html_bytes: int = 0
    size: SiteSize | None = None
    carried: list[str] = field(default_factory=list)  # paths taken from the previous output
    unchanged: int = 0  # files written again exactly as they were (they keep their mtime)


@contextmanager
def _timed(timings: dict[str, float], stage: str, progress: Progress = SILENT) -> Iterator[None]:
    """Add the time the block takes to ``timings[stage]``; tell ``progress`` it begins."""
    progress.stage(stage)
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def check(
    config_path: Path,
    drafts: bool = False,
    cache: bool = True,
    jobs: int | None = None,
    carry: bool = False,
    out: Path | None = None,
    outside_ok: bool = False,
    history: bool = False,
    progress: Progress = SILENT,
) -> CheckResult:
    """Read the config, load and validate every package and post; write nothing.

    ``drafts`` includes the posts marked ``draft: true``; ``cache`` reuses clean validation
    results of unchanged packages from ``odx.cache_dir``. With ``carry`` (and ``cache``),
    the model carries the unchanged parts of the output folder a build will replace
    (``out``, default: ``site_dir``).

    Before anything else is read, every folder and input is confined to the project, and
    the output folder (``out``, default: ``site_dir``) is checked to be one a build may
    replace (see :mod:`generator.core.confinement`; ``outside_ok`` lets it lie outside the
    project); problems there stop the check at once. ``history`` reads each package's
    changes from the repository for its page (a build does; checking needs none).
    ``progress`` is told each stage.
    """
    problems = Problems()
    timings: dict[str, float] = {}
    with _timed(timings, "config"):
        config = read_confined_config(config_path, problems, out, outside_ok)
    if problems:
        return CheckResult(config, [], problems, timings)
    assert config is not None
    with _timed(timings, "load", progress):
        validated = ValidationCache(config.root / config.odx.cache_dir) if cache else None
        packages = load_packages(config, problems, validated, jobs, screen=table_screen)
    previous = None
    if cache and carry:
        previous = read_manifest(config.root / config.odx.cache_dir, _output(config, out))
    # The loaded tables are read-only: the collector need not walk them again. The checks
    # and the model then make many objects and hardly any cycles: the collector, which
    # would walk the growing model again and again, waits until they are done.
    gc.freeze()
    try:
        with collector_paused():
            return _check_loaded(
                config,
                packages,
                problems,
                timings,
                drafts,
                validated,
                previous,
                history,
                progress,
                jobs,
            )
    finally:
        gc.unfreeze()


def _output(config: SiteConfig, out: Path | None) -> Path:
    """The output folder: ``out``, or the config's ``site_dir``."""
    return (out or config.root / config.site_dir).resolve()


def _check_loaded(
    config: SiteConfig,
    packages: list[PackageData],
    problems: Problems,
    timings: dict[str, float],
    drafts: bool,
    cache: ValidationCache | None,
    previous: OutputManifest | None,
    history: bool,
    progress: Progress,
    jobs: int | None = None,
) -> CheckResult:
    """The checks after loading: rules, privacy, posts, pages, links; then the model (with
    each package's history from the repository when ``history``).

    With a ``cache``, the rules and the privacy gate reuse what they decided before about
    packages whose content has not changed."""
    with _timed(timings, "rules", progress):
        check_odx_rules(packages, config, problems, cache and cache.kind("rules"))
    with _timed(timings, "privacy", progress):
        view = check_privacy(packages, config, problems, cache and cache.kind("privacy"), jobs)
    # From here on, everything reads the packages as the gate publishes them.
    packages, privacy = view.packages, view.privacy
    with _timed(timings, "posts", progress):
        authors = load_authors(config, problems)
        blocks = DataBlocks({p.slug: p for p in packages}, privacy)
        posts = load_posts(config, problems, authors, drafts=drafts, blocks=blocks)
    with _timed(timings, "resources"):
        resources = load_resources(config, problems)
        pages = load_pages(config, problems, blocks)
    if posts and not config.site_url:
        problems.add(
            config.relative(config.config_path),
            1,
            "site_url",
            "required for the Insights feed, whose links must be absolute: add "
            "'site_url: https://<org>.github.io/<repo>/'",
        )
    if not config.templates_dir.is_dir():
        problems.add(
            config.relative(config.config_path),
            1,
            "odx.templates",
            f"the templates folder '{config.odx.templates}' does not exist",
        )
    check_social_image(config, problems)
    result = CheckResult(
        config, packages, problems, timings, privacy, posts, authors, resources, pages
    )
    with _timed(timings, "links"):
        links = check_documents(config, posts, pages, problems)
    if problems:
        return result
    with _timed(timings, "history", progress):
        histories = (
            {p.slug: package_history(config.root, p.folder) for p in packages} if history else {}
        )
    with _timed(timings, "model", progress):
        inputs = SiteInputs(
            config, packages, privacy, posts, authors, resources, pages, previous, histories
        )
        result.model = build_site_model(inputs)
        check_addresses(result.model, static_files(config), config, problems)
    with _timed(timings, "links"):
        check_links(links, result.model.known_urls(), problems)
    return result


def build(
    config_path: Path,
    out: Path | None = None,
    drafts: bool = False,
    jobs: int | None = None,
    cache: bool = True,
    outside_ok: bool = False,
    progress: Progress = SILENT,
) -> BuildResult:
    """Check everything, then render the site into ``out`` (default: ``site_dir``).

    The previous output is replaced only when the whole build succeeds. ``jobs`` is how
    many processes render (default: one per core). The output folder must lie inside the
    project unless ``outside_ok`` (see :func:`check`, which refuses an output folder that
    would destroy an input before anything is written or deleted). ``progress`` is told
    each stage and how many pages are rendered.
    """
    checked = check(
        config_path,
        drafts=drafts,
        cache=cache,
        jobs=jobs,
        carry=True,
        out=out,
        outside_ok=outside_ok,
        history=True,
        progress=progress,
    )
    result = BuildResult(**{f.name: getattr(checked, f.name) for f in fields(CheckResult)})
    config, model = checked.config, checked.model
    if config is None or model is None or result.problems:
        return result
    out = _output(config, out)
    cache_dir = config.root / config.odx.cache_dir
    environment = make_environment(config.templates_dir)
    try:
        carried = [path for part in model.carried for path in part.paths]
        with staging_folder(
            out,
            before_swap=lambda: forget_manifest(cache_dir, out),
            large=lambda: result.size is not None and result.size.files > LARGE_SITE_FILES,
            carried=carried,  # moved from the previous site at the swap, not before
        ) as staging:
            result.carried = carried
            copied: list[int] = []
            written: dict[str, int] = {}  # bytes of each file, as they are written

            def write_files() -> None:  # while the pages render
                with _timed(result.timings, "write"):
                    project = config.root
                    static = config.templates_dir / "static"
                    assets = copy_tree(static, staging / "assets", project, written)
                    copied.append(assets + copy_files(staging, model.files, project, written))
                    copied.append(write_archives(staging, model.archives, project, written))
                    copied.append(write_made(staging, model.made, written))

            with _timed(result.timings, "render"):
                pages_written, failure = write_pages(
                    model,
                    environment,
                    config.base_path,
                    staging,
                    jobs=jobs,
                    meanwhile=write_files,
                    previous=out if out.is_dir() else None,
                    progress=progress,
                )
            result.files += sum(copied)
            result.pages = len(pages_written)  # one file a page
            result.html_bytes = sum(pages_written.values())
            written.update(pages_written)
            if failure is not None:
                raise _BrokenTemplate(failure)
            with _timed(result.timings, "search", progress):
                index_site(staging)
                written.update(folder_sizes(staging, BUNDLE))
            with _timed(result.timings, "write", progress):
                carried_sizes = {
                    path: size
                    for part in model.carried
                    for path, size in (part.sizes or {}).items()
                }
                watched = [path for part in model.parts for path in part.paths]
                result.size, part_sizes = measure(staging, written, watched, carried_sizes)
            if result.size.total > config.odx.size_budget_mb * MEGABYTE:
                raise _OverBudget(result.size)
            with _timed(result.timings, "write"):
                result.unchanged = keep_unchanged_times(out, staging, skip=carried)
    except Escaped as escaped:  # a file changed into a link after the checks
        result.problems.add(
            shown(escaped.path, config.root),
            1,
            "-",
            f"{escaped.reason}; nothing was published",
        )
        result.pages = 0
        return result
    except CarryFailure as failure:
        result.problems.add(
            config.relative(out),
            1,
            "site",
            f"'{failure.path}' left {config.relative(out)} while this build ran (was another "
            "build of the same folder running?); nothing was changed: run the build again",
        )
        result.pages = 0
        return result
    except _OverBudget as over:
        _budget_problem(over.size, config, result.problems)
        result.pages = 0
        return result
    except SearchFailure as failure:
        failure.report(config, result.problems)
        result.pages = 0
        return result
    except _BrokenTemplate as broken:
        _template_problem(broken.failure, config, result.problems)
        result.pages = 0
        return result
    except jinja2.TemplateError as error:  # raised while loading a template
        _template_problem(template_failure(error), config, result.problems)
        result.pages = 0
        return result
    if cache:
        write_manifest(cache_dir, out, model.parts, part_sizes)
    result.out = out
    return result


MEGABYTE = 1024 * 1024  # as sizes are shown (fmt.size)
LARGE_SITE_FILES = 20_000  # past this, the previous site is deleted in the background


class _OverBudget(Exception):
    """Leaves the staging folder when the site is bigger than ``size_budget_mb``."""

    def __init__(self, size: SiteSize) -> None:
        super().__init__(f"{size.total} bytes")
        self.size = size


def _budget_problem(size: SiteSize, config: SiteConfig, problems: Problems) -> None:
    biggest = ", ".join(f"{name} {fmt.size(total)}" for name, total in size.biggest(3))
    problems.add(
        config.relative(config.config_path),
        config.line_of("odx.size_budget_mb"),
        "odx.size_budget_mb",
        f"the site would be {fmt.size(size.total)}, over the budget of "
        f"{config.odx.size_budget_mb:,} MB (biggest folders: {biggest}); publish less (fewer "
        "or smaller files) or raise size_budget_mb (GitHub Pages refuses sites over 1 GB)",
    )


class _BrokenTemplate(Exception):
    """Leaves the staging folder (so nothing is swapped in) when a template broke."""

    def __init__(self, failure: TemplateFailure) -> None:
        super().__init__(failure.message)
        self.failure = failure


def _template_problem(failure: TemplateFailure, config: SiteConfig, problems: Problems) -> None:
    """A broken template is a located input error, like a broken CSV."""
    where = config.relative(Path(failure.path)) if failure.path else config.odx.templates
    problems.add(where, failure.line or 1, "template", f"{failure.message}; fix the template")
