"""The real extractor recovers the generator's expected findings (a regression check for the extractor)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence.records import Article
from evidence.scale.generate import generate_corpus
from evidence.sources.pubmed_xml import iter_pubmed_file
from extractors import pipeline

# Measured on 2,000 generated records (seed 1): recall 1.00 for rates, medians and counts,
# 0.00 for hazard ratios (the extractor does not yet read "hazard ratio for OS was 0.72"),
# 0.93 overall; precision 1.00.  The floors leave room for small changes, not for regressions.
RECALL_FLOOR = 0.85
RECALL_FLOOR_WITHOUT_HR = 0.97
PRECISION_FLOOR = 0.95


def _matches(expected: dict, found) -> bool:
    if found.measure.value != expected["measure"] or found.kind.value != expected["kind"] or found.value is None:
        return False
    tolerance = 0.006 if expected["kind"] == "hr" else 0.0006
    if abs(found.value - expected["value"]) > tolerance:
        return False
    return expected["time_months"] is None or found.time_months == pytest.approx(expected["time_months"])


def test_extractor_recovers_generated_findings(tmp_path: Path) -> None:
    corpus = generate_corpus(tmp_path, records=200, files=1, seed=5, updates=0)
    expected = {json.loads(x)["pmid"]: json.loads(x) for x in corpus.expected.read_text().splitlines()}
    articles = [e for e in iter_pubmed_file(corpus.files[0]) if isinstance(e, Article)]
    studies = list(pipeline.extract_studies(articles))
    assert [s.pmid for s in studies] == [a.pmid for a in articles]
    wanted = matched = extracted = true_positive = 0
    missed = []
    for study in studies:
        want = expected[study.pmid]["findings"]
        found = list(study.findings)
        wanted += len(want)
        extracted += len(found)
        for item in want:
            if any(_matches(item, f) for f in found):
                matched += 1
            else:
                missed.append((study.pmid, item))
        true_positive += sum(1 for f in found if any(_matches(item, f) for item in want))
    assert wanted > 250
    recall, precision = matched / wanted, true_positive / max(extracted, 1)
    assert recall >= RECALL_FLOOR, (recall, missed[:10])
    wanted_without_hr = sum(1 for e in expected.values() for item in e["findings"] if item["kind"] != "hr")
    missed_without_hr = [m for m in missed if m[1]["kind"] != "hr"]
    assert 1 - len(missed_without_hr) / wanted_without_hr >= RECALL_FLOOR_WITHOUT_HR, missed_without_hr[:10]
    assert precision >= PRECISION_FLOOR, precision
    # records that state no outcome give no finding
    quiet = [s for s in studies if not expected[s.pmid]["findings"]]
    assert quiet and sum(len(s.findings) for s in quiet) == 0
