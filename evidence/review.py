"""The main job: a review protocol in, pooled and checkable evidence out.

This is the thin pipeline that composes the parts (the only non-CLI module that
imports sources, extractors and meta together)::

    collect      the index study (the seed record by default), the comparison set
                 (the curated studies by default) and the articles in the store
    extract      each article read by ``extractors.pipeline`` (cached in the store by
                 content hash, so a re-run extracts only what changed)
    correct      reviewer corrections applied over the extracted values
    screen       inclusion rules and manual decisions; PRISMA 2020 counts
    pool         each protocol outcome pooled over the included comparison studies
                 (the index study is excluded from the pool and set against it)
    reconstruct  the index study's counts from its printed percentages, the
                 derived-sum check of its ORR, and its pseudo-cohort
    write        evidence tables, study records, pooled results, plots and the
                 report into a temporary folder that is moved into place at the end

Statistics never write files; :func:`write_outputs` is the only writer.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from evidence import __version__
from evidence.errors import InputError, OutputError, PoolingError, ReconstructionError
from evidence.protocol import OutcomeSpec, Protocol
from evidence.records import (
    Article,
    Finding,
    Flag,
    Kind,
    Measure,
    Origin,
    Study,
    Unit,
    study_from_json,
    study_to_json,
)
from evidence.screening import PrismaCounts, ScreeningDecision, prisma_counts, screen_study, study_size

__all__ = [
    "IndexAnalysis",
    "PooledOutcome",
    "ProgressFn",
    "ProportionDatum",
    "ReviewResult",
    "SurvivalDatum",
    "collect_inputs",
    "greenwood_at",
    "index_survival_datum",
    "pool_survival_outcome",
    "survival_data",
    "proportion_datum",
    "run_review",
    "write_outputs",
]

ProgressFn = Callable[[str, int, int], None]
"""``progress(task, done, total)``: called as slow steps advance (the CLI draws bars or log lines)."""

ROLE_INDEX = "index"
ROLE_COMPARISON = "comparison"
CR_ZERO_METHOD = (
    "ORR computed as CR + PR counts; CR taken as 0 because the reported PR, SD and PD counts "
    "already account for every evaluated patient"
)
CR_PR_METHOD = "ORR computed as CR + PR counts (the study reports the categories, not the ORR)"


def _no_progress(task: str, done: int, total: int) -> None:
    return None


# --- results ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProportionDatum:
    """Events and total of one study for one pooled outcome, and where they came from."""

    pmid: str
    label: str
    events: int
    total: int
    origin: Origin
    method: str = ""
    sentence: str = ""
    study_origin: Origin = Origin.EXTRACTED  # the study's: curated rows stay marked curated

    @property
    def proportion(self) -> float:
        return self.events / self.total

    @property
    def shown(self) -> str:
        """How the value is shown in tables: "10/31"."""
        return f"{self.events}/{self.total}"

    def to_json(self) -> dict[str, Any]:
        return {
            "pmid": self.pmid,
            "label": self.label,
            "events": self.events,
            "total": self.total,
            "proportion": self.events / self.total if self.total else None,
            "origin": self.origin.value,
            "study_origin": self.study_origin.value,
            "method": self.method,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class PooledOutcome:
    """One protocol outcome: the data, the pooled result (if k allowed it) and the index comparison.

    ``data`` holds :class:`ProportionDatum` rows for proportions and :class:`SurvivalDatum`
    rows for landmark survival rates; ``skipped`` the rows that could not be used, with why.
    """

    spec: OutcomeSpec
    data: tuple[Any, ...]  # ProportionDatum or SurvivalDatum
    pool: Any = None  # meta.pooling.ProportionPool or PoolResult
    comparison: Any = None  # meta.against.IndexComparison
    index: Any = None  # ProportionDatum or SurvivalDatum
    note: str = ""
    skipped: tuple[Mapping[str, str], ...] = ()

    @property
    def k(self) -> int:
        """Rows in the pool (studies, or arms of a study that reports only arms)."""
        return len(self.data)

    @property
    def n_studies(self) -> int:
        """Distinct comparison studies behind the rows."""
        return len({d.pmid for d in self.data})

    def summary(self) -> dict[str, Any]:
        """Plain numbers for the JSON output and the change report."""
        out: dict[str, Any] = {
            "outcome": self.spec.name,
            "measure": self.spec.measure.value,
            "effect": self.spec.effect,
            "method": self.spec.method,
            "knha": self.spec.knha,
            "k": self.k,
            "n_studies": self.n_studies,
            "studies": [d.to_json() for d in self.data],
            "index": self.index.to_json() if self.index else None,
            "note": self.note,
            "pooled": _to_dict(self.pool),
            "index_vs_pool": _to_dict(self.comparison),
        }
        if self.spec.is_survival:
            out["time_months"] = self.spec.time_months
            out["scale"] = self.spec.scale
            out["skipped"] = [dict(x) for x in self.skipped]
        return out


@dataclass(frozen=True)
class IndexAnalysis:
    """What the review derived from the index study's printed numbers."""

    counts: Mapping[str, int] = field(default_factory=dict)
    counts_method: str = ""
    derived_sum: Mapping[str, Any] | None = None
    cohort: Any = None  # meta.reconstruct ReconstructedCohort
    assumptions: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "counts": dict(self.counts),
            "counts_method": self.counts_method,
            "derived_sum": self.derived_sum,
            "assumptions": list(self.assumptions),
            "flags": [f.to_json() for f in self.flags],
            "notes": list(self.notes),
            "cohort_size": None if self.cohort is None else int(len(self.cohort.patients)),
        }


@dataclass(frozen=True)
class ReviewResult:
    """Everything a review found; :func:`write_outputs` turns it into files."""

    protocol: Protocol
    index: Study | None
    comparison: tuple[Study, ...]
    excluded: tuple[Study, ...]
    decisions: tuple[ScreeningDecision, ...]
    prisma: PrismaCounts
    outcomes: tuple[PooledOutcome, ...]
    index_analysis: IndexAnalysis
    fingerprint: str = ""
    notes: tuple[str, ...] = ()

    @property
    def studies(self) -> tuple[Study, ...]:
        """The index study first, then the included comparison studies."""
        return ((self.index,) if self.index else ()) + self.comparison

    @property
    def roles(self) -> dict[str, str]:
        roles = {s.pmid: ROLE_COMPARISON for s in self.comparison}
        if self.index is not None:
            roles[self.index.pmid] = ROLE_INDEX
        return roles

    def pooled_json(self) -> dict[str, Any]:
        """The content of ``pooled.json``."""
        return {
            "protocol": self.protocol.name,
            "evidence_version": __version__,
            "index_study": None if self.index is None else {"pmid": self.index.pmid, "label": self.index.label},
            "outcomes": [o.summary() for o in self.outcomes],
            "index_analysis": self.index_analysis.to_json(),
            "prisma": self.prisma.to_json(),
            "notes": list(self.notes),
        }

    def snapshot(self) -> dict[str, Any]:
        """What surveillance compares between runs: study values and pooled results."""
        studies = {}
        for s in self.studies:
            studies[s.pmid] = {
                "label": s.label,
                "values": {_finding_name(f): f.value for f in s.findings if f.value is not None},
            }
        pooled = {}
        for o in self.outcomes:
            p = o.summary()["pooled"] or {}
            pooled[o.spec.name] = {
                "k": o.k,
                "estimate": _first(p, ("estimate_bt", "estimate")),
                "ci": _first(p, ("ci_bt", "ci")),
                "pi": _first(p, ("pi_bt", "pi")),
                "note": o.note,
            }
        return {"fingerprint": self.fingerprint, "studies": studies, "pooled": pooled}


def _first(d: Mapping[str, Any], keys: Sequence[str]) -> Any:
    for k in keys:
        if k in d and d[k] is not None:
            return d[k]
    return None


def _finding_name(f: Finding) -> str:
    parts = [f.measure.value, f.kind.value]
    if f.time_months is not None:
        parts.append(f"{f.time_months:g}m")
    if f.arm:
        parts.append(f"arm={f.arm}")
    if f.outcome:  # several OTHER findings of one arm differ only by their outcome
        parts.append(f"outcome={f.outcome}")
    return " ".join(parts)


def _to_dict(obj: Any) -> Any:
    if obj is None:
        return None
    if hasattr(obj, "to_dict"):
        return _jsonable(obj.to_dict())
    return _jsonable(obj)


def _jsonable(x: Any) -> Any:
    """Numpy scalars/arrays and tuples into plain JSON values; NaN into None."""
    import math

    if isinstance(x, Mapping):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if hasattr(x, "tolist"):
        return _jsonable(x.tolist())
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return None
    if isinstance(x, (str, int, float, bool)) or x is None:
        return x
    if hasattr(x, "value"):  # enums
        return x.value
    return str(x)


# --- collecting and extracting ---------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """The records a review starts from, before screening."""

    index: Study | None
    candidates: tuple[Study, ...]
    identified: Mapping[str, int]
    duplicates_removed: int


def _read_index(protocol: Protocol) -> Article | None:
    source = protocol.sources.index
    if source in ("", "none"):
        return None
    if source == "seed":
        from evidence.sources.corpus import seed_article

        return seed_article()
    from evidence.sources import read_articles

    path = Path(source)
    if not path.is_absolute() and protocol.path is not None:
        path = protocol.path.resolve().parent / path
    articles = list(read_articles(path))
    if not articles:
        raise InputError(f"{path}: no article found for the index study")
    wanted = protocol.index.pmid
    if wanted:
        for a in articles:
            if a.pmid == wanted:
                return a
        raise InputError(f"{path}: index PMID {wanted} not found in the file")
    return articles[0]


def _read_comparison(protocol: Protocol) -> list[Study]:
    source = protocol.sources.comparison
    if source in ("", "none"):
        return []
    if source == "curated":
        from evidence.sources.corpus import curated_studies

        return list(curated_studies())
    from evidence.records import read_jsonl

    path = Path(source)
    if not path.is_absolute() and protocol.path is not None:
        path = protocol.path.resolve().parent / path
    try:
        with open(path, encoding="utf-8") as fh:
            return list(read_jsonl(fh))
    except FileNotFoundError:
        raise InputError(f"{path}: comparison studies file not found") from None
    except (ValueError, KeyError) as exc:
        raise InputError(f"{path}: not a studies JSON Lines file ({exc})") from exc


def extractor_version() -> str:
    """The extractor's version string (part of the extraction cache key)."""
    from extractors.version import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def extract_articles(
    articles: Sequence[Article], store: Any = None, progress: ProgressFn = _no_progress
) -> list[Study]:
    """Extract studies from articles, reusing the store's cached extraction of unchanged articles."""
    from extractors.pipeline import extract_study

    version = extractor_version()
    cached: dict[str, Study] = {}
    hashes: dict[str, str] = {}
    if store is not None:
        from evidence.store import content_hash

        hashes = {a.pmid: content_hash(a) for a in articles}
        wanted = list(hashes)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = store.execute(
                f"SELECT pmid, content_hash, extractor_version, json FROM extractions WHERE pmid IN ({marks})", chunk
            ).fetchall()
            for pmid, digest, ver, payload in rows:
                if digest == hashes.get(pmid) and ver == version:
                    cached[pmid] = study_from_json(json.loads(payload))
    out: list[Study] = []
    fresh: list[tuple[str, str, str]] = []
    total = len(articles)
    for i, article in enumerate(articles, 1):
        study = cached.get(article.pmid)
        if study is None:
            study = extract_study(article)
            if store is not None:
                fresh.append((article.pmid, hashes[article.pmid], json.dumps(study_to_json(study))))
        else:
            # The JSON form keeps only some article fields; give back the full article.
            study = replace(study, article=article)
        out.append(study)
        progress("extract", i, total)
    if fresh and store is not None:
        from evidence.store import utc_now

        now = utc_now()
        with store.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO extractions (pmid, content_hash, extractor_version, json, updated)"
                " VALUES (?, ?, ?, ?, ?)",
                [(p, h, version, j, now) for p, h, j in fresh],
            )
    return out


def collect_inputs(protocol: Protocol, store: Any = None, progress: ProgressFn = _no_progress) -> Inputs:
    """Read the index study, the comparison set and the store's articles; extract; drop duplicates."""
    index_article = _read_index(protocol)
    comparison = _read_comparison(protocol)
    store_articles: list[Article] = []
    if store is not None and protocol.sources.store:
        store_articles = list(store.iter_articles())
    identified: dict[str, int] = {}  # candidates only: the index study is set against the pool, not screened
    if comparison:
        identified["curated comparison set" if protocol.sources.comparison == "curated" else "comparison file"] = len(
            comparison
        )
    if protocol.sources.store and store is not None:
        identified["database search (store)"] = len(store_articles)

    # Deduplicate by PMID and DOI: the index study first, then the comparison set, then store records,
    # so a curated study wins over its raw record.
    seen: set[str] = _keys(index_article.pmid, index_article.doi) if index_article is not None else set()
    duplicates = 0
    kept_comparison: list[Study] = []
    for s in comparison:
        keys = _keys(s.pmid, s.article.doi)
        if keys & seen:
            duplicates += 1
            continue
        seen |= keys
        kept_comparison.append(s)
    kept_articles: list[Article] = []
    for a in store_articles:
        keys = _keys(a.pmid, a.doi)
        if keys & seen:
            duplicates += 1
            continue
        seen |= keys
        kept_articles.append(a)
    to_extract = ([index_article] if index_article is not None else []) + kept_articles
    studies = extract_articles(to_extract, store=store, progress=progress)
    index_study: Study | None = None
    if index_article is not None:
        index_study = studies[0]
        studies = studies[1:]
        if not index_study.label:
            index_study = replace(index_study, label=_label(index_article))
    studies = [s if s.label else replace(s, label=_label(s.article)) for s in studies]
    return Inputs(index_study, tuple(kept_comparison) + tuple(studies), identified, duplicates)


def _keys(pmid: str, doi: str) -> set[str]:
    keys = set()
    if pmid and pmid.strip():
        keys.add("pmid:" + pmid.strip())
    if doi and doi.strip():
        keys.add("doi:" + doi.strip().lower())
    return keys


def _label(article: Article) -> str:
    first = article.authors[0].split()[0] if article.authors else ""
    if first and article.year:
        return f"{first} {article.year}"
    return first or (f"PMID {article.pmid}" if article.pmid else article.title[:40])


# --- per-study numbers for pooling -----------------------------------------------------------------


def _rate(study: Study, measure: Measure) -> Finding | None:
    for f in study.findings:
        if f.measure == measure and f.arm is None and f.kind == Kind.RATE and f.time_months is None:
            if f.value is not None or f.count is not None:
                return f
    return None


def proportion_datum(study: Study, measure: Measure, counts: Mapping[str, int] | None = None) -> ProportionDatum | None:
    """Events and total of ``measure`` for one study (whole cohort), or None when it is not reported.

    Counts stated with the rate are used as they are; a rate without a count is
    turned into a count with the study's N (marked computed); an ORR missing
    from a study that reports CR and PR counts is computed as CR + PR (CR taken
    as 0 when PR, SD and PD counts account for every evaluated patient).
    ``counts`` are reconstructed category counts of the index study.
    """
    datum = _proportion_datum(study, measure, counts)
    return None if datum is None else replace(datum, study_origin=study.origin)


def _proportion_datum(study: Study, measure: Measure, counts: Mapping[str, int] | None = None) -> ProportionDatum | None:
    n = study_size(study)
    label = study.label or study.pmid
    f = _rate(study, measure)
    if f is not None:
        total = f.denominator or n
        if not total:
            return None
        sentence = f.evidence.sentence if f.evidence else ""
        if f.count is not None:
            return ProportionDatum(study.pmid, label, int(f.count), int(total), f.origin, f.method, sentence)
        if counts and measure.value in counts:
            return ProportionDatum(
                study.pmid, label, int(counts[measure.value]), int(total), Origin.COMPUTED,
                "count reconstructed from the printed percentage and N", sentence,
            )
        if f.value is None:
            return None
        if f.origin == Origin.CORRECTED:
            return ProportionDatum(
                study.pmid, label, int(round(f.value * total)), int(total), Origin.CORRECTED,
                f"events = corrected rate {100 * f.value:g}% x N {total}, rounded ({f.method})", sentence,
            )
        return ProportionDatum(
            study.pmid, label, int(round(f.value * total)), int(total), Origin.COMPUTED,
            f"events = rate {100 * f.value:g}% x N {total}, rounded", sentence,
        )
    if measure != Measure.ORR:
        return None
    pr, cr = _rate(study, Measure.PR), _rate(study, Measure.CR)
    if pr is None or pr.count is None:
        return None
    total = pr.denominator or n
    if not total:
        return None
    if cr is not None and cr.count is not None:
        return ProportionDatum(study.pmid, label, int(pr.count + cr.count), int(total), Origin.COMPUTED, CR_PR_METHOD)
    sd, pd_ = _rate(study, Measure.SD), _rate(study, Measure.PD)
    if cr is None and sd is not None and pd_ is not None and sd.count is not None and pd_.count is not None:
        if pr.count + sd.count + pd_.count == total:
            return ProportionDatum(study.pmid, label, int(pr.count), int(total), Origin.COMPUTED, CR_ZERO_METHOD)
    return None


def with_computed_orr(study: Study) -> Study:
    """The study with a computed ORR finding added when it gives only the response categories."""
    if _rate(study, Measure.ORR) is not None:
        return study
    datum = proportion_datum(study, Measure.ORR)
    if datum is None:
        return study
    finding = Finding(
        measure=Measure.ORR,
        kind=Kind.RATE,
        value=datum.events / datum.total,
        unit=Unit.PROPORTION,
        count=datum.events,
        denominator=datum.total,
        origin=Origin.COMPUTED,
        method=datum.method,
    )
    return study.with_findings(list(study.findings) + [finding])


# --- landmark survival rates -----------------------------------------------------------------------

WHOLE_COHORT_ROW = "whole-cohort rate"
ARM_ROW = "arm reported separately (the study gives no whole-cohort rate), pooled as its own row"
GREENWOOD_METHOD = (
    "SE by Greenwood's formula from the Kaplan-Meier curve of the reconstructed pseudo-cohort "
    "(its censoring is assumed; see the reconstruction's assumptions)"
)


@dataclass(frozen=True)
class SurvivalDatum:
    """One row of a landmark survival-rate pool: a study's (or an arm's) rate at the landmark, and its SE.

    ``se`` is on the rate scale (0-1); ``yi``/``vi`` are on the pool's analysis scale.
    ``row`` says whether this is the whole cohort or an arm; ``se_method`` how the SE was obtained.
    """

    pmid: str
    label: str
    rate: float
    se: float
    n: int | None
    time_months: float
    yi: float
    vi: float
    origin: Origin
    row: str
    se_method: str
    arm: str | None = None
    ci: tuple[float, float] | None = None
    sentence: str = ""
    study_origin: Origin = Origin.EXTRACTED
    se_binomial: float | None = None

    @property
    def proportion(self) -> float:
        return self.rate

    @property
    def shown(self) -> str:
        """How the value is shown in tables: "89.6% (N = 31)"."""
        return f"{100 * self.rate:.1f}%" + (f" (N = {self.n})" if self.n else "")

    @property
    def method(self) -> str:
        return f"{self.row}; {self.se_method}"

    def to_json(self) -> dict[str, Any]:
        return {
            "pmid": self.pmid,
            "label": self.label,
            "arm": self.arm,
            "time_months": self.time_months,
            "rate": self.rate,
            "ci": None if self.ci is None else list(self.ci),
            "n": self.n,
            "se": self.se,
            "se_binomial": self.se_binomial,
            "yi": self.yi,
            "vi": self.vi,
            "origin": self.origin.value,
            "study_origin": self.study_origin.value,
            "row": self.row,
            "se_method": self.se_method,
            "method": self.method,
            "sentence": self.sentence,
        }


def _landmark_findings(study: Study, measure: Measure, time_months: float) -> list[Finding]:
    return [
        f
        for f in study.findings
        if f.measure == measure
        and f.kind == Kind.RATE
        and f.time_months is not None
        and abs(f.time_months - time_months) < 1e-6
        and f.value is not None
    ]


def _arm_size(study: Study, arm: str) -> int | None:
    for a in study.arms:
        if a.label == arm:
            return a.n
    return None


def survival_effect(rate: float, ci: tuple[float, float] | None, n: int | None, se: float | None, scale: str) -> tuple[float, float, float, str]:
    """``(yi, vi, se_rate, method)`` of one landmark rate by :func:`meta.effects.survival_rate_effects`.

    The SE comes from ``se`` when given, else the 95% CI, else binomially from ``n``.
    Raises :class:`PoolingError` when the rate has no usable SE or no value on the scale.
    """
    from meta.effects import survival_rate_effects

    eff = survival_rate_effects([rate], ci=None if (ci is None or se is not None) else ([ci[0]], [ci[1]]),
                                n=None if n is None else [n], scale=scale, se=None if se is None else [se])
    se_rate = se
    if se_rate is None:
        if ci is not None:
            se_rate = (ci[1] - ci[0]) / (2 * 1.959963984540054)
        else:
            se_rate = (rate * (1 - rate) / n) ** 0.5 if n else float("nan")
    return float(eff.yi[0]), float(eff.vi[0]), float(se_rate), eff.method


def survival_data(
    study: Study, spec: OutcomeSpec
) -> tuple[list[SurvivalDatum], list[dict[str, str]]]:
    """The rows one study gives to a landmark survival pool, and the rows it could not give (with why).

    The whole-cohort rate when the study reports one; otherwise each arm as its own row
    (arms are independent groups of patients, so their rates are independent estimates).
    """
    found = _landmark_findings(study, spec.measure, spec.time_months or 0.0)
    whole = [f for f in found if f.arm is None]
    chosen = whole[:1] if whole else [f for f in found if f.arm is not None]
    rows: list[SurvivalDatum] = []
    skipped: list[dict[str, str]] = []
    base = study.label or study.pmid
    for f in chosen:
        label = base if f.arm is None else f"{base} ({f.arm})"
        n = f.denominator or (study_size(study) if f.arm is None else _arm_size(study, f.arm))
        rate = float(f.value)
        try:
            yi, vi, se, how = survival_effect(rate, f.ci, n, None, spec.scale)
        except PoolingError as exc:
            skipped.append({"pmid": study.pmid, "label": label, "reason": _skip_reason(rate, f.ci, n, exc)})
            continue
        binomial = (rate * (1 - rate) / n) ** 0.5 if n else None
        rows.append(
            SurvivalDatum(
                pmid=study.pmid,
                label=label,
                rate=rate,
                se=se,
                n=int(n) if n else None,
                time_months=float(f.time_months or 0.0),
                yi=yi,
                vi=vi,
                origin=f.origin,
                row=WHOLE_COHORT_ROW if f.arm is None else ARM_ROW,
                se_method=how,
                arm=f.arm,
                ci=f.ci,
                sentence=f.evidence.sentence if f.evidence else "",
                study_origin=study.origin,
                se_binomial=binomial,
            )
        )
    return rows, skipped


def _skip_reason(rate: float, ci: tuple[float, float] | None, n: int | None, exc: Exception) -> str:
    if ci is None and not n:
        return "no CI and no number of patients, so no standard error"
    if rate in (0.0, 1.0) and ci is None:
        return f"a rate of {100 * rate:g}% has no binomial standard error (and no log(-log) value)"
    return str(exc)


def greenwood_at(times: Any, events: Any, time_months: float) -> tuple[float, float]:
    """Kaplan-Meier survival at ``time_months`` and its Greenwood standard error.

    ``S(t) = prod (1 - d_i / n_i)`` over event times ``<= t``;
    ``Var S(t) = S(t)^2 sum d_i / (n_i (n_i - d_i))`` (patients censored at an event time
    count as at risk at it).
    """
    import numpy as np

    t = np.asarray(times, dtype=float)
    e = np.asarray(events, dtype=int)
    s, acc = 1.0, 0.0
    for u in np.unique(t[(e == 1) & (t <= time_months)]):
        n_at_risk = int((t >= u).sum())
        d = int(((t == u) & (e == 1)).sum())
        s *= 1 - d / n_at_risk
        if n_at_risk > d:
            acc += d / (n_at_risk * (n_at_risk - d))
    return s, s * acc**0.5


def index_survival_datum(study: Study, spec: OutcomeSpec, cohort: Any = None) -> SurvivalDatum | None:
    """The index study's whole-cohort landmark rate, its SE by Greenwood from the pseudo-cohort when
    that cohort reproduces the printed rate, else binomially from N (``se_method`` says which)."""
    found = [f for f in _landmark_findings(study, spec.measure, spec.time_months or 0.0) if f.arm is None]
    if not found:
        return None
    f = found[0]
    rate = float(f.value)
    n = f.denominator or study_size(study)
    se_greenwood, how = None, ""
    patients = getattr(cohort, "patients", None)
    t_col, e_col = f"{spec.measure.value.lower()}_time_months", f"{spec.measure.value.lower()}_event"
    if patients is not None and t_col in patients.columns and e_col in patients.columns:
        km, se_km = greenwood_at(patients[t_col], patients[e_col], float(f.time_months or 0.0))
        if abs(km - rate) < 0.0006 and se_km > 0:  # the pseudo-cohort prints as the reported rate
            se_greenwood = se_km
            how = f"{GREENWOOD_METHOD}; pseudo-cohort KM {100 * km:.2f}% at {f.time_months:g} months"
    try:
        yi, vi, se, method = survival_effect(rate, f.ci, n, se_greenwood, spec.scale)
    except PoolingError:
        return None
    if se_greenwood is not None:
        method = f"{method.split(';')[0]}; {how}"
    binomial = (rate * (1 - rate) / n) ** 0.5 if n else None
    return SurvivalDatum(
        pmid=study.pmid,
        label=study.label or study.pmid,
        rate=rate,
        se=se,
        n=int(n) if n else None,
        time_months=float(f.time_months or 0.0),
        yi=yi,
        vi=vi,
        origin=f.origin,
        row=WHOLE_COHORT_ROW,
        se_method=method,
        ci=f.ci,
        sentence=f.evidence.sentence if f.evidence else "",
        study_origin=study.origin,
        se_binomial=binomial,
    )


def pool_survival_outcome(
    spec: OutcomeSpec, studies: Sequence[Study], index: Study | None, cohort: Any = None
) -> PooledOutcome:
    """Pool a landmark survival rate over the comparison studies and set the index study against the pool."""
    rows: list[SurvivalDatum] = []
    skipped: list[dict[str, str]] = []
    for s in studies:
        got, lost = survival_data(s, spec)
        rows.extend(got)
        skipped.extend(lost)
    data = tuple(rows)
    index_datum = index_survival_datum(index, spec, cohort) if index is not None else None
    n_studies = len({d.pmid for d in data})
    what = spec.title
    if len(data) < 2:
        note = (
            f"not pooled: only {len(data)} comparison {'study reports' if len(data) == 1 else 'studies report'} "
            f"{what} with a usable standard error; at least 2 are needed"
        )
        return PooledOutcome(spec, data, index=index_datum, note=note, skipped=tuple(skipped))
    from meta.effects import Effects
    from meta.pooling import pool_effects
    import numpy as np

    effects = Effects(
        yi=np.array([d.yi for d in data]),
        vi=np.array([d.vi for d in data]),
        measure="SURV_CLOGLOG" if spec.scale == "cloglog" else "SURV",
        labels=tuple(d.label for d in data),
        method=(
            "landmark survival rates on the log(-log S) scale, delta-method variance se^2/(S log S)^2"
            if spec.scale == "cloglog"
            else "landmark survival rates on the raw scale"
        )
        + "; per-row SE from the reported 95% CI, else binomial sqrt(S(1-S)/N)",
    )
    try:
        pooled = pool_effects(effects, method=spec.method, knha=spec.knha)
    except PoolingError as exc:
        return PooledOutcome(spec, data, index=index_datum, note=f"not pooled: {exc}", skipped=tuple(skipped))
    comparison = None
    if index_datum is not None:
        from meta.against import compare_index_effect

        label = index_datum.label if index_datum.label not in effects.labels else f"index {index_datum.label}"
        comparison = compare_index_effect(index_datum.yi, index_datum.vi, pooled, label=label)
    arms = sum(1 for d in data if d.arm is not None)
    note = f"pooled over {len(data)} rows from {n_studies} comparison {'study' if n_studies == 1 else 'studies'}"
    if arms:
        note += f" ({arms} of the rows are arms of a study that reports no whole-cohort rate)"
    if n_studies < 2:
        note += "; a single study, so the prediction interval reflects only the difference between its arms, not between studies"
    elif len(data) < 5:
        note += f"; only {len(data)} rows, so the between-study variance and the prediction interval are uncertain"
    binomial = sum(1 for d in data if "binomial" in d.se_method)
    if binomial:
        note += f"; {binomial} of them with a binomial SE from N (no CI reported), which ignores censoring"
    if index_datum is None and index is not None:
        note += f"; the index study reports no whole-cohort {what}"
    return PooledOutcome(spec, data, pooled, comparison, index_datum, note, tuple(skipped))


# --- index study ------------------------------------------------------------------------------------


def _printed(f: Finding) -> str:
    """The percentage as printed: from the evidence text when it holds one, else from the value."""
    import re

    if f.evidence is not None and f.evidence.text:
        m = re.search(r"\d+(?:\.\d+)?", f.evidence.text)
        if m and abs(float(m.group()) - 100 * (f.value or 0)) < 0.051:
            return m.group()
    return f"{round(100 * (f.value or 0), 4):g}"


def analyse_index(study: Study, protocol: Protocol) -> IndexAnalysis:
    """Counts behind the index study's printed percentages, the ORR = PR + CR check and its pseudo-cohort."""
    from meta.reconstruct.counts import check_derived_sum, counts_from_percentage, reconstruct_categories

    n = study_size(study)
    notes: list[str] = []
    flags: list[Flag] = []
    counts: dict[str, int] = {}
    method = ""
    derived = None
    if not n:
        return IndexAnalysis(notes=("the index study's N could not be read, so no counts were reconstructed",))
    categories = {m.value: _rate(study, m) for m in (Measure.CR, Measure.PR, Measure.SD, Measure.PD)}
    present = {k: _printed(f) for k, f in categories.items() if f is not None}
    if present:
        rec = reconstruct_categories(present, n)
        flags.extend(rec.flags)
        if rec.counts:
            counts.update(rec.counts)
            method = (
                f"integer counts out of N = {n} that print as the reported percentages and sum to N "
                f"(rounding: {', '.join(rec.rules) or 'mixed'})"
            )
    orr = _rate(study, Measure.ORR)
    if orr is not None:
        parts = {k: present[k] for k in ("PR", "CR") if k in present}
        if len(parts) == 2:
            check = check_derived_sum(
                _printed(orr), parts, n, name="ORR", part_counts={k: counts[k] for k in parts if k in counts}
            )
            derived = _jsonable(check.to_dict())
            flags.extend(check.flags)
            if check.count is not None:
                counts["ORR"] = int(check.count)
        else:
            cands = counts_from_percentage(_printed(orr), n)
            if cands:
                counts["ORR"] = cands[0].count
    for m in (Measure.TOX_G3PLUS, Measure.WOUND, Measure.DCR, Measure.pCR):
        f = _rate(study, m)
        if f is not None and m.value not in counts:
            if f.count is not None:
                counts[m.value] = int(f.count)
            else:
                cands = counts_from_percentage(_printed(f), n)
                if cands:
                    counts[m.value] = cands[0].count
                else:
                    notes.append(f"{m.value} {_printed(f)}% is not k/{n} for any integer k")
    cohort = None
    assumptions: tuple[str, ...] = ()
    spec = protocol.index
    if spec.accrual_start and spec.accrual_end:
        try:
            from meta.reconstruct.index_cohort import reconstruct_index_cohort

            cohort = reconstruct_index_cohort(
                study,
                accrual_start=spec.accrual_start,
                accrual_end=spec.accrual_end,
                data_cutoff=spec.data_cutoff,
                seed=spec.seed,
                limb_preserved=spec.limb_preserved,
                metastases=spec.metastases,
                deaths=spec.deaths,
                local_recurrences=spec.local_recurrences,
            )
            assumptions = tuple(spec.assumptions) + tuple(getattr(cohort, "assumptions", ()) or ())
            flags.extend(getattr(cohort, "flags", ()) or ())
        except ImportError:
            notes.append("cohort reconstruction is not available in this installation")
        except (ReconstructionError, InputError) as exc:
            notes.append(f"pseudo-cohort not reconstructed: {exc}")
    unique_flags = merge_flags((), flags)
    return IndexAnalysis(counts, method, derived, cohort, assumptions, tuple(unique_flags), tuple(notes))


_SAME_FLAG = {"ORR_DERIVED_SUM": "DERIVED_SUM_OF_ROUNDED"}


def _flag_key(flag: Flag) -> tuple[str, tuple[str, ...]]:
    # The kind of problem and what it is about: the message's first two words ("ORR 32.2%", "12-month DFS").
    subject = tuple(word.strip(":;,.()") for word in flag.message.split()[:2])
    return _SAME_FLAG.get(flag.code, flag.code), subject


def merge_flags(existing: Sequence[Flag], added: Sequence[Flag]) -> tuple[Flag, ...]:
    """``existing`` plus each ``added`` flag not already raised about the same value.

    The extractor and the reconstruction may both flag the same printed value
    (e.g. the seed's ORR 32.2%); a value is flagged once per kind of problem,
    the first wording kept.
    """
    keys = {_flag_key(f) for f in existing}
    out = list(existing)
    for f in added:
        key = _flag_key(f)
        if key not in keys:
            out.append(f)
            keys.add(key)
    return tuple(out)


# --- pooling ---------------------------------------------------------------------------------------


def pool_outcome(
    spec: OutcomeSpec, studies: Sequence[Study], index: Study | None, index_counts: Mapping[str, int]
) -> PooledOutcome:
    """Pool one outcome over the comparison studies and set the index study against the pool."""
    data = tuple(d for d in (proportion_datum(s, spec.measure) for s in studies) if d is not None)
    index_datum = proportion_datum(index, spec.measure, index_counts) if index is not None else None
    if len(data) < 2:
        note = (
            f"not pooled: only {len(data)} comparison {'study reports' if len(data) == 1 else 'studies report'} "
            f"{spec.measure.value}; at least 2 are needed"
        )
        return PooledOutcome(spec, data, index=index_datum, note=note)
    from meta.pooling import pool_proportions

    try:
        pooled = pool_proportions(
            [d.events for d in data],
            [d.total for d in data],
            measure=spec.effect,
            method=spec.method,
            knha=spec.knha,
            labels=[d.label for d in data],
        )
    except PoolingError as exc:
        return PooledOutcome(spec, data, index=index_datum, note=f"not pooled: {exc}")
    comparison = None
    if index_datum is not None:
        from meta.against import compare_index

        label = index_datum.label if index_datum.label not in {d.label for d in data} else f"index {index_datum.label}"
        comparison = compare_index(index_datum.events, index_datum.total, pooled, label=label)
    computed = sum(1 for d in data if d.origin == Origin.COMPUTED)
    note = f"pooled over {len(data)} comparison studies"
    if len(data) < 5:
        note += f"; only {len(data)} studies, so the between-study variance and the prediction interval are uncertain"
    if computed:
        note += f"; {computed} of them with a computed count (method in the table)"
    return PooledOutcome(spec, data, pooled, comparison, index_datum, note)


# --- the whole review ------------------------------------------------------------------------------


def input_fingerprint(protocol: Protocol, store: Any = None) -> str:
    """A hash of everything a review's result depends on (cheap: no extraction, no heavy imports).

    The protocol, the code versions, the embedded corpus files, and the store's
    article hashes, corrections and manual decisions.
    """
    from evidence.protocol import OutputSpec

    h = hashlib.sha256()
    # Where the protocol file, store and outputs live does not change the result.
    h.update(repr(replace(protocol, path=None, output=OutputSpec())).encode())
    h.update(__version__.encode())
    h.update(extractor_version().encode())
    from corpora import corpus_path

    files = [corpus_path("seed", "38962275.xml"), corpus_path("curated", "studies.jsonl")]
    for source in (protocol.sources.index, protocol.sources.comparison):
        if source not in ("", "none", "seed", "curated"):
            path = Path(source)
            if not path.is_absolute() and protocol.path is not None:
                path = protocol.path.resolve().parent / path
            files.append(path)
    for p in files:
        if p.exists():
            h.update(p.read_bytes())
    if store is not None:
        for table, sql in (
            ("articles", "SELECT pmid, content_hash FROM articles WHERE deleted = 0 ORDER BY pmid"),
            ("corrections", "SELECT id, pmid, measure, arm, time_months, value, note FROM corrections ORDER BY id"),
            ("decisions", "SELECT pmid, include, reason FROM screening_decisions ORDER BY pmid"),
        ):
            h.update(table.encode())
            for row in store.execute(sql):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def run_review(protocol: Protocol, store: Any = None, progress: ProgressFn = _no_progress) -> ReviewResult:
    """Run the review described by ``protocol`` (``store``: an open Store, or None to use none)."""
    from evidence.corrections import apply_corrections, load_corrections, load_manual_decisions

    fingerprint = input_fingerprint(protocol, store)
    inputs = collect_inputs(protocol, store, progress)
    corrections = load_corrections(store) if store is not None else {}
    manual = load_manual_decisions(store) if store is not None else {}

    index = inputs.index
    if index is not None and index.pmid in corrections:
        index = apply_corrections(index, corrections[index.pmid])
    candidates = [apply_corrections(s, corrections[s.pmid]) if s.pmid in corrections else s for s in inputs.candidates]
    candidates = [with_computed_orr(s) for s in candidates]

    decisions: list[ScreeningDecision] = []
    included: list[Study] = []
    excluded: list[Study] = []
    total = len(candidates)
    for i, s in enumerate(candidates, 1):
        d = screen_study(s, protocol.inclusion, manual.get(s.pmid))
        decisions.append(d)
        (included if d.include else excluded).append(s)
        progress("screen", i, total)

    analysis = IndexAnalysis()
    if index is not None:
        analysis = analyse_index(index, protocol)
        if analysis.flags:
            index = replace(index, flags=merge_flags(index.flags, analysis.flags))
    outcomes = []
    for i, spec in enumerate(protocol.outcomes, 1):
        if spec.is_survival:
            outcomes.append(pool_survival_outcome(spec, included, index, analysis.cohort))
        else:
            outcomes.append(pool_outcome(spec, included, index, analysis.counts))
        progress("pool", i, len(protocol.outcomes))
    prisma = prisma_counts(inputs.identified, inputs.duplicates_removed, decisions)
    notes = []
    if protocol.sources.comparison == "curated":
        notes.append("comparison studies are curated from published abstracts (values typed in, not extracted)")
    return ReviewResult(
        protocol=protocol,
        index=index,
        comparison=tuple(included),
        excluded=tuple(excluded),
        decisions=tuple(decisions),
        prisma=prisma,
        outcomes=tuple(outcomes),
        index_analysis=analysis,
        fingerprint=fingerprint,
        notes=tuple(notes),
    )


# --- writing ---------------------------------------------------------------------------------------

OUTPUT_FILES = (
    "evidence_table.csv",
    "evidence_table.xlsx",
    "evidence_table.parquet",
    "evidence_table.md",
    "evidence_table.jsonl",
    "evidence_values.csv",
    "evidence_values.jsonl",
    "studies.jsonl",
    "pooled.json",
    "screening.json",
    "forest.png",
    "report.html",
)


def check_output_dir(out_dir: Path, force: bool = False) -> None:
    """Refuse an existing non-empty folder unless ``force``; refuse a parent that cannot be written."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"Output {out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not force:
        raise InputError(f"Output folder {out_dir} exists and is not empty; use --force to replace it")
    parent = out_dir.resolve().parent
    if not parent.is_dir():
        raise OutputError(f"Cannot write {out_dir}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"Cannot write {out_dir}: folder {parent} is not writable")


def write_outputs(
    result: ReviewResult,
    out_dir: Path,
    force: bool = False,
    progress: ProgressFn = _no_progress,
    extra_files: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write every output (and ``extra_files``: name -> text) into a temporary folder, then move it into place."""
    out_dir = Path(out_dir)
    check_output_dir(out_dir, force)
    parent = out_dir.resolve().parent
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise OutputError(f"Cannot write {out_dir}: {exc.strerror or exc}") from exc
    _chmod_as_umask(tmp)  # mkdtemp makes the folder private (0700); the output folder is shared like any other
    try:
        _write_all(result, tmp, progress)
        for name, text in (extra_files or {}).items():
            (tmp / name).write_text(text, encoding="utf-8")
        _move_into_place(tmp, out_dir.resolve())
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"Cannot write {out_dir}: {exc.strerror or exc}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(out_dir.iterdir())


def _move_into_place(tmp: Path, out_dir: Path) -> None:
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        os.replace(out_dir, old)
        try:
            os.replace(tmp, out_dir)
        except BaseException:
            os.replace(old, out_dir)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out_dir)


def _write_all(result: ReviewResult, folder: Path, progress: ProgressFn) -> None:
    from evidence.records import write_jsonl
    from evidence.tables import evidence_table, evidence_values, write_table

    steps = 6
    roles = result.roles
    table = evidence_table(result.studies, roles)
    for fmt in ("csv", "xlsx", "parquet", "md"):
        write_table(table, folder / f"evidence_table.{fmt}", fmt)
    values = evidence_values(result.studies, roles)
    write_table(table, folder / "evidence_table.jsonl", "jsonl")
    write_table(values, folder / "evidence_values.csv", "csv")
    write_table(values, folder / "evidence_values.jsonl", "jsonl")
    progress("write", 1, steps)
    with open(folder / "studies.jsonl", "w", encoding="utf-8") as fh:
        write_jsonl(result.studies, fh)
    _write_json(folder / "pooled.json", result.pooled_json())
    _write_json(
        folder / "screening.json",
        {"prisma": result.prisma.to_json(), "decisions": [d.to_json() for d in result.decisions]},
    )
    progress("write", 2, steps)
    figures = render_figures(result)
    saved: dict[int, Path] = {}
    for name, fig in figures.items():
        if id(fig) in saved:  # the same figure under a second name (forest.png): copy the file
            shutil.copyfile(saved[id(fig)], folder / name)
            continue
        # Figures lay themselves out; a "tight" bounding box would draw a large forest plot twice.
        fig.savefig(folder / name, dpi=100)
        saved[id(fig)] = folder / name
    _close(figures)
    progress("write", 4, steps)
    if result.index_analysis.cohort is not None:
        patients = getattr(result.index_analysis.cohort, "patients", None)
        if patients is not None:
            patients.to_csv(folder / "index_cohort.csv", index=False)
    from evidence.report import render_report

    (folder / "report.html").write_text(render_report(result, figures_dir=folder), encoding="utf-8")
    progress("write", steps, steps)


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(_jsonable(data), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _close(figures: Mapping[str, Any]) -> None:
    import matplotlib.pyplot as plt

    for fig in {id(f): f for f in figures.values()}.values():
        plt.close(fig)


def render_figures(result: ReviewResult) -> dict[str, Any]:
    """The review's figures by file name: forest (first pooled outcome, then one per outcome), funnel, KM."""
    import matplotlib

    matplotlib.use("Agg")
    figures: dict[str, Any] = {}
    for o in result.outcomes:
        if o.pool is None:
            continue
        m = o.spec.name
        fig = _forest_survival(o) if o.spec.is_survival else _forest(o)
        if fig is not None:
            figures[f"forest_{m}.png"] = fig
            figures.setdefault("forest.png", fig)  # the first pooled outcome, under the documented name
        if o.spec.is_survival:
            continue  # no funnel: a handful of landmark rates says nothing about small-study effects
        funnel = _funnel(o)
        if funnel is not None:
            figures[f"funnel_{m}.png"] = funnel
    km = _km(result)
    figures.update(km)
    return figures


def _forest(o: PooledOutcome) -> Any:
    from meta.plots.forest import forest_plot

    symbols = {Origin.COMPUTED: "*", Origin.CORRECTED: "\u2021"}
    marks = [("\u2020" if d.study_origin == Origin.CURATED else "") + symbols.get(d.origin, "") for d in o.data]
    footnote = "\u2020 curated from the published abstract; * computed (see the evidence table); \u2021 corrected by a reviewer"
    return forest_plot(
        [d.label for d in o.data],
        [d.events for d in o.data],
        [d.total for d in o.data],
        o.pool,
        marks=marks,
        footnote=footnote,
        percent=True,
        title=f"{o.spec.measure.value}: {o.pool.describe_method()}",
    )


def _forest_survival(o: PooledOutcome) -> Any:
    from meta.plots.forest import forest_plot_effects

    symbols = {Origin.COMPUTED: "*", Origin.CORRECTED: "\u2021"}
    marks = [("\u2020" if d.study_origin == Origin.CURATED else "") + symbols.get(d.origin, "") for d in o.data]
    footnote = (
        "\u2020 curated from the published abstract; \u2021 corrected by a reviewer; "
        "an arm in brackets is pooled as its own row; index study not pooled"
    )
    return forest_plot_effects(
        o.pool,
        labels=[d.label for d in o.data],
        marks=marks,
        footnote=footnote,
        xlabel=f"{o.spec.title} (survival rate)",
        title=f"{o.spec.title}: {o.pool.describe_method()}",
        index=o.comparison,
    )


def _funnel(o: PooledOutcome) -> Any:
    from meta.effects import proportion_effects
    from meta.plots.funnel import funnel_plot

    effects = proportion_effects(
        [d.events for d in o.data], [d.total for d in o.data], measure=o.spec.effect, labels=[d.label for d in o.data]
    )
    return funnel_plot(effects, o.pool, title=f"{o.spec.measure.value}: funnel plot ({o.spec.effect} scale)")


def _km(result: ReviewResult) -> dict[str, Any]:
    """Kaplan-Meier curves of the index study's pseudo-cohort, the reported landmark rates marked."""
    cohort = result.index_analysis.cohort
    if cohort is None or result.index is None:
        return {}
    from meta.plots.km import km_plot

    patients = cohort.patients
    groups: dict[str, tuple[Any, Any]] = {}
    landmarks: dict[str, list[tuple[float, float]]] = {}
    for measure in (Measure.DFS, Measure.OS):
        t, e = f"{measure.value.lower()}_time_months", f"{measure.value.lower()}_event"
        if t not in patients.columns or e not in patients.columns:
            continue
        label = measure.value
        groups[label] = (patients[t].to_numpy(dtype=float), patients[e].to_numpy(dtype=int))
        landmarks[label] = [
            (float(f.time_months), float(f.value))
            for f in result.index.findings
            if f.measure == measure and f.arm is None and f.kind == Kind.RATE and f.time_months and f.value is not None
        ]
    if not groups:
        return {}
    fig = km_plot(
        groups,
        landmarks=landmarks,
        title=f"{result.index.label}: reconstructed pseudo-cohort",
    )
    return {"km_index.png": fig}


def _chmod_as_umask(folder: Path) -> None:
    """Give ``folder`` the permissions a plain ``mkdir`` would under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
