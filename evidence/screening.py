"""Screening: include or exclude each record by the protocol's rules, with the reason recorded.

Automatic decisions come from :class:`~evidence.protocol.InclusionRules`; a
reviewer's manual decision for a PMID overrides them.  :func:`prisma_counts`
turns the decisions into the PRISMA 2020 flow (identified, duplicates removed,
screened, excluded with reasons, included).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from evidence.protocol import InclusionRules
from evidence.records import Origin, Study

__all__ = ["PrismaCounts", "ScreeningDecision", "prisma_counts", "screen_studies", "screen_study", "study_size"]


@dataclass(frozen=True)
class ScreeningDecision:
    """Whether one record is included, why, and who decided ("rules", "manual" or "index")."""

    pmid: str
    include: bool
    reason: str
    decided_by: str = "rules"
    reviewer: str = ""
    decided_at: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "pmid": self.pmid,
            "include": self.include,
            "reason": self.reason,
            "decided_by": self.decided_by,
            "reviewer": self.reviewer,
            "decided_at": self.decided_at,
        }


@dataclass(frozen=True)
class PrismaCounts:
    """The PRISMA 2020 flow of one review."""

    identified: Mapping[str, int]  # per source: database search, curated set, index study
    duplicates_removed: int
    screened: int
    excluded: int
    excluded_reasons: Mapping[str, int] = field(default_factory=dict)
    included: int = 0

    @property
    def identified_total(self) -> int:
        return sum(self.identified.values())

    def to_json(self) -> dict[str, object]:
        return {
            "identified": dict(self.identified),
            "identified_total": self.identified_total,
            "duplicates_removed": self.duplicates_removed,
            "screened": self.screened,
            "excluded": self.excluded,
            "excluded_reasons": dict(self.excluded_reasons),
            "included": self.included,
        }


def study_size(study: Study) -> int | None:
    """The analysed N of a study: the cohort N, else the sum of its arms' N, else None."""
    cohort = study.cohort
    for n in (cohort.n, cohort.n_analysed, cohort.n_evaluable, cohort.n_enrolled):
        if n:
            return int(n)
    arm_ns = [a.n for a in study.arms if a.n]
    return int(sum(arm_ns)) if arm_ns and len(arm_ns) == len(study.arms) else None


def screen_study(study: Study, rules: InclusionRules, manual: ScreeningDecision | None = None) -> ScreeningDecision:
    """Decide one record: a manual decision wins; otherwise the first rule it fails excludes it."""
    if manual is not None:
        return manual
    art = study.article
    pmid = study.pmid
    ptypes = {t.lower() for t in art.publication_types}
    for excluded in rules.publication_types_exclude:
        if excluded.lower() in ptypes:
            return ScreeningDecision(pmid, False, f"publication type: {excluded}")
    if rules.publication_types_include and ptypes and not ptypes & {t.lower() for t in rules.publication_types_include}:
        return ScreeningDecision(pmid, False, "publication type not among those included")
    if rules.languages and art.language and art.language.lower() not in {x.lower() for x in rules.languages}:
        return ScreeningDecision(pmid, False, f"language: {art.language}")
    if study.origin != Origin.CURATED and not art.sections:
        return ScreeningDecision(pmid, False, "no abstract")
    n = study_size(study)
    if rules.min_n and n is not None and n < rules.min_n:
        return ScreeningDecision(pmid, False, f"fewer than {rules.min_n} patients")
    if rules.designs and study.design and not {d.lower() for d in study.design} & {d.lower() for d in rules.designs}:
        return ScreeningDecision(pmid, False, "design not among those included")
    if rules.required_outcomes:
        reported = {f.measure for f in study.findings}
        if not reported & set(rules.required_outcomes):
            return ScreeningDecision(pmid, False, "reports none of the required outcomes")
    return ScreeningDecision(pmid, True, "meets the inclusion rules")


def screen_studies(
    studies: Iterable[Study], rules: InclusionRules, manual: Mapping[str, ScreeningDecision] | None = None
) -> list[ScreeningDecision]:
    """Screen many records; ``manual`` maps a PMID to the reviewer's decision."""
    manual = manual or {}
    return [screen_study(s, rules, manual.get(s.pmid)) for s in studies]


def prisma_counts(
    identified: Mapping[str, int], duplicates_removed: int, decisions: Iterable[ScreeningDecision]
) -> PrismaCounts:
    """The PRISMA flow from per-source record counts, duplicates removed and the screening decisions."""
    decisions = list(decisions)
    reasons = Counter(d.reason for d in decisions if not d.include)
    excluded = sum(reasons.values())
    return PrismaCounts(
        identified=dict(identified),
        duplicates_removed=duplicates_removed,
        screened=len(decisions),
        excluded=excluded,
        excluded_reasons=dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        included=len(decisions) - excluded,
    )
