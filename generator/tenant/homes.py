"""What the page of one home shows: facts, components, the plan, corrections, help links.

Each function takes one home's own rows (see :mod:`generator.tenant.data`) and returns
display-ready values; the template only shows them. Unknown values ask the tenant to help,
accepted corrections replace the published value and keep the original visible.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from typing import Any

from generator.core import formatting as fmt
from generator.core import urls
from generator.housing import lifespans
from generator.privacy.kanonymity import QUASI_IDENTIFIERS
from generator.tenant.correction_links import Helpers
from generator.tenant.data import Correction, OdxData, authority_name
from generator.tenant.labels import component_name, label, period
from generator.tenant.say import SayChannels

HOME_FACTS = (  # (field, label)
    ("property_type", "Type of home"),
    ("built_form", "Built form"),
    ("bedrooms", "Bedrooms"),
    ("build_period", "Built"),
    ("heating_type", "Main heating"),
    ("rent_type", "Rent type"),
    ("dhs_status", "Decent Homes"),
    ("epc_lodgement_year", "EPC year"),
    ("last_survey_year", "Last survey"),
)
_FACT_NAMES = (  # what a tenant calls each published fact, for the privacy sentence
    ("postcode_sector", "area"),
    ("property_type", "type of home"),
    ("built_form", "built form"),
    ("bedrooms", "bedrooms"),
    ("build_period", "build period"),
    ("heating_type", "main heating"),
    ("rent_type", "rent type"),
    ("epc_band", "energy rating"),
    ("epc_lodgement_year", "EPC year"),
)
COMPONENT_FIELD_LABELS = (  # (field, label) of a part's facts a tenant may correct
    ("install_year", "Year installed"),
    ("condition", "Condition"),
    ("expected_life_years", "Expected life in years"),
)
VALUE_LABELS: dict[str, dict[Any, str]] = {  # by field, then by cell value
    "dhs_status": {
        "meets": "Meets the standard",
        "fails": "Does not meet the standard",
        "not-assessed": "Not assessed",
    },
    "bedrooms": {0: "None (studio)", 5: "5 or more"},
    "heating_type": {"gas-boiler": "Gas boiler", "lpg-boiler": "LPG boiler"},
    "built_form": {"detached-or-semi-detached": "Detached or semi-detached"},
}
NOT_KNOWN = "Not known"
WITHHELD = "Withheld to protect privacy"
GENERALISED = "shown as a wider group to protect privacy"
EVIDENCE = {  # where an accepted correction came from, as the page says it
    "tenant-observation": "",
    "photo": " with a photo",
    "document": " with a document",
    "survey": " and confirmed by survey",
}
PLAN_STATUS_DONE = frozenset({"completed", "cancelled"})


_SHOWN: dict[tuple[str, type, Any], str] = {}  # the few distinct values of each field
_SHOWN_MAX = 4_096


def _shown(field: str, value: Any) -> str:
    """A value as the page shows it (remembered: years and types repeat over every page)."""
    key = (field, type(value), value)
    try:
        return _SHOWN[key]
    except KeyError:
        text = _words(field, value)
        if len(_SHOWN) < _SHOWN_MAX:
            _SHOWN[key] = text
        return text
    except TypeError:  # an unhashable value (a list): not remembered
        return _words(field, value)


def _words(field: str, value: Any) -> str:
    if value is None or value == "" or value == "unknown":
        return NOT_KNOWN
    if field == "build_period":
        return period(value)
    if field == "epc_band":
        return f"band {value}"
    if field == "bedrooms" and isinstance(value, str):
        return value  # a coarsened band such as 0-1 or 3+
    mapped = VALUE_LABELS.get(field, {}).get(value)
    if mapped:
        return mapped
    return str(value) if isinstance(value, int) else label(value)


def _value_view(
    field: str,
    value: Any,
    found: list[Correction] | None,
    help_link: Callable[[], dict[str, str]] | None,
    about: str = "",
    coarsened: bool | None = None,
) -> dict[str, Any]:
    """A value with its corrections: accepted replaces it (original kept), submitted waits.

    ``about`` names the value for screen readers next to its "can you help?" link.
    ``coarsened`` is True when the privacy gate withheld the column, False when it published
    it as a wider group, None when it published it as it is.
    """
    unknown = value is None or value == "" or value == "unknown"
    view: dict[str, Any] = {
        "text": _shown(field, value),
        "unknown": unknown,
        "help": None,
        "about": about,
        "corrected": "",
        "was": "",
        "review": "",
        "generalised": "",
    }
    if not found and coarsened is None and not unknown:  # most values: shown as they are
        view["plain"] = True
        return view
    if coarsened is True:
        view.update(text=WITHHELD, unknown=False)
        help_link = None
    elif coarsened is False and not view["unknown"]:
        view["generalised"] = GENERALISED
    for correction in found or ():
        if field in QUASI_IDENTIFIERS:  # the value would single the home out: say, don't show
            view["review"] = (
                f"A tenant's correction was accepted in {correction.decided_year}; it shows "
                "when the landlord next publishes its data"
                if correction.status == "accepted" and correction.decided_year
                else "A tenant's correction was accepted; it shows when the landlord next "
                "publishes its data"
                if correction.status == "accepted"
                else "A tenant's correction is under review"
            )
            continue
        if correction.status == "accepted":
            view["was"] = view["text"]
            view["text"] = _shown(field, _typed(value, correction.proposed))
            view["unknown"] = False
            evidence = EVIDENCE.get(correction.evidence, "")
            view["corrected"] = (
                f"corrected by tenant{evidence}, accepted {correction.decided_year}"
                if correction.decided_year
                else f"corrected by tenant{evidence}, accepted"
            )
        elif correction.status == "submitted":
            proposed = _shown(field, _typed(value, correction.proposed))
            view["review"] = f"Under review: a tenant says {proposed}"
    view["plain"] = not (
        view["unknown"] or view["corrected"] or view["review"] or view["generalised"]
    )
    if view["unknown"] and help_link is not None:  # links are made only where they are shown
        links = help_link()
        if links["issue"] or links["email"]:
            view["help"] = links
    return view


def _typed(original: Any, proposed: Any) -> Any:
    if isinstance(original, int) or (original is None and str(proposed).isdigit()):
        try:
            return int(proposed)
        except (TypeError, ValueError):
            return proposed
    return proposed


def privacy_note(coarsened: Mapping[str, bool], url: str, k: int) -> dict[str, Any] | None:
    """What every home page of a coarsened package says about it: the facts shown as wider
    groups, those withheld, and the page that says why; None when nothing was coarsened."""
    if not coarsened:
        return None
    return {
        "generalised": [label for name, label in _FACT_NAMES if coarsened.get(name) is False],
        "withheld": [label for name, label in _FACT_NAMES if coarsened.get(name) is True],
        "url": url,
        "k": k,
    }


def corrected(value: Any, found: list[Correction] | None) -> Any:
    """The value the site uses: the last accepted correction's, else the published one."""
    for correction in reversed(found or []):
        if correction.status == "accepted":
            return _typed(value, correction.proposed)
    return value


def corrected_assessment(
    ref: str, row: dict[str, Any], property_type: Any, data: OdxData, as_of_year: int
) -> lifespans.Assessment:
    """The lifespan of one component row of home ``ref``, with the accepted corrections of
    its install year and expected life (looked up only for the parts the index knows to
    have a correction: most have none)."""
    kind = row["component_type"]
    install, own = row.get("install_year"), row.get("expected_life_years")
    if (ref, kind) in data.corrected_parts:
        install = corrected(install, data.corrections.get((ref, kind, "install_year")))
        own = corrected(own, data.corrections.get((ref, kind, "expected_life_years")))
    return lifespans.assess(kind, property_type, install, own, as_of_year)


def home_view(
    home: dict[str, Any],
    data: OdxData,
    *,
    as_of_year: int,
    landlord: str,
    helpers: Helpers,
    area_url: str,
    overview_url: str,
    coarsened: Mapping[str, bool] | None = None,
    privacy: dict[str, Any] | None = None,
    say: SayChannels | None = None,
) -> dict[str, Any]:
    """Everything the page of one home shows.

    ``coarsened`` maps each column the privacy gate coarsened to True when it was withheld
    and False when it was published as a wider group; ``privacy`` is the sentence that says
    so (:func:`privacy_note`, the same for every home of the package); ``say`` are the ways
    the landlord set up for tenants to have their say (:mod:`generator.tenant.say`).
    """
    ref = home["home_ref"]
    fixes = data.corrections
    coarsened = coarsened or {}
    facts = []
    for name, text in HOME_FACTS:
        if name not in home:
            continue
        found = fixes.get((ref, "", name))
        facts.append(
            {
                "label": text,
                **_value_view(
                    name,
                    home[name],
                    found,
                    partial(helpers.correction, ref, name),
                    about=text.lower(),
                    coarsened=coarsened.get(name),
                ),
            }
        )
    property_type = home.get("property_type")  # a quasi-identifier: never corrected on pages
    epc = home.get("epc_band")  # a quasi-identifier too
    components = [
        _component_view(ref, row, data, property_type, as_of_year, helpers)
        for row in sorted(data.components.get(ref, []), key=lambda r: r["component_type"])
    ]
    plan_lines = data.plan.get(ref, [])
    covered = {
        line["component_type"]
        for line in plan_lines
        if line.get("status") not in PLAN_STATUS_DONE | {"deferred"}
    }
    deferred = {line["component_type"] for line in plan_lines if line.get("status") == "deferred"}
    for component in components:
        if component["status"] == lifespans.OVERDUE:
            component["plan_note"] = (
                "In the plan"
                if component["type"] in covered
                else "In the plan, but deferred"
                if component["type"] in deferred
                else "No plan to replace it yet"
            )
    overdue = [c for c in components if c["status"] == lifespans.OVERDUE]
    return {
        "ref": ref,
        "landlord": landlord,
        "as_of_year": as_of_year,
        "area": {
            "sector": home.get("postcode_sector") or "",
            "authority": authority_name(home.get("local_authority_code")),
            "url": area_url,
        },
        "epc": {
            "class": f"epc-{str(epc).lower()}" if epc else "",
            **_value_view(
                "epc_band",
                home.get("epc_band"),
                fixes.get((ref, "", "epc_band")),
                partial(helpers.correction, ref, "epc_band"),
                about="energy rating",
                coarsened=coarsened.get("epc_band"),
            ),
        },
        "privacy": privacy,
        "facts": facts,
        "components": components,
        "overdue_count": len(overdue),
        "overdue_unplanned": sum(1 for c in overdue if c["type"] not in covered),
        "plan": _plan_view(plan_lines),
        "correct": helpers.correction(ref),
        "correct_page": urls.CORRECT,
        "say": (say or SayChannels()).view(ref, [c["type"] for c in components]),
        "overview_url": overview_url,
    }


def _component_view(
    ref: str,
    row: dict[str, Any],
    data: OdxData,
    property_type: Any,
    as_of_year: int,
    helpers: Helpers,
) -> dict[str, Any]:
    kind = row["component_type"]
    result = corrected_assessment(ref, row, property_type, data, as_of_year)
    fixed = (ref, kind) in data.corrected_parts  # most parts have no correction: no lookups
    install_fixes = data.corrections.get((ref, kind, "install_year")) if fixed else None
    condition_fixes = data.corrections.get((ref, kind, "condition")) if fixed else None
    name, about_installed, about_condition, older = _part_words(kind)
    installed = _value_view(
        "install_year",
        row.get("install_year"),
        install_fixes,
        partial(helpers.correction, ref, "install_year", kind),
        about=about_installed,
    )
    basis = row.get("install_year_basis")
    return {
        "type": kind,
        "name": name,
        "installed": installed,
        "basis": label(basis) if basis and not installed["unknown"] else "",
        "age": fmt.plural(result.age, "year") if result.age is not None else "",
        "life": _life(result.expected_life, result.life_source),
        "due": str(result.due_year) if result.due_year else NOT_KNOWN,
        "status": result.status,
        "status_label": lifespans.STATUS_LABELS[result.status],
        "condition": _value_view(
            "condition",
            row.get("condition"),
            condition_fixes,
            partial(helpers.correction, ref, "condition", kind),
            about=about_condition,
        ),
        "notes": [older.format(result.beyond_modern_age)] if result.beyond_modern_age else [],
        "plan_note": "",
    }


@lru_cache(maxsize=256)
def _part_words(kind: str) -> tuple[str, str, str, str]:
    """A part's name, what its year and condition are about for screen readers, and the
    note for a part older than the standard expects (with {} for the years)."""
    name = component_name(kind)
    lower = name.lower()
    return (
        name,
        f"{lower}: year installed",
        f"{lower}: condition",
        f"older than the {{}} years the Decent Homes Standard expects of a modern {lower}",
    )


@lru_cache(maxsize=256)
def _life(years: int | None, source: str | None) -> str:
    """A part's expected life as the page shows it."""
    if not years:
        return NOT_KNOWN
    return f"{years} years" + (" (landlord)" if source == "landlord" else "")


def _plan_view(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The home's plan as a timeline: one entry per year, its lines in component order."""
    years: dict[int, list[dict[str, Any]]] = {}
    for line in sorted(lines, key=lambda x: (x.get("planned_year") or 0, x["component_type"])):
        cost = line.get("estimated_cost_gbp")
        component = component_name(line["component_type"]).lower()
        years.setdefault(line.get("planned_year") or 0, []).append(
            {
                "work": f"{label(line.get('work_type'))} {component}",
                "cost": f"£{cost:,}" if isinstance(cost, int) else "cost not given",
                "status": label(line.get("status")),
                "done": line.get("status") in PLAN_STATUS_DONE,
                "programme": line.get("programme") or "",
            }
        )
    return [{"year": year, "lines": items} for year, items in sorted(years.items())]
