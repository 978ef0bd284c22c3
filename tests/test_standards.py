"""Every Atom feed and every CITATION.cff the sample site writes is valid against the
standard's own schema (RFC 4287's RELAX NG grammar, the Citation File Format 1.2.0 JSON
Schema), and the checks reject the faults planted here, so they cannot pass vacuously."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import etree
from standards import ATOM, atom_problems, cff_problems

from generator.core import citation as cite
from generator.structure.atom import Entry, Feed, atom

SITE_URL = "https://example.org/odx/"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The sample site, built from a committed copy so each dataset has a feed."""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    from browser import build_sample

    return build_sample(tmp_path_factory.mktemp("standards"), SITE_URL, committed=True)


def dataset_names(site: Path) -> list[str]:
    """The datasets the site lists (its catalogue as JSON)."""
    listed = json.loads((site / "datasets/index.json").read_bytes())["datasets"]
    return sorted(dataset["name"] for dataset in listed)


def a_feed(**entry: object) -> bytes:
    """A feed the writer makes, with one entry of hostile text (and ``entry``'s changes)."""
    values: dict[str, object] = {
        "id": f"{SITE_URL}insights/a/",
        "title": "A & <b>\x01title\x1b[31m</b>",
        "updated": dt.date(2026, 1, 5),
        "link": f"{SITE_URL}insights/a/",
        "published": dt.datetime(2026, 1, 4, 9, 30),
        "authors": ("Amina Rahman",),
        "categories": ("rents & <repairs>",),
        "summary": "Short\x0c.",
        "content": "<p>Hi <script>alert(1)</script></p>",
    } | entry
    return atom(
        Feed(
            id=f"{SITE_URL}insights/",
            title="Insights",
            url=f"{SITE_URL}insights/feed.xml",
            page=f"{SITE_URL}insights/",
            author="Test site",
            updated=dt.date(2026, 1, 5),
            entries=(Entry(**values),),  # type: ignore[arg-type]
        )
    )


def edited(data: bytes, change) -> bytes:
    """``data`` with ``change`` made to its parsed tree."""
    root = etree.fromstring(data)
    change(root, {"atom": ATOM})
    return etree.tostring(root)


def test_every_feed_of_the_sample_site_is_valid_atom(sample):
    feeds = sorted(path.relative_to(sample).as_posix() for path in sample.rglob("*.xml"))
    datasets = dataset_names(sample)
    expected = ["insights/feed.xml", "datasets/feed.xml"]
    expected += [f"datasets/{slug}/feed.xml" for slug in datasets]
    assert datasets and set(expected) <= set(feeds)
    for name in feeds:
        if name != "sitemap.xml":
            assert atom_problems((sample / name).read_bytes()) == [], name


def test_the_feed_writer_makes_valid_atom_of_hostile_text():
    assert atom_problems(a_feed()) == []
    assert atom_problems(a_feed(published=None, authors=(), summary="", content=None)) == []


def test_an_entry_without_updated_is_rejected():
    def drop(root, names):
        for element in root.xpath("//atom:entry/atom:updated", namespaces=names):
            element.getparent().remove(element)

    problems = atom_problems(edited(a_feed(), drop))
    assert problems and any("entry" in problem for problem in problems)


def test_a_date_that_is_not_an_rfc_3339_date_time_is_rejected():
    def reword(root, names):
        root.xpath("//atom:entry/atom:updated", namespaces=names)[0].text = "5 January 2026"

    assert atom_problems(edited(a_feed(), reword))


def test_an_entry_without_an_author_in_a_feed_without_one_is_rejected():
    def drop(root, names):
        for element in root.xpath("//atom:author", namespaces=names):
            element.getparent().remove(element)

    assert atom_problems(edited(a_feed(), drop)) == [
        "line 1: An atom:feed must have an atom:author unless all of its atom:entry children"
        " have an atom:author.",
        "line 1: An atom:entry must have an atom:author if its feed does not.",
    ]


def test_an_entry_with_neither_an_alternate_link_nor_content_is_rejected():
    feed = a_feed(content=None)

    def drop(root, names):
        for element in root.xpath("//atom:entry/atom:link", namespaces=names):
            element.getparent().remove(element)

    assert "An atom:entry must have at least one atom:link element" in " ".join(
        atom_problems(edited(feed, drop))
    )


def test_a_relative_link_is_rejected():
    """The RFC's grammar takes any text as an address; the absolute check is ours."""
    problems = atom_problems(a_feed(link="/insights/a/"))
    assert "not an absolute address: '/insights/a/'" in problems


def test_every_citation_file_of_the_sample_site_is_valid_cff(sample):
    files = sorted(path.relative_to(sample).as_posix() for path in sample.rglob("citation.cff"))
    datasets = [f"datasets/{name}/citation.cff" for name in dataset_names(sample)]
    posts = [name for name in files if name.startswith("insights/")]
    assert datasets and posts and set(datasets) <= set(files)
    for name in files:
        path = sample / name
        assert cff_problems(path.read_bytes()) == [], path


FULL = cite.Citation(
    kind="dataset",
    key="homes",
    title="Homes",
    authors=(cite.Person("Amina Rahman"), cite.Person("Riverside Homes", True)),
    date=dt.date(2026, 3, 1),
    publisher="Riverside Homes",
    url="https://example.org/datasets/homes/",
    version="2.0",
    doi="10.5281/zenodo.123",
)
EMPTY_AND_STRANGE = cite.Citation(
    kind="post",
    key="hello",
    title="\x01 \t",
    authors=(cite.Person("\x02"), cite.Person(" , ")),
    date=dt.date(2026, 1, 5),
    publisher="\x03",
    url="javascript:alert(1)",
    version=" \n",
    doi="10.1234/a<b>",
)


def test_a_citation_of_empty_and_strange_values_is_valid_cff():
    """(The hostile title of tests/test_citations.py is checked there.)"""
    assert cff_problems(cite.cff(FULL)) == []
    assert cff_problems(cite.cff(EMPTY_AND_STRANGE)) == []


def test_values_cff_cannot_hold_are_left_out_not_published_broken():
    data = yaml.safe_load(cite.cff(EMPTY_AND_STRANGE))
    assert data["title"] == "hello"  # the key stands in for an empty title
    assert data["authors"] == [{"name": ","}]
    for name in ("version", "doi", "url"):
        assert name not in data and name not in data["preferred-citation"]
    assert "publisher" not in data["preferred-citation"]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.pop("title"), "(top)"),
        (lambda d: d["authors"].append({"name": ""}), "authors/2"),
        (lambda d: d.update(doi="10.1234/a<b>"), "doi"),
        (lambda d: d.update(url="/datasets/homes/"), "url"),
        (lambda d: d.update({"date-released": "1 March 2026"}), "date-released"),
    ],
    ids=["no title", "empty name", "doi", "relative url", "date"],
)
def test_an_invalid_citation_file_is_rejected(change, where):
    data = yaml.safe_load(cite.cff(FULL))
    change(data)
    problems = cff_problems(yaml.safe_dump(data).encode())
    assert problems and all(problem.startswith(f"{where}:") for problem in problems), problems
