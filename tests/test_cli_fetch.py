"""``evidence search`` and ``evidence import`` end to end, with the stand-in server and bad input."""

from __future__ import annotations

import gzip
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evidence.cli import main
from evidence.store import Store
from tests.eutils_server import EutilsServer, Record, pubmed_set, synthetic_records

REPO = Path(__file__).resolve().parents[1]
KEY = "KEY-1234-MUST-NOT-LEAK"
FAST = ["--rate", "200", "--timeout", "0.5", "--max-retries", "6"]


@pytest.fixture()
def server():
    records = synthetic_records(700)
    with EutilsServer(records, slow_s=1.0) as srv:
        yield srv


@pytest.fixture()
def env(server: EutilsServer, monkeypatch: pytest.MonkeyPatch) -> EutilsServer:
    monkeypatch.setenv("EVIDENCE_EUTILS_URL", server.url)
    monkeypatch.setenv("NCBI_API_KEY", KEY)
    monkeypatch.setenv("NCBI_EMAIL", "tester@example.org")
    return server


def articles_table(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'").fetchone() is None:
            return []  # killed before the schema's transaction committed: the file holds nothing yet
        return con.execute("SELECT pmid, version, content_hash, json, deleted FROM articles ORDER BY pmid").fetchall()
    finally:
        con.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_search_fetches_everything_then_is_idempotent(env: EutilsServer, tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.db"
    assert main(["search", "sarcoma", "--store", str(db), "--batch-size", "200", *FAST]) == 0
    out = capsys.readouterr().out
    assert "found 700 record(s)" in out and "new 700, revised 0, unchanged 0" in out
    with Store.open(db) as s:
        assert s.count_articles() == 700
        assert {a.pmid for a in s.iter_articles()} == {str(p) for p in env.matching()}
        run = s.last_successful_run("search", "sarcoma")
        assert run is not None and run.status == "ok"
        assert s.execute("SELECT count FROM searches").fetchone()[0] == 700
    before = articles_table(db)
    assert main(["search", "sarcoma", "--store", str(db), *FAST]) == 0
    assert "new 0, revised 0, unchanged 700" in capsys.readouterr().out
    assert articles_table(db) == before
    # a revised record (newer version) replaces the older one
    pmid = env.matching()[5]
    old = env.state.records[pmid]
    env.put_record(Record(pmid, old.edat, old.pdat, old.mdat, version=2, keywords=old.keywords, title="Corrected"))
    assert main(["search", "sarcoma", "--store", str(db), *FAST]) == 0
    assert "new 0, revised 1, unchanged 699" in capsys.readouterr().out
    with Store.open(db) as s:
        assert s.get_article(str(pmid)).title == "Corrected"


def test_search_with_dates_and_max(env: EutilsServer, tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.db"
    args = ["search", "sarcoma", "--store", str(db), "--since", "2010", "--until", "2011-06", *FAST]
    assert main([*args, "--date-type", "publication"]) == 0
    want = [r for r in env.state.records.values() if "2010-01-01" <= r.pdat.isoformat() <= "2011-06-30"]
    assert f"found {len(want)} record(s)" in capsys.readouterr().out
    assert main(["search", "sarcoma group2", "--store", str(tmp_path / "m.db"), "--max", "9", *FAST]) == 0
    assert "new 9," in capsys.readouterr().out


def test_key_is_never_printed_or_stored(env: EutilsServer, tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.db"
    env.queue_faults("503", "429")
    assert main(["search", "sarcoma group4", "--store", str(db), *FAST]) == 0
    env.queue_faults(*["503"] * 10, utility="efetch")  # esearch answers, then efetch keeps failing
    assert main(["search", "sarcoma", "--store", str(db), "--rate", "200", "--max-retries", "1"]) == 4
    captured = capsys.readouterr()
    assert "kept failing" in captured.err
    assert env.stats()["with_api_key"] == env.stats()["requests"]
    for text in (captured.out, captured.err):
        assert KEY not in text and "tester@example.org" not in text
    for path in tmp_path.iterdir():
        assert KEY.encode() not in path.read_bytes(), path.name
    with Store.open(db) as s:
        statuses = [r[0] for r in s.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["ok", "failed"]


@pytest.mark.parametrize(
    "query, message",
    [("sarcoma[notafield]", "could not be parsed"), ("(sarcoma", "unbalanced"), ("  ", "Empty query")],
)
def test_unparseable_query(env: EutilsServer, tmp_path: Path, capsys, query: str, message: str) -> None:
    existing = tmp_path / "old.db"
    assert main(["search", "sarcoma group1", "--store", str(existing), *FAST]) == 0
    digest = file_digest(existing)
    capsys.readouterr()
    for db in (existing, tmp_path / "new.db"):
        assert main(["search", query, "--store", str(db), *FAST]) == 2
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert file_digest(existing) == digest
    assert not (tmp_path / "new.db").exists()


def test_unreachable_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("EVIDENCE_EUTILS_URL", "http://127.0.0.1:9/entrez/eutils/")
    db = tmp_path / "s.db"
    assert main(["search", "sarcoma", "--store", str(db), "--max-retries", "1", "--rate", "100"]) == 4
    err = capsys.readouterr().err
    assert "127.0.0.1:9" in err and "refused" in err.lower() and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_store_that_is_not_a_database(env: EutilsServer, tmp_path: Path, capsys) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("shopping list\n" * 200)
    digest = file_digest(db)
    assert main(["search", "sarcoma", "--store", str(db), *FAST]) == 5
    assert main(["import", str(tmp_path / "x.xml"), "--store", str(db)]) == 2  # missing file reported first
    err = capsys.readouterr().err
    assert "notes.txt is not an SQLite database" in err
    assert file_digest(db) == digest
    assert env.stats()["requests"] == 0


@pytest.mark.slow
def test_locked_store(env: EutilsServer, tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.db"
    Store.open(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code = main(["search", "sarcoma group1", "--store", str(db), *FAST])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 5
    assert "locked" in capsys.readouterr().err
    with Store.open(db) as s:
        assert s.count_articles() == 0


def write_xml(path: Path, body: bytes, gz: bool = False) -> Path:
    path.write_bytes(gzip.compress(body) if gz else body)
    return path


def test_import_baseline_update_and_medline(tmp_path: Path, capsys) -> None:
    records = synthetic_records(30)
    baseline = write_xml(tmp_path / "pubmed26n0001.xml.gz", pubmed_set(records), gz=True)
    revised = Record(records[0].pmid, records[0].edat, records[0].pdat, records[0].mdat, version=2, title="Updated")
    update_body = pubmed_set([revised]).replace(
        b"</PubmedArticleSet>",
        f'<DeleteCitation><PMID Version="1">{records[1].pmid}</PMID><PMID Version="1">{records[2].pmid}</PMID>'
        f"</DeleteCitation></PubmedArticleSet>".encode(),
    )
    update = write_xml(tmp_path / "pubmed26n0002.xml", update_body)
    medline = tmp_path / "extra.medline"
    medline.write_text(
        "PMID- 123456\nTI  - A made-up MEDLINE record about sarcoma.\nAB  - RESULTS: Ten of 20 patients\n      responded.\n"
        "DP  - 2021 Mar\nTA  - Made Up J\nAU  - Doe J\n\n"
    )
    db = tmp_path / "s.db"
    assert main(["import", str(baseline), str(update), str(medline), "--store", str(db)]) == 0
    out = capsys.readouterr().out
    assert "imported 32 record(s) from 3 file(s)" in out
    assert "new 31, revised 1, unchanged 0, deleted 2" in out
    with Store.open(db) as s:
        assert s.count_articles() == 29
        assert s.get_article(str(records[0].pmid)).title == "Updated"
        assert s.get_article(str(records[1].pmid)) is None
        assert s.get_article("123456").source == "medline"
    before = articles_table(db)
    assert main(["import", str(baseline), str(update), str(medline), "--store", str(db)]) == 0
    # replaying the files: the two deleted records come back from the baseline, the older version of the
    # revised one does not replace it, and the update file deletes the two again - the same end state
    assert "new 2, revised 0, unchanged 30, deleted 2" in capsys.readouterr().out
    assert [r[:3] + r[4:] for r in articles_table(db)] == [r[:3] + r[4:] for r in before]


def test_import_corrupt_gz_leaves_store_unchanged(tmp_path: Path, capsys) -> None:
    good = write_xml(tmp_path / "good.xml", pubmed_set(synthetic_records(5, first_pmid=100)))
    data = bytearray(gzip.compress(pubmed_set(synthetic_records(50))))
    data[len(data) // 2 :] = b"\x00" * (len(data) - len(data) // 2)
    bad = tmp_path / "bad.xml.gz"
    bad.write_bytes(bytes(data))
    db = tmp_path / "s.db"
    assert main(["import", str(good), "--store", str(db)]) == 0
    digest_rows = articles_table(db)
    capsys.readouterr()
    assert main(["import", str(good), str(bad), "--store", str(db)]) == 2
    err = capsys.readouterr().err
    assert "bad.xml.gz" in err and err.count("\n") == 1
    assert articles_table(db) == digest_rows
    with Store.open(db) as s:
        assert [r[0] for r in s.execute("SELECT kind FROM runs")] == ["import"]
    # into a new store: nothing is left behind
    assert main(["import", str(bad), "--store", str(tmp_path / "new.db")]) == 2
    assert not (tmp_path / "new.db").exists()


def test_import_rejects_plain_text(tmp_path: Path, capsys) -> None:
    note = tmp_path / "abstract.txt"
    note.write_text("Thirty patients were treated.")
    assert main(["import", str(note), "--store", str(tmp_path / "s.db")]) == 2
    assert "PubMed XML or MEDLINE" in capsys.readouterr().err


@pytest.mark.slow
def test_sigkill_at_random_points_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    records = synthetic_records(1500)
    with EutilsServer(records, fault_rate=0.1, slow_s=0.6, seed=3) as srv:
        env = dict(os.environ, EVIDENCE_EUTILS_URL=srv.url, NCBI_API_KEY=KEY)
        args = ["search", "sarcoma", "--batch-size", "100", "--rate", "200", "--timeout", "0.3", "--max-retries", "10"]

        def run(db: Path, kill_after_efetch: int | None = None, delay_s: float = 0.0) -> int | None:
            """Run a search; with ``kill_after_efetch``, SIGKILL it once the server saw that many efetch requests."""
            seen = sum(e.utility == "efetch" for e in srv.log)
            proc = subprocess.Popen(
                [sys.executable, "-m", "evidence", *args, "--store", str(db)],
                cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )
            if kill_after_efetch is None:
                _, err = proc.communicate(timeout=120)
                assert proc.returncode == 0, err
                return 0
            deadline = time.monotonic() + 60
            while proc.poll() is None and time.monotonic() < deadline:
                if sum(e.utility == "efetch" for e in srv.log) - seen >= kill_after_efetch:
                    break
                time.sleep(0.005)
            time.sleep(delay_s)  # lands while a body is read, parsed or written
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
            return proc.returncode

        clean = tmp_path / "clean.db"
        run(clean)
        rng = random.Random(2024)
        killed_db = tmp_path / "killed.db"
        codes, partial = [], []
        # the first kill comes mid-way; the others anywhere, from start-up to the last batch
        for target in [rng.randrange(4, 10)] + [rng.randrange(0, 16) for _ in range(4)]:
            codes.append(run(killed_db, target, rng.uniform(0.0, 0.05)))
            if killed_db.exists():
                partial.append(len(articles_table(killed_db)))
        assert codes.count(-signal.SIGKILL) >= 3, codes  # the runs really died
        assert 0 < partial[0] < 1500, partial  # ...the first with part of the records written
        run(killed_db)
    assert [r[:3] for r in articles_table(killed_db)] == [r[:3] for r in articles_table(clean)]
    assert len(articles_table(clean)) == 1500
    con = sqlite3.connect(killed_db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT status FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0] == "ok"
    con.close()


def test_extract_reads_a_store(tmp_path: Path, capsys) -> None:
    records = synthetic_records(4)
    xml = write_xml(tmp_path / "four.xml", pubmed_set(records))
    db = tmp_path / "s.db"
    assert main(["import", str(xml), "--store", str(db)]) == 0
    with Store.open(db) as s:
        s.delete_articles([str(records[0].pmid)])
    out = tmp_path / "studies.jsonl"
    assert main(["extract", "--store", str(db), "--out", str(out)]) == 0
    import json

    studies = [json.loads(line) for line in out.read_text().splitlines()]
    assert [s["pmid"] for s in studies] == [str(r.pmid) for r in records[1:]]  # deleted one left out
    assert all(s["cohort"]["n"] for s in studies)  # "We enrolled N patients" was read from the stored abstract
    capsys.readouterr()
    assert main(["extract", "--store", str(tmp_path / "absent.db")]) == 5
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "absent.db").exists()


def test_rate_above_ncbi_limit_is_refused_for_ncbi(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.delenv("EVIDENCE_EUTILS_URL", raising=False)
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    assert main(["search", "sarcoma", "--store", str(tmp_path / "s.db"), "--rate", "5"]) == 2
    assert "above NCBI's limit of 3" in capsys.readouterr().err
    assert main(["search", "sarcoma", "--store", str(tmp_path / "s.db"), "--since", "2020-13"]) == 2
    assert "--since" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_two_searches_at_once_share_the_store_and_the_rate_limit(env: EutilsServer, tmp_path: Path) -> None:
    from tests.eutils_server import max_in_window

    db = tmp_path / "shared.db"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "evidence", "search", f"sarcoma group{k}", "--store", str(db),
             "--batch-size", "10", "--rate", "10"],
            cwd=REPO, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for k in (1, 2)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert all("new 70," in out for out, _ in results)
    assert max_in_window([e.at for e in env.log]) <= 10
    assert len(env.log) == 2 * (1 + 7)
    with Store.open(db) as s:
        want = {str(p) for p in env.matching(["sarcoma", "group1"]) + env.matching(["sarcoma", "group2"])}
        assert {a.pmid for a in s.iter_articles()} == want


@pytest.mark.slow
def test_import_killed_is_all_or_nothing(tmp_path: Path) -> None:
    files = [write_xml(tmp_path / f"pubmed26n000{k}.xml.gz", pubmed_set(synthetic_records(1500, first_pmid=10**6 * (k + 1))), gz=True) for k in range(3)]
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "evidence", "import", *map(str, files), "--store"]
    assert subprocess.run([*cmd, str(clean)], cwd=REPO, capture_output=True).returncode == 0
    rng = random.Random(7)
    seen = set()
    for _ in range(3):
        proc = subprocess.Popen([*cmd, str(killed)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        if killed.exists():
            seen.add(len(articles_table(killed)))
    assert seen <= {0, 4500}  # never a partial import
    assert subprocess.run([*cmd, str(killed)], cwd=REPO, capture_output=True).returncode == 0
    assert [r[:3] for r in articles_table(killed)] == [r[:3] for r in articles_table(clean)]
