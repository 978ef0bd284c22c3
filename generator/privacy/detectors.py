"""Cell values that give away a person or an address: postcodes, e-mails, phones, names,
NI numbers, grid references, street addresses, identifiers, coordinates (decimal, in
degrees and minutes, what3words) and full dates, after normalising the text so that
look-alike letters, odd slashes and dashes and invisible characters hide nothing."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from generator.privacy.columns import (
    LOCATION_WORDS,
    PLACE_NAME_WORDS,
    column_words,
    is_id_column,
)
from generator.privacy.names import STREET_WORDS, full_name, titled_name
from generator.privacy.normalise import normalised

_POSTCODE = re.compile(  # "LS6 2AB", "LS62AB", "LS6-2AB", "LS6, 2AB" (not "A1, 2nd floor")
    r"(?<![A-Z0-9])[A-Z]{1,2}[0-9][0-9A-Z]?[\s.,-]*[0-9](?-i:(?!(?:st|nd|rd|th)(?![a-z])))"
    r"[ABD-HJLNP-UW-Z]{2}(?![A-Z0-9])",
    re.IGNORECASE,
)
# The same, written with separators between the characters ("L S 6 / 2 A B"): capitals only,
# as real postcodes are, so that ordinary words are not taken for one.
_SEP = r"[\s./\\_|,-]{0,3}"
_SPACED_POSTCODE = re.compile(
    rf"(?<![A-Za-z0-9])[A-Z]{_SEP}(?:[A-Z]{_SEP})?[0-9]{_SEP}(?:[0-9A-Z]{_SEP})?"
    rf"[0-9]{_SEP}[ABD-HJLNP-UW-Z]{_SEP}[ABD-HJLNP-UW-Z](?![A-Za-z0-9])"
)
# "@" or "at" in brackets ("(at)", "[AT]", "{at}", "<@>"), and "." or "dot" likewise.
_AT = r"(?:@|[(\[{<]\s*(?:at|@)\s*[)\]}>])"
_DOT = r"(?:\.|[(\[{<]\s*(?:dot|\.)\s*[)\]}>])"
_EMAIL = re.compile(  # starts only where a run of address characters starts: linear time
    rf"(?<![\w.+-])[\w.+-]++\s*+{_AT}\s*[\w-]+(?:\s*{_DOT}\s*[\w-]+)+",
    re.IGNORECASE,
)
# Written out in words ("jo at example dot com", "jo [at] example dot co dot uk"): it must
# end in a common top-level domain, so that "met at home. Boiler" is not taken for one, and
# spell out or bracket a dot or the at, so that "available at data.gov.uk" is not either.
_TOP_LEVEL = r"(?:com|org|net|uk|co|gov|ac|edu|nhs|sch|io|info|biz|me|eu|ie|scot|wales|cymru)"
_WORDY_DOT = rf"(?:\s*\.\s*|\s+dot\s+|\s*{_DOT}\s*)"
_SPELT = re.compile(r"\sdot\s|[(\[{<]", re.IGNORECASE)
_EMAIL_IN_WORDS = re.compile(
    rf"(?<![\w.+-])[\w.+-]++(?:\s+at\s+|\s*{_AT}\s*)[\w-]+(?:{_WORDY_DOT}[\w-]+)*?"
    rf"{_WORDY_DOT}{_TOP_LEVEL}(?![\w-])",
    re.IGNORECASE,
)
# An Ordnance Survey grid reference to 100 m or better: two letters, then as many digits
# for the easting as for the northing ("SE 2960 3450", "SE29603450", "SE 296 345").
_GRID_REFERENCE = re.compile(
    r"(?<![A-Za-z0-9])(H[L-Z]|N[A-HJ-Z]|O[ABFGLMQRVW]|S[A-HJ-Z]|T[ABFGLMQRVW])"
    r"\s?(\d{3,5})\s?(\d{3,5})(?![A-Za-z0-9])"
)
# A run of digits and the separators phone numbers are written with, read whole (possessive:
# linear time); :func:`_phone_in` judges it.
_PHONE_CANDIDATE = re.compile(r"(?<![\w.])(?:\+|00)?\(?\d[\d\s().\-/_,xX]{7,}+")
_ODD_PHONE_SEPARATOR = re.compile(r"[/_,xX]")
# A National Insurance number: two prefix letters (as HMRC issues them, or QQ, the prefix of
# the examples), three pairs of digits and a suffix letter, the suffix often left out, with
# or without separators ("QQ 12 34 56 C", "QQ-12-34-56-C", "QQ.12.34.56.C", "QQ123456").
_NI_SEP = r"[\s./-]?"
_NI_PREFIX = r"(?<![A-Za-z0-9])(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)"
_NI_NUMBER = re.compile(  # with its suffix letter: any separators
    rf"{_NI_PREFIX}{_NI_SEP}\d{{2}}{_NI_SEP}\d{{2}}{_NI_SEP}\d{{2}}{_NI_SEP}[A-D](?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Without its suffix letter, two letters and six digits are also how many references are
# written ("PL-100045"): only the same separator between every pair ("QQ 12 34 56"), or
# none at all outside a reference column, reads as a National Insurance number.
_BARE_NI_NUMBER = re.compile(
    rf"{_NI_PREFIX}(?P<sep>[\s./-]?)\d{{2}}(?P=sep)\d{{2}}(?P=sep)\d{{2}}(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
LONG_NUMBER = re.compile(r"^\s*\d{6,12}\s*$")  # the whole value, as a UPRN or system id is
_COORDINATES = re.compile(
    r"-?\d{1,3}\.\d{3,}\s*[,;:/| ]\s*-?\d{1,3}\.\d{3,}"
    # with the hemispheres: "53.8083° N, 1.5491° W"
    r"|\d{1,3}\.\d{3,}\s*°?\s*[NS]\b[\s,;/]*\d{1,3}\.\d{3,}\s*°?\s*[EW]\b"
)
# Degrees and minutes (seconds and hemisphere may follow): 53°48'30"N, 1°33'W, with primes
# as apostrophes and the ordinal sign or the ring above as the degree sign (see normalised).
_DEGREES_MINUTES = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d+)?\s*(?:°|deg)\s*\d{1,2}(?:\.\d+)?\s*'")
# A what3words address: "///filled.count.soap", or three dotted lower-case words on their
# own (not a web address or a file name: see _NOT_WHAT3WORDS).
_WHAT3WORDS = re.compile(r"///\s*[^\W\d_]+\.[^\W\d_]+\.[^\W\d_]+")
_DOTTED_WORDS = re.compile(  # not a path, a web or e-mail address, or code (`a.b.c`, a.b.c())
    r"(?<![\w./:@\\`$-])([a-z]{3,})\.([a-z]{3,})\.([a-z]{3,})(?![\w@/\\`(\[-]|\.\w)"
)
_NOT_WHAT3WORDS = frozenset(
    {
        *("www", "com", "org", "net", "gov", "edu", "nhs", "sch", "info", "http", "https"),
        *("json", "csv", "tsv", "yaml", "yml", "xml", "html", "htm", "txt", "pdf", "zip"),
        *("tar", "xls", "xlsx", "ods", "png", "jpg", "jpeg", "gif", "svg", "schema"),
        "datapackage",
    }
)
# A house number (or a flat) and a street: "12 Acacia Avenue", "Flat 3, Acacia Avenue",
# "12-14 HIGH ST". The street needs a capitalised name before its street word, and that
# name may not be a measure or a part of a home ("2 way valve", "3 Court cases", "2 Bed
# Terrace", "10 Minute Walk" are not addresses).
_NOT_STREET_NAMES = (
    "bed|beds|bedroom|bedrooms|storey|storeys|story|mid|end|semi|double|single|year|years"
    "|month|months|week|weeks|day|days|hour|hours|minute|minutes|mins|second|seconds|mile"
    "|miles|metre|metres|meter|meters|foot|feet|inch|inches|yard|yards|wheel|hard|car|bike"
    "|door|doors|window|windows|kitchen|kitchens|bathroom|bathrooms|room|rooms|floor|floors"
    "|flat|flats|house|houses|home|homes|unit|units|block|blocks|star|page|pages|and|or|of"
)
_NUMBER_BEFORE_A_WORD = re.compile(r"\d[A-Za-z]?\s*,?\s*[A-Z]")  # what every address has
_STREET_ADDRESS = re.compile(
    r"(?:\b(?i:flat|apartment|apt|unit|maisonette)\.?\s*\d{1,4}[A-Za-z]?\s*,?\s*"
    r"(?:\d{1,4}[A-Za-z]?\s*,?\s+)?"
    r"|(?<![\w.,/£$-])\d{1,4}[A-Za-z]?(?:\s*-\s*\d{1,4}[A-Za-z]?)?\s*,?\s+)"
    rf"(?:(?!(?i:{_NOT_STREET_NAMES})\b)[A-Z][A-Za-z'-]*\s+){{1,3}}"
    rf"(?i:{'|'.join(STREET_WORDS)})\b"
)
_PRECISE_DECIMAL = re.compile(r"^-?\d{1,3}\.\d{3,}$")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DAY_NUMBER = r"(0?[1-9]|[12]\d|3[01])"
_MONTH_NUMBER = r"(0?[1-9]|1[0-2])"
_FULL_DATE = re.compile(
    r"(?<!\d)("
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"  # 2024-03-15, 2024/03/15, 2024-03-15T10:00
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"  # 15/03/2024, 15-03-24
    r"|(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"  # 20240315
    # 15 03 2024, 2024 03 15: digits apart, with a four-digit year
    rf"|{_DAY_NUMBER}\s+{_MONTH_NUMBER}\s+(19|20)\d{{2}}"
    rf"|(19|20)\d{{2}}\s+{_MONTH_NUMBER}\s+{_DAY_NUMBER}"
    # 15th March 2024, 15-Mar-24, 15/Mar/2024, 15.mar.24
    rf"|\d{{1,2}}(st|nd|rd|th)?[\s/.-]+{_MONTH}[\s,/.-]+\d{{2,4}}"
    rf"|{_MONTH}[\s/.-]+\d{{1,2}}(st|nd|rd|th)?,?[\s/.-]+\d{{4}}"  # March 15, 2024, Mar/15/2024
    rf"|\d{{4}}[\s/.-]+{_MONTH}[\s/.-]+\d{{1,2}}"  # 2024-Mar-15
    r"|(19|20)\d{2}-?W(0[1-9]|[1-4]\d|5[0-3])-?[1-7]"  # ISO week date: 2024-W11-5, 2024W115
    r"|(19|20)\d{2}-(00[1-9]|0[1-9]\d|[12]\d\d|3[0-5]\d|36[0-6])"  # ordinal date: 2024-075
    r")(?!\d)",
    re.IGNORECASE,
)
_POUNDS = re.compile(r"£\s?(\d[\d,]*)(\.\d+)?")


def _phone_in(text: str, run: re.Match[str]) -> bool:
    """Whether a run of digits and separators found by _PHONE_CANDIDATE holds a UK phone
    number: the whole run ("0113/496/0000", "07700 900,123", "0113x496x0000" after its last
    digit is not part of a word), or a part of it between slashes, commas or x's (two
    numbers side by side, or a number and its extension)."""
    candidate = run.group(0).rstrip(" \t\r\n()-./_,xX")
    end = run.start() + len(candidate)
    if len(candidate) < 9 or (end < len(text) and (text[end].isalnum() or text[end] == "_")):
        return False
    if not _ODD_PHONE_SEPARATOR.search(candidate):
        return _is_phone(candidate)
    parts = [part.strip() for part in _ODD_PHONE_SEPARATOR.split(candidate)]
    if any(len(part) >= 9 and _is_phone(part) for part in parts):
        return True
    # the separators split the number itself: only in groups of 3 digits or more, as phone
    # numbers are grouped ("0,1,2,3,4,5,6,7,8,9" and "0.123, 0.456, 0.789" are not phones)
    bare = re.sub(r"^(?:\+|00)44", "", candidate.replace("(0)", ""))
    if any(len(group) < 3 for group in re.findall(r"\d+", bare)):
        return False
    return _is_phone(_ODD_PHONE_SEPARATOR.sub(" ", candidate))


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


def cell_problem(
    column: str,
    value: str,
    *,
    ids_allowed: bool = False,
    names_allowed: bool = False,
    no_pattern: bool = False,
) -> str | None:
    """What personal data a text cell seems to hold, with the fix, or None.

    ``ids_allowed``: the column is declared non-identifying (it names places or things, not
    homes), so long numbers and precise coordinates in it (decimal, in degrees and minutes,
    or a what3words address) are fine. ``names_allowed``: the
    text credits the publisher's own people (a descriptor's contributors), so a given name
    and a surname are fine there; a title and a name are not. Nor are they in a column
    named for places (``capital``, ``town``...: "Charlotte Amalie", "Stanley").
    ``no_pattern``: :func:`screen` found in the text none of what the rules before the
    numbers look for, so only a number can be wrong with it (the same answer, sooner).
    """
    value = normalised(value)
    if no_pattern:
        return number_problem(column, value, ids_allowed=ids_allowed)
    # Most rules need a digit, an "@" or "at", a full stop or a degree sign: looking for
    # those first keeps the cost of a distinct value low.
    digits = _DIGIT.search(value) is not None
    if ("@" in value or "at" in value.lower()) and (_EMAIL.search(value) or _email_in_words(value)):
        return "looks like an email address; remove it"
    if digits and (_POSTCODE.search(value) or _SPACED_POSTCODE.search(value)):
        return "looks like a full postcode; publish the postcode sector only (e.g. 'LS6 2')"
    if digits and any(len(m.group(2)) == len(m.group(3)) for m in _GRID_REFERENCE.finditer(value)):
        return "looks like a grid reference, which locates a home; remove it"
    if digits and (
        _NI_NUMBER.search(value)
        or any(
            match.group("sep") or not is_id_column(column)
            for match in _BARE_NI_NUMBER.finditer(value)
        )
    ):
        return "looks like a National Insurance number; remove it"
    if digits and any(_phone_in(value, m) for m in _PHONE_CANDIDATE.finditer(value)):
        return "looks like a phone number; remove it"
    if titled_name(value) or (
        not names_allowed
        and full_name(value)
        and not PLACE_NAME_WORDS.intersection(column_words(column))
    ):
        return "looks like a person's name; remove it"
    if digits and _NUMBER_BEFORE_A_WORD.search(value) and _STREET_ADDRESS.search(value):
        return (
            "looks like a street address, which locates a home; remove it (publish the "
            "postcode sector, e.g. 'LS6 2', if the area matters)"
        )
    if not ids_allowed:
        if digits and _COORDINATES.search(value):
            return "coordinates with more than 2 decimal places locate a home; round them or remove"
        if digits and ("°" in value or "deg" in value) and _DEGREES_MINUTES.search(value):
            return (
                "coordinates in degrees and minutes locate a home; remove them (publish the "
                "postcode sector, e.g. 'LS6 2', if the area matters)"
            )
        if "." in value and _what3words(value):
            return "looks like a what3words address, which locates a home to 3 metres; remove it"
    return number_problem(column, value, ids_allowed=ids_allowed)


def _email_in_words(text: str) -> bool:
    """Whether ``text`` holds an e-mail address written with words or brackets for its
    at or dots (see _EMAIL_IN_WORDS), not a web address after the word "at"."""
    return any(_SPELT.search(match.group(0)) for match in _EMAIL_IN_WORDS.finditer(text))


def _what3words(text: str) -> bool:
    """Whether ``text`` holds a what3words address: "///filled.count.soap", or three dotted
    lower-case words that are not a web address or a file name."""
    if "///" in text and _WHAT3WORDS.search(text):
        return True
    return any(_NOT_WHAT3WORDS.isdisjoint(match.groups()) for match in _DOTTED_WORDS.finditer(text))


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


def date_problem(value: str, *, no_pattern: bool = False) -> str | None:
    """Whether a text holds a full date (only years may be published about a home): in
    digits, in words ("the fifteenth of March"), or as a compact ``15032024``.
    ``no_pattern``: :func:`screen` found nothing a date needs in the text."""
    if no_pattern:
        return None
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


# What the rules of cell_problem look for before the numbers (the names need a space or a
# comma), each with what it cannot match without, if that is quicker to look for: a column
# without a single space is not searched for street addresses.
_SPACE = re.compile(r"\s")
_DOT_CHAR = re.compile(r"\.")
_CELL_PATTERNS: tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...] = (
    (re.compile(r"[@(\[{<]"), _EMAIL),
    (re.compile(r"[@(\[{<]|\s"), _EMAIL_IN_WORDS),
    *((None, pattern) for pattern in (_POSTCODE, _SPACED_POSTCODE, _GRID_REFERENCE)),
    *((None, pattern) for pattern in (_NI_NUMBER, _BARE_NI_NUMBER, _PHONE_CANDIDATE)),
    (_SPACE, _STREET_ADDRESS),
    (_DOT_CHAR, _COORDINATES),
    (re.compile(r"°|deg"), _DEGREES_MINUTES),
    (None, _WHAT3WORDS),
    (_DOT_CHAR, _DOTTED_WORDS),
    (None, re.compile(r"[\s,]")),
)
# Each pattern of date_problem needs one of these: a month's first three letters, two runs
# of digits apart, eight digits in a row, or a year before a week ("2024-W11"). Each starts
# with a class of few characters, which the search skips to.
_DATE_HINTS = (
    re.compile(r"[jfmasond][aepuco][nbrylgptvc]", re.IGNORECASE),
    re.compile(r"(?<=\d)[-/.\s]+\d"),
    re.compile(r"\d{8}"),
    re.compile(r"(?<=\d{4})-?w", re.IGNORECASE),
)
# Between two texts read as one: no pattern matches it (it is neither a word character, a
# digit, a space nor in any of their classes), and every lookaround and word boundary reads
# it as the start or the end of a text, so no match spans two texts and each text holds the
# same matches as when it is searched alone.
_APART = "\x00"


def screen(texts: Collection[str]) -> tuple[set[str], set[str]]:
    """Of many distinct ``texts``, those in which nothing :func:`cell_problem` looks for
    before the numbers is found, and those in which nothing a date needs is (as normalised).

    Each pattern runs once over all the texts joined: a column of 100,000 references costs
    a few passes instead of a dozen searches per value. The answers are those of searching
    each text alone (see _APART); the rules then skip what cannot be found.
    """
    ordered = list(texts)
    reads = [normalised(text) for text in ordered]
    starts = []
    position = 0
    for read in reads:
        starts.append(position)
        position += len(read) + 1
    joined = _APART.join(reads)

    def unfound(patterns: tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...]) -> set[str]:
        found = set()
        for needed, pattern in patterns:
            if needed is not None and needed.search(joined) is None:
                continue  # not in any of the texts: the pattern cannot match either
            for match in pattern.finditer(joined):
                found.add(bisect_right(starts, match.start()) - 1)
        return {text for index, text in enumerate(ordered) if index not in found}

    return unfound(_CELL_PATTERNS), unfound(tuple((None, hint) for hint in _DATE_HINTS))
