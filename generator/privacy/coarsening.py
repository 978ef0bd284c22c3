"""The coarsening ladders: make every group of homes reach k instead of refusing the package.

Opt-in (``odx.coarsen: true``). Each quasi-identifier has a ladder of rungs, each rung a
coarser way of publishing the column (anonymisation rules v0.2, rule 4):

- EPC lodgement year -> before or after the year EPCs of the ``as_of`` date have been valid
  from (ten years earlier) -> withheld;
- postcode sector -> postcode district;
- build period -> a wide band (pre-1945, 1945-1980, 1981-2000, 2001 onwards) -> withheld;
- bedrooms -> 0-1, 2, 3+ -> withheld;
- main heating -> a broad kind (boiler, electric, communal or other) -> withheld;
- EPC band -> A-C, D, E-G -> withheld;
- built form -> terraced, detached or semi-detached -> withheld;
- property type -> house or flat;
- rent type -> withheld;
- any other quasi-identifying column of the homes table -> withheld.

A rung always applies to *every* home of the package (a value coarsened for some homes only
could be told apart from the rest, and the small group recovered by difference). The climb is
greedy: each step takes the rung, among the next rung of every ladder, that leaves the fewest
homes in groups below k (ties go to the rung listed first in :data:`PREFERENCE`, the one that
loses least), and it stops as soon as every group reaches k or at most
:data:`SUPPRESSION_LIMIT` of the homes are left in small groups. The climb then settles on the
first of its steps that leaves the fewest homes in small groups, steps back down every rung
that is not needed for that, and the homes still in small groups are suppressed: neither they
nor their components, plan lines or corrections are published. What changed is recorded and
shown on the package page and on each home page; the published ``homes`` file and descriptor
carry the coarsened values.

The local authority has no ladder: the site is organised by it, and a postcode district lies
in one authority or a few. Homes that no rung can hide among k others are suppressed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.load.table import Table

if TYPE_CHECKING:
    from generator.load.package_data import PackageData

WIDE_PERIODS = ("pre-1945", "1945-1980", "1981-2000", "2001-onwards")
BEDROOM_BANDS = ("0-1", "2", "3+")
HEATING_KINDS = ("boiler", "electric", "communal-or-other", "unknown")
EPC_BANDS = ("A-C", "D", "E-G")
BUILT_FORMS = ("terraced", "detached-or-semi-detached", "not-applicable")
PROPERTY_KINDS = ("house", "flat", "other")
EPC_VALIDITY_YEARS = 10
SUPPRESSION_LIMIT = 0.01  # share of homes that may be suppressed rather than climb further
RELATED = ("components", "investment_plan", "corrections")


def group_key(row: Sequence[Any], positions: Sequence[int | None]) -> tuple[Any, ...]:
    """The values of ``row`` at ``positions`` as a hashable group (objects and arrays of JSON
    tables as their canonical JSON text; a missing column as None)."""
    return tuple(_hashable(row[p]) if p is not None else None for p in positions)


def _hashable(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, default=str)
    return value


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def district(sector: Any) -> Any:
    """The postcode district of a sector: ``'LS6 2'`` → ``'LS6'``."""
    if not isinstance(sector, str):
        return sector
    return sector.split(" ", 1)[0]


def wide_period(period: Any) -> Any:
    """The wide band an EPC build period falls in, by the year it starts."""
    if not isinstance(period, str):
        return period
    if period.startswith("before"):
        return WIDE_PERIODS[0]
    match = re.match(r"(\d{4})", period)
    if not match:
        return period
    start = int(match.group(1))
    if start < 1945:
        return WIDE_PERIODS[0]
    if start <= 1980:
        return WIDE_PERIODS[1]
    if start <= 2000:
        return WIDE_PERIODS[2]
    return WIDE_PERIODS[3]


def bedroom_band(bedrooms: Any) -> Any:
    """Bedrooms as a band: 0 and 1 → ``0-1``, 2 → ``2``, 3 or more → ``3+``."""
    try:
        count = int(bedrooms)
    except (TypeError, ValueError):
        return bedrooms
    return BEDROOM_BANDS[0] if count <= 1 else BEDROOM_BANDS[1] if count == 2 else BEDROOM_BANDS[2]


_HEATING = {
    "gas-boiler": "boiler",
    "oil-boiler": "boiler",
    "lpg-boiler": "boiler",
    "biomass": "boiler",
    "electric-storage": "electric",
    "heat-pump": "electric",
    "district": "communal-or-other",
    "other": "communal-or-other",
    "unknown": "unknown",
}


def heating_kind(heating: Any) -> Any:
    """Main heating as a broad kind: every boiler → ``boiler``, storage heaters and heat
    pumps → ``electric``, district heating and the rest → ``communal-or-other``."""
    text = _text(heating)
    return None if text is None else _HEATING.get(text, "communal-or-other")


def epc_band_group(band: Any) -> Any:
    """An EPC band in three groups: A to C (the 2030 target), D, and E to G."""
    text = _text(band)
    if text is None:
        return None
    letter = text.strip().upper()[:1]
    return "A-C" if letter in "ABC" else "D" if letter == "D" else "E-G"


def built_form_kind(form: Any) -> Any:
    """Built form as ``terraced``, ``detached-or-semi-detached`` or ``not-applicable``."""
    text = _text(form)
    if text is None:
        return None
    if "terrace" in text:
        return "terraced"
    if text in ("detached", "semi-detached"):
        return "detached-or-semi-detached"
    return "not-applicable"


def property_kind(kind: Any) -> Any:
    """Property type as ``house`` (houses and bungalows), ``flat`` (flats, maisonettes and
    bedsits) or ``other``."""
    text = _text(kind)
    if text is None:
        return None
    if text in ("house", "bungalow"):
        return "house"
    if text in ("flat", "maisonette", "bedsit"):
        return "flat"
    return "other"


def epc_year_cut(cut: int) -> Callable[[Any], Any]:
    """EPC lodgement years as ``before <cut>`` or ``<cut> or later``."""

    def apply(year: Any) -> Any:
        try:
            number = int(str(year).strip())
        except (TypeError, ValueError):
            return None if _text(year) is None else year
        return f"before {cut}" if number < cut else f"{cut} or later"

    return apply


def withheld(_value: Any) -> None:
    """Every value of the column is left out."""
    return None


@dataclass(frozen=True)
class Rung:
    """One step of one ladder: which column changes, how, what the pages say, and what the
    published schema declares the column as."""

    column: str
    apply: Callable[[Any], Any]
    says: str
    published_as: dict[str, Any] = field(default_factory=dict)  # type, constraints, description

    @property
    def withholds(self) -> bool:
        """Whether this rung leaves the column out altogether."""
        return self.apply is withheld

    def publish_field(self, descriptor: dict[str, Any]) -> None:
        """Declare a schema field as this rung publishes it (in place)."""
        constraints = dict(descriptor.get("constraints") or {})
        if self.withholds:
            for key in ("required", "enum", "pattern", "minimum", "maximum", "unique"):
                constraints.pop(key, None)
        for key, value in self.published_as.items():
            if key == "constraints":
                for name in ("minimum", "maximum", "pattern", "enum"):
                    constraints.pop(name, None)
                constraints.update(value)
            else:
                descriptor[key] = value
        if constraints:
            descriptor["constraints"] = constraints
        else:
            descriptor.pop("constraints", None)


def _withheld_rung(column: str, words: str, *, plural: bool = True) -> Rung:
    return Rung(
        column,
        withheld,
        f"{words} {'were' if plural else 'was'} withheld",
        {"description": f"Withheld to protect privacy: {words} could single out a home."},
    )


def ladders(as_of_year: int, extra: Sequence[str] = ()) -> dict[str, tuple[Rung, ...]]:
    """Each quasi-identifier's ladder, from its first rung up (``extra``: the homes table's
    other identifying columns, which can only be withheld)."""
    cut = as_of_year - EPC_VALIDITY_YEARS
    string = {"type": "string"}
    found: dict[str, tuple[Rung, ...]] = {
        "epc_lodgement_year": (
            Rung(
                "epc_lodgement_year",
                epc_year_cut(cut),
                f"EPC years were published as before {cut} or {cut} or later",
                {
                    **string,
                    "format": "default",
                    "constraints": {"enum": [f"before {cut}", f"{cut} or later"]},
                    "description": f"EPC lodgement year, coarsened to before {cut} or {cut} "
                    "or later.",
                },
            ),
            _withheld_rung("epc_lodgement_year", "EPC years"),
        ),
        "postcode_sector": (
            Rung(
                "postcode_sector",
                district,
                "postcode sectors were published as districts",
                {
                    "constraints": {"pattern": "^[A-Z]{1,2}[0-9][0-9A-Z]?$"},
                    "description": "Postcode district (coarsened from the sector).",
                },
            ),
        ),
        "build_period": (
            Rung(
                "build_period",
                wide_period,
                "build periods were published as wider bands (pre-1945, 1945-1980, "
                "1981-2000, 2001 onwards)",
                {
                    "constraints": {"enum": list(WIDE_PERIODS)},
                    "description": "Build period, coarsened to a wide band.",
                },
            ),
            _withheld_rung("build_period", "build periods"),
        ),
        "bedrooms": (
            Rung(
                "bedrooms",
                bedroom_band,
                "bedrooms were published as bands (0-1, 2, 3+)",
                {
                    **string,
                    "constraints": {"enum": list(BEDROOM_BANDS)},
                    "description": "Bedrooms, coarsened to a band.",
                },
            ),
            _withheld_rung("bedrooms", "bedrooms"),
        ),
        "heating_type": (
            Rung(
                "heating_type",
                heating_kind,
                "main heating was published as a broad kind (boiler, electric, communal or other)",
                {
                    "constraints": {"enum": list(HEATING_KINDS)},
                    "description": "Main heating, coarsened to a broad kind.",
                },
            ),
            _withheld_rung("heating_type", "main heating", plural=False),
        ),
        "epc_band": (
            Rung(
                "epc_band",
                epc_band_group,
                "EPC bands were published in three groups (A-C, D, E-G)",
                {
                    "constraints": {"enum": list(EPC_BANDS)},
                    "description": "EPC band, coarsened to A-C, D or E-G.",
                },
            ),
            _withheld_rung("epc_band", "EPC bands"),
        ),
        "built_form": (
            Rung(
                "built_form",
                built_form_kind,
                "built forms were published as terraced, detached or semi-detached, or not "
                "applicable",
                {
                    "constraints": {"enum": list(BUILT_FORMS)},
                    "description": "Built form, coarsened to a broad kind.",
                },
            ),
            _withheld_rung("built_form", "built forms"),
        ),
        "property_type": (
            Rung(
                "property_type",
                property_kind,
                "property types were published as house or flat",
                {
                    "constraints": {"enum": list(PROPERTY_KINDS)},
                    "description": "Property type, coarsened to house or flat.",
                },
            ),
        ),
        "rent_type": (_withheld_rung("rent_type", "rent types"),),
    }
    for column in extra:
        found[column] = (_withheld_rung(column, f"the column {column}", plural=False),)
    return found


# Which rung to take first when two leave as many homes in small groups: the ones that lose
# least for a tenant reading their home's page come first. (column, rung index)
PREFERENCE = (
    ("epc_lodgement_year", 0),
    ("postcode_sector", 0),
    ("build_period", 0),
    ("bedrooms", 0),
    ("heating_type", 0),
    ("epc_band", 0),
    ("built_form", 0),
    ("property_type", 0),
    ("*", 0),  # the extra columns, withheld
    ("epc_lodgement_year", 1),
    ("heating_type", 1),
    ("epc_band", 1),
    ("rent_type", 0),
    ("built_form", 1),
    ("build_period", 1),
    ("bedrooms", 1),
)


_MODEL_COLUMNS = frozenset(name for name, _ in PREFERENCE if name != "*")


def _preference(column: str, level: int) -> int:
    """Where the rung ``level`` of ``column``'s ladder stands in :data:`PREFERENCE`."""
    key = (column if column in _MODEL_COLUMNS else "*", level)
    return PREFERENCE.index(key) if key in PREFERENCE else len(PREFERENCE)


@dataclass
class Coarsening:
    """What coarsening changed in one package."""

    k: int
    rungs: list[Rung] = field(default_factory=list)  # one per coarsened column
    suppressed: set[str] = field(default_factory=set)
    withheld: dict[str, set[int]] = field(default_factory=dict)

    @property
    def changed_columns(self) -> dict[str, Callable[[Any], Any]]:
        """Column of ``homes`` → the function applied to every original value of it."""
        return {rung.column: rung.apply for rung in self.rungs}

    @property
    def published_rungs(self) -> dict[str, Rung]:
        """Column of ``homes`` → the rung it is published at."""
        return {rung.column: rung for rung in self.rungs}

    def notes(self) -> list[str]:
        """What the package page says was changed, in plain words."""
        said = [
            f"To keep every group of similar homes at {self.k} or more, {rung.says}."
            for rung in self.rungs
        ]
        if self.suppressed:
            count = len(self.suppressed)
            said.append(
                f"{count} home{'s' if count != 1 else ''} still in a group of fewer than "
                f"{self.k} {'were' if count != 1 else 'was'} not published."
            )
        return said


def coarsen(
    package: PackageData,
    k: int,
    quasi_identifiers: Sequence[str],
    as_of_year: int,
) -> tuple[Coarsening, dict[str, Table]]:
    """Climb the ladders on ``package``'s homes until every group reaches ``k``.

    Returns what was changed and the tables as they are published (by resource name: the
    homes with their coarsened values and without the suppressed homes, and the related
    tables without the rows about those homes). The package's own tables are not touched."""
    outcome = Coarsening(k)
    homes = package.resource("homes")
    if homes is None or homes.table is None:
        return outcome, {}
    loaded = homes.table
    columns = [c for c in quasi_identifiers if loaded.index(c) is not None]
    model = set(ladders(as_of_year))
    found = ladders(as_of_year, [c for c in columns if c not in model])
    outcome.rungs = climb(loaded, columns, found, k)
    table = Table(loaded.fields, loaded.rows, loaded.records)
    for rung in outcome.rungs:
        table = _mapped_column(table, table.index(rung.column), rung.apply)
    published = {"homes": table} if outcome.rungs else {}
    positions = [table.index(c) for c in columns]
    counts = Counter(group_key(row, positions) for row in table.rows)
    small = {group for group, size in counts.items() if size < k}
    if small:
        ref = table.index("home_ref")
        keep_rows, keep_records = [], []
        dropped: set[int] = set()
        for record, row in zip(table.records, table.rows, strict=True):
            if group_key(row, positions) in small:
                dropped.add(record)
                if ref is not None:
                    outcome.suppressed.add(row[ref])
            else:
                keep_rows.append(row)
                keep_records.append(record)
        published["homes"] = Table(table.fields, keep_rows, keep_records)
        outcome.withheld["homes"] = dropped
        for name in RELATED:
            related = package.resource(name)
            if related is not None and related.table is not None:
                kept, outcome.withheld[name] = _without_homes(related.table, outcome.suppressed)
                published[name] = kept
    return outcome, published


def climb(
    table: Table, columns: Sequence[str], found: dict[str, tuple[Rung, ...]], k: int
) -> list[Rung]:
    """The rung each coarsened column is published at (see the module), in the order of
    :data:`PREFERENCE`. Each rung maps a column's original values."""
    positions = [table.index(c) for c in columns]
    base = Counter(group_key(row, positions) for row in table.rows)
    limit = int(sum(base.values()) * SUPPRESSION_LIMIT)
    ladders_of = [found.get(c, ()) for c in columns]
    memo: dict[tuple[int, int], dict[Any, Any]] = {}

    def mapped(column: int, level: int, value: Any) -> Any:
        if level == 0:
            return value
        seen = memo.setdefault((column, level), {})
        if value not in seen:
            seen[value] = ladders_of[column][level - 1].apply(value)
        return seen[value]

    def in_small_groups(state: tuple[int, ...]) -> int:
        sizes: Counter[tuple[Any, ...]] = Counter()
        for group, size in base.items():
            sizes[tuple(mapped(i, state[i], v) for i, v in enumerate(group))] += size
        return sum(size for size in sizes.values() if size < k)

    def cost(column: int, level: int) -> int:  # how much is lost at this rung
        return _preference(columns[column], level - 1)

    state = tuple([0] * len(columns))
    path = [(in_small_groups(state), state)]
    while path[-1][0] > limit:
        trials = [
            (in_small_groups(trial), cost(i, trial[i]), trial)
            for i in range(len(columns))
            if state[i] < len(ladders_of[i])
            for trial in [(*state[:i], state[i] + 1, *state[i + 1 :])]
        ]
        if not trials:
            break
        small, _, state = min(trials)
        path.append((small, state))
    fewest = min(small for small, _ in path)
    state = next(state for small, state in path if small == fewest)
    state = _prune(state, fewest, in_small_groups, cost)
    taken = [(cost(i, level), ladders_of[i][level - 1]) for i, level in enumerate(state) if level]
    return [rung for _, rung in sorted(taken, key=lambda item: item[0])]


def _prune(
    state: tuple[int, ...],
    fewest: int,
    in_small_groups: Callable[[tuple[int, ...]], int],
    cost: Callable[[int, int], int],
) -> tuple[int, ...]:
    """Step back down every rung the groups do not need: the costliest first, as long as no
    more homes are left in small groups (a greedy climb takes rungs that only helped with a
    later one, or none)."""
    while True:
        lower = sorted(
            (
                (-cost(i, level), (*state[:i], level - 1, *state[i + 1 :]))
                for i, level in enumerate(state)
                if level
            ),
        )
        for _, trial in lower:
            if in_small_groups(trial) <= fewest:
                state = trial
                break
        else:
            return state


def _mapped_column(table: Table, column: int | None, apply: Callable[[Any], Any]) -> Table:
    """``table`` with ``apply`` applied to every value of ``column`` (a new table)."""
    if column is None:
        return table
    rows = [(*row[:column], apply(row[column]), *row[column + 1 :]) for row in table.rows]
    return Table(table.fields, rows, table.records)


def _without_homes(table: Table, refs: set[str]) -> tuple[Table, set[int]]:
    """``table`` without its rows about the homes ``refs`` (a new table), and the record
    numbers of those rows."""
    ref = table.index("home_ref")
    if ref is None:
        return table, set()
    dropped = set()
    rows, records = [], []
    for record, row in zip(table.records, table.rows, strict=True):
        if row[ref] in refs:
            dropped.add(record)
        else:
            rows.append(row)
            records.append(record)
    return Table(table.fields, rows, records), dropped
