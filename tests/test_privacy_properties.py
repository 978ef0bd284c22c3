"""Property: whatever the surrounding data, the gate finds every planted piece of personal data.

Hypothesis builds tables of ordinary values, plants postcodes, emails, phone numbers,
National Insurance numbers, full dates and coordinates (in random rows, wrapped in random
words) and checks the gate reports exactly the planted rows: every plant found, nothing else
flagged.
"""

from __future__ import annotations

import string

from helpers import text_column
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load.package_data import ResourceData
from generator.privacy.names import PLACE_TITLES, TITLES, given_names
from generator.privacy.table_rules import resource_findings

AREA_LETTERS = "ABCDEFGHIJKLMNOPRSTUWYZ"
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"

# Random words are ordinary text: not a title or a given name, which would make a name
# of the next word.
NOT_WORDS = {title.lower() for title in (*TITLES, *PLACE_TITLES)} | {
    name.lower() for name in given_names()
}
words = st.text(alphabet=string.ascii_letters, min_size=1, max_size=8).filter(
    lambda word: word.lower() not in NOT_WORDS
)
benign = st.one_of(
    st.sampled_from(["Kitchens 2027", "LS6 2", "BD5 0", "replace", "Boilers 2030", "2024/25"]),
    st.lists(words, min_size=1, max_size=4).map(" ".join),
)
postcode = st.builds(
    lambda area, district, space, sector, unit: f"{area}{district}{space}{sector}{unit}",
    st.text(alphabet=AREA_LETTERS, min_size=1, max_size=2),
    st.integers(1, 99).map(str),
    st.sampled_from([" ", ""]),
    st.integers(0, 9).map(str),
    st.text(alphabet=INWARD_LETTERS, min_size=2, max_size=2),
)
email = st.builds(
    lambda user, host, tld: f"{user}@{host}.{tld}",
    st.text(alphabet=string.ascii_lowercase + string.digits + ".", min_size=1, max_size=10).filter(
        lambda u: u[0] != "." and u[-1] != "."
    ),
    st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=10),
    st.sampled_from(["org", "co.uk", "com", "net"]),
)
phone = st.one_of(
    st.builds(
        lambda prefix, digits, sep: prefix + sep.join([digits[:4], digits[4:]]),
        st.sampled_from(["07", "01", "02", "+44 7", "+44 1", "0044 7"]),
        st.text(alphabet=string.digits, min_size=9, max_size=9),
        st.sampled_from(["", " ", ".", "-"]),
    ),
    st.builds(  # (0113) 496 0000
        lambda area, digits: f"(0{area}) {digits[:3]} {digits[3:]}",
        st.integers(113, 199).map(str),
        st.text(alphabet=string.digits, min_size=7, max_size=7),
    ),
)
full_date = st.builds(
    lambda day, month, year, form: form.format(d=day, m=month, y=year, yy=year % 100),
    st.integers(1, 28),
    st.integers(1, 12),
    st.integers(1990, 2030),
    st.sampled_from(
        [
            "{y}-{m:02d}-{d:02d}",
            "{d}/{m}/{y}",
            "{d:02d}-{m:02d}-{yy:02d}",
            "{y}{m:02d}{d:02d}",
            "{y}-{m:02d}-{d:02d}T09:30:00",
        ]
    ),
)
coordinates = st.builds(
    lambda lat, lon, sep: f"{lat:.5f}{sep}{lon:.5f}",
    st.floats(49.9, 60.9),
    st.floats(-8.0, 1.7),
    st.sampled_from([",", ", ", ";", " ", ":"]),
)
ni_number = st.builds(
    lambda a, b, digits, suffix, sep: sep.join(
        [a + b, digits[:2], digits[2:4], digits[4:], suffix]
    ),
    st.sampled_from(NI_FIRST),
    st.sampled_from(NI_SECOND),
    st.text(alphabet=string.digits, min_size=6, max_size=6),
    st.sampled_from("ABCD"),
    st.sampled_from(["", " "]),
)
slashed_postcode = st.builds(  # "LS6/2AB", "L S 6 2 A B", "LS6-2AB", "L.S.6.2.A.B"
    lambda area, district, sector, unit, form: (
        form.format(outward=f"{area}{district}", inward=f"{sector}{unit}")
        if "{" in form
        else form.join(f"{area}{district}{sector}{unit}")
    ),
    st.text(alphabet=AREA_LETTERS, min_size=1, max_size=2),
    st.integers(1, 9).map(str),
    st.integers(0, 9).map(str),
    st.text(alphabet=INWARD_LETTERS, min_size=2, max_size=2),
    st.sampled_from(["{outward}/{inward}", "{outward}-{inward}", " ", ".", "{outward} / {inward}"]),
)
phone_without_zero = st.builds(  # as a spreadsheet keeps a mobile number
    lambda digits, sep: f"7{digits[0]}{digits[1:3]}{sep}{digits[3:]}",
    st.text(alphabet="123456789", min_size=1, max_size=1).flatmap(
        lambda first: st.text(alphabet=string.digits, min_size=8, max_size=8).map(
            lambda rest: first + rest
        )
    ),
    st.sampled_from(["", " "]),
)
MONTHS = "January February March April May June July August September October November December"
date_in_words = st.builds(
    lambda day, month, year, form: form.format(d=day, m=month, y=year),
    st.sampled_from(["first", "second", "fifteenth", "twenty-first", "thirtieth", "3rd", "15"]),
    st.sampled_from(MONTHS.split()),
    st.integers(1990, 2030),
    st.sampled_from(["the {d} of {m} {y}", "{m} the {d}, {y}", "{d} {m}"]),
)
compact_date = st.builds(
    lambda day, month, year: f"{day:02d}{month:02d}{year}",
    st.integers(1, 28),
    st.integers(1, 12),
    st.integers(1990, 2030),
)
titled_name = st.builds(
    lambda title, name: f"{title} {name}",
    st.sampled_from(["Mr", "Mrs", "Ms", "Miss", "Dr", "Mr."]),
    st.sampled_from(["Smith", "Jones", "Okafor", "Nguyen", "O'Brien", "J"]),
)
personal = st.one_of(
    postcode,
    slashed_postcode,
    email,
    phone,
    phone_without_zero,
    ni_number,
    full_date,
    date_in_words,
    compact_date,
    coordinates,
    titled_name,
)

FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}
CYRILLIC = str.maketrans(
    "ABCEHKMOPTXaceopxy",
    "\u0410\u0412\u0421\u0415\u041d\u041a\u041c\u041e\u0420\u0422\u0425\u0430\u0441\u0435\u043e\u0440\u0445\u0443",
)


def disguised(value: str, how: str, where: int) -> str:
    """``value`` as someone hiding it from a filter would write it."""
    if how == "full-width":
        return value.translate(FULL_WIDTH)
    if how == "look-alike":
        return value.translate(CYRILLIC)
    if how == "zero-width":
        cut = where % (len(value) + 1)
        return value[:cut] + "\u200b" + value[cut:]
    return value


disguises = st.sampled_from(["as-is", "full-width", "look-alike", "zero-width"])


def resource_with(values: list[str]) -> ResourceData:
    return text_column("investment_plan", "programme", values)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(benign, min_size=1, max_size=30),
    plants=st.lists(
        st.tuples(st.integers(0, 29), personal, words, words, disguises, st.integers(0, 40)),
        min_size=1,
        max_size=5,
    ),
)
def test_every_planted_value_is_found_and_nothing_else(rows, plants):
    """Plants in every disguise: full-width forms, Cyrillic look-alikes, zero-width spaces,
    spaced and slashed postcodes, phone numbers without their leading zero, dates in words
    and as compact digits, titled names."""
    planted = set()
    for position, value, before, after, how, where in plants:
        index = position % len(rows)
        rows[index] = f"{before} {disguised(value, how, where)} {after}"
        planted.add(index + 2)
    found = {finding.record for finding in resource_findings(resource_with(rows))}
    assert found == planted


@settings(max_examples=100, deadline=None)
@given(st.lists(benign, min_size=1, max_size=50))
def test_ordinary_values_pass_the_gate(rows):
    assert list(resource_findings(resource_with(rows))) == []
