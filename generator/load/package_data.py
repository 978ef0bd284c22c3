"""A validated data package as the later stages read it: its resources, their fields, figures
and, for ODX packages, their typed rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.load import odx_profile
from generator.load.descriptor import Descriptor
from generator.load.summary import TableSummary
from generator.load.table import Table


@dataclass(frozen=True)
class FieldDoc:
    """Documentation of one schema field."""

    name: str
    title: str
    type: str
    format: str
    description: str
    constraints: dict[str, Any]


@dataclass
class ResourceData:
    """A validated resource and what the site shows of it."""

    name: str
    slug: str
    title: str
    description: str
    format: str
    mediatype: str
    encoding: str
    files: list[Path]
    remote: list[str]
    tabular: bool
    fields: list[FieldDoc] = field(default_factory=list)
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    summary: TableSummary | None = None
    schema_inferred: bool = False
    bytes: int = 0
    table: Table | None = None
    schema: dict[str, Any] = field(default_factory=dict)
    referenced: list[Path] = field(default_factory=list)  # local schema and dialect files
    # a table not kept in memory: the privacy screen's (row number, column, problem)
    screened: list[tuple[int | None, str, str]] = field(default_factory=list)


@dataclass
class PackageData:
    """A validated data package."""

    name: str
    slug: str
    folder: Path
    descriptor: Descriptor
    resources: list[ResourceData]
    notes: list[str] = field(default_factory=list)
    profile: odx_profile.OdxInfo | None = None
    content_key: str | None = None  # hash of everything loading read; None without a cache

    def resource(self, name: str) -> ResourceData | None:
        """The resource called ``name``, if the package has one."""
        return next((r for r in self.resources if r.name == name), None)

    @property
    def meta(self) -> dict[str, Any]:
        """The (normalised) descriptor properties."""
        return self.descriptor.data

    @property
    def odx(self) -> dict[str, Any] | None:
        odx = self.meta.get("odx")
        return odx if isinstance(odx, dict) else None
