"""The pilot cohort at the gate: whether ``odx.pilot`` fits the packages, and the areas of
the homes not in the pilot as the site shows areas (see :mod:`generator.privacy.pilot`)."""

from __future__ import annotations

from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.load.package_data import PackageData
from generator.privacy.kanonymity import PackagePrivacy
from generator.privacy.pilot import areas_found, missing_areas_message, problem_with_column


def pilot_fits(packages: list[PackageData], config: SiteConfig, problems: Problems) -> bool:
    """Whether ``odx.pilot`` selects homes in the ODX packages: its column is in every homes
    table and some home has its value, or each listed area holds a home. Each problem is
    located at the option in ``mkdocs.yml``."""
    pilot = config.odx.pilot
    if pilot is None:
        return True
    shown, line = config.config_path.name, config.line_of("odx.pilot")
    odx = [package for package in packages if package.profile is not None]
    wrong = [problem for package in odx if (problem := problem_with_column(package, pilot))]
    if pilot.areas:
        found, existing = areas_found(odx, pilot)
        missing = [area for area in pilot.areas if " ".join(area.split()).upper() not in found]
        if missing:
            wrong.append(missing_areas_message(missing, existing))
    for problem in wrong:
        problems.add(shown, line, "odx.pilot", problem)
    return not wrong


def areas_as_published(privacy: PackagePrivacy) -> None:
    """Key the homes not in the pilot by their areas as published: a postcode sector that
    coarsening widened to its district is linked as the district, as the pilot homes are."""
    pilot, coarsening = privacy.pilot, privacy.coarsening
    if pilot is None or coarsening is None:
        return
    widen = coarsening.changed_columns.get("postcode_sector")
    if widen is None:
        return
    pilot.others = {
        ref: (code, "Unknown" if sector == "Unknown" else str(widen(sector) or "Unknown"))
        for ref, (code, sector) in pilot.others.items()
    }
