"""Cite this dataset: the suggested citation a dataset page shows, and its files.

The citation is made of the facts the page already shows (:class:`DatasetFacts`): the
creators (the descriptor's ``contributors`` other than the publisher; the publisher when
there are none), the year it was created (else last updated), the title, the version, the
publisher (else the site), the page's address (else the descriptor's ``homepage``) and
the DOI when the descriptor gives one, in ``id`` (``doi:10.…`` or ``https://doi.org/10.…``)
or as a source whose path is a DOI address. The files are published beside the page as
``datasets/<slug>/citation.cff``, ``.bib`` and ``.ris``.
"""

from __future__ import annotations

from typing import Any

from generator.catalogue.metadata import DatasetFacts
from generator.core import citation as cite
from generator.core import urls


def dataset_doi(meta: dict[str, Any]) -> str:
    """The DOI of a descriptor: its ``id``, else the first source that is a DOI."""
    found = cite.doi_of(meta.get("id"))
    sources = meta.get("sources")
    for source in sources if isinstance(sources, list) and not found else []:
        if isinstance(source, dict):
            found = cite.doi_of(source.get("path")) or found
            if found:
                break
    return found


def dataset_citation(
    facts: DatasetFacts, meta: dict[str, Any], site_name: str, site_url: str, homepage: str
) -> cite.Citation:
    """The suggested citation of the dataset of ``facts``."""
    return cite.Citation(
        kind="dataset",
        key=facts.slug,
        title=facts.title,
        authors=tuple(cite.Person(a.name, a.organisation) for a in facts.creators),
        date=facts.created or facts.modified,
        publisher=facts.publisher.name if facts.publisher else site_name,
        url=urls.full(site_url, facts.page) or homepage,
        version=facts.version,
        doi=dataset_doi(meta),
    )
