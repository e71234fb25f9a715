"""``evidence generate`` and the scale-out half of ``evidence extract --engine``.

``evidence extract FILES... --engine local|dask --out DIR`` (the command itself lives in
``extract.py``) delegates here to :func:`run_engine`.  Its exit status is 0 when every
file was extracted or skipped as already done, 2 when any file failed (each failed
file is named on stderr; the others are still written) or an option or the scheduler
address is bad.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

import typer

from evidence.cli import app
from evidence.errors import InputError


@app.command()
def generate(
    records: int = typer.Option(..., "--records", help="Baseline records to write."),
    files: int = typer.Option(..., "--files", help="Baseline files to spread them over."),
    out: Path = typer.Option(..., "--out", help="Folder for the .xml.gz files and expected.jsonl."),
    seed: int = typer.Option(0, "--seed", help="Random seed; the same seed gives the same bytes."),
    updates: int = typer.Option(1, "--updates", help="Update files (revisions, new records, DeleteCitation)."),
) -> None:
    """Write a PubMed baseline-format corpus with the expected findings beside it (for tests and benchmarks)."""
    from evidence.scale.generate import generate_corpus

    corpus = generate_corpus(out, records=records, files=files, seed=seed, updates=updates)
    typer.echo(
        f"wrote {len(corpus.files)} files ({corpus.records} baseline records, {corpus.revisions} revised, "
        f"{corpus.deletions} deleted) and {corpus.expected.name} to {out}"
    )


def run_engine(
    paths: Sequence[Path],
    out: Path,
    engine: str,
    workers: int = 1,
    scheduler: Optional[str] = None,
    batch_size: int = 64,
) -> int:
    """Run ``evidence extract --engine``: extract ``paths`` into the Parquet dataset ``out``.

    Prints one line per file and a summary; raises InputError naming the failed files
    (after all the others are done) so the CLI exits with status 2.
    """
    import sys

    from evidence.scale.engines import EngineOptions, run_extraction

    if not paths:
        raise InputError("no input files given")
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} is a file; with --engine it must be a folder")
    options = EngineOptions(engine=engine, workers=workers, scheduler=scheduler, batch_size=batch_size)

    def show(result) -> None:  # type: ignore[no-untyped-def]
        if result.status == "done":
            typer.echo(
                f"{result.stem}: {result.articles} articles, {result.findings} findings, "
                f"{result.deletions} deletions ({result.seconds:.1f} s)",
                err=True,
            )
        else:
            typer.echo(f"evidence: error: {result.error}", err=True)

    report = run_extraction(paths, out, options, on_result=show)
    rate = report.articles / report.wall_seconds if report.wall_seconds > 0 else 0.0
    typer.echo(
        f"{len(report.done)} files extracted, {len(report.skipped)} already done, {len(report.failed)} failed; "
        f"{report.articles} articles in {report.wall_seconds:.1f} s ({rate:.0f}/s) -> {out}",
        err=True,
    )
    sys.stderr.flush()
    if report.failed:
        names = ", ".join(Path(r.path).name for r in report.failed)
        raise InputError(f"{len(report.failed)} of {len(paths)} input files failed: {names}")
    return 0
