"""Check a descriptor against the Data Package profiles, each problem once at its line.

Frictionless reports what is wrong with a descriptor as notes: some end with the JSON
pointer of the property ("... at property 'licenses/0'"), others say it in prose ('license
requires "path" or "name": {...}', 'primary key "[...]" does not match the fields ...').
Pointers of schema and dialect notes are relative to the schema or dialect, and the same
note may come once per field or per licence. This module turns each note into the path
of the property where the mistake stands (then a line, through the descriptor's line
index) and a message saying how to fix it, and reports each problem once.

It also checks what frictionless accepts in a descriptor but then trips on while reading
the data: a ``minimum`` that is not a value of the field's type, a ``pattern`` that is not
a regular expression, a date ``format`` without any ``%`` directive.
"""

from __future__ import annotations

import posixpath
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

from frictionless import Field, Package, Resource, fields

from generator.core.problems import Problems, written
from generator.core.sourcemap import DocumentError, LineIndex, read_document
from generator.load.descriptor import Descriptor

Path = list[str | int]
Found = tuple[Path, str]  # where in the object checked, and the message

FIELD_TYPES = (
    "string, number, integer, boolean, object, array, date, time, datetime, year, "
    "yearmonth, duration, geopoint, geojson, any"
)
_AT_PROPERTY = re.compile(r"\s*at property '([^']*)'")
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_DATE_TYPES = ("date", "time", "datetime")
_FORMATS = {"geopoint": ("default", "array", "object")}  # the Table Schema's, unchecked by
# frictionless's profile: a geopoint of any other format refuses every value
_NOT_ONE_OF = re.compile(r"'(.*)' is not one of \[(.*)\]")


@dataclass(frozen=True)
class _Document:
    """A file problems are reported in: the descriptor, or a schema or dialect it refers to."""

    shown: str
    lines: LineIndex


class _Report:
    """Problems and notes of one descriptor (and the files it refers to), each kept once."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.seen: set[tuple[str, int, str, str]] = set()

    def add(self, document: _Document, where: Path, label: str, message: str) -> None:
        line = document.lines.line_of(where)
        if (document.shown, line, label, message) not in self.seen:
            self.seen.add((document.shown, line, label, message))
            self.problems.add(document.shown, line, label, message)

    def note(self, document: _Document, where: Path, label: str, message: str) -> None:
        self.problems.note(document.shown, document.lines.line_of(where), label, message)


def check_metadata(descriptor: Descriptor, shown: str, problems: Problems) -> None:
    """Record every problem of ``descriptor``'s metadata (package, resources, schemas and
    the schema and dialect files it refers to)."""
    data = descriptor.data
    report = _Report(problems)
    document = _Document(shown, descriptor.lines)
    package_errors = _profile_errors(Package, data) or []  # a resource's crash: see below
    for error in package_errors:
        if error.type == "package-error":
            for where, message in explain_note(error.note, data):
                report.add(document, where, _pointer(where), message)
    resources = data.get("resources")
    for index, resource in enumerate(resources if isinstance(resources, list) else []):
        if isinstance(resource, dict):
            _check_resource(resource, ["resources", index], document, descriptor.path, report)


def _check_resource(
    resource: dict[str, Any], base: Path, document: _Document, path: FilePath, report: _Report
) -> None:
    # where the schema and the dialect stand: in the descriptor, or in files of their own
    parts: dict[str, tuple[_Document, Path]] = {}
    resource = dict(resource)
    for key in ("schema", "dialect"):
        parts[key] = (document, [*base, key])
        reference = resource.get(key)
        if isinstance(reference, str) and "://" not in reference:
            referred = _read_referred(reference, path, document, [*base, key], report)
            if referred is None:
                return
            resource[key], parts[key] = referred[0], (referred[1], [])
    found = _profile_errors(Resource, resource)
    if found is None:
        report.add(document, base, _pointer(base), _UNREADABLE)
        return
    for error in found:
        if error.type == "field-error" and isinstance(resource.get("schema"), dict):
            continue  # each field is checked on its own below
        part_of = {"schema-error": "schema", "field-error": "schema", "control-error": "dialect"}
        part = part_of.get(error.type)
        at, scope = parts[part] if part else (document, base)
        target = resource.get(part) if part else resource
        for where, message in explain_note(error.note, target):
            report.add(at, [*scope, *where], _pointer([*scope, *where]), message)
    schema = resource.get("schema")
    at, scope = parts["schema"]
    items = schema.get("fields") if isinstance(schema, dict) else None
    for position, field in enumerate(items if isinstance(items, list) else []):
        if not isinstance(field, dict):
            continue  # the profile check above has said so
        here: Path = [*scope, "fields", position]
        name = field.get("name")
        named = isinstance(name, str) and name.strip()
        label = f"{resource.get('name')}.{name}" if named else _pointer(here)
        for where, message in check_field(field):
            report.add(at, [*here, *where], label, message)
        for where, message in field_notes(field):
            report.note(at, [*here, *where], label, message)
    for where, message in _older_forms(resource):
        report.note(document, [*base, *where], _pointer([*base, *where]), message)


def _read_referred(
    reference: str, descriptor_path: FilePath, document: _Document, where: Path, report: _Report
) -> tuple[dict[str, Any], _Document] | None:
    """A schema or dialect file the descriptor refers to (already checked to be a file in
    the package folder), parsed with its lines; None when it cannot be used."""
    shown = posixpath.normpath(posixpath.join(posixpath.dirname(document.shown), reference))
    kind = "yaml" if reference.lower().endswith((".yaml", ".yml")) else "json"
    try:
        text = (descriptor_path.parent / reference).read_text(encoding="utf-8")
        value, lines = read_document(text, kind)
    except (OSError, UnicodeDecodeError):
        report.add(document, where, _pointer(where), f"'{reference}' cannot be read as UTF-8 text")
        return None
    except DocumentError as error:
        report.problems.add(shown, error.line, "-", f"{error.message} (column {error.column})")
        return None
    if not isinstance(value, dict):
        report.problems.add(shown, 1, "-", f"must be an object, not {written(value)}")
        return None
    return value, _Document(shown, lines)


_UNREADABLE = (
    "frictionless cannot read this part of the descriptor: a property holds a value of the "
    "wrong kind (a list or text where an object is expected, or the other way round); "
    "check each property against the Data Package spec"
)


def _profile_errors(kind: Any, descriptor: dict[str, Any]) -> list[Any] | None:
    """Frictionless's findings on ``descriptor`` as a package, resource or field; None when
    it cannot even read it (its upgrades of older forms assume the right kinds of value)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated forms are read all the same
        try:
            return list(kind.validate_descriptor(descriptor).errors)
        except Exception:
            return None


def _pointer(where: Path) -> str:
    return "/".join(map(str, where)) or "-"


def explain_note(note: str | None, target: Any) -> list[Found]:
    """Where in ``target`` (the package, a resource, a schema or a dialect) the mistake a
    frictionless note describes stands, and what to do; a note may point at several."""
    note = re.sub(r"\s+", " ", note or "the descriptor is not valid").strip()
    target = target if isinstance(target, dict) else {}
    pointer = _AT_PROPERTY.search(note)
    if pointer:
        where: Path = [int(p) if p.isdigit() else p for p in pointer.group(1).split("/") if p]
        return [
            (where, f"{_as_written(_AT_PROPERTY.sub('', note), target, where)}; fix the descriptor")
        ]
    for pattern, locate in _PROSE:
        if re.search(pattern, note):
            found = list(locate(target))
            if found:
                return found
    return [([], f"{note}; fix the descriptor")]


_KINDS = {
    "string": "text",
    "object": 'an object ({"key": value, …})',
    "array": "a list ([…])",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}


def _as_written(note: str, target: Any, where: Path) -> str:
    """A JSON Schema note about the value at ``where`` with the value shown as the
    contributor wrote it (not as Python prints it: ``None``, ``True``) and kinds in words."""
    value: Any = target
    for key in where:
        if key == 0 and not isinstance(value, list):
            continue  # frictionless reads a single value as a list of it
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            return note
    if note.startswith(repr(value)):
        note = written(value) + note[len(repr(value)) :]
    kind = re.search(r" is not of type '(\w+)'$", note)
    if kind and kind.group(1) in _KINDS:
        note = note[: kind.start()] + f" is not {_KINDS[kind.group(1)]}"
    return note


def _licences(target: dict[str, Any]) -> Iterator[Found]:
    licences = target.get("licenses")
    for position, licence in enumerate(licences if isinstance(licences, list) else []):
        if isinstance(licence, dict) and not licence.get("name") and not licence.get("path"):
            yield (
                ["licenses", position],
                'the licence has neither "name" (e.g. "CC-BY-4.0") nor "path" (the address '
                "of its text); add one",
            )


def _emails(target: dict[str, Any]) -> Iterator[Found]:
    email = fields.StringField(name="email", format="email")
    for key in ("contributors", "sources"):
        items = target.get(key)
        for position, item in enumerate(items if isinstance(items, list) else []):
            value = item.get("email") if isinstance(item, dict) else None
            if value and email.read_cell(value)[1]:
                yield (
                    [key, position, "email"],
                    f"'{value}' is not an email address; correct it or remove it",
                )


def _field_names(schema: dict[str, Any]) -> list[Any]:
    items = schema.get("fields")
    return [
        f.get("name") for f in (items if isinstance(items, list) else []) if isinstance(f, dict)
    ]


def _names_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _primary_key(schema: dict[str, Any]) -> Iterator[Found]:
    names = _field_names(schema)
    key = schema.get("primaryKey")
    for position, name in enumerate(_names_of(key)):
        if name not in names:
            yield (
                ["primaryKey", position] if isinstance(key, list) else ["primaryKey"],
                f"primary key field '{name}' is not a field of the schema; name one of: "
                f"{', '.join(map(str, names))}",
            )


def _foreign_keys(schema: dict[str, Any]) -> Iterator[Found]:
    names = _field_names(schema)
    keys = schema.get("foreignKeys")
    for number, key in enumerate(keys if isinstance(keys, list) else []):
        if not isinstance(key, dict):
            continue
        own = key.get("fields")
        for position, name in enumerate(_names_of(own)):
            if name not in names:
                where: Path = ["foreignKeys", number, "fields"]
                yield (
                    [*where, position] if isinstance(own, list) else where,
                    f"foreign key field '{name}' is not a field of the schema; name one of: "
                    f"{', '.join(map(str, names))}",
                )
        reference = key.get("reference")
        if not isinstance(reference, dict):
            yield (
                ["foreignKeys", number],
                'the foreign key has no "reference"; add "reference": {"resource": "…", '
                '"fields": […]} naming the rows it refers to',
            )
            continue
        theirs = reference.get("fields")
        if theirs is not None and len(_names_of(own)) != len(_names_of(theirs)):
            yield (
                ["foreignKeys", number, "reference", "fields"],
                f"the foreign key has {len(_names_of(own))} field(s) and its reference "
                f"{len(_names_of(theirs))}; give both the same number, in the same order",
            )


def _repeated_fields(schema: dict[str, Any]) -> Iterator[Found]:
    seen: set[Any] = set()
    for position, name in enumerate(_field_names(schema)):
        if name in seen:
            yield (
                ["fields", position, "name"],
                f"field name '{name}' is used twice; give each field its own name",
            )
        seen.add(name)


def _at(*where: str | int, message: str) -> Any:
    return lambda _target: [(list(where), message)]


_PROSE: list[tuple[str, Any]] = [
    (r'license requires "path" or "name"', _licences),
    (
        r'resource type ".*" is not supported',
        lambda target: [
            (
                ["type"],
                f'resource type {written(target.get("type"))} is not known; use "table" or '
                'remove "type"',
            )
        ],
    ),
    (r'\[\]\.email" is not valid "email"', _emails),
    (r"primary key .* does not match the fields", _primary_key),
    (r"foreign key .* does not match the", _foreign_keys),
    (r"names of the fields are not unique", _repeated_fields),
    (
        r'property "created" is not valid',
        _at(
            "created", message='"created" is not a date and time; write e.g. "2024-05-01T12:00:00Z"'
        ),
    ),
    (
        r'properties "path" and "data" is mutually exclusive',
        _at("data", message='give either "path" or inline "data", not both'),
    ),
    (
        r'profile "tabular-data-resource" requires "schema"',
        _at("profile", message='a "tabular-data-resource" needs a "schema"; add one'),
    ),
    (
        r'profile "tabular-data-package" requires',
        _at(
            "profile",
            message='"tabular-data-package" needs every resource to say "profile": '
            '"tabular-data-resource"; add it to each, or remove this profile',
        ),
    ),
    (
        r'"(missingValues|fields)" should be set as',
        lambda target: [
            ([name], f'"{name}" belongs in the resource\'s "schema"; move it there')
            for name in ("missingValues", "fields", "primaryKey", "foreignKeys")
            if name in target
        ],
    ),
]


def check_field(field: dict[str, Any]) -> list[Found]:
    """What is wrong with one schema field: what frictionless says, each at its property,
    and the values it would trip on while reading the data."""
    found: list[Found] = []
    errors = _profile_errors(Field, field)
    if errors is None:
        return [([], _UNREADABLE)]
    for error in errors:
        note = re.sub(r"\s+", " ", error.note or "").strip()
        kind = re.search(r'field type "([^"]*)" is not supported', note)
        constraint = re.search(r'constraint "([^"]*)"', note)
        if kind:
            kind_written = written(field.get("type"))
            found.append(
                (["type"], f"type {kind_written} is not a field type; use one of: {FIELD_TYPES}")
            )
        elif "'name' is a required property" in note:
            found.append(([], 'the field has no name; add "name": "..." (its column header)'))
        elif (choice := _NOT_ONE_OF.match(note)) and choice.group(1) == field.get("format"):
            formats = ", ".join(re.findall(r"'([^']*)'", choice.group(2)))
            found.append(
                (
                    ["format"],
                    f"format '{field['format']}' is not a format of a {field.get('type')} "
                    f"field; use one of: {formats}, or remove it",
                )
            )
        elif constraint and not _AT_PROPERTY.search(note):
            found.append((["constraints", constraint.group(1)], f"{note}; fix the schema"))
        else:
            for where, message in explain_note(note, field):
                found.append((where, message.replace("fix the descriptor", "fix the schema")))
    if not found:
        found.extend(_unreadable_values(field))
    return found


def _unreadable_values(field: dict[str, Any]) -> Iterator[Found]:
    """Values of a valid field descriptor that frictionless would fail on with the data."""
    kind = field.get("type", "any")
    fmt = field.get("format")
    known = _FORMATS.get(kind)
    if known and isinstance(fmt, str) and fmt not in known:  # every value would be refused
        yield (
            ["format"],
            f"format '{fmt}' is not a format of a {kind} field, so no value would be read; "
            f"use one of: {', '.join(known)}, or remove it",
        )
        return
    if kind in _DATE_TYPES and isinstance(fmt, str):
        date_pattern = fmt.removeprefix("fmt:")
        if date_pattern not in ("default", "any") and "%" not in date_pattern:
            yield (
                ["format"],
                f"format '{fmt}' has no % directive, so no {kind} would match it; write "
                'a pattern such as "%d/%m/%Y", or "default" or "any"',
            )
            return
    constraints = field.get("constraints")
    if not isinstance(constraints, dict):
        return
    try:
        reader = Field.from_descriptor(dict(field, constraints={})).create_value_reader()
    except Exception:  # a field frictionless cannot make has been reported above
        return
    for name in _BOUNDS:
        value = constraints.get(name)
        if value is not None and reader(value) is None:
            yield (
                ["constraints", name],
                f"{name} {written(value)} is not a valid {kind}; write it as a value of the field",
            )
    pattern = constraints.get("pattern")
    if isinstance(pattern, str):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # see field_notes
                re.compile(pattern)
        except re.error as error:
            yield (
                ["constraints", "pattern"],
                f"pattern {pattern!r} is not a regular expression ({error.msg} at position "
                f"{error.pos}); correct it",
            )


def field_notes(field: dict[str, Any]) -> list[Found]:
    """What in a valid field works today but may not tomorrow: a ``pattern`` whose meaning
    Python warns will change (a ``[`` inside a set, ``--``, ``&&``, ``~~``, ``||``)."""
    constraints = field.get("constraints")
    pattern = constraints.get("pattern") if isinstance(constraints, dict) else None
    if not isinstance(pattern, str):
        return []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            re.compile(f"^{pattern}$")
        except re.error:
            return []  # reported as a problem
    notes: list[Found] = [
        (
            ["constraints", "pattern"],
            f"pattern {pattern!r} may mean something else in a future Python "
            f"({str(warning.message).lower()}); escape a literal [ - & ~ or | with \\",
        )
        for warning in caught
        if issubclass(warning.category, FutureWarning)
    ]
    return notes[:1]


def _older_forms(resource: dict[str, Any]) -> list[Found]:
    """Older resource properties frictionless still reads (and would warn about)."""
    found: list[Found] = []
    if "layout" in resource:
        found.append((["layout"], '"layout" was read as "dialect" (older form); rename it'))
    if resource.get("compression") == "no":
        found.append((["compression"], '"compression": "no" is an older form; remove it'))
    if "hashing" in resource and isinstance(resource.get("stats"), dict):
        found.append((["stats"], '"stats.hash" with "hashing" is an older form; use "hash"'))
    return found
