"""The index study's reconstructed cohort: one row per pseudo-patient, consistent with its abstract.

From a :class:`~evidence.records.Study` (cohort size, response categories,
grade >= 3 toxicity, landmark DFS/OS) and the counts the abstract states in
words (limb preservation, metastases, deaths, local recurrences), build N
pseudo-patients whose category counts equal the reconstructed integer counts
and whose Kaplan-Meier DFS and OS (lifelines) print as the reported landmark
rates.  Every modelling choice is written down in ``assumptions``; every
inconsistency the inputs show is a :class:`~evidence.records.Flag`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping

import numpy as np
import pandas as pd

from evidence.errors import InputError, ReconstructionError
from evidence.records import Article, Cohort, Finding, Flag, Kind, Measure, Origin, Study, Unit

from .counts import RULES, check_derived_sum, counts_from_percentage, grim_flag, infer_decimals, reconstruct_categories
from .landmark import Landmark, check_landmark_feasibility, fit_survival_model, km_at, prints_as

__all__ = [
    "DAYS_PER_MONTH",
    "ReconstructedCohort",
    "reconstruct_index_cohort",
    "reconstruct_seed_cohort",
    "seed_study",
]

DAYS_PER_MONTH = 365.25 / 12
RESPONSE_ORDER = (Measure.CR, Measure.PR, Measure.SD, Measure.PD)
PATIENT_COLUMNS = [
    "id",
    "response",
    "tox_g3plus",
    "limb_preserved",
    "metastasis",
    "local_recurrence",
    "entry_date",
    "followup_months",
    "dfs_time_months",
    "dfs_event",
    "os_time_months",
    "os_event",
]


@dataclass
class ReconstructedCohort:
    """Pseudo-patients of the index study and how they were made.

    Attributes
    ----------
    patients
        One row per pseudo-patient: ``id``, ``response`` (CR/PR/SD/PD or None),
        ``tox_g3plus``, ``limb_preserved``, ``metastasis``, ``local_recurrence``,
        ``entry_date``, ``followup_months``, ``dfs_time_months``, ``dfs_event``,
        ``os_time_months``, ``os_event`` (events 1, censored 0).
    assumptions
        Plain sentences, one per modelling choice.
    flags
        Inconsistencies found in the inputs (GRIM, derived sums, censoring needed).
    counts
        Per category: count, n, printed percent and the rounding rules that give it.
    landmarks
        Per survival measure: time, reported percent and the pseudo-cohort's KM value.
    """

    patients: pd.DataFrame
    assumptions: list[str]
    flags: list[Flag]
    counts: dict[str, dict[str, Any]]
    landmarks: dict[str, dict[str, Any]] = field(default_factory=dict)
    seed: int = 0
    attempts: int = 0

    def to_dict(self) -> dict[str, Any]:
        patients = self.patients.copy()
        patients["entry_date"] = patients["entry_date"].astype(str)
        return {
            "method": "reconstruct_index_cohort",
            "seed": self.seed,
            "attempts": self.attempts,
            "n": int(len(self.patients)),
            "counts": self.counts,
            "landmarks": self.landmarks,
            "assumptions": list(self.assumptions),
            "flags": [f.to_json() for f in self.flags],
            "patients": patients.to_dict(orient="records"),
        }


def _printed_percent(finding: Finding) -> str:
    """The percentage as the abstract printed it (from the evidence text when it is a number)."""
    if finding.evidence is not None and finding.evidence.text:
        text = finding.evidence.text.strip().rstrip("%").strip()
        try:
            float(text)
            return text
        except ValueError:
            pass
    if finding.value is None:
        raise InputError(f"{finding.measure.value} finding has no value")
    return format(round(float(finding.value) * 100, 6), "g")


def _rate(study: Study, measure: Measure) -> Finding | None:
    for f in study.findings_for(measure):
        if f.kind == Kind.RATE and (f.value is not None or f.count is not None):
            return f
    return None


def _within(value: float, window: tuple[float, float]) -> bool:
    return window[0] <= value <= window[1]


def _months_between(a: date, b: date) -> float:
    return (b - a).days / DAYS_PER_MONTH


def reconstruct_index_cohort(
    study: Study,
    *,
    accrual_start: date,
    accrual_end: date,
    data_cutoff: date | None = None,
    seed: int = 0,
    limb_preserved: int | None = None,
    metastases: int | None = None,
    deaths: int | None = None,
    local_recurrences: int | None = None,
    landmark_months: float = 12.0,
    max_attempts: int = 200_000,
) -> ReconstructedCohort:
    """Build the index study's pseudo-patients.

    Parameters
    ----------
    study
        The index study; uses ``cohort.n``, rate findings of CR/PR/SD/PD/ORR,
        TOX_G3PLUS, and DFS/OS rates at ``landmark_months``.
    accrual_start, accrual_end
        The treatment/accrual window the abstract states.
    data_cutoff
        End of follow-up; when None it is assumed to be 6 months after accrual ended.
    seed
        Seed of the generator: the same inputs and seed give the same cohort.
    limb_preserved, metastases, deaths, local_recurrences
        Counts the abstract states in words (None: not modelled; deaths None
        with metastases given means no deaths are modelled).
    max_attempts
        Cap on redraws of the survival times.

    Raises
    ------
    ReconstructionError
        When the inputs contradict each other (e.g. a landmark no integer
        pattern can give, more deaths than patients) or no draw fits.
    """
    n = study.cohort.n_analysed or study.cohort.n
    if not n:
        raise ReconstructionError(f"Study {study.pmid or study.label!r} has no cohort size; cannot reconstruct patients")
    if accrual_end < accrual_start:
        raise InputError(f"Accrual end {accrual_end} is before accrual start {accrual_start}")
    assumptions: list[str] = []
    flags: list[Flag] = []
    counts: dict[str, dict[str, Any]] = {}
    if data_cutoff is None:
        month = accrual_end.month + 6
        data_cutoff = date(accrual_end.year + (month - 1) // 12, (month - 1) % 12 + 1, min(accrual_end.day, 28))
        assumptions.append(
            f"The data cutoff is not stated; it is taken as {data_cutoff.isoformat()}, six months after accrual ended."
        )
    if data_cutoff < accrual_end:
        raise InputError(f"Data cutoff {data_cutoff} is before the end of accrual {accrual_end}")
    rng = np.random.default_rng(seed)

    # --- response categories -------------------------------------------------------------
    response = [None] * n
    rules: tuple[str, ...] = RULES  # rounding the authors used, narrowed by the response categories
    category_findings = {m.value: _rate(study, m) for m in RESPONSE_ORDER}
    present = {k: f for k, f in category_findings.items() if f is not None}
    if present:
        percents = {k: _printed_percent(f) for k, f in present.items()}
        known = {k: f.count for k, f in present.items() if f.count is not None}
        recon = reconstruct_categories(percents, n)
        flags.extend(recon.flags)
        rules = recon.rules or RULES
        chosen = dict(recon.counts) if recon.counts is not None else None
        if chosen is None and len(known) == len(present) and sum(known.values()) == n:
            chosen = dict(known)
        if chosen is None:
            raise ReconstructionError(
                f"Response categories {percents} cannot be turned into counts summing to {n}"
            )
        for k, count in chosen.items():
            cat_rules = next((c.rules for c in recon.candidates[k] if c.count == count), ())
            counts[k] = {"count": count, "n": n, "percent": percents[k], "rules": list(cat_rules)}
        labels = [k for k, c in chosen.items() for _ in range(c)]
        labels += [None] * (n - len(labels))
        response = list(rng.permutation(np.array(labels, dtype=object)))
        assumptions.append(
            "Response categories are the integer counts whose percentages of N print as reported "
            f"({', '.join(f'{k} {v}' for k, v in chosen.items())}; rounding {' or '.join(recon.rules) or 'mixed'}), "
            "assigned to pseudo-patients at random."
        )
        orr = _rate(study, Measure.ORR)
        if orr is not None and {"PR", "CR"} <= set(chosen):
            check = check_derived_sum(
                _printed_percent(orr),
                {"PR": percents["PR"], "CR": percents["CR"]},
                n,
                name="ORR",
                part_counts=chosen,
                rules=recon.rules or None,
            )
            flags.extend(check.flags)
            counts["ORR"] = {
                "count": check.count,
                "n": n,
                "percent": check.percent,
                "rules": list(check.consistent_rules),
                "derived": "PR + CR",
            }

    # --- toxicity ------------------------------------------------------------------------
    tox = np.zeros(n, dtype=bool)
    tox_finding = _rate(study, Measure.TOX_G3PLUS)
    tox_known = tox_finding is not None
    if tox_finding is not None:
        if tox_finding.count is not None:
            k_tox, printed, tox_rules = int(tox_finding.count), _printed_percent(tox_finding), []
        else:
            printed = _printed_percent(tox_finding)
            cands = counts_from_percentage(printed, n, rules=rules)
            if not cands:
                flag = grim_flag(printed, n, "Grade >= 3 toxicity")
                raise ReconstructionError(flag.message if flag else f"Toxicity {printed}% impossible with N = {n}")
            k_tox, tox_rules = cands[0].count, list(cands[0].rules)
            if len(cands) > 1:
                flags.append(Flag("COUNTS_AMBIGUOUS", f"Toxicity {printed}% of {n} fits counts {[c.count for c in cands]}; used {k_tox}"))
        counts["TOX_G3PLUS"] = {"count": k_tox, "n": n, "percent": printed, "rules": tox_rules}
        tox[rng.choice(n, k_tox, replace=False)] = True
        assumptions.append(f"Grade >= 3 toxicity in {k_tox} of {n} pseudo-patients, assigned at random (independent of response).")

    # --- limb preservation ---------------------------------------------------------------
    limb = np.ones(n, dtype=bool)
    if limb_preserved is not None:
        if not 0 <= limb_preserved <= n:
            raise ReconstructionError(f"Limb preservation in {limb_preserved} patients is impossible with N = {n}")
        limb[:] = False
        limb[rng.choice(n, limb_preserved, replace=False)] = True
        counts["LIMB_PRESERVED"] = {"count": limb_preserved, "n": n, "percent": f"{100 * limb_preserved / n:.1f}", "rules": []}
        assumptions.append(f"Limb preserved in {limb_preserved} of {n}, assigned at random.")

    # --- survival ------------------------------------------------------------------------
    dfs_f = next((f for f in study.findings_for(Measure.DFS) if f.kind == Kind.RATE and f.time_months == landmark_months), None)
    os_f = next((f for f in study.findings_for(Measure.OS) if f.kind == Kind.RATE and f.time_months == landmark_months), None)
    n_met = metastases or 0
    n_lr = local_recurrences or 0
    n_death = deaths or 0
    if n_met + n_lr > n:
        raise ReconstructionError(f"{n_met} metastases and {n_lr} local recurrences cannot occur among {n} patients")
    if n_death > n:
        raise ReconstructionError(f"{n_death} deaths cannot occur among {n} patients")
    accrual_months = _months_between(accrual_start, accrual_end)
    after_months = _months_between(accrual_end, data_cutoff)
    landmarks: dict[str, dict[str, Any]] = {}
    for name, f in (("DFS", dfs_f), ("OS", os_f)):
        if f is None:
            continue
        printed = _printed_percent(f)
        feas = check_landmark_feasibility(n, printed, name=f"{landmark_months:g}-month {name}", rules=rules)
        flags.extend(feas.flags)
        if not feas.feasible:
            raise ReconstructionError(feas.flags[0].message)
        landmarks[name] = {"time_months": landmark_months, "reported_percent": printed, "min_censored_before": feas.min_censored}
    dfs_events = n_met + n_lr
    # With counted disease events the DFS events are placed among that many patients; without
    # them, DFS and OS times are free draws from exponential models through the landmarks.
    counted = metastases is not None or local_recurrences is not None
    if n_death > n_met and n_met:
        raise ReconstructionError(f"{n_death} deaths exceed the {n_met} patients with metastasis, the only deaths modelled")
    if "DFS" in landmarks and "OS" in landmarks:
        dfs_p, os_p = float(landmarks["DFS"]["reported_percent"]), float(landmarks["OS"]["reported_percent"])
        if dfs_p > os_p:
            raise ReconstructionError(
                f"{landmark_months:g}-month DFS {dfs_p}% exceeds OS {os_p}%: impossible when every death counts as a DFS event"
            )
    if counted and dfs_f is not None and dfs_events == 0:
        raise ReconstructionError("A DFS rate below 100% needs disease events; metastases and local recurrences are both 0")
    # Rates for event times: exponential through each reported landmark.
    dfs_model = fit_survival_model([Landmark(landmark_months, _printed_percent(dfs_f))]) if dfs_f else None
    os_model = fit_survival_model([Landmark(landmark_months, _printed_percent(os_f))]) if os_f else None
    # Cheap float pre-check: a value prints as p (1 decimal) only within half a unit (plus truncation's unit).
    windows = {
        k: (float(v["reported_percent"]) / 100 - 0.6 * 10.0 ** -infer_decimals(v["reported_percent"]) / 100,
            float(v["reported_percent"]) / 100 + 1.1 * 10.0 ** -infer_decimals(v["reported_percent"]) / 100)
        for k, v in landmarks.items()
    }
    order = np.arange(n)
    attempts = 0
    found = None
    entry_offsets = None
    for attempts in range(1, max_attempts + 1):
        entry_offsets = np.sort(rng.uniform(0, accrual_months, n))
        followup = accrual_months + after_months - entry_offsets
        dfs_time = followup.copy()
        dfs_event = np.zeros(n, dtype=int)
        met = np.zeros(n, dtype=bool)
        lr = np.zeros(n, dtype=bool)
        os_time = followup.copy()
        os_event = np.zeros(n, dtype=int)
        if not counted:
            os_latent = os_model.quantile(rng.uniform(size=n)) if os_model else np.full(n, np.inf)
            dfs_latent = dfs_model.quantile(rng.uniform(size=n)) if dfs_model else np.full(n, np.inf)
            dfs_latent = np.minimum(dfs_latent, os_latent)  # death counts as a DFS event
            dfs_event = (dfs_latent <= followup).astype(int)
            dfs_time = np.minimum(dfs_latent, followup)
            os_event = (os_latent <= followup).astype(int)
            os_time = np.minimum(os_latent, followup)
            if deaths is not None and int(os_event.sum()) != n_death:
                continue
        elif dfs_events:
            hazard = 1 / dfs_model.scale_months if dfs_model else math.log(2) / max(accrual_months, 1)
            p_event = 1 - np.exp(-hazard * followup)
            # weighted sampling without replacement (Gumbel top-k), weights = chance of an event in follow-up
            keys = np.log(p_event) - np.log(-np.log(rng.uniform(size=n)))
            chosen = np.argpartition(-keys, dfs_events - 1)[:dfs_events] if dfs_events < n else order.copy()
            u = rng.uniform(size=dfs_events)
            f_sel = followup[chosen]
            dfs_time[chosen] = -np.log(1 - u * (1 - np.exp(-hazard * f_sel))) / hazard
            dfs_event[chosen] = 1
            kinds = rng.permutation(np.array([True] * n_met + [False] * n_lr))
            met[chosen[kinds]] = True
            lr[chosen[~kinds]] = True
            if n_death:
                dying = rng.choice(np.flatnonzero(met), n_death, replace=False)
                os_time[dying] = dfs_time[dying] + rng.uniform(size=n_death) * (followup[dying] - dfs_time[dying])
                os_event[dying] = 1
        ok = True
        if dfs_f is not None:
            ok = _within(km_at(dfs_time, dfs_event, landmark_months), windows["DFS"]) and prints_as(km_at(dfs_time, dfs_event, landmark_months), landmarks["DFS"]["reported_percent"], rules)
        if ok and os_f is not None:
            ok = _within(km_at(os_time, os_event, landmark_months), windows["OS"]) and prints_as(km_at(os_time, os_event, landmark_months), landmarks["OS"]["reported_percent"], rules)
        if ok:
            found = (followup, dfs_time, dfs_event, os_time, os_event, met, lr)
            break
    if found is None:
        raise ReconstructionError(
            f"No arrangement of {dfs_events} DFS events and {n_death} deaths among {n} patients followed "
            f"{after_months:.0f}-{accrual_months + after_months:.0f} months reproduced "
            + ", ".join(f"{k} {v['reported_percent']}% at {landmark_months:g} months" for k, v in landmarks.items())
            + f" in {max_attempts} draws"
        )
    followup, dfs_time, dfs_event, os_time, os_event, met, lr = found
    entry_dates = [accrual_start + pd.Timedelta(days=float(x * DAYS_PER_MONTH)).to_pytimedelta() for x in entry_offsets]
    from lifelines import KaplanMeierFitter

    for name, (t, e) in (("DFS", (dfs_time, dfs_event)), ("OS", (os_time, os_event))):
        if name in landmarks:
            kmf = KaplanMeierFitter().fit(t, e)
            value = float(kmf.survival_function_at_times(landmark_months).iloc[0])
            landmarks[name]["reconstructed"] = value
            landmarks[name]["events"] = int(e.sum())
            landmarks[name]["censored_before"] = int(((t < landmark_months) & (e == 0)).sum())
            landmarks[name]["rules"] = list(rules)
            if not prints_as(value, landmarks[name]["reported_percent"], rules):  # pragma: no cover - guarded above
                raise ReconstructionError(f"Reconstructed {name} {value:.4f} does not print as reported")
    assumptions += [
        f"Patients entered uniformly between {accrual_start.isoformat()} and {accrual_end.isoformat()} and were followed "
        f"to the data cutoff {data_cutoff.isoformat()} with no other loss to follow-up.",
    ]
    if not counted and landmarks:
        assumptions.append(
            "No counts of metastases or recurrences were given: DFS and OS times follow exponential models through the "
            f"reported {landmark_months:g}-month rates, a death ending DFS when it comes first."
        )
    if counted and dfs_events:
        assumptions.append(
            f"The {n_met} metastases and {n_lr} local recurrences occurred in {dfs_events} different patients and are the "
            "only DFS events; their times follow an exponential model through the reported "
            f"{landmark_months:g}-month DFS, truncated to each patient's follow-up."
        )
    if counted and n_death:
        assumptions.append(
            f"Deaths: {n_death}, all among patients with metastasis, each at a time uniform between metastasis and "
            "the end of that patient's follow-up."
        )
    assumptions.append(
        f"Survival times were redrawn (seed {seed}, {attempts} draw(s)) until the Kaplan-Meier DFS and OS at "
        f"{landmark_months:g} months printed as reported; pseudo-patients are not the study's patients."
    )
    patients = pd.DataFrame(
        {
            "id": [f"P{i + 1:02d}" for i in range(n)],
            "response": response,
            "tox_g3plus": tox if tox_known else [None] * n,
            "limb_preserved": limb if limb_preserved is not None else [None] * n,
            "metastasis": met if counted else [None] * n,
            "local_recurrence": lr if counted else [None] * n,
            "entry_date": entry_dates,
            "followup_months": np.round(followup, 4),
            "dfs_time_months": np.round(dfs_time, 4),
            "dfs_event": dfs_event,
            "os_time_months": np.round(os_time, 4),
            "os_event": os_event,
        },
        columns=PATIENT_COLUMNS,
    )
    return ReconstructedCohort(patients, assumptions, flags, counts, landmarks, seed, attempts)


SEED_PMID = "38962275"


def seed_study() -> Study:
    """The seed study (Qu et al., Front Oncol 2024, PMID 38962275) as curated from its abstract."""

    def rate(measure: Measure, percent: float, time_months: float | None = None) -> Finding:
        return Finding(
            measure, Kind.RATE, round(percent / 100, 6), Unit.PROPORTION, denominator=31,
            time_months=time_months, origin=Origin.CURATED,
        )

    return Study(
        article=Article(pmid=SEED_PMID, title="Preoperative sequential chemotherapy and hypofractionated radiotherapy "
                        "combined with comprehensive surgical resection for high-risk soft tissue sarcomas",
                        journal="Front Oncol", year=2024, doi="10.3389/fonc.2024.1423151"),
        cohort=Cohort(n=31, n_male=21, n_female=10, age_mean=55.7),
        findings=(
            rate(Measure.PD, 9.7), rate(Measure.SD, 58.1), rate(Measure.PR, 29), rate(Measure.CR, 3.2),
            rate(Measure.ORR, 32.2), rate(Measure.TOX_G3PLUS, 29),
            rate(Measure.DFS, 79.3, 12), rate(Measure.OS, 89.6, 12),
        ),
        design=("retrospective",),
        origin=Origin.CURATED,
        label="Qu 2024",
    )


SEED_FACTS: Mapping[str, Any] = {
    "accrual_start": date(2021, 6, 1),
    "accrual_end": date(2023, 6, 30),
    "limb_preserved": 30,
    "metastases": 6,
    "deaths": 3,
    "local_recurrences": 2,
}


def reconstruct_seed_cohort(study: Study | None = None, *, seed: int = 0, data_cutoff: date | None = None) -> ReconstructedCohort:
    """The seed study's 31 pseudo-patients with the abstract's counts and its stated reading.

    "6 patients had developed metastasis, and 3 patients were still alive" is
    read as: of the 6 with metastasis, 3 were alive, so 3 deaths in all.  The
    other reading (3 of 31 alive, 28 deaths) cannot agree with a 1-year OS of
    89.6% within a follow-up that ends at most about 3 years after the first
    patient entered; the assumption is recorded on the result.
    """
    cohort = reconstruct_index_cohort(study or seed_study(), seed=seed, data_cutoff=data_cutoff, **SEED_FACTS)
    cohort.assumptions.insert(
        0,
        "'6 patients had developed metastasis, and 3 patients were still alive' is read as 3 of the 6 patients with "
        "metastasis alive at cutoff (3 deaths in all); reading it as 3 of 31 alive (28 deaths) is incompatible with "
        "1-year OS 89.6% and at most about 3 years of follow-up.",
    )
    cohort.assumptions.insert(
        1,
        "Limb preservation (30 of 31) and grade >= 3 toxicity (29% = 9 of 31) are independent of response and survival.",
    )
    return cohort
