"""Review protocols: the TOML file that says what a review searches, includes, pools and writes.

A protocol is read once (by the CLI) into a frozen :class:`Protocol` and passed
on as a value.  Every key is checked: an unknown, missing or ill-typed key
raises :class:`~evidence.errors.ProtocolError` naming the key.  The embedded
default (``corpora/protocols/default.toml``) is the documented example; the
reference is ``docs/protocol.md``.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from evidence.errors import ProtocolError
from evidence.records import Measure

__all__ = [
    "DEFAULT_PROTOCOL_NAME",
    "IndexSpec",
    "InclusionRules",
    "OutcomeSpec",
    "OutputSpec",
    "Protocol",
    "SearchSpec",
    "SourcesSpec",
    "default_protocol",
    "load_protocol",
    "parse_protocol",
]

DEFAULT_PROTOCOL_NAME = "default.toml"
EFFECTS = ("PLO", "PAS", "PFT", "PR", "PLN")
METHODS = ("REML", "DL", "PM", "ML", "HE", "SJ", "EB", "HS", "FE", "EE", "GLMM")
DATE_TYPES = ("entry", "publication", "modification")
POOLABLE = ("ORR", "CR", "PR", "SD", "PD", "DCR", "pCR", "TOX_G3PLUS", "WOUND")
SURVIVAL_POOLABLE = ("OS", "DFS", "PFS", "RFS", "EFS", "LRFS", "LC", "MFS", "DSS")
SURVIVAL_EFFECT = "SURV"
SURVIVAL_SCALES = ("cloglog", "raw")
SURVIVAL_METHODS = ("REML", "DL", "PM", "ML", "HE", "SJ", "EB", "HS", "FE")  # GLMM models counts, not rates


@dataclass(frozen=True)
class SearchSpec:
    """The saved PubMed search."""

    query: str = ""
    date_type: str = "entry"
    since: date | None = None
    until: date | None = None
    overlap_days: int = 3
    max_records: int = 10000


@dataclass(frozen=True)
class SourcesSpec:
    """Where the index study and the comparison studies come from."""

    index: str = "seed"
    comparison: str = "curated"
    store: bool = True


@dataclass(frozen=True)
class InclusionRules:
    """Automatic screening rules (see :mod:`evidence.screening`)."""

    publication_types_exclude: tuple[str, ...] = ()
    publication_types_include: tuple[str, ...] = ()
    min_n: int = 0
    required_outcomes: tuple[Measure, ...] = ()
    designs: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutcomeSpec:
    """One outcome to pool: a proportion measure, or a landmark survival rate at ``time_months``.

    Proportions use ``effect`` PLO/PAS/PFT/PR/PLN; landmark survival rates use
    ``effect = "SURV"`` on the ``scale`` "cloglog" (log(-log S)) or "raw".
    """

    measure: Measure
    effect: str = "PLO"
    method: str = "REML"
    knha: bool = False
    time_months: float | None = None  # landmark time of a survival outcome
    scale: str = ""  # survival outcomes: "cloglog" or "raw"

    @property
    def is_survival(self) -> bool:
        """True for a landmark survival-rate outcome."""
        return self.effect == SURVIVAL_EFFECT

    @property
    def name(self) -> str:
        """The outcome's name in outputs: "ORR", or "OS_12m" for a landmark rate."""
        if self.time_months is None:
            return self.measure.value
        return f"{self.measure.value}_{self.time_months:g}m"

    @property
    def title(self) -> str:
        """A readable name: "ORR", or "OS at 12 months"."""
        if self.time_months is None:
            return self.measure.value
        return f"{self.measure.value} at {self.time_months:g} months"


@dataclass(frozen=True)
class IndexSpec:
    """The index study and what its cohort reconstruction assumes."""

    pmid: str = ""
    accrual_start: date | None = None
    accrual_end: date | None = None
    data_cutoff: date | None = None
    seed: int = 0
    limb_preserved: int | None = None  # counts the abstract states in words, for the pseudo-cohort
    metastases: int | None = None
    deaths: int | None = None
    local_recurrences: int | None = None
    assumptions: tuple[str, ...] = ()  # how the reviewer read ambiguous statements


@dataclass(frozen=True)
class OutputSpec:
    """Where the store and the outputs go (absolute once the protocol is loaded)."""

    store: Path | None = None
    dir: Path | None = None


@dataclass(frozen=True)
class Protocol:
    """A whole review protocol."""

    name: str
    description: str = ""
    search: SearchSpec = field(default_factory=SearchSpec)
    sources: SourcesSpec = field(default_factory=SourcesSpec)
    inclusion: InclusionRules = field(default_factory=InclusionRules)
    outcomes: tuple[OutcomeSpec, ...] = ()
    index: IndexSpec = field(default_factory=IndexSpec)
    output: OutputSpec = field(default_factory=OutputSpec)
    path: Path | None = None  # None for the embedded default
    embedded: bool = False

    @property
    def key(self) -> str:
        """A stable name for this protocol's surveillance runs (the file name, or "default")."""
        return "default" if self.embedded or self.path is None else str(self.path.resolve())


# --- reading -----------------------------------------------------------------------------------

_SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "review": {"name": str, "description": str},
    "search": {
        "query": str,
        "date_type": str,
        "since": (str, date),
        "until": (str, date),
        "overlap_days": int,
        "max_records": int,
    },
    "sources": {"index": str, "comparison": str, "store": bool},
    "inclusion": {
        "publication_types_exclude": list,
        "publication_types_include": list,
        "min_n": int,
        "required_outcomes": list,
        "designs": list,
        "languages": list,
    },
    "outcomes": {
        "measure": str,
        "effect": str,
        "method": str,
        "knha": bool,
        "time_months": (int, float),
        "scale": str,
    },
    "index": {
        "pmid": (str, int),
        "accrual_start": (str, date),
        "accrual_end": (str, date),
        "data_cutoff": (str, date),
        "seed": int,
        "limb_preserved": int,
        "metastases": int,
        "deaths": int,
        "local_recurrences": int,
        "assumptions": list,
    },
    "output": {"store": str, "dir": str},
}
_REQUIRED = {"review": ("name",), "outcomes": ("measure",)}


def default_protocol(cwd: Path | None = None) -> Protocol:
    """The embedded default protocol, its relative paths resolved against ``cwd`` (default: the current folder)."""
    from corpora import corpus_path

    path = corpus_path("protocols", DEFAULT_PROTOCOL_NAME)
    protocol = _load(path, base_dir=(cwd or Path.cwd()), shown_name="embedded default protocol")
    return _with(protocol, path=None, embedded=True)


def load_protocol(path: Path | None, cwd: Path | None = None) -> Protocol:
    """Read a protocol file (``None``: the embedded default); relative paths resolve against its folder."""
    if path is None:
        return default_protocol(cwd)
    path = Path(path)
    if not path.exists():
        raise ProtocolError(f"{path}: protocol file not found")
    if not path.is_file():
        raise ProtocolError(f"{path}: not a file")
    return _load(path, base_dir=path.resolve().parent, shown_name=str(path))


def _load(path: Path, base_dir: Path, shown_name: str) -> Protocol:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProtocolError(f"{shown_name}: cannot read: {exc}") from exc
    if not text.strip():
        raise ProtocolError(f"{shown_name}: empty protocol file")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProtocolError(f"{shown_name}: not valid TOML: {exc}") from exc
    protocol = parse_protocol(data, name=shown_name, base_dir=base_dir)
    return _with(protocol, path=path)


def _with(protocol: Protocol, **changes: Any) -> Protocol:
    from dataclasses import replace

    return replace(protocol, **changes)


def parse_protocol(data: Mapping[str, Any], name: str = "protocol", base_dir: Path | None = None) -> Protocol:
    """Check and convert parsed TOML into a :class:`Protocol`; errors name the offending key."""
    base_dir = base_dir or Path.cwd()
    for table in data:
        if table not in _SCHEMA:
            raise ProtocolError(f"{name}: unknown key {table!r}; expected one of {sorted(_SCHEMA)}")
    for table, required in _REQUIRED.items():
        if table not in data:
            raise ProtocolError(f"{name}: missing key {table!r}")

    def section(table: str) -> dict[str, Any]:
        raw = data.get(table, {})
        if not isinstance(raw, dict):
            raise ProtocolError(f"{name}: key {table!r} must be a table")
        return _check_table(raw, table, name)

    review = section("review")
    search = section("search")
    sources = section("sources")
    inclusion = section("inclusion")
    index = section("index")
    output = section("output")

    raw_outcomes = data["outcomes"]
    if not isinstance(raw_outcomes, list) or not raw_outcomes:
        raise ProtocolError(f"{name}: key 'outcomes' must be a non-empty array of tables ([[outcomes]])")
    outcomes = []
    for i, raw in enumerate(raw_outcomes):
        if not isinstance(raw, dict):
            raise ProtocolError(f"{name}: key 'outcomes[{i}]' must be a table")
        outcomes.append(_parse_outcome(_check_table(raw, f"outcomes[{i}]", name, schema_name="outcomes"), i, name))

    date_type = search.get("date_type", "entry")
    if date_type not in DATE_TYPES:
        raise ProtocolError(f"{name}: key 'search.date_type' is {date_type!r}; expected one of {list(DATE_TYPES)}")
    for key in ("overlap_days", "max_records"):
        if search.get(key, 0) < 0:
            raise ProtocolError(f"{name}: key 'search.{key}' must not be negative")
    if inclusion.get("min_n", 0) < 0:
        raise ProtocolError(f"{name}: key 'inclusion.min_n' must not be negative")

    required_measures = [_measure(m, "inclusion.required_outcomes", name) for m in inclusion.get("required_outcomes", [])]

    return Protocol(
        name=review["name"],
        description=review.get("description", ""),
        search=SearchSpec(
            query=search.get("query", ""),
            date_type=date_type,
            since=_date(search.get("since"), "search.since", name),
            until=_date(search.get("until"), "search.until", name),
            overlap_days=search.get("overlap_days", 3),
            max_records=search.get("max_records", 10000),
        ),
        sources=SourcesSpec(
            index=sources.get("index", "seed"),
            comparison=sources.get("comparison", "curated"),
            store=sources.get("store", True),
        ),
        inclusion=InclusionRules(
            publication_types_exclude=_strings(inclusion, "publication_types_exclude", name),
            publication_types_include=_strings(inclusion, "publication_types_include", name),
            min_n=inclusion.get("min_n", 0),
            required_outcomes=tuple(required_measures),
            designs=_strings(inclusion, "designs", name),
            languages=_strings(inclusion, "languages", name),
        ),
        outcomes=tuple(outcomes),
        index=IndexSpec(
            pmid=str(index.get("pmid", "")),
            accrual_start=_date(index.get("accrual_start"), "index.accrual_start", name),
            accrual_end=_date(index.get("accrual_end"), "index.accrual_end", name),
            data_cutoff=_date(index.get("data_cutoff"), "index.data_cutoff", name),
            seed=index.get("seed", 0),
            limb_preserved=_count(index, "limb_preserved", name),
            metastases=_count(index, "metastases", name),
            deaths=_count(index, "deaths", name),
            local_recurrences=_count(index, "local_recurrences", name),
            assumptions=_strings(index, "assumptions", name),
        ),
        output=OutputSpec(
            store=_path(output.get("store"), base_dir),
            dir=_path(output.get("dir"), base_dir),
        ),
    )


def _check_table(raw: Mapping[str, Any], table: str, name: str, schema_name: str | None = None) -> dict[str, Any]:
    schema = _SCHEMA[schema_name or table]
    for key, value in raw.items():
        if key not in schema:
            raise ProtocolError(f"{name}: unknown key '{table}.{key}'; expected one of {sorted(schema)}")
        expected = schema[key]
        # bool is an int in Python: keep the two apart.
        if (isinstance(value, bool) and expected is int) or not isinstance(value, expected):
            wanted = expected.__name__ if isinstance(expected, type) else " or ".join(t.__name__ for t in expected)
            raise ProtocolError(f"{name}: key '{table}.{key}' is {value!r}; expected {wanted}")
    for key in _REQUIRED.get(schema_name or table, ()):
        if key not in raw:
            raise ProtocolError(f"{name}: missing key '{table}.{key}'")
    return dict(raw)


def _parse_outcome(raw: Mapping[str, Any], i: int, name: str) -> OutcomeSpec:
    measure = _measure(raw["measure"], f"outcomes[{i}].measure", name)
    key = f"outcomes[{i}]"
    if measure.value in SURVIVAL_POOLABLE:
        return _parse_survival_outcome(raw, measure, key, name)
    if measure.value not in POOLABLE:
        raise ProtocolError(
            f"{name}: key '{key}.measure' is {measure.value!r}; only proportions {list(POOLABLE)} "
            f"and landmark survival rates {list(SURVIVAL_POOLABLE)} can be pooled"
        )
    for survival_key in ("time_months", "scale"):
        if survival_key in raw:
            raise ProtocolError(
                f"{name}: key '{key}.{survival_key}' applies only to survival outcomes {list(SURVIVAL_POOLABLE)}, "
                f"not to {measure.value}"
            )
    effect = str(raw.get("effect", "PLO")).upper()
    if effect not in EFFECTS:
        raise ProtocolError(f"{name}: key '{key}.effect' is {raw.get('effect')!r}; expected one of {list(EFFECTS)}")
    method = str(raw.get("method", "REML")).upper()
    if method not in METHODS:
        raise ProtocolError(f"{name}: key '{key}.method' is {raw.get('method')!r}; expected one of {list(METHODS)}")
    return OutcomeSpec(measure=measure, effect=effect, method=method, knha=bool(raw.get("knha", False)))


def _parse_survival_outcome(raw: Mapping[str, Any], measure: Measure, key: str, name: str) -> OutcomeSpec:
    """A landmark survival rate: ``time_months`` required, ``effect = "SURV"``, ``scale`` cloglog or raw."""
    if "time_months" not in raw:
        raise ProtocolError(f"{name}: missing key '{key}.time_months' (the landmark time of the {measure.value} rate)")
    time_months = raw["time_months"]
    if isinstance(time_months, bool) or not math.isfinite(time_months) or time_months <= 0:
        raise ProtocolError(f"{name}: key '{key}.time_months' is {time_months!r}; expected a number of months > 0")
    effect = str(raw.get("effect", SURVIVAL_EFFECT)).upper()
    if effect != SURVIVAL_EFFECT:
        raise ProtocolError(
            f"{name}: key '{key}.effect' is {raw.get('effect')!r}; a survival rate ({measure.value}) "
            f"is pooled with effect {SURVIVAL_EFFECT!r}"
        )
    scale = str(raw.get("scale", "cloglog")).lower()
    if scale not in SURVIVAL_SCALES:
        raise ProtocolError(f"{name}: key '{key}.scale' is {raw.get('scale')!r}; expected one of {list(SURVIVAL_SCALES)}")
    method = str(raw.get("method", "REML")).upper()
    if method not in SURVIVAL_METHODS:
        raise ProtocolError(
            f"{name}: key '{key}.method' is {raw.get('method')!r}; expected one of {list(SURVIVAL_METHODS)} "
            "for a survival rate"
        )
    return OutcomeSpec(
        measure=measure,
        effect=SURVIVAL_EFFECT,
        method=method,
        knha=bool(raw.get("knha", False)),
        time_months=float(time_months),
        scale=scale,
    )


def _measure(value: Any, key: str, name: str) -> Measure:
    try:
        return Measure.parse(str(value))
    except ValueError:
        raise ProtocolError(
            f"{name}: key {key!r} is {value!r}; expected one of {[m.value for m in Measure]}"
        ) from None


def _count(table: Mapping[str, Any], key: str, name: str) -> int | None:
    value = table.get(key)
    if value is not None and value < 0:
        raise ProtocolError(f"{name}: key 'index.{key}' must not be negative")
    return value


def _strings(table: Mapping[str, Any], key: str, name: str) -> tuple[str, ...]:
    values = table.get(key, [])
    bad = [v for v in values if not isinstance(v, str)]
    if bad:
        raise ProtocolError(f"{name}: key {key!r} must hold strings, got {bad[0]!r}")
    return tuple(values)


def _date(value: Any, key: str, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ProtocolError(f"{name}: key {key!r} is {value!r}; expected a date YYYY-MM-DD") from None


def _path(value: str | None, base_dir: Path) -> Path | None:
    if not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else base_dir / path
