"""What tenants say, published safely: ``feedback.csv`` remade from the private responses.

After every run of ``odx intake``, each ODX package with responses (or already listing a
``feedback`` resource) gets ``feedback.csv`` anew from all the responses kept in the private
folder, through the privacy room's disclosure control
(:func:`generator.privacy.disclosure.feedback_cells`). The same responses give a
byte-identical file. With ``odx.pilot``, the cells are made for everyone, for the homes in the
pilot (cohort ``pilot``, chosen as the build chooses them) and for the others (``rest``),
checked together so that no cell can be worked out from the other two. A package whose
``datapackage.json`` does not list the resource yet gets it added, with the ODX schema.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.housing.data_model import contract_schemas
from generator.intake import private
from generator.load.package_data import PackageData
from generator.privacy.disclosure import FIELDS, Answer, Cell, Place, feedback_cells
from generator.privacy.pilot import pilot_members

PILOT, REST = "pilot", "rest"  # the cohorts of a pilot's cells

RESOURCE = "feedback"
FILE = "feedback.csv"


def publish_feedback(
    config: SiteConfig, packages: list[PackageData], problems: Problems
) -> list[str]:
    """Write every ODX package's ``feedback.csv``; return what was written, as notes."""
    folder = config.root / config.odx.responses_dir
    by_package: dict[str, list[Answer]] = defaultdict(list)
    for row in private.read(folder, private.RESPONSES):
        by_package[row.get("package") or ""].append(
            Answer(
                home_ref=row.get("home_ref") or "",
                month=row.get("month") or "",
                satisfaction=row.get("satisfaction") or "",
                improve=tuple(code for code in (row.get("improve") or "").split(";") if code),
            )
        )
    notes: list[str] = []
    for package in packages:
        if package.profile is None:
            continue
        answers = by_package.get(package.name, [])
        if not answers and package.resource(RESOURCE) is None:
            continue
        cells = _cells(config, package, answers)
        path = write_resource(package, text_of(cell.row() for cell in cells), config, problems)
        if path is not None:
            published = sum(1 for cell in cells if not cell.reason)
            notes.append(
                f"{config.relative(path)}: {published} of {len(cells)} cells of what tenants "
                f"say published (at least {config.odx.feedback_threshold} responses each)"
            )
    return notes


def _cells(config: SiteConfig, package: PackageData, answers: list[Answer]) -> list[Cell]:
    threshold, pilot = config.odx.feedback_threshold, config.odx.pilot
    if pilot is None:
        return feedback_cells(answers, places(package), threshold)
    cohorts = {PILOT: pilot_members(package, pilot)}
    return feedback_cells(answers, places(package), threshold, cohorts, rest=REST)


def places(package: PackageData) -> dict[str, Place]:
    """Each home's local authority and postcode sector, from the package's homes table."""
    homes = package.resource("homes")
    if homes is None or homes.table is None:
        return {}
    table = homes.table
    ref, authority, sector = (
        table.index(name) for name in ("home_ref", "local_authority_code", "postcode_sector")
    )
    if ref is None or authority is None or sector is None:
        return {}
    return {
        str(row[ref]): Place(str(row[authority] or ""), str(row[sector] or ""))
        for row in table.rows
    }


def text_of(rows: Any, fields: tuple[str, ...] = FIELDS) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_resource(
    package: PackageData,
    text: str,
    config: SiteConfig,
    problems: Problems,
    resource: tuple[str, str, str] = (RESOURCE, FILE, "What tenants say"),
) -> Path | None:
    """Write ``text`` as the file of the package's ``resource`` (name, file, title), adding
    the resource to ``datapackage.json`` with its ODX schema when it is not listed yet."""
    own, file, title = resource
    descriptor_path = package.descriptor.path
    shown = config.relative(descriptor_path)
    try:
        data = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        problems.add(shown, 1, "resources", f"cannot add the {own} resource: not JSON")
        return None
    resources = data.get("resources") if isinstance(data, dict) else None
    if not isinstance(resources, list):
        problems.add(shown, 1, "resources", f"cannot add the {own} resource: no list")
        return None
    listed = next((r for r in resources if isinstance(r, dict) and r.get("name") == own), None)
    name = listed.get("path") if listed is not None else file
    if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
        problems.add(
            shown,
            1,
            f"{own}.path",
            f"the {own} resource must be a file of the package folder, e.g. {file!r}",
        )
        return None
    path = package.folder / name
    if path.is_symlink():
        problems.add(shown, 1, f"{own}.path", f"{name} is a symbolic link; odx follows none")
        return None
    replace_file(path, text)
    if listed is None:
        resources.append(_resource(own, file, title))
        replace_file(descriptor_path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    return path


def _resource(name: str, file: str, title: str) -> dict[str, Any]:
    return {
        "name": name,
        "path": file,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": title,
        "schema": contract_schemas()[name],
    }


def replace_file(path: Path, text: str) -> None:
    """Write ``path`` atomically, leaving it untouched when it already holds ``text``."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    part = path.with_name(f".{path.name}.part")
    part.write_text(text, encoding="utf-8", newline="")
    os.replace(part, path)
