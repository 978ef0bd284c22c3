"""What a column says about homes, read from its name and from its values.

A table about individual homes gives itself away even when its columns are renamed: a key
that differs on every row (``id``, ``property_code``, ``asset``, ``H0001``...) beside
columns whose values are EPC bands, property types, built forms, postcode sectors or
districts, build periods, heating systems, tenures or bedroom counts. This module knows the
words and the value shapes; :mod:`generator.privacy.home_level` weighs them for a table.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from generator.privacy.columns import column_words, is_id_column

BEDROOMS = "bedrooms"
PROPERTY_TYPE = "property type"
BUILT_FORM = "built form"
BUILD_PERIOD = "build period"
AREA = "postcode sector or district"
EPC = "EPC band"
HEATING = "heating"
TENURE = "tenure or rent type"
HOUSEHOLD = "household"

# Column names (words joined, lower case) that say what housing fact a column holds.
_NAMED_FACTS = {
    **dict.fromkeys(
        (
            "bedrooms",
            "bedroom",
            "beds",
            "bedroomcount",
            "bedroomscount",
            "numbedrooms",
            "numberofbedrooms",
            "noofbedrooms",
            "nobedrooms",
            "bedcount",
            "bedsize",
            "bedspaces",
        ),
        BEDROOMS,
    ),
    **dict.fromkeys(
        (
            "propertytype",
            "dwellingtype",
            "housetype",
            "hometype",
            "buildingtype",
            "accommodationtype",
            "propertyarchetype",
            "archetype",
        ),
        PROPERTY_TYPE,
    ),
    **dict.fromkeys(("builtform", "buildform", "propertyform", "dwellingform"), BUILT_FORM),
    **dict.fromkeys(
        (
            "buildperiod",
            "ageband",
            "constructionageband",
            "constructionperiod",
            "builtperiod",
            "propertyage",
            "dwellingage",
            "yearbuilt",
            "buildyear",
            "builtyear",
            "constructionyear",
        ),
        BUILD_PERIOD,
    ),
    **dict.fromkeys(("postcodesector", "postcodedistrict", "postcodearea"), AREA),
    **dict.fromkeys(
        (
            "epc",
            "epcband",
            "epcrating",
            "epcgrade",
            "energyrating",
            "energyband",
            "currentenergyrating",
            "energyefficiencyband",
            "eerband",
        ),
        EPC,
    ),
    **dict.fromkeys(
        ("heating", "heatingtype", "mainheating", "mainheatingtype", "heatingsystem", "mainfuel"),
        HEATING,
    ),
    **dict.fromkeys(
        ("tenure", "tenuretype", "tenancy", "tenanttype", "renttype", "rentregime"), TENURE
    ),
    **dict.fromkeys(("occupants", "household", "householdsize", "householdtype"), HOUSEHOLD),
}
# Names whose small whole numbers (0 to 7) count a home's rooms.
_ROOM_WORDS = frozenset(
    {"bedrooms", "bedroom", "beds", "bed", "rooms", "room", "bedrms", "bedspaces"}
)
MAX_ROOMS = 7

# A key: a reference, an id, a code or a hash; or a bare word for a home or an asset.
_KEY_ENDINGS = frozenset({"code", "key", "hash", "uid", "uuid", "guid", "identifier"})
_HOME_WORDS = frozenset(
    {"home", "homes", "property", "dwelling", "house", "flat", "unit", "asset", "uprn"}
)
_BARE_HOME_KEYS = frozenset({"home", "property", "dwelling", "asset", "uprn"})
# Numbers about groups of homes: a column so named with a value above 1 makes a table of
# figures about groups, whatever else it holds.
_COUNT_WORDS = frozenset(
    {
        "count",
        "counts",
        "total",
        "totals",
        "sum",
        "n",
        "frequency",
        "freq",
        "tally",
        "quantity",
        "qty",
        "value",
        "homes",
        "households",
        "properties",
        "dwellings",
        "units",
        "stock",
    }
)

# Values that say nothing: not counted either way.
BLANKS = frozenset(
    {
        "",
        "-",
        "n/a",
        "na",
        "none",
        "null",
        "unknown",
        "not known",
        "not recorded",
        "no data",
        "other",
        "not applicable",
        "not-applicable",
    }
)

_TYPE_WORDS = frozenset(
    {
        "house",
        "flat",
        "bungalow",
        "maisonette",
        "bedsit",
        "studio",
        "apartment",
        "cottage",
        "townhouse",
        "penthouse",
        "duplex",
    }
)
_TYPE_PHRASES = frozenset({"park home", "mobile home", "bed sit", "bedsit flat", "room"})
_FORM_WORDS = frozenset(
    {"detached", "semi", "terraced", "terrace", "mid", "end", "enclosed", "link", "linked"}
)
_TYPE_QUALIFIERS = _FORM_WORDS | frozenset(
    {"purpose", "built", "converted", "low", "high", "rise", "block", "of", "ground", "floor"}
)
_TENURES = frozenset(
    {
        "social rent",
        "social rented",
        "affordable rent",
        "affordable rented",
        "intermediate rent",
        "living rent",
        "london affordable rent",
        "market rent",
        "private rent",
        "private rented",
        "rented social",
        "rented private",
        "shared ownership",
        "shared equity",
        "rent to buy",
        "leasehold",
        "freehold",
        "owner occupied",
        "owner occupier",
        "general needs",
        "supported housing",
        "sheltered",
        "sheltered housing",
        "extra care",
        "housing for older people",
        "temporary accommodation",
        "social",
        "affordable",
        "intermediate",
        "supported",
    }
)
_FUELS = frozenset(
    {"gas", "mains gas", "electric", "electricity", "oil", "lpg", "biomass", "coal", "district"}
)
_HEATING = re.compile(
    r"\b(boiler|heat pump|storage heat|district heat|communal heat|community heat|"
    r"underfloor|warm air|room heaters?|electric storage|gas fired|oil fired|solid fuel)"
)
_PERIOD = re.compile(
    r"^(?:england and wales: ?)?"
    r"(?:(?:before|pre|up to|until) ?(?P<before>1[6-9]\d\d|20[0-3]\d)"
    r"|(?P<start>1[6-9]\d\d|20[0-3]\d) ?(?:to )?(?P<end>1[6-9]\d\d|20[0-3]\d)"
    r"|(?:post|after|since) ?(?P<after>1[6-9]\d\d|20[0-3]\d)"
    r"|(?P<onwards>1[6-9]\d\d|20[0-3]\d) ?(?:onwards|and later|or later|\+))$"
)
# The letters that start a postcode: the postcode areas of the UK and Crown dependencies.
_AREA_LETTERS = (
    "AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL "
    "DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW "
    "KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM "
    "S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN "
    "WR WS WV YO ZE"
)
POSTCODE_AREAS = frozenset(_AREA_LETTERS.split())
_DISTRICT = re.compile(r"^(?P<area>[A-Z]{1,2})[0-9][0-9A-Z]?(?: ?[0-9])?$")
_SEPARATORS = re.compile(r"[\s_/,()-]+")


@lru_cache(maxsize=4_096)
def fact_named(column: str) -> str | None:
    """The housing fact a column's name says it holds (``beds``, ``dwelling_type``,
    ``energy_rating``, ``age_band``...), or None."""
    return _NAMED_FACTS.get("".join(column_words(column)))


@lru_cache(maxsize=4_096)
def rooms_named(column: str) -> bool:
    """Whether a column is named like a count of rooms (``beds``, ``rooms``, ``bed_count``)."""
    return bool(_ROOM_WORDS.intersection(column_words(column)))


@lru_cache(maxsize=4_096)
def key_named(column: str) -> bool:
    """Whether a column is named like a key: a reference or id (``id``, ``asset_ref``), a code,
    key or hash (``property_code``, ``uprn_hash``), or a bare home (``home``, ``asset``)."""
    words = column_words(column)
    if not words:
        return False
    return (
        is_id_column(column)
        or words[-1] in _KEY_ENDINGS
        or "".join(words) in _BARE_HOME_KEYS
        or "uprn" in words
    )


@lru_cache(maxsize=4_096)
def home_reference_named(column: str) -> bool:
    """Whether a column is named as a reference to a home (``property_ref``, ``HomeID``,
    ``property_code``, ``home``, ``asset``)."""
    words = column_words(column)
    if "".join(words) in _BARE_HOME_KEYS:
        return True
    return key_named(column) and bool(_HOME_WORDS.intersection(words[:-1]))


@lru_cache(maxsize=4_096)
def count_named(column: str) -> bool:
    """Whether a column is named like a number of things (``count``, ``homes``,
    ``number_of_homes``, ``total_units``), not of rooms (``bedroom_count``)."""
    words = column_words(column)
    if rooms_named(column) or fact_named(column):
        return False
    return bool(words) and (
        bool(_COUNT_WORDS.intersection(words)) or (words[0] == "number" and len(words) > 1)
    )


def blank(value: Any) -> bool:
    """Whether a value says nothing (empty, ``n/a``, ``unknown``...)."""
    return value is None or (isinstance(value, str) and value.strip().lower() in BLANKS)


def fact_of_value(value: Any, rooms: bool) -> str | None:
    """The housing fact one value reads as, or None: an EPC band, a property type, a built
    form, a postcode sector or district, a build period, a heating system, a tenure; with
    ``rooms`` (the column is named like a count of rooms), a small whole number too."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return BEDROOMS if rooms and value == int(value) and 0 <= value <= MAX_ROOMS else None
    if not isinstance(value, str) or len(value) > 60:
        return None
    return _fact_of_text(value.strip(), rooms)


@lru_cache(maxsize=16_384)
def _fact_of_text(text: str, rooms: bool) -> str | None:
    if rooms and text.isascii() and text.isdigit() and int(text) <= MAX_ROOMS:
        return BEDROOMS
    district = _DISTRICT.match(text.upper())
    if district and district.group("area") in POSTCODE_AREAS and text[0].isalpha():
        return AREA
    plain = _SEPARATORS.sub(" ", text.lower()).strip()
    if not plain:
        return None
    band = plain.removeprefix("band ").removeprefix("epc ")
    if len(band) == 1 and "a" <= band <= "g":
        return EPC
    words = plain.split()
    if plain in _TYPE_PHRASES or (
        words[-1] in _TYPE_WORDS and all(w in _TYPE_QUALIFIERS | _TYPE_WORDS for w in words)
    ):
        return PROPERTY_TYPE
    if all(w in _FORM_WORDS for w in words) and {"detached", "terraced", "terrace"} & set(words):
        return BUILT_FORM
    if plain in _TENURES:
        return TENURE
    if plain in _FUELS or _HEATING.search(plain):
        return HEATING
    period = _PERIOD.match(plain)
    if period and (not period["start"] or int(period["end"]) - int(period["start"]) >= 3):
        return BUILD_PERIOD  # a span of a few years at least: "2019-2020" is a time, not an age
    return None
