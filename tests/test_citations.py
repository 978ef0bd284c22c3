"""Cite this dataset, cite this post: the suggested citation on the page and its files
(CITATION.cff, BibTeX, RIS) beside it, read back as a reference manager would, with titles
and names written to break out of their field."""

from __future__ import annotations

import datetime as dt
import re

import yaml
from helpers import Project
from standards import cff_problems

from generator.core import citation as cite

HOSTILE_TITLE = "Homes {of} Leeds}\n@misc{evil, title={pwned}\r\nER  - \\end %50 & $5 #1 a_b ^ ~"
HOSTILE = cite.Citation(
    kind="dataset",
    key="homes}\n@x",
    title=HOSTILE_TITLE,
    authors=(cite.Person("Amina Rahman"), cite.Person("Riverside Homes\nand Co", True)),
    date=dt.date(2026, 3, 1),
    publisher="Riverside}\nHomes",
    url="https://example.org/datasets/homes/",
    version="2.0\nTY  - JOUR",
    doi="10.5281/zenodo.123",
)


def bibtex_entries(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """(type, key, fields) of every entry, counting braces as BibTeX does (a backslash
    does not hide a brace from it)."""
    entries = []
    for match in re.finditer(r"@(\w+)\{([^,\s]*),", text):
        position, depth, fields = match.end(), 1, {}
        while depth:
            field = re.compile(r"\s*(\w+)\s*=\s*\{").match(text, position)
            if field is None:
                assert text[position:].lstrip().startswith("}"), text[position:]
                position = text.index("}", position) + 1
                break
            start = position = field.end()
            level = 1
            while level:
                level += {"{": 1, "}": -1}.get(text[position], 0)
                position += 1
            fields[field.group(1)] = text[start : position - 1]
            position = text.index(",", position) + 1 if text[position] == "," else position
        entries.append((match.group(1), match.group(2), fields))
    return entries


def ris_lines(data: bytes) -> list[tuple[str, str]]:
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    lines = text[:-2].split("\r\n")
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), lines
    return [(line[:2], line[6:]) for line in lines]


def test_the_cff_file_is_valid_cff_with_the_citation_s_fields():
    assert cff_problems(cite.cff(HOSTILE)) == []
    data = yaml.safe_load(cite.cff(HOSTILE))
    assert data["cff-version"] == "1.2.0"
    assert data["type"] == "dataset"
    assert data["title"] == " ".join(HOSTILE_TITLE.split())
    assert data["authors"] == [
        {"family-names": "Rahman", "given-names": "Amina"},
        {"name": "Riverside Homes and Co"},
    ]
    assert data["version"] == "2.0 TY - JOUR"
    assert data["date-released"] == "2026-03-01"
    assert data["doi"] == "10.5281/zenodo.123"
    assert data["url"] == "https://example.org/datasets/homes/"
    preferred = data["preferred-citation"]
    assert preferred["type"] == "data"
    assert preferred["publisher"] == {"name": "Riverside} Homes"}
    assert preferred["year"] == 2026


def test_a_hostile_title_stays_inside_its_bibtex_field():
    text = cite.bibtex(HOSTILE).decode("utf-8")
    [(kind, key, fields)] = bibtex_entries(text)
    assert (kind, key) == ("misc", "homes-x-2026")
    assert "@misc" in fields["title"]  # the title's "@misc{" is text, not an entry
    assert "\n" not in fields["title"]
    assert fields["title"].startswith(r"Homes \textbraceleft{}of\textbraceright{} Leeds")
    for escaped in (r"\textbackslash{}end", r"\%50", r"\&", r"\$5", r"\#1", r"a\_b", r"\^{}"):
        assert escaped in fields["title"]
    assert fields["author"] == "Amina Rahman and {Riverside Homes and Co}"
    assert fields["year"] == "2026"
    assert fields["doi"] == "10.5281/zenodo.123"
    assert fields["url"] == "https://example.org/datasets/homes/"
    assert set(fields) >= {"publisher", "version", "note"}


def test_a_hostile_title_stays_on_its_ris_line():
    lines = ris_lines(cite.ris(HOSTILE))
    tags = [tag for tag, _ in lines]
    assert tags[0] == "TY" and lines[0][1] == "DATA"
    assert tags[-1] == "ER" and tags.count("ER") == 1 and tags.count("TY") == 1
    found = dict(lines)
    assert found["TI"] == " ".join(HOSTILE_TITLE.split())
    assert [value for tag, value in lines if tag == "AU"] == [
        "Amina Rahman",
        "Riverside Homes and Co",
    ]
    assert found["PY"] == "2026"
    assert found["ET"] == "2.0 TY - JOUR"
    assert found["DO"] == "10.5281/zenodo.123"
    assert found["UR"] == "https://example.org/datasets/homes/"


def test_the_citation_text_names_creator_year_title_version_publisher_and_doi():
    assert cite.text(HOSTILE) == (
        "Amina Rahman, Riverside Homes and Co (2026). "
        + " ".join(HOSTILE_TITLE.split())
        + " (version 2.0 TY - JOUR) [Data set]. Riverside} Homes. "
        "https://doi.org/10.5281/zenodo.123"
    )


def test_a_doi_is_read_from_its_usual_spellings_and_nothing_else():
    for value in ("doi:10.1234/abc", "https://doi.org/10.1234/abc", "10.1234/abc"):
        assert cite.doi_of(value) == "10.1234/abc"
    for value in ("", None, "homes", "https://example.org/10.1234/abc", "10.1234/a\nb"):
        assert cite.doi_of(value) == ""


def site_with_a_dataset_and_a_post(project: Project) -> Project:
    project.settings["site_url"] = "https://example.org/odx/"
    project.package(
        "homes",
        {"homes.csv": "ref,rooms\nA1,3\nA2,4\n"},
        descriptor={
            "name": "homes",
            "id": "https://doi.org/10.5281/zenodo.42",
            "title": HOSTILE_TITLE,
            "version": "1.2",
            "created": "2025-06-30T09:00:00Z",
            "contributors": [
                {"title": "Amina Rahman", "role": "author"},
                {"title": "Riverside Homes", "role": "publisher"},
            ],
            "resources": [{"name": "homes", "path": "homes.csv"}],
        },
    )
    insights = project.root / "insights"
    insights.mkdir()
    (insights / "authors.yml").write_text("amina:\n  name: Amina Rahman\n", encoding="utf-8")
    (insights / "2026-01-05-hello.md").write_text(
        "---\ntitle: 'Hello } @misc{x,'\ndate: 2026-01-05\nauthors: [amina]\n---\nHi.\n",
        encoding="utf-8",
    )
    project.write_config()
    return project


def test_a_dataset_page_offers_its_citation_and_its_files(project: Project):
    site = site_with_a_dataset_and_a_post(project)
    assert site.build().code == 0
    page = site.page("datasets/homes/")
    text = page.select_one("p.citation").get_text()
    assert text.startswith("Amina Rahman (2025). Homes {of} Leeds} @misc{evil")
    assert "(version 1.2) [Data set]. Riverside Homes. https://doi.org/10.5281/zenodo.42" in text
    links = [a["href"] for a in page.select("#cite-heading ~ p a")]
    assert links == ["citation.cff", "citation.bib", "citation.ris"]
    folder = site.site / "datasets" / "homes"
    assert cff_problems((folder / "citation.cff").read_bytes()) == []
    cff = yaml.safe_load((folder / "citation.cff").read_bytes())
    assert cff["authors"] == [{"family-names": "Rahman", "given-names": "Amina"}]
    assert cff["preferred-citation"]["publisher"] == {"name": "Riverside Homes"}
    assert cff["url"] == "https://example.org/odx/datasets/homes/"
    assert (cff["doi"], cff["version"], cff["date-released"]) == (
        "10.5281/zenodo.42",
        "1.2",
        "2025-06-30",
    )
    [(_, _, fields)] = bibtex_entries((folder / "citation.bib").read_text(encoding="utf-8"))
    assert fields["doi"] == "10.5281/zenodo.42"
    assert dict(ris_lines((folder / "citation.ris").read_bytes()))["PB"] == "Riverside Homes"


def test_a_post_offers_its_citation_and_its_files(project: Project):
    site = site_with_a_dataset_and_a_post(project)
    assert site.build().code == 0
    page = site.page("insights/hello/")
    assert page.select_one("p.citation").get_text() == (
        "Amina Rahman (2026). Hello } @misc{x, [Blog post]. Test site. "
        "https://example.org/odx/insights/hello/"
    )
    folder = site.site / "insights" / "hello"
    assert cff_problems((folder / "citation.cff").read_bytes()) == []
    assert (
        yaml.safe_load((folder / "citation.cff").read_bytes())["preferred-citation"]["type"]
        == "blog"
    )
    [(_, key, fields)] = bibtex_entries((folder / "citation.bib").read_text(encoding="utf-8"))
    assert key == "hello-2026"
    assert fields["title"] == r"Hello \textbraceright{} @misc\textbraceleft{}x,"
    assert dict(ris_lines((folder / "citation.ris").read_bytes()))["TY"] == "BLOG"
