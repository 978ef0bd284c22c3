"""Screening many distinct texts at once changes no judgement of the cell rules.

The gate judges each distinct value of a column once. For a column of many texts (100,000
home references), :func:`screen` runs each pattern the rules look for once over all the
texts joined, and the rules skip, for the texts where it found nothing, what could not have
matched. Whatever the texts (personal data of every kind, in look-alike letters, joined by
the very character that keeps them apart), every rule answers as it does for each text
alone, and the gate finds the same cells.
"""

from __future__ import annotations

import string

from helpers import text_column
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.privacy.cell_rules import cell_rule
from generator.privacy.detectors import cell_problem, date_problem, screen
from generator.privacy.table_rules import SCREEN_FROM, resource_findings

PIECES = [
    # what the rules look for
    *("LS6 2AB", "L S 6 / 2 A B", "ls62ab", "SE 2960 3450", "QQ 12 34 56 C", "QQ123456"),
    *("07700 900123", "+44 113 496 0000", "0113/496/0000", "jo@example.org", "jo [at] x dot com"),
    *("jo at example dot co dot uk", "12 Acacia Avenue", "Flat 3, High St", "53.8083, -1.5491"),
    *("53°48'30\"N", "///filled.count.soap", "filled.count.soap", "Mr Smith", "John Smith"),
    *("Smith, John", "15/03/2024", "2024-03-15", "15th March 2024", "the fifteenth of March"),
    *("March the 15th", "15032024", "2024-W11-5", "2024-075", "20240315", "£1,234", "123456789"),
    # what they must not take for it
    *("GRUT87VSPW", "PL-100045", "C-0001", "E08000032", "BD3 7", "Kitchens 2027", "2024/25"),
    *("replace", "heating-distribution", "Master Bedroom", "George Street", "data.gov.uk"),
    # look-alikes, invisible characters, the character between the screened texts
    *(
        "\uff2c\uff33\uff16 \uff12\uff21\uff22",
        "L\u200bS6 2AB",
        "\u0405mith",
        "\x00",
        "\u017fep",
        "\u212a",
    ),
]
SEPARATORS = ["", " ", ", ", "\x00", "\n", "-", "/", ".", "\u200b", " at ", "(", ")"]
texts = st.lists(
    st.one_of(
        st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).flatmap(
            lambda pieces: st.sampled_from(SEPARATORS).map(lambda sep: sep.join(pieces))
        ),
        st.text(alphabet=string.printable + "°£\x00", max_size=20),
    ),
    min_size=1,
    max_size=40,
    unique=True,
)
COLUMNS = ["notes", "home_ref", "town", "latitude", "visit_day"]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_screened_texts_get_the_judgement_they_get_alone(values):
    no_pattern, no_date = screen(values)
    for value in values:
        assert date_problem(value, no_pattern=value in no_date) == date_problem(value)
        for column in COLUMNS:
            alone = cell_problem(column, value)
            assert cell_problem(column, value, no_pattern=value in no_pattern) == alone
            for years_only in (True, False):
                assert cell_rule(
                    column,
                    "string",
                    value,
                    years_only=years_only,
                    cost=False,
                    reviewed=False,
                    no_pattern=value in no_pattern,
                    no_date=value in no_date,
                ) == cell_rule(
                    column, "string", value, years_only=years_only, cost=False, reviewed=False
                )


def test_every_piece_of_personal_data_is_found_in_a_column_of_many_references():
    refs = [f"H{index:06d}X" for index in range(SCREEN_FROM * 3)]
    planted = {5: "LS6 2AB", 70: "call 07700 900123", 130: "John Smith", 150: "15/03/2024"}
    cells = [planted.get(index, ref) for index, ref in enumerate(refs)]
    resource = text_column("homes", "note", cells)
    found = list(resource_findings(resource))
    assert sorted(finding.record for finding in found) == [index + 2 for index in sorted(planted)]
