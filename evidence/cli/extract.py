"""``evidence extract INPUT... [--format jsonl|csv] [--out FILE]``: studies with provenance from abstracts.

The command is small on purpose: :func:`read_inputs` reads the articles,
:func:`write_studies` writes them atomically (temp file + rename), so other
options (a store, engines, workers) can be added around the same helpers.
"""

from __future__ import annotations

import csv
import io
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, List, Optional, TextIO

import typer

from evidence.cli import app
from evidence.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from evidence.records import Article, Study
    from evidence.store import Store

__all__ = ["CSV_COLUMNS", "read_inputs", "write_csv", "write_studies"]

CSV_COLUMNS = (
    "pmid", "measure", "outcome", "kind", "value", "unit", "count", "denominator", "time_months", "ci_low", "ci_high",
    "p", "p_relation", "arm", "not_reached", "origin", "section", "start", "end", "text", "sentence", "extractor_version",
)


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


def read_inputs(paths: Iterable[Path]) -> Iterator["Article"]:
    """Articles of every input file in order; a missing or unreadable file is an InputError naming it."""
    from evidence.sources import read_articles

    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if path.is_dir():
            raise InputError(f"{path}: is a folder; expected a PubMed XML, MEDLINE or .txt file")
        yield from read_articles(path)


def write_csv(studies: Iterable["Study"], out: TextIO) -> int:
    """One row per finding with its evidence columns; returns the number of studies written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for study in studies:
        n += 1
        for f in study.findings:
            ev = f.evidence
            writer.writerow([
                study.pmid, f.measure.value, _safe(f.outcome or ""), f.kind.value, _cell(f.value), f.unit.value, _cell(f.count),
                _cell(f.denominator), _cell(f.time_months), _cell(f.ci[0] if f.ci else None),
                _cell(f.ci[1] if f.ci else None), _cell(f.p), f.p_relation if f.p is not None else "", f.arm or "",
                "true" if f.not_reached else "", f.origin.value, ev.section if ev else "", _cell(ev.start if ev else None),
                _cell(ev.end if ev else None), _safe(ev.text if ev else ""), _safe(ev.sentence if ev else ""),
                ev.extractor_version if ev else "",
            ])
    return n


def _cell(x: object) -> str:
    return "" if x is None else str(x)


def _safe(text: str) -> str:
    # a cell starting with = + - @ is read as a formula by spreadsheets
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write_studies(studies: Iterable["Study"], out: Optional[Path], fmt: str) -> int:
    """Write studies as JSON Lines or CSV to ``out`` (atomically) or to stdout; return how many."""
    from evidence.records import write_jsonl

    def emit(stream: TextIO) -> int:
        return write_jsonl(studies, stream) if fmt == "jsonl" else write_csv(studies, stream)

    if out is None:  # buffered so that an error part-way leaves stdout empty
        buffer = io.StringIO()
        n = emit(buffer)
        sys.stdout.write(buffer.getvalue())
        return n
    from evidence.atomic import atomic_path

    with atomic_path(out, what=str(out)) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as stream:
            n = emit(stream)
    return n


def _with_progress(articles: Iterable["Article"]) -> Iterator["Article"]:
    """Articles passed through, with a count on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        yield from articles
        return
    n = 0
    for n, article in enumerate(articles, 1):
        if n % 500 == 0:
            print(f"\rextract: {n} abstracts", end="", file=sys.stderr, flush=True)
        yield article
    print(f"\rextract: {n} abstracts", file=sys.stderr)


@app.command()
def extract(
    inputs: Optional[List[Path]] = typer.Argument(None, help="PubMed XML (.xml, .xml.gz), MEDLINE or .txt files."),
    store: Optional[Path] = typer.Option(None, "--store", help="Also extract every article in this store (after the files)."),
    fmt: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", help="jsonl (one study per line) or csv (one row per finding)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Output file (written atomically); default: stdout."),
    engine: Optional[str] = typer.Option(None, "--engine", help="local|dask: extract files in parallel into a Parquet dataset at --out DIR (docs/scale.md)."),
    workers: int = typer.Option(1, "--workers", help="With --engine: worker processes."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="With --engine dask: tcp://HOST:PORT of a running scheduler."),
) -> None:
    """Extract cohort, regimen, response and survival values with their source sentences."""
    if engine is not None or scheduler is not None or workers != 1:
        from evidence.cli.scale import run_engine

        if engine is None:
            raise InputError("--workers and --scheduler need --engine local|dask")
        if store is not None or out is None:
            raise InputError("--engine reads input files only and needs --out DIR (a folder for the Parquet dataset)")
        run_engine(inputs or [], out, engine, workers=workers, scheduler=scheduler)
        return
    from extractors.pipeline import extract_studies

    articles = _with_progress(_store_and_files(inputs or [], store))
    write_studies(extract_studies(articles), out, fmt.value)


def _store_and_files(paths: List[Path], store_path: Optional[Path]) -> Iterator["Article"]:
    """Articles of the input files, then every article of the store (which must exist; it is only read)."""
    if not paths and store_path is None:
        raise InputError("Nothing to extract: give input files and/or --store DB")
    store = None
    if store_path is not None:
        from evidence.store import Store

        store = Store.open(store_path, create=False)  # a bad store fails here, before any output
    return _chain(paths, store)


def _chain(paths: List[Path], store: Optional["Store"]) -> Iterator["Article"]:
    yield from read_inputs(paths)
    if store is not None:
        try:
            yield from store.iter_articles()
        finally:
            store.close()
