"""Pictures published as they are: author pictures, post and page images, the share picture.

A picture is judged by its content, not its name: its first bytes must be those of a PNG,
JPEG, GIF or WebP picture, and its extension must say what it is (a browser may trust either).
SVG is refused, whatever it holds: an SVG drawing (like an HTML file named ``.png``) could
run script on the site. Converting it to PNG is the fix.
"""

from __future__ import annotations

from pathlib import Path

from generator.core.confinement import Escaped, open_inside

KINDS = {  # kind → (name shown, extensions it may have)
    "png": ("PNG", (".png",)),
    "jpeg": ("JPEG", (".jpg", ".jpeg")),
    "gif": ("GIF", (".gif",)),
    "webp": ("WebP", (".webp",)),
}
ANY_PICTURE = tuple(KINDS)
_HEAD = 16  # bytes read to tell the kind


def kind_of(head: bytes) -> str | None:
    """The kind of picture whose file starts with ``head`` (``png``, ``jpeg``, ``gif``,
    ``webp``), or None when it is none of them."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    return None


def picture_problem(path: Path, root: Path, kinds: tuple[str, ...] = ANY_PICTURE) -> str | None:
    """What is wrong with publishing the file at ``path`` (in the project ``root``) as a
    picture of one of ``kinds``, or None. The sentence follows the file's name and ends with
    the fix."""
    wanted = _names(kinds)
    suffix = path.suffix.lower()
    if suffix in (".svg", ".svgz"):
        return (
            f"is not a {wanted} picture but an SVG drawing, which could run script on the site; "
            "convert it to PNG"
        )
    try:
        with open_inside(path, root) as handle:
            head = handle.read(_HEAD)
    except Escaped as escaped:
        return escaped.reason
    except OSError as error:
        return f"cannot be read ({error.strerror or error}); check the file"
    kind = kind_of(head)
    if kind is None:
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return (
                f"is not a {wanted} picture but markup (SVG or HTML), which could run script "
                "on the site; convert it to PNG"
            )
        return f"is not a {wanted} picture (judged by its content); convert it to PNG"
    name, extensions = KINDS[kind]
    if kind not in kinds:
        return f"is a {name} picture; only {wanted} pictures are used here: convert it to PNG"
    if suffix not in extensions:
        return (
            f"is a {name} picture named '{path.name}': rename it '{path.stem}{extensions[0]}' "
            "so its name says what it is"
        )
    return None


def _names(kinds: tuple[str, ...]) -> str:
    names = [KINDS[kind][0] for kind in kinds]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
