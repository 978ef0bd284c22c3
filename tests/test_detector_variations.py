"""Ways of writing personal data that the privacy gate refuses, class by class, and the
housing text it lets through.

Each class is specified three ways: examples (as an adversarial review wrote them), a
hypothesis property that writes the class in random forms (separators, case, titles, names)
under random neutral column names, and an end-to-end check through
``generator.build.check``: the problem is located as ``path:line: field: ...`` and the
command line exits 1. Cells of tables and texts of descriptors are read by the same rules.
"""

from __future__ import annotations

import csv
import io
import json
import string
from pathlib import Path

import pytest
from helpers import REPO, Landlord, Project, table
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import check
from generator.privacy.columns import (
    LOCATION_WORDS,
    PLACE_NAME_WORDS,
    banned_column,
    column_words,
    is_id_column,
)
from generator.privacy.detectors import cell_problem, date_problem
from generator.privacy.names import (
    LOWER_CASE_TITLES,
    PLACE_TITLES,
    STREET_WORDS,
    TITLES,
    given_names,
)

NAME = "looks like a person's name; remove it"
PHONE = "looks like a phone number; remove it"
NI = "looks like a National Insurance number; remove it"
POSTCODE = "looks like a full postcode; publish the postcode sector only"
EMAIL = "looks like an email address; remove it"
DEGREES = "coordinates in degrees and minutes locate a home"
WHAT3WORDS = "looks like a what3words address, which locates a home to 3 metres"
ADDRESS = "looks like a street address, which locates a home"
FULL_DATE = "a full date identifies events in a household; publish the year"
BIRTH = "a date of birth (or its day, month or year) is personal data"

SETTINGS = settings(max_examples=40, deadline=None)


def neutral(name: str) -> bool:
    """A column name that no rule reads anything into."""
    words = set(column_words(name))
    return (
        banned_column("t", name) is None
        and not is_id_column(name)
        and not words & (PLACE_NAME_WORDS | LOCATION_WORDS)
    )


columns = st.from_regex(r"[a-z]{3,9}(_[a-z]{3,8})?", fullmatch=True).filter(neutral)
# Lower-case words around a planted value, as notes are written.
FILLER = ["note", "per", "kitchen", "replaced", "checked", "with", "call", "see", "by", "and"]
fillers = st.lists(st.sampled_from(FILLER), max_size=2).map(" ".join)


def in_text(before: str, value: str, after: str) -> str:
    return " ".join(part for part in (before, value, after) if part)


# 1. A title and a name, in any case, with any of the titles.

SURNAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Davies",
    "Patel",
    "Khan",
    "Green",
    "Hall",
    "Hill",
    "Okafor",
    "Nguyen",
    "O'Brien",
    "McDonald",
    "Smith-Jones",
]


@pytest.mark.parametrize(
    "value",
    [
        "MR SMITH",
        "mrs jones",
        "Prof Smith",
        "PROF. SMITH",
        "Sir Alan",
        "Rev Green",
        "Revd Brown",
        "Dame Edna",
        "Lady Jane",
        "Lord Sugar",
        "Fr Ted",
        "Cllr Jones",
        "cllr jones",
        "Councillor Patel",
        "Mr O'Brien",
        "dr. patel",
        "Mrs jones",
    ],
)
def test_a_title_and_a_name_is_refused_in_any_case(value):
    assert cell_problem("note", value) == NAME


@st.composite
def titled_names(draw):
    title = draw(st.sampled_from([*TITLES, *PLACE_TITLES]))
    # after the titles that also name places, a street word makes a street: "Lady Lane"
    street = title in PLACE_TITLES
    surname = draw(st.sampled_from([s for s in SURNAMES if not street or s not in STREET_WORDS]))
    dot = draw(st.sampled_from(["", "."]))
    styles = ["capitalised", "capitals"] + (["lower"] if title.lower() in LOWER_CASE_TITLES else [])
    style = draw(st.sampled_from(styles))
    if style == "capitals":
        return f"{title.upper()}{dot} {surname.upper()}"
    if style == "lower":
        return f"{title.lower()}{dot} {draw(st.sampled_from([surname, surname.lower()]))}"
    return f"{title}{dot} {surname}"


@SETTINGS
@given(column=columns, name=titled_names(), before=fillers, after=fillers)
def test_any_title_with_a_surname_is_refused_whatever_the_case(column, name, before, after):
    assert cell_problem(column, in_text(before, name, after)) == NAME


# 2. A given name and a surname, either way round, without a title.


@pytest.mark.parametrize(
    "value",
    [
        "John Smith",
        "Smith, John",
        "JOHN SMITH",
        "SMITH, JOHN",
        "John A. Smith",
        "Mary-Jane Smith",
        "Sarah McDonald",
        "visited by Emma Okafor today",
        "O'Brien, Sean",
    ],
)
def test_a_given_name_and_a_surname_are_refused(value):
    assert cell_problem("note", value) == NAME


@st.composite
def full_names(draw):
    given = draw(st.sampled_from(sorted(given_names())))
    surname = draw(st.sampled_from(SURNAMES))
    initial = draw(st.sampled_from(["", "A ", "J. "]))
    name = draw(st.sampled_from([f"{given} {initial}{surname}", f"{surname}, {given}"]))
    return draw(st.sampled_from([name, name.upper()]))


@SETTINGS
@given(column=columns, name=full_names(), before=fillers, after=fillers)
def test_any_common_given_name_with_a_surname_is_refused(column, name, before, after):
    assert cell_problem(column, in_text(before, name, after)) == NAME


def test_the_given_names_are_a_committed_list_of_a_few_hundred_with_its_source():
    path = REPO / "generator" / "privacy" / "given_names.txt"
    text = path.read_text(encoding="utf-8")
    assert "Source:" in text and "Office for National Statistics" in text
    assert 200 <= len(given_names()) <= 500
    assert {"John", "Sarah", "Mohammed", "Olivia"} <= given_names()
    assert not {"May", "Mark", "Grace", "Rose", "Jack", "Will"} & given_names()  # words


@pytest.mark.parametrize(
    "value", ["George Street", "St John Street", "Elizabeth House", "Albert Dock", "Port Louis"]
)
def test_a_given_name_in_a_place_name_is_no_person(value):
    assert cell_problem("note", value) is None


def test_a_column_named_for_places_may_hold_place_names_that_start_with_a_given_name():
    assert cell_problem("capital", "Charlotte Amalie") is None
    assert cell_problem("town", "Mr Smith") == NAME  # a title still makes a name


# 3. Phone numbers split by slashes, underscores, commas or x's.


@pytest.mark.parametrize(
    "value",
    [
        "0113/496/0000",
        "0113_496_0000",
        "07700 900,123",
        "0113x496x0000",
        "+44/113/496/0000",
        "0113 496 0000 x123",
        "0113 496 0000/0113 496 0001",
    ],
)
def test_a_phone_number_split_by_any_separator_is_refused(value):
    assert cell_problem("note", value) == PHONE


@st.composite
def phone_numbers(draw):
    digits = draw(st.text(string.digits, min_size=9, max_size=9))
    kind = draw(st.sampled_from(["mobile", "geographic", "london"]))
    if kind == "mobile":
        number, groups = "07" + digits, (5, 3, 3)
    elif kind == "geographic":
        number, groups = "01" + digits, (4, 3, 4)
    else:
        number, groups = "020" + digits[:8], (3, 4, 4)
    parts, start = [], 0
    for size in groups:
        parts.append(number[start : start + size])
        start += size
    separator = draw(st.sampled_from(["/", "_", ",", "x", "X", " / ", ", "]))
    return separator.join(parts)


@SETTINGS
@given(column=columns, phone=phone_numbers(), before=fillers, after=fillers)
def test_a_phone_number_with_random_separators_is_refused(column, phone, before, after):
    assert cell_problem(column, in_text(before, phone, after)) == PHONE


# 4. National Insurance numbers with any separator, with or without the suffix letter.

NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"


@pytest.mark.parametrize(
    "value", ["QQ-12-34-56-C", "QQ123456", "QQ.12.34.56.C", "QQ/12/34/56/C", "qq 12 34 56 c"]
)
def test_a_national_insurance_number_with_any_separator_or_no_suffix_is_refused(value):
    assert cell_problem("note", value) == NI


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("plan_line_id", "PL-100045"),  # a reference: one separator, then six digits
        ("plan_line_id", "PL100045"),  # two letters and six digits in a reference column
        ("note", "PL-100045"),
        ("note", "AB-12.34/56"),  # separators that differ: not how the number is written
    ],
)
def test_two_letters_and_six_digits_without_a_suffix_can_be_a_reference(column, value):
    assert cell_problem(column, value) is None


@pytest.mark.parametrize(
    ("column", "value"),
    [("plan_line_id", "QQ 12 34 56"), ("note", "PL100045"), ("plan_line_id", "QQ123456C")],
)
def test_without_a_suffix_a_number_is_refused_when_written_as_one(column, value):
    assert cell_problem(column, value) == NI


@st.composite
def ni_numbers(draw):
    prefix = draw(
        st.one_of(
            st.just("QQ"),
            st.tuples(st.sampled_from(NI_FIRST), st.sampled_from(NI_SECOND)).map("".join),
        )
    )
    digits = draw(st.text(string.digits, min_size=6, max_size=6))
    separator = draw(st.sampled_from(["", " ", "-", ".", "/"]))
    suffix = draw(st.sampled_from(["", "A", "B", "C", "D"]))
    parts = [prefix, digits[:2], digits[2:4], digits[4:]] + ([suffix] if suffix else [])
    number = separator.join(parts)
    return draw(st.sampled_from([number, number.lower()]))


@SETTINGS
@given(column=columns, number=ni_numbers(), before=fillers, after=fillers)
def test_a_national_insurance_number_in_any_form_is_refused(column, number, before, after):
    problem = cell_problem(column, in_text(before, number, after))
    # two letters and six digits run together may also be an Ordnance Survey grid
    # reference ("SE123456"): refused either way
    assert problem == NI or (problem or "").startswith("looks like a grid reference")


# 5. Postcodes with a comma between the halves.

AREA_LETTERS = "ABCDEFGHIJKLMNOPRSTUWYZ"
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@pytest.mark.parametrize("value", ["LS6, 2AB", "LS6,2AB", "ls6, 2ab", "SW1A, 1AA"])
def test_a_postcode_with_a_comma_between_its_halves_is_refused(value):
    assert cell_problem("note", value).startswith(POSTCODE)


@SETTINGS
@given(
    column=columns,
    area=st.text(AREA_LETTERS, min_size=1, max_size=2),
    district=st.integers(1, 99),
    comma=st.sampled_from([",", ", ", " , "]),
    sector=st.integers(0, 9),
    unit=st.text(INWARD_LETTERS, min_size=2, max_size=2),
    before=fillers,
)
def test_a_postcode_split_by_a_comma_is_refused(
    column, area, district, comma, sector, unit, before
):
    postcode = f"{area}{district}{comma}{sector}{unit}"
    assert cell_problem(column, in_text(before, postcode, "")).startswith(POSTCODE)


# 6. E-mail addresses written with "at" and "dot".


@pytest.mark.parametrize(
    "value",
    [
        "jo at example dot com",
        "jo[at]example[dot]org",
        "jo (at) example.com",
        "JO AT EXAMPLE DOT CO DOT UK",
        "jo{at}example{dot}net",
        "jo at example dot co.uk",
    ],
)
def test_an_email_address_written_with_at_and_dot_is_refused(value):
    assert cell_problem("note", value) == EMAIL


@st.composite
def disguised_emails(draw):
    user = draw(st.from_regex(r"[a-z][a-z0-9.]{0,8}[a-z0-9]", fullmatch=True))
    host = draw(st.from_regex(r"[a-z]{2,10}", fullmatch=True))
    domain = draw(st.sampled_from([["com"], ["org"], ["net"], ["co", "uk"], ["gov", "uk"]]))
    at = draw(st.sampled_from([" at ", " AT ", "[at]", "(at)", " (at) ", "{at}", "<at>", "@"]))
    # after a plain "at", a plain dot would make a web address ("available at data.gov.uk")
    plain = at.strip().lower() == "at"
    dots = [" dot ", " DOT ", "[dot]", "(dot)", " [dot] "] + ([] if plain else ["."])
    dot = draw(st.sampled_from(dots))
    return user + at + dot.join([host, *domain])


@SETTINGS
@given(column=columns, email=disguised_emails(), before=fillers, after=fillers)
def test_an_email_address_in_any_disguise_is_refused(column, email, before, after):
    assert cell_problem(column, in_text(before, email, after)) == EMAIL


# 7. Coordinates in degrees and minutes, and what3words addresses.


@pytest.mark.parametrize(
    "value",
    [
        "53°48'30\"N 1°33'W",
        "53°48\u203230\u2033N 1°33\u2032W",
        "53° 48' N",
        "53º48'N",
        "53.8083° N, 1.5491° W",
    ],
)
def test_coordinates_in_degrees_and_minutes_are_refused(value):
    assert cell_problem("note", value).startswith(("coordinates in degrees", "coordinates with"))


@st.composite
def degrees_minutes(draw):
    def one(hemispheres: str) -> str:
        degrees = draw(st.integers(0, 90))
        minutes = draw(st.integers(0, 59))
        seconds = draw(st.one_of(st.none(), st.integers(0, 59)))
        degree = draw(st.sampled_from(["°", "º", "° "]))
        minute = draw(st.sampled_from(["'", "\u2032", "\u2019"]))
        second = draw(st.sampled_from(['"', "\u2033", "''"]))
        hemisphere = draw(st.sampled_from(["", *hemispheres, *(" " + h for h in hemispheres)]))
        shown = "" if seconds is None else f"{seconds}{second}"
        return f"{degrees}{degree}{minutes}{minute}{shown}{hemisphere}"

    pair = draw(st.booleans())
    return f"{one('NS')} {one('EW')}" if pair else one("NSEW")


@SETTINGS
@given(column=columns, place=degrees_minutes(), before=fillers)
def test_degrees_and_minutes_in_any_notation_are_refused(column, place, before):
    assert cell_problem(column, in_text(before, place, "")).startswith(DEGREES)


W3W_WORDS = ["filled", "count", "soap", "index", "raft", "table", "lamp", "river", "stone", "cloud"]


@pytest.mark.parametrize(
    "value", ["///filled.count.soap", "filled.count.soap", "/// index.home.raft"]
)
def test_a_what3words_address_is_refused(value):
    assert cell_problem("note", value) == f"{WHAT3WORDS}; remove it"


@SETTINGS
@given(
    column=columns,
    words=st.lists(st.sampled_from(W3W_WORDS), min_size=3, max_size=3),
    slashes=st.sampled_from(["", "///", "/// "]),
    before=fillers,
)
def test_three_dotted_words_with_or_without_slashes_are_refused(column, words, slashes, before):
    value = in_text(before, slashes + ".".join(words), "")
    assert cell_problem(column, value) == f"{WHAT3WORDS}; remove it"


@pytest.mark.parametrize(
    "value",
    [
        "file.schema.json",
        "www.example.com",
        "data.gov.uk",
        "see docs.python.org/3/",
        "set `extra.contact.email`",
        "call odx.read.table()",
    ],
)
def test_web_addresses_file_names_and_code_are_no_what3words(value):
    assert cell_problem("note", value) is None


# 8. A house number (or a flat) and a street, without a postcode.


@pytest.mark.parametrize(
    "value",
    [
        "12 Acacia Avenue",
        "Flat 3, Acacia Avenue",
        "flat 3, 12 Acacia Ave",
        "12a Station Road",
        "12-14 HIGH ST",
        "27 Old Mill Lane",
        "3 The Grove",
        "12, Church Close",
    ],
)
def test_a_house_number_and_a_street_are_refused(value):
    assert cell_problem("note", value).startswith(ADDRESS)


STREET_NAMES = ["Acacia", "Station", "Church", "Mill", "High", "Old Mill", "Beech", "Oak Tree"]


@st.composite
def street_addresses(draw):
    number = f"{draw(st.integers(1, 999))}{draw(st.sampled_from(['', 'a', 'B']))}"
    flat = draw(st.sampled_from(["", "Flat 3, ", "Flat 12 ", "flat 2a, "]))
    street = f"{draw(st.sampled_from(STREET_NAMES))} {draw(st.sampled_from(STREET_WORDS))}"
    street = draw(st.sampled_from([street, street.upper()]))
    return f"{flat}{number}, {street}" if draw(st.booleans()) else f"{flat}{number} {street}"


@SETTINGS
@given(column=columns, address=street_addresses(), before=fillers)
def test_a_house_number_and_any_street_word_are_refused(column, address, before):
    assert cell_problem(column, in_text(before, address, "")).startswith(ADDRESS)


# 9. Columns named for a date of birth.


@pytest.mark.parametrize(
    "column",
    ["birthday", "born", "birth_date", "date_of_birth", "DateOfBirth", "year_of_birth", "dob"],
)
def test_a_column_named_for_a_date_of_birth_is_refused(column):
    assert BIRTH in banned_column("t", column)


@pytest.mark.parametrize("column", ["live_births", "births", "stubborn", "borne_by", "newborns"])
def test_columns_that_only_contain_the_letters_of_birth_words_pass(column):
    assert banned_column("t", column) is None


# 10. Full dates in more forms (tables of homes, components and plans publish years only).


@pytest.mark.parametrize(
    "value",
    [
        "15/Mar/2024",
        "15-mar-24",
        "15.MAR.2024",
        "Mar/15/2024",
        "2024-Mar-15",
        "15 03 2024",
        "2024 03 15",
        "2024-W11-5",
        "2024W115",
        "2024-075",
        "15\u221503\u22152024",
        "15\u204403\u20442024",
        "15\u201303\u20132024",
    ],
)
def test_a_full_date_in_any_of_these_forms_is_refused(value):
    assert date_problem(value) == FULL_DATE


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@st.composite
def full_dates(draw):
    day, month, year = (
        draw(st.integers(1, 28)),
        draw(st.integers(1, 12)),
        draw(st.integers(1990, 2030)),
    )
    slash = draw(st.sampled_from(["/", "-", ".", "\u2215", "\u2044", "\u2013"]))
    name = draw(
        st.sampled_from([MONTHS[month - 1], MONTHS[month - 1].lower(), MONTHS[month - 1].upper()])
    )
    forms = [
        f"{day}{slash}{name}{slash}{year}",
        f"{day:02d}{slash}{name}{slash}{year % 100:02d}",
        f"{day}{slash}{month}{slash}{year}",
        f"{day:02d} {month:02d} {year}",
        f"{year} {month:02d} {day:02d}",
        f"{year}-W{draw(st.integers(1, 53)):02d}-{draw(st.integers(1, 7))}",
        f"{year}-{draw(st.integers(1, 365)):03d}",
    ]
    return draw(st.sampled_from(forms))


@SETTINGS
@given(value=full_dates(), before=fillers)
def test_a_full_date_with_random_separators_is_refused(value, before):
    assert date_problem(in_text(before, value, "")) == FULL_DATE


@pytest.mark.parametrize(
    "value", ["2024", "2024/25", "1930-1949", "Kitchens 2027", "2024-W11", "Q1 2024"]
)
def test_years_financial_years_periods_and_weeks_are_no_full_date(value):
    assert date_problem(value) is None


# Housing text that is not personal data passes.

HOUSING_TEXT = [
    "Boiler replaced 2019",
    "2 bed flat",
    "3 Bed Semi",
    "2 Bed Terrace",
    "3 Bed End Terrace",
    "Combi boiler",
    "Kitchen Replaced",
    "Kitchens 2027",
    "Boilers 2030",
    "2 way valve",
    "3 Court cases",
    "10 Minute Walk",
    "2 Storey House",
    "Master Bedroom",
    "MASTER BEDROOM",
    "Lord Street",
    "Lady Lane",
    "Worcester Bosch Greenstar 30i",
    "Ideal Logic Combi 35",
    "UPVC double glazed windows",
    "Fire door FD30S",
    "Smoke alarm (mains, interlinked)",
    "Air source heat pump 8.5kW",
    "Decent Homes Standard",
    "Tenant Satisfaction Measures",
    "Leeds City Council",
    "Chapel Allerton",
    "Sample Homes Association",
    "Open Government Licence v3.0",
    "Exported from MS Excel",
    "Block A1, 2nd floor",
    "Units 3, 4 and 5",
    "1,234,567",
    "2019, 2020, 2021, 2022",
    "1, 2, 3, 4, 5, 6, 7, 8, 9, 10",
    "roof pitch 35°",
    "2400x1200x600 sheet",
    "LS6 2",
    "met at home. Boiler fine",
    "available at data.gov.uk",
    "Visit us at www.example.org",
]


@pytest.mark.parametrize("value", HOUSING_TEXT)
def test_plausible_housing_text_passes(value):
    assert cell_problem("description", value) is None
    assert date_problem(value) is None


COMPONENTS = [
    line.split(",")[0].replace("-", " ")
    for line in (REPO / "generator/housing/data/odx/lifespans.csv").read_text().splitlines()[1:]
]


@st.composite
def housing_phrases(draw):
    component = draw(st.sampled_from(COMPONENTS))
    year = draw(st.integers(1950, 2040))
    count = draw(st.integers(1, 12))
    kind = draw(st.sampled_from(["flat", "house", "bungalow", "maisonette", "terrace", "semi"]))
    condition = draw(st.sampled_from(["good", "fair", "poor", "failed", "replaced", "renewed"]))
    phrase = draw(
        st.sampled_from(
            [
                f"{component} {condition} {year}",
                f"{count} bed {kind}",
                f"{count} storey {kind}",
                f"{component}s {year}",
                f"{count} {component}",
                f"{component} {year}/{(year + 1) % 100:02d}",
                f"{count} x {component}, {condition}",
            ]
        )
    )
    return draw(st.sampled_from([phrase, phrase.title(), phrase.upper(), phrase.capitalize()]))


@settings(max_examples=50, deadline=None)
@given(column=columns, phrase=housing_phrases())
def test_housing_phrases_in_any_case_pass(column, phrase):
    assert cell_problem(column, phrase) is None
    assert date_problem(phrase) is None


@pytest.mark.parametrize(
    "folder", ["datapackages/sample-landlord", "tests/fixtures/example-landlord"]
)
def test_every_cell_of_the_sample_and_example_packages_passes(folder):
    for path in sorted((REPO / folder).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column, value in row.items():
                    assert cell_problem(column, value) is None, (path.name, column, value)
                    assert date_problem(value) is None, (path.name, column, value)


# End to end: each class refused by the check at its line; the command line exits 1.


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def located_problems(project: Project) -> list[str]:
    problems = [str(problem) for problem in check(project.config, cache=False).problems]
    run = project.validate()
    assert run.code == 1, run.output
    assert "Traceback" not in run.output
    return problems


PLANTS = {
    "titled name": ("MRS JONES", NAME),
    "full name": ("Smith, John", NAME),
    "phone": ("0113/496/0000", PHONE),
    "national insurance": ("QQ-12-34-56-C", NI),
    "postcode": ("LS6, 2AB", POSTCODE),
    "email": ("jo at example dot com", EMAIL),
    "degrees and minutes": ("53°48'30\"N 1°33'W", DEGREES),
    "what3words": ("///filled.count.soap", WHAT3WORDS),
    "street address": ("Flat 3, Acacia Avenue", ADDRESS),
}


@pytest.mark.parametrize("kind", PLANTS)
def test_each_class_in_a_table_is_refused_at_its_line(project, kind):
    value, message = PLANTS[kind]
    rows = [["area", "remark"], ["North", "boiler replaced 2019"], ["South", value]]
    project.package(
        "p",
        {"notes.csv": csv_text(rows)},
        [table("notes", [("area", "string"), ("remark", "string")])],
    )
    [problem] = located_problems(project)
    assert problem.startswith(f"datapackages/p/notes.csv:3: remark: '{value}' {message}")


@pytest.mark.parametrize("kind", PLANTS)
def test_each_class_in_a_descriptor_text_is_refused_at_its_line(project, kind):
    value, message = PLANTS[kind]
    descriptor = {
        "name": "p",
        "title": "Repairs",
        "description": f"Asked by {value}",
        "resources": [table("notes", [("area", "string")])],
    }
    project.package("p", {"notes.csv": "area\nNorth\n"}, descriptor=descriptor)
    [problem] = located_problems(project)
    assert problem.startswith("datapackages/p/datapackage.json:4: description: 'Asked by")
    assert message in problem


def test_a_column_named_for_a_date_of_birth_is_refused_at_its_schema_line(project):
    project.package(
        "p",
        {"people.csv": "area,birthday\nNorth,x\n"},
        [table("people", [("area", "string"), ("birthday", "string")])],
    )
    [problem] = located_problems(project)
    assert problem.startswith("datapackages/p/datapackage.json:")
    assert "people.birthday: column 'birthday' may not be published: " + BIRTH in problem


@pytest.mark.parametrize(
    "value", ["15/Mar/2024", "2024-W11-5", "15 03 2024", "15\u221503\u22152024"]
)
def test_a_full_date_in_a_plan_is_refused_at_its_line(landlord: Landlord, value):
    line = landlord.edit("investment_plan", 3, programme=value)
    [problem] = located_problems(landlord.project)
    assert problem.startswith(
        f"datapackages/example/investment_plan.csv:{line}: programme: '{value}' {FULL_DATE}"
    )


def test_the_people_a_descriptor_credits_may_be_named_but_not_titled(project):
    descriptor = {
        "name": "p",
        "contributors": [{"title": "Joe Bloggs", "role": "author"}],
        "resources": [table("notes", [("area", "string")])],
    }
    project.package("p", {"notes.csv": "area\nNorth\n"}, descriptor=descriptor)
    assert not check(project.config, cache=False).problems
    descriptor["contributors"][0]["title"] = "Mr Bloggs"
    (project.root / "datapackages/p/datapackage.json").write_text(json.dumps(descriptor, indent=1))
    [problem] = located_problems(project)
    assert problem.startswith("datapackages/p/datapackage.json:5: contributors/0/title: ")
    assert NAME in problem


def test_the_sample_package_still_passes_the_check(tmp_path: Path):
    import shutil

    project = Project(tmp_path / "project")
    shutil.copytree(REPO / "datapackages" / "sample-landlord", project.root / "datapackages" / "s")
    result = check(project.config, cache=False)
    assert not result.problems, [str(p) for p in result.problems]
