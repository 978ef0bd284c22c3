"""How to cite something the site publishes: one :class:`Citation`, four forms of it.

A dataset page and an Insights post each offer a suggested citation to read and three files
to download: ``citation.cff`` (Citation File Format, YAML), ``citation.bib`` (BibTeX) and
``citation.ris`` (RIS). Every value comes from contributors (descriptors, front matter), so
each format escapes it its own way and no value can start a new line, field or entry:

* CFF is written with ``yaml.safe_dump``, which quotes what YAML would read otherwise,
  and leaves out a value the format's schema would refuse (an empty name, a DOI or
  address it cannot hold), so every file is valid CFF 1.2.0;
* BibTeX values are braced, with ``{ } \\ % & $ # _ ^ ~`` escaped and white space collapsed,
  so a title can never close its field or open an ``@entry`` (braces become
  ``\\textbraceleft{}`` and ``\\textbraceright{}``: BibTeX counts even escaped braces);
* RIS has one tag per line; white space (line breaks included) in a value becomes one space
  and other control characters are dropped.

The files hold only what the page already shows (title, people, date, version, publisher,
address, DOI), never rows of data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote

import yaml

FORMATS = ("cff", "bib", "ris")  # file extensions, in the order the page offers them
CFF_VERSION = "1.2.0"
DOI_PREFIX = "https://doi.org/"
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_CFF_DOI = re.compile(r"^10\.\d{4,9}(\.\d+)?/[A-Za-z0-9:/_;\-.()\[\]\\]+$")  # the schema's
_CFF_URL = re.compile(r"^(https|http|ftp|sftp)://.+")  # the schema's own patterns
_URL_SAFE = ":/?#[]@!$&'()*+,;=%-._"  # what an address keeps; braces, backslashes, spaces go


@dataclass(frozen=True, slots=True)
class Person:
    """An author of what is cited: a person, or an organisation (cited by its whole name)."""

    name: str
    organisation: bool = False


@dataclass(frozen=True, slots=True)
class Citation:
    """What a citation says. ``kind`` is ``dataset`` or ``post``; ``url`` is absolute (or
    empty when the site's address is not configured); ``doi`` is bare (``10.…/…``)."""

    kind: str
    key: str  # a name for the entry (the dataset's or post's slug)
    title: str
    authors: tuple[Person, ...]
    date: dt.date | None
    publisher: str
    url: str = ""
    version: str = ""
    doi: str = ""


def one_line(text: str) -> str:
    """``text`` on one line: any run of white space (line breaks too) is one space, and
    other control characters are dropped."""
    return _CONTROL.sub("", " ".join(str(text).split()))


def doi_of(value: object) -> str:
    """The bare DOI in ``doi:10.…``, ``https://doi.org/10.…`` or ``10.…``, else ``""``."""
    text = str(value or "").strip()
    for prefix in ("doi:", "https://doi.org/", "http://doi.org/", "https://dx.doi.org/"):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
            break
    return text if _DOI.match(text) and not _CONTROL.search(text) else ""


def file_name(extension: str) -> str:
    """The file a citation is published as, beside the page it cites."""
    return f"citation.{extension}"


def files(citation: Citation) -> dict[str, bytes]:
    """Every citation file, by extension."""
    return {"cff": cff(citation), "bib": bibtex(citation), "ris": ris(citation)}


def text(citation: Citation) -> str:
    """The citation as a reader copies it, e.g. ``Riverside Homes (2026). Homes (version 2)
    [Data set]. Open Data Exchange. https://doi.org/10.…``."""
    names = ", ".join(one_line(person.name) for person in citation.authors)
    year = str(citation.date.year) if citation.date else "n.d."
    parts = [f"{names} ({year})." if names else f"({year})."]
    title = one_line(citation.title)
    if citation.version:
        title += f" (version {one_line(citation.version)})"
    title += " [Data set]." if citation.kind == "dataset" else " [Blog post]."
    parts.append(title)
    if citation.publisher:
        parts.append(one_line(citation.publisher) + ".")
    link = _address(citation)
    if link:
        parts.append(link)
    return " ".join(parts)


def _address(citation: Citation) -> str:
    """Where the cited thing is: its DOI when it has one, else its page."""
    return DOI_PREFIX + citation.doi if citation.doi else _url(citation.url)


def _url(url: str) -> str:
    return quote(one_line(url).replace(" ", ""), safe=_URL_SAFE)


def cff(citation: Citation) -> bytes:
    """``CITATION.cff``: the Citation File Format (1.2.0), as YAML, valid against the
    format's schema whatever the contributors wrote: a value the schema would refuse (an
    empty name or version, a DOI with characters it does not allow, an address that is
    not ``http(s)`` or ``(s)ftp``) is left out, and an empty title becomes the key."""
    authors = [person for person in map(_cff_person, citation.authors) if person] or [
        {"name": one_line(citation.publisher) or "Unknown"}
    ]
    data: dict[str, object] = {
        "cff-version": CFF_VERSION,
        "message": f"If you use this {_noun(citation)}, please cite it as below.",
        "title": one_line(citation.title) or one_line(citation.key) or _noun(citation),
        "authors": authors,
    }
    if citation.kind == "dataset":
        data["type"] = "dataset"
    if one_line(citation.version):
        data["version"] = one_line(citation.version)
    if citation.date:
        data["date-released"] = citation.date.isoformat()
    if _CFF_DOI.match(citation.doi):
        data["doi"] = citation.doi
    if _CFF_URL.match(_url(citation.url)):
        data["url"] = _url(citation.url)
    reference: dict[str, object] = {
        "type": "data" if citation.kind == "dataset" else "blog",
        "title": data["title"],
        "authors": [dict(person) for person in authors],  # a copy: no YAML alias
    }
    if one_line(citation.publisher):
        reference["publisher"] = {"name": one_line(citation.publisher)}
    for name in ("version", "doi", "url"):
        if name in data:
            reference[name] = data[name]
    if citation.date:
        reference["year"] = citation.date.year
    data["preferred-citation"] = reference
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    return dumped.encode("utf-8")


def _noun(citation: Citation) -> str:
    return "dataset" if citation.kind == "dataset" else "post"


def _cff_person(person: Person) -> dict[str, str]:
    """A CFF person (given and family names) or entity (one name); empty for a name that
    is only white space or control characters."""
    name = one_line(person.name)
    if not name:
        return {}
    if not person.organisation:
        if "," in name:
            family, _, given = name.partition(",")
            if family.strip() and given.strip():
                return {"family-names": family.strip(), "given-names": given.strip()}
        given, _, family = name.rpartition(" ")
        if given and family:
            return {"family-names": family, "given-names": given}
    return {"name": name}


def bibtex(citation: Citation) -> bytes:
    """A BibTeX ``@misc`` entry (the type every style knows) for the citation."""
    fields = [("title", _bib(citation.title))]
    if citation.authors:
        fields.append(("author", " and ".join(_bib_person(p) for p in citation.authors)))
    if citation.date:
        fields.append(("year", str(citation.date.year)))
    if citation.version:
        fields.append(("version", _bib(citation.version)))
    if citation.publisher:
        fields.append(("publisher", _bib(citation.publisher)))
        fields.append(("howpublished", _bib(citation.publisher)))
    if citation.doi:
        fields.append(("doi", _bib_address(citation.doi)))
    if citation.url:
        fields.append(("url", _bib_address(_url(citation.url))))
    fields.append(("note", "Data set" if citation.kind == "dataset" else "Blog post"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{_bib_key(citation)},\n{body}\n}}\n".encode()


def _bib(value: str) -> str:
    """A value safe inside a braced BibTeX field: on one line, TeX's specials escaped."""
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in one_line(value))


def _bib_address(value: str) -> str:
    """An address or DOI in a BibTeX field: read verbatim, so only what could end the
    field (braces, backslashes) is percent-encoded."""
    return quote(one_line(value), safe=_URL_SAFE)


def _bib_person(person: Person) -> str:
    """One name of the ``author`` field; an organisation's name is braced so BibTeX does
    not split it into given and family names (nor at an ``and`` inside it)."""
    name = _bib(person.name)
    return f"{{{name}}}" if person.organisation or " and " in f" {name} " else name


def _bib_key(citation: Citation) -> str:
    """The entry's key: letters, digits, ``-`` and ``_`` of the slug, and the year."""
    key = re.sub(r"[^A-Za-z0-9_-]+", "-", citation.key).strip("-") or citation.kind
    return f"{key}-{citation.date.year}" if citation.date else key


def ris(citation: Citation) -> bytes:
    """A RIS record (``TY`` ``DATA`` for a dataset, ``BLOG`` for a post), lines ending in
    CRLF as the format asks."""
    lines = [("TY", "DATA" if citation.kind == "dataset" else "BLOG")]
    lines.extend(("AU", person.name) for person in citation.authors)
    lines.append(("TI", citation.title))
    if citation.date:
        lines.append(("PY", str(citation.date.year)))
        lines.append(("DA", citation.date.strftime("%Y/%m/%d/")))
    if citation.version:
        lines.append(("ET", citation.version))
    if citation.publisher:
        lines.append(("PB", citation.publisher))
    if citation.doi:
        lines.append(("DO", citation.doi))
    if citation.url:
        lines.append(("UR", _url(citation.url)))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines).encode("utf-8")
