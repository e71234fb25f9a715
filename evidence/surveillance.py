"""Living evidence: re-run a protocol's saved search and say only what changed.

One surveillance run of a protocol:

1. takes the protocol's lock (a second run of the same protocol fails fast, never interleaves);
2. fetches the records entered or revised since the last successful run, less an
   overlap window (``search.overlap_days``), applying deletions - through the
   ``fetch`` callable the CLI builds from the E-utilities client; with no
   server configured the run works offline on the store and the embedded corpus;
3. fingerprints everything the review depends on (protocol, code versions,
   embedded corpus, stored article hashes, corrections, manual decisions); when
   it equals the last successful run's, nothing changed and nothing is recomputed;
4. otherwise extracts what is new, screens, re-pools, writes the outputs and a
   change report (new and removed studies, changed values, how each pooled
   estimate and its intervals moved) into the protocol's output folder (atomically),
   and only then records the snapshot and marks the run successful.

A run killed at any point leaves the last successful snapshot in place, so the
next run recomputes the same window and writes the same report.
"""

from __future__ import annotations

import errno
import json
import math
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from evidence.errors import StoreError
from evidence.protocol import Protocol

__all__ = [
    "ChangeReport",
    "FetchFn",
    "SurveilResult",
    "diff_snapshots",
    "protocol_lock",
    "surveil",
]

RUN_KIND = "surveil"
TOLERANCE = 1e-9

FetchFn = Callable[[Any, str, "date | None", "date | None", int, str], Mapping[str, Any]]
"""``fetch(store, query, since, until, max_records, date_type) -> counts``: search and fetch into the store.

``date_type`` is "entry", "publication" or "modification": the protocol's own on the first
run, "modification" afterwards (PubMed's modification date moves on entry and on revision).
"""


@dataclass(frozen=True)
class ChangeReport:
    """What moved between two snapshots of a review."""

    new_studies: tuple[str, ...] = ()
    removed_studies: tuple[str, ...] = ()
    changed_values: tuple[Mapping[str, Any], ...] = ()
    pooled: tuple[Mapping[str, Any], ...] = ()
    first_run: bool = False

    @property
    def pooled_changed(self) -> bool:
        """True when any pooled estimate, interval or k moved (or pooling first became possible)."""
        return any(p["changed"] for p in self.pooled)

    @property
    def anything_changed(self) -> bool:
        return bool(self.new_studies or self.removed_studies or self.changed_values or self.pooled_changed)

    def to_json(self) -> dict[str, Any]:
        return {
            "first_run": self.first_run,
            "new_studies": list(self.new_studies),
            "removed_studies": list(self.removed_studies),
            "changed_values": [dict(c) for c in self.changed_values],
            "pooled": [dict(p) for p in self.pooled],
            "pooled_changed": self.pooled_changed,
        }

    def lines(self) -> list[str]:
        """The change report as plain sentences."""
        out = []
        if self.first_run:
            out.append("first surveillance run: the baseline was established")
        if self.new_studies:
            out.append(f"{len(self.new_studies)} new stud{'y' if len(self.new_studies) == 1 else 'ies'}: {', '.join(self.new_studies[:10])}{' ...' if len(self.new_studies) > 10 else ''}")
        if self.removed_studies:
            out.append(f"{len(self.removed_studies)} removed: {', '.join(self.removed_studies[:10])}")
        for c in self.changed_values[:20]:
            out.append(f"changed value: {c['study']} {c['value']}: {_fmt(c['before'])} -> {_fmt(c['after'])}")
        for p in self.pooled:
            if p["changed"]:
                out.append(
                    f"pooled {p['measure']}: {_pct(p['before']['estimate'])} {_ci(p['before']['ci'])} (k={p['before']['k']})"
                    f" -> {_pct(p['after']['estimate'])} {_ci(p['after']['ci'])} (k={p['after']['k']})"
                )
        return out or ["no change"]


def _fmt(x: Any) -> str:
    return "absent" if x is None else f"{x:g}" if isinstance(x, (int, float)) else str(x)


def _pct(x: Any) -> str:
    return "not pooled" if x is None else f"{100 * x:.1f}%"


def _ci(ci: Any) -> str:
    return "" if not ci or ci[0] is None else f"[{100 * ci[0]:.1f}%, {100 * ci[1]:.1f}%]"


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=0, abs_tol=TOLERANCE)
    return a == b


def diff_snapshots(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> ChangeReport:
    """Compare two review snapshots (see :meth:`evidence.review.ReviewResult.snapshot`)."""
    first = before is None
    before = before or {"studies": {}, "pooled": {}}
    b_studies, a_studies = before.get("studies", {}), after.get("studies", {})
    new = tuple(sorted(set(a_studies) - set(b_studies)))
    removed = tuple(sorted(set(b_studies) - set(a_studies)))
    changed = []
    for pmid in sorted(set(a_studies) & set(b_studies)):
        bv, av = b_studies[pmid]["values"], a_studies[pmid]["values"]
        for name in sorted(set(bv) | set(av)):
            if not _same(bv.get(name), av.get(name)):
                changed.append({"study": f"{a_studies[pmid].get('label') or pmid} (PMID {pmid})", "value": name, "before": bv.get(name), "after": av.get(name)})
    pooled = []
    empty = {"k": 0, "estimate": None, "ci": None, "pi": None}
    b_pool, a_pool = before.get("pooled", {}), after.get("pooled", {})
    for measure in sorted(set(b_pool) | set(a_pool)):
        b, a = {**empty, **b_pool.get(measure, {})}, {**empty, **a_pool.get(measure, {})}
        moved = not all(_same(b[k], a[k]) for k in ("k", "estimate", "ci", "pi"))
        entry: dict[str, Any] = {"measure": measure, "before": b, "after": a, "changed": moved}
        if moved and a["estimate"] is not None and b["estimate"] is not None:
            entry["estimate_shift"] = a["estimate"] - b["estimate"]
        pooled.append(entry)
    return ChangeReport(new, removed, tuple(changed), tuple(pooled), first)


# --- locking ---------------------------------------------------------------------------------------


@contextmanager
def protocol_lock(path: Path) -> Iterator[None]:
    """An exclusive, non-blocking lock file: a second holder gets StoreError at once.

    The lock is an ``flock`` on ``path``; the kernel drops it when the process
    dies, so a killed run never leaves a stale lock.
    """
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise StoreError(f"Another surveillance run of this protocol holds the lock {path}; try again later") from None
            raise
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)


# --- the run ---------------------------------------------------------------------------------------


@dataclass
class SurveilResult:
    """What one surveillance run did."""

    run_id: int
    changed: bool
    changes: ChangeReport | None = None
    fetched: Mapping[str, Any] | None = None
    fetch_note: str = ""
    since: date | None = None
    until: date | None = None
    out_dir: Path | None = None
    skipped_recompute: bool = False
    date_type: str = ""
    summary: list[str] = field(default_factory=list)
    timings_s: dict[str, float] = field(default_factory=dict)

    @property
    def pooled_changed(self) -> bool:
        return bool(self.changes and self.changes.pooled_changed)

    def to_json(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "changed": self.changed,
            "pooled_changed": self.pooled_changed,
            "window": {
                "since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "date_type": self.date_type,
            },
            "fetched": dict(self.fetched) if self.fetched else None,
            "fetch_note": self.fetch_note,
            "recomputed": not self.skipped_recompute,
            "out_dir": str(self.out_dir) if self.out_dir else None,
            "changes": self.changes.to_json() if self.changes else None,
            "summary": self.summary,
            "timings_s": {k: round(v, 3) for k, v in self.timings_s.items()},
        }


def _latest_snapshot(store: Any, key: str) -> dict[str, Any] | None:
    row = store.execute(
        "SELECT json FROM review_snapshots WHERE protocol_key = ? ORDER BY id DESC LIMIT 1", (key,)
    ).fetchone()
    return json.loads(row[0]) if row else None


def surveillance_window(protocol: Protocol, store: Any, today: date | None = None) -> tuple[date | None, date, str]:
    """The date window to search and its date type.

    First run: the protocol's window and date type.  Later runs: from the day the
    last successful run started, less ``overlap_days``, to today, by modification
    date (so records revised since are fetched again).
    """
    today = today or datetime.now(timezone.utc).date()
    until = protocol.search.until or today
    last = store.last_successful_run(RUN_KIND, protocol.key)
    if last is None:
        return protocol.search.since, until, protocol.search.date_type
    started = date.fromisoformat(last.started[:10])
    since = started - timedelta(days=protocol.search.overlap_days)
    if protocol.search.since and since < protocol.search.since:
        since = protocol.search.since
    return since, until, "modification"


def surveil(
    protocol: Protocol,
    store_path: Path,
    out_dir: Path,
    fetch: FetchFn | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    today: date | None = None,
) -> SurveilResult:
    """Run one surveillance cycle of ``protocol`` (see the module docstring)."""
    from evidence.review import check_output_dir, input_fingerprint
    from evidence.store import Store

    progress = progress or (lambda task, done, total: None)
    store_path = Path(store_path)
    out_dir = Path(out_dir)
    check_output_dir(out_dir, force=True)  # before anything is fetched: a bad output path changes nothing
    with protocol_lock(store_path.with_name(store_path.name + ".surveil.lock")):
        store = Store.open(store_path)
        try:
            since, until, date_type = surveillance_window(protocol, store, today)
            run_id = store.start_run(
                RUN_KIND,
                {
                    "since": since.isoformat() if since else None,
                    "until": until.isoformat(),
                    "date_type": date_type,
                    "protocol": protocol.name,
                },
                key=protocol.key,
            )
            try:
                result = _cycle(
                    protocol, store, out_dir, fetch, (since, until, date_type), run_id, progress, input_fingerprint, check_output_dir
                )
            except BaseException:
                try:
                    store.finish_run(run_id, "failed")
                except StoreError:  # pragma: no cover - keep the first error
                    pass
                raise
            return result
        finally:
            store.close()


def _cycle(
    protocol: Protocol,
    store: Any,
    out_dir: Path,
    fetch: FetchFn | None,
    window: tuple[date | None, date, str],
    run_id: int,
    progress: Callable[[str, int, int], None],
    input_fingerprint: Callable[..., str],
    check_output_dir: Callable[..., None],
) -> SurveilResult:
    import time

    since, until, date_type = window
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    fetched = None
    note = ""
    if fetch is not None and protocol.search.query:
        progress("fetch", 0, 1)
        fetched = dict(fetch(store, protocol.search.query, since, until, protocol.search.max_records, date_type))
        progress("fetch", 1, 1)
        timings["fetch"] = time.perf_counter() - t0
    elif not protocol.search.query:
        note = "the protocol has no search query; reviewing the store and the embedded corpus"
    else:
        note = "no E-utilities server configured (EVIDENCE_EUTILS_URL); reviewing the store and the embedded corpus offline"
    fingerprint = input_fingerprint(protocol, store)
    previous = _latest_snapshot(store, protocol.key)
    if previous is not None and previous.get("fingerprint") == fingerprint and (out_dir / "pooled.json").exists():
        store.finish_run(run_id, "ok")
        timings["total"] = time.perf_counter() - t0
        return SurveilResult(
            run_id, False, ChangeReport(), fetched, note, since, until, out_dir, True, date_type, ["no change"], timings
        )

    from evidence.review import run_review, write_outputs

    check_output_dir(out_dir, force=True)
    t1 = time.perf_counter()
    result = run_review(protocol, store, progress)
    timings["review"] = time.perf_counter() - t1  # extract, correct, screen, pool, reconstruct
    snapshot = result.snapshot()
    changes = diff_snapshots(previous, snapshot)
    extra = {
        "changes.json": json.dumps(changes.to_json(), indent=2, default=str) + "\n",
        "changes.md": "# Changes since the last successful surveillance run\n\n"
        + "".join(f"- {line}\n" for line in changes.lines()),
    }
    t2 = time.perf_counter()
    write_outputs(result, out_dir, force=True, progress=progress, extra_files=extra)
    timings["write"] = time.perf_counter() - t2  # tables, plots, report
    from evidence.store import utc_now

    with store.transaction() as db:
        db.execute(
            "INSERT INTO review_snapshots (protocol_key, run_id, created, json) VALUES (?, ?, ?, ?)",
            (protocol.key, run_id, utc_now(), json.dumps(snapshot, default=str)),
        )
        store.finish_run(run_id, "ok")
    timings["total"] = time.perf_counter() - t0
    return SurveilResult(
        run_id,
        changes.anything_changed or changes.first_run,
        changes,
        fetched,
        note,
        since,
        until,
        out_dir,
        False,
        date_type,
        changes.lines(),
        timings,
    )
