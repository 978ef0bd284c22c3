"""Read ``mkdocs.yml``: the site settings and the options of the ``odx`` plugin entry.

Every ``odx`` option is declared once in :data:`OPTIONS` with its type, default, bounds and
help text; values are validated here, at the edge, and handed on as a frozen
:class:`SiteConfig`. Problems come back as located :class:`~generator.core.problems.Problem` values.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.core.document_limits import CONFIG_ALIAS_BUDGET
from generator.core.option_shapes import Pilot, pilot_problem, read_pilot, shape_problem
from generator.core.problems import Problems, written
from generator.core.sourcemap import DocumentError, LineIndex, Tagged, read_document


@dataclass(frozen=True)
class Option:
    """One ``odx`` option: its name, type, default and what it is for."""

    name: str
    kind: type
    default: Any
    help: str
    minimum: int | None = None
    maximum: int | None = None
    shape: str = ""  # "https", "https-template" or "phone": what a text option must look like

    def check(self, value: Any) -> str | None:
        """Return what is wrong with ``value``, or None when it is acceptable."""
        if self.kind is bool and not isinstance(value, bool):
            return f"must be true or false, not {written(value)}"
        if self.kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                return f"must be a whole number, not {written(value)}"
            if self.minimum is not None and value < self.minimum:
                return f"must be at least {self.minimum}, not {value}"
            if self.maximum is not None and value > self.maximum:
                return f"must be at most {self.maximum}, not {value}"
        if self.kind is str and (not isinstance(value, str) or not value.strip()):
            return f"must be a non-empty text, not {written(value)}"
        if self.kind is list and (
            not isinstance(value, list)
            or not all(isinstance(item, str) and item.strip() for item in value)
        ):
            return f"must be a list of texts, e.g. [images.example.org], not {written(value)}"
        if self.kind is Pilot:
            return pilot_problem(value)
        if self.shape and isinstance(value, str):
            return shape_problem(self.shape, value.strip())
        return None


OPTIONS: tuple[Option, ...] = (
    Option("datapackages", str, "datapackages", "folder holding one folder per data package"),
    Option("templates", str, "templates", "folder of the Jinja2 templates and static files"),
    Option("insights", str, "insights", "folder of the Insights posts and their authors.yml"),
    Option("resources", str, "resources.yml", "the curated resources list"),
    Option("pages", str, "pages", "folder of the community pages (Markdown)"),
    Option(
        "image_hosts",
        list,
        [],
        "hosts posts may show remote images from (none by default: the site loads nothing "
        "from another host)",
    ),
    Option(
        "preview_rows", int, 100, "rows shown in each resource's preview", minimum=0, maximum=10_000
    ),
    Option(
        "allow_remote",
        bool,
        False,
        "accept resources whose path is a remote URL (they are linked, never fetched)",
    ),
    Option(
        "max_cell_chars",
        int,
        100_000,
        "longest cell accepted, in characters; longer cells are errors",
        minimum=1,
    ),
    Option(
        "max_errors_per_resource",
        int,
        50,
        "errors listed per resource before the rest are only counted",
        minimum=1,
    ),
    Option(
        "k_anonymity",
        int,
        10,
        "smallest group of homes sharing postcode sector, type, built form, bedrooms, build "
        "period and rent type; never below 5",
        minimum=5,
        maximum=1_000,
    ),
    Option(
        "coarsen",
        bool,
        False,
        "when a group of homes is below k, coarsen the published values (sector to district, "
        "wider build periods, bedroom bands) instead of stopping the build",
    ),
    Option("pilot", Pilot, None, "the homes that get pages first (see docs/pilot.md)"),
    Option(
        "corrections_email",
        str,
        "",
        "address tenants can email a correction to when they have no GitHub account",
    ),
    Option(
        "say_form_action",
        str,
        "",
        'https address the home pages\' "Have your say" form posts to (a form service the '
        "landlord chose); without it the pages show no form",
        shape="https",
    ),
    Option(
        "say_form_url",
        str,
        "",
        "https address of a hosted form, with {home_ref} where the home's reference goes, "
        "linked from every home page",
        shape="https-template",
    ),
    Option(
        "landlord_phone",
        str,
        "",
        "the landlord's phone number, shown on every home page as the way to have your say "
        "that always works",
        shape="phone",
    ),
    Option(
        "cache_dir",
        str,
        ".odx-cache",
        "folder (outside the site) where clean validation results are kept between builds; "
        "safe to delete",
    ),
    Option(
        "responses_dir",
        str,
        ".odx-private/responses",
        "private folder (inside the project, outside the site and every input; keep it out "
        "of git) where 'odx intake' keeps tenants' individual responses",
    ),
    Option(
        "feedback_threshold",
        int,
        10,
        "fewest tenants' responses behind any published figure of what tenants say "
        "(feedback.csv); never below 5",
        minimum=5,
        maximum=1_000,
    ),
    Option(
        "index_homes",
        bool,
        False,
        "let search engines index home and area pages (off by default: a tenant's home "
        "should not be one search away from its street)",
    ),
    Option(
        "home_json",
        bool,
        False,
        "publish each home's page as JSON too, at homes/<ref>.json (see docs/api.md)",
    ),
    Option(
        "rows_json_max_rows",
        int,
        100_000,
        "largest table, in published rows, whose rows are published as JSON pages and can "
        "be explored on its page (0: no rows as JSON; see docs/api.md)",
        minimum=0,
    ),
    Option(
        "explore_csv_max_bytes",
        int,
        2_000_000,
        "largest published CSV file, in bytes, that a resource page's explorer reads "
        "instead of the rows as JSON (0: always the JSON)",
        minimum=0,
    ),
    Option(
        "social_image",
        str,
        "social-card.png",
        "picture shown when a page is shared (PNG or JPEG, 1200 x 630 px) in the templates' "
        "static folder",
    ),
    Option(
        "social_image_alt",
        str,
        "",
        "what the share picture shows, for people who cannot see it (default: the site name)",
    ),
    Option(
        "size_budget_mb",
        int,
        900,
        "largest site the build writes, in MB (GitHub Pages refuses sites over 1 GB)",
        minimum=1,
        maximum=100_000,
    ),
)
OPTION_NAMES = tuple(option.name for option in OPTIONS)


@dataclass(frozen=True)
class OdxOptions:
    """Validated ``odx`` plugin options (see :data:`OPTIONS`)."""

    datapackages: str = "datapackages"
    templates: str = "templates"
    insights: str = "insights"
    resources: str = "resources.yml"
    pages: str = "pages"
    image_hosts: tuple[str, ...] = ()
    preview_rows: int = 100
    allow_remote: bool = False
    max_cell_chars: int = 100_000
    max_errors_per_resource: int = 50
    k_anonymity: int = 10
    coarsen: bool = False
    pilot: Pilot | None = None
    corrections_email: str = ""
    say_form_action: str = ""
    say_form_url: str = ""
    landlord_phone: str = ""
    cache_dir: str = ".odx-cache"
    responses_dir: str = ".odx-private/responses"
    feedback_threshold: int = 10
    index_homes: bool = False
    home_json: bool = False
    rows_json_max_rows: int = 100_000
    explore_csv_max_bytes: int = 2_000_000
    social_image: str = "social-card.png"
    social_image_alt: str = ""
    size_budget_mb: int = 900


@dataclass(frozen=True)
class SiteConfig:
    """Everything the build needs from ``mkdocs.yml``, validated."""

    root: Path
    config_path: Path
    site_name: str
    site_url: str = ""
    site_description: str = ""
    repo_url: str = ""
    edit_uri: str = ""  # MkDocs: from repo_url to docs_dir on the "edit" view, e.g. edit/main/docs/
    docs_dir: str = "docs"  # MkDocs' folder of Markdown, which edit_uri points at
    copyright: str = ""
    site_dir: str = "site"
    extra: dict[str, Any] = field(default_factory=dict)
    odx: OdxOptions = field(default_factory=OdxOptions)
    lines: dict[str, int] = field(default_factory=dict)  # "site_url", "odx.k_anonymity" → line

    def line_of(self, setting: str) -> int:
        """The line of ``mkdocs.yml`` where ``setting`` is written (1 when it is not)."""
        return self.lines.get(setting, 1)

    @property
    def base_path(self) -> str:
        """The URL path the site is served under, e.g. ``/repo/`` (``/`` at a domain root)."""
        path = urlsplit(self.site_url).path if self.site_url else "/"
        return path if path.endswith("/") else path + "/"

    @property
    def datapackages_dir(self) -> Path:
        return self.root / self.odx.datapackages

    @property
    def pages_dir(self) -> Path:
        return self.root / self.odx.pages

    @property
    def resources_path(self) -> Path:
        return self.root / self.odx.resources

    @property
    def insights_dir(self) -> Path:
        return self.root / self.odx.insights

    @property
    def templates_dir(self) -> Path:
        return self.root / self.odx.templates

    def relative(self, path: Path) -> str:
        """``path`` as shown in messages: relative to the project root where possible."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(os.path.relpath(path.resolve(), self.root.resolve())).as_posix()


_TEXT_SETTINGS: tuple[str, ...] = ("site_name", "site_url", "site_description", "repo_url")
_TEXT_SETTINGS += ("edit_uri", "docs_dir", "copyright", "site_dir")


def load_config(config_path: Path, problems: Problems) -> SiteConfig | None:
    """Read and validate ``config_path``; record problems and return None when unusable."""
    shown = config_path.name
    try:
        text = config_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(
            shown, 1, "-", "config file not found; pass --config PATH or create mkdocs.yml"
        )
        return None
    except (OSError, UnicodeDecodeError) as error:
        problems.add(shown, 1, "-", f"cannot read the config file ({error})")
        return None
    try:
        data, lines = read_document(text, "yaml", alias_budget=CONFIG_ALIAS_BUDGET)
    except DocumentError as error:
        problems.add(shown, error.line, "-", f"{error.message} (column {error.column})")
        return None
    if not isinstance(data, dict):
        problems.add(shown, 1, "-", "the config must be a mapping of settings, e.g. 'site_name: …'")
        return None

    before = len(problems)
    settings: dict[str, Any] = {}
    for name in _TEXT_SETTINGS:
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, Tagged):
            value = _resolve_tagged(value)
            if name == "docs_dir" and isinstance(value, str):  # !relative $config_dir/docs
                value = value.removeprefix("$config_dir/")
        if not isinstance(value, str):
            problems.add(shown, lines.line_of([name]), name, f"must be text, not {value!r}")
            continue
        settings[name] = value.strip()
    if not settings.get("site_name"):
        problems.add(shown, 1, "site_name", "required: add 'site_name: <your site title>'")
    for name in ("site_url", "repo_url", "edit_uri"):  # edit_uri may be a path after repo_url
        url = settings.get(name, "")
        relative = name == "edit_uri" and not urlsplit(url).scheme
        if url and not relative and urlsplit(url).scheme not in ("http", "https"):
            problems.add(shown, lines.line_of([name]), name, f"must be an http(s) URL, not {url!r}")
    extra = data.get("extra") or {}
    if not isinstance(extra, dict):
        problems.add(shown, lines.line_of(["extra"]), "extra", "must be a mapping of settings")
        extra = {}

    setting_lines = {name: lines.line_of([name]) for name in settings}
    odx = _read_odx_options(data.get("plugins"), lines, shown, problems, setting_lines)
    if len(problems) > before or odx is None:
        return None
    root = config_path.parent.resolve()
    return SiteConfig(
        root=root,
        config_path=config_path.resolve(),
        extra=extra,
        odx=odx,
        lines=setting_lines,
        **settings,
    )


def _resolve_tagged(value: Tagged) -> Any:
    """``!ENV [NAME, default]`` gives the default: the build must not depend on the machine."""
    if value.tag == "!ENV":
        inner = value.value
        if isinstance(inner, list) and len(inner) > 1:
            return inner[-1]
        return None
    return value.value


def _find_odx_entry(plugins: Any, lines: LineIndex) -> tuple[Any, tuple[Any, ...]] | None:
    """The ``odx`` entry of ``plugins`` (list or mapping form) and its path in the document."""
    if isinstance(plugins, dict):
        if "odx" in plugins:
            return plugins["odx"], ("plugins", "odx")
        return None
    if isinstance(plugins, list):
        for position, entry in enumerate(plugins):
            if entry == "odx":
                return {}, ("plugins", position)
            if isinstance(entry, dict) and "odx" in entry:
                return entry["odx"], ("plugins", position, "odx")
    return None


def _read_odx_options(
    plugins: Any, lines: LineIndex, shown: str, problems: Problems, found_at: dict[str, int]
) -> OdxOptions | None:
    """The ``odx`` options, checked; the line of each is added to ``found_at``."""
    found = _find_odx_entry(plugins, lines)
    if found is None:
        return OdxOptions()
    raw, path = found
    raw = raw or {}
    if not isinstance(raw, dict):
        problems.add(shown, lines.line_of(path), "odx", "the odx plugin entry must be a mapping")
        return None
    values: dict[str, Any] = {}
    ok = True
    for name, value in raw.items():
        option = next((o for o in OPTIONS if o.name == name), None)
        line = lines.line_of((*path, name))
        found_at[f"odx.{name}"] = line
        if option is None:
            problems.add(shown, line, f"odx.{name}", _unknown_option_message(str(name)))
            ok = False
            continue
        wrong = option.check(value)
        if wrong:
            problems.add(shown, line, f"odx.{name}", f"{wrong} ({option.help})")
            ok = False
            continue
        if option.kind is Pilot:
            value = read_pilot(value)
        if isinstance(value, list):
            value = tuple(item.strip() for item in value)
        values[name] = value.strip() if isinstance(value, str) else value
    return OdxOptions(**values) if ok else None


def _unknown_option_message(name: str) -> str:
    close = difflib.get_close_matches(name, OPTION_NAMES, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown option; {hint}allowed options are: {', '.join(OPTION_NAMES)}"


def describe_options() -> list[tuple[str, str, str]]:
    """(name, default, help) of every option, for ``--help`` and the docs."""
    return [(o.name, repr(o.default), o.help) for o in OPTIONS]
