"""Scale-out engines: same findings everywhere, resumable runs, update semantics, bad input.

Every run here uses the real PubMed XML parser and the real extractor on a small
generated corpus; the Dask runs use a LocalCluster on 127.0.0.1.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from evidence.errors import InputError
from evidence.scale.engines import DEFAULT_EXTRACTOR, EngineOptions, run_extraction
from evidence.scale.generate import generate_corpus
from evidence.scale.manifest import Manifest, RunLock
from evidence.scale.output import FINDING_SCHEMA, TableWriter, read_latest, read_table


EXTRACTOR = DEFAULT_EXTRACTOR
REPO = Path(__file__).resolve().parents[1]


def _options(**kw) -> EngineOptions:
    return EngineOptions(extractor=EXTRACTOR, **kw)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    return generate_corpus(tmp_path_factory.mktemp("corpus"), records=240, files=3, seed=11)


@pytest.fixture(scope="module")
def local_one(corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local1")
    report = run_extraction(corpus.files, out, _options(engine="local", workers=1))
    assert report.failed == [] and len(report.done) == 4
    return out


def _sorted_findings(out: Path) -> pd.DataFrame:
    frame = read_table(out, "findings").drop(columns=[])
    return frame.sort_values(["file", "pmid", "record_index", "finding_index"]).reset_index(drop=True)


@pytest.mark.slow
def test_local_one_two_and_dask_two_workers_give_identical_findings(corpus, local_one: Path, tmp_path: Path) -> None:
    two = run_extraction(corpus.files, tmp_path / "local2", _options(engine="local", workers=2))
    dask = run_extraction(corpus.files, tmp_path / "dask2", _options(engine="dask", workers=2))
    assert two.failed == [] and dask.failed == []
    assert len({r.worker for r in dask.done}) >= 1
    reference = _sorted_findings(local_one)
    assert len(reference) > 200
    pd.testing.assert_frame_equal(reference, _sorted_findings(tmp_path / "local2"))
    pd.testing.assert_frame_equal(reference, _sorted_findings(tmp_path / "dask2"))
    studies = read_table(local_one, "studies").sort_values(["file", "record_index"]).reset_index(drop=True)
    other = read_table(tmp_path / "dask2", "studies").sort_values(["file", "record_index"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(studies, other)


def test_partitions_and_manifest(corpus, local_one: Path) -> None:
    for stem in ("pubmed99n0001", "pubmed99n0004"):
        for table in ("findings", "studies", "deletions"):
            assert (local_one / table / f"file={stem}" / "part-0.parquet").is_file()
    manifest = json.loads((local_one / "manifest.json").read_text())
    entry = manifest["files"]["pubmed99n0004"]
    assert entry["status"] == "done" and entry["deletions"] == corpus.deletions
    assert entry["articles"] == entry["studies"] == 2 * corpus.revisions
    assert sum(e["articles"] for e in manifest["files"].values()) == 240 + 2 * corpus.revisions
    assert not (local_one / "_staging").exists() and not (local_one / ".lock").exists()


def test_latest_view_applies_revisions_and_deletions(corpus, local_one: Path) -> None:
    live: dict[str, dict] = {}
    for line in corpus.expected.read_text().splitlines():
        entry = json.loads(line)
        if entry.get("deleted"):
            live.pop(entry["pmid"], None)
        else:
            live[entry["pmid"]] = entry
    studies = read_latest(local_one, "studies")
    assert sorted(studies["pmid"]) == sorted(live)
    assert dict(zip(studies["pmid"], studies["file"])) == {p: e["file"] for p, e in live.items()}
    findings = read_latest(local_one, "findings")
    deleted = {json.loads(x)["pmid"] for x in corpus.expected.read_text().splitlines() if '"deleted"' in x}
    assert deleted and not deleted & set(findings["pmid"])
    revised = [p for p, e in live.items() if e["file"] == "pubmed99n0004" and int(p) < 90_000_241]
    assert revised and set(findings.loc[findings["pmid"].isin(revised), "file"]) <= {"pubmed99n0004"}


def test_rerun_skips_finished_files_and_redoes_changed_ones(corpus, local_one: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_extraction(corpus.files[:2], out, _options())
    assert sorted(r.stem for r in first.done) == ["pubmed99n0001", "pubmed99n0002"]
    again = run_extraction(corpus.files, out, _options())
    assert again.skipped == ["pubmed99n0001", "pubmed99n0002"]
    assert sorted(r.stem for r in again.done) == ["pubmed99n0003", "pubmed99n0004"]
    os.utime(corpus.files[0])  # a changed file is read again
    try:
        third = run_extraction(corpus.files, out, _options())
        assert [r.stem for r in third.done] == ["pubmed99n0001"] and len(third.skipped) == 3
    finally:
        pd.testing.assert_frame_equal(_sorted_findings(out), _sorted_findings(local_one))


def _bad_inputs(folder: Path, good: Path) -> list[Path]:
    folder.mkdir()
    data = good.read_bytes()
    truncated = folder / "truncated.xml.gz"
    truncated.write_bytes(data[: len(data) // 2])
    corrupt = folder / "corrupt.xml.gz"
    corrupt.write_bytes(data[:10] + bytes(range(256)) * 8)
    html = folder / "notpubmed.xml.gz"
    html.write_bytes(gzip.compress(b"<?xml version='1.0'?><html><body>Nothing here</body></html>"))
    return [truncated, corrupt, html, folder / "missing.xml.gz"]


def test_bad_files_are_named_and_the_others_still_processed(corpus, local_one: Path, tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path / "bad", corpus.files[0])
    out = tmp_path / "out"
    report = run_extraction([*bad, *corpus.files], out, _options(workers=2))
    assert len(report.done) == 4
    errors = {Path(r.path).name: r.error for r in report.failed}
    assert set(errors) == {p.name for p in bad}
    for path in bad:
        assert str(path) in errors[path.name]
    assert "truncated" in errors["truncated.xml.gz"]
    assert "not a PubmedArticleSet" in errors["notpubmed.xml.gz"] or "not PubMed" in errors["notpubmed.xml.gz"]
    for stem in ("truncated", "corrupt", "notpubmed", "missing"):
        assert not (out / "findings" / f"file={stem}").exists()
        assert Manifest.load(out).files[stem].status == "failed"
    assert not (out / "_staging").exists()
    pd.testing.assert_frame_equal(_sorted_findings(out), _sorted_findings(local_one))


def test_extract_command_with_engine_exits_2_naming_the_bad_file(corpus, tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path / "bad", corpus.files[0])[0]
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "evidence", "extract", str(bad), str(corpus.files[3]), "--engine", "local",
           "--workers", "1", "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert str(bad) in proc.stderr and "Traceback" not in proc.stderr
    assert Manifest.load(out).done_stems() == ["pubmed99n0004"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_scheduler_is_named(corpus, tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"
    started = time.monotonic()
    with pytest.raises(InputError, match=address.replace(".", r"\.")):
        run_extraction(corpus.files[:1], tmp_path / "out", _options(engine="dask", scheduler=address,
                                                                     connect_timeout_s=2))
    assert time.monotonic() - started < 30
    assert not (tmp_path / "out" / "findings").exists()


def test_bad_options_are_input_errors(corpus, tmp_path: Path) -> None:
    for options, message in [
        (EngineOptions(engine="spark"), "Invalid engine"),
        (EngineOptions(workers=0), "--workers"),
        (EngineOptions(engine="dask", scheduler="127.0.0.1"), "tcp://HOST:PORT"),
        (EngineOptions(engine="local", scheduler="tcp://127.0.0.1:8786"), "--engine dask"),
    ]:
        with pytest.raises(InputError, match=message):
            run_extraction(corpus.files[:1], tmp_path / "out", options)


def test_a_second_run_on_the_same_folder_is_refused_and_a_stale_lock_taken_over(tmp_path: Path) -> None:
    with RunLock(tmp_path):
        with pytest.raises(InputError, match="another run"):
            with RunLock(tmp_path):
                pass
    (tmp_path / ".lock").write_text(f"{socket.gethostname()}:999999999")
    with RunLock(tmp_path):
        assert (tmp_path / ".lock").read_text().endswith(f":{os.getpid()}")
    assert not (tmp_path / ".lock").exists()


def test_table_writer_streams_row_groups(tmp_path: Path) -> None:
    writer = TableWriter(tmp_path / "f.parquet", FINDING_SCHEMA, rows_per_group=10)
    row = {name: None for name in FINDING_SCHEMA.names} | {"pmid": "1", "measure": "OS", "value": 0.5}
    for _ in range(35):
        writer.write([row])
    writer.close()
    parquet = pq.ParquetFile(tmp_path / "f.parquet")
    assert parquet.metadata.num_rows == 35 and parquet.num_row_groups == 4


@pytest.mark.slow
def test_a_killed_run_resumes(tmp_path: Path, local_one: Path, corpus) -> None:
    out = tmp_path / "out"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from evidence.scale.engines import EngineOptions, run_extraction\n"
        "if __name__ == '__main__':\n"
        f"    run_extraction([Path(p) for p in sys.argv[1:]], Path({str(out)!r}), "
        f"EngineOptions(extractor={EXTRACTOR!r}))\n"
    )
    (tmp_path / "run.py").write_text(script)
    proc = subprocess.Popen([sys.executable, str(tmp_path / "run.py"), *map(str, corpus.files)], cwd=REPO,
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            if (out / "manifest.json").exists() and Manifest.load(out).done_stems():
                break
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finished = Manifest.load(out).done_stems()
    assert 1 <= len(finished)
    assert proc.returncode == -signal.SIGKILL or len(finished) == 4
    resumed = run_extraction(corpus.files, out, _options())
    assert resumed.skipped == finished
    assert sorted(r.stem for r in resumed.done) == sorted(set(s.name[:-7] for s in corpus.files) - set(finished))
    pd.testing.assert_frame_equal(_sorted_findings(out), _sorted_findings(local_one))


def test_extract_command_option_errors(corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from evidence.cli import main

    first = str(corpus.files[0])
    assert main(["extract", first, "--workers", "2", "--out", str(tmp_path / "a")]) == 2
    assert "need --engine" in capsys.readouterr().err
    assert main(["extract", first, "--engine", "spark", "--out", str(tmp_path / "b")]) == 2
    assert "Invalid engine 'spark'" in capsys.readouterr().err
    assert main(["extract", first, "--engine", "local"]) == 2
    assert "--out DIR" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    assert main(["extract", first, "--engine", "local", "--out", str(tmp_path / "file")]) == 2
    assert "must be a folder" in capsys.readouterr().err


@pytest.mark.slow
def test_dask_engine_with_a_running_scheduler(corpus, local_one: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        report = run_extraction(corpus.files, tmp_path / "out", _options(engine="dask", scheduler=address))
    assert report.failed == [] and len(report.done) == 4
    pd.testing.assert_frame_equal(_sorted_findings(tmp_path / "out"), _sorted_findings(local_one))
