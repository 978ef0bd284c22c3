"""Live figures in posts: ``odx-table`` and ``odx-chart`` fenced blocks.

````
```odx-table package=sample-landlord resource=satisfaction columns=year,measure_code,value limit=10
```
```odx-chart package=sample-landlord resource=homes x=epc_band y=count title="Homes by EPC band"
```
````

A block names a package and a resource and the columns it shows; a table shows the first
``limit`` rows (20 by default, at most 200), a chart one measure (``y``: a numeric column,
summed, or ``count``) by one dimension (``x``), optionally filtered by ``where=column:value``,
drawn as SVG at build time (``type=bar``, ``column`` or ``line``) with a table of the same
numbers. Figures come from what the site
publishes: an ODX package's rows after the privacy gate, never rows it withheld. An unknown
package, resource or column is a located error in the post.
"""

from __future__ import annotations

import re
import shlex
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

import frictionless
from markupsafe import Markup, escape

from generator.core import urls
from generator.core.charts import Bar, Series, bar_chart, column_chart, line_chart
from generator.core.problems import written
from generator.load.package_data import PackageData, ResourceData
from generator.load.summary import display_value
from generator.privacy.kanonymity import PackagePrivacy

if TYPE_CHECKING:
    from frictionless.resources import TableResource

FENCE_LINE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
KINDS = ("odx-table", "odx-chart")
TABLE_KEYS = frozenset({"package", "resource", "columns", "limit", "title"})
CHART_KEYS = frozenset({"package", "resource", "x", "y", "where", "type", "title", "limit"})
DEFAULT_LIMIT, MAX_LIMIT = 20, 200


class BlockError(Exception):
    """A mistake in a block: its message says what to fix."""


@dataclass
class DataBlocks:
    """Renders data blocks against the site's packages, from one page's point of view."""

    packages: dict[str, PackageData]
    privacy: dict[str, PackagePrivacy]
    _count: int = 0

    def expand(
        self, text: str, page_url: str
    ) -> tuple[str, dict[str, Markup], list[tuple[int, str]]]:
        """Replace each block by a placeholder; return the text, the placeholders' HTML and
        the (line in ``text``, message) of each block with a mistake."""
        rendered: dict[str, Markup] = {}
        mistakes: list[tuple[int, str]] = []
        lines = text.splitlines(keepends=True)
        result: list[str] = []
        position = 0
        for kind, params, first, last in _blocks(lines):
            result.extend(lines[position:first])
            position = last + 1
            try:
                html = self._render(kind, params, page_url)
            except BlockError as error:
                mistakes.append((first + 1, f"{kind}: {error}"))
                continue
            key = f"ODXDATABLOCK{self._count}X"
            rendered[key] = html
            result.append(f"\n{key}\n\n")
        result.extend(lines[position:])
        return "".join(result), rendered, mistakes

    def _render(self, kind: str, params_text: str, page_url: str) -> Markup:
        if params_text == "\x00unclosed":
            raise BlockError("the block has no closing ``` line; add one after it")
        params = _params(params_text, TABLE_KEYS if kind == "odx-table" else CHART_KEYS)
        package, resource = self._resource(params)
        fields = [f.name for f in resource.fields]
        source = urls.relative(page_url, urls.resource(package.slug, resource.slug))
        title = params.get("title") or resource.title
        self._count += 1
        ident = f"odx-data-{self._count}"
        if kind == "odx-table":
            columns = _columns(params.get("columns"), fields)
            limit = _limit(params.get("limit"))
            rows = [
                [row.get(c) for c in columns] for row in _take(self._rows(package, resource), limit)
            ]
            return _table_html(ident, title, columns, rows, source, resource.title)
        x, y = params.get("x"), params.get("y")
        if not x or not y:
            raise BlockError("a chart needs x=<column> and y=<numeric column or count>")
        _columns(x, fields)
        if y != "count":
            _columns(y, fields)
            kind_of_y = next(f.type for f in resource.fields if f.name == y)
            if kind_of_y not in ("integer", "number"):
                raise BlockError(
                    f"y={y!r} is {kind_of_y}, not a number; use a numeric column or y=count"
                )
        where = params.get("where")
        condition = None
        if where:
            column, _, wanted = where.partition(":")
            _columns(column, fields)
            condition = (column, wanted)
        # the sums of one column's numbers: int, float or Decimal as its field reads them
        totals: defaultdict[str, Any] = defaultdict(int)
        for row in self._rows(package, resource):
            if condition and display_value(row.get(condition[0])) != condition[1]:
                continue
            key = display_value(row.get(x)) or "(empty)"
            value = 1 if y == "count" else row.get(y)
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                totals[key] += value
        items = sorted(totals.items())[: _limit(params.get("limit") or str(MAX_LIMIT))]
        shape = params.get("type", "bar")
        if shape not in ("bar", "column", "line"):
            raise BlockError(f"type={shape!r}: use bar, column or line")
        texts = [_number(v) for _, v in items]
        if shape == "bar":
            chart = bar_chart(
                [Bar(k, float(v), t) for (k, v), t in zip(items, texts, strict=True)], label=title
            )
        else:
            draw = column_chart if shape == "column" else line_chart
            chart = draw(
                [k for k, _ in items], [Series(y, [float(v) for _, v in items], texts)], label=title
            )
        rows = [[k, t] for (k, _), t in zip(items, texts, strict=True)]
        table = _table_html(ident + "-table", title, [x, y], rows, source, resource.title)
        return Markup(
            f'<figure class="chart" aria-labelledby="{ident}">'
            f'<figcaption id="{ident}">{escape(title)}</figcaption>{chart}</figure>{table}'
        )

    def _resource(self, params: dict[str, str]) -> tuple[PackageData, ResourceData]:
        name = params.get("package")
        package = self.packages.get(name or "")
        if package is None:
            known = ", ".join(sorted(self.packages)) or "none"
            raise BlockError(f"unknown package {written(name)}; packages: {known}")
        resource = package.resource(params.get("resource") or "")
        if resource is None or not resource.tabular:
            known = ", ".join(r.name for r in package.resources if r.tabular)
            raise BlockError(
                f"unknown resource {written(params.get('resource'))} in {package.slug}; "
                f"tables: {known}"
            )
        return package, resource

    def _rows(self, package: PackageData, resource: ResourceData) -> Iterator[dict[str, Any]]:
        """The rows as published: an ODX package's after the privacy gate."""
        if resource.table is not None:
            hidden = set()
            decided = self.privacy.get(package.slug)
            if decided is not None:
                hidden = decided.withheld.get(resource.name, set())
            for record, row in resource.table.dicts():
                if record not in hidden:
                    yield row
            return
        raw = next(
            r
            for r in package.meta["resources"]
            if isinstance(r, dict) and r.get("name") == resource.name
        )
        # frictionless makes a table resource of a table's descriptor (typed as any resource)
        reader = cast(
            "TableResource", frictionless.Resource(dict(raw), basepath=str(package.folder))
        )
        with reader:
            for row in reader.row_stream:
                yield row.to_dict()


def _blocks(lines: list[str]) -> Iterator[tuple[str, str, int, int]]:
    """(kind, settings, first line, last line) of each data block (0-based lines), skipping
    fenced code of any other kind, so a block shown as an example stays an example."""
    index, opened = 0, ""
    while index < len(lines):
        match = FENCE_LINE.match(lines[index].rstrip("\r\n"))
        if opened:
            if (
                match
                and match["fence"][0] == opened[0]
                and len(match["fence"]) >= len(opened)
                and not match["info"].strip()
            ):
                opened = ""
        elif match:
            info = match["info"].strip()
            kind = info.split(" ", 1)[0]
            if match["fence"] == "```" and kind in KINDS:
                close = index + 1
                while close < len(lines) and lines[close].rstrip("\r\n").strip() != "```":
                    close += 1
                if close >= len(lines):  # never closed: say so, swallow nothing
                    yield kind, "\x00unclosed", index, index
                    index += 1
                    continue
                yield kind, info[len(kind) :], index, close
                index = close + 1
                continue
            opened = match["fence"]
        index += 1


def _params(text: str, allowed: frozenset[str]) -> dict[str, str]:
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise BlockError(f"cannot read the block's settings ({error})") from None
    params = {}
    for word in words:
        key, sep, value = word.partition("=")
        if not sep:
            raise BlockError(f"{word!r} is not key=value")
        if key not in allowed:
            raise BlockError(f"unknown setting {key!r}; use: {', '.join(sorted(allowed))}")
        params[key] = value
    return params


def _columns(text: str | None, fields: list[str]) -> list[str]:
    if not text:
        return fields
    columns = [c.strip() for c in text.split(",") if c.strip()]
    if not columns:
        raise BlockError(f"no column named in {text!r}; columns: {', '.join(fields)}")
    for column in columns:
        if column not in fields:
            raise BlockError(f"unknown column {column!r}; columns: {', '.join(fields)}")
    return columns


def _limit(text: str | None) -> int:
    if not text:
        return DEFAULT_LIMIT
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_LIMIT:
        raise BlockError(f"limit={text!r}: use a whole number from 1 to {MAX_LIMIT}")
    return int(text)


def _take(rows: Iterator[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    taken = []
    for row in rows:
        taken.append(row)
        if len(taken) >= limit:
            break
    return taken


def _number(value: Any) -> str:
    if isinstance(value, (int,)) or (isinstance(value, (float, Decimal)) and value == int(value)):
        return f"{int(value):,}"
    return f"{float(value):,.1f}"


def _table_html(
    ident: str, title: str, columns: list[str], rows: list[list[Any]], source: str, name: str
) -> Markup:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(display_value(v))}</td>" for v in row) + "</tr>"
        for row in rows
    )
    return Markup(
        f'<div class="table-scroll" role="region" aria-labelledby="{ident}" tabindex="0">'
        f'<table><caption id="{ident}">{escape(title)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
        f'<p class="source">Source: <a href="{escape(source)}">{escape(name)}</a></p>'
    )
