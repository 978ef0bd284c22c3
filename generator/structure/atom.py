"""Atom 1.0 feeds, written the same way for every feature that has one: the Insights, each
dataset's changes and the catalogue's new and updated datasets.

A feed is a plain value (:class:`Feed`, its :class:`Entry` values) with absolute URLs;
:func:`atom` writes it. Every text is XML-escaped by the writer and loses the characters XML
1.0 cannot hold (control characters from a commit message, say), so untrusted text cannot
break the document.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class Entry:
    """One entry; ``content`` is HTML shown with ``xml:base`` at ``link``."""

    id: str
    title: str
    updated: dt.date | dt.datetime
    link: str
    published: dt.date | dt.datetime | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    summary: str = ""
    content: str | None = None


@dataclass(frozen=True)
class Feed:
    """A whole feed: ``url`` is where it is published, ``page`` the page it follows; the
    feed's author is ``author`` (the site) and entries name their own only when they have
    any."""

    id: str
    title: str
    url: str
    page: str
    author: str
    updated: dt.date | dt.datetime
    entries: tuple[Entry, ...]


def atom(feed: Feed) -> bytes:
    """The Atom document of ``feed``, UTF-8 with an XML declaration."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _text(root, "id", feed.id)
    _text(root, "title", feed.title)
    _text(root, "updated", timestamp(feed.updated))
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=feed.url)
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", href=feed.page)
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", feed.author)
    for item in feed.entries:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(entry, "id", item.id)
        _text(entry, "title", item.title)
        if item.published is not None:
            _text(entry, "published", timestamp(item.published))
        _text(entry, "updated", timestamp(item.updated))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=item.link)
        for name in item.authors:
            person = ET.SubElement(entry, f"{{{ATOM}}}author")
            _text(person, "name", name)
        for term in item.categories:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=_NOT_XML.sub("", term))
        if item.summary:
            _text(entry, "summary", item.summary)
        if item.content is not None:
            content = _text(entry, "content", item.content)
            content.set("type", "html")
            content.set("{http://www.w3.org/XML/1998/namespace}base", item.link)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = _NOT_XML.sub("", text)  # characters XML 1.0 cannot hold
    return element


def timestamp(moment: dt.date | dt.datetime) -> str:
    """An RFC 3339 date-time: a day is its midnight in UTC."""
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{moment.isoformat()}T00:00:00Z"
