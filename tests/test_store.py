"""The SQLite store: schema, migrations, idempotent upserts, deletions, runs, bad files."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence import store as store_module
from evidence.errors import StoreError
from evidence.records import Article, Section
from evidence.store import Store, UpsertStats, article_from_json, article_to_json, content_hash


def make_article(pmid: str, version: int = 1, title: str = "A trial", source: str = "pubmed-xml") -> Article:
    return Article(
        pmid=pmid,
        title=title,
        sections=(Section("RESULTS", "Thirty of 40 patients responded."), Section("", "Plain.")),
        journal="J Test",
        year=2020,
        doi="10.1/x",
        authors=("Doe J", "Roe R"),
        mesh_terms=("Sarcoma",),
        publication_types=("Journal Article",),
        language="eng",
        version=version,
        source=source,
    )


@pytest.fixture()
def db(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "s.db")
    yield s
    s.close()


def test_new_store_has_latest_schema_and_wal(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as s:
        assert s.schema_version == store_module.MIGRATIONS[-1][0]
        assert s.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in s.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "searches", "runs", "search_hits"} <= tables


def test_upsert_new_unchanged_revised(db: Store) -> None:
    assert db.upsert_articles([make_article("1"), make_article("2")]) == UpsertStats(new=2)
    assert db.upsert_articles([make_article("1"), make_article("2")]) == UpsertStats(unchanged=2)
    # same content from another source is still unchanged
    assert db.upsert_articles([make_article("1", source="medline")]) == UpsertStats(unchanged=1)
    # newer version replaces
    assert db.upsert_articles([make_article("1", version=2, title="Revised")]) == UpsertStats(revised=1)
    assert db.get_article("1").title == "Revised"
    assert db.get_article("1").version == 2
    # older version never replaces a newer one
    assert db.upsert_articles([make_article("1", version=1, title="Old")]) == UpsertStats(unchanged=1)
    assert db.get_article("1").title == "Revised"
    # same version with changed content replaces
    assert db.upsert_articles([make_article("2", title="Corrected")]) == UpsertStats(revised=1)
    assert db.get_article("2").title == "Corrected"
    assert db.count_articles() == 2


def test_delete_and_come_back(db: Store) -> None:
    db.upsert_articles([make_article("5"), make_article("6")])
    assert db.delete_articles(["5", "999"]) == 1
    assert db.delete_articles(["5"]) == 0
    assert db.get_article("5") is None
    assert db.count_articles() == 1
    assert db.count_articles(include_deleted=True) == 2
    assert [a.pmid for a in db.iter_articles()] == ["6"]
    assert db.upsert_articles([make_article("5")]) == UpsertStats(new=1)
    assert db.get_article("5") == make_article("5")


def test_iter_articles_numeric_order_in_batches(db: Store) -> None:
    pmids = [str(p) for p in (100, 9, 10, 2, 1000, 55, 3)]
    db.upsert_articles(make_article(p) for p in pmids)
    assert [a.pmid for a in db.iter_articles(batch_size=2)] == sorted(pmids, key=int)


def test_transaction_rolls_back_on_error(db: Store) -> None:
    db.upsert_articles([make_article("1")])
    with pytest.raises(RuntimeError):
        with db.transaction():
            db.upsert_articles([make_article("2")])
            db.delete_articles(["1"])
            raise RuntimeError("boom")
    assert db.get_article("1") is not None
    assert db.get_article("2") is None


def test_runs(db: Store) -> None:
    assert db.last_successful_run("search", "q") is None
    first = db.start_run("search", {"query": "q", "api_key": "SECRET123"}, key="q")
    assert db.get_run(first).status == "running"
    assert db.last_successful_run("search", "q") is None
    db.finish_run(first, "ok")
    second = db.start_run("search", {"query": "q"}, key="q")
    db.finish_run(second, "failed")
    run = db.last_successful_run("search", "q")
    assert run is not None and run.id == first and run.finished is not None
    assert "api_key" not in run.params and run.params["query"] == "q"
    with pytest.raises(StoreError):
        db.finish_run(first, "done")
    sid = db.record_search("q", {"api_key": "SECRET123", "datetype": "edat"}, 3, first, ["1", "2", "2"])
    assert db.execute("SELECT COUNT(*) FROM search_hits WHERE search_id = ?", (sid,)).fetchone()[0] == 2
    dump = "\n".join(db._db.iterdump())
    assert "SECRET123" not in dump


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is a text file, not sqlite at all\n" * 100)
    before = bad.read_bytes()
    with pytest.raises(StoreError, match="notes.db.*not an SQLite database"):
        Store.open(bad)
    assert bad.read_bytes() == before


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 999")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


def test_migrations_are_applied_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.db"
    Store.open(path).close()
    extended = list(store_module.MIGRATIONS) + [
        (store_module.MIGRATIONS[-1][0] + 1, "CREATE TABLE extra (x INTEGER); INSERT INTO extra VALUES (7)")
    ]
    monkeypatch.setattr(store_module, "MIGRATIONS", extended)
    with Store.open(path) as s:
        assert s.schema_version == extended[-1][0]
        assert s.execute("SELECT x FROM extra").fetchall() == [(7,)]
    with Store.open(path) as s:  # applying again is a no-op
        assert s.execute("SELECT COUNT(*) FROM extra").fetchone()[0] == 1


def test_failing_migration_leaves_file_at_old_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.db"
    Store.open(path).close()
    old = store_module.MIGRATIONS[-1][0]
    bad = list(store_module.MIGRATIONS) + [(old + 1, "CREATE TABLE t2 (x); CREATE TABLE t2 (x)")]
    monkeypatch.setattr(store_module, "MIGRATIONS", bad)
    with pytest.raises(StoreError):
        Store.open(path)
    monkeypatch.undo()
    with Store.open(path) as s:
        assert s.schema_version == old
        assert s.execute("SELECT name FROM sqlite_master WHERE name = 't2'").fetchone() is None


def test_locked_store_gives_store_error(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    holder = Store.open(path)
    other = Store.open(path, busy_timeout_s=0.2)
    entered = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with holder.transaction():
            entered.set()
            release.wait(5)

    t = threading.Thread(target=hold)
    t.start()
    entered.wait(5)
    try:
        with pytest.raises(StoreError, match="locked"):
            other.upsert_articles([make_article("1")])
    finally:
        release.set()
        t.join()
    assert other.count_articles() == 0
    holder.close()
    other.close()


texts = st.text(min_size=0, max_size=30)


@settings(max_examples=60, deadline=None)
@given(
    title=texts,
    sections=st.lists(st.tuples(texts, texts), max_size=4),
    year=st.one_of(st.none(), st.integers(1800, 2100)),
    authors=st.lists(texts, max_size=3),
    version=st.integers(1, 9),
)
def test_article_json_round_trip(title, sections, year, authors, version) -> None:
    article = Article(
        pmid="42",
        title=title,
        sections=tuple(Section(a, b) for a, b in sections),
        year=year,
        authors=tuple(authors),
        version=version,
        source="entrez",
    )
    assert article_from_json(article_to_json(article)) == article
    assert content_hash(article) == content_hash(article_from_json(article_to_json(article)))


def test_rows_from_newer_code_still_read() -> None:
    data = article_to_json(make_article("7"))
    data["field_added_later"] = {"x": 1}
    assert article_from_json(data) == make_article("7")
    assert article_from_json({"pmid": 8}) == Article(pmid="8")


def test_iter_articles_seeks_in_the_index(db: Store) -> None:
    db.upsert_articles(make_article(str(p)) for p in range(50))
    assert [a.pmid for a in db.iter_articles(batch_size=7)] == [str(p) for p in range(50)]
    plan = " ".join(
        str(row[-1])
        for row in db.execute("EXPLAIN QUERY PLAN " + store_module.ITER_ARTICLES_SQL, (1, 1, "", 5))
    )
    assert "SEARCH" in plan and "articles_numeric" in plan


def test_stored_versions(db: Store) -> None:
    db.upsert_articles([make_article("1"), make_article("2", version=3)])
    db.delete_articles(["1"])
    got = db.stored_versions(["1", "2", "3"])
    assert got == {"2": (3, content_hash(make_article("2", version=3)))}
