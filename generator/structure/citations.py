"""A citation as pages show it and as files beside them (see :mod:`generator.core.citation`):
shared by the dataset pages and the Insights posts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.core import citation as cite
from generator.structure.page import CopiedFile

LABELS = {"cff": "CITATION.cff", "bib": "BibTeX", "ris": "RIS"}


def citation_view(citation: cite.Citation, folder: str) -> dict[str, Any]:
    """What a page shows of a citation: its text, and its files (beside the page at
    ``folder``)."""
    return {
        "text": cite.text(citation),
        "files": [
            {"label": LABELS[ext], "url": folder + cite.file_name(ext)} for ext in cite.FORMATS
        ],
    }


def citation_files(citation: cite.Citation, folder: str) -> list[CopiedFile]:
    """The citation's files, published beside the page at ``folder``."""
    files = []
    for ext, content in cite.files(citation).items():
        url = folder + cite.file_name(ext)
        files.append(CopiedFile(url, Path(url), url, content))
    return files
