"""All persistent state: one SQLite file holding articles, searches and runs.

The store is the embedded default: one file, WAL journal, a ``busy_timeout`` so
that several processes (nightly surveillance jobs, a reviewer's search) can share
it, and a schema version in ``PRAGMA user_version`` moved forward by the ordered
:data:`MIGRATIONS` list.  Every write happens inside :meth:`Store.transaction`
(``BEGIN IMMEDIATE`` ... ``COMMIT``), so a process killed at any point leaves the
store as it was after the last committed batch; re-running the same fetch then
converges on exactly what a clean run leaves, because :meth:`Store.upsert_articles`
is idempotent.

Tables (version 1)
------------------
``articles``   one row per PMID: version, content hash, the Article as JSON, source,
               first_seen, last_updated, deleted flag (``DeleteCitation``)
``searches``   one row per esearch query run: query, params, count, run id
``search_hits`` which PMIDs a search returned
``runs``       fetch/import/surveillance runs: kind, key, started, finished, status, params

Later versions (see :data:`MIGRATIONS`) add the review tables: screening decisions,
corrections, cached extractions and review snapshots.

Timestamps are UTC ISO-8601 strings.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from evidence.errors import StoreError
from evidence.records import Article, Section

__all__ = [
    "MIGRATIONS",
    "Run",
    "Store",
    "UpsertStats",
    "article_from_json",
    "article_to_json",
    "content_hash",
    "utc_now",
]

# Ordered (version, sql) pairs.  To extend the schema, APPEND a new entry with the
# next version number (never edit or reorder a released entry): Store.open applies,
# inside one transaction, every entry whose version is above the file's
# ``PRAGMA user_version`` and then sets user_version to the last one applied.
MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE articles (
            pmid         TEXT PRIMARY KEY,
            version      INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            json         TEXT NOT NULL,
            source       TEXT NOT NULL DEFAULT '',
            first_seen   TEXT NOT NULL,
            last_updated TEXT NOT NULL,
            deleted      INTEGER NOT NULL DEFAULT 0,
            deleted_at   TEXT
        );
        CREATE INDEX articles_numeric ON articles (CAST(pmid AS INTEGER), pmid);
        CREATE TABLE runs (
            id       INTEGER PRIMARY KEY AUTOINCREMENT,
            kind     TEXT NOT NULL,
            key      TEXT NOT NULL DEFAULT '',
            started  TEXT NOT NULL,
            finished TEXT,
            status   TEXT NOT NULL DEFAULT 'running',
            params   TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX runs_kind_key ON runs (kind, key, status);
        CREATE TABLE searches (
            id      INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id  INTEGER REFERENCES runs (id),
            query   TEXT NOT NULL,
            params  TEXT NOT NULL DEFAULT '{}',
            count   INTEGER NOT NULL,
            created TEXT NOT NULL
        );
        CREATE TABLE search_hits (
            search_id INTEGER NOT NULL REFERENCES searches (id),
            pmid      TEXT NOT NULL,
            PRIMARY KEY (search_id, pmid)
        ) WITHOUT ROWID;
        """,
    ),
    (
        # Review, screening, corrections and surveillance (evidence.review / screening / corrections /
        # surveillance): manual screening decisions, reviewer corrections (history kept, latest wins),
        # cached extractions keyed by content hash, and one snapshot of each successful review run.
        2,
        """
        CREATE TABLE screening_decisions (
            pmid       TEXT PRIMARY KEY,
            include    INTEGER NOT NULL,
            reason     TEXT NOT NULL,
            reviewer   TEXT NOT NULL DEFAULT '',
            decided_at TEXT NOT NULL
        );
        CREATE TABLE corrections (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            pmid        TEXT NOT NULL,
            measure     TEXT NOT NULL,
            arm         TEXT NOT NULL DEFAULT '',
            time_months REAL,
            value       REAL NOT NULL,
            note        TEXT NOT NULL,
            reviewer    TEXT NOT NULL DEFAULT '',
            created     TEXT NOT NULL
        );
        CREATE INDEX corrections_pmid ON corrections (pmid);
        CREATE TABLE extractions (
            pmid              TEXT PRIMARY KEY,
            content_hash      TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            json              TEXT NOT NULL,
            updated           TEXT NOT NULL
        );
        CREATE TABLE review_snapshots (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            protocol_key TEXT NOT NULL,
            run_id       INTEGER,
            created      TEXT NOT NULL,
            json         TEXT NOT NULL
        );
        CREATE INDEX review_snapshots_key ON review_snapshots (protocol_key, id);
        """,
    ),
]

RUN_STATUSES = ("running", "ok", "failed")
ITER_ARTICLES_SQL = (
    "SELECT pmid, json, CAST(pmid AS INTEGER) FROM articles"
    " WHERE CAST(pmid AS INTEGER) >= ? AND (CAST(pmid AS INTEGER), pmid) > (?, ?) AND deleted = 0"
    " ORDER BY CAST(pmid AS INTEGER), pmid LIMIT ?"
)
_SECRET_KEYS = frozenset({"api_key", "apikey", "ncbi_api_key"})


@dataclass(frozen=True)
class UpsertStats:
    """What :meth:`Store.upsert_articles` did: counts of new, revised and unchanged records."""

    new: int = 0
    revised: int = 0
    unchanged: int = 0

    def __add__(self, other: "UpsertStats") -> "UpsertStats":
        return UpsertStats(self.new + other.new, self.revised + other.revised, self.unchanged + other.unchanged)

    @property
    def total(self) -> int:
        return self.new + self.revised + self.unchanged


@dataclass(frozen=True)
class Run:
    """One row of the ``runs`` table."""

    id: int
    kind: str
    key: str
    started: str
    finished: str | None
    status: str
    params: Mapping[str, Any]


def utc_now() -> str:
    """The current UTC time as an ISO-8601 string with microseconds."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def article_to_json(article: Article) -> dict[str, Any]:
    """The JSON form of an Article as kept in the store: every field, sections as [label, text] pairs."""
    data = asdict(article)
    data["sections"] = [[s.label, s.text] for s in article.sections]
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def article_from_json(data: Mapping[str, Any]) -> Article:
    """Inverse of :func:`article_to_json`.

    Fields are matched by name, so optional fields added to Article later are
    kept, and keys this code does not know (a row written by newer code) are
    ignored; JSON lists become tuples.
    """
    values: dict[str, Any] = {}
    for spec in fields(Article):
        if spec.name not in data:
            continue
        value = data[spec.name]
        if spec.name == "sections":
            value = tuple(Section(str(label), str(text)) for label, text in value or ())
        elif isinstance(value, list):
            value = tuple(value)
        values[spec.name] = value
    values["pmid"] = str(data["pmid"])
    values["version"] = int(values.get("version") or 1)
    return Article(**values)


def content_hash(article: Article) -> str:
    """SHA-256 of the article's content (every field but ``source``, which says only where it was read)."""
    data = article_to_json(article)
    data.pop("source", None)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _clean_params(params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Params safe to store: secrets dropped, whatever their case."""
    return {k: v for k, v in (params or {}).items() if str(k).lower() not in _SECRET_KEYS}


class Store:
    """The embedded SQLite store.  Open with :meth:`Store.open`; close with :meth:`close` or ``with``."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._depth = 0

    # -- opening -----------------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, busy_timeout_s: float = 5.0, create: bool = True) -> "Store":
        """Open (or create) the store at ``path`` and bring its schema up to date.

        Raises
        ------
        StoreError
            The file is not an SQLite database, is locked beyond ``busy_timeout_s``,
            was written by a newer version of this package, or does not exist and
            ``create`` is False.
        """
        path = Path(path)
        if not create and not path.exists():
            raise StoreError(f"Store {path} does not exist")
        if path.is_dir():
            raise StoreError(f"Store {path} is a directory, expected an SQLite file")
        try:
            db = sqlite3.connect(str(path), timeout=busy_timeout_s, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot open store {path}: {exc}") from exc
        store = cls(db, path)
        try:
            db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
            store._check_version()  # reads the header: a non-database or newer file fails before any change
            store._enable_wal(busy_timeout_s)
            store._check_and_migrate()
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            db.close()
            raise _translate(exc, path) from exc
        except StoreError:
            db.close()
            raise
        return store

    def _check_version(self) -> int:
        known = MIGRATIONS[-1][0]
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > known:
            raise StoreError(
                f"Store {self.path} has schema version {version}, newer than this code knows ({known}); upgrade evidence"
            )
        return version

    def _enable_wal(self, busy_timeout_s: float) -> None:
        # Switching a fresh file to WAL needs an exclusive lock, and SQLite may answer
        # "locked" at once (without its busy handler) while another process opens the
        # same file, so retry until the busy timeout.
        deadline = time.monotonic() + busy_timeout_s
        while True:
            try:
                mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
        if str(mode).lower() != "wal":  # pragma: no cover - e.g. a network file system
            raise StoreError(f"Store {self.path} cannot use WAL journaling (got {mode!r})")

    def _check_and_migrate(self) -> None:
        known = MIGRATIONS[-1][0]
        version = self._check_version()
        if version == known:
            return
        with self.transaction():
            # Re-read under the write lock: another process may have migrated meanwhile.
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            for target, sql in MIGRATIONS:
                if target > version:
                    for statement in _split_sql(sql):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {int(target)}")

    @property
    def schema_version(self) -> int:
        """The schema version recorded in the file."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Close the connection (a checkpoint folds the WAL back into the file)."""
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on any exception); nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self._db
            finally:
                self._depth -= 1
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, self.path) from exc
        self._depth = 1
        try:
            yield self._db
        except BaseException:
            self._depth = 0
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise _translate(exc, self.path) from exc

    def execute(self, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()) -> sqlite3.Cursor:
        """Run one statement (for modules that add their own tables through MIGRATIONS)."""
        try:
            return self._db.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, self.path) from exc

    # -- articles ----------------------------------------------------------------------------------------
    def upsert_articles(self, articles: Iterable[Article]) -> UpsertStats:
        """Insert new articles and replace revised ones, in one transaction.

        An incoming record replaces the stored one when its version is higher, or
        when the version is the same and the content differs; an older version
        never replaces a newer one.  A record previously deleted comes back as new.
        Re-running with the same records changes nothing (all "unchanged").
        """
        new = revised = unchanged = 0
        now = utc_now()
        with self.transaction() as db:
            for article in articles:
                digest = content_hash(article)
                row = db.execute(
                    "SELECT version, content_hash, deleted FROM articles WHERE pmid = ?", (article.pmid,)
                ).fetchone()
                payload = json.dumps(article_to_json(article), ensure_ascii=False, separators=(",", ":"))
                if row is None:
                    db.execute(
                        "INSERT INTO articles (pmid, version, content_hash, json, source, first_seen, last_updated)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (article.pmid, article.version, digest, payload, article.source, now, now),
                    )
                    new += 1
                    continue
                version, stored_hash, deleted = row
                if deleted:
                    new += 1
                elif article.version > version or (article.version == version and digest != stored_hash):
                    revised += 1
                else:
                    unchanged += 1
                    continue
                db.execute(
                    "UPDATE articles SET version = ?, content_hash = ?, json = ?, source = ?, last_updated = ?,"
                    " deleted = 0, deleted_at = NULL WHERE pmid = ?",
                    (article.version, digest, payload, article.source, now, article.pmid),
                )
        return UpsertStats(new, revised, unchanged)

    def delete_articles(self, pmids: Iterable[str]) -> int:
        """Mark articles deleted (PubMed ``DeleteCitation``); return how many stored records were deleted now."""
        now = utc_now()
        count = 0
        with self.transaction() as db:
            for pmid in pmids:
                cur = db.execute(
                    "UPDATE articles SET deleted = 1, deleted_at = ? WHERE pmid = ? AND deleted = 0", (now, str(pmid))
                )
                count += cur.rowcount
        return count

    def get_article(self, pmid: str) -> Article | None:
        """The stored article, or None when absent or deleted."""
        row = self.execute("SELECT json FROM articles WHERE pmid = ? AND deleted = 0", (str(pmid),)).fetchone()
        return article_from_json(json.loads(row[0])) if row else None

    def iter_articles(self, *, batch_size: int = 500) -> Iterator[Article]:
        """Every stored, non-deleted article in PMID order, read in batches (memory flat in store size)."""
        last_key: tuple[int, str] = (-(2**62), "")
        while True:
            # the plain ">=" lets SQLite seek in the articles_numeric index, so no batch rescans the table
            rows = self.execute(ITER_ARTICLES_SQL, (last_key[0], last_key[0], last_key[1], batch_size)).fetchall()
            if not rows:
                return
            for pmid, payload, key in rows:
                yield article_from_json(json.loads(payload))
            last_key = (rows[-1][2], rows[-1][0])

    def count_articles(self, *, include_deleted: bool = False) -> int:
        """How many articles are stored (deleted ones only when asked)."""
        sql = "SELECT COUNT(*) FROM articles" + ("" if include_deleted else " WHERE deleted = 0")
        return int(self.execute(sql).fetchone()[0])

    def stored_versions(self, pmids: Iterable[str]) -> dict[str, tuple[int, str]]:
        """``{pmid: (version, content_hash)}`` for the given PMIDs that are stored and not deleted."""
        out: dict[str, tuple[int, str]] = {}
        chunk: list[str] = []
        for pmid in pmids:
            chunk.append(str(pmid))
            if len(chunk) == 500:
                out.update(self._versions(chunk))
                chunk = []
        if chunk:
            out.update(self._versions(chunk))
        return out

    def _versions(self, chunk: list[str]) -> dict[str, tuple[int, str]]:
        marks = ",".join("?" * len(chunk))
        rows = self.execute(
            f"SELECT pmid, version, content_hash FROM articles WHERE deleted = 0 AND pmid IN ({marks})", chunk
        ).fetchall()
        return {pmid: (version, digest) for pmid, version, digest in rows}

    # -- runs and searches -------------------------------------------------------------------------------
    def start_run(self, kind: str, params: Mapping[str, Any] | None = None, *, key: str = "") -> int:
        """Record the start of a run (status "running"); return its id.  Secrets in params are dropped."""
        payload = json.dumps(_clean_params(params), sort_keys=True, default=str)
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO runs (kind, key, started, status, params) VALUES (?, ?, ?, 'running', ?)",
                (kind, key, utc_now(), payload),
            )
            return int(cur.lastrowid)

    def finish_run(self, run_id: int, status: str = "ok") -> None:
        """Mark a run finished with ``status`` ("ok" or "failed")."""
        if status not in RUN_STATUSES[1:]:
            raise StoreError(f"Invalid run status {status!r}; expected one of {list(RUN_STATUSES[1:])}")
        with self.transaction() as db:
            cur = db.execute("UPDATE runs SET finished = ?, status = ? WHERE id = ?", (utc_now(), status, run_id))
            if cur.rowcount != 1:
                raise StoreError(f"No run {run_id} in store {self.path}")

    def get_run(self, run_id: int) -> Run | None:
        """One run by id, or None."""
        row = self.execute(
            "SELECT id, kind, key, started, finished, status, params FROM runs WHERE id = ?", (run_id,)
        ).fetchone()
        return _run(row) if row else None

    def last_successful_run(self, kind: str, key: str = "") -> Run | None:
        """The most recent run of ``kind`` with ``key`` that finished with status "ok", or None."""
        row = self.execute(
            "SELECT id, kind, key, started, finished, status, params FROM runs"
            " WHERE kind = ? AND key = ? AND status = 'ok' ORDER BY finished DESC, id DESC LIMIT 1",
            (kind, key),
        ).fetchone()
        return _run(row) if row else None

    def record_search(
        self, query: str, params: Mapping[str, Any] | None, count: int, run_id: int | None, pmids: Iterable[str] = ()
    ) -> int:
        """Record one esearch (query, params, count, the PMIDs it returned); return its id."""
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO searches (run_id, query, params, count, created) VALUES (?, ?, ?, ?, ?)",
                (run_id, query, json.dumps(_clean_params(params), sort_keys=True, default=str), int(count), utc_now()),
            )
            search_id = int(cur.lastrowid)
            db.executemany(
                "INSERT OR IGNORE INTO search_hits (search_id, pmid) VALUES (?, ?)",
                ((search_id, str(p)) for p in pmids),
            )
        return search_id

    def add_search_hits(self, search_id: int, pmids: Iterable[str]) -> None:
        """Add PMIDs to what a recorded search returned (duplicates ignored)."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO search_hits (search_id, pmid) VALUES (?, ?)",
                ((search_id, str(p)) for p in pmids),
            )

    def set_search_count(self, search_id: int, count: int) -> None:
        """Set the hit count of a recorded search (known only once every window was listed)."""
        with self.transaction() as db:
            db.execute("UPDATE searches SET count = ? WHERE id = ?", (int(count), search_id))


def _run(row: tuple[Any, ...]) -> Run:
    return Run(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6] or "{}"))


def _split_sql(sql: str) -> list[str]:
    """Statements of a migration script (our migrations hold no ';' inside literals)."""
    return [s.strip() for s in sql.split(";") if s.strip()]


def _translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """One-line StoreError for an sqlite3 error, naming the file."""
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return StoreError(f"Store {path} is not an SQLite database (or is corrupt)")
    if "locked" in text or "busy" in text:
        return StoreError(f"Store {path} is locked by another process; try again later")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"Store {path} is read-only")
    return StoreError(f"Store {path}: {text}")
