"""People's names in text: a title and a name ("Mr Smith", "MRS JONES", "cllr jones") or a
common given name beside a capitalised word ("John Smith", "Smith, John").

The text is read as :func:`generator.privacy.normalise.normalised` leaves it. Both rules
are regular expressions that start only at the start of a word and look at most three
words ahead, so they take time in proportion to the text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# Titles as they are written before a surname. Those that are also ordinary lower-case
# words ("miss", "lady", "lord", "rev"...) count only when capitalised or in capitals, and
# only before a capitalised name; the others also in lower case and before any word.
TITLES = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Mister",
    "Prof",
    "Professor",
    "Rev",
    "Revd",
    "Reverend",
    "Fr",
    "Cllr",
    "Councillor",
)
# Titles that also start the names of places and things ("Lord Street", "Lady Lane",
# "Master Bedroom"): not followed by a street, place or room word.
PLACE_TITLES = ("Sir", "Dame", "Lady", "Lord", "Master")
LOWER_CASE_TITLES = ("mr", "mrs", "ms", "mx", "dr", "mister", "prof", "revd", "cllr")

# Words that end a street name: "12 Acacia Avenue" is an address.
STREET_WORDS = (
    "Road",
    "Rd",
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Lane",
    "Ln",
    "Close",
    "Drive",
    "Dr",
    "Court",
    "Ct",
    "Crescent",
    "Cres",
    "Terrace",
    "Tce",
    "Gardens",
    "Gdns",
    "Grove",
    "Place",
    "Pl",
    "Way",
    "Walk",
    "Row",
    "Square",
    "Sq",
    "Mews",
    "Hill",
    "Rise",
    "View",
    "Parade",
    "Vale",
    "Croft",
    "Wynd",
    "Boulevard",
    "Approach",
    "Embankment",
)
_FUNCTION_WORDS = frozenset(
    ("and", "or", "of", "the", "in", "on", "at", "to", "for", "with", "from", "by")
)
# Words that, after a given name, make a place, a building or a body rather than a person
# ("George Street", "Albert Dock", "Elizabeth House"). Words that are also common surnames
# (Hill, Lane, Green, Hall, Wood, Park...) are not among them: "Peter Hill" is a person.
_PLACE_WORDS = frozenset(
    word.lower()
    for word in (
        *(word for word in STREET_WORDS if word not in ("Hill", "Lane")),
        *("House", "Lodge", "Cottage", "Farm", "Manor", "Estate", "Centre", "Center"),
        *("School", "College", "Academy", "University", "Hospital", "Chapel", "Cathedral"),
        *("Station", "Airport", "Library", "Museum", "Gallery", "Theatre", "Tower", "Towers"),
        *("Building", "Buildings", "Block", "Market", "Town", "City", "Village", "Island"),
        *("Islands", "Isle", "Bay", "Valley", "Falls", "Point", "Port", "Dock", "Docks"),
        *("Quay", "Wharf", "Harbour", "Beach", "Coast", "Heights", "Trust", "Foundation"),
        *("Association", "Housing", "Homes", "Group", "Council", "Ltd", "Limited", "Plc"),
        *("Partnership", "Society", "Fund", "Award", "Prize", "Memorial", "Day"),
    )
)
_ROOMS_AND_FITTINGS = frozenset(("bedroom", "bathroom", "suite", "key", "switch", "plan", "meter"))
_NOT_SURNAMES = _PLACE_WORDS | _FUNCTION_WORDS | _ROOMS_AND_FITTINGS
# Words before a given name that make it part of a place ("St John Street", "Port Louis").
_PLACE_BEFORE = re.compile(
    r"\b(?:Saint|St|Ste|San|Santa|Sao|São|Port|Fort|Lake|Mount|Mt|Cape|King|Queen|Prince"
    r"|Princess)\.?\s+$"
)


def _none_of(words: frozenset[str]) -> str:
    """A lookahead that refuses any of ``words``, in any case, as a whole word."""
    return rf"(?!(?i:{'|'.join(sorted(words, key=len, reverse=True))})\b)"


def _titled(titles: tuple[str, ...], refused: frozenset[str]) -> str:
    """A title of ``titles`` and a name: capitalised and a capitalised name ("Mr Smith",
    "Mr SMITH"), or both in capitals ("MR SMITH"; "MS Excel" is not a name)."""
    upper = "|".join(title.upper() for title in titles)
    return (
        rf"(?:{'|'.join(titles)})\.?\s+{_none_of(refused)}[A-Z][\w'-]*"
        rf"|(?:{upper})\.?\s+{_none_of(refused)}[A-Z][A-Z'-]*(?![a-z])"
    )


_TITLED_NAME = re.compile(
    r"\b(?:"
    # Mr Smith, Mr SMITH, MR SMITH, Prof. O'Brien
    rf"{_titled(TITLES, _FUNCTION_WORDS)}"
    # Sir Alan, LADY JANE, not Lord Street or Master Bedroom
    rf"|{_titled(PLACE_TITLES, _NOT_SURNAMES | {w.lower() for w in STREET_WORDS})}"
    # mrs jones, mr Smith, Mrs jones
    rf"|(?:{'|'.join(t for title in LOWER_CASE_TITLES for t in (title, title.capitalize()))})"
    rf"\.?\s+{_none_of(_FUNCTION_WORDS)}[^\W\d_][\w'-]*"
    r")"
)
# A capitalised word (or one in capitals) and the next one ("John Smith"), or a capitalised
# word, a comma and a word that ends there ("Smith, John"), looked for at the start of every
# word: the match is empty so that "Kitchen John Smith" is read as "Kitchen John" and
# "John Smith" both. Which word must be a given name is decided in Python.
_WORD = r"[A-Z][A-Za-z']+(?:-[A-Z][A-Za-z']+)?"
_NAME_PAIR = re.compile(
    r"(?<![\w'-])(?="
    rf"([A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{{2,}}(?:-[A-Z]{{2,}})?)\s+(?:[A-Z]\.?\s+)?({_WORD})"
    rf"(?![\w'-])|({_WORD}),\s*([A-Z][a-z]+|[A-Z]{{2,}})(?![\w'-]))"
)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The common given names of ``given_names.txt`` (see its header for the source)."""
    text = resources.files("generator.privacy").joinpath("given_names.txt").read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def titled_name(text: str) -> bool:
    """Whether ``text`` holds a title and a name: "Mr Smith", "MRS JONES", "mrs jones",
    "Cllr Jones", "Prof. O'Brien" (not "Master Bedroom" or "Lord Street")."""
    return _TITLED_NAME.search(text) is not None


def full_name(text: str) -> bool:
    """Whether ``text`` holds a common given name and a surname, either way round: "John
    Smith", "JOHN SMITH", "John A. Smith", "Mary-Jane Smith", "Smith, John" (not "George
    Street", "St John Street" or "Elizabeth House")."""
    if text.islower():  # no capital letter: no name of this kind
        return False
    names = given_names()
    for match in _NAME_PAIR.finditer(text):
        given, surname, inverted_surname, inverted_given = match.groups()
        if given is None:
            if inverted_given.capitalize() in names and not _not_a_surname(inverted_surname):
                return True
        elif (
            any(part.capitalize() in names for part in given.split("-"))
            and not _not_a_surname(surname)
            and not _PLACE_BEFORE.search(text, max(0, match.start() - 12), match.start())
        ):
            return True
    return False


def _not_a_surname(word: str) -> bool:
    return word.lower() in _NOT_SURNAMES
