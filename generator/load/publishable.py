"""Data files are published as downloads, under their own names: never as something a
browser would run on the site's origin.

GitHub Pages serves a file by its name: ``data.html`` or ``map.svg`` would be a page of the
site, with its scripts, whatever the descriptor calls it. A data file's name must end in a
suffix of the formats the site publishes (or have none, which is served as plain bytes), and
an XML file must not be XHTML, SVG or carry a stylesheet instruction, which browsers render.
"""

from __future__ import annotations

import re
from pathlib import Path

SAFE_SUFFIXES = frozenset(
    {"", ".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".geojson", ".pdf", ".md", ".zip"}
    | {".xml"}
)
_ACTIVE_XML = re.compile(
    rb"<\?xml-stylesheet|http://www\.w3\.org/1999/xhtml|http://www\.w3\.org/2000/svg"
    rb"|<\s*(?:[a-z0-9_-]+:)?(?:script|html|svg|iframe|object|embed)\b",
    re.IGNORECASE,
)
_CHUNK = 1 << 20


def file_problem(path: Path) -> str | None:
    """Why the data file ``path`` may not be published as it is named, or None."""
    suffix = path.suffix.lower()
    if suffix not in SAFE_SUFFIXES:
        allowed = ", ".join(sorted(s for s in SAFE_SUFFIXES if s))
        return (
            f"a file named '{path.name}' would be served as a page or a program by its name "
            f"'{suffix}'; publish data files named {allowed} (or with no suffix)"
        )
    if suffix == ".xml" and _active_xml(path):
        return (
            f"'{path.name}' holds XHTML, SVG, a script or a stylesheet instruction, which a "
            "browser would run as a page of the site; publish the data without it, or as a zip"
        )
    return None


def _active_xml(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            tail = b""
            while chunk := handle.read(_CHUNK):
                if _ACTIVE_XML.search(tail + chunk):
                    return True
                tail = chunk[-64:]
    except OSError:
        return False
    return False
