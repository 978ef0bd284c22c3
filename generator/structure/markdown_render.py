"""Markdown from contributors, made into HTML that cannot run anything.

Python-Markdown renders (tables, fenced code, footnotes, a table of contents with heading
anchors, admonitions, smart quotes); then nh3, a maintained allowlist sanitiser, keeps only
the tags, attributes and URL schemes below. Scripts, styles, event handlers, iframes, forms
and ``javascript:``/``data:`` URLs never reach a page, whatever the Markdown or raw HTML says.

``id`` and ``class`` survive only where the Markdown extensions put them, with the values
they make (:func:`_generated_attribute`): heading anchors, footnotes, admonitions and a code
block's language. Raw HTML keeps neither (:class:`RawHtmlAttributes`), and a contributor
cannot give an element an id the page itself uses (a heading "Main" gets the anchor
``section-main``, not ``main``) nor a class the site's stylesheet or
scripts give meaning to. Raw HTML left open (``<div>`` without ``</div>``) swallows the rest
of the text as HTML, so it is reported at its line (:attr:`Rendered.body_mistakes`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
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
# Ids the site's templates give elements of a page (kept in step by a test), and prefixes of
# the ids they make (data blocks, resource categories…): a heading never takes one of them.
RESERVED_IDS = frozenset(
    {
        "main", "about-heading", "areas-caption", "authors-heading", "changelog",
        "changes-heading", "cite-heading", "contact-heading",
        "dataset-filter", "datasets-heading", "facets-heading", "downloads-heading",
        "explore-column", "explore-text", "explore-value", "json-heading", "fields-caption",
        "fields-heading", "find-heading", "home-ref", "home-ref-hint", "homes-caption",
        "la-caption", "latest-heading", "parts", "preview-caption", "preview-heading", "privacy",
        "resources-caption", "resources-heading", "say", "schedule-caption", "search-input",
        "signup-email", "signup-heading", "stats-caption", "stats-heading", "tags-heading",
        "tenant-heading", "toc-heading", "validation-heading",
    }
)  # fmt: skip
RESERVED_ID_PREFIXES = (  # ids the templates give; a post's headings never take them
    "odx-data-",
    "cat-",
    "scope-",
    "field-",
    "say-",
    "fix-",
    "area-",
    "voice-",
    "pilot-",
    "facet-",
)
ADMONITION_KINDS = frozenset(
    {"note", "tip", "hint", "important", "warning", "caution", "danger", "info", "example"}
)
GENERATED_CLASSES = {  # tag -> classes the Markdown extensions give it
    "a": frozenset({"headerlink", "footnote-ref", "footnote-backref"}),
    "div": frozenset({"admonition", "footnote"}) | ADMONITION_KINDS,
    "p": frozenset({"admonition-title"}),
}
_LANGUAGE_CLASS = re.compile(r"^language-[A-Za-z0-9_+#.-]{1,40}$")
_FOOTNOTE_ID = {
    "li": re.compile(r"^fn:[\w.-]{1,80}$"),
    "sup": re.compile(r"^fnref\d*:[\w.-]{1,80}$"),
}
_HEADING_ID = re.compile(r"^[\w-]{1,200}$")
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
    body_mistakes: list[tuple[int, str]] = field(default_factory=list)  # raw HTML left open

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

    ``blocks`` (a :class:`~generator.content.data_blocks.DataBlocks`) turns ``odx-table`` and
    ``odx-chart`` fences into figures; they are made by the generator, not the contributor,
    and are put in after sanitising.
    """
    figures: dict[str, Markup] = {}
    mistakes: list[tuple[int, str]] = []
    source = text
    if blocks is not None:
        text, figures, mistakes = blocks.expand(text, page_url)
    converter = markdown.Markdown(
        extensions=[*EXTENSIONS, RawHtmlAttributes()],
        extension_configs={
            "toc": {
                "permalink": "#",
                "permalink_title": "Link to this section",
                "toc_depth": "2-3",
                "slugify": heading_id,
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
        attribute_filter=_generated_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    words = len(_WORD.findall(nh3.clean(raw, tags=set())))
    for key, figure in figures.items():
        clean = clean.replace(f"<p>{key}</p>", str(figure))
    toc = [_toc_entry(token) for token in getattr(converter, "toc_tokens", [])]
    return Rendered(Markup(clean), toc, words, mistakes, unclosed_html(raw, source))


# A start tag, its quoted values read whole (they may hold ">"), and one of its attributes.
_START_TAG = re.compile(r"<([A-Za-z][^\s/>]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>")
_ATTRIBUTE = re.compile(r"""(\s*)([^\s"'>/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")


def _without_id_and_class(html: str) -> str:
    """``html`` with every ``id`` and ``class`` attribute taken out of its start tags."""

    def attributes(match: re.Match[str]) -> str:
        return "" if match.group(2).lower() in ("id", "class") else match.group(0)

    def tag(match: re.Match[str]) -> str:
        return f"<{match.group(1)}{_ATTRIBUTE.sub(attributes, match.group(2))}>"

    return _START_TAG.sub(tag, html)


class _MarkGenerated(Preprocessor):
    """Remembers how much of the HTML stash fenced code filled: what comes after is the
    contributor's raw HTML (blocks, then inline tags)."""

    def run(self, lines: list[str]) -> list[str]:
        # A mark of this site's own, kept on the Markdown instance (unknown to its stubs).
        self.md.generated_stash_size = len(self.md.htmlStash.rawHtmlBlocks)  # type: ignore[attr-defined]
        return lines


class _StripRawIdsAndClasses(Postprocessor):
    """Takes ``id`` and ``class`` out of the contributor's raw HTML before it is put back."""

    def run(self, text: str) -> str:
        stash = self.md.htmlStash.rawHtmlBlocks
        for index in range(getattr(self.md, "generated_stash_size", 0), len(stash)):
            stash[index] = _without_id_and_class(str(stash[index]))
        return text


class RawHtmlAttributes(Extension):
    """Raw HTML in Markdown keeps no ``id`` or ``class``: those are the extensions' to make."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(_MarkGenerated(md), "odx_mark_generated", 22)
        md.postprocessors.register(_StripRawIdsAndClasses(md), "odx_strip_raw_attributes", 35)


def reserved_id(value: str) -> bool:
    """Whether the page itself may use the id ``value``."""
    return value in RESERVED_IDS or value.startswith(RESERVED_ID_PREFIXES)


def heading_id(value: str, separator: str) -> str:
    """A heading's anchor: the toc extension's slug, moved aside from the page's own ids."""
    slug = slugify(value, separator)
    return f"section{separator}{slug}" if reserved_id(slug) else slug


def _generated_attribute(tag: str, name: str, value: str) -> str | None:
    """``value`` where the Markdown extensions make such an ``id`` or ``class``, else what is
    left of it (None drops the attribute); other attributes pass unchanged."""
    if name == "id":
        if tag in _FOOTNOTE_ID:
            return value if _FOOTNOTE_ID[tag].match(value) else None
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            return value if _HEADING_ID.match(value) and not reserved_id(value) else None
        return None
    if name == "class":
        allowed = GENERATED_CLASSES.get(tag, frozenset())
        kept = [
            token
            for token in value.split()
            if token in allowed or (tag == "code" and _LANGUAGE_CLASS.match(token))
        ]
        return " ".join(kept) or None
    return value


_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
_OPTIONAL_END_TAGS = frozenset(
    {"caption", "colgroup", "dd", "dt", "li", "optgroup", "option", "p", "rp", "rt", "tbody",
     "td", "tfoot", "th", "thead", "tr"}
)  # fmt: skip


class _OpenTags(HTMLParser):
    """Finds elements of an HTML text that are opened and never closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str, int]] = []  # (tag, start tag as written, occurrence)
        self.unclosed: list[tuple[str, str, int]] = []
        self.seen: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        written = self.get_starttag_text() or f"<{tag}>"
        self.seen[written] += 1
        if tag not in _VOID_TAGS:
            self.open.append((tag, written, self.seen[written]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen[self.get_starttag_text() or f"<{tag}/>"] += 1

    def handle_endtag(self, tag: str) -> None:
        if all(opened != tag for opened, _, _ in self.open):
            return  # a stray end tag: the sanitiser drops it, nothing is lost
        while self.open:
            element = self.open.pop()
            if element[0] == tag:
                return
            if element[0] not in _OPTIONAL_END_TAGS:
                self.unclosed.append(element)

    def close(self) -> None:
        super().close()
        self.unclosed.extend(e for e in self.open if e[0] not in _OPTIONAL_END_TAGS)
        self.open = []


def unclosed_html(html: str, source: str) -> list[tuple[int, str]]:
    """(line in ``source``, message) for each element of raw HTML that ``source`` opens and
    never closes, found in ``html``, what Markdown made of it (Markdown's own elements are
    always closed)."""
    parser = _OpenTags()
    parser.feed(html)
    parser.close()
    found = []
    for tag, written, occurrence in sorted(parser.unclosed, key=lambda e: _nth(source, *e[1:])):
        line = source.count("\n", 0, max(_nth(source, written, occurrence), 0)) + 1
        found.append(
            (
                line,
                f"<{tag}> is opened here and never closed, so the rest of the text is not "
                f"read as Markdown and may not show; add </{tag}> where it ends, or remove it",
            )
        )
    return found


def _nth(source: str, written: str, occurrence: int) -> int:
    """Where the ``occurrence``-th start tag of ``source`` that reads ``written`` once its
    ``id`` and ``class`` are taken out (as the rendered HTML has it) starts, or -1."""
    seen = 0
    for match in _START_TAG.finditer(source):
        if _without_id_and_class(match.group(0)) == written:
            seen += 1
            if seen == occurrence:
                return match.start()
    return -1


def _toc_entry(token: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": token["id"],
        "name": token["name"],
        "children": [_toc_entry(child) for child in token.get("children", [])],
    }
