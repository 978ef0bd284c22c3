"""Checks of what the site writes against the published standards' own schemas, vendored
in tests/fixtures/standards (see its README): Atom feeds against the RELAX NG schema of
RFC 4287 (Appendix B) with the Schematron rules it carries, and CITATION.cff files against
the Citation File Format 1.2.0 JSON Schema.

Each check returns the problems it found, an empty list for a valid document, so a test
can assert both that the site's files pass and that a planted fault is caught."""

from __future__ import annotations

import functools
import json
from typing import Any

import jsonschema
import yaml
from helpers import FIXTURES
from lxml import etree

STANDARDS = FIXTURES / "standards"
ATOM = "http://www.w3.org/2005/Atom"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
SCHEMATRON = "http://www.ascc.net/xml/schematron"  # the RFC's annotations
ABSOLUTE = ("https://", "http://")


@functools.cache
def _atom_schema() -> tuple[etree.RelaxNG, tuple[tuple[str, str, str], ...]]:
    """The RFC's grammar, and its Schematron rules as (context, test, message)."""
    document = etree.parse(str(STANDARDS / "atom.rng"))
    names = {"s": SCHEMATRON}
    rules = tuple(
        (rule.get("context"), check.get("test"), " ".join(check.text.split()))
        for rule in document.iterfind(".//s:rule", names)
        for check in rule.iterfind("s:assert", names)
    )
    return etree.RelaxNG(document), rules


def atom_problems(data: bytes) -> list[str]:
    """What makes ``data`` not a valid Atom document: the RELAX NG schema's errors, the
    Schematron assertions that fail, and any link, id or ``xml:base`` that is not an
    absolute address (the schema leaves ``atomUri`` as any text; a feed reader resolves a
    relative one against the feed's own address, which a copied feed no longer has)."""
    grammar, rules = _atom_schema()
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    problems = [] if grammar.validate(root) else [str(e) for e in grammar.error_log]
    names = {"atom": ATOM}
    for context, test, message in rules:
        for element in root.xpath(f"//{context}", namespaces=names):
            if not element.xpath(f"boolean({test})", namespaces=names):
                problems.append(f"line {element.sourceline}: {message}")
    addresses = [link.get("href") for link in root.iter(f"{{{ATOM}}}link")]
    addresses += [element.text for element in root.iter(f"{{{ATOM}}}id")]
    addresses += [element.get(XML_BASE) for element in root.iter() if element.get(XML_BASE)]
    problems += [
        f"not an absolute address: {value!r}"
        for value in addresses
        if not (value or "").startswith(ABSOLUTE)
    ]
    return problems


@functools.cache
def _cff_validator() -> jsonschema.Draft7Validator:
    schema = json.loads((STANDARDS / "citation-file-format-1.2.0.schema.json").read_bytes())
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def cff_problems(data: bytes) -> list[str]:
    """What makes ``data`` not a valid CITATION.cff: the schema's errors, each with where
    it is (``authors/0/name: '' should be non-empty``)."""
    try:
        document: Any = yaml.safe_load(data)
    except yaml.YAMLError as error:
        return [f"not YAML: {error}"]
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in _cff_validator().iter_errors(document)
    ]
