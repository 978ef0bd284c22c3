"""Build-time SVG charts for pages read on old phones and with screen readers.

The charts are plain inline SVG: no JavaScript, no external resources and no ``style``
attributes (a strict Content-Security-Policy blocks those), only presentation attributes such
as ``fill=``. Each chart is one image to assistive technology (``role="img"`` with an
``aria-label`` and a ``<title>``); the page beside it carries a text summary and a table of the
same numbers. Bar and column charts still draw the numbers as text wherever they fit; line
charts leave them to the table.

Every piece of text comes from contributors' data, so all of it is XML-escaped, characters XML
cannot hold are dropped, and long labels are cut to a fixed budget with an ellipsis, the full
label kept in a ``<title>`` child of that text element.

Text stays at the page's text size at every width. A chart has no ``viewBox``, so nothing in
it is scaled: it is as wide as its container (``width="100%"``) and as tall as its rows
(``height`` in ``em``); shapes are placed across the width in per cent of it and down it in
``em``, and text is set at the font size the page gives the chart (the stylesheet's
``.chart svg``). Layouts are planned for the narrowest chart, :data:`MIN_EMS` ems (a 320 px
phone): labels wrap or are cut to fit that, and on a wider screen the bars and columns
stretch while the text stays the size of the page's.

Output is deterministic and compact (numbers carry at most one decimal place), so builds
stay byte-reproducible.
"""

from __future__ import annotations

import itertools
import math
import numbers
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
"""Okabe-Ito colours, safe for the common forms of colour blindness."""

MIN_EMS = 18.0
"""Width of the narrowest chart in ems: 288 px of a 320 px phone at 16 px text."""

TEXT = "#1a1a1a"  # 17:1 on white
OUTLINE = TEXT
GRID = "#d0d0d0"
BACKGROUND = "#fff"

CHAR = 0.6  # estimated width of one character, in ems (a little wide for sans-serif)
GAP = 0.4  # ems between a text and what it labels
LINE_CHARS = math.floor(MIN_EMS / CHAR)  # a whole line at the narrowest: 30
VALUE_CHARS = 12  # bar chart value texts, at the end of their label's line
LABEL_LINES = 3  # a bar's label wraps onto at most this many lines
SWATCH = 0.875  # legend key, in ems
LEGEND_CHARS = math.floor((MIN_EMS - SWATCH - GAP) / CHAR)  # series names: 28

LABEL_LINE = 1.25  # ems per line of a bar's label
BAR_HEIGHT = 1.0
BAR_GAP = 0.75  # between one bar and the next row's label

LEGEND_ROW = 1.5
LINE = 2  # line chart stroke width in px; faint colours get a casing 1 px wider each side
PLOT_HEIGHT = 12.0  # ems of a column or line chart's plot
PLOT_TOP = 1.5  # room above the plot for the top gridline's label and column values
AXIS_BAND = 2.0  # room below the plot for the category labels
MAX_COLUMN = 13.0  # per cent of the plot's width
MAX_CATEGORY_LABELS = 12

_SVG_NS = "http://www.w3.org/2000/svg"


@dataclass(frozen=True)
class Bar:
    """One row of a :func:`bar_chart`.

    ``value`` must be a finite number ``>= 0``; ``text`` is how the page shows it
    (``"1,204"``, ``"£3.2m"``) and is drawn at the end of the bar.
    """

    label: str
    value: float
    text: str

    def __post_init__(self) -> None:
        _check_text(self.label, "Bar label")
        _check_text(self.text, f"text of bar {self.label!r}")
        _check_value(self.value, f"bar {self.label!r}")


@dataclass(frozen=True)
class Series:
    """One series of a :func:`column_chart` or :func:`line_chart`: a value and its displayed text
    per category (line charts do not draw the texts).

    ``values`` and ``texts`` are stored as tuples, so a series cannot change after it is made.
    """

    name: str
    values: Sequence[float]
    texts: Sequence[str]

    def __post_init__(self) -> None:
        _check_text(self.name, "Series name")
        object.__setattr__(self, "values", tuple(self.values))
        object.__setattr__(self, "texts", tuple(self.texts))
        if len(self.values) != len(self.texts):
            raise ValueError(
                f"series {self.name!r} has {len(self.values)} values "
                f"but {len(self.texts)} texts: give one text per value"
            )
        for i, value in enumerate(self.values):
            _check_value(value, f"series {self.name!r} value {i}")
        for i, text in enumerate(self.texts):
            _check_text(text, f"series {self.name!r} text {i}")


def bar_chart(bars: Sequence[Bar], *, label: str, colour: int = 0) -> Markup:
    """Horizontal bar chart: one row per bar, its label above the bar and its value text at
    the right end of the label's last line.

    The largest value spans the whole width and the others are in proportion; all values zero
    give bars of zero width. Labels wrap onto up to :data:`LABEL_LINES` lines of the
    narrowest chart, then are cut with an ellipsis. ``label`` names the chart to screen
    readers; ``colour`` is an index into :data:`PALETTE` (light colours get a dark outline so
    the bars stand out from the white background). No bars give a small chart saying "No data".

    Raises ValueError for an empty ``label``, a ``colour`` outside the palette, or a value
    that is negative or not finite.
    """
    title = _require_label(label)
    fill = _palette_colour(colour)
    bars = tuple(bars)
    for i, bar in enumerate(bars):
        if not isinstance(bar, Bar):
            raise TypeError(f"bars[{i}] is a {type(bar).__name__}, not a Bar")
        _check_value(bar.value, f"bar {bar.label!r}")
    if not bars:
        return _empty(title)

    top = max(bar.value for bar in bars)
    label_els = []
    value_els = []
    rects = []
    y = 0.0
    for bar in bars:
        value = clean_note(bar.text)
        budget = LINE_CHARS - min(_units(value), VALUE_CHARS) - 1
        lines = _wrap(clean_note(bar.label), budget, LABEL_LINES)
        whole = clean_note(bar.label)
        lost = whole if "…" in lines[-1] and "…" not in whole else ""
        for i, line in enumerate(lines):
            y += LABEL_LINE
            label_els.append(_text("0", _em(y - 0.3), line, budget, title="" if i else lost))
        value_els.append(_text("100%", _em(y - 0.3), value, VALUE_CHARS))
        width = 100 * bar.value / top if top else 0.0
        rects.append(
            f'<rect y="{_em(y)}" width="{_n(width)}%" height="{_em(BAR_HEIGHT)}"/>'
            f'<rect y="{_em(y - 0.2)}" width="2" height="{_em(BAR_HEIGHT + 0.4)}" fill="{TEXT}"/>'
        )
        y += BAR_HEIGHT + BAR_GAP

    body = (
        f"<g>{''.join(label_els)}</g>"
        f'<g text-anchor="end">{"".join(value_els)}</g>'
        f"<g{_fill_attrs(fill)}>{''.join(rects)}</g>"
    )
    return _svg(title, y - BAR_GAP + 0.25, body)


def column_chart(categories: Sequence[str], series: Sequence[Series], *, label: str) -> Markup:
    """Grouped vertical columns (e.g. 30 years by 2 series: falling due vs planned), with a legend,
    a zero baseline, a few labelled gridlines, and category labels thinned when crowded
    (e.g. every 5th year label shown for 30 years, so the labels keep apart on a phone).

    Series take palette colours in order (the first two, blue and orange, differ in greyscale
    too; light colours get a dark outline). Each column's text is drawn above it when every
    text fits its column's width on the narrowest chart; otherwise the numbers are left to the
    page's table. No categories or no series give a small chart saying "No data".

    Raises ValueError for an empty ``label``, more series than palette colours, a series whose
    length differs from the number of categories, or a value that is negative or not finite.
    """
    title = _require_label(label)
    categories, series = _check_series(categories, series)
    if not categories or not series:
        return _empty(title)

    colours = PALETTE[: len(series)]
    legend, legend_height = _legend([clean_note(one.name) for one in series], colours, _swatch)
    axes, grid, scale = _axes(categories, series)

    group = axes.group
    column = min(group * 0.8 / len(series), MAX_COLUMN)
    offset = (group - column * len(series)) / 2
    room = (column if len(series) > 1 else group) * MIN_EMS / 100 - 0.2
    texts = [[clean_note(text) for text in one.texts] for one in series]
    show_values = all(_units(text) * CHAR <= room for one in texts for text in one)

    columns = []
    value_els = []
    for k, (one, colour) in enumerate(zip(series, colours, strict=True)):
        rects = []
        for i, value in enumerate(one.values):
            x = i * group + offset + k * column
            y = axes.y(value)
            rects.append(
                f'<rect x="{_n(x)}%" y="{_n(y)}%" width="{_n(column)}%" height="{_n(100 - y)}%"/>'
            )
            if show_values:
                value_els.append(
                    f'<text x="{_n(x + column / 2)}%" y="{_n(y)}%" dy="-0.3em">'
                    f"{escape(texts[k][i])}</text>"
                )
        columns.append(f"<g{_fill_attrs(colour)}>{''.join(rects)}</g>")

    values = f'<g text-anchor="middle">{"".join(value_els)}</g>' if value_els else ""
    plot = grid + "".join(columns) + _category_axis(axes, categories) + values + scale
    return _svg(
        title,
        legend_height + PLOT_TOP + PLOT_HEIGHT + AXIS_BAND,
        legend + _plot(legend_height, plot),
    )


def line_chart(categories: Sequence[str], series: Sequence[Series], *, label: str) -> Markup:
    """One line per series across the categories (e.g. 30 years by 2 series), with a legend,
    a zero baseline, a few labelled gridlines, and category labels thinned when crowded, all
    laid out as in :func:`column_chart`.

    Each series' points sit at the centres of the categories and are marked with a shape of
    its own (circle, square, triangle, diamond, ...) shown again in the legend, so the series
    differ without colour too. Series take palette colours in order; light colours get a
    dark outline on their markers and a dark casing along their line. The value scale starts
    at zero. No numbers are drawn: the page's table holds them. No categories or no series
    give a small chart saying "No data".

    Raises ValueError for an empty ``label``, more series than palette colours, a series whose
    length differs from the number of categories, or a value that is negative or not finite.
    """
    title = _require_label(label)
    categories, series = _check_series(categories, series)
    if not categories or not series:
        return _empty(title)

    colours = PALETTE[: len(series)]
    legend, legend_height = _legend([clean_note(one.name) for one in series], colours, _line_key)
    axes, grid, scale = _axes(categories, series)

    lines = []
    markers = []
    for k, (one, colour) in enumerate(zip(series, colours, strict=True)):
        points = [(f"{_n(axes.x(i))}%", f"{_n(axes.y(v))}%") for i, v in enumerate(one.values)]
        lines.append(_line(points, colour))
        markers.append(_markers(points, k, colour))

    plot = grid + _category_axis(axes, categories) + "".join(lines) + "".join(markers) + scale
    return _svg(
        title,
        legend_height + PLOT_TOP + PLOT_HEIGHT + AXIS_BAND,
        legend + _plot(legend_height, plot),
    )


# --- validation ---------------------------------------------------------------------------


def _check_series(
    categories: Sequence[str], series: Sequence[Series]
) -> tuple[tuple[str, ...], tuple[Series, ...]]:
    """Categories and series as tuples, refusing series that do not match the categories."""
    categories = tuple(categories)
    for i, category in enumerate(categories):
        _check_text(category, f"category {i}")
    series = tuple(series)
    if len(series) > len(PALETTE):
        raise ValueError(f"{len(series)} series but only {len(PALETTE)} distinct colours")
    for i, one in enumerate(series):
        if not isinstance(one, Series):
            raise TypeError(f"series[{i}] is a {type(one).__name__}, not a Series")
        if len(one.values) != len(categories) or len(one.texts) != len(categories):
            raise ValueError(
                f"series {one.name!r} has {len(one.values)} values and {len(one.texts)} texts "
                f"but there are {len(categories)} categories: give one per category"
            )
        for j, value in enumerate(one.values):
            _check_value(value, f"series {one.name!r} value {j}")
    return categories, series


def _check_value(value: object, what: str) -> None:
    """Refuse anything but a finite number >= 0: a bad value is the caller's bug."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{what}: value {value!r} is not a number")
    if not math.isfinite(value):
        raise ValueError(f"{what}: value {value!r} is not finite; charts need finite numbers")
    if value < 0:
        raise ValueError(f"{what}: value {value!r} is negative; charts draw values >= 0")


def _check_text(text: object, what: str) -> None:
    """Refuse a label or text that is not a string."""
    if not isinstance(text, str):
        raise TypeError(f"{what} must be a string, not {type(text).__name__}")


def _require_label(label: object) -> str:
    """The chart's accessible name, cleaned; it may not be empty."""
    _check_text(label, "label")
    assert isinstance(label, str)  # _check_text refused anything else
    cleaned = clean_note(label)
    if not cleaned:
        raise ValueError("label must name the chart: screen readers announce it")
    return cleaned


def _palette_colour(index: int) -> str:
    """The palette colour at ``index``, refusing indexes outside the palette."""
    if isinstance(index, bool) or not isinstance(index, int):
        raise TypeError(f"colour must be an index into PALETTE, not {index!r}")
    if not 0 <= index < len(PALETTE):
        raise ValueError(f"colour {index} is outside PALETTE (0 to {len(PALETTE) - 1})")
    return PALETTE[index]


# --- text -----------------------------------------------------------------------------------


def _xml_char(ch: str) -> bool:
    """Whether XML 1.0 can hold ``ch`` at all (escaped or not)."""
    code = ord(ch)
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def clean_note(text: str) -> str:
    """``text`` without characters XML cannot hold, its whitespace runs made single spaces."""
    return " ".join("".join(ch for ch in text if _xml_char(ch)).split())


def _char_units(ch: str) -> int:
    """Width of one character in narrow-character units: wide (CJK, emoji) count two."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _units(text: str) -> int:
    """Estimated width of ``text`` in narrow-character units."""
    return sum(_char_units(ch) for ch in text)


def _fit(text: str, budget: int) -> tuple[str, bool]:
    """``text`` cut to ``budget`` units with an ellipsis, and whether it was cut."""
    if _units(text) <= budget:
        return text, False
    kept = []
    used = 0
    for ch in text:
        used += _char_units(ch)
        if used > budget - 1:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + "…", True


def _wrap(text: str, budget: int, lines: int) -> list[str]:
    """``text`` broken at spaces into at most ``lines`` lines of ``budget`` units; a word
    longer than a line is cut, and what does not fit the last line is cut with an ellipsis."""
    words = text.split(" ")
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if _units(candidate) <= budget or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[i:])
            break
    out.append(current)
    return [_fit(line, budget)[0] for line in out]


def _text(x: str, y: str, text: str, budget: int, *, title: str = "", extra: str = "") -> str:
    """A ``<text>`` element, cut to ``budget`` with the full text in a ``<title>`` child
    (``title``, when given, is that full text: ``text`` is then one line of it)."""
    shown, cut = _fit(text, budget)
    full = title or (text if cut else "")
    tooltip = f"<title>{escape(full)}</title>" if full else ""
    x_attr = f' x="{x}"' if x != "0" else ""
    return f'<text{x_attr} y="{y}"{extra}>{tooltip}{escape(shown)}</text>'


# --- numbers and layout ---------------------------------------------------------------------


def _n(value: float) -> str:
    """A number with at most one decimal place and no trailing ``.0``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _em(value: float) -> str:
    """A length in ems."""
    return f"{_n(value)}em"


def _ticks(top: float) -> tuple[float, list[float]]:
    """The top of the value scale and its gridline values: zero and 2 to 4 round steps."""
    if top <= 0:
        return 1.0, [0.0]
    raw = top / 4
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = 10 * magnitude
    for multiple in (1, 2, 2.5, 5):
        if multiple * magnitude >= raw:
            step = multiple * magnitude
            break
    count = math.ceil(top / step - 1e-9)
    return count * step, [round(i * step, 12) for i in range(count + 1)]


def _tick_text(value: float, scale_top: float) -> str:
    """A gridline value, shortened with k, m or bn by the size of the whole scale."""
    for limit, divisor, suffix in ((1e9, 1e9, "bn"), (1e6, 1e6, "m"), (1e4, 1e3, "k")):
        if scale_top >= limit:
            return f"{value / divisor:,.6g}{suffix}" if value else "0"
    return f"{value:,.6g}"


def _label_step(names: list[str], group: float) -> int:
    """Show every n-th category label: 1 up to 12 categories that fit, else a round step that
    fits on the narrowest chart (``group`` is one category's width in per cent)."""
    count = len(names)
    widest = max(map(_units, names)) * CHAR + 0.2
    group_ems = group * MIN_EMS / 100
    if count <= MAX_CATEGORY_LABELS and widest <= group_ems:
        return 1
    step = 1
    magnitude = 1
    while True:
        for multiple in (2, 5, 10):
            step = multiple * magnitude
            fits = widest <= step * group_ems
            if (math.ceil(count / step) <= MAX_CATEGORY_LABELS and fits) or step >= count:
                return step
        magnitude *= 10


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of a ``#rrggbb`` colour against white."""
    return 1.05 / (_luminance(colour) + 0.05)


def _ink(colour: str) -> str:
    """Black or white, whichever contrasts more with ``colour``: for text drawn on it."""
    luminance = _luminance(colour)
    return "#000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#fff"


def _fill_attrs(colour: str) -> str:
    """``fill`` for a shape, plus a dark outline when the colour is faint on white (< 3:1)."""
    if _contrast_with_white(colour) < 3:
        return f' fill="{colour}" stroke="{OUTLINE}"'
    return f' fill="{colour}"'


@dataclass(frozen=True)
class _Axes:
    """Where a column or line chart's values sit in its plot, in per cent of the plot's width
    and height: shared so both charts lay out alike."""

    scale_top: float  # the value at the top gridline
    group: float  # width of one category

    def x(self, index: int) -> float:
        """The centre of category ``index``."""
        return (index + 0.5) * self.group

    def y(self, value: float) -> float:
        """The height of ``value`` on a scale from zero at the baseline."""
        return 100 - 100 * value / self.scale_top


def _axes(categories: Sequence[str], series: Sequence[Series]) -> tuple[_Axes, str, str]:
    """The plot's scale, its gridlines, and their labels (drawn last, over the data).

    The scale starts at zero and rises in round steps to at least the largest value. Each
    gridline's label sits just above the line at the plot's left edge, on a white halo so it
    reads over a column.
    """
    scale_top, ticks = _ticks(max(max(one.values) for one in series))
    axes = _Axes(scale_top, 100 / len(categories))
    grid = "".join(
        f'<line x2="100%" y1="{_n(axes.y(t))}%" y2="{_n(axes.y(t))}%"/>' for t in ticks[1:]
    )
    tick_labels = "".join(
        f'<text y="{_n(axes.y(t))}%" dy="-0.3em">{escape(_tick_text(t, scale_top))}</text>'
        for t in ticks
    )
    return (
        axes,
        f'<g stroke="{GRID}">{grid}</g>' if grid else "",
        f'<g stroke="{BACKGROUND}" stroke-width="4" stroke-linejoin="round" '
        f'paint-order="stroke">{tick_labels}</g>',
    )


def _category_axis(axes: _Axes, categories: Sequence[str]) -> str:
    """The baseline with a tick under each labelled category, and those categories' labels.

    Crowded labels are thinned to every n-th (see :func:`_label_step`); a label that would
    run past an edge of the narrowest chart is aligned with that edge instead.
    """
    names = [clean_note(category) for category in categories]
    step = _label_step(names, axes.group)
    room_ems = step * axes.group * MIN_EMS / 100
    budget = max(1, math.floor(room_ems / CHAR))
    marks = []
    category_els = []
    for i in range(0, len(names), step):
        centre = axes.x(i)
        marks.append(f'<rect x="{_n(centre)}%" y="100%" width="1" height="4"/>')
        half = _units(_fit(names[i], budget)[0]) * CHAR / 2
        if half > centre * MIN_EMS / 100:
            x, anchor = "0", ' text-anchor="start"'
        elif half > (100 - centre) * MIN_EMS / 100:
            x, anchor = "100%", ' text-anchor="end"'
        else:
            x, anchor = f"{_n(centre)}%", ""
        category_els.append(_text(x, "100%", names[i], budget, extra=f' dy="1.4em"{anchor}'))
    return (
        f'<g fill="{TEXT}"><rect y="100%" width="100%" height="1"/>{"".join(marks)}</g>'
        f'<g text-anchor="middle">{"".join(category_els)}</g>'
    )


def _plot(top: float, body: str) -> str:
    """The plot area below the legend: percentages inside it are of the plot's own box."""
    return (
        f'<svg y="{_em(top + PLOT_TOP)}" width="100%" height="{_em(PLOT_HEIGHT)}" '
        f'overflow="visible">{body}</svg>'
    )


def _legend(
    names: list[str], colours: Sequence[str], key: Callable[[float, float, int, str], str]
) -> tuple[str, float]:
    """Legend keys and names, flowed left to right onto as many lines as the narrowest chart
    needs, and the legend's height in ems.

    ``key(x, y, index, colour)`` draws series ``index``'s key in the :data:`SWATCH` square
    whose top left corner is at ``x``, ``y`` (in ems).
    """
    items = []
    x = 0.0
    y = 0.0
    for index, (name, colour) in enumerate(zip(names, colours, strict=True)):
        shown, _cut = _fit(name, LEGEND_CHARS)
        width = SWATCH + GAP + _units(shown) * CHAR
        if x > 0 and x + width > MIN_EMS:
            x = 0
            y += LEGEND_ROW
        middle = y + LEGEND_ROW / 2
        items.append(
            key(x, middle - SWATCH / 2, index, colour)
            + _text(_em(x + SWATCH + GAP), _em(middle + 0.35), name, LEGEND_CHARS)
        )
        x += width + 3 * GAP
    return f"<g>{''.join(items)}</g>", y + LEGEND_ROW


def _swatch(x: float, y: float, index: int, colour: str) -> str:
    """A column chart's legend key: a square of the series' colour."""
    return (
        f'<rect x="{_em(x)}" y="{_em(y)}" width="{_em(SWATCH)}" height="{_em(SWATCH)}"'
        f"{_fill_attrs(colour)}/>"
    )


def _line_key(x: float, y: float, index: int, colour: str) -> str:
    """A line chart's legend key: a stretch of the series' line with its marker on it."""
    middle = _em(y + SWATCH / 2)
    return _line([(_em(x), middle), (_em(x + SWATCH), middle)], colour) + _markers(
        [(_em(x + SWATCH / 2), middle)], index, colour
    )


def _line(points: Sequence[tuple[str, str]], colour: str) -> str:
    """Straight segments through ``points``, over a dark casing when the colour is faint."""
    segments = "".join(
        f'<line x1="{ax}" y1="{ay}" x2="{bx}" y2="{by}"/>'
        for (ax, ay), (bx, by) in itertools.pairwise(points)
    )
    line = f'<g stroke="{colour}" stroke-width="{LINE}">{segments}</g>'
    if _contrast_with_white(colour) < 3:
        return f'<g stroke="{OUTLINE}" stroke-width="{LINE + 2}">{segments}</g>' + line
    return line


def _polygon(*corners: tuple[float, float]) -> tuple[tuple[float, float], str]:
    """A marker shape: its first corner relative to the centre, and relative path commands
    from there round the other corners and back."""
    steps = [f"{_n(bx - ax)} {_n(by - ay)}" for (ax, ay), (bx, by) in itertools.pairwise(corners)]
    return corners[0], f"l{' '.join(steps)}z"


_MARKERS: tuple[tuple[tuple[float, float], str], ...] = (
    ((-4, 0), "a4 4 0 1 0 8 0a4 4 0 1 0 -8 0z"),  # circle
    _polygon((-3.5, -3.5), (3.5, -3.5), (3.5, 3.5), (-3.5, 3.5)),  # square
    _polygon((0, -4.5), (5.2, 4.5), (-5.2, 4.5)),  # triangle
    _polygon((0, -5), (5, 0), (0, 5), (-5, 0)),  # diamond
    _polygon((0, 4.5), (5.2, -4.5), (-5.2, -4.5)),  # triangle pointing down
    _polygon(  # plus
        *((-1.6, -5), (1.6, -5), (1.6, -1.6), (5, -1.6), (5, 1.6), (1.6, 1.6)),
        *((1.6, 5), (-1.6, 5), (-1.6, 1.6), (-5, 1.6), (-5, -1.6), (-1.6, -1.6)),
    ),
    _polygon(  # cross
        *((2.4, -4.7), (4.7, -2.4), (2.3, 0), (4.7, 2.4), (2.4, 4.7), (0, 2.3)),
        *((-2.4, 4.7), (-4.7, 2.4), (-2.3, 0), (-4.7, -2.4), (-2.4, -4.7), (0, -2.3)),
    ),
    _polygon(  # star
        *((0, -6), (1.5, -2), (5.7, -1.9), (2.4, 0.8), (3.5, 4.9)),
        *((0, 2.5), (-3.5, 4.9), (-2.4, 0.8), (-5.7, -1.9), (-1.5, -2)),
    ),
)
"""Line chart markers, one per palette colour: the start of each shape relative to the point
it marks, and the relative path commands that draw it from there."""


def _markers(points: Sequence[tuple[str, str]], index: int, colour: str) -> str:
    """Series ``index``'s marker on each point: a small picture of its own at each, so the
    shape keeps its proportions however wide the chart is."""
    (dx, dy), shape = _MARKERS[index]
    path = f'<path d="M{_n(dx)} {_n(dy)}{shape}"/>'
    marks = "".join(f'<svg x="{x}" y="{y}" overflow="visible">{path}</svg>' for x, y in points)
    return f"<g{_fill_attrs(colour)}>{marks}</g>"


def _svg(title: str, height: float, body: str) -> Markup:
    """The root ``<svg>``: as wide as its container, text at the page's size, one image to
    assistive technology, on white."""
    label = escape(title)
    return Markup(
        f'<svg xmlns="{_SVG_NS}" width="100%" height="{_em(height)}" role="img" '
        f'aria-label="{label}" focusable="false" fill="{TEXT}" overflow="visible">'
        f'<title>{label}</title><rect width="100%" height="100%" fill="{BACKGROUND}"/>{body}</svg>'
    )


def _empty(title: str) -> Markup:
    """A small chart that says "No data"."""
    return _svg(title, 2.0, '<text y="1.35em">No data</text>')
