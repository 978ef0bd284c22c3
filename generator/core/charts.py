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

The layout is sized for the smallest screens first: the viewBox is only :data:`WIDTH` units
wide and no text is smaller than :data:`MIN_FONT`, so on a 320 px phone (about 300 px of
content width) every piece of text still renders at 11 CSS px or more. On a desktop the page
constrains the figure's width, so the text grows no larger than about twice that.

Output is deterministic and compact (coordinates carry at most one decimal place), so builds
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

WIDTH = 360
"""Width of every chart's viewBox; the SVG itself scales to its container.

Narrow on purpose: at 300 CSS px (a 320 px phone) one viewBox unit is 0.83 px, so the
14-unit text renders at 11.7 px.
"""

TEXT = "#1a1a1a"  # 17:1 on white
OUTLINE = TEXT
GRID = "#d0d0d0"
BACKGROUND = "#fff"

MIN_FONT = 14
"""Smallest font-size of any text, in viewBox units: 14 * 300 / WIDTH = 11.7 CSS px on a phone."""
FONT = MIN_FONT  # labels, values and legend
AXIS_FONT = MIN_FONT  # gridline and category labels
VALUE_FONT = MIN_FONT  # numbers above columns
CHAR = 0.6  # estimated width of one character, in ems (a little wide for sans-serif)

PAD = 8
GAP = 6

LINE_CHARS = math.floor((WIDTH - 2 * PAD) / (CHAR * FONT))  # a whole line: 40
LABEL_CHARS = LINE_CHARS  # bar chart labels, each on its own line above its bar
VALUE_CHARS = 18  # bar chart value texts: 2 * 18 chars + 3 gaps fit one line, see bar_chart
SWATCH = 14
LEGEND_CHARS = math.floor((WIDTH - 2 * PAD - SWATCH - GAP) / (CHAR * FONT))  # series names: 38

BAR_LABEL = 18  # band above each bar holding its label
BAR_HEIGHT = 18
BAR_GAP = 8  # between one bar and the next row's label
BAR_ROW = BAR_LABEL + BAR_HEIGHT + BAR_GAP

LEGEND_ROW = 22
LINE = 2  # line chart stroke width; faint colours get a casing 1 unit wider each side
PLOT_HEIGHT = 200
MAX_COLUMN = 48
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
    """Horizontal bar chart: one row per bar, its label on a line of its own above the bar.

    The largest value spans the whole width and the others are in proportion; all values zero
    give bars of zero width. Each value text sits just past its bar's end, or inside the bar's
    end (in black or white, whichever stands out more from the bar) when the bar is too long
    for it to fit outside. ``label`` names the chart to screen readers; ``colour`` is an
    index into :data:`PALETTE` (light colours get a dark outline so the bars stand out from
    the white background). No bars give a small chart saying "No data".

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

    labels = [clean_note(bar.label) for bar in bars]
    texts = [clean_note(bar.text) for bar in bars]
    x0 = PAD
    plot_width = WIDTH - 2 * PAD
    # A value text fits outside a bar shorter than plot_width - GAP - its width, and inside a
    # bar at least its width + 2 * GAP long: as plot_width >= 2 * VALUE_CHARS * CHAR * FONT
    # + 3 * GAP, every text fits one way or the other.
    top = max(bar.value for bar in bars)
    height = 2 * PAD + len(bars) * BAR_ROW - BAR_GAP

    label_els = []
    rects = []
    zero = []
    outside = []
    inside = []
    for i, (bar, text_label, text) in enumerate(zip(bars, labels, texts, strict=True)):
        row = PAD + i * BAR_ROW
        bar_top = row + BAR_LABEL
        baseline = bar_top + BAR_HEIGHT / 2 + FONT * 0.35
        width = plot_width * bar.value / top if top else 0.0
        label_els.append(_text(x0, row + BAR_LABEL - 4, text_label, LABEL_CHARS))
        rects.append(
            f'<rect x="{_n(x0)}" y="{_n(bar_top)}" width="{_n(width)}" height="{BAR_HEIGHT}"/>'
        )
        zero.append(f"M{_n(x0)} {_n(bar_top - 2)}v{BAR_HEIGHT + 4}")
        text_width = _units(_fit(text, VALUE_CHARS)[0]) * CHAR * FONT
        if x0 + width + GAP + text_width <= WIDTH - PAD:
            outside.append(_text(x0 + width + GAP, baseline, text, VALUE_CHARS))
        else:
            inside.append(_text(x0 + width - GAP, baseline, text, VALUE_CHARS))

    body = (
        f"<g>{''.join(label_els)}</g>"
        f"<g{_fill_attrs(fill)}>{''.join(rects)}</g>"
        f'<path d="{"".join(zero)}" stroke="{TEXT}"/>'
        + (f"<g>{''.join(outside)}</g>" if outside else "")
        + (f'<g text-anchor="end" fill="{_ink(fill)}">{"".join(inside)}</g>' if inside else "")
    )
    return _svg(title, height, body)


def column_chart(categories: Sequence[str], series: Sequence[Series], *, label: str) -> Markup:
    """Grouped vertical columns (e.g. 30 years by 2 series: falling due vs planned), with a legend,
    a zero baseline, a few labelled gridlines, and category labels thinned when crowded
    (e.g. every 5th year label shown for 30 years, so the labels keep apart on a phone).

    Series take palette colours in order (the first two, blue and orange, differ in greyscale
    too; light colours get a dark outline). Each column's text is drawn above it when every
    text fits its column's width; otherwise the numbers are left to the page's table. No
    categories or no series give a small chart saying "No data".

    Raises ValueError for an empty ``label``, more series than palette colours, a series whose
    length differs from the number of categories, or a value that is negative or not finite.
    """
    title = _require_label(label)
    categories, series = _check_series(categories, series)
    if not categories or not series:
        return _empty(title)

    colours = PALETTE[: len(series)]
    legend, legend_height = _legend([clean_note(one.name) for one in series], colours, _swatch)
    axes, grid = _axes(categories, series, legend_height)

    group = axes.group
    column = min(group * 0.8 / len(series), MAX_COLUMN)
    offset = (group - column * len(series)) / 2
    room = column if len(series) > 1 else group - 2 * GAP
    texts = [[clean_note(text) for text in one.texts] for one in series]
    show_values = all(_units(text) * CHAR * VALUE_FONT <= room for one in texts for text in one)

    columns = []
    value_els = []
    for k, (one, colour) in enumerate(zip(series, colours, strict=True)):
        rects = []
        for i, value in enumerate(one.values):
            x = axes.left + i * group + offset + k * column
            y = axes.y(value)
            rects.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(column)}" height="{_n(axes.base - y)}"/>'
            )
            if show_values:
                value_els.append(
                    f'<text x="{_n(x + column / 2)}" y="{_n(y - 4)}">{escape(texts[k][i])}</text>'
                )
        columns.append(f"<g{_fill_attrs(colour)}>{''.join(rects)}</g>")

    baseline, category_labels = _category_axis(axes, categories)
    body = (
        legend
        + grid
        + "".join(columns)
        + baseline
        + (
            f'<g font-size="{VALUE_FONT}" text-anchor="middle">{"".join(value_els)}</g>'
            if value_els
            else ""
        )
        + category_labels
    )
    return _svg(title, axes.height, body)


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
    axes, grid = _axes(categories, series, legend_height)

    lines = []
    markers = []
    for k, (one, colour) in enumerate(zip(series, colours, strict=True)):
        points = [(axes.x(i), axes.y(value)) for i, value in enumerate(one.values)]
        lines.append(_line(points, colour))
        markers.append(_markers(points, k, colour))

    baseline, category_labels = _category_axis(axes, categories)
    body = legend + grid + baseline + "".join(lines) + "".join(markers) + category_labels
    return _svg(title, axes.height, body)


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


def _text(x: float, y: float, text: str, budget: int) -> str:
    """A ``<text>`` element, cut to ``budget`` with the full text in a ``<title>`` child."""
    shown, cut = _fit(text, budget)
    title = f"<title>{escape(text)}</title>" if cut else ""
    return f'<text x="{_n(x)}" y="{_n(y)}">{title}{escape(shown)}</text>'


# --- numbers and layout ---------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate with at most one decimal place and no trailing ``.0``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


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
    """Show every n-th category label: 1 up to 12 categories, else a round step that fits."""
    count = len(names)
    if count <= MAX_CATEGORY_LABELS:
        return 1
    widest = max(map(_units, names)) * CHAR * AXIS_FONT
    step = 1
    magnitude = 1
    while True:
        for multiple in (2, 5, 10):
            step = multiple * magnitude
            fits = widest <= step * group - 2
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
    """Where a column or line chart's plot sits: shared so both charts lay out alike."""

    left: float  # the plot's left edge, right of the gridline labels
    right: float
    base: float  # y of the zero baseline
    scale_top: float  # the value at the top gridline
    group: float  # width of one category
    height: float  # of the whole chart

    def x(self, index: int) -> float:
        """The centre of category ``index``."""
        return self.left + (index + 0.5) * self.group

    def y(self, value: float) -> float:
        """The height of ``value`` on a scale from zero at the baseline."""
        return self.base - PLOT_HEIGHT * value / self.scale_top


def _axes(
    categories: Sequence[str], series: Sequence[Series], legend_height: float
) -> tuple[_Axes, str]:
    """The plot's layout below a legend, and its gridlines with their labels.

    The scale starts at zero and rises in round steps to at least the largest value; the plot
    leaves room on its left for the widest gridline label and above for one line of text.
    """
    scale_top, ticks = _ticks(max(max(one.values) for one in series))
    tick_texts = [_tick_text(tick, scale_top) for tick in ticks]
    left = PAD + math.ceil(max(map(_units, tick_texts)) * CHAR * AXIS_FONT) + GAP
    right = WIDTH - PAD
    base = legend_height + PAD + VALUE_FONT + PLOT_HEIGHT
    height = base + GAP + AXIS_FONT + 2 * PAD
    axes = _Axes(left, right, base, scale_top, (right - left) / len(categories), height)

    grid = "".join(f"M{_n(left)} {_n(axes.y(t))}H{right}" for t in ticks[1:])
    tick_labels = "".join(
        f'<text x="{_n(left - GAP)}" y="{_n(axes.y(t) + AXIS_FONT * 0.35)}">{escape(s)}</text>'
        for t, s in zip(ticks, tick_texts, strict=True)
    )
    return axes, (
        (f'<path d="{grid}" stroke="{GRID}"/>' if grid else "")
        + f'<g font-size="{AXIS_FONT}" text-anchor="end">{tick_labels}</g>'
    )


def _category_axis(axes: _Axes, categories: Sequence[str]) -> tuple[str, str]:
    """The baseline with a tick under each labelled category, and those categories' labels.

    Crowded labels are thinned to every n-th (see :func:`_label_step`).
    """
    names = [clean_note(category) for category in categories]
    step = _label_step(names, axes.group)
    marks = []
    category_els = []
    for i in range(0, len(names), step):
        centre = axes.x(i)
        # As wide as the categories it stands for, and never past either edge of the chart.
        room = min(step * axes.group - 2, 2 * (centre - PAD), 2 * (WIDTH - PAD - centre))
        budget = max(1, math.floor(room / (CHAR * AXIS_FONT)))
        marks.append(f"M{_n(centre)} {_n(axes.base)}v4")
        category_els.append(_text(centre, axes.base + GAP + AXIS_FONT, names[i], budget))
    return (
        f'<path d="M{_n(axes.left)} {_n(axes.base)}H{axes.right}{"".join(marks)}" '
        f'stroke="{TEXT}"/>',
        f'<g font-size="{AXIS_FONT}" text-anchor="middle">{"".join(category_els)}</g>',
    )


def _legend(
    names: list[str], colours: Sequence[str], key: Callable[[float, float, int, str], str]
) -> tuple[str, int]:
    """Legend keys and names, flowed left to right onto as many lines as needed.

    ``key(x, y, index, colour)`` draws series ``index``'s key in the :data:`SWATCH` square
    whose top left corner is at ``x``, ``y``.
    """
    items = []
    x = PAD
    y = PAD
    for index, (name, colour) in enumerate(zip(names, colours, strict=True)):
        shown, _cut = _fit(name, LEGEND_CHARS)
        width = SWATCH + GAP + math.ceil(_units(shown) * CHAR * FONT)
        if x > PAD and x + width > WIDTH - PAD:
            x = PAD
            y += LEGEND_ROW
        items.append(
            key(x, y + (LEGEND_ROW - SWATCH) // 2, index, colour)
            + _text(x + SWATCH + GAP, y + LEGEND_ROW / 2 + FONT * 0.35, name, LEGEND_CHARS)
        )
        x += width + 3 * GAP
    return f"<g>{''.join(items)}</g>", y + LEGEND_ROW


def _swatch(x: float, y: float, index: int, colour: str) -> str:
    """A column chart's legend key: a square of the series' colour."""
    return f'<rect x="{x}" y="{y}" width="{SWATCH}" height="{SWATCH}"{_fill_attrs(colour)}/>'


def _line_key(x: float, y: float, index: int, colour: str) -> str:
    """A line chart's legend key: a stretch of the series' line with its marker on it."""
    middle = y + SWATCH / 2
    return _line([(x, middle), (x + SWATCH, middle)], colour) + _markers(
        [(x + SWATCH / 2, middle)], index, colour
    )


def _line(points: Sequence[tuple[float, float]], colour: str) -> str:
    """A polyline through ``points``, over a dark casing when the colour is faint on white."""
    joined = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
    line = f'<polyline points="{joined}" fill="none" stroke="{colour}" stroke-width="{LINE}"/>'
    if _contrast_with_white(colour) < 3:
        casing = (
            f'<polyline points="{joined}" fill="none" stroke="{OUTLINE}" '
            f'stroke-width="{LINE + 2}"/>'
        )
        return casing + line
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


def _markers(points: Sequence[tuple[float, float]], index: int, colour: str) -> str:
    """Series ``index``'s marker on each point, as one path in the series' colour."""
    (dx, dy), shape = _MARKERS[index]
    d = "".join(f"M{_n(x + dx)} {_n(y + dy)}{shape}" for x, y in points)
    return f'<path d="{d}"{_fill_attrs(colour)}/>'


def _svg(title: str, height: float, body: str) -> Markup:
    """The root ``<svg>``: scalable, one image to assistive technology, on white."""
    label = escape(title)
    return Markup(
        f'<svg xmlns="{_SVG_NS}" viewBox="0 0 {WIDTH} {_n(height)}" width="100%" role="img" '
        f'aria-label="{label}" focusable="false" font-family="sans-serif" font-size="{FONT}" '
        f'fill="{TEXT}"><title>{label}</title>'
        f'<rect width="{WIDTH}" height="{_n(height)}" fill="{BACKGROUND}"/>{body}</svg>'
    )


def _empty(title: str) -> Markup:
    """A small chart that says "No data"."""
    height = 2 * PAD + BAR_ROW
    return _svg(
        title, height, f'<text x="{PAD}" y="{_n(PAD + BAR_ROW / 2 + FONT * 0.35)}">No data</text>'
    )
