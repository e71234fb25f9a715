"""docs/schema.md documents what records.py writes: its examples round-trip and their offsets are right."""

from __future__ import annotations

import json
import re
from pathlib import Path

from evidence.records import Finding, study_from_json, study_to_json
from evidence.sources.corpus import seed_article

DOC = Path(__file__).resolve().parents[1] / "docs" / "schema.md"


def _examples() -> list[dict]:
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    return [json.loads(block) for block in blocks]


def test_study_example_round_trips() -> None:
    study_json = _examples()[0]
    assert study_to_json(study_from_json(study_json)) == study_json


def test_example_offsets_point_at_the_value() -> None:
    study_json = _examples()[0]
    sections = {s.label: s.text for s in seed_article().sections}
    evidences = [study_json["cohort"]["evidence"]["n"]] + [f["evidence"] for f in study_json["findings"]]
    for ev in evidences:
        text = sections[ev["section"]]
        assert text[ev["start"] : ev["end"]] == ev["text"]
        assert ev["sentence"] in text


def test_finding_example_round_trips() -> None:
    finding_json = _examples()[1]
    assert Finding.from_json(finding_json).to_json() == finding_json


def test_every_written_key_is_documented() -> None:
    doc = DOC.read_text(encoding="utf-8")
    study_json = _examples()[0]
    keys = set(study_json) | set(study_json["cohort"]) | set(study_json["regimen"]) | set(study_json["findings"][0])
    keys |= {"original_value", "p_relation", "not_reached", "method", "label", "n", "code", "message"}
    assert [k for k in sorted(keys) if f"`{k}`" not in doc] == []
