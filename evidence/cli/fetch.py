"""``evidence search`` and ``evidence import``: PubMed records into the store.

``search`` runs a query on E-utilities (the server in ``EVIDENCE_EUTILS_URL``,
NCBI's by default; ``NCBI_API_KEY``, ``NCBI_EMAIL`` and ``NCBI_TOOL`` read once
here) and fetches every hit into the store, one transaction per batch, so a run
killed at any point and run again leaves exactly what a clean run leaves.
``import`` reads PubMed XML (``.xml``, ``.xml.gz``, baseline and update files with
``DeleteCitation``) and MEDLINE files into the store in one transaction: a bad
file leaves the store unchanged.

:func:`search_into_store` is the reusable core (surveillance calls it too).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional

import typer

from evidence.cli import app
from evidence.errors import InputError, StoreError

if TYPE_CHECKING:  # pragma: no cover
    from evidence.sources.entrez import EntrezClient
    from evidence.store import Store, UpsertStats

__all__ = ["ImportSummary", "SearchSummary", "import_into_store", "search_into_store"]


@dataclass
class SearchSummary:
    """What one search-and-fetch did."""

    query: str
    found: int = 0
    fetched: int = 0
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    deleted: int = 0
    missing: list[str] = field(default_factory=list)
    windows: int = 0
    truncated_windows: int = 0
    requests: int = 0
    retries: int = 0
    run_id: int | None = None

    def lines(self) -> list[str]:
        out = [
            f"found {self.found} record(s) in {self.windows} search window(s); fetched {self.fetched}",
            f"new {self.new}, revised {self.revised}, unchanged {self.unchanged}, deleted {self.deleted}",
            f"requests {self.requests}, retries {self.retries}",
        ]
        if self.missing:
            shown = ", ".join(self.missing[:5]) + (" ..." if len(self.missing) > 5 else "")
            out.append(f"warning: {len(self.missing)} PMID(s) listed by esearch did not come back from efetch: {shown}")
        if self.truncated_windows:
            out.append(
                f"warning: {self.truncated_windows} single-day window(s) held more hits than PubMed lists; "
                "some records could not be listed"
            )
        return out


@dataclass
class ImportSummary:
    """What one import did."""

    files: int = 0
    records: int = 0
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    deleted: int = 0

    def lines(self) -> list[str]:
        return [
            f"imported {self.records} record(s) from {self.files} file(s)",
            f"new {self.new}, revised {self.revised}, unchanged {self.unchanged}, deleted {self.deleted}",
        ]


def _add(summary: SearchSummary | ImportSummary, stats: "UpsertStats") -> None:
    summary.new += stats.new
    summary.revised += stats.revised
    summary.unchanged += stats.unchanged


def search_into_store(
    store: "Store",
    client: "EntrezClient",
    query: str,
    *,
    since: date | None = None,
    until: date | None = None,
    date_type: str = "edat",
    max_records: int | None = None,
    run_kind: str = "search",
) -> SearchSummary:
    """Search PubMed and fetch every hit into ``store``; return the counts.

    Nothing is written before the first esearch answers, so an unparseable query
    or an unreachable server leaves the store unchanged.  Each efetch batch is
    stored in its own transaction; the run is marked "ok" only at the end (and
    "failed" when an error stops it).
    """
    summary = SearchSummary(query=query)
    params = {
        "query": query,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "date_type": date_type,
        "max": max_records,
    }
    search_id: int | None = None
    pending: list[str] = []
    batch_size = client.config.batch_size

    def flush(ids: list[str]) -> None:
        batch = client.efetch_batch(ids)
        with store.transaction():
            _add(summary, store.upsert_articles(batch.articles))
            summary.deleted += store.delete_articles(batch.deleted)
        summary.fetched += len(batch.articles)
        summary.missing.extend(batch.missing)

    try:
        remaining = max_records
        windows = client.search_windows(query, since=since, until=until, date_type=date_type, max_records=max_records)
        for page in windows:
            if summary.run_id is None:
                summary.run_id = store.start_run(run_kind, params, key=query.strip())
                search_id = store.record_search(query, params, 0, summary.run_id)
            ids = list(page.ids if remaining is None else page.ids[:remaining])
            if remaining is not None:
                remaining -= len(ids)
            summary.found += len(ids)
            store.add_search_hits(search_id, ids)
            pending.extend(ids)
            while len(pending) >= batch_size:
                flush(pending[:batch_size])
                del pending[:batch_size]
            if remaining is not None and remaining <= 0:
                break
        if summary.run_id is None:  # zero hits: still a successful run
            summary.run_id = store.start_run(run_kind, params, key=query.strip())
            search_id = store.record_search(query, params, 0, summary.run_id)
        if pending:
            flush(pending)
        store.set_search_count(search_id, summary.found)
    except BaseException:
        if summary.run_id is not None:
            try:
                store.finish_run(summary.run_id, "failed")
            except StoreError:  # pragma: no cover - the store itself failed; keep the first error
                pass
        raise
    finally:
        stats = client.stats
        summary.requests, summary.retries = stats.requests, stats.retries
        summary.windows, summary.truncated_windows = stats.windows, stats.truncated_windows
    store.finish_run(summary.run_id, "ok")
    return summary


def import_into_store(store: "Store", paths: Iterable[Path], *, batch_size: int = 1000) -> ImportSummary:
    """Import PubMed XML (with ``DeleteCitation``) and MEDLINE files in order, in ONE transaction.

    A file that cannot be read or parsed rolls the whole import back and raises.
    """
    from evidence.records import Article
    from evidence.sources.files import detect_kind
    from evidence.sources.medline import read_medline
    from evidence.sources.pubmed_xml import iter_pubmed_file

    paths = [Path(p) for p in paths]
    kinds = [detect_kind(p) for p in paths]  # every file checked before anything is written
    for path, kind in zip(paths, kinds):
        if kind not in ("pubmed-xml", "medline"):
            raise InputError(f"{path}: import reads PubMed XML or MEDLINE files, not {kind}")
    summary = ImportSummary()
    with store.transaction():
        run_id = store.start_run("import", {"files": [p.name for p in paths]})
        for path, kind in zip(paths, kinds):
            events = iter_pubmed_file(path) if kind == "pubmed-xml" else read_medline(path)
            pending: list[Article] = []
            for event in events:
                if isinstance(event, Article):
                    pending.append(event)
                    summary.records += 1
                    if len(pending) >= batch_size:
                        _add(summary, store.upsert_articles(pending))
                        pending = []
                else:  # a DeleteCitation: apply in file order, after the records before it
                    if pending:
                        _add(summary, store.upsert_articles(pending))
                        pending = []
                    summary.deleted += store.delete_articles(event.pmids)
            if pending:
                _add(summary, store.upsert_articles(pending))
            summary.files += 1
        store.finish_run(run_id, "ok")
    return summary


def _parse_date(text: Optional[str], option: str, *, end: bool) -> date | None:
    from evidence.sources.entrez import parse_date

    if text is None:
        return None
    try:
        return parse_date(text, end=end)
    except InputError as exc:
        raise InputError(f"{option}: {exc}") from None


class _NewStoreGuard:
    """Remove a store file this command created if the command fails before writing anything of use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.existed = path.exists()
        self.lock_existed: dict[Path, bool] = {}

    def watch(self, other: Path) -> None:
        self.lock_existed[other] = other.exists()

    def undo(self) -> None:
        if self.existed:
            return
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        for other, existed in self.lock_existed.items():
            if not existed:
                other.unlink(missing_ok=True)


@app.command()
def search(
    query: str = typer.Argument(..., help="PubMed query, e.g. 'soft tissue sarcoma AND preoperative'."),
    store_path: Path = typer.Option(..., "--store", help="SQLite store file (created if absent)."),
    since: Optional[str] = typer.Option(None, "--since", help="First date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Last date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    date_type: str = typer.Option("entry", "--date-type", help="Date the window applies to: entry, publication or modification."),
    max_records: Optional[int] = typer.Option(None, "--max", min=1, help="Fetch at most this many records."),
    timeout_s: float = typer.Option(30.0, "--timeout", min=0.1, help="Seconds to wait for each response."),
    max_retries: int = typer.Option(8, "--max-retries", min=0, help="Retries of one request before giving up."),
    max_retry_time_s: float = typer.Option(300.0, "--max-retry-time", min=0.0, help="Seconds of retrying one request before giving up."),
    batch_size: int = typer.Option(500, "--batch-size", min=1, max=10000, help="PMIDs per efetch request."),
    rate: Optional[float] = typer.Option(
        None, "--rate", min=0.01, help="Requests per second (default NCBI's 3, or 10 with NCBI_API_KEY; higher only for other servers)."
    ),
) -> None:
    """Search PubMed and fetch every hit into the store (prints found, new, revised, unchanged, deleted)."""
    from evidence.sources.entrez import DATE_TYPES, NCBI_EUTILS_URL, EntrezClient, EntrezConfig
    from evidence.sources.ratelimit import lock_path_for
    from evidence.store import Store

    if date_type not in DATE_TYPES:
        raise InputError(f"Invalid --date-type {date_type!r}; expected one of {sorted(DATE_TYPES)}")
    if not query.strip():
        raise InputError("Empty query; expected a PubMed search term")
    first = _parse_date(since, "--since", end=False)
    last = _parse_date(until, "--until", end=True)
    if first and last and first > last:
        raise InputError(f"--since {since} is after --until {until}")
    lock_path = lock_path_for(store_path)
    config = EntrezConfig.from_environ(
        os.environ,
        timeout_s=timeout_s,
        max_retries=max_retries,
        max_retry_time_s=max_retry_time_s,
        rate_per_s=rate,
        rate_lock_path=lock_path,
        batch_size=batch_size,
    )
    ncbi_limit = 10.0 if config.api_key else 3.0
    if rate is not None and rate > ncbi_limit and config.base_url.rstrip("/") == NCBI_EUTILS_URL.rstrip("/"):
        raise InputError(f"--rate {rate} is above NCBI's limit of {ncbi_limit:g} requests per second")
    guard = _NewStoreGuard(store_path)
    store = Store.open(store_path)
    guard.watch(lock_path)
    try:
        summary = search_into_store(
            store, EntrezClient(config), query, since=first, until=last, date_type=DATE_TYPES[date_type], max_records=max_records
        )
    except BaseException:
        store.close()
        if store_path.exists() and _run_count(store_path) == 0:
            guard.undo()
        raise
    store.close()
    for line in summary.lines():
        typer.echo(line)


def _run_count(path: Path) -> int:
    from evidence.store import Store

    try:
        with Store.open(path) as s:
            return int(s.execute("SELECT COUNT(*) FROM runs").fetchone()[0])
    except StoreError:
        return -1


@app.command("import")
def import_files(
    files: list[Path] = typer.Argument(..., help="PubMed XML (.xml, .xml.gz; baseline/update files) or MEDLINE files."),
    store_path: Path = typer.Option(..., "--store", help="SQLite store file (created if absent)."),
) -> None:
    """Import PubMed XML and MEDLINE files into the store, all or nothing."""
    from evidence.sources.files import detect_kind
    from evidence.store import Store

    for path in files:  # a missing or unknown file is reported before the store is touched
        detect_kind(path)
    guard = _NewStoreGuard(store_path)
    store = Store.open(store_path)
    try:
        summary = import_into_store(store, files)
    except BaseException:
        store.close()
        guard.undo()
        raise
    store.close()
    for line in summary.lines():
        typer.echo(line)
