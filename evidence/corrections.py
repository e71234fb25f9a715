"""Reviewer corrections: values a reviewer sets over what the extractor read.

A correction is stored with who made it, when and why (``corrections`` table of
the store, history kept; the latest correction of a value wins).  It is applied
on top of each fresh extraction, so re-extraction never overwrites it, and the
corrected :class:`~evidence.records.Finding` keeps the extracted value in
``original_value`` and the source sentence in ``evidence`` so every table and
the report can show both.  Manual screening decisions are kept here too.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable, Mapping

from evidence.errors import InputError
from evidence.records import SURVIVAL_MEASURES, TIME_TO_EVENT_MEASURES, Finding, Kind, Measure, Origin, Study, Unit
from evidence.screening import ScreeningDecision

if TYPE_CHECKING:  # pragma: no cover
    from evidence.store import Store

__all__ = [
    "Correction",
    "add_correction",
    "apply_corrections",
    "current_reviewer",
    "load_corrections",
    "load_manual_decisions",
    "parse_correction_value",
    "record_manual_decision",
]


@dataclass(frozen=True)
class Correction:
    """One reviewer's correction of one value of one study."""

    pmid: str
    measure: Measure
    value: float
    note: str
    arm: str | None = None
    time_months: float | None = None
    reviewer: str = ""
    created: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "pmid": self.pmid,
            "measure": self.measure.value,
            "value": self.value,
            "arm": self.arm,
            "time_months": self.time_months,
            "note": self.note,
            "reviewer": self.reviewer,
            "created": self.created,
        }


def current_reviewer() -> str:
    """Who is correcting: ``$EVIDENCE_REVIEWER``, else the login name."""
    name = os.environ.get("EVIDENCE_REVIEWER", "")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"


def _kind_unit(measure: Measure, time_months: float | None) -> tuple[Kind, Unit]:
    if measure == Measure.FOLLOW_UP or measure in TIME_TO_EVENT_MEASURES or (measure in SURVIVAL_MEASURES and time_months is None):
        return Kind.MEDIAN, Unit.MONTHS
    return Kind.RATE, Unit.PROPORTION


def parse_correction_value(measure: Measure, text: str, time_months: float | None = None) -> float:
    """The corrected value as stored: a proportion for rates ("32.3%" or 0.323), months for medians."""
    if measure == Measure.OTHER:  # told apart by their outcome names, which a correction does not carry
        raise InputError("OTHER findings cannot be corrected by measure; expected a named measure such as ORR, PFS or TOX_G3PLUS")
    raw = str(text).strip()
    percent = raw.endswith("%")
    try:
        value = float(raw.rstrip("%").strip())
    except ValueError:
        raise InputError(f"Invalid value {text!r} for {measure.value}; expected a number such as 0.323 or 32.3%") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InputError(f"Invalid value {text!r} for {measure.value}; expected a finite number")
    kind, _ = _kind_unit(measure, time_months)
    if kind == Kind.RATE:
        if percent:
            value = round(value / 100, 12)
        if not 0 <= value <= 1:
            raise InputError(
                f"Invalid value {text!r} for {measure.value}; expected a proportion 0-1 or a percentage such as 32.3%"
            )
    elif percent or value < 0:
        raise InputError(f"Invalid value {text!r} for {measure.value}; expected months (a non-negative number)")
    return value


def apply_corrections(study: Study, corrections: Iterable[Correction]) -> Study:
    """The study with each correction applied (in order, so the latest wins).

    A correction replaces the finding with the same measure, arm and time point
    (origin becomes ``corrected``, ``method`` holds the note, ``original_value``
    the extracted value, ``evidence`` is kept); a correction of a value that was
    not extracted adds a new corrected finding.
    """
    findings = list(study.findings)
    for c in corrections:
        if c.pmid != study.pmid:
            continue
        kind, unit = _kind_unit(c.measure, c.time_months)
        note = f"corrected by {c.reviewer or 'a reviewer'}" + (f" on {c.created[:10]}" if c.created else "") + f": {c.note}"
        for i, f in enumerate(findings):
            if f.measure == c.measure and f.arm == c.arm and _same_time(f.time_months, c.time_months) and f.kind == kind:
                original = f.original_value if f.origin == Origin.CORRECTED else f.value
                count = f.count
                if f.denominator and kind == Kind.RATE:
                    count = round(c.value * f.denominator)
                findings[i] = replace(
                    f, value=c.value, count=count, origin=Origin.CORRECTED, method=note, original_value=original
                )
                break
        else:
            findings.append(
                Finding(
                    measure=c.measure,
                    kind=kind,
                    value=c.value,
                    unit=unit,
                    time_months=c.time_months,
                    arm=c.arm,
                    origin=Origin.CORRECTED,
                    method=note,
                )
            )
    return study.with_findings(findings)


def _same_time(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)


# --- store ---------------------------------------------------------------------------------------


def add_correction(store: "Store", correction: Correction, known_pmids: Iterable[str] = ()) -> Correction:
    """Record a correction; the PMID must be in the store or ``known_pmids`` (else InputError naming it)."""
    from evidence.store import utc_now

    if correction.pmid not in set(known_pmids) and store.get_article(correction.pmid) is None:
        raise InputError(f"PMID {correction.pmid} is not in the store {store.path}; fetch or import it first")
    stamped = replace(correction, created=correction.created or utc_now(), reviewer=correction.reviewer or current_reviewer())
    with store.transaction() as db:
        db.execute(
            "INSERT INTO corrections (pmid, measure, arm, time_months, value, note, reviewer, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                stamped.pmid,
                stamped.measure.value,
                stamped.arm or "",
                stamped.time_months,
                stamped.value,
                stamped.note,
                stamped.reviewer,
                stamped.created,
            ),
        )
    return stamped


def load_corrections(store: "Store") -> dict[str, list[Correction]]:
    """Every correction in the store, per PMID, oldest first."""
    out: dict[str, list[Correction]] = {}
    rows = store.execute(
        "SELECT pmid, measure, arm, time_months, value, note, reviewer, created FROM corrections ORDER BY id"
    ).fetchall()
    for pmid, measure, arm, time_months, value, note, reviewer, created in rows:
        out.setdefault(pmid, []).append(
            Correction(pmid, Measure.parse(measure), value, note, arm or None, time_months, reviewer, created)
        )
    return out


def record_manual_decision(
    store: "Store", pmid: str, include: bool, reason: str, reviewer: str = "", known_pmids: Iterable[str] = ()
) -> ScreeningDecision:
    """Store a reviewer's include/exclude decision for a PMID (it overrides the rules)."""
    from evidence.store import utc_now

    if not reason.strip():
        raise InputError("A screening decision needs a reason (--reason TEXT)")
    if pmid not in set(known_pmids) and store.get_article(pmid) is None:
        raise InputError(f"PMID {pmid} is not in the store {store.path}; fetch or import it first")
    decision = ScreeningDecision(pmid, include, reason.strip(), "manual", reviewer or current_reviewer(), utc_now())
    with store.transaction() as db:
        db.execute(
            "INSERT OR REPLACE INTO screening_decisions (pmid, include, reason, reviewer, decided_at) VALUES (?, ?, ?, ?, ?)",
            (decision.pmid, int(decision.include), decision.reason, decision.reviewer, decision.decided_at),
        )
    return decision


def load_manual_decisions(store: "Store") -> Mapping[str, ScreeningDecision]:
    """Every manual screening decision in the store, by PMID."""
    rows = store.execute("SELECT pmid, include, reason, reviewer, decided_at FROM screening_decisions").fetchall()
    return {
        pmid: ScreeningDecision(pmid, bool(include), reason, "manual", reviewer, decided_at)
        for pmid, include, reason, reviewer, decided_at in rows
    }
