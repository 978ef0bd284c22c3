"""The ``odx`` MkDocs plugin: ``mkdocs build`` and ``mkdocs serve`` make the site ``odx build``
makes. A thin adapter: the only module that imports MkDocs.

MkDocs reads ``mkdocs.yml`` (``docs_dir: pages``, so MkDocs has a folder to watch); the plugin
drops every file MkDocs would render itself and, after MkDocs' build, runs the generator's own
build into MkDocs' ``site_dir``, which it replaces as a whole. Problems stop ``mkdocs build``
with the same ``path:line: field: message`` report as the CLI; ``mkdocs serve`` reports them
and keeps serving the last good site. ``mkdocs serve`` also rebuilds when the data packages,
posts, pages, resources or templates change.

Before MkDocs empties its output folder, the plugin checks it as ``odx build`` checks its
own (see :mod:`generator.core.confinement`): an output folder that is the project or an input is
refused before anything is deleted.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from generator.boundary import read_confined_config
from generator.build import build
from generator.config import OPTIONS
from generator.core.option_shapes import Pilot
from generator.core.problems import Problems, format_report
from generator.core.workers import WorkerLost


def _scheme() -> tuple[tuple[str, Any], ...]:
    """MkDocs' view of the odx options: declared so it does not warn; the generator's own
    config reader validates them (with located messages)."""
    kinds = {bool: bool, int: int, str: str, list: list, Pilot: dict}
    return tuple(
        (option.name, config_options.Type(kinds[option.kind], default=option.default))
        for option in OPTIONS
    )


def made_by_mkdocs_serve(site_dir: Path) -> bool:
    """Whether ``site_dir`` is the temporary folder ``mkdocs serve`` builds into and serves
    from (``tempfile.mkdtemp(prefix="mkdocs_")``, in the system's temporary folder).

    The one output allowed outside the project: MkDocs chooses it, not the contributor, it is
    new and empty, and MkDocs deletes it when the server stops. Every other rule still holds
    (it may not hold the project or an input; see :mod:`generator.core.confinement`).
    """
    real = Path(os.path.realpath(site_dir))
    temporary = Path(os.path.realpath(tempfile.gettempdir()))
    return real.parent == temporary and real.name.startswith("mkdocs_") and real.is_dir()


class OdxPlugin(BasePlugin):
    """Build the ODX site inside ``mkdocs build`` and ``mkdocs serve``."""

    config_scheme = _scheme()

    def on_files(self, files: Files, config: Any) -> Files:
        """MkDocs renders nothing itself: every page comes from the generator."""
        return Files([])

    def on_pre_build(self, config: Any) -> None:
        """Refuse an output folder that would destroy the project (or any other problem of
        the folders) before MkDocs empties ``site_dir`` for its own build."""
        problems = Problems()
        site_dir = Path(config["site_dir"])
        checked = read_confined_config(
            Path(config["config_file_path"]), problems, site_dir, made_by_mkdocs_serve(site_dir)
        )
        if problems:
            cap = checked.odx.max_errors_per_resource if checked else 50
            raise PluginError("\n".join(format_report(problems, cap)))

    def on_post_build(self, config: Any) -> None:
        """Build the site into MkDocs' output folder (replacing what MkDocs wrote), with the
        same checks as ``odx build``: an output folder that would destroy an input is refused."""
        site_dir = Path(config["site_dir"])
        try:
            result = build(
                Path(config["config_file_path"]),
                site_dir,
                outside_ok=made_by_mkdocs_serve(site_dir),
            )
        except WorkerLost as lost:  # the system stopped a worker: say so, not a traceback
            raise PluginError(str(lost)) from lost
        if result.problems:
            cap = result.config.odx.max_errors_per_resource if result.config else 50
            raise PluginError("\n".join(format_report(result.problems, cap)))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """Rebuild when anything the site is made from changes."""
        root = Path(config["config_file_path"]).parent
        options = self.config
        for name in ("datapackages", "insights", "pages", "resources", "templates"):
            path = root / str(options.get(name) or name)
            if path.exists():
                server.watch(str(path))
        return server
