"""Convert the curated soft-tissue-sarcoma table into the project's JSON Lines study form.

Run once from the repository root; the output is committed and nothing reads
the table at run time::

    python corpora/curated/build.py ../shared/data/curated-sts

Reads ``studies.csv`` and ``survival.csv`` from the given folder and writes
``studies.jsonl`` and ``sources.csv`` next to this script.  Every study and
finding is marked ``origin="curated"`` with ``method="curated from published
abstract: <url>"``.  Nothing is computed: no ORR from CR + PR, no totals from
arm sizes, no per-fraction doses from totals, no unit conversions.  Percentages
become proportions (value / 100, rounded to 10 decimals only to drop binary
noise such as 0.8220000000000001).

Arm labels, per-arm sizes written in the curator's notes, response
denominators, trial phases and provenance flags cannot be read from the table
columns alone; they are listed per study below, each taken from the study's
notes or setting text.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from evidence.atomic import atomic_path  # noqa: E402
from evidence.records import (  # noqa: E402
    Arm,
    Article,
    Cohort,
    Finding,
    Flag,
    Kind,
    Measure,
    Origin,
    Range,
    Regimen,
    Study,
    Unit,
    write_jsonl,
)

RESPONSE_COLUMNS = (("orr", Measure.ORR), ("cr", Measure.CR), ("pr", Measure.PR), ("sd", Measure.SD), ("pd", Measure.PD))
# Treatment settings per study, read from the setting text (words: preoperative, neoadjuvant,
# postoperative, adjuvant, concurrent, sequential).  Listed by hand because the free text also
# names settings that were excluded ("planned neoadjuvant therapy excluded") or optional.
SETTINGS: dict[str, tuple[str, ...]] = {
    "c01": ("preoperative", "neoadjuvant"),
    "c02": ("preoperative", "postoperative"),
    "c03": ("preoperative",),
    "c04": ("preoperative",),
    "c05": ("preoperative",),
    "c06": ("preoperative",),
    "c07": ("preoperative",),
    "c08": ("preoperative",),
    "c09": ("neoadjuvant",),
    "c10": ("preoperative",),
    "c11": ("preoperative",),
    "c12": ("neoadjuvant", "adjuvant"),
    "c13": ("neoadjuvant",),
    "c14": ("neoadjuvant",),
    "c15": ("neoadjuvant",),
    "c16": ("preoperative", "postoperative"),
    "c17": ("preoperative", "postoperative"),
    "c18": ("neoadjuvant", "preoperative"),
    "c19": ("preoperative", "neoadjuvant", "adjuvant"),
    "c20": ("preoperative",),
    "c21": ("preoperative", "neoadjuvant", "postoperative"),
}

# Arms of multi-arm studies: (label, n, arm-specific regimen fields).  Labels match survival.csv's ``arm``.
ARMS: dict[str, list[tuple[str, int | None, dict[str, Any]]]] = {
    "c02": [
        ("preoperative RT 50 Gy/25 fx", 94, {"rt_total_dose_gy": 50, "rt_fractions": 25, "settings": ("preoperative",)}),
        ("postoperative RT 66 Gy/33 fx", 96, {"rt_total_dose_gy": 66, "rt_fractions": 33, "settings": ("postoperative",)}),
    ],
    "c04": [  # arm sizes 74 and 64 are in the notes
        ("nRT 50 Gy/25 fx", 74, {"rt_total_dose_gy": 50, "rt_fractions": 25, "settings": ("preoperative",)}),
        ("uhRT 25 Gy/5 fx", 64, {"rt_total_dose_gy": 25, "rt_fractions": 5, "settings": ("preoperative",)}),
    ],
    "c08": [
        ("MHFRT 42.75 Gy/15 fx", None, {"rt_total_dose_gy": 42.75, "rt_fractions": 15, "settings": ("preoperative",)}),
        ("UHFRT 30 Gy/5 fx", None, {"rt_total_dose_gy": 30, "rt_fractions": 5, "settings": ("preoperative",)}),
    ],
    "c14": [  # 67 per arm is in the notes
        ("neoadjuvant chemotherapy + surgery", 67, {"drugs": ("doxorubicin", "ifosfamide"), "chemo_cycles": 3, "settings": ("neoadjuvant",)}),
        ("surgery alone", 67, {}),
    ],
    "c16": [
        ("A: 3 preoperative cycles", 164, {"drugs": ("epirubicin", "ifosfamide"), "chemo_cycles": 3, "settings": ("preoperative",)}),
        ("B: 3 preoperative + 2 postoperative cycles", 164, {"drugs": ("epirubicin", "ifosfamide"), "chemo_cycles": 5, "settings": ("preoperative", "postoperative")}),
    ],
    "c17": [
        ("MAID + RT", 48, {}),
        ("historical matched control", None, {}),
    ],
    "c19": [  # 64 experimental, 63 control in the notes (modified ITT)
        ("RT + surgery + pembrolizumab", 64, {"drugs": ("pembrolizumab",), "chemo_cycles": 3, "settings": ("neoadjuvant", "adjuvant")}),
        ("RT + surgery", 63, {}),
    ],
    "c20": [  # 133 per arm in the notes
        ("preoperative RT + surgery", 133, {"rt_total_dose_gy": 50.4, "rt_dose_per_fraction_gy": 1.8, "rt_fractions": 28, "settings": ("preoperative",)}),
        ("surgery alone", 133, {}),
    ],
    "c21": [  # two different splits of the same cohort: RT schedule, and with/without chemotherapy
        ("hypofractionated 35 Gy/10 fx", None, {"rt_total_dose_gy": 35, "rt_fractions": 10, "settings": ("preoperative",)}),
        ("conventional 46-50 Gy/23-25 fx", None, {"rt_total_dose_gy": Range(46, 50), "rt_fractions": Range(23, 25), "settings": ("preoperative",)}),
        ("chemoradiotherapy group", None, {}),
        ("radiotherapy-alone group", None, {}),
    ],
}

# Denominators of the radiologic response categories, as the notes state them.
RESPONSE_DENOMINATOR = {"c12": 50, "c13": 21, "c15": 236}

# Wound complications: the study's definition (from the notes and setting) and the counts the notes state,
# one (count, denominator) per arm in the arms' order.
WOUND_DEFINITION = {
    "c01": "major acute postoperative wound complications",
    "c02": "wound complications within 120 days",
    "c03": "major wound complications within 120 days",
    "c07": "wound-healing problems",
    "c08": "major wound complications",
    "c09": "major wound complications",
    "c11": "local complications (mainly wound-healing problems and infection)",
}
WOUND_COUNTS = {"c02": [(31, 88), (16, 94)], "c03": [(27, 117)], "c07": [(5, 16)]}

# Trial phase of randomised trials, from the notes ("rct" in the table hides it).
RCT_PHASE = {"c14": "phase2", "c16": "phase3", "c20": "phase3"}

# Findings read from a different page than the row's first URL.
FINDING_URL = {("c05", "FOLLOW_UP"): 1, ("c05", "LRFS"): 1}

FLAGS = {
    "c04": [Flag("CURATED_ARM_DOUBT", "Per-arm OS rates were attributed to arms by sentence order in the abstract; the attribution is uncertain.")],
    "c05": [Flag("CURATED_TWO_REPORTS", "Schedule from the primary trial report; cohort size, follow-up and 4-year LRFS (counted from surgery) from a later update.")],
    "c08": [Flag("CURATED_IDENTITY_UNVERIFIED", "Authors, journal, year and identifiers were not visible on the index page read.")],
    "c09": [Flag("CURATED_MEASURE_MAPPED", "The abstract's local progression-free survival is stored as LRFS and its systemic progression-free survival as MFS.")],
    "c15": [Flag("CURATED_SUBSET_DENOMINATOR", "Response categories refer to the 236 patients with central RECIST review, not the 435 included.")],
    "c21": [
        Flag("CURATED_MEASURE_MAPPED", "Cause-specific survival is stored as DSS."),
        Flag("CURATED_OVERLAPPING_ARMS", "Arms are two different splits of one cohort (RT schedule; chemotherapy or not), not disjoint groups."),
    ],
}

# The curator's notes, restated briefly in our own words (the notes column itself is not copied).
NOTES = {
    "c01": "Single-centre single-arm phase II of five-fraction preoperative RT. Wound figure counts major acute wound complications. No local failures by the median follow-up, but no control rate given. Fibrosis was reported for grades 2 and 3 together, so it is not a grade 3+ toxicity value. MFS means distant-metastasis-free survival. The page text stopped early.",
    "c02": "Randomised, stratified by tumour size; arm sizes are patients allocated (no total stated). Wound complications within 120 days: 31 of 88 evaluable (preop) vs 16 of 94 (postop). Follow-up was given in years (median 3.3), so no months value. OS favoured preop RT but no rates are given.",
    "c03": "Single-arm phase 2 non-inferiority trial: 120 enrolled, one withdrew, 117 operated. Major wound complications 27 of 117 within 120 days. Acute grade 3 events were counted (14) without a percentage, so no grade 3+ rate. Two local recurrences, one fracture.",
    "c04": "Prospective multicentre phase 2 with cohorts, not randomised: 74 normofractionated, 64 ultrahypofractionated. Follow-up given in years per arm. The wound result was cut off on the page. Per-arm OS attribution uncertain. Identifiers from the PMC page.",
    "c05": "Two reports of the same trial: schedule from the 2022 primary report (its results were cut off); cohort, follow-up in months, 4-year LRFS and late toxicity from an updated report. First author from a citation elsewhere.",
    "c06": "Single-group phase 2 of five-fraction RT: initial cohort plus part of an expansion cohort. The primary endpoint was grade 2+ toxicity (not grade 3+), so not stored. Later results were cut off on the page. First author from a news page.",
    "c07": "Institutional review of five-fraction preoperative RT, mostly 30 Gy (range 27.5-40). Four of the 16 had metastases at diagnosis. Five of 16 had wound-healing problems. First author not visible.",
    "c08": "Observational prospective cohort with two hypofractionated schedules (no per-schedule sizes). No grade 3+ toxicity stated. Wound figure counts major complications. Identity of the publication not verified.",
    "c09": "Neoadjuvant helical IMRT with reduced margins; the abstract does not say whether prospective. 38 resected patients analysed for outcomes. Local and systemic PFS mapped to LRFS and MFS. Bibliographic data not visible beyond the PMC id PMC6327451.",
    "c10": "Single-group phase 2 of dose-reduced RT in myxoid liposarcoma only. Pathological response (not RECIST) was extensive in most resected patients. Later results cut off on the page.",
    "c11": "Single-institution registry of preoperative RT. Wound figure is the local complication rate. Crude local recurrence only (no actuarial control). RT dose not stated. Journal and DOI from the URL.",
    "c12": "Non-randomised phase II of neoadjuvant EIA chemotherapy with intra-operative and adjuvant RT. RECIST response counts refer to all 50 patients; ORR not stated as one figure. RT doses not stated. Severe toxicities listed separately, no overall grade 3+ rate.",
    "c13": "Consecutive patients given neoadjuvant epirubicin plus ifosfamide; response and toxicity by WHO criteria, counts only (no percentages, no CR, no ORR). Bibliographic data not visible on the mirror page.",
    "c14": "EORTC randomised phase II of neoadjuvant doxorubicin-ifosfamide vs surgery alone, 67 eligible per arm; closed early for slow accrual. Toxicities without grades. Survival results were cut off on the page.",
    "c15": "Planned secondary analysis of a randomised trial plus an observational arm; response assessed by central RECIST review in a subset of 236. No CR category or ORR reported.",
    "c16": "Phase 3 comparing three preoperative cycles with the same plus two postoperative cycles; long-term report with median follow-up near ten years. RT dose not stated. Journal, year and identifiers not visible on the record read.",
    "c17": "Long-term follow-up of MAID chemotherapy interdigitated with RT compared with historical matched controls. Follow-up given in years. First author not visible.",
    "c18": "Ifosfamide-based chemotherapy with 28 Gy in 8 fractions before limb-sparing surgery. Local and distant failure rates were reported as failures, so not stored as control or MFS. Bibliographic data not visible.",
    "c19": "Randomised trial of RT and surgery with or without pembrolizumab; modified ITT 127. Cycles are neoadjuvant pembrolizumab cycles. RT dose and 2-year DFS were beyond the part of the page read.",
    "c20": "Randomised phase 3 in retroperitoneal sarcoma (preoperative RT plus surgery vs surgery alone), 133 per arm. Survival results were cut off on the PubMed page. First author from the article's first page.",
    "c21": "Retrospective single-institution series of preoperative RT (two schedules) with or without neoadjuvant chemotherapy. Chemotherapy agents not named. Hypofractionation was associated with better outcomes. Bibliographic data not visible.",
}


def _num(text: str) -> int | float | Range | None:
    text = text.strip()
    if not text:
        return None
    if "-" in text[1:]:
        low, high = text.split("-", 1)
        return Range(_plain(low), _plain(high))
    return _plain(text)


def _plain(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def _proportion(pct: str) -> float:
    return round(float(pct) / 100, 10)


def _label(row: dict[str, str]) -> str:
    author, year, journal, pmid = row["first_author"], row["year"], row["journal"], row["pmid"]
    if author:
        return f"{author} {year}".strip()
    if journal:
        return f"{journal} {year}".strip()
    if pmid:
        return f"PMID {pmid}"
    return f"Curated {row['id']}"


def _design(row: dict[str, str]) -> tuple[str, ...]:
    code = row["design"]
    if code == "rct":
        return ("randomised", RCT_PHASE[row["id"]]) if row["id"] in RCT_PHASE else ("randomised",)
    if code == "other":
        return ()
    return (code,)


def _single(text: str) -> str:
    return "" if ";" in text else text


def _urls(row: dict[str, str]) -> list[str]:
    return [u.strip() for u in row["url"].split("|") if u.strip()]


def _method(row: dict[str, str], measure: str) -> str:
    urls = _urls(row)
    index = FINDING_URL.get((row["id"], measure))
    url = urls[index] if index is not None else " | ".join(urls)
    return f"curated from published abstract: {url}"


def _finding(row: dict[str, str], measure: Measure, kind: Kind, value: float | None, unit: Unit, **extra: Any) -> Finding:
    return Finding(
        measure=measure, kind=kind, value=value, unit=unit, origin=Origin.CURATED, evidence=None,
        method=_method(row, measure.value), **extra,
    )


def _findings(row: dict[str, str], survival: list[dict[str, str]]) -> list[Finding]:
    out: list[Finding] = []
    denominator = RESPONSE_DENOMINATOR.get(row["id"])
    for column, measure in RESPONSE_COLUMNS:
        pct, count = row[f"{column}_pct"].strip(), row[f"{column}_n"].strip()
        if not pct and not count:
            continue
        out.append(
            _finding(
                row, measure, Kind.RATE, _proportion(pct) if pct else None, Unit.PROPORTION,
                count=int(count) if count else None, denominator=denominator if count else None,
            )
        )
    tox = row["tox_g3plus_pct"].strip()
    if tox:
        none_stated = float(tox) == 0  # "no grade >=3 toxicity": zero of the cohort
        cohort_n = int(row["n"]) if none_stated and row["n"].isdigit() else None
        out.append(
            _finding(
                row, Measure.TOX_G3PLUS, Kind.RATE, _proportion(tox), Unit.PROPORTION,
                count=0 if cohort_n else None, denominator=cohort_n,
            )
        )
    wound = [part.strip() for part in row["wound_complication_pct"].split(";") if part.strip()]
    arm_labels: list[str | None] = [label for label, _, _ in ARMS.get(row["id"], [])] if len(wound) > 1 else [None]
    counts = WOUND_COUNTS.get(row["id"], [(None, None)] * len(wound))
    for pct, arm, (count, denominator) in zip(wound, arm_labels, counts):
        out.append(
            _finding(
                row, Measure.WOUND, Kind.RATE, _proportion(pct), Unit.PROPORTION, count=count, denominator=denominator,
                arm=arm, outcome=WOUND_DEFINITION.get(row["id"]),
            )
        )
    follow_up = row["followup_median_months"].strip()
    if follow_up:
        out.append(_finding(row, Measure.FOLLOW_UP, Kind.MEDIAN, float(follow_up), Unit.MONTHS))
    for surv in survival:
        measure = Measure.parse(surv["measure"])
        kind = Kind(surv["kind"])
        low, high = surv["ci_low"].strip(), surv["ci_high"].strip()
        if kind is Kind.RATE:
            value, unit = _proportion(surv["value"]), Unit.PROPORTION
            ci = (_proportion(low), _proportion(high)) if low and high else None
        else:
            value, unit = float(surv["value"]), Unit.MONTHS
            ci = (float(low), float(high)) if low and high else None
        arm = None if surv["arm"] == "all" else surv["arm"]
        time_months = float(surv["time_months"]) if surv["time_months"].strip() else None
        out.append(_finding(row, measure, kind, value, unit, time_months=time_months, ci=ci, arm=arm))
    return out


def _regimen(row: dict[str, str]) -> Regimen:
    drugs = tuple(d.strip().split(" (")[0] for d in row["drugs"].split(";") if d.strip())
    return Regimen(
        drugs=drugs,
        chemo_cycles=_num(_single(row["chemo_cycles"])),
        rt_total_dose_gy=_num(_single(row["rt_total_gy"])),
        rt_dose_per_fraction_gy=_num(_single(row["rt_per_fraction_gy"])),
        rt_fractions=_num(_single(row["rt_fractions"])),
        settings=SETTINGS[row["id"]],
    )


def _arms(row: dict[str, str]) -> tuple[Arm, ...]:
    return tuple(
        Arm(label=label, n=n, regimen=Regimen(**fields) if fields else None) for label, n, fields in ARMS.get(row["id"], [])
    )


def build_study(row: dict[str, str], survival: list[dict[str, str]]) -> Study:
    """One curated study from a studies.csv row and its survival.csv rows."""
    arms = _arms(row)
    arm_labels = {a.label for a in arms}
    for surv in survival:
        if surv["arm"] != "all" and surv["arm"] not in arm_labels:
            raise ValueError(f"{row['id']}: survival arm {surv['arm']!r} is not one of {sorted(arm_labels)}")
    n_text = row["n"].strip()
    if ";" in n_text:
        sizes = [int(x) for x in n_text.split(";")]
        if [a.n for a in arms] != sizes:
            raise ValueError(f"{row['id']}: arm sizes {sizes} do not match the arms listed in build.py")
        cohort_n = None  # no total stated
    else:
        cohort_n = int(n_text) if n_text else None
    pmid = row["pmid"].strip() or f"curated:{row['id']}"
    article = Article(
        pmid=pmid,
        journal=row["journal"].strip(),
        year=int(row["year"]) if row["year"].strip() else None,
        doi=row["doi"].strip(),
        authors=(row["first_author"].strip(),) if row["first_author"].strip() else (),
        source="corpus",
    )
    return Study(
        article=article,
        cohort=Cohort(n=cohort_n),
        arms=arms,
        regimen=_regimen(row),
        findings=tuple(_findings(row, survival)),
        flags=tuple(FLAGS.get(row["id"], ())),
        design=_design(row),
        origin=Origin.CURATED,
        label=_label(row),
    )


def _write_atomic(path: Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")


def main(source: Path, out: Path = HERE) -> None:
    """Read the table in ``source`` and write ``studies.jsonl`` and ``sources.csv`` into ``out``."""
    with (source / "studies.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with (source / "survival.csv").open(encoding="utf-8", newline="") as handle:
        survival = list(csv.DictReader(handle))
    known = {r["id"] for r in rows}
    stray = {s["study_id"] for s in survival} - known
    if stray:
        raise ValueError(f"survival.csv names unknown studies {sorted(stray)}")
    studies = [build_study(row, [s for s in survival if s["study_id"] == row["id"]]) for row in rows]
    jsonl = io.StringIO()
    write_jsonl(studies, jsonl)
    _write_atomic(out / "studies.jsonl", jsonl.getvalue())
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(["id", "label", "pmid", "doi", "url", "notes"])
    for row, study in zip(rows, studies):
        writer.writerow([row["id"], study.label, row["pmid"], row["doi"], row["url"], NOTES[row["id"]]])
    _write_atomic(out / "sources.csv", table.getvalue())
    print(f"wrote {len(studies)} studies, {sum(len(s.findings) for s in studies)} findings")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/curated-sts"))
