"""Run extraction over many PubMed files on local processes or a Dask cluster.

The unit of work is one input file.  :func:`process_file` (run in a worker) streams the
file's articles through the extractor and writes the file's Parquet parts into a staging
folder, then moves them into place; the coordinating process
(:func:`run_extraction`) records each finished file in the manifest.  Both engines run
the same :func:`process_file`, so they give the same output:

``local``
    ``concurrent.futures.ProcessPoolExecutor`` with spawned processes on this machine.
``dask``
    a ``dask.distributed`` client: a ``LocalCluster`` on 127.0.0.1 when no scheduler is
    given, otherwise the scheduler at ``tcp://HOST:PORT`` (its workers must see the input
    and output paths, e.g. on a shared file system).

A file that cannot be read (corrupt or truncated gzip, not PubMed XML, missing) is
recorded as failed with a message naming it; the other files are still processed and
nothing of the failed file is left in the output.
"""

from __future__ import annotations

import importlib
import os
import resource
import shutil
import socket
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from evidence.errors import EvidenceError, InputError, OutputError
from evidence.records import Article
from evidence.scale.manifest import FileResult, Manifest, RunLock, fingerprint, stem_of

__all__ = ["ENGINES", "EngineOptions", "RunReport", "process_file", "run_extraction", "warm_up"]

ENGINES = ("local", "dask")
STAGING = "_staging"
DEFAULT_READER = "evidence.sources.pubmed_xml:iter_pubmed_file"
DEFAULT_EXTRACTOR = "extractors.pipeline:extract_studies"


@dataclass(frozen=True)
class EngineOptions:
    """How to run: engine, worker count, scheduler address and the functions each worker calls.

    ``reader`` and ``extractor`` are ``"module:function"`` names (they travel to worker
    processes as text): ``reader(path)`` yields articles and deletions, ``extractor(articles,
    batch_size=...)`` yields one study per article.
    """

    engine: str = "local"
    workers: int = 1
    scheduler: str | None = None
    batch_size: int = 64
    connect_timeout_s: float = 10.0
    rows_per_group: int = 5_000
    reader: str = DEFAULT_READER
    extractor: str = DEFAULT_EXTRACTOR

    def check(self) -> None:
        """Raise InputError for an unknown engine, a bad worker count or scheduler address."""
        if self.engine not in ENGINES:
            raise InputError(f"Invalid engine {self.engine!r}; expected one of {list(ENGINES)}")
        if self.workers < 1:
            raise InputError(f"--workers must be at least 1; got {self.workers}")
        if self.scheduler is not None:
            if self.engine != "dask":
                raise InputError("--scheduler needs --engine dask")
            host, _, port = self.scheduler.removeprefix("tcp://").rpartition(":")
            if not self.scheduler.startswith("tcp://") or not host or not port.isdigit():
                raise InputError(f"Invalid scheduler address {self.scheduler!r}; expected tcp://HOST:PORT")


@dataclass
class RunReport:
    """What a run did: per-file results of this run, files skipped as already done, timing."""

    done: list[FileResult] = field(default_factory=list)
    failed: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0
    workers: int = 1
    engine: str = "local"

    @property
    def articles(self) -> int:
        return sum(r.articles for r in self.done)


def _load(spec: str) -> Callable[..., Any]:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def warm_up(options: EngineOptions | None = None) -> int:
    """Build the extractor in this process once (run on every worker before timing starts)."""
    options = options or EngineOptions()
    extract = _load(options.extractor)
    probe = Article(pmid="0", title="Warm-up", sections=())
    return sum(1 for _ in extract([probe], batch_size=1))


def _peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def _split_events(events: Iterator[Any], deleted: list[str], counts: dict[str, int]) -> Iterator[Article]:
    """Pass articles on; collect PMIDs of deletion events (anything that is not an Article)."""
    for event in events:
        if isinstance(event, Article):
            counts["articles"] += 1
            yield event
        else:
            pmids = getattr(event, "pmids", None)
            deleted.extend(str(p) for p in (pmids if pmids is not None else [event.pmid]))


def process_file(path: str, out_dir: str, options: EngineOptions | None = None) -> FileResult:
    """Read one input file, extract every article and write its parts; never raises for bad input.

    Returns a :class:`FileResult` with status ``done``, or ``failed`` and an ``error``
    naming the file (its parts, old or partial, are then removed from the output).
    """
    from evidence.scale.output import DELETION_SCHEMA, FINDING_SCHEMA, STUDY_SCHEMA, TableWriter, finding_rows
    from evidence.scale.output import part_path, study_row

    options = options or EngineOptions()
    out = Path(out_dir)
    stem = stem_of(Path(path))
    result = FileResult(stem=stem, path=str(path), status="failed", worker=f"{socket.gethostname()}:{os.getpid()}")
    start, cpu_start = time.perf_counter(), time.process_time()
    staging = out / STAGING / f"{stem}-{uuid.uuid4().hex[:8]}"
    try:
        result.size, result.mtime_ns = fingerprint(Path(path))
        staging.mkdir(parents=True)
        reader, extract = _load(options.reader), _load(options.extractor)
        writers = {
            "findings": TableWriter(staging / "findings.parquet", FINDING_SCHEMA, options.rows_per_group),
            "studies": TableWriter(staging / "studies.parquet", STUDY_SCHEMA, options.rows_per_group),
            "deletions": TableWriter(staging / "deletions.parquet", DELETION_SCHEMA, options.rows_per_group),
        }
        deleted: list[str] = []
        counts = {"articles": 0}
        articles = _split_events(iter(reader(Path(path))), deleted, counts)
        for index, study in enumerate(extract(articles, batch_size=options.batch_size)):
            writers["findings"].write(finding_rows(study, index))
            writers["studies"].write([study_row(study, index)])
        writers["deletions"].write({"pmid": pmid} for pmid in deleted)
        for writer in writers.values():
            writer.close()
        if counts["articles"] == 0 and not deleted:
            raise InputError(f"{path}: no PubmedArticle or DeleteCitation found; is it a PubMed XML file?")
        for table in writers:
            target = part_path(out, table, stem)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / f"{table}.parquet", target)
        result.status = "done"
        result.articles = counts["articles"]
        result.deletions = len(deleted)
        result.studies = writers["studies"].rows_written
        result.findings = writers["findings"].rows_written
    except Exception as exc:  # noqa: BLE001 - any failure of one file is reported, the run goes on
        result.error = _describe(path, exc)
        _remove_parts(out, stem)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.seconds = time.perf_counter() - start
    result.cpu_seconds = time.process_time() - cpu_start
    result.peak_rss_bytes = _peak_rss_bytes()
    return result


def _describe(path: str, exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, EvidenceError) and str(path) in text:
        return text
    if isinstance(exc, FileNotFoundError):
        return f"{path}: no such file"
    if isinstance(exc, EOFError):
        return f"{path}: truncated compressed file ({text})"
    if type(exc).__name__ in ("BadGzipFile", "error") or "gzip" in type(exc).__module__:
        return f"{path}: not a valid gzip file ({text})"
    return f"{path}: {text}" if isinstance(exc, EvidenceError) else f"{path}: {type(exc).__name__}: {text}"


def _remove_parts(out: Path, stem: str) -> None:
    from evidence.scale.output import TABLES, part_path

    for table in TABLES:
        part = part_path(out, table, stem)
        part.unlink(missing_ok=True)
        try:
            part.parent.rmdir()
        except OSError:
            pass


def _check_inputs(paths: Sequence[Path]) -> list[Path]:
    seen: dict[str, Path] = {}
    for path in paths:
        stem = stem_of(path)
        if stem in seen and Path(seen[stem]).resolve() != Path(path).resolve():
            raise InputError(f"{seen[stem]} and {path} have the same name; output is partitioned by file name")
        seen[stem] = Path(path)
    return sorted(seen.values(), key=stem_of)


def run_extraction(
    paths: Sequence[Path],
    out_dir: Path,
    options: EngineOptions | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> RunReport:
    """Extract every input file not already done into the Parquet dataset at ``out_dir``.

    Files are handed out largest first; each finished file is recorded in the manifest at once,
    so a run that is killed resumes where it stopped.  ``on_result`` is called in this
    process with each file's result (for progress output).  Raises InputError for bad
    options or an unreachable scheduler; failed files are reported in the returned
    :class:`RunReport`, not raised.
    """
    options = options or EngineOptions()
    options.check()
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {out}: {exc.strerror or exc}") from exc
    inputs = _check_inputs([Path(p) for p in paths])
    report = RunReport(workers=options.workers, engine=options.engine)
    with RunLock(out):
        shutil.rmtree(out / STAGING, ignore_errors=True)  # left by a killed run
        manifest = Manifest.load(out)
        todo = []
        for path in inputs:
            if manifest.is_done(path):
                report.skipped.append(stem_of(path))
            else:
                todo.append(path)

        def collect(result: FileResult) -> None:
            manifest.record(result)
            (report.done if result.status == "done" else report.failed).append(result)
            if on_result is not None:
                on_result(result)

        # largest files first, so no worker is left with a big file at the end
        todo.sort(key=lambda p: p.stat().st_size if p.exists() else 0, reverse=True)
        start = time.perf_counter()
        if todo:
            runner = _run_local if options.engine == "local" else _run_dask
            runner(todo, out, options, collect)
        report.wall_seconds = time.perf_counter() - start
        try:
            (out / STAGING).rmdir()  # empty once every worker has moved its parts into place
        except OSError:
            pass
    return report


def _run_local(todo: list[Path], out: Path, options: EngineOptions, collect: Callable[[FileResult], None]) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    workers = min(options.workers, len(todo))
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=warm_up, initargs=(options,))
    try:
        futures = {pool.submit(process_file, str(path), str(out), options): path for path in todo}
        for future in as_completed(futures):
            try:
                collect(future.result())
            except BrokenProcessPool:
                path = futures[future]
                error = f"{path}: the worker process died (out of memory or killed)"
                collect(FileResult(stem=stem_of(path), path=str(path), status="failed", error=error))
    except BaseException:
        # interrupted: do not wait for files in progress; the next run redoes them
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _run_dask(todo: list[Path], out: Path, options: EngineOptions, collect: Callable[[FileResult], None]) -> None:
    import logging

    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise InputError("--engine dask needs dask.distributed: pip install 'evidence[scale]'") from exc

    cluster = None
    if options.scheduler:
        try:
            client = Client(options.scheduler, timeout=options.connect_timeout_s)
        except (OSError, TimeoutError) as exc:
            raise InputError(
                f"Dask scheduler {options.scheduler} did not answer within {options.connect_timeout_s:g} s"
            ) from exc
    else:
        try:
            cluster = LocalCluster(
                n_workers=options.workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        except Exception as exc:  # noqa: BLE001 - one line instead of dask's traceback
            raise EvidenceError(f"could not start a Dask LocalCluster of {options.workers} workers: {exc}") from exc
        client = Client(cluster)
    try:
        try:
            client.run(warm_up, options)
        except Exception as exc:  # noqa: BLE001 - whatever a remote worker raised, say so in one line
            raise InputError(f"the Dask workers at {client.scheduler.address} cannot run the extractor: {exc}") from exc
        futures = {
            client.submit(process_file, str(path.resolve()), str(out.resolve()), options, pure=False): path
            for path in todo
        }
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died (KilledWorker) or the task was lost
                path = futures[future]
                result = FileResult(stem=stem_of(path), path=str(path), status="failed", error=_describe(str(path), exc))
            collect(result)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
