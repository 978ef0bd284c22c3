""" "Suggest an edit" links: from a page to the source file it was made from.

As in MkDocs, ``edit_uri`` is read from ``repo_url`` (or is a whole address) and points at
``docs_dir`` on the repository's edit view, e.g. ``repo_url: https://github.com/org/site``,
``docs_dir: pages`` and ``edit_uri: edit/main/pages/``. The site's sources live beside
``docs_dir`` as well as in it (``datapackages/``, ``insights/``, ``resources.yml``), so a
file's path is taken from ``docs_dir`` and may step out of it: ``insights/x.md`` is
``../insights/x.md``, and the link is ``…/edit/main/insights/x.md``. A line, when known (a
resources entry), is added as ``#L<line>``. Without both ``repo_url`` and ``edit_uri`` there
are no links.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from generator.config import SiteConfig


class EditLinks:
    """Where to suggest an edit of a source file of the project (``""`` when not set up)."""

    def __init__(self, config: SiteConfig) -> None:
        self.root = config.root
        self.docs_dir = (config.root / config.docs_dir).resolve()
        self.base = ""
        if config.repo_url and config.edit_uri:
            self.base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
            if not self.base.endswith("/"):
                self.base += "/"

    def __call__(self, path: Path, line: int = 0) -> str:
        """The edit link of ``path`` (a file of the project), at ``line`` when given."""
        if not self.base:
            return ""
        relative = Path(os.path.relpath(path.resolve(), self.docs_dir)).as_posix()
        parts = urlsplit(self.base)
        joined = posixpath.normpath(posixpath.join(parts.path, quote(relative)))
        fragment = f"L{line}" if line > 0 else ""
        return urlunsplit((parts.scheme, parts.netloc, joined, parts.query, fragment))
