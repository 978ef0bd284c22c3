"""Build-time SVG charts: what a reader, a screen reader and a strict CSP get from them."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from generator.core.charts import PALETTE, Bar, Series, bar_chart, column_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"
YEARS = [str(year) for year in range(2025, 2055)]
HOSTILE = '<script>alert("x")</script>&"\''


def parse(svg: str) -> ET.Element:
    """The chart as XML; fails the test if it is not well-formed."""
    return ET.fromstring(str(svg))


def visible(element: ET.Element) -> str:
    """What a ``<text>`` element draws: its text without any ``<title>`` child."""
    return (element.text or "") + "".join(child.tail or "" for child in element)


def texts(root: ET.Element) -> list[str]:
    return [visible(t) for t in root.iter(f"{SVG}text")]


def shapes(root: ET.Element, colour: str) -> list[ET.Element]:
    """The rects drawn in one palette colour (bars, columns or a legend swatch)."""
    found = []
    for parent in root.iter():
        if parent.get("fill") == colour:
            found.extend(parent.iter(f"{SVG}rect"))
    return found


def bar_rects(root: ET.Element, colour: str = PALETTE[0]) -> list[ET.Element]:
    return [r for r in shapes(root, colour) if r.get("width") != "14"]


def columns(root: ET.Element, colour: str) -> list[ET.Element]:
    """Columns of one series, without its 14 by 14 legend swatch."""
    return [r for r in shapes(root, colour) if r.get("height") != "14" or r.get("width") != "14"]


def viewbox(root: ET.Element) -> list[float]:
    return [float(v) for v in root.get("viewBox", "").split()]


def drawn_text(root: ET.Element) -> list[tuple[ET.Element, dict[str, str]]]:
    """Every ``<text>`` with the presentation attributes it inherits (font-size, fill, ...)."""
    found = []

    def walk(element: ET.Element, inherited: dict[str, str]) -> None:
        attrs = {**inherited, **element.attrib}
        if element.tag == f"{SVG}text":
            found.append((element, attrs))
        for child in element:
            walk(child, attrs)

    walk(root, {})
    return found


def phone_px(root: ET.Element, size: float) -> float:
    """CSS px of a viewBox length when the chart is drawn 300 px wide (a 320 px phone)."""
    return size * 300 / viewbox(root)[2]


def luminance(colour: str) -> float:
    def channel(pair: str) -> float:
        c = int(pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    if len(colour) == 4:
        colour = "#" + "".join(ch * 2 for ch in colour[1:])
    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def some_bars() -> list[Bar]:
    return [Bar("Band A", 1000, "1,000"), Bar("Band B", 500, "500"), Bar("Band C", 250, "250")]


def thirty_years(chart=column_chart) -> Markup:
    due = [float((i * 37) % 1900 + 100) for i in range(30)]
    planned = [v * 0.75 for v in due]
    return chart(
        YEARS,
        [
            Series("Components falling due", due, [f"{v:,.0f}" for v in due]),
            Series("Planned", planned, [f"{v:,.0f}" for v in planned]),
        ],
        label="Components falling due and planned, 2025 to 2054",
    )


def three_types(chart=column_chart) -> Markup:
    return chart(
        ["Flat", "House", "Bungalow"],
        [
            Series("Falling due", [3_200_000, 1_500_000, 0], ["£3.2m", "£1.5m", "£0"]),
            Series("Planned", [1_600_000, 1_500_000, 200_000], ["£1.6m", "£1.5m", "£0.2m"]),
        ],
        label="Spend by property type",
    )


ALL_CHARTS = {
    "bar": lambda: bar_chart(some_bars(), label="Homes by band"),
    "columns": thirty_years,
    "few columns": three_types,
    "no data": lambda: bar_chart([], label="Homes by band"),
    "lines": lambda: thirty_years(line_chart),
    "few lines": lambda: three_types(line_chart),
    "eight lines": lambda: eight_lines(),
}


# --- an image with a name, for screen readers ---------------------------------------------


def test_accessible_name_is_the_label_argument():
    root = parse(bar_chart(some_bars(), label="Homes by council tax band"))
    assert root.get("aria-label") == "Homes by council tax band"
    assert root.find(f"{SVG}title").text == "Homes by council tax band"


@pytest.mark.parametrize("make", ALL_CHARTS.values(), ids=ALL_CHARTS.keys())
def test_nothing_a_strict_csp_or_an_offline_page_would_refuse(make):
    svg = str(make())
    root = parse(svg)
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}style", f"{SVG}image", f"{SVG}a")
        assert "style" not in element.attrib
        assert not any(name.startswith("on") for name in element.attrib)
        assert not any("href" in name for name in element.attrib)
    assert "url(" not in svg and "javascript:" not in svg


def on_bar(root: ET.Element, text: ET.Element, fill: str) -> bool:
    """Whether ``text`` (anchored at its end) lies on a bar whose colour contrasts with ``fill``."""
    x, y = float(text.get("x")), float(text.get("y"))
    for colour in PALETTE:
        for r in bar_rects(root, colour):
            left, top = float(r.get("x")), float(r.get("y"))
            right, bottom = left + float(r.get("width")), top + float(r.get("height"))
            if left < x < right and top < y < bottom:
                return contrast(colour, fill) >= 4.5
    return False


CHART_SHAPES = {
    "bar": lambda: bar_chart(some_bars(), label="Homes by band"),
    "bar, long texts": lambda: bar_chart(
        [Bar("x" * 60, 1e6, "y" * 30), Bar("Short", 1, "1")], label="x", colour=5
    ),
    "columns": thirty_years,
    "few columns": three_types,
    "one column": lambda: column_chart(["A"], [Series("S", [1], ["1"])], label="x"),
    "four series": lambda: four_series(),
    "31 long categories": lambda: column_chart(
        [f"Year {y} to {y + 1}" for y in range(2025, 2056)],
        [Series("S", range(31), [str(i) for i in range(31)])],
        label="x",
    ),
    "no data": lambda: column_chart([], [], label="x"),
    "lines": lambda: thirty_years(line_chart),
    "few lines": lambda: three_types(line_chart),
    "one point": lambda: line_chart(["A"], [Series("S", [1], ["1"])], label="x"),
    "eight lines": lambda: eight_lines(),
    "31 long categories of lines": lambda: line_chart(
        [f"Year {y} to {y + 1}" for y in range(2025, 2056)],
        [Series("S", range(31), [str(i) for i in range(31)])],
        label="x",
    ),
    "no lines": lambda: line_chart([], [], label="x"),
}


def four_series() -> Markup:
    names = ["Components falling due", "Planned replacements", "Deferred", "Emergency repairs"]
    return column_chart(
        ["Flat", "House", "Bungalow", "Maisonette"],
        [Series(name, [1, 2, 3, 4], ["1", "2", "3", "4"]) for name in names],
        label="x",
    )


EIGHT = ["Due", "Planned", "Deferred", "Emergency", "Cyclical", "Voids", "Capital", "Other"]


def eight_lines() -> Markup:
    """As many series as the palette has colours, each rising at its own rate."""
    return line_chart(
        ["Flat", "House", "Bungalow", "Maisonette", "Terrace"],
        [
            Series(name, [k + i * (k % 3) for i in range(5)], ["?"] * 5)
            for k, name in enumerate(EIGHT)
        ],
        label="x",
    )


# --- bar chart ------------------------------------------------------------------------------


def test_bar_widths_depend_only_on_proportions():
    small = parse(bar_chart(some_bars(), label="x"))
    scaled = [Bar(b.label, b.value * 1000, b.text) for b in some_bars()]
    large = parse(bar_chart(scaled, label="x"))
    assert [r.get("width") for r in bar_rects(small)] == [r.get("width") for r in bar_rects(large)]


def test_long_labels_do_not_squeeze_the_bars():
    short = parse(bar_chart(some_bars(), label="x"))
    long = [
        Bar(b.label + " and a long description of it" * 3, b.value, b.text) for b in some_bars()
    ]
    assert [(r.get("x"), r.get("width")) for r in bar_rects(short)] == [
        (r.get("x"), r.get("width")) for r in bar_rects(parse(bar_chart(long, label="x")))
    ]


def test_faint_palette_colours_get_a_dark_outline():
    for index, colour in enumerate(PALETTE):
        root = parse(bar_chart(some_bars(), label="x", colour=index))
        group = next(e for e in root.iter() if e.get("fill") == colour)
        if contrast(colour, "#ffffff") < 3:
            assert group.get("stroke") and contrast(group.get("stroke"), "#ffffff") >= 3
        else:
            assert group.get("stroke") is None


@pytest.mark.parametrize("colour", [-1, len(PALETTE)])
def test_colour_outside_the_palette_is_refused(colour):
    with pytest.raises(ValueError, match="colour"):
        bar_chart(some_bars(), label="x", colour=colour)


# --- column chart ---------------------------------------------------------------------------


def test_thirty_years_show_every_fifth_year_label():
    shown = [t for t in texts(parse(thirty_years())) if t in YEARS]
    assert shown == ["2025", "2030", "2035", "2040", "2045", "2050"]


def test_a_few_categories_all_get_labels():
    root = parse(three_types())
    drawn = texts(root)
    for name in ("Flat", "House", "Bungalow"):
        assert name in drawn
    six = column_chart(YEARS[:6], [Series("Due", range(6), [str(i) for i in range(6)])], label="x")
    assert [t for t in texts(parse(six)) if t in YEARS] == YEARS[:6]


def test_zero_baseline_and_labelled_gridlines():
    root = parse(three_types())
    drawn = texts(root)
    assert "0" in drawn
    gridline_labels = [t for t in drawn if re.fullmatch(r"\d+(\.\d+)?m", t)]
    assert 2 <= len(gridline_labels) <= 6
    # The top gridline is at or above the tallest value (3.2m), so no column is clipped.
    assert max(float(t[:-1]) for t in gridline_labels) >= 3.2


def test_crowded_column_values_are_left_to_the_table_rather_than_overlap():
    values = [float(1000 + i) for i in range(30)]
    root = parse(
        column_chart(
            YEARS,
            [
                Series("Due", values, [f"due {v:.0f}" for v in values]),
                Series("Planned", values, [f"planned {v:.0f}" for v in values]),
            ],
            label="x",
        )
    )
    drawn = [t for t in root.iter(f"{SVG}text") if re.fullmatch(r"(due|planned) \d+", visible(t))]
    positions = sorted(float(t.get("x")) for t in drawn)
    # Whatever is drawn, two numbers never sit closer than the width of one.
    width = len("planned 1000") * 0.6 * 14
    assert all(b - a >= width for a, b in itertools.pairwise(positions))


# --- line chart -----------------------------------------------------------------------------


def lines(root: ET.Element, colour: str) -> list[ET.Element]:
    """The polylines stroked in one colour (a series' line, and its legend key's stretch)."""
    return [p for p in root.iter(f"{SVG}polyline") if p.get("stroke") == colour]


def line_of(root: ET.Element, colour: str) -> list[tuple[float, float]]:
    """The points of a series' line in the plot (the legend key's line has only two)."""
    key, line = lines(root, colour)
    assert len(points(key)) == 2
    return points(line)


def points(polyline: ET.Element) -> list[tuple[float, float]]:
    pairs = [pair.split(",") for pair in polyline.get("points").split()]
    return [(float(x), float(y)) for x, y in pairs]


MARK = re.compile(r"M(-?[\d.]+) (-?[\d.]+)([^M]*)")


def markers(root: ET.Element, colour: str) -> tuple[list[tuple[float, float, str]], ...]:
    """A series' markers, in its legend key and then in the plot, as (start x, start y, shape):
    each marker is a move to its start then relative commands, the same for one shape."""
    paths = [p for p in root.iter(f"{SVG}path") if p.get("fill") == colour]
    return tuple(
        [(float(x), float(y), shape) for x, y, shape in MARK.findall(p.get("d"))] for p in paths
    )


def baseline(root: ET.Element) -> float:
    """The y of the zero baseline: the dark path starting with a horizontal line."""
    for path in root.iter(f"{SVG}path"):
        found = re.match(r"M[\d.]+ ([\d.]+)H", path.get("d"))
        if found and path.get("stroke") != "#d0d0d0":
            return float(found.group(1))
    raise AssertionError("no baseline")


def test_lines_are_plain_strokes():
    root = parse(thirty_years(line_chart))
    for line in root.iter(f"{SVG}polyline"):
        assert line.get("fill") == "none"
        assert float(line.get("stroke-width")) >= 2


def test_line_chart_draws_no_values_the_table_holds_them():
    drawn = texts(parse(three_types(line_chart)))
    for text in ("£3.2m", "£1.5m", "£0", "£1.6m", "£0.2m"):
        assert text not in drawn
    assert {"Flat", "House", "Bungalow", "Falling due", "Planned", "0"} <= set(drawn)


def test_lines_and_columns_share_legend_layout_gridlines_and_category_labels():
    def axes(chart) -> tuple:
        root = parse(three_types(chart))
        grid = [p.get("d") for p in root.iter(f"{SVG}path") if p.get("stroke") == "#d0d0d0"]
        drawn = [(visible(t), t.get("x"), t.get("y")) for t in root.iter(f"{SVG}text")]
        drawn = [d for d in drawn if not d[0].startswith("£")]  # column values
        return viewbox(root), grid, drawn

    assert axes(line_chart) == axes(column_chart)


def test_line_legend_names_every_series():
    root = parse(thirty_years(line_chart))
    drawn = texts(root)
    assert "Components falling due" in drawn and "Planned" in drawn
    legend = parse(eight_lines())
    assert [t for t in texts(legend) if t in EIGHT] == EIGHT


def test_hostile_text_in_line_charts_is_escaped_too():
    svg = str(
        line_chart(
            [HOSTILE, "B"], [Series(HOSTILE, [1, 2], [HOSTILE, "2"])], label=f"Chart {HOSTILE}"
        )
    )
    assert "<script" not in svg
    root = parse(svg)
    assert root.get("aria-label") == f"Chart {HOSTILE}"
    assert not list(root.iter(f"{SVG}script"))
    assert HOSTILE[:10] in "".join(texts(root))


def test_line_coordinates_have_at_most_one_decimal():
    root = parse(eight_lines())
    numbers = [n for p in root.iter(f"{SVG}polyline") for n in re.split(r"[ ,]", p.get("points"))]
    numbers += [n for p in root.iter(f"{SVG}path") for n in re.findall(r"-?[\d.]+", p.get("d"))]
    assert numbers
    for number in numbers:
        assert re.fullmatch(r"-?\d+(\.\d)?", number), number


def test_thirty_years_of_two_lines_is_well_under_12_kb():
    svg = str(thirty_years(line_chart))
    assert len(svg.encode()) < 12_000
    assert "\n" not in svg and "  " not in svg


# --- contributors' text ---------------------------------------------------------------------


def test_hostile_text_is_escaped_everywhere_and_the_document_parses():
    svg = str(bar_chart([Bar(HOSTILE, 1, HOSTILE)], label=HOSTILE))
    assert "<script" not in svg
    root = parse(svg)
    assert root.get("aria-label") == HOSTILE
    assert root.find(f"{SVG}title").text == HOSTILE
    assert not list(root.iter(f"{SVG}script"))
    assert HOSTILE[:10] in "".join(texts(root))


def test_hostile_text_in_column_charts_is_escaped_too():
    svg = str(
        column_chart(
            [HOSTILE, "B"], [Series(HOSTILE, [1, 2], [HOSTILE, "2"])], label=f"Chart {HOSTILE}"
        )
    )
    assert "<script" not in svg
    root = parse(svg)
    assert root.get("aria-label") == f"Chart {HOSTILE}"
    assert not list(root.iter(f"{SVG}script"))


def test_characters_xml_cannot_hold_are_dropped_not_fatal():
    svg = bar_chart([Bar("Flat\x00\x1b block", 1, "1\x0c")], label="Homes\x01 by type")
    root = parse(svg)
    assert root.get("aria-label") == "Homes by type"
    assert "Flat block" in texts(root)


def test_long_category_and_series_names_are_cut_with_titles():
    long = "A category name far too long to sit under one narrow column"
    root = parse(
        column_chart(
            [long, "B", "C", "D"],
            [Series("S " * 40, [1, 2, 3, 4], ["1", "2", "3", "4"])],
            label="x",
        )
    )
    titles = {
        t.find(f"{SVG}title").text
        for t in root.iter(f"{SVG}text")
        if t.find(f"{SVG}title") is not None
    }
    assert long in titles
    assert ("S " * 40).strip() in titles


def test_wide_characters_count_double_towards_the_budget():
    wide = "公営住宅" * 15  # 60 characters, each as wide as two Latin ones
    root = parse(bar_chart([Bar(wide, 1, "1")], label="x"))
    (label,) = [t for t in root.iter(f"{SVG}text") if t.find(f"{SVG}title") is not None]
    assert len(visible(label)) <= 21


# --- no data and bad data -------------------------------------------------------------------


@pytest.mark.parametrize("value", [-1, -0.001, math.nan, math.inf, -math.inf])
def test_bad_bar_values_are_the_callers_bug(value):
    with pytest.raises(ValueError, match=r"negative|finite"):
        bar_chart([Bar("A", value, "?")], label="x")


@pytest.mark.parametrize("chart", [column_chart, line_chart])
@pytest.mark.parametrize("value", [-1, math.nan, math.inf])
def test_bad_series_values_are_the_callers_bug(chart, value):
    with pytest.raises(ValueError, match=r"negative|finite"):
        chart(["A", "B"], [Series("Due", [1, value], ["1", "?"])], label="x")


@pytest.mark.parametrize("chart", [column_chart, line_chart])
def test_series_longer_or_shorter_than_the_categories_is_refused(chart):
    with pytest.raises(ValueError, match="3 categories"):
        chart(["A", "B", "C"], [Series("Due", [1, 2], ["1", "2"])], label="x")
    with pytest.raises(ValueError, match="3 categories"):
        chart(["A", "B", "C"], [Series("Due", [1, 2, 3, 4], ["1", "2", "3", "4"])], label="x")
    with pytest.raises(ValueError, match="categories"):
        chart([], [Series("Due", [1], ["1"])], label="x")


def test_values_and_texts_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="texts"):
        Series("Due", [1, 2], ["1"])


@pytest.mark.parametrize("chart", [column_chart, line_chart])
def test_more_series_than_colours_is_refused(chart):
    many = [Series(f"S{i}", [1], ["1"]) for i in range(len(PALETTE) + 1)]
    with pytest.raises(ValueError, match="colours"):
        chart(["A"], many, label="x")


@pytest.mark.parametrize("label", ["", "   "])
def test_a_chart_needs_a_name(label):
    with pytest.raises(ValueError, match="label"):
        bar_chart(some_bars(), label=label)
    with pytest.raises(ValueError, match="label"):
        line_chart(["A"], [Series("S", [1], ["1"])], label=label)


def test_series_cannot_change_after_it_is_made():
    values = [1.0, 2.0]
    series = Series("Due", values, ["1", "2"])
    values.append(-5)
    assert series.values == (1.0, 2.0)


# --- reproducible and small -----------------------------------------------------------------


@pytest.mark.parametrize("make", ALL_CHARTS.values(), ids=ALL_CHARTS.keys())
def test_same_input_same_bytes(make):
    assert str(make()) == str(make())


def test_thirty_years_by_two_series_is_well_under_12_kb():
    svg = str(thirty_years())
    assert len(svg.encode()) < 12_000
    assert "\n" not in svg and "  " not in svg


# --- text at the page's size: nothing in a chart is scaled ----------------------------------

LAYOUTS = {
    "bar": lambda: bar_chart(some_bars(), label="Homes by band"),
    "columns": thirty_years,
    "few columns": three_types,
    "lines": lambda: thirty_years(line_chart),
    "few lines": lambda: three_types(line_chart),
    "no data": lambda: bar_chart([], label="Homes by band"),
}


@pytest.mark.parametrize("make", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_a_chart_is_as_wide_as_its_container_and_its_text_is_not_scaled(make):
    root = parse(make())
    assert root.get("viewBox") is None  # no scaling: text keeps the page's font size
    assert root.get("width") == "100%"
    assert re.fullmatch(r"\d+(\.\d)?em", root.get("height"))
    assert root.get("role") == "img" and root.get("aria-label")
    for element in root.iter():
        assert "font-size" not in element.attrib
        assert "style" not in element.attrib


@pytest.mark.parametrize("make", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_every_text_fits_the_narrowest_chart(make):
    """A 320 px phone gives a chart 18 ems: no text line is longer than 30 characters."""
    for text in texts(parse(make())):
        assert len(text) <= 30, text


def test_bar_widths_are_per_cent_of_the_largest():
    root = parse(bar_chart(some_bars(), label="x"))
    widths = [r.get("width") for r in root.iter(f"{SVG}rect") if r.get("width", "").endswith("%")]
    assert widths == ["100%", "100%", "50%", "25%"]  # the background, then the bars


def test_all_zero_values_give_zero_width_bars():
    root = parse(bar_chart([Bar("A", 0, "0"), Bar("B", 0, "0")], label="x"))
    widths = [r.get("width") for r in root.iter(f"{SVG}rect") if r.get("width", "").endswith("%")]
    assert widths == ["100%", "0%", "0%"]


def test_a_bar_label_sits_above_its_bar_with_its_value_at_the_line_end():
    root = parse(bar_chart(some_bars(), label="x"))
    groups = list(root.iter(f"{SVG}g"))
    labels = [visible(t) for t in groups[0].iter(f"{SVG}text")]
    values = [visible(t) for t in groups[1].iter(f"{SVG}text")]
    assert labels == ["Band A", "Band B", "Band C"]
    assert values == ["1,000", "500", "250"]
    assert groups[1].get("text-anchor") == "end"
    assert {t.get("x") for t in groups[1].iter(f"{SVG}text")} == {"100%"}


def test_a_long_bar_label_wraps_and_is_kept_whole_in_a_title():
    long = "Satisfaction with the landlord's approach to handling anti-social behaviour"
    root = parse(bar_chart([Bar(long, 1, "61.5%")], label="x"))
    lines = [visible(t) for t in next(root.iter(f"{SVG}g")).iter(f"{SVG}text")]
    assert 1 < len(lines) <= 3
    assert lines[0].startswith("Satisfaction with")
    assert lines[-1].endswith("…")
    assert root.find(f".//{SVG}text/{SVG}title").text == long


def test_columns_stand_on_the_baseline_in_proportion():
    root = parse(column_chart(["A", "B"], [Series("Due", [2, 1], ["2", "1"])], label="x"))
    cols = [r for r in shapes(root, PALETTE[0]) if r.get("x", "").endswith("%")]
    assert [(r.get("y"), r.get("height")) for r in cols] == [("0%", "100%"), ("50%", "50%")]
    assert {visible(t) for t in root.iter(f"{SVG}text")} >= {"2", "1", "A", "B", "Due"}


def test_crowded_column_values_are_left_to_the_table():
    drawn = texts(parse(thirty_years()))
    assert "1,900" not in drawn and "137" not in drawn


def test_line_markers_are_small_pictures_that_keep_their_shape():
    root = parse(three_types(line_chart))
    markers = [s for s in root.iter(f"{SVG}svg") if s.find(f"{SVG}path") is not None]
    assert len(markers) == 2 * 3 + 2  # one per point and one per legend key
    assert all(m.get("overflow") == "visible" for m in markers)
    lines = list(root.iter(f"{SVG}line"))
    assert any(line.get("x1", "").endswith("%") for line in lines)
