"""Records shared by every part of the package: articles, findings and studies.

This module is a leaf: it imports only the standard library.  Everything the
package reads, extracts, pools or exports is expressed in these frozen
dataclasses, and their JSON Lines form (one study per line) is documented in
``docs/schema.md``.

Conventions
-----------
* Rates are proportions on the 0-1 scale (``unit="proportion"``); percentages
  appear only where people read them (tables, reports).
* Every finding carries where it came from: ``origin`` says whether it was
  extracted from text, typed in by a curator, computed (``method`` names how)
  or corrected by a reviewer; extracted findings carry an :class:`Evidence`
  (section, sentence, character span within that section, extractor version).
* A range such as "25-35 Gy" is a :class:`Range`; a single value is a float.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Iterable, Iterator, Mapping, TextIO, Union

__all__ = [
    "Arm",
    "Article",
    "Cohort",
    "Evidence",
    "Finding",
    "Flag",
    "Kind",
    "Measure",
    "Origin",
    "Range",
    "Regimen",
    "Section",
    "Study",
    "Unit",
    "read_jsonl",
    "study_from_json",
    "study_to_json",
    "write_jsonl",
]

SCHEMA_VERSION = 1


class Measure(str, Enum):
    """Outcome measures, named as in the JSON Lines schema."""

    ORR = "ORR"
    CR = "CR"
    PR = "PR"
    SD = "SD"
    PD = "PD"
    DCR = "DCR"
    pCR = "pCR"
    OS = "OS"
    DFS = "DFS"
    PFS = "PFS"
    RFS = "RFS"
    EFS = "EFS"
    LRFS = "LRFS"
    LC = "LC"
    MFS = "MFS"
    DSS = "DSS"
    TOX_G3PLUS = "TOX_G3PLUS"
    WOUND = "WOUND"  # wound complications (a rate; the study's own definition, e.g. "major", kept in ``Finding.outcome``)
    FOLLOW_UP = "FOLLOW_UP"
    TTP = "TTP"  # time to progression (a median per arm)
    DOR = "DOR"  # duration of response (a median per arm)
    OTHER = "OTHER"  # an outcome outside the named measures; ``Finding.outcome`` names it as the authors do

    @classmethod
    def parse(cls, name: str) -> "Measure":
        """Return the measure called ``name`` (case-insensitive), or raise ValueError naming the choices."""
        for member in cls:
            if member.value.lower() == str(name).strip().lower():
                return member
        raise ValueError(f"Unknown measure {name!r}; expected one of {[m.value for m in cls]}")


RESPONSE_MEASURES = frozenset({Measure.ORR, Measure.CR, Measure.PR, Measure.SD, Measure.PD, Measure.DCR, Measure.pCR})
SURVIVAL_MEASURES = frozenset(
    {Measure.OS, Measure.DFS, Measure.PFS, Measure.RFS, Measure.EFS, Measure.LRFS, Measure.LC, Measure.MFS, Measure.DSS}
)
#: times to an event reported as medians only (no landmark rates): time to progression, duration of response
TIME_TO_EVENT_MEASURES = frozenset({Measure.TTP, Measure.DOR})


class Kind(str, Enum):
    """What sort of number a finding is."""

    RATE = "rate"
    MEDIAN = "median"
    HR = "hr"
    COUNT = "count"


class Unit(str, Enum):
    """Unit of a finding's value."""

    PROPORTION = "proportion"
    MONTHS = "months"
    RATIO = "ratio"
    PATIENTS = "patients"
    AS_PRINTED = "as printed"  # a number in the unit the text prints with it (minutes, mm, a score); the outcome name says which


class Origin(str, Enum):
    """Where a value came from."""

    EXTRACTED = "extracted"  # read from the text by an extractor; has Evidence
    CURATED = "curated"  # typed in by a curator from the published abstract
    COMPUTED = "computed"  # derived by the package; ``method`` names how
    CORRECTED = "corrected"  # set by a reviewer's correction


@dataclass(frozen=True)
class Range:
    """A closed numeric range such as 25-35 Gy."""

    low: float
    high: float

    def to_json(self) -> list[float]:
        return [self.low, self.high]


Number = Union[float, int]
NumberOrRange = Union[float, int, Range]


@dataclass(frozen=True)
class Section:
    """One labelled part of an abstract (label is "" for an unstructured abstract)."""

    label: str
    text: str


@dataclass(frozen=True)
class Article:
    """A bibliographic record as read from PubMed XML, MEDLINE, plain text or the corpus."""

    pmid: str
    title: str = ""
    sections: tuple[Section, ...] = ()
    journal: str = ""
    year: int | None = None
    doi: str = ""
    pmcid: str = ""
    authors: tuple[str, ...] = ()
    mesh_terms: tuple[str, ...] = ()
    publication_types: tuple[str, ...] = ()
    language: str = ""
    version: int = 1
    source: str = ""  # pubmed-xml | medline | text | corpus | entrez

    @property
    def abstract(self) -> str:
        """The abstract as one text, labels kept ("RESULTS: ...")."""
        parts = [f"{s.label}: {s.text}" if s.label else s.text for s in self.sections]
        return "\n".join(parts)


@dataclass(frozen=True)
class Evidence:
    """Where an extracted value was read.

    ``start``/``end`` are character offsets of the value's mention within the
    text of ``section`` ("TITLE" for the title), so ``section_text[start:end]``
    is the text the value was read from.  ``sentence`` is the whole sentence.
    """

    section: str
    sentence: str
    start: int
    end: int
    extractor_version: str = ""
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"section": self.section, "sentence": self.sentence, "start": self.start, "end": self.end}
        if self.text:
            out["text"] = self.text
        if self.extractor_version:
            out["extractor_version"] = self.extractor_version
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Evidence":
        return cls(
            section=data.get("section", ""),
            sentence=data.get("sentence", ""),
            start=int(data.get("start", 0)),
            end=int(data.get("end", 0)),
            extractor_version=data.get("extractor_version", ""),
            text=data.get("text", ""),
        )


@dataclass(frozen=True)
class Finding:
    """One reported (or computed) outcome value."""

    measure: Measure
    kind: Kind
    value: float | None
    unit: Unit
    count: int | None = None
    denominator: int | None = None
    time_months: float | None = None
    ci: tuple[float, float] | None = None
    p: float | None = None
    arm: str | None = None
    evidence: Evidence | None = None
    origin: Origin = Origin.EXTRACTED
    method: str = ""  # for computed values: how; for corrected: the reviewer's note
    p_relation: str = "="  # "=", "<" or ">" as printed ("P < .001")
    not_reached: bool = False  # a median reported as "not reached"
    original_value: float | None = None  # for corrected findings: the value that was extracted before
    outcome: str | None = None  # the outcome as the authors name it ("grade 3-4 neutropenia"); set for OTHER findings

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "measure": self.measure.value,
            "kind": self.kind.value,
            "value": self.value,
            "unit": self.unit.value,
            "count": self.count,
            "denominator": self.denominator,
            "time_months": self.time_months,
            "ci": [self.ci[0], self.ci[1]] if self.ci else None,
            "p": self.p,
            "arm": self.arm,
            "evidence": self.evidence.to_json() if self.evidence else None,
            "origin": self.origin.value,
        }
        if self.method:
            out["method"] = self.method
        if self.p is not None and self.p_relation != "=":
            out["p_relation"] = self.p_relation
        if self.not_reached:
            out["not_reached"] = True
        if self.original_value is not None:
            out["original_value"] = self.original_value
        if self.outcome is not None:
            out["outcome"] = self.outcome
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Finding":
        ci = data.get("ci")
        ev = data.get("evidence")
        return cls(
            measure=Measure.parse(data["measure"]),
            kind=Kind(data["kind"]),
            value=data.get("value"),
            unit=Unit(data["unit"]),
            count=data.get("count"),
            denominator=data.get("denominator"),
            time_months=data.get("time_months"),
            ci=(ci[0], ci[1]) if ci else None,
            p=data.get("p"),
            arm=data.get("arm"),
            evidence=Evidence.from_json(ev) if ev else None,
            origin=Origin(data.get("origin", "extracted")),
            method=data.get("method", ""),
            p_relation=data.get("p_relation", "="),
            not_reached=bool(data.get("not_reached", False)),
            original_value=data.get("original_value"),
            outcome=data.get("outcome"),
        )


@dataclass(frozen=True)
class Flag:
    """A consistency or provenance warning attached to a study; never changes a value."""

    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Cohort:
    """Who was studied.  ``n`` is the analysed cohort as the abstract states it.

    ``evidence`` maps a field name ("n", "n_male", ...) to where it was read.
    """

    n: int | None = None
    n_male: int | None = None
    n_female: int | None = None
    age_mean: float | None = None
    age_median: float | None = None
    n_enrolled: int | None = None
    n_analysed: int | None = None
    n_evaluable: int | None = None
    evidence: Mapping[str, Evidence] = field(default_factory=dict)

    FIELDS = ("n", "n_male", "n_female", "age_mean", "age_median", "n_enrolled", "n_analysed", "n_evaluable")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in self.FIELDS}
        if self.evidence:
            out["evidence"] = {k: v.to_json() for k, v in self.evidence.items()}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Cohort":
        values = {name: data.get(name) for name in cls.FIELDS}
        evidence = {k: Evidence.from_json(v) for k, v in (data.get("evidence") or {}).items()}
        return cls(**values, evidence=evidence)


@dataclass(frozen=True)
class Arm:
    """One arm of a multi-arm study."""

    label: str
    n: int | None = None
    evidence: Evidence | None = None
    regimen: "Regimen | None" = None  # what this arm received, where arms differ (e.g. 50 Gy vs 66 Gy)
    n_analysed: int | None = None  # a later, smaller size the abstract states for the arm (treated, evaluable, analysed)
    analysed_evidence: Evidence | None = None  # where n_analysed was read

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "n": self.n}
        if self.evidence:
            out["evidence"] = self.evidence.to_json()
        if self.regimen is not None:
            out["regimen"] = self.regimen.to_json()
        if self.n_analysed is not None:
            out["n_analysed"] = self.n_analysed
        if self.analysed_evidence:
            out["analysed_evidence"] = self.analysed_evidence.to_json()
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Arm":
        ev = data.get("evidence")
        reg = data.get("regimen")
        return cls(
            label=data["label"],
            n=data.get("n"),
            evidence=Evidence.from_json(ev) if ev else None,
            regimen=Regimen.from_json(reg) if reg is not None else None,
            n_analysed=data.get("n_analysed"),
            analysed_evidence=Evidence.from_json(data["analysed_evidence"]) if data.get("analysed_evidence") else None,
        )


@dataclass(frozen=True)
class Regimen:
    """What was given.  Numeric fields are a number or a :class:`Range`."""

    drugs: tuple[str, ...] = ()
    chemo_cycles: NumberOrRange | None = None
    rt_total_dose_gy: NumberOrRange | None = None
    rt_dose_per_fraction_gy: NumberOrRange | None = None
    rt_fractions: NumberOrRange | None = None
    settings: tuple[str, ...] = ()  # neoadjuvant, preoperative, adjuvant, concurrent, sequential
    evidence: Mapping[str, Evidence] = field(default_factory=dict)

    NUMERIC_FIELDS = ("chemo_cycles", "rt_total_dose_gy", "rt_dose_per_fraction_gy", "rt_fractions")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"drugs": list(self.drugs)}
        for name in self.NUMERIC_FIELDS:
            out[name] = _number_or_range_to_json(getattr(self, name))
        out["settings"] = list(self.settings)
        if self.evidence:
            out["evidence"] = {k: v.to_json() for k, v in self.evidence.items()}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Regimen":
        numeric = {name: _number_or_range_from_json(data.get(name)) for name in cls.NUMERIC_FIELDS}
        evidence = {k: Evidence.from_json(v) for k, v in (data.get("evidence") or {}).items()}
        return cls(
            drugs=tuple(data.get("drugs") or ()),
            settings=tuple(data.get("settings") or ()),
            evidence=evidence,
            **numeric,
        )


@dataclass(frozen=True)
class Study:
    """One study: its article, cohort, arms, regimen, findings and flags."""

    article: Article
    cohort: Cohort = field(default_factory=Cohort)
    arms: tuple[Arm, ...] = ()
    regimen: Regimen = field(default_factory=Regimen)
    findings: tuple[Finding, ...] = ()
    flags: tuple[Flag, ...] = ()
    design: tuple[str, ...] = ()  # retrospective, prospective, phase1, phase2, phase3, randomised, ...
    origin: Origin = Origin.EXTRACTED
    label: str = ""  # short citation for tables and plots, e.g. "Qu 2024"

    @property
    def pmid(self) -> str:
        return self.article.pmid

    def findings_for(self, measure: Measure, arm: str | None = None) -> list[Finding]:
        """Findings of one measure (for one arm, or the whole cohort when ``arm`` is None)."""
        return [f for f in self.findings if f.measure == measure and f.arm == arm]

    def with_findings(self, findings: Iterable[Finding]) -> "Study":
        return replace(self, findings=tuple(findings))


def study_to_json(study: Study) -> dict[str, Any]:
    """The documented JSON form of a study (one line of a .jsonl file)."""
    art = study.article
    return {
        "pmid": art.pmid,
        "title": art.title,
        "journal": art.journal,
        "year": art.year,
        "doi": art.doi,
        "label": study.label,
        "origin": study.origin.value,
        "design": list(study.design),
        "cohort": study.cohort.to_json(),
        "arms": [a.to_json() for a in study.arms],
        "regimen": study.regimen.to_json(),
        "findings": [f.to_json() for f in study.findings],
        "flags": [f.to_json() for f in study.flags],
    }


def study_from_json(data: Mapping[str, Any]) -> Study:
    """Inverse of :func:`study_to_json` (the article keeps only the fields the JSON carries)."""
    article = Article(
        pmid=str(data["pmid"]),
        title=data.get("title", ""),
        journal=data.get("journal", "") or "",
        year=data.get("year"),
        doi=data.get("doi", "") or "",
    )
    return Study(
        article=article,
        cohort=Cohort.from_json(data.get("cohort") or {}),
        arms=tuple(Arm.from_json(a) for a in data.get("arms") or ()),
        regimen=Regimen.from_json(data.get("regimen") or {}),
        findings=tuple(Finding.from_json(f) for f in data.get("findings") or ()),
        flags=tuple(Flag(f["code"], f["message"]) for f in data.get("flags") or ()),
        design=tuple(data.get("design") or ()),
        origin=Origin(data.get("origin", "extracted")),
        label=data.get("label", "") or "",
    )


def write_jsonl(studies: Iterable[Study], out: TextIO) -> int:
    """Write studies as JSON Lines; return how many were written."""
    n = 0
    for study in studies:
        out.write(json.dumps(study_to_json(study)))
        out.write("\n")
        n += 1
    return n


def read_jsonl(lines: Iterable[str]) -> Iterator[Study]:
    """Read studies from JSON Lines (blank lines skipped)."""
    for line in lines:
        if line.strip():
            yield study_from_json(json.loads(line))


def _number_or_range_to_json(x: NumberOrRange | None) -> Any:
    if isinstance(x, Range):
        return x.to_json()
    return x


def _number_or_range_from_json(x: Any) -> NumberOrRange | None:
    if isinstance(x, (list, tuple)):
        return Range(x[0], x[1])
    return x


def percent(x: float | None, digits: int = 1) -> str:
    """Format a proportion as a percentage for people ("0.793" -> "79.3%")."""
    return "" if x is None else f"{100 * x:.{digits}f}%"
