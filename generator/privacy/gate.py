"""The privacy gate: nothing published may identify a person or an address.

The rules are the normative anonymisation rules of the ODX data model (housing-data.md, §6).
Every ODX package is checked in full after validation; each breach is a located
:class:`~generator.load.findings.Finding` whose message says how to fix it, and any breach stops
the build. Two rules do not stop it: TSM rows from fewer than :data:`MIN_RESPONDENTS`
respondents, at any level, are withheld from the site (and said to be), and with the
opt-in ``coarsen`` option small k-anonymity groups are coarsened instead of refused (see
:mod:`generator.privacy.coarsening`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import zip_longest
from typing import Any

from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.core.sourcemap import DocumentError, LineIndex
from generator.housing.profile import contract_schemas
from generator.load.descriptor import read_descriptor
from generator.load.findings import Finding, report
from generator.load.loading import PackageData, ResourceData
from generator.load.summary import summarise_rows
from generator.load.table import Table
from generator.load.validation_cache import ValidationCache
from generator.privacy.coarsening import Coarsening, coarsen, group_key
from generator.privacy.number_shapes import NumberShapes
from generator.privacy.screening import NON_IDENTIFYING, declared_fields

# Every home attribute the site publishes that a public source also gives (the EPC register
# publishes type, built form, age band, heating, band and lodgement date with the address; a
# look from the street gives the type, form and often the age): anonymisation rules v0.2,
# rule 4. Any other column of the homes table counts too, unless declared non-identifying.
QUASI_IDENTIFIERS = (
    "local_authority_code",
    "postcode_sector",
    "property_type",
    "built_form",
    "bedrooms",
    "build_period",
    "heating_type",
    "rent_type",
    "epc_band",
    "epc_lodgement_year",
)
# The homes columns of the data model that no public source holds: a random publication
# reference, a random block reference, the landlord's own assessment and survey year.
NOT_QUASI_IDENTIFIERS = frozenset({"home_ref", "block_ref", "dhs_status", "last_survey_year"})
MIN_RESPONDENTS = 10
FREE_TEXT_LIMIT = 60
YEARS_ONLY = frozenset({"homes", "components", "investment_plan", "corrections"})

# Column names are compared as their words joined, lower case ("Address Line 1" -> addressline1).
# A name is banned when it *contains* one of these (export headers vary: ADDRESS1, street_name,
# property_uprn, TOTAL_FLOOR_AREA) ...
BANNED_FRAGMENTS = (
    "uprn",
    "address",
    "addr",
    "street",
    "housenumber",
    "houseno",
    "flatnumber",
    "flatno",
    "postcode",  # but not postcode_sector, _district or _area (see ALLOWED_POSTCODE_PARTS)
    "tenantname",
    "tenantfullname",
    "tenantsname",
    "dateofbirth",
    "birthdate",
    "email",
    "phone",
    "mobile",
    "ninumber",
    "nino",
    "nationalinsurance",
    "tenancyref",
    "tenancyid",
    "tenancynumber",
    "rentaccount",
    "latitude",
    "longitude",
    "easting",
    "northing",
    "sapscore",
    "saprating",
    "sappoints",
    "energyefficiency",
    "floorarea",
    "lodgementdate",
    "occupier",
    "occupant",
    "householder",
    "surname",
    "forename",
    "firstname",
    "lastname",
    "fullname",
    "givenname",
    "familyname",
    "maidenname",
    "nextofkin",
    "gridref",
)
# ... or when one of its words is one of these (short words are not searched inside others).
BANNED_WORDS = frozenset(
    {"postcode", "lat", "lon", "lng", "dob", "tenant", "tenants", "sap", "resident", "contact"}
)
# A column with "name" among its words names a person when another word says whose it is.
PERSON_WORDS = frozenset(
    {
        "tenant",
        "tenants",
        "resident",
        "residents",
        "occupier",
        "occupant",
        "contact",
        "person",
        "customer",
        "client",
        "applicant",
        "householder",
        "leaseholder",
        "owner",
        "first",
        "last",
        "full",
        "given",
        "family",
        "sur",
        "fore",
        "middle",
        "preferred",
        "known",
    }
)
BANNED_NAMES = frozenset({"age", "dob"})  # only as the whole name: "component_age" is fine
BANNED_IN_HOMES_AND_COMPONENTS = frozenset({"name"})
ALLOWED_POSTCODE_PARTS = frozenset({"postcodesector", "postcodedistrict", "postcodearea"})
_WHY_COLUMN = {
    "sap": "the exact SAP score joins to the public EPC register and finds the address",
    "energyefficiency": "the energy efficiency score (SAP) joins to the public EPC register "
    "and finds the address",
    "floorarea": "the floor area joins to the public EPC register and finds the address",
    "lodgementdate": "the lodgement date joins to the public EPC register; publish "
    "epc_lodgement_year",
    "uprn": "a UPRN is a public identifier of an address",
}

_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")
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
_LONG_NUMBER = re.compile(r"^\s*\d{6,12}\s*$")  # the whole value, as a UPRN or system id is
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
_LOCATION_WORDS = frozenset(
    {"lat", "lon", "lng", "x", "y", "coord", "coords", "coordinates", "geo", "location", "point"}
)
_COST_FRAGMENTS = ("cost", "gbp", "spend", "budget", "price")
_ID_ENDINGS = ("ref", "id", "reference", "number", "no")


@lru_cache(maxsize=4_096)
def column_words(name: str) -> tuple[str, ...]:
    """The words of a column name: ``TOTAL_FLOOR_AREA`` and ``totalFloorArea`` both give
    total, floor, area."""
    return tuple(word.lower() for word in _WORD_SPLIT.split(name) if word)


@lru_cache(maxsize=4_096)
def is_id_column(name: str) -> bool:
    """Whether a column names a reference or id (``home_ref``, ``assetRef``, ``tenancy-id``)."""
    words = column_words(name)
    return bool(words) and words[-1] in _ID_ENDINGS


def is_cost_column(name: str) -> bool:
    """Whether a column holds money (``estimated_cost_gbp``, ``Cost GBP``, ``spend``)."""
    joined = "".join(column_words(name))
    return any(fragment in joined for fragment in _COST_FRAGMENTS)


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


@dataclass
class PackagePrivacy:
    """What the gate decided for one package, for the pages and ``odx privacy-report``."""

    k: int
    quasi_identifiers: tuple[str, ...] = QUASI_IDENTIFIERS
    declared: list[tuple[str, str]] = field(default_factory=list)  # (column, reason)
    group_sizes: Counter[tuple[Any, ...]] = field(default_factory=Counter)
    withheld: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    withheld_notes: list[tuple[str, str]] = field(default_factory=list)  # (resource, text)

    def notes(self, resource: str | None = None) -> list[str]:
        """What was withheld and why, for one resource or all."""
        return [text for name, text in self.withheld_notes if resource in (None, name)]

    def declared_notes(self) -> list[str]:
        """The homes columns the landlord declared non-identifying, with the reason given."""
        return [
            f"The column {column} is published as it is: the landlord declares that it cannot "
            f"single out a home ({reason.rstrip('.')})."
            for column, reason in self.declared
        ]

    def describe(self, group: tuple[Any, ...]) -> str:
        """A group of quasi-identifier values as readable text."""
        return describe_group(group, self.quasi_identifiers)

    coarsening: Coarsening | None = None
    published_group_sizes: Counter[tuple[Any, ...]] | None = None

    @property
    def small_groups(self) -> list[tuple[tuple[Any, ...], int]]:
        """Quasi-identifier groups below k, smallest first."""
        return sorted(
            ((group, size) for group, size in self.group_sizes.items() if size < self.k),
            key=lambda item: (item[1], [str(v) for v in item[0]]),
        )


def banned_column(resource: str, column: str) -> str | None:
    """Why ``column`` may not be published in ``resource``, or None."""
    words = column_words(column)
    joined = "".join(words)
    why = None
    if joined in BANNED_NAMES:
        why = "it is personal data"
    for fragment in BANNED_FRAGMENTS:
        if fragment == "postcode" and any(p in joined for p in ALLOWED_POSTCODE_PARTS):
            continue
        if fragment in joined:
            why = _WHY_COLUMN.get(fragment, "it is personal data or locates an address")
            break
    for word in words:
        if word in BANNED_WORDS:
            if word == "postcode" and any(p in joined for p in ALLOWED_POSTCODE_PARTS):
                continue
            why = _WHY_COLUMN.get(word, "it is personal data or locates an address")
            break
    if why is None and "name" in words and PERSON_WORDS.intersection(words):
        why = "it names people"
    if why:
        return f"column '{column}' may not be published: {why}; remove the column"
    if joined in BANNED_IN_HOMES_AND_COMPONENTS and resource in ("homes", "components"):
        return (
            f"column '{column}' may not be published in {resource}: names identify people; "
            "remove the column"
        )
    return None


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
    if is_id_column(column) and _LONG_NUMBER.match(text):
        return (
            "a 6 to 12 digit number in a reference column looks like a UPRN or a system id; "
            "publish a random reference instead"
        )
    if _PRECISE_DECIMAL.match(text.strip()) and _LOCATION_WORDS.intersection(column_words(column)):
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


def check_privacy(
    packages: Iterable[PackageData],
    config: SiteConfig,
    problems: Problems,
    cache: ValidationCache | None = None,
) -> dict[str, PackagePrivacy]:
    """Run every rule on every ODX package; breaches go to ``problems``.

    Returns what was decided per package (by slug): group sizes, withheld rows, coarsening.
    With a ``cache``, a package that passed with the same content and options before is not
    judged again: its decision and its re-made summaries are taken from the cache.
    """
    outcome: dict[str, PackagePrivacy] = {}
    for package in packages:
        if package.profile is None:
            _screen_generic(package, config, problems)
            continue
        decided = _cached_decision(package, cache)
        if decided is not None:
            outcome[package.slug] = decided
            continue
        before = len(problems)
        privacy = PackagePrivacy(k=config.odx.k_anonymity)
        findings = list(_rule_findings(package))
        findings.extend(_home_facts_beside_the_homes(package))
        findings.extend(_k_anonymity(package, privacy, config.odx.coarsen))
        _small_cells(package, privacy)
        _identifying_corrections(package, privacy)
        report(findings, package, config, problems)
        _descriptor_text(package, config, problems)
        changed = _resummarise(package, privacy, config.odx.preview_rows)
        outcome[package.slug] = privacy
        if cache is not None and package.content_key and len(problems) == before:
            _remember_decision(package, privacy, changed, cache)
    return outcome


def generic_cell_rule(
    column: str, kind: str, value: Any, reviewed: bool, declared: bool
) -> str | None:
    """What is wrong with one cell of a package that is not ODX (rules 2 and 6), or None.
    ``declared``: the field says ``"odx:non-identifying": "<reason>"``."""
    return _cell_rule(
        column,
        kind,
        value,
        years_only=False,
        cost=False,
        reviewed=reviewed,
        ids_allowed=declared,
    )


def generic_column_judged(column: str, kind: str, declared: bool) -> bool:
    """Whether any rule can find something in a column of this name and type of a package
    that is not ODX (numbers: only ids and coordinates; years, booleans, dates: nothing)."""
    if kind in ("year", "boolean", "date", "datetime", "time", "yearmonth", "duration"):
        return False
    if kind in ("integer", "number"):
        if declared:
            return False
        return is_id_column(column) or (
            kind == "number" and bool(_LOCATION_WORDS.intersection(column_words(column)))
        )
    return True


def _screen_generic(package: PackageData, config: SiteConfig, problems: Problems) -> None:
    """Every package is screened, ODX or not (rule 9): banned columns, personal data in cells
    (read while the table was validated), free text nobody reviewed, the descriptor's texts,
    and tables that hold data about individual homes without declaring the ODX profile."""
    findings: list[Finding] = []
    for resource in package.resources:
        names = [doc.name for doc in resource.fields]
        for name in names:
            why = banned_column(resource.name, name)
            if why:
                findings.append(Finding(resource.name, None, name, why))
        home_level = home_level_table(names)
        if home_level:
            findings.append(Finding(resource.name, None, home_level, _UNDECLARED_HOMES))
        findings.extend(
            Finding(resource.name, record, column, problem)
            for record, column, problem in resource.screened
        )
    report(findings, package, config, problems)
    _descriptor_text(package, config, problems)


_HOME_WORDS = frozenset({"home", "homes", "property", "dwelling", "house", "flat", "unit", "asset"})
_HOUSING_COLUMNS = frozenset(
    {
        "bedrooms",
        "propertytype",
        "builtform",
        "buildperiod",
        "postcodesector",
        "heatingtype",
        "renttype",
        "epcband",
        "epcrating",
        "tenure",
        "tenancy",
        "tenanttype",
        "occupants",
        "household",
    }
)
_UNDECLARED_HOMES = (
    "this table looks like data about individual homes (a home reference with facts about "
    'each home), but the package has no "odx" block, so the privacy gate cannot check that '
    'no home can be singled out; declare it with "odx": {"profile": "homes/0.1", "landlord": '
    '{"name": ..., "code": ...}, "as_of": "YYYY-MM-DD"} (see the for-landlords page), or '
    "publish figures about groups of homes instead"
)


def home_level_table(columns: Sequence[str]) -> str | None:
    """The column that makes a table look like data about individual homes, or None: a
    reference to a home or property next to an address-like, tenant-like or housing column."""
    reference = next(
        (
            name
            for name in columns
            if is_id_column(name) and _HOME_WORDS.intersection(column_words(name)[:-1])
        ),
        None,
    )
    if reference is None:
        return None
    for name in columns:
        if name == reference:
            continue
        joined = "".join(column_words(name))
        if banned_column("", name) or joined in _HOUSING_COLUMNS:
            return reference
    return None


def _remember_decision(
    package: PackageData, privacy: PackagePrivacy, changed: set[str], cache: ValidationCache
) -> None:
    """Keep a clean decision for next time, unless coarsening changed the tables themselves
    (those changes are made again rather than stored)."""
    coarsening = privacy.coarsening
    if coarsening and (coarsening.rungs or coarsening.suppressed or coarsening.withheld):
        return
    summaries = {r.name: r.summary for r in package.resources if r.name in changed}
    cache.put(package.folder, package.content_key or "", (privacy, summaries))


def _cached_decision(package: PackageData, cache: ValidationCache | None) -> PackagePrivacy | None:
    """What the gate decided for this very package before, with its summaries put back."""
    if cache is None or not package.content_key:
        return None
    stored = cache.get(package.folder, package.content_key)
    if stored is None:
        return None
    privacy, summaries = stored
    for name, summary in summaries.items():
        resource = package.resource(name)
        if resource is None:
            return None
        resource.summary = summary
    return privacy


def _resummarise(package: PackageData, privacy: PackagePrivacy, preview_rows: int) -> set[str]:
    """Make the previews and statistics of changed tables show only what is published;
    return the names of the resources whose summary was made again."""
    changed = {name for name, records in privacy.withheld.items() if records}
    if privacy.coarsening and privacy.coarsening.rungs:
        changed.add("homes")
    remade: set[str] = set()
    for name in changed:
        resource = package.resource(name)
        if resource is None or resource.table is None or resource.summary is None:
            continue
        remade.add(name)
        table = resource.table
        hidden = privacy.withheld.get(name, set())
        rows = (
            row
            for record, row in zip(table.records, table.rows, strict=True)
            if record not in hidden
        )
        types = [stats.type for stats in resource.summary.fields]
        if privacy.coarsening and name == "homes":
            types = [
                "string" if field in privacy.coarsening.changed_columns else kind
                for field, kind in zip(table.fields, types, strict=False)
            ]
        resource.summary = summarise_rows(table.fields, types, rows, preview_rows)
    return remade


def _home_facts_beside_the_homes(package: PackageData) -> Iterator[Finding]:
    """Columns that sit beside a home reference outside the homes table and outside the data
    model (an extra column of components, any resource of one's own, whatever its key is
    called): each is
    a fact about a home that the k-anonymity check would not count, so it must move to the
    homes table or be declared non-identifying with the reason."""
    model = contract_schemas()
    for resource in package.resources:
        if resource.name == "homes" or resource.table is None:
            continue
        names = list(resource.table.fields)
        extra_resource = resource.name not in model
        if "home_ref" not in names and not extra_resource:
            continue  # a model table without home refs (the satisfaction measures)
        known = {str(f.get("name")) for f in model.get(resource.name, {}).get("fields", [])} | {
            "home_ref"
        }
        declared = declared_fields(resource.schema.get("fields", []))[0]
        for column in names:
            if column in QUASI_IDENTIFIERS and column in declared:
                declared.discard(column)  # the model's quasi-identifiers cannot be declared
            if column not in known and column not in declared:
                yield Finding(
                    resource.name,
                    None,
                    column,
                    f"a column beside home_ref is a fact about a home, which the k-anonymity "
                    "check counts only in the homes table; move it there, or declare it "
                    f'"{NON_IDENTIFYING}": "<the reason it cannot single out a home>"',
                )


def _rule_findings(package: PackageData) -> Iterator[Finding]:
    judged: dict[tuple[Any, ...], str | None] = {}  # shared: refs repeat across tables
    for resource in package.resources:
        yield from resource_findings(resource, judged)


def resource_findings(
    resource: ResourceData, judged: dict[tuple[Any, ...], str | None] | None = None
) -> Iterator[Finding]:
    """Every breach of the column and cell rules in one resource (its kept rows).

    ``judged`` remembers what each rule said of a value, across the resources of a package.
    """
    if resource.table is None:
        return
    yield from _column_findings(resource)
    yield from _shape_findings(resource, resource.table)
    yield from _cell_findings(resource, resource.table, {} if judged is None else judged)


def _shape_findings(resource: ResourceData, table: Table) -> Iterator[Finding]:
    """Number columns whose values give them away as ids or coordinates, whatever their
    names (:mod:`generator.privacy.number_shapes`)."""
    declared = declared_fields(resource.schema.get("fields", []))[0]
    types = [doc.type for doc in resource.fields]
    shapes = NumberShapes(table.fields, types, skip=declared)
    for position in shapes.watched:  # read lazily: most columns settle at their first value
        shapes.add(position, (row[position] if position < len(row) else None for row in table.rows))
    for column_name, problem in shapes.findings():
        yield Finding(resource.name, None, column_name, problem)


def _column_findings(resource: ResourceData) -> Iterator[Finding]:
    for doc in resource.fields:
        why = banned_column(resource.name, doc.name)
        if why:
            yield Finding(resource.name, None, doc.name, why)
        if resource.name in YEARS_ONLY and doc.type not in ("date", "datetime", "yearmonth"):
            split = _split_date_part(doc.name)
            if split:
                yield Finding(resource.name, None, doc.name, split)
        if doc.type in ("date", "datetime", "yearmonth") and resource.name in YEARS_ONLY:
            yield Finding(
                resource.name,
                None,
                doc.name,
                f"a full {doc.type} identifies events in a household; publish the year only "
                '("type": "year")',
            )


def _split_date_part(column: str) -> str | None:
    """Why a column is a day or a month that, with the year, makes a full date
    (``survey_day``, ``survey_month`` next to ``survey_year``), or None."""
    words = column_words(column)
    if not words or words[-1] not in ("day", "dd", "month", "mm"):
        return None
    return (
        f"a {'day' if words[-1] in ('day', 'dd') else 'month'} in a column of its own, with "
        "the year, makes a full date, which identifies events in a household; publish the "
        "year only"
    )


def _as_text(value: Any) -> str | None:
    """The text the cell rules read: strings as they are, structures as JSON, numbers as
    written; None for values that cannot hold personal data (booleans, years, empties)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(value)


def _cell_findings(
    resource: ResourceData, table: Table, judged: dict[tuple[Any, ...], str | None]
) -> Iterator[Finding]:
    """Every cell that breaks a rule, in row then column order.

    A rule reads one value of one column, so each column is judged once per distinct value
    (a portfolio repeats types, years and refs across a million rows); only the values found
    wanting are looked for again, row by row.
    """
    reviewed = declared_fields(resource.schema.get("fields", []))[1]
    costs = {position for position, name in enumerate(table.fields) if is_cost_column(name)}
    types = [doc.type for doc in resource.fields]
    years_only = resource.name in YEARS_ONLY
    width = len(table.fields)
    columns = list(zip_longest(*table.rows)) if table.rows else []  # short rows: None
    found: list[tuple[int, int, str]] = []  # (row index, column, problem)
    for position, column in enumerate(columns[:width]):
        name = table.fields[position]

        kind = types[position] if position < len(types) else "any"
        flags = (name, kind, years_only, position in costs, name in reviewed)

        def rule(value: Any, flags: tuple[Any, ...] = flags) -> str | None:
            key = (*flags, type(value), value)
            if key not in judged:
                name, kind, years, cost, checked = flags
                judged[key] = _cell_rule(
                    name, kind, value, years_only=years, cost=cost, reviewed=checked
                )
            return judged[key]

        try:
            distinct = set(column)
        except TypeError:  # objects or arrays (JSON tables): judge each cell, unremembered
            found.extend(
                (index, position, problem)
                for index, value in enumerate(column)
                if value is not None
                and (
                    problem := _cell_rule(
                        name,
                        kind,
                        value,
                        years_only=years_only,
                        cost=position in costs,
                        reviewed=name in reviewed,
                    )
                )
            )
            continue
        wanting = {
            value: problem for value in distinct if value is not None and (problem := rule(value))
        }
        if wanting:
            found.extend(
                (index, position, wanting[value])
                for index, value in enumerate(column)
                if value is not None and value in wanting
            )
    found.sort(key=lambda item: (item[0], item[1]))
    for index, position, problem in found:
        yield Finding(resource.name, table.records[index], table.fields[position], problem)


def _cell_rule(
    column: str,
    kind: str,
    value: Any,
    *,
    years_only: bool,
    cost: bool,
    reviewed: bool,
    ids_allowed: bool = False,
) -> str | None:
    """What is wrong with one cell, message included, or None."""
    if cost and isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        if value % 100:
            rounded = int(round(Decimal(value) / 100) * 100)
            return (
                f"£{value:,} is not rounded to £100; publish {rounded} "
                "(exact costs can identify a job at one home)"
            )
        return None
    if years_only and kind in ("integer", "number"):
        serial = serial_date_problem(column, value)
        if serial:
            return serial
    if kind in ("integer", "number") and is_id_column(column) and not ids_allowed:
        whole = isinstance(value, (int, float, Decimal)) and value == int(value)
        if whole and _LONG_NUMBER.match(str(int(value))):
            return f"{int(value)} looks like a UPRN or a system id; publish a random reference"
        return None
    text = _as_text(value)
    if text is None or kind in ("year", "boolean"):
        return None
    if kind in ("integer",) and (ids_allowed or not is_id_column(column)):
        return None
    if isinstance(value, (int, float, Decimal)):  # a measure: only ids and places matter
        problem = number_problem(column, text, ids_allowed=ids_allowed)
        return f"{_shown(text)} {problem}" if problem else None
    problem = cell_problem(column, text, ids_allowed=ids_allowed)
    if problem is None and years_only:
        problem = date_problem(text)
    if problem is None and (cost or "£" in text):
        amount = unrounded_pounds(text)
        if amount is not None:
            problem = f"£{amount:,} is not rounded to £100; round costs to £100"
    if problem is None and isinstance(value, str) and len(value) > FREE_TEXT_LIMIT and not reviewed:
        problem = (
            f"free text of {len(value)} characters (limit {FREE_TEXT_LIMIT}) may hold "
            "personal data; shorten it, or have someone check the column and mark "
            'the field "odx:reviewed": true'
        )
    return f"{_shown(text)} {problem}" if problem else None


def _shown(value: str) -> str:
    text = value if len(value) <= 40 else value[:37] + "…"
    return f"'{text}'"


def quasi_identifiers(
    homes: ResourceData,
) -> tuple[tuple[str, ...], list[tuple[str, str]], list[Finding]]:
    """The quasi-identifiers of a homes table: the model's that it has, then every other
    column but the model's non-identifying ones and those the schema declares
    ``"odx:non-identifying": "<reason>"``. Also returns the declared (column, reason) pairs
    and what is wrong with the declarations."""
    table = homes.table
    names = list(table.fields) if table is not None else [doc.name for doc in homes.fields]
    declared: list[tuple[str, str]] = []
    findings: list[Finding] = []
    given = {
        str(f.get("name")): f[NON_IDENTIFYING]
        for f in homes.schema.get("fields", [])
        if isinstance(f, dict) and NON_IDENTIFYING in f
    }
    for column, reason in given.items():
        if column in QUASI_IDENTIFIERS:
            findings.append(
                Finding(
                    "homes",
                    None,
                    column,
                    f"{column} is a quasi-identifier of the data model (a public register "
                    f"also gives it) and cannot be declared non-identifying; remove "
                    f'"{NON_IDENTIFYING}", and set odx.coarsen: true if its groups are too small',
                )
            )
        elif not isinstance(reason, str) or not reason.strip():
            findings.append(
                Finding(
                    "homes",
                    None,
                    column,
                    f'"{NON_IDENTIFYING}" must be the reason the column cannot single out a '
                    'home, as text (e.g. "a random number drawn for each publication"); it is '
                    "shown on the dataset page",
                )
            )
        elif column in names:
            declared.append((column, " ".join(reason.split())))
    exempt = NOT_QUASI_IDENTIFIERS | {column for column, _ in declared}
    model = [name for name in QUASI_IDENTIFIERS if name in names]
    extra = [name for name in names if name not in QUASI_IDENTIFIERS and name not in exempt]
    return (*model, *extra), declared, findings


def group_sizes(
    homes: Table, columns: tuple[str, ...] = QUASI_IDENTIFIERS
) -> tuple[Counter[tuple[Any, ...]], dict[tuple[Any, ...], list[int]]]:
    """How many homes share each combination of ``columns``, and their rows."""
    positions = [homes.index(name) for name in columns]
    sizes: Counter[tuple[Any, ...]] = Counter()
    members: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for record, row in zip(homes.records, homes.rows, strict=True):
        group = group_key(row, positions)
        sizes[group] += 1
        members[group].append(record)
    return sizes, members


def describe_group(group: tuple[Any, ...], columns: tuple[str, ...] = QUASI_IDENTIFIERS) -> str:
    """A group of quasi-identifier values as readable text."""
    return ", ".join(
        f"{name}={'(empty)' if value is None else value}"
        for name, value in zip(columns, group, strict=True)
    )


def _k_anonymity(
    package: PackageData, privacy: PackagePrivacy, allow_coarsen: bool
) -> list[Finding]:
    homes = package.resource("homes")
    if homes is None or homes.table is None:
        return []
    columns, privacy.declared, findings = quasi_identifiers(homes)
    privacy.quasi_identifiers = columns
    sizes, members = group_sizes(homes.table, columns)
    privacy.group_sizes = sizes
    small = privacy.small_groups
    if not small:
        return findings
    if allow_coarsen:
        as_of = package.profile.as_of_year if package.profile else dt.date.today().year
        privacy.coarsening = coarsen(package, privacy.k, columns, as_of)
        for name, records in privacy.coarsening.withheld.items():
            privacy.withheld[name] |= records
        privacy.published_group_sizes = group_sizes(homes.table, columns)[0]
        return findings
    for group, size in small:
        records = members[group]
        findings.append(
            Finding(
                "homes",
                records[0],
                "k-anonymity",
                f"only {size} home{'s' if size != 1 else ''} share {privacy.describe(group)} "
                f"(k={privacy.k} needed; rows {_rows_text(records)}): so few homes can "
                "identify a household; set odx.coarsen: true in mkdocs.yml to coarsen "
                "published values, or correct the data",
            )
        )
    return findings


def _rows_text(records: list[int]) -> str:
    shown = ", ".join(str(r) for r in records[:5])
    return shown + (f" and {len(records) - 5} more" if len(records) > 5 else "")


# Values that are not texts about anyone: contact addresses of the publisher, addresses of
# web pages, patterns and sizes. Paths are read: a file name is published too.
_NOT_TEXT_KEYS = frozenset(
    {"email", "homepage", "url", "profile", "$schema", "pattern", "bytes", "hash"}
)


def _descriptor_text(package: PackageData, config: SiteConfig, problems: Problems) -> None:
    """Every text of the descriptor is published on the pages of the package, and so are
    the schema and dialect files it refers to: keys and values at any depth, numbers and
    file names (paths) get the cell rules (after the same normalisation). Contact addresses
    (``email``), web addresses and patterns are not texts about a home."""
    documents = [(package.descriptor.path, package.descriptor.data, package.descriptor.lines)]
    seen = {package.descriptor.path}
    for resource in package.resources:
        for path in resource.referenced:
            if path in seen:
                continue
            seen.add(path)
            try:
                referenced = read_descriptor(path)
            except (DocumentError, OSError):  # validation has said what is wrong with it
                continue
            documents.append((path, referenced.data, referenced.lines))
    for path, data, lines in documents:
        _walk_texts(data, (), config.relative(path), lines, problems)


def _walk_texts(
    value: Any,
    where: tuple[str | int, ...],
    shown: str,
    lines: LineIndex,
    problems: Problems,
) -> None:
    """Report every key and value below ``value`` that breaks a cell rule."""
    if isinstance(value, dict):
        for key, inner in value.items():
            text = str(key)
            problem = cell_problem("key", text)
            if problem:
                line = lines.line_of([*where, key])
                problems.add(
                    shown, line, "/".join(map(str, [*where, key])), f"{_shown(text)} {problem}"
                )
            if key not in _NOT_TEXT_KEYS:
                _walk_texts(inner, (*where, key), shown, lines, problems)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _walk_texts(inner, (*where, index), shown, lines, problems)
    elif where and not isinstance(value, bool) and isinstance(value, (str, int, float)):
        text = str(value)
        column = str(where[-1]) if isinstance(where[-1], str) else "value"
        problem = cell_problem(column, text)
        if problem:
            problems.add(
                shown,
                lines.line_of(list(where)),
                "/".join(map(str, where)),
                f"{_shown(text)} {problem}",
            )


def _identifying_corrections(package: PackageData, privacy: PackagePrivacy) -> None:
    """Withhold corrections to quasi-identifiers: a proposed bedroom count or build period
    for one home would single it out of its group. They reach the site when the landlord
    publishes the corrected homes table."""
    corrections = package.resource("corrections")
    if corrections is None or corrections.table is None:
        return
    table = corrections.table
    resource, field_ = table.index("resource"), table.index("field")
    if resource is None or field_ is None:
        return
    withheld = 0
    identifying = set(privacy.quasi_identifiers)
    for record, row in zip(table.records, table.rows, strict=True):
        if row[resource] == "homes" and row[field_] in identifying:
            privacy.withheld["corrections"].add(record)
            withheld += 1
    if withheld:
        privacy.withheld_notes.append(
            (
                "corrections",
                f"{withheld} correction{'s' if withheld != 1 else ''} to the area, type, built "
                "form, bedrooms, build period, heating, EPC, rent type or another "
                "quasi-identifier "
                f"{'are' if withheld != 1 else 'is'} not published as such: the new value would "
                "single out a home. Home pages say a correction exists; the value shows when the "
                "landlord publishes its corrected data.",
            )
        )


def _small_cells(package: PackageData, privacy: PackagePrivacy) -> None:
    """Withhold TSM rows from fewer than MIN_RESPONDENTS respondents, whenever the respondents
    are given: for an area and for the whole landlord (an empty ``area``) alike, as a small
    landlord's own results come from as few households as a small area's."""
    satisfaction = package.resource("satisfaction")
    if satisfaction is None or satisfaction.table is None:
        return
    table = satisfaction.table
    area, respondents = table.index("area"), table.index("respondents")
    if respondents is None:
        return
    withheld = Counter[str]()
    for record, row in zip(table.records, table.rows, strict=True):
        count = row[respondents]
        if isinstance(count, int) and not isinstance(count, bool) and count < MIN_RESPONDENTS:
            privacy.withheld["satisfaction"].add(record)
            withheld["area" if area is not None and row[area] else "landlord"] += 1
    if withheld:
        privacy.withheld_notes.append(("satisfaction", _small_cells_note(withheld)))


def _small_cells_note(withheld: Counter[str]) -> str:
    """What the satisfaction page says about the results :func:`_small_cells` withheld."""
    total = sum(withheld.values())
    where = {"area": "for small areas", "landlord": "for the landlord as a whole"}
    parts = [f"{withheld[kind]} {where[kind]}" for kind in ("area", "landlord") if withheld[kind]]
    if len(parts) == 1:
        (kind,) = [kind for kind in ("area", "landlord") if withheld[kind]]
        counted = f"{total} satisfaction result{'s' if total != 1 else ''} {where[kind]}"
    else:
        counted = f"{total} satisfaction results ({' and '.join(parts)})"
    return (
        f"{counted} {'were' if total != 1 else 'was'} withheld: fewer than {MIN_RESPONDENTS} "
        "tenants answered, so answers could be traced to a household."
    )
