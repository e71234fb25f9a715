"""``evidence surveil``: exit codes, offline default, the stand-in server, the lock, changes reported."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from evidence.cli import main
from evidence.surveillance import diff_snapshots, protocol_lock
from tests.eutils_server import EutilsServer, Record, synthetic_records


def _json_run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["surveil", "--json", *args])
    out = capsys.readouterr().out.strip()
    return code, (json.loads(out) if out else {})


def test_offline_default_baseline_then_nothing_then_a_correction(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVIDENCE_EUTILS_URL", raising=False)
    code, first = _json_run(capsys)
    assert code == 3 and first["changes"]["first_run"] and first["recomputed"]
    assert "offline" in first["fetch_note"]
    assert (tmp_path / "evidence-review" / "report.html").exists()
    assert (tmp_path / "evidence-store" / "store.sqlite").exists()
    report_before = (tmp_path / "evidence-review" / "pooled.json").read_bytes()

    code, second = _json_run(capsys)
    assert code == 0 and not second["changed"] and not second["recomputed"]
    assert (tmp_path / "evidence-review" / "pooled.json").read_bytes() == report_before

    # quiet by default when nothing changed
    assert main(["surveil"]) == 0
    assert capsys.readouterr().out == ""

    # correcting the index study changes a value but no pooled result (the index is not pooled): exit 0
    assert main(["correct", "38962275", "ORR", "32.3%", "--note", "10/31"]) == 0
    capsys.readouterr()
    code, third = _json_run(capsys)
    assert code == 0 and third["changed"] and not third["pooled_changed"]
    assert third["changes"]["changed_values"] == [
        {"study": "Qu 2024 (PMID 38962275)", "value": "ORR rate", "before": 0.322, "after": 0.323}
    ]
    # excluding a pooled study moves the pooled ORR: exit 3, and the move is reported
    assert main(["screen", "40056850", "--exclude", "--reason", "secondary analysis"]) == 0
    capsys.readouterr()
    code, fourth = _json_run(capsys)
    assert code == 3 and fourth["pooled_changed"]
    orr = [p for p in fourth["changes"]["pooled"] if p["measure"] == "ORR"][0]
    assert (orr["before"]["k"], orr["after"]["k"]) == (3, 2) and orr["changed"]
    assert fourth["changes"]["removed_studies"] == ["40056850"]
    changes_md = (tmp_path / "evidence-review" / "changes.md").read_text()
    assert "pooled ORR" in changes_md and "(k=3) -> " in changes_md


def test_a_second_run_of_the_same_protocol_is_refused_while_one_holds_the_lock(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVIDENCE_EUTILS_URL", raising=False)
    lock = tmp_path / "evidence-store" / "store.sqlite.surveil.lock"
    with protocol_lock(lock):
        assert main(["surveil"]) == 5
    assert "holds the lock" in capsys.readouterr().err
    assert not (tmp_path / "evidence-review").exists()


def test_diff_snapshots_reports_moves() -> None:
    before = {"studies": {"1": {"label": "A", "values": {"ORR rate": 0.3}}}, "pooled": {"ORR": {"k": 2, "estimate": 0.3, "ci": [0.2, 0.4], "pi": None}}}
    after = {"studies": {"2": {"label": "B", "values": {}}, "1": {"label": "A", "values": {"ORR rate": 0.3}}}, "pooled": {"ORR": {"k": 3, "estimate": 0.32, "ci": [0.25, 0.4], "pi": [0.1, 0.6]}}}
    d = diff_snapshots(before, after)
    assert d.new_studies == ("2",) and d.removed_studies == () and d.changed_values == ()
    assert d.pooled_changed and d.pooled[0]["estimate_shift"] == pytest.approx(0.02)
    same = diff_snapshots(after, after)
    assert not same.anything_changed and same.lines() == ["no change"]


PROTOCOL = """
[review]
name = "stand-in surveillance"

[search]
query = "sarcoma"
since = "2005-01-01"
overlap_days = 2

[sources]
index = "seed"
comparison = "curated"

[[outcomes]]
measure = "ORR"

[index]
pmid = "38962275"

[output]
store = "store.sqlite"
dir = "out"
"""


@pytest.mark.slow
def test_surveil_against_the_stand_in_server(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    proto = tmp_path / "p.toml"
    proto.write_text(PROTOCOL)
    records = synthetic_records(12, start=date(2010, 1, 1), end=date(2020, 12, 31))
    with EutilsServer(records) as server:
        monkeypatch.setenv("EVIDENCE_EUTILS_URL", server.url)
        monkeypatch.setenv("NCBI_API_KEY", "test-key")
        code, first = _json_run(capsys, str(proto))
        assert code == 3 and first["fetched"]["new"] == 12
        pooled = json.loads((tmp_path / "out" / "pooled.json").read_text())
        assert pooled["outcomes"][0]["k"] == 3 + 12  # the curated three and every synthetic record

        code, second = _json_run(capsys, str(proto))
        assert code == 0 and second["fetched"]["found"] == 0 and not second["recomputed"]
        today = datetime.now(timezone.utc).date()
        assert second["window"]["since"] == date.fromordinal(today.toordinal() - 2).isoformat()
        assert [e for e in server.log if e.utility == "esearch"]

        server.put_record(Record(40_000_001, today, today, today))
        code, third = _json_run(capsys, str(proto))
        assert code == 3 and third["fetched"]["new"] == 1
        assert third["changes"]["new_studies"] == ["40000001"]
        orr = third["changes"]["pooled"][0]
        assert (orr["before"]["k"], orr["after"]["k"]) == (15, 16)


def _surveil_process(cwd: Path, env: dict[str, str]) -> "subprocess.Popen[str]":
    import subprocess
    import sys

    return subprocess.Popen(
        [sys.executable, "-m", "evidence", "surveil", "p.toml", "--quiet"],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _state(folder: Path) -> tuple[list[tuple], dict[str, bytes]]:
    import sqlite3

    con = sqlite3.connect(folder / "store.sqlite")
    articles = con.execute("SELECT pmid, version, content_hash, deleted FROM articles ORDER BY pmid").fetchall()
    snapshots = con.execute("SELECT json FROM review_snapshots ORDER BY id").fetchall()
    con.close()
    files = {name: (folder / "out" / name).read_bytes() for name in ("pooled.json", "changes.json", "evidence_table.csv", "studies.jsonl", "report.html")}
    return articles + [("snapshots", len(snapshots), snapshots[-1][0])], files


@pytest.mark.slow
def test_a_run_killed_at_any_point_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    import os
    import random
    import signal
    import time

    records = synthetic_records(40, start=date(2012, 1, 1), end=date(2019, 12, 31), seed=3)
    rng = random.Random(20261127)
    with EutilsServer(records) as server:
        env = {**os.environ, "EVIDENCE_EUTILS_URL": server.url, "NCBI_API_KEY": "test-key"}
        clean, killed = tmp_path / "clean", tmp_path / "killed"
        for folder in (clean, killed):
            folder.mkdir()
            (folder / "p.toml").write_text(PROTOCOL)
        assert _surveil_process(clean, env).wait(timeout=300) == 3
        kills = 0
        for _ in range(3):
            proc = _surveil_process(killed, env)
            time.sleep(rng.uniform(0.3, 5.0))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                kills += 1
            proc.wait(timeout=60)
            if proc.returncode in (0, 3):
                break
        final = _surveil_process(killed, env).wait(timeout=300)
        assert final in (0, 3)
    clean_state, clean_files = _state(clean)
    killed_state, killed_files = _state(killed)
    assert killed_state == clean_state
    for name, content in clean_files.items():
        assert killed_files[name] == content, name
    assert kills >= 1 or final == 0


def test_an_unwritable_output_path_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVIDENCE_EUTILS_URL", raising=False)
    (tmp_path / "afile").write_text("")
    assert main(["surveil", "--out", "afile/out"]) == 1
    err = capsys.readouterr().err
    assert "afile" in err and "Traceback" not in err
    assert not (tmp_path / "evidence-store" / "store.sqlite").exists()
    bad = tmp_path / "p.toml"
    bad.write_text(PROTOCOL.replace('query = "sarcoma"', 'query = "sarcoma"\nwhen = "nightly"'))
    assert main(["surveil", str(bad)]) == 2
    assert "search.when" in capsys.readouterr().err


def test_snapshot_names_keep_other_outcomes_of_one_arm_apart() -> None:
    from evidence.records import Finding, Kind, Measure, Unit
    from evidence.review import _finding_name

    nausea = Finding(Measure.OTHER, Kind.RATE, 0.3, Unit.PROPORTION, arm="A", outcome="nausea")
    fatigue = Finding(Measure.OTHER, Kind.RATE, 0.2, Unit.PROPORTION, arm="A", outcome="fatigue")
    assert _finding_name(nausea) != _finding_name(fatigue)
    assert _finding_name(Finding(Measure.ORR, Kind.RATE, 0.3, Unit.PROPORTION, arm="A")) == "ORR rate arm=A"
