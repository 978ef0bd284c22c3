"""Column names that give away a person or an address, judged by their words."""

from __future__ import annotations

import re
from functools import lru_cache

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
    "dateofbirth",  # and the other parts of a birth date: birth_date, birthday, DayOfBirth,
    "birthdate",  # year_of_birth, BirthMonth (not "births", a count of them)
    "birthday",
    "dayofbirth",
    "monthofbirth",
    "yearofbirth",
    "birthmonth",
    "birthyear",
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
    {
        "postcode",
        "lat",
        "lon",
        "lng",
        "dob",
        "yob",
        "born",  # date_born, born_on (not "stubborn" or "borne")
        "tenant",
        "tenants",
        "sap",
        "resident",
        "contact",
    }
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
    **dict.fromkeys(
        (
            "dateofbirth",
            "birthdate",
            "birthday",
            "dayofbirth",
            "monthofbirth",
            "yearofbirth",
            "birthmonth",
            "birthyear",
            "dob",
            "yob",
            "born",
        ),
        "a date of birth (or its day, month or year) is personal data and tells a person's age",
    ),
}

_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")


LOCATION_WORDS = frozenset(
    {"lat", "lon", "lng", "x", "y", "coord", "coords", "coordinates", "geo", "location", "point"}
)
# A column named with one of these words names places, whose names are often a given name
# and another word ("Charlotte Amalie", "George Town"): not read for people's names.
PLACE_NAME_WORDS = frozenset(
    {
        "capital",
        "capitals",
        "city",
        "cities",
        "town",
        "towns",
        "village",
        "county",
        "country",
        "countries",
        "parish",
        "borough",
        "ward",
        "settlement",
        "locality",
        "placename",
    }
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
