"""Markdown from contributors, made into HTML that cannot run anything.

Python-Markdown renders (tables, fenced code, footnotes, a table of contents with heading
anchors, admonitions, smart quotes); then nh3, a maintained allowlist sanitiser, keeps only
the tags, attributes and URL schemes below. Scripts, styles, event handlers, iframes, forms
and ``javascript:``/``data:`` URLs never reach a page, whatever the Markdown or raw HTML says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
        "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p",
        "pre", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope"},
    "abbr": {"title"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
EXTENSIONS = ["tables", "fenced_code", "footnotes", "toc", "admonition", "smarty"]
WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Rendered:
    """A post body as HTML (sanitised), its table of contents and its length."""

    html: Markup
    toc: list[dict[str, Any]] = field(default_factory=list)
    words: int = 0
    mistakes: list[tuple[int, str]] = field(default_factory=list)  # (line in text, message)

    @property
    def minutes(self) -> int:
        """Reading time, at least one minute."""
        return max(1, round(self.words / WORDS_PER_MINUTE))


def first_h1_line(text: str) -> int | None:
    """The 1-based line of a top-level heading in ``text`` (the title is the page's h1)."""
    in_fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and re.match(r"^#(?!#)\s", line):
            return number
    return None


def render_markdown(text: str, blocks: Any = None, page_url: str = "") -> Rendered:
    """Render and sanitise one Markdown document.

    ``blocks`` (a :class:`~generator.data_blocks.DataBlocks`) turns ``odx-table`` and
    ``odx-chart`` fences into figures; they are made by the generator, not the contributor,
    and are put in after sanitising.
    """
    figures: dict[str, Markup] = {}
    mistakes: list[tuple[int, str]] = []
    if blocks is not None:
        text, figures, mistakes = blocks.expand(text, page_url)
    converter = markdown.Markdown(
        extensions=EXTENSIONS,
        extension_configs={
            "toc": {
                "permalink": "#",
                "permalink_title": "Link to this section",
                "toc_depth": "2-3",
            },
            "footnotes": {"BACKLINK_TITLE": "Back to the text of footnote %d"},
        },
        output_format="html",
    )
    raw = converter.convert(text)
    clean = nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    words = len(_WORD.findall(nh3.clean(raw, tags=set())))
    for key, figure in figures.items():
        clean = clean.replace(f"<p>{key}</p>", str(figure))
    toc = [_toc_entry(token) for token in getattr(converter, "toc_tokens", [])]
    return Rendered(Markup(clean), toc, words, mistakes)


def _toc_entry(token: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": token["id"],
        "name": token["name"],
        "children": [_toc_entry(child) for child in token.get("children", [])],
    }
