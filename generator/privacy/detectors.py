"""Cell values that give away a person or an address: postcodes, e-mails, phones, names,
NI numbers, grid references, identifiers, coordinates and full dates, after normalising
the text so that look-alike letters and invisible characters hide nothing."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Any

from generator.privacy.columns import LOCATION_WORDS, column_words, is_id_column

_POSTCODE = re.compile(
    r"(?<![A-Z0-9])[A-Z]{1,2}[0-9][0-9A-Z]?[\s.-]*[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Z0-9])",
    re.IGNORECASE,
)
# The same, written with separators between the characters ("L S 6 / 2 A B"): capitals only,
# as real postcodes are, so that ordinary words are not taken for one.
_SEP = r"[\s./\\_|-]{0,3}"
_SPACED_POSTCODE = re.compile(
    rf"(?<![A-Za-z0-9])[A-Z]{_SEP}(?:[A-Z]{_SEP})?[0-9]{_SEP}(?:[0-9A-Z]{_SEP})?"
    rf"[0-9]{_SEP}[ABD-HJLNP-UW-Z]{_SEP}[ABD-HJLNP-UW-Z](?![A-Za-z0-9])"
)
_EMAIL = re.compile(  # starts only where a run of address characters starts: linear time
    r"(?<![\w.+-])[\w.+-]++\s*+(?:@|\(at\)|\[at\])\s*[\w-]+"
    r"(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\w-]+)+"
)
_TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Mister|Master)\.?\s+[A-Z][A-Za-z'-]*\b")
# An Ordnance Survey grid reference to 100 m or better: two letters, then as many digits
# for the easting as for the northing ("SE 2960 3450", "SE29603450", "SE 296 345").
_GRID_REFERENCE = re.compile(
    r"(?<![A-Za-z0-9])(H[L-Z]|N[A-HJ-Z]|O[ABFGLMQRVW]|S[A-HJ-Z]|T[ABFGLMQRVW])"
    r"\s?(\d{3,5})\s?(\d{3,5})(?![A-Za-z0-9])"
)
_PHONE_CANDIDATE = re.compile(r"(?<![\w.])(?:\+|00)?\(?\d[\d\s().-]{7,}\d(?![\w])")
_NI_NUMBER = re.compile(
    r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE
)
LONG_NUMBER = re.compile(r"^\s*\d{6,12}\s*$")  # the whole value, as a UPRN or system id is
_COORDINATES = re.compile(r"-?\d{1,3}\.\d{3,}\s*[,;:/| ]\s*-?\d{1,3}\.\d{3,}")
_PRECISE_DECIMAL = re.compile(r"^-?\d{1,3}\.\d{3,}$")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_FULL_DATE = re.compile(
    r"(?<!\d)("
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"  # 2024-03-15, 2024/03/15, 2024-03-15T10:00
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"  # 15/03/2024, 15-03-24
    r"|(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"  # 20240315
    rf"|\d{{1,2}}(st|nd|rd|th)?[\s-]+{_MONTH}[\s,-]+\d{{2,4}}"  # 15th March 2024, 15-Mar-24
    rf"|{_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}"  # March 15, 2024
    r")(?!\d)",
    re.IGNORECASE,
)
_POUNDS = re.compile(r"£\s?(\d[\d,]*)(\.\d+)?")


def _is_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    international = candidate.startswith(("+44", "0044"))
    if international:
        digits = "0" + digits[4 if candidate.startswith("0044") else 2 :].lstrip("0")
    if digits.startswith("0") and not digits.startswith("00") and len(digits) in (10, 11):
        return True
    # a number written without its leading zero, as spreadsheets keep it: a mobile
    # (7xxx xxxxxx) or a geographic number (1xxx or 2xxx), ten digits in phone groups
    grouped = bool(re.search(r"\d[\s()-]+\d", candidate))
    return (
        len(digits) == 10
        and "." not in candidate
        and ((digits[0] == "7" and digits[1] != "0") or (digits[0] in "12" and grouped))
    )


_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0]
)
# Letters of other scripts that look like Latin ones (Cyrillic and Greek capitals and small
# letters), by code point, as the Latin letter they pass for.
_LOOK_ALIKES = str.maketrans(
    {
        0x0410: "A",
        0x0412: "B",
        0x0415: "E",
        0x041A: "K",
        0x041C: "M",
        0x041D: "H",
        0x041E: "O",
        0x0420: "P",
        0x0421: "C",
        0x0422: "T",
        0x0423: "Y",
        0x0425: "X",
        0x0430: "a",
        0x0435: "e",
        0x043E: "o",
        0x0440: "p",
        0x0441: "c",
        0x0443: "y",
        0x0445: "x",
        0x0456: "i",
        0x0458: "j",
        0x0455: "s",
        0x0501: "d",
        0x051B: "q",
        0x051D: "w",
        0x0391: "A",
        0x0392: "B",
        0x0395: "E",
        0x0396: "Z",
        0x0397: "H",
        0x0399: "I",
        0x039A: "K",
        0x039C: "M",
        0x039D: "N",
        0x039F: "O",
        0x03A1: "P",
        0x03A4: "T",
        0x03A5: "Y",
        0x03A7: "X",
        0x03B1: "a",
        0x03BF: "o",
        0x03C1: "p",
        0x03B9: "i",
        0x03C5: "u",
        0x03BD: "v",
        0x0475: "v",
    }
)


@lru_cache(maxsize=65_536)
def normalised(text: str) -> str:
    """``text`` as the rules read it: NFKC (full-width and other compatibility forms to
    their plain ones), without zero-width and other format characters, with look-alike
    letters of other scripts as Latin letters and digits of any script as ASCII digits."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for char in text:
        if unicodedata.category(char) == "Cf" or ord(char) in _INVISIBLE:
            continue
        if unicodedata.category(char) == "Nd":
            char = str(unicodedata.digit(char))
        kept.append(char)
    return "".join(kept).translate(_LOOK_ALIKES)


def cell_problem(column: str, value: str, *, ids_allowed: bool = False) -> str | None:
    """What personal data a text cell seems to hold, with the fix, or None.

    ``ids_allowed``: the column is declared non-identifying (it names places or things, not
    homes), so long numbers and precise coordinates in it are fine.
    """
    value = normalised(value)
    if _EMAIL.search(value):
        return "looks like an email address; remove it"
    if _POSTCODE.search(value) or _SPACED_POSTCODE.search(value):
        return "looks like a full postcode; publish the postcode sector only (e.g. 'LS6 2')"
    if _NI_NUMBER.search(value):
        return "looks like a National Insurance number; remove it"
    if any(_is_phone(m.group(0)) for m in _PHONE_CANDIDATE.finditer(value)):
        return "looks like a phone number; remove it"
    if _TITLED_NAME.search(value):
        return "looks like a person's name; remove it"
    if any(len(m.group(2)) == len(m.group(3)) for m in _GRID_REFERENCE.finditer(value)):
        return "looks like a grid reference, which locates a home; remove it"
    if not ids_allowed and _COORDINATES.search(value):
        return "coordinates with more than 2 decimal places locate a home; round them or remove"
    return number_problem(column, value, ids_allowed=ids_allowed)


_MONTH_NAME = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
]
_DAY = (
    r"(\d{1,2}(st|nd|rd|th)?|((twenty|thirty)[\s-]?)?("
    + "|".join(_ORDINAL_WORDS)
    + r")|twenty|thirty)"
)
_DATE_IN_WORDS = re.compile(  # "15 March", "the fifteenth of March", "March the 15th"
    rf"\b(the\s+)?{_DAY}\s+(of\s+|day\s+of\s+)?{_MONTH_NAME}(?![a-z])"
    rf"|\b{_MONTH_NAME}\s+(the\s+)?{_DAY}\b",
    re.IGNORECASE,
)
_COMPACT_DMY = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(19|20)\d{2}(?!\d)")
SERIAL_DATES = (29_221, 51_501)  # spreadsheet day numbers of 1 Jan 1980 and 31 Dec 2040
_DATE_WORDS = frozenset(
    {"date", "day", "dob", "when", "moved", "start", "end", "since", "until", "visited", "on"}
)


def number_problem(column: str, text: str, *, ids_allowed: bool = False) -> str | None:
    """What a number (written as ``text``) seems to give away: an id in a reference column
    or a precise coordinate in a location column."""
    if ids_allowed:
        return None
    if is_id_column(column) and LONG_NUMBER.match(text):
        return (
            "a 6 to 12 digit number in a reference column looks like a UPRN or a system id; "
            "publish a random reference instead"
        )
    if _PRECISE_DECIMAL.match(text.strip()) and LOCATION_WORDS.intersection(column_words(column)):
        return "coordinates with more than 2 decimal places locate a home; round them or remove"
    return None


def date_problem(value: str) -> str | None:
    """Whether a text holds a full date (only years may be published about a home): in
    digits, in words ("the fifteenth of March"), or as a compact ``15032024``."""
    value = normalised(value)
    if _FULL_DATE.search(value) or _DATE_IN_WORDS.search(value) or _COMPACT_DMY.search(value):
        return "a full date identifies events in a household; publish the year"
    return None


def serial_date_problem(column: str, value: Any) -> str | None:
    """A spreadsheet date serial number (days since 1900) in a column named like a date."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    if not _DATE_WORDS.intersection(column_words(column)):
        return None
    if SERIAL_DATES[0] <= value <= SERIAL_DATES[1] and value == int(value):
        return (
            f"{value} looks like a date kept as a spreadsheet day number; a full date "
            "identifies events in a household: publish the year"
        )
    return None


def unrounded_pounds(value: str) -> int | None:
    """An amount in pounds written in the text that is not a multiple of £100, if any."""
    for match in _POUNDS.finditer(value):
        amount = int(match.group(1).replace(",", "") or 0)
        if amount % 100 or match.group(2):
            return amount
    return None
