"""The mapping from an export's columns to the form's fields, read from a small YAML file.

A mapping file names, under ``columns``, the export column that holds each form field::

    columns:
      home_ref: Your home reference
      satisfaction: How satisfied are you with your home?
      improve: [First improvement, Second improvement, Third improvement]
      comment: Anything else you would like to tell us?
      submitted: Completion time

``submitted`` is the date the service received the response (the month is kept, the day
and time are not); without it, a response counts as sent in the month it is taken in.

``improve`` may name several columns. A field the mapping leaves out is read from the column
of its own name, if the export has one; with no mapping at all, every field is.
"""

from __future__ import annotations

from pathlib import Path

from generator.core.problems import Problems, written
from generator.core.sourcemap import DocumentError, read_document
from generator.intake.form import EXPORT_FIELDS

Mapping = dict[str, list[str]]  # form field -> the export columns that hold it


def default_mapping(header: list[str]) -> Mapping:
    """The form's own field names, for the fields the export has a column of."""
    return {name: [name] for name in EXPORT_FIELDS if name in header}


def read_mapping(
    path: Path, shown: str, header: list[str], export: str, problems: Problems
) -> Mapping:
    """The mapping in ``path`` (shown as ``shown``) for an export with columns ``header``
    (shown as ``export``); problems, located in the mapping file, go to ``problems``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(shown, 1, "-", "mapping file not found; check the path given to --mapping")
        return {}
    except (OSError, UnicodeDecodeError) as error:
        problems.add(shown, 1, "-", f"cannot read the mapping file ({type(error).__name__})")
        return {}
    try:
        data, lines = read_document(text, "yaml")
    except DocumentError as error:
        problems.add(shown, error.line, "-", f"{error.message} (column {error.column})")
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        problems.add(
            shown,
            lines.line_of(("columns",)),
            "columns",
            "the mapping needs a 'columns:' section naming the export column of each form "
            f"field, e.g. 'home_ref: Home reference' (fields: {', '.join(EXPORT_FIELDS)})",
        )
        return {}
    for key in data:
        if key != "columns":
            problems.add(shown, lines.line_of((key,)), str(key), "unknown; only 'columns' is read")
    mapping = default_mapping(header)
    for name, columns in data["columns"].items():
        line = lines.line_of(("columns", name))
        setting = f"columns.{name}"
        if name not in EXPORT_FIELDS:
            problems.add(
                shown,
                line,
                setting,
                f"not a field of the form; use one of {', '.join(EXPORT_FIELDS)}",
            )
            continue
        named = [columns] if isinstance(columns, str) else columns
        if (
            not isinstance(named, list)
            or not named
            or not all(isinstance(c, str) and c.strip() for c in named)
            or (len(named) > 1 and name != "improve")
        ):
            several = "a column name or a list of them" if name == "improve" else "a column name"
            problems.add(shown, line, setting, f"must be {several}, not {written(columns)}")
            continue
        missing = [column for column in named if column not in header]
        if missing:
            problems.add(
                shown,
                line,
                setting,
                f"no column {written(missing[0])} in {export}; its columns are "
                f"{', '.join(map(repr, header))}",
            )
            continue
        mapping[name] = named
    return mapping
