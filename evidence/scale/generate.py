"""A generator of PubMed baseline-format corpora with known findings, for tests and benchmarks.

:func:`generate_corpus` writes ``files`` baseline files and ``updates`` update files
(``<prefix>n0001.xml.gz`` ...; update files continue the numbering, as NCBI's do) and,
beside them, ``expected.jsonl``: one line per record as written (``pmid``, ``file``,
``version``, ``cohort_n`` and the ``findings`` the abstract states) and one line per
deletion (``{"pmid", "file", "deleted": true}``).  The same seed gives byte-identical
files.

Records vary the way real ones do: structured abstracts (labelled sections) and
unstructured ones, outcome sentences in many phrasings (rates at landmarks, medians,
response counts, hazard ratios, "respectively" lists), inline markup, records without
an abstract and records stating no outcome.  Update files revise some earlier records
(same PMID, new values), add new ones and end with a ``DeleteCitation`` list.  All
sentences come from this module's own templates.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from xml.sax.saxutils import escape

from evidence.errors import InputError, OutputError

__all__ = ["GeneratedCorpus", "generate_corpus", "render_article"]

FILE_PREFIX = "pubmed99"
FIRST_PMID = 90_000_001
DOCTYPE = (
    '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
    '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">'
)

# name, abbreviation; abbreviations are used in some phrasings
SURVIVAL = [
    ("OS", "overall survival", "OS"),
    ("DFS", "disease-free survival", "DFS"),
    ("PFS", "progression-free survival", "PFS"),
    ("LC", "local control", "LC"),
    ("MFS", "metastasis-free survival", "MFS"),
    ("RFS", "recurrence-free survival", "RFS"),
]
RESPONSE = [
    ("ORR", "objective response rate", "ORR"),
    ("pCR", "pathological complete response", "pCR"),
    ("DCR", "disease control rate", "DCR"),
    ("CR", "complete response", "CR"),
]
DISEASES = [
    "soft tissue sarcoma", "rectal cancer", "oesophageal cancer", "non-small cell lung cancer",
    "breast cancer", "gastric cancer", "pancreatic adenocarcinoma", "head and neck squamous cell carcinoma",
    "cervical cancer", "hepatocellular carcinoma", "glioblastoma", "bladder cancer",
]
TREATMENTS = [
    "neoadjuvant chemoradiotherapy", "hypofractionated radiotherapy", "induction chemotherapy",
    "stereotactic body radiotherapy", "preoperative doxorubicin and ifosfamide", "capecitabine-based chemoradiation",
    "concurrent cisplatin and radiotherapy", "short-course radiotherapy followed by FOLFOX",
    "immunotherapy with pembrolizumab", "adjuvant gemcitabine",
]
DESIGNS = ["retrospective study", "prospective phase II trial", "single-arm phase II study", "multicentre cohort study",
           "randomised phase III trial", "retrospective review"]
JOURNALS = ["Frontiers in oncology", "Radiotherapy and oncology", "Journal of surgical oncology",
            "Cancer medicine", "BMC cancer", "International journal of radiation oncology, biology, physics"]
SURNAMES = ["Chen", "Garcia", "Muller", "Rossi", "Kowalski", "Tanaka", "Smith", "Okafor", "Novak", "Silva",
            "Larsen", "Haddad", "Ivanova", "Park", "Dubois", "Moreau"]
MESH = ["Humans", "Male", "Female", "Middle Aged", "Aged", "Adult", "Retrospective Studies", "Neoadjuvant Therapy",
        "Treatment Outcome", "Survival Rate", "Radiotherapy Dosage"]
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 10: "ten"}
BACKGROUND = [
    "The role of {treatment} in {disease} remains uncertain.",
    "Outcomes of patients with locally advanced {disease} remain poor despite multimodal treatment.",
    "Few studies have reported long-term results of {treatment} outside clinical trials.",
    "Local recurrence and distant metastasis are the main causes of treatment failure in {disease}.",
    "Whether the benefit of {treatment} extends to older or frail patients is not known.",
    "Treatment intensification before surgery may improve resectability but adds toxicity.",
    "We aimed to assess the efficacy and safety of {treatment} in routine practice.",
]
METHODS = [
    "Eligible patients had histologically confirmed disease without distant metastases at diagnosis.",
    "Response was assessed with RECIST version 1.1 on imaging performed after the last cycle.",
    "Survival was estimated with the Kaplan-Meier method and compared with the log-rank test.",
    "Prognostic factors were examined in univariable and multivariable Cox regression models.",
    "Toxicity was graded according to the Common Terminology Criteria for Adverse Events.",
    "The primary endpoint was defined before enrolment; secondary endpoints included safety and quality of life.",
    "Data were collected prospectively in an institutional database and reviewed retrospectively.",
]
CONCLUSIONS = [
    "{Treatment} was feasible in {disease}.",
    "These results support further evaluation of {treatment} in prospective trials.",
    "Longer follow-up is needed to confirm the durability of these outcomes.",
    "{Treatment} achieved encouraging disease control with acceptable toxicity.",
    "Careful patient selection remains essential when this approach is considered.",
]
FILLER = [
    "Toxicity was manageable and no treatment-related deaths occurred.",
    "Subgroup analyses were exploratory.",
    "Quality of life was assessed with validated questionnaires at each visit.",
    "Imaging was reviewed centrally by two radiologists blinded to treatment.",
    "Patients were followed up every three months for the first two years.",
]


@dataclass(frozen=True)
class GeneratedCorpus:
    """What :func:`generate_corpus` wrote: file paths in processing order and the counts."""

    files: tuple[Path, ...]
    expected: Path
    records: int
    revisions: int
    deletions: int


@dataclass
class _Record:
    pmid: str
    title: str
    sections: list[tuple[str, str, str]]  # (label, nlm category, text with inline markup)
    findings: list[dict[str, Any]] = field(default_factory=list)
    cohort_n: int | None = None
    year: int = 2020
    journal: str = ""
    authors: list[str] = field(default_factory=list)
    version: int = 1


def _pct(rng: random.Random, low: float = 5.0, high: float = 95.0) -> float:
    return round(rng.uniform(low, high), 1)


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") and len(text) > 3 else text


def _rate(measure: str, value_pct: float, time_months: float | None = None, **extra: Any) -> dict[str, Any]:
    found = {"measure": measure, "kind": "rate", "value": round(value_pct / 100, 4), "unit": "proportion",
             "time_months": time_months}
    found.update(extra)
    return found


def _median(measure: str, months: float) -> dict[str, Any]:
    return {"measure": measure, "kind": "median", "value": months, "unit": "months", "time_months": None}


# --- outcome templates: each returns (sentence, findings) ---------------------------------------


def _landmark_rate(rng: random.Random, n: int) -> tuple[str, list[dict]]:
    measure, name, abbr = rng.choice(SURVIVAL)
    years = rng.choice([1, 2, 3, 5, 10])
    v = _pct(rng, 30, 95)
    word = NUMBER_WORDS.get(years, str(years))
    forms = [
        f"The {years}-year {name} rate was {_fmt(v)}%.",
        f"{years}-year {abbr} was {_fmt(v)}%.",
        f"{name.capitalize()} at {years} years was {_fmt(v)}%.",
        f"The {word}-year {name} was {_fmt(v)}%.",
        f"At {years} years, {name} reached {_fmt(v)}%.",
    ]
    return rng.choice(forms), [_rate(measure, v, years * 12.0)]


def _landmark_rate_ci(rng: random.Random, n: int) -> tuple[str, list[dict]]:
    measure, name, abbr = rng.choice(SURVIVAL)
    years = rng.choice([2, 3, 5])
    v = _pct(rng, 35, 90)
    lo, hi = round(max(v - rng.uniform(5, 15), 1.0), 1), round(min(v + rng.uniform(5, 15), 99.0), 1)
    forms = [
        f"The {years}-year {name} was {_fmt(v)}% (95% CI {_fmt(lo)}-{_fmt(hi)}%).",
        f"{years}-year {abbr} was {_fmt(v)}% (95% CI, {_fmt(lo)}%-{_fmt(hi)}%).",
    ]
    return rng.choice(forms), [_rate(measure, v, years * 12.0, ci=[round(lo / 100, 4), round(hi / 100, 4)])]


def _two_rates_respectively(rng: random.Random, n: int) -> tuple[str, list[dict]]:
    (m1, name1, a1), (m2, name2, a2) = rng.sample(SURVIVAL, 2)
    years = rng.choice([2, 3, 5])
    v1, v2 = _pct(rng, 40, 95), _pct(rng, 30, 90)
    forms = [
        f"The {years}-year {a1} and {a2} rates were {_fmt(v1)}% and {_fmt(v2)}%, respectively.",
        f"The {years}-year {name1} and {name2} were {_fmt(v1)}% and {_fmt(v2)}%, respectively.",
    ]
    return rng.choice(forms), [_rate(m1, v1, years * 12.0), _rate(m2, v2, years * 12.0)]


def _median_time(rng: random.Random, n: int) -> tuple[str, list[dict]]:
    measure, name, abbr = rng.choice([s for s in SURVIVAL if s[0] in ("OS", "PFS", "DFS", "RFS")])
    months = round(rng.uniform(4, 60), 1)
    forms = [
        f"Median {name} was {_fmt(months)} months.",
        f"The median {abbr} was {_fmt(months)} months.",
        f"After treatment, the median {name} reached {_fmt(months)} months.",
        f"Patients had a median {name} of {_fmt(months)} months.",
    ]
    return rng.choice(forms), [_median(measure, months)]


def _response_count(rng: random.Random, n: int) -> tuple[str, list[dict]]:
    measure, name, abbr = rng.choice(RESPONSE)
    k = rng.randint(1, max(1, n - 1))
    v = round(100 * k / n, 1)
    forms = [
        f"A {name} was achieved in {k} of {n} patients ({_fmt(v)}%).",
        f"{k} of {n} patients ({_fmt(v)}%) had a {name}.",
        f"The {name} rate was {_fmt(v)}% ({k}/{n})." if measure in ("pCR", "CR") else
        f"The {name} was {_fmt(v)}% ({k}/{n}).",
    ]
    return rng.choice(forms), [_rate(measure, v, None, count=k, denominator=n)]


def _response_rate(rng: random.Random, n: int) -> tuple[str, list[dict]]:
    measure, name, abbr = rng.choice(RESPONSE)
    v = _pct(rng, 10, 80)
    if measure in ("pCR", "CR"):
        forms = [f"The {name} rate was {_fmt(v)}%.", f"The {abbr} rate was {_fmt(v)}%."]
    else:
        forms = [f"The {name} was {_fmt(v)}%.", f"An {abbr} of {_fmt(v)}% was observed." if abbr[0] in "AEIOU"
                 else f"A {abbr} of {_fmt(v)}% was observed.", f"The {abbr} was {_fmt(v)}%."]
    return rng.choice(forms), [_rate(measure, v, None)]


def _hazard_ratio(rng: random.Random, n: int) -> tuple[str, list[dict]]:
    measure, name, abbr = rng.choice([s for s in SURVIVAL if s[0] in ("OS", "PFS", "DFS")])
    hr = round(rng.uniform(0.4, 0.95), 2)
    lo, hi = round(hr - rng.uniform(0.1, 0.3), 2), round(hr + rng.uniform(0.05, 0.3), 2)
    lo = max(lo, 0.05)
    p = rng.choice(["0.001", "0.01", "0.02", "0.04"])
    forms = [
        f"{name.capitalize()} was improved (hazard ratio [HR] {hr:.2f}, 95% CI {lo:.2f}-{hi:.2f}; <i>P</i> = {p}).",
        f"The hazard ratio for {name} was {hr:.2f} (95% CI, {lo:.2f} to {hi:.2f}; P = {p}).",
    ]
    found = {"measure": measure, "kind": "hr", "value": hr, "unit": "ratio", "time_months": None, "ci": [lo, hi]}
    return rng.choice(forms), [found]


def _toxicity(rng: random.Random, n: int) -> tuple[str, list[dict]]:
    k = rng.randint(1, max(1, n // 2))
    v = round(100 * k / n, 1)
    forms = [
        f"Grade 3 or higher toxicity occurred in {k} patients ({_fmt(v)}%).",
        f"Grade \u22653 adverse events were reported in {_fmt(v)}% of patients.",
    ]
    i = rng.randrange(2)
    found = _rate("TOX_G3PLUS", v, None, **({"count": k} if i == 0 else {}))
    return forms[i], [found]


TEMPLATES: list[Callable[[random.Random, int], tuple[str, list[dict]]]] = [
    _landmark_rate, _landmark_rate, _landmark_rate_ci, _two_rates_respectively, _median_time, _median_time,
    _response_count, _response_rate, _hazard_ratio, _toxicity,
]


def _cohort_sentence(rng: random.Random, n: int, design: str) -> str:
    forms = [
        f"We performed a {design} of {n} patients treated between {rng.randint(2005, 2015)} and {rng.randint(2016, 2023)}.",
        f"A total of {n} patients were enrolled.",
        f"In this {design}, {n} patients were included.",
        f"{n} consecutive patients were analysed.",
    ]
    return rng.choice(forms)


def _make_record(rng: random.Random, pmid: str) -> _Record:
    disease, treatment, design = rng.choice(DISEASES), rng.choice(TREATMENTS), rng.choice(DESIGNS)
    title = f"{treatment[0].upper()}{treatment[1:]} for {disease}: a {design}."
    record = _Record(pmid=pmid, title=title, sections=[], year=rng.randint(1995, 2025), journal=rng.choice(JOURNALS),
                     authors=rng.sample(SURNAMES, rng.randint(1, 6)))
    kind = rng.random()
    if kind < 0.08:  # no abstract at all
        return record
    n = rng.randint(12, 600)
    fill = {"treatment": treatment, "Treatment": treatment[0].upper() + treatment[1:], "disease": disease}
    background = " ".join(t.format(**fill) for t in rng.sample(BACKGROUND, rng.randint(2, 4)))
    if kind < 0.22:  # an abstract that states no outcome
        methods = f"We describe the rationale and design of a {design} in {disease}."
        record.sections = [("", "", f"{background} {methods} {' '.join(rng.sample(METHODS, 3))}")]
        return record
    record.cohort_n = n
    age = rng.randint(38, 72)
    methods_parts = [_cohort_sentence(rng, n, design)]
    if rng.random() < 0.6:
        methods_parts.append(f"The median age was {age} years (range, {age - rng.randint(15, 30)}-{age + rng.randint(8, 20)}).")
    methods_parts.extend(rng.sample(METHODS, rng.randint(3, 5)))
    results: list[str] = []
    if rng.random() < 0.5:
        follow_up = round(rng.uniform(6, 90), 1)
        results.append(f"The median follow-up was {_fmt(follow_up)} months.")
        record.findings.append(_median("FOLLOW_UP", follow_up))
    for template in rng.sample(TEMPLATES, rng.randint(1, 4)):
        sentence, found = template(rng, n)
        results.append(sentence)
        record.findings.extend(found)
    if rng.random() < 0.6:
        results.insert(rng.randrange(len(results) + 1), rng.choice(FILLER))
    conclusion = " ".join(t.format(**fill) for t in rng.sample(CONCLUSIONS, rng.randint(1, 3)))
    methods = " ".join(methods_parts)
    if kind < 0.60:  # structured
        record.sections = [
            ("BACKGROUND", "BACKGROUND", background),
            ("METHODS", "METHODS", methods),
            ("RESULTS", "RESULTS", " ".join(results)),
            ("CONCLUSIONS", "CONCLUSIONS", conclusion),
        ]
    else:
        record.sections = [("", "", " ".join([background, methods, *results, conclusion]))]
    return record


def render_article(record: _Record) -> str:
    """One ``<PubmedArticle>`` element in the baseline layout (inline markup in sections kept)."""
    authors = "".join(
        f'<Author ValidYN="Y"><LastName>{escape(a)}</LastName><Initials>{a[0]}</Initials></Author>'
        for a in record.authors
    )
    abstract = ""
    if record.sections:
        parts = []
        for label, category, text in record.sections:
            attrs = f' Label="{escape(label)}" NlmCategory="{category}"' if label else ""
            parts.append(f"<AbstractText{attrs}>{_escape_keep_markup(text)}</AbstractText>")
        abstract = f"<Abstract>{''.join(parts)}</Abstract>"
    mesh = "".join(
        f'<MeshHeading><DescriptorName UI="D{1000 + i:06d}" MajorTopicYN="N">{m}</DescriptorName></MeshHeading>'
        for i, m in enumerate(MESH[: 3 + int(record.pmid) % 5])
    )
    return (
        '<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">'
        f'<PMID Version="{record.version}">{record.pmid}</PMID>'
        f"<DateRevised><Year>{record.year + 1}</Year><Month>01</Month><Day>15</Day></DateRevised>"
        '<Article PubModel="Print-Electronic"><Journal><ISSN IssnType="Electronic">0000-0000</ISSN>'
        f'<JournalIssue CitedMedium="Internet"><Volume>{record.year - 1990}</Volume>'
        f"<PubDate><Year>{record.year}</Year></PubDate></JournalIssue>"
        f"<Title>{escape(record.journal)}</Title></Journal>"
        f"<ArticleTitle>{escape(record.title)}</ArticleTitle>"
        f'<ELocationID EIdType="doi" ValidYN="Y">10.99999/sim.{record.pmid}</ELocationID>'
        f"{abstract}"
        f'<AuthorList CompleteYN="Y">{authors}</AuthorList><Language>eng</Language>'
        '<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>'
        f"</Article>"
        f"<MeshHeadingList>{mesh}</MeshHeadingList></MedlineCitation>"
        "<PubmedData><PublicationStatus>ppublish</PublicationStatus><ArticleIdList>"
        f'<ArticleId IdType="pubmed">{record.pmid}</ArticleId>'
        f'<ArticleId IdType="doi">10.99999/sim.{record.pmid}</ArticleId>'
        "</ArticleIdList></PubmedData></PubmedArticle>\n"
    )


_MARKUP = ("<i>", "</i>", "<sup>", "</sup>", "<sub>", "</sub>")


def _escape_keep_markup(text: str) -> str:
    """Escape text but keep the inline tags PubMed allows inside AbstractText."""
    out = escape(text)
    for tag in _MARKUP:
        out = out.replace(escape(tag), tag)
    return out


def _expected_line(record: _Record, file_stem: str) -> dict[str, Any]:
    return {
        "pmid": record.pmid,
        "file": file_stem,
        "version": record.version,
        "has_abstract": bool(record.sections),
        "cohort_n": record.cohort_n,
        "findings": record.findings,
    }


def _write_file(path: Path, records: list[_Record], deletions: list[str]) -> None:
    # mtime=0 and a fixed name keep the bytes identical for a seed
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(b'<?xml version="1.0" encoding="utf-8"?>\n')
        gz.write(DOCTYPE.encode() + b"\n<PubmedArticleSet>\n")
        for record in records:
            gz.write(render_article(record).encode("utf-8"))
        if deletions:
            ids = "".join(f'<PMID Version="1">{pmid}</PMID>' for pmid in deletions)
            gz.write(f"<DeleteCitation>{ids}</DeleteCitation>\n".encode())
        gz.write(b"</PubmedArticleSet>\n")


def generate_corpus(
    out_dir: Path,
    records: int,
    files: int,
    seed: int = 0,
    updates: int = 1,
    revision_fraction: float = 0.02,
    deletion_fraction: float = 0.01,
) -> GeneratedCorpus:
    """Write a baseline-format corpus of ``records`` records in ``files`` files plus ``updates`` update files.

    Each update file revises about ``revision_fraction`` of the baseline records, adds as many
    new ones, and deletes about ``deletion_fraction`` of them.  Files are written to a temporary
    folder inside ``out_dir`` and moved into place, so a failure leaves nothing half-written.
    """
    if records < 1 or files < 1 or updates < 0:
        raise InputError(f"records and files must be >= 1 and updates >= 0; got {records}, {files}, {updates}")
    if files > records:
        raise InputError(f"cannot spread {records} records over {files} files; use --files <= --records")
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".generate-", dir=out_dir))
    except OSError as exc:
        raise OutputError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc
    rng = random.Random(seed)
    written: list[str] = []
    revisions = deletions_total = 0
    try:
        with open(staging / "expected.jsonl", "w", encoding="utf-8") as expected:
            next_pmid = FIRST_PMID
            per_file = [records // files + (1 if i < records % files else 0) for i in range(files)]
            baseline_pmids: list[str] = []
            for index, count in enumerate(per_file, start=1):
                stem = f"{FILE_PREFIX}n{index:04d}"
                batch = []
                for _ in range(count):
                    record = _make_record(rng, str(next_pmid))
                    next_pmid += 1
                    batch.append(record)
                    expected.write(json.dumps(_expected_line(record, stem)) + "\n")
                baseline_pmids.extend(r.pmid for r in batch)
                _write_file(staging / f"{stem}.xml.gz", batch, [])
                written.append(f"{stem}.xml.gz")
            for u in range(updates):
                stem = f"{FILE_PREFIX}n{files + u + 1:04d}"
                n_rev = max(1, round(records * revision_fraction))
                n_del = max(1, round(records * deletion_fraction))
                chosen = rng.sample(baseline_pmids, min(len(baseline_pmids), n_rev + n_del))
                revised, deleted = chosen[:n_rev], chosen[n_rev:]
                batch = [_make_record(rng, pmid) for pmid in revised]
                for _ in range(n_rev):
                    batch.append(_make_record(rng, str(next_pmid)))
                    next_pmid += 1
                for record in batch:
                    expected.write(json.dumps(_expected_line(record, stem)) + "\n")
                for pmid in deleted:
                    expected.write(json.dumps({"pmid": pmid, "file": stem, "deleted": True}) + "\n")
                gone = set(deleted)
                baseline_pmids = [p for p in baseline_pmids if p not in gone]
                _write_file(staging / f"{stem}.xml.gz", batch, deleted)
                written.append(f"{stem}.xml.gz")
                revisions += len(revised)
                deletions_total += len(deleted)
        for name in [*written, "expected.jsonl"]:
            os.replace(staging / name, out_dir / name)
    except OSError as exc:
        raise OutputError(f"cannot write the corpus to {out_dir}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return GeneratedCorpus(
        files=tuple(out_dir / name for name in written),
        expected=out_dir / "expected.jsonl",
        records=records,
        revisions=revisions,
        deletions=deletions_total,
    )
