"""Several processes opening and writing one store at once (nightly jobs sharing a store)."""

from __future__ import annotations

import multiprocessing as mp
import threading
from pathlib import Path

from evidence.records import Article, Section
from evidence.store import Store


def _writer(path: str, start: int, count: int, barrier) -> None:
    try:
        barrier.wait(60)  # all processes open a fresh file (and migrate it) at the same moment
    except threading.BrokenBarrierError:  # a very slow start-up on a loaded machine: go on regardless
        pass
    with Store.open(Path(path)) as store:
        for i in range(start, start + count, 25):
            batch = [
                Article(pmid=str(p), title=f"t{p}", sections=(Section("", "x"),), source="entrez")
                for p in range(i, min(i + 25, start + count))
            ]
            store.upsert_articles(batch)
        run = store.start_run("search", {"start": start})
        store.finish_run(run, "ok")


def test_parallel_writers_on_a_fresh_store(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(4)
    # overlapping ranges: 0-299, 200-499, 400-699, 600-899
    procs = [ctx.Process(target=_writer, args=(str(path), 200 * k, 300, barrier)) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    with Store.open(path) as store:
        assert store.count_articles() == 900
        assert [a.pmid for a in store.iter_articles()] == [str(i) for i in range(900)]
        assert store.execute("SELECT COUNT(*) FROM runs WHERE status = 'ok'").fetchone()[0] == 4
        assert store.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
