"""The corpus generator: deterministic, baseline-format files the real parser reads, honest expectations."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from evidence.cli import main
from evidence.errors import InputError
from evidence.records import Article
from evidence.scale.generate import generate_corpus
from evidence.sources.pubmed_xml import Deletion, iter_pubmed_file


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    return generate_corpus(tmp_path_factory.mktemp("corpus"), records=300, files=3, seed=7)


def _expected(corpus) -> list[dict]:
    return [json.loads(line) for line in corpus.expected.read_text(encoding="utf-8").splitlines()]


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path, corpus) -> None:
    again = generate_corpus(tmp_path / "a", records=300, files=3, seed=7)
    other = generate_corpus(tmp_path / "b", records=300, files=3, seed=8)
    for mine, theirs in zip(corpus.files, again.files):
        assert mine.read_bytes() == theirs.read_bytes()
    assert corpus.expected.read_bytes() == again.expected.read_bytes()
    assert corpus.files[0].read_bytes() != other.files[0].read_bytes()


def test_files_are_baseline_format_and_match_expected(corpus) -> None:
    names = [p.name for p in corpus.files]
    assert names == ["pubmed99n0001.xml.gz", "pubmed99n0002.xml.gz", "pubmed99n0003.xml.gz", "pubmed99n0004.xml.gz"]
    head = gzip.open(corpus.files[0]).read(400).decode()
    assert "<!DOCTYPE PubmedArticleSet" in head and "<PubmedArticleSet>" in head
    expected = _expected(corpus)
    per_file = Counter(e["file"] for e in expected if not e.get("deleted"))
    deleted = [e["pmid"] for e in expected if e.get("deleted")]
    for path in corpus.files:
        events = list(iter_pubmed_file(path))
        articles = [e for e in events if isinstance(e, Article)]
        assert len(articles) == per_file[path.name.removesuffix(".xml.gz")]
        gone = [p for e in events if isinstance(e, Deletion) for p in e.pmids]
        if path == corpus.files[-1]:
            assert sorted(gone) == sorted(deleted) and len(gone) == corpus.deletions == 3
        else:
            assert gone == []
    assert sum(per_file[p.name.removesuffix(".xml.gz")] for p in corpus.files[:3]) == 300


def test_records_vary_like_real_ones(corpus) -> None:
    articles = [e for p in corpus.files for e in iter_pubmed_file(p) if isinstance(e, Article)]
    structured = sum(1 for a in articles if len(a.sections) > 1)
    unstructured = sum(1 for a in articles if len(a.sections) == 1)
    empty = sum(1 for a in articles if not a.sections)
    assert structured > 30 and unstructured > 30 and empty > 5
    assert any(s.label == "RESULTS" for a in articles for s in a.sections)
    # the update file revises baseline PMIDs (same PMID, read again later)
    seen = Counter(a.pmid for a in articles)
    assert sum(1 for n in seen.values() if n == 2) == corpus.revisions == 6


def test_expected_values_are_printed_in_the_abstract(corpus) -> None:
    """Every expected rate/median is written in its record's text, so the expectations cannot drift."""
    texts = {}
    for path in corpus.files:
        for event in iter_pubmed_file(path):
            if isinstance(event, Article):
                texts[(event.pmid, path.name.removesuffix(".xml.gz"))] = event.abstract
    checked = 0
    for line in _expected(corpus):
        if line.get("deleted"):
            continue
        text = texts[(line["pmid"], line["file"])]
        assert bool(text) == line["has_abstract"]
        if line["cohort_n"] is not None:
            assert str(line["cohort_n"]) in text
        for found in line["findings"]:
            if found["unit"] == "proportion":
                shown = f"{100 * found['value']:.1f}".removesuffix(".0")
                assert re.search(rf"(?<![\d.]){re.escape(shown)}(\.0)?%", text), (shown, text)
            else:
                assert f"{found['value']:.1f}".removesuffix(".0") in text or f"{found['value']:.2f}" in text
            checked += 1
    assert checked > 300


def test_bad_arguments_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--files"):
        generate_corpus(tmp_path, records=2, files=3)
    with pytest.raises(InputError):
        generate_corpus(tmp_path, records=0, files=1)
    assert list(tmp_path.iterdir()) == []


def test_generate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--records", "20", "--files", "2", "--out", str(tmp_path), "--seed", "3"]) == 0
    assert "wrote 3 files (20 baseline records" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "expected.jsonl", "pubmed99n0001.xml.gz", "pubmed99n0002.xml.gz", "pubmed99n0003.xml.gz"
    ]
    assert main(["generate", "--records", "1", "--files", "2", "--out", str(tmp_path / "x")]) == 2
    assert "--files" in capsys.readouterr().err
