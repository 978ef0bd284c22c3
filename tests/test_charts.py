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


@pytest.mark.parametrize("make", ALL_CHARTS.values(), ids=ALL_CHARTS.keys())
def test_chart_is_one_named_scalable_image(make):
    svg = make()
    assert isinstance(svg, Markup)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("focusable") == "false"
    assert root.get("width") == "100%"
    assert root.get("aria-label")
    x, y, width, height = viewbox(root)
    assert (x, y) == (0, 0) and 340 <= width <= 380 and height > 0
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == root.get("aria-label")
    assert next(iter(root)) is title


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


@pytest.mark.parametrize("make", ALL_CHARTS.values(), ids=ALL_CHARTS.keys())
def test_text_is_large_and_dark_on_a_white_background(make):
    root = parse(make())
    sizes = [float(e.get("font-size")) for e in root.iter() if e.get("font-size")]
    assert sizes and min(sizes) >= 13
    assert root.get("fill") and contrast(root.get("fill"), "#ffffff") >= 4.5
    background = root.find(f"{SVG}rect")
    assert background.get("fill").lower() in ("#fff", "#ffffff")
    assert background.get("width") == str(int(viewbox(root)[2]))
    # Text drawn in another colour than the dark default sits on a bar it contrasts with.
    for t, attrs in drawn_text(root):
        if attrs["fill"] != root.get("fill"):
            assert on_bar(root, t, attrs["fill"])


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


@pytest.mark.parametrize("make", CHART_SHAPES.values(), ids=CHART_SHAPES.keys())
def test_every_text_is_readable_on_a_320_px_phone(make):
    """Shown 300 px wide (a 320 px viewport less the page's margins), no text is under 11 px."""
    root = parse(make())
    drawn = drawn_text(root)
    assert drawn
    for t, attrs in drawn:
        assert phone_px(root, float(attrs["font-size"])) >= 11, (visible(t), attrs["font-size"])


@pytest.mark.parametrize("make", CHART_SHAPES.values(), ids=CHART_SHAPES.keys())
def test_no_text_runs_past_the_edges(make):
    """Estimated at 0.6 em a character, every text stays inside the viewBox."""
    root = parse(make())
    width = viewbox(root)[2]
    for t, attrs in drawn_text(root):
        extent = sum(2 if ord(ch) > 0x2E80 else 1 for ch in visible(t))
        extent *= 0.6 * float(attrs["font-size"])
        x = float(t.get("x"))
        start = {"start": x, "middle": x - extent / 2, "end": x - extent}[
            attrs.get("text-anchor", "start")
        ]
        assert start >= 0 and start + extent <= width, visible(t)


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


def test_bar_widths_are_proportional_and_the_largest_fills_the_plot():
    root = parse(bar_chart(some_bars(), label="Homes by band"))
    rects = bar_rects(root)
    assert len(rects) == 3
    widths = [float(r.get("width")) for r in rects]
    assert len({r.get("x") for r in rects}) == 1, "bars share one zero line"
    assert widths[1] == pytest.approx(widths[0] / 2, abs=0.1)
    assert widths[2] == pytest.approx(widths[0] / 4, abs=0.1)
    # Short labels and texts leave most of the width to the bars.
    assert widths[0] > 0.6 * viewbox(root)[2]
    assert float(rects[0].get("x")) + widths[0] < viewbox(root)[2]


def test_bar_widths_depend_only_on_proportions():
    small = parse(bar_chart(some_bars(), label="x"))
    scaled = [Bar(b.label, b.value * 1000, b.text) for b in some_bars()]
    large = parse(bar_chart(scaled, label="x"))
    assert [r.get("width") for r in bar_rects(small)] == [r.get("width") for r in bar_rects(large)]


def test_every_bar_shows_its_value_text_past_its_end_or_inside_when_long():
    root = parse(bar_chart(some_bars(), label="Homes by band"))
    drawn = {visible(t): (t, attrs) for t, attrs in drawn_text(root)}
    for bar, rect in zip(some_bars(), bar_rects(root), strict=True):
        assert bar.text in drawn
        text, attrs = drawn[bar.text]
        end = float(rect.get("x")) + float(rect.get("width"))
        top = float(rect.get("y"))
        assert top < float(text.get("y")) < top + float(rect.get("height"))
        if bar.value == 1000:  # the longest bar fills the width: its text goes inside
            assert attrs["text-anchor"] == "end"
            assert 0 < end - float(text.get("x")) <= 12
            assert contrast(attrs["fill"], PALETTE[0]) >= 4.5
        else:
            assert attrs.get("text-anchor", "start") == "start"
            assert 0 < float(text.get("x")) - end <= 12


def test_each_label_sits_on_its_own_line_above_its_bar():
    bars = [*some_bars(), Bar("Band D", 0, "0")]
    root = parse(bar_chart(bars, label="Homes by band"))
    drawn = {visible(t): t for t in root.iter(f"{SVG}text")}
    bottom_of_previous = 0.0
    for bar, rect in zip(bars, bar_rects(root), strict=True):
        label = drawn[bar.label]
        baseline = float(label.get("y"))
        top = float(rect.get("y"))
        assert label.get("x") == rect.get("x"), "label starts where the bar does"
        assert baseline + 0.25 * 14 <= top, "descenders clear the bar"
        assert baseline - 0.75 * 14 >= bottom_of_previous, "ascenders clear the bar above"
        bottom_of_previous = top + float(rect.get("height"))


def test_long_labels_do_not_squeeze_the_bars():
    short = parse(bar_chart(some_bars(), label="x"))
    long = [
        Bar(b.label + " and a long description of it" * 3, b.value, b.text) for b in some_bars()
    ]
    assert [(r.get("x"), r.get("width")) for r in bar_rects(short)] == [
        (r.get("x"), r.get("width")) for r in bar_rects(parse(bar_chart(long, label="x")))
    ]


@pytest.mark.parametrize("colour", range(len(PALETTE)))
def test_value_text_inside_a_bar_contrasts_with_it(colour):
    root = parse(bar_chart([Bar("A", 100, "1,000,000 homes")], label="x", colour=colour))
    ((text, attrs),) = [(t, a) for t, a in drawn_text(root) if visible(t) == "1,000,000 homes"]
    assert attrs["text-anchor"] == "end"
    assert contrast(attrs["fill"], PALETTE[colour]) >= 4.5
    assert on_bar(root, text, attrs["fill"])


def test_a_long_value_text_fits_beside_or_inside_any_bar():
    text = "y" * 30  # cut to 18 characters
    for share in range(0, 101, 5):
        bars = [Bar("Top", 100, "100"), Bar("This", share, text)]
        root = parse(bar_chart(bars, label="x"))
        rect = bar_rects(root)[1]
        ((t, attrs),) = [(t, a) for t, a in drawn_text(root) if visible(t).startswith("yy")]
        assert t.find(f"{SVG}title").text == text
        extent = len(visible(t)) * 0.6 * 14
        x, end = float(t.get("x")), float(rect.get("x")) + float(rect.get("width"))
        if attrs.get("text-anchor") == "end":
            assert x - extent >= float(rect.get("x")), share
        else:
            assert x > end and x + extent <= viewbox(root)[2], share


def test_bar_chart_uses_the_chosen_palette_colour():
    root = parse(bar_chart(some_bars(), label="x", colour=2))
    assert len(bar_rects(root, PALETTE[2])) == 3
    assert bar_rects(root, PALETTE[0]) == []


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


def test_all_zero_values_give_zero_width_bars():
    bars = [Bar("A", 0, "0"), Bar("B", 0.0, "0")]
    root = parse(bar_chart(bars, label="Nothing yet"))
    assert [float(r.get("width")) for r in bar_rects(root)] == [0, 0]
    assert texts(root).count("0") == 2


def test_a_single_bar_fills_the_plot():
    root = parse(bar_chart([Bar("Only", 3, "3")], label="x"))
    (rect,) = bar_rects(root)
    assert float(rect.get("width")) > 0.6 * viewbox(root)[2]


def test_rows_stack_without_overlapping():
    bars = [Bar(f"Row {i}", i, str(i)) for i in range(20)]
    root = parse(bar_chart(bars, label="x"))
    rects = bar_rects(root)
    tops = [float(r.get("y")) for r in rects]
    height = float(rects[0].get("height"))
    assert all(b - a >= height for a, b in itertools.pairwise(tops))
    assert tops[-1] + height <= viewbox(root)[3]


# --- column chart ---------------------------------------------------------------------------


def test_column_heights_are_proportional_and_stand_on_one_baseline():
    root = parse(three_types())
    blue = columns(root, PALETTE[0])
    orange = columns(root, PALETTE[1])
    assert len(blue) == len(orange) == 3
    bottoms = {round(float(r.get("y")) + float(r.get("height")), 1) for r in blue + orange}
    assert len(bottoms) == 1
    heights = [float(r.get("height")) for r in blue]
    assert heights[1] == pytest.approx(heights[0] * 1.5 / 3.2, abs=0.15)
    assert heights[2] == 0
    assert float(orange[0].get("height")) == pytest.approx(heights[0] / 2, abs=0.15)


def test_columns_of_a_category_sit_side_by_side_in_category_order():
    root = parse(three_types())
    blue = [float(r.get("x")) for r in columns(root, PALETTE[0])]
    orange = [float(r.get("x")) for r in columns(root, PALETTE[1])]
    assert blue == sorted(blue) and orange == sorted(orange)
    for b, o in zip(blue, orange, strict=True):
        assert b < o
    assert orange[0] < blue[1], "groups do not interleave"
    assert max(orange) < viewbox(root)[2]


def test_legend_names_every_series_beside_a_swatch_of_its_colour():
    root = parse(thirty_years())
    drawn = texts(root)
    assert "Components falling due" in drawn and "Planned" in drawn
    for colour in PALETTE[:2]:
        swatches = [r for r in shapes(root, colour) if r.get("width") == r.get("height") == "14"]
        assert len(swatches) == 1


def test_legend_wraps_onto_lines_above_the_plot():
    root = parse(four_series())
    names = ["Components falling due", "Planned replacements", "Deferred", "Emergency repairs"]
    legend = [t for t in root.iter(f"{SVG}text") if visible(t) in names]
    assert len(legend) == 4
    assert len({t.get("y") for t in legend}) >= 2, "four names do not fit one narrow line"
    top_of_plot = min(float(r.get("y")) for r in columns(root, PALETTE[0]))
    assert max(float(t.get("y")) for t in legend) < top_of_plot - 14


def test_the_two_series_differ_in_greyscale_too():
    first, second = PALETTE[0], PALETTE[1]
    assert contrast(first, second) >= 2
    root = parse(thirty_years())
    assert len(columns(root, first)) == len(columns(root, second)) == 30


def test_thirty_years_show_every_fifth_year_label():
    shown = [t for t in texts(parse(thirty_years())) if t in YEARS]
    assert shown == ["2025", "2030", "2035", "2040", "2045", "2050"]


def test_thinned_year_labels_keep_apart():
    root = parse(thirty_years())
    shown = [t for t in root.iter(f"{SVG}text") if visible(t) in YEARS]
    xs = [float(t.get("x")) for t in shown]
    width = 4 * 0.6 * 14
    assert all(b - a >= width + 6 for a, b in itertools.pairwise(xs))


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


def test_column_values_are_drawn_when_there_is_room():
    drawn = texts(parse(three_types()))
    for text in ("£3.2m", "£1.5m", "£0", "£1.6m", "£0.2m"):
        assert text in drawn


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


def test_all_zero_columns_draw_without_error():
    root = parse(
        column_chart(
            ["A", "B"],
            [Series("Due", [0, 0], ["0", "0"]), Series("Planned", [0, 0], ["0", "0"])],
            label="x",
        )
    )
    heights = [
        float(r.get("height")) for r in columns(root, PALETTE[0]) + columns(root, PALETTE[1])
    ]
    assert heights == [0, 0, 0, 0]


def test_one_series_chart():
    root = parse(column_chart(["A", "B"], [Series("Due", [2, 1], ["2", "1"])], label="x"))
    heights = [float(r.get("height")) for r in columns(root, PALETTE[0])]
    assert heights[1] == pytest.approx(heights[0] / 2, abs=0.1)


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


def test_one_line_per_series_through_every_category():
    root = parse(thirty_years(line_chart))
    blue = line_of(root, PALETTE[0])
    orange = line_of(root, PALETTE[1])
    assert len(blue) == len(orange) == 30
    assert [x for x, _ in blue] == [x for x, _ in orange], "both lines share the categories"
    steps = [b[0] - a[0] for a, b in itertools.pairwise(blue)]
    assert max(steps) - min(steps) <= 0.2 and min(steps) > 0
    assert blue[0][0] > 0 and blue[-1][0] < viewbox(root)[2]
    assert not list(root.iter(f"{SVG}rect"))[1:], "no columns, only the background"


def test_points_are_at_proportional_heights_above_a_zero_baseline():
    root = parse(three_types(line_chart))
    base = baseline(root)
    due = [base - y for _, y in line_of(root, PALETTE[0])]
    planned = [base - y for _, y in line_of(root, PALETTE[1])]
    assert due[2] == pytest.approx(0, abs=0.1), "a zero value sits on the baseline"
    assert due[1] == pytest.approx(due[0] * 1.5 / 3.2, abs=0.15)
    assert planned[0] == pytest.approx(due[0] / 2, abs=0.15)
    assert planned[2] == pytest.approx(due[0] * 0.2 / 3.2, abs=0.15)
    # The scale starts at zero: the "0" gridline label is at the baseline.
    (zero,) = [t for t in root.iter(f"{SVG}text") if visible(t) == "0"]
    assert float(zero.get("y")) == pytest.approx(base + 14 * 0.35, abs=0.1)


def test_line_heights_depend_only_on_proportions():
    def heights(scale: float) -> list[float]:
        values = [v * scale for v in (3, 1, 2)]
        root = parse(line_chart(["A", "B", "C"], [Series("S", values, ["?"] * 3)], label="x"))
        return [baseline(root) - y for _, y in line_of(root, PALETTE[0])]

    assert heights(1) == heights(1000)


def test_a_marker_on_every_point_and_a_shape_of_its_own_per_series():
    root = parse(eight_lines())
    shapes_seen = []
    for colour in PALETTE:
        key, plotted = markers(root, colour)
        line = line_of(root, colour)
        assert len(plotted) == len(line) == 5
        (shape,) = {s for _, _, s in plotted}
        assert [s for _, _, s in key] == [shape], "the legend shows the series' marker"
        # Each marker starts at the same offset from its point, so it sits on it.
        offsets = [(mx - x, my - y) for (mx, my, _), (x, y) in zip(plotted, line, strict=True)]
        for dx, dy in offsets:
            assert dx == pytest.approx(offsets[0][0], abs=0.15)
            assert dy == pytest.approx(offsets[0][1], abs=0.15)
            assert abs(dx) <= 7 and abs(dy) <= 7
        shapes_seen.append(shape)
    assert len(set(shapes_seen)) == len(PALETTE), "series differ without colour"
    assert shapes_seen[0].startswith("a"), "the first series' marker is a circle"


def test_markers_are_drawn_over_every_line():
    root = parse(eight_lines())
    order = [e for e in root.iter() if e.tag in (f"{SVG}polyline", f"{SVG}path")]
    last_line = max(i for i, e in enumerate(order) if len(e.get("points", "").split()) > 2)
    plot_markers = [
        i for i, e in enumerate(order) if e.get("fill") in PALETTE and e.get("d").count("M") > 1
    ]
    assert len(plot_markers) == len(PALETTE)
    assert min(plot_markers) > last_line


def test_lines_are_plain_strokes():
    root = parse(thirty_years(line_chart))
    for line in root.iter(f"{SVG}polyline"):
        assert line.get("fill") == "none"
        assert float(line.get("stroke-width")) >= 2


def test_faint_colours_get_outlined_markers_and_a_dark_casing():
    root = parse(eight_lines())
    for colour in PALETTE:
        for path in [p for p in root.iter(f"{SVG}path") if p.get("fill") == colour]:
            if contrast(colour, "#ffffff") < 3:
                assert contrast(path.get("stroke"), "#ffffff") >= 3
            else:
                assert path.get("stroke") is None
        line = points(lines(root, colour)[1])
        cased = [
            p
            for p in root.iter(f"{SVG}polyline")
            if p.get("stroke") not in PALETTE and points(p) == line
        ]
        if contrast(colour, "#ffffff") < 3:
            (casing,) = cased
            assert contrast(casing.get("stroke"), "#ffffff") >= 3
            assert float(casing.get("stroke-width")) > float(
                lines(root, colour)[1].get("stroke-width")
            )
        else:
            assert cased == []


def test_line_chart_draws_no_values_the_table_holds_them():
    drawn = texts(parse(three_types(line_chart)))
    for text in ("£3.2m", "£1.5m", "£0", "£1.6m", "£0.2m"):
        assert text not in drawn
    assert {"Flat", "House", "Bungalow", "Falling due", "Planned", "0"} <= set(drawn)


def test_thirty_years_of_lines_show_every_fifth_year_label_under_its_points():
    root = parse(thirty_years(line_chart))
    shown = [t for t in root.iter(f"{SVG}text") if visible(t) in YEARS]
    assert [visible(t) for t in shown] == ["2025", "2030", "2035", "2040", "2045", "2050"]
    xs = [x for x, _ in line_of(root, PALETTE[0])]
    for t in shown:
        assert float(t.get("x")) == pytest.approx(xs[YEARS.index(visible(t))], abs=0.1)


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


def test_all_zero_lines_lie_on_the_baseline():
    root = parse(
        line_chart(
            ["A", "B"],
            [Series("Due", [0, 0], ["0", "0"]), Series("Planned", [0, 0], ["0", "0"])],
            label="x",
        )
    )
    base = baseline(root)
    for colour in PALETTE[:2]:
        assert [y for _, y in line_of(root, colour)] == [base, base]
    assert "0" in texts(root)


def test_a_single_category_is_one_marked_point_in_the_middle():
    root = parse(line_chart(["2025"], [Series("Due", [5], ["5"])], label="x"))
    ((x, y),) = line_of(root, PALETTE[0])
    _key, plotted = markers(root, PALETTE[0])
    assert len(plotted) == 1
    assert y < baseline(root)
    assert "2025" in texts(root)
    assert 0.4 * viewbox(root)[2] < x < 0.7 * viewbox(root)[2]


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


def test_long_label_is_cut_with_an_ellipsis_and_kept_whole_in_a_title():
    long = "Band B homes in the conservation area with more than forty characters"
    root = parse(bar_chart([Bar(long, 1, "1"), Bar("Short", 2, "2")], label="x"))
    cut = next(t for t in root.iter(f"{SVG}text") if visible(t).endswith("…"))
    assert len(visible(cut)) <= 41
    assert long.startswith(visible(cut)[:-1])
    assert cut.find(f"{SVG}title").text == long
    short = next(t for t in root.iter(f"{SVG}text") if visible(t) == "Short")
    assert short.find(f"{SVG}title") is None


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


@pytest.mark.parametrize(
    "svg",
    [
        lambda: bar_chart([], label="Homes by band"),
        lambda: column_chart([], [], label="Homes by band"),
        lambda: column_chart(YEARS, [], label="Homes by band"),
        lambda: line_chart([], [], label="Homes by band"),
        lambda: line_chart(YEARS, [], label="Homes by band"),
        lambda: line_chart([], [Series("Due", [], [])], label="Homes by band"),
    ],
    ids=["no bars", "no categories", "no series", "no years", "no lines", "empty line"],
)
def test_nothing_to_draw_says_no_data(svg):
    root = parse(svg())
    assert texts(root) == ["No data"]
    assert root.get("aria-label") == "Homes by band"
    assert viewbox(root)[3] <= 60


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


@pytest.mark.parametrize("make", ALL_CHARTS.values(), ids=ALL_CHARTS.keys())
def test_numbers_in_attributes_have_at_most_one_decimal(make):
    root = parse(make())
    for element in list(root.iter())[1:]:
        for name in ("x", "y", "width", "height"):
            if name in element.attrib:
                assert re.fullmatch(r"\d+(\.\d)?", element.get(name)), (name, element.get(name))
    assert root.get("width") == "100%"
    for number in re.findall(r"[\d.]+", root.get("viewBox")):
        assert re.fullmatch(r"\d+(\.\d)?", number)


def test_thirty_years_by_two_series_is_well_under_12_kb():
    svg = str(thirty_years())
    assert len(svg.encode()) < 12_000
    assert "\n" not in svg and "  " not in svg
