"""Every file the build reads, copies or writes stays inside the project.

The project is the folder holding ``mkdocs.yml``. The rules, checked by :func:`confine`
before anything is read (past the config) or written:

* **No symbolic links.** The build follows no link: a link anywhere in an input folder (data
  packages, templates, insights, pages), the resources list or the config file is refused,
  wherever it points. A link could publish any file of the machine, such as the repository's
  ``.git/config`` where CI keeps its token; refusing every link is the one rule that is both
  simple and safe (a link that stays inside the project is refused too: copy the file in).
  Pipes, sockets and devices are refused as well: reading one could hang the build.
* **Folders stay inside.** The ``odx`` folder options, ``resources`` and ``site_dir`` must
  name a place inside the project, reached without a link, never inside ``.git/``.
* **The output destroys nothing.** The output folder (``--out``, else ``site_dir``) is
  replaced as a whole, so it may not be the project or hold it, be ``.git`` or inside it,
  be or hold an input (a folder the build reads, the config, ``resources.yml``), or lie
  inside an input folder. It must lie inside the project, except the temporary folder
  ``mkdocs serve`` builds into (see :mod:`generator.mkdocs_plugin`).

Files published byte for byte (downloads, zips, pictures, static assets) are opened through
:func:`open_inside` at the moment they are copied: without following a link, and checked
again once open, so a link put in place after the checks is refused too (:class:`Escaped`).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from generator.config import SiteConfig
from generator.core.problems import Problems

NEVER_READ = ".git"  # the repository's own folder: CI keeps its token in .git/config
LINK_FIX = (
    "the build follows no symbolic links (a link could publish any file of the machine, such "
    "as the repository's .git/config): put the file or folder itself here instead"
)
ODD_FIX = "is not a file or a folder (a pipe, socket or device); remove it"


class Escaped(Exception):
    """A file about to be read or copied is not a plain file of the project (any more)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Where:
    """Where a path leads: its real location and what is wrong with it, if anything."""

    real: Path
    wrong: str | None  # "outside", "git" or "link"; None when it is fine


def locate(path: Path, root: Path) -> Where:
    """Where ``path`` leads, for the project ``root`` (a resolved path).

    ``outside`` when it leads out of ``root`` (by ``..``, as an absolute path elsewhere or
    through a link), ``git`` when into a ``.git`` folder, ``link`` when a symbolic link lies
    on the way (inside the project).
    """
    written = path if path.is_absolute() else Path.cwd() / path
    real = Path(os.path.realpath(written))
    lexical = Path(os.path.normpath(written))
    if not (_within(real, root) and _within(lexical, root)):
        return Where(real, "outside")
    if NEVER_READ in (*real.relative_to(root).parts, *lexical.relative_to(root).parts):
        return Where(real, "git")
    if real != lexical:
        return Where(real, "link")
    return Where(real, None)


def _within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies inside it."""
    return path == folder or folder in path.parents


def shown(path: Path, root: Path) -> str:
    """``path`` as messages show it: relative to the project, never a machine path."""
    lexical = Path(os.path.normpath(path if path.is_absolute() else Path.cwd() / path))
    if _within(lexical, root):
        return lexical.relative_to(root).as_posix() or "."
    return Path(os.path.relpath(lexical, root)).as_posix()


# -- the config, the folder options and the output folder ----------------------------------

FOLDER_OPTIONS = ("datapackages", "templates", "insights", "pages", "cache_dir")


def check_config_file(config_path: Path, problems: Problems) -> bool:
    """The config file defines the project: it may not be a link to a file elsewhere."""
    if not config_path.is_symlink():
        return True
    problems.add(config_path.name, 1, "-", f"is a symbolic link; {LINK_FIX}")
    return False


def confine(
    config: SiteConfig, problems: Problems, out: Path | None = None, outside_ok: bool = False
) -> bool:
    """Check the folder options, the output folder and every input for links; record each
    problem, located, and return whether the build may go on.

    ``out`` is the output folder given on the command line (default: ``site_dir``);
    ``outside_ok`` lets it lie outside the project (the temporary folder of ``mkdocs serve``).
    """
    before = len(problems)
    config_file = config.relative(config.config_path)
    options = [(f"odx.{name}", getattr(config.odx, name)) for name in FOLDER_OPTIONS]
    for setting, value in [*options, ("odx.resources", config.odx.resources)]:
        wrong = _option_problem(config.root / value, config.root)
        if wrong:
            named = "the absolute path" if Path(value).is_absolute() else f"'{value}'"
            problems.add(config_file, config.line_of(setting), setting, f"{named} {wrong}")
    if len(problems) > before:
        return False
    site_dir = config.root / config.site_dir
    wrong = output_problem(site_dir, config, outside_ok and out is None)
    if wrong:
        problems.add(
            config_file, config.line_of("site_dir"), "site_dir", f"the output folder {wrong}"
        )
    elif out is not None and os.path.realpath(out) != os.path.realpath(site_dir):
        wrong = output_problem(out, config, outside_ok)
        if wrong:
            problems.add(config_file, 1, "--out", f"the output folder {wrong}")
    if len(problems) > before:
        return False
    check_inputs(config, problems)
    return len(problems) == before


_OPTION_WRONG = {
    "outside": "leads out of the project (the folder of mkdocs.yml), and the build never "
    "reads or writes outside it; give a path inside the project",
    "git": "is inside .git/, which the build never reads or writes; choose another folder",
    "link": "leads through a symbolic link; the build follows no links: give the real path",
}


def _option_problem(path: Path, root: Path) -> str | None:
    where = locate(path, root)
    if where.wrong is not None:
        return _OPTION_WRONG[where.wrong]
    if where.real == root:
        return "is the project folder itself; give a folder inside it"
    return None


def output_problem(out: Path, config: SiteConfig, outside_ok: bool = False) -> str | None:
    """What makes ``out`` unusable as the output folder (which a build replaces as a whole),
    or None. The sentence names the folder and says how to fix it."""
    root = config.root
    where = locate(out, root)
    named = f"'{shown(out, root)}'"
    own = "; use a folder of its own inside the project, e.g. site"
    if _within(root, where.real):
        return f"{named} is the project or holds it: building there would delete the project{own}"
    if where.wrong == "outside" and not outside_ok:
        return (
            f"{named} is outside the project (the folder of mkdocs.yml), and the build never "
            f"writes outside it{own}"
        )
    if where.wrong == "git":
        return f"{named} is inside .git/, which the build never writes{own}"
    if where.wrong == "link":
        return f"{named} leads through a symbolic link, and the build follows no links{own}"
    for label, path, folder in _inputs(config):
        real = Path(os.path.realpath(path))
        if _within(real, where.real):
            return f"{named} is or holds {label}: building there would delete it{own}"
        if folder and real in where.real.parents:
            return f"{named} lies inside {label}, which the build reads{own}"
    if not _empty_or_site(where.real):
        return (
            f"{named} already holds files that are not a site odx built (it has no index.html "
            f"and 404.html at its top): building there would delete them{own}, or empty it "
            "first if nothing in it is needed"
        )
    return None


def _empty_or_site(folder: Path) -> bool:
    """Whether ``folder`` is missing, empty, or looks like a site a build wrote (the pages
    every site has), so that replacing it loses nothing: never ``generator/`` or ``docs/``."""
    try:
        with os.scandir(folder) as entries:
            names = {entry.name for entry in entries}
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    # every odx site has both pages; MkDocs' own output (written into site_dir before the
    # plugin builds, once the folder was checked) has a 404 page and a zipped sitemap
    return (
        not names or {"index.html", "404.html"} <= names or {"404.html", "sitemap.xml.gz"} <= names
    )


def _inputs(config: SiteConfig) -> list[tuple[str, Path, bool]]:
    """What the build reads, as (how messages name it, path, whether it is a folder)."""
    odx = config.odx
    return [
        (f"the data packages folder '{odx.datapackages}'", config.datapackages_dir, True),
        (f"the templates folder '{odx.templates}'", config.templates_dir, True),
        (f"the insights folder '{odx.insights}'", config.insights_dir, True),
        (f"the pages folder '{odx.pages}'", config.pages_dir, True),
        (f"the cache folder '{odx.cache_dir}'", config.root / odx.cache_dir, True),
        (f"the config file '{config.config_path.name}'", config.config_path, False),
        (f"the resources list '{odx.resources}'", config.resources_path, False),
    ]


# -- links and odd files among the inputs ------------------------------------------------


def check_inputs(config: SiteConfig, problems: Problems) -> None:
    """Refuse every symbolic link, pipe, socket or device in the input folders and the
    resources list, each located at its own path (``.git`` folders are not looked into:
    the build never reads them)."""
    seen: set[Path] = set()
    folders = [config.datapackages_dir, config.templates_dir, config.insights_dir, config.pages_dir]
    for path in [*(p for f in folders for p in _entries(f)), config.resources_path]:
        wrong = _odd(path, config.root)
        if wrong and path not in seen:
            seen.add(path)
            problems.add(shown(path, config.root), 1, "-", wrong)


def _entries(folder: Path) -> list[Path]:
    """Every entry below ``folder``; links are listed, never followed; ``.git`` is skipped."""
    found: list[Path] = []
    pending = [folder]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.name == NEVER_READ:
                        continue
                    found.append(Path(entry.path))
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
        except OSError:  # missing (reported elsewhere) or unreadable
            continue
    return found


def _odd(path: Path, root: Path) -> str | None:
    """What is wrong with one entry (not followed): a link, or neither a file nor a folder."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return f"is a symbolic link{_leads(path, root)}; {LINK_FIX}"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return ODD_FIX
    return None


def _leads(link: Path, root: Path) -> str:
    """Where a link leads, in words that show no machine path."""
    where = locate(link, root)
    if where.wrong == "outside":
        return " that leads out of the project"
    if where.wrong == "git":
        return " into .git/"
    return ""


# -- opening a file to publish it ------------------------------------------------------------

_READ = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)  # a pipe opens at once (and is refused) instead of hanging
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def open_inside(path: Path, root: Path) -> BinaryIO:
    """Open ``path`` for reading, only if it is a plain file of the project ``root``, reached
    without a link and outside ``.git/``; raise :class:`Escaped` otherwise.

    The last step is opened without following a link, and the open file's real path is
    compared with the expected one, so a link put on the way after the checks is refused.
    """
    where = locate(path, root)
    if where.wrong is not None:
        raise Escaped(path, _ESCAPED[where.wrong])
    try:
        handle = os.open(where.real, _READ)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK):  # O_NOFOLLOW met a link
            raise Escaped(path, _ESCAPED["link"]) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise Escaped(path, ODD_FIX)
        if not _is_at(handle, where.real):
            raise Escaped(path, _ESCAPED["link"])
        os.set_blocking(handle, True)
        return os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise


_ESCAPED = {
    "outside": f"leads out of the project; {LINK_FIX}",
    "git": "is inside .git/, which the build never reads; publish another file",
    "link": f"is (or lies behind) a symbolic link; {LINK_FIX}",
}


def _is_at(handle: int, expected: Path) -> bool:
    """Whether the open file ``handle`` is the file at ``expected`` (no link was swapped in
    on the way since the path was checked)."""
    proc = f"/proc/self/fd/{handle}"
    try:
        return Path(os.readlink(proc)) == expected
    except OSError:  # no /proc: compare the file opened with the file at the path now
        try:
            opened, there = os.fstat(handle), os.stat(expected, follow_symlinks=False)
        except OSError:
            return False
        return (opened.st_dev, opened.st_ino) == (there.st_dev, there.st_ino)
