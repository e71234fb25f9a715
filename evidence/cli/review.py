"""``evidence review [PROTOCOL] --out DIR``: the main job, and the progress display the living commands share.

With no protocol it runs the embedded default (the seed study against the
curated studies).  Outputs are written to a temporary folder and moved into
place; an existing non-empty folder is refused unless ``--force``.  Progress
bars (rich) are drawn on stderr in a terminal, plain log lines otherwise;
``--quiet`` prints only errors, ``--json`` prints one JSON object.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Optional

import typer

from evidence.cli import app

__all__ = ["Progress", "open_review_store", "review"]


class Progress:
    """``progress(task, done, total)`` drawn as rich bars on a terminal, or as plain log lines.

    Use as a context manager; ``enabled=False`` makes it silent.
    """

    LABELS = {"extract": "Extracting", "screen": "Screening", "pool": "Pooling", "write": "Writing outputs", "fetch": "Fetching"}

    def __init__(self, enabled: bool = True, stream: Any = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)()) and os.environ.get("TERM") != "dumb"
        self._rich: Any = None
        self._tasks: dict[str, Any] = {}
        self._last: dict[str, float] = {}

    def __enter__(self) -> "Progress":
        if self.enabled and self.tty:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeElapsedColumn

            self._rich = RichProgress(
                TextColumn("{task.description:<16}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self._rich.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._rich is not None:
            self._rich.stop()

    def __call__(self, task: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        label = self.LABELS.get(task, task)
        if self._rich is not None:
            if task not in self._tasks:
                self._tasks[task] = self._rich.add_task(label, total=total)
            self._rich.update(self._tasks[task], completed=done, total=total)
            return
        now = time.monotonic()
        # Plain lines: the first step, then at most one line every 2 s, and the last step.
        if done == total or task not in self._last or now - self._last[task] >= 2.0:
            self._last[task] = now
            print(f"evidence: {label.lower()}: {done}/{total}", file=self.stream, flush=True)

    def log(self, message: str) -> None:
        """A plain message (above the bars in a terminal)."""
        if not self.enabled:
            return
        if self._rich is not None:
            self._rich.console.print(message)
        else:
            print(f"evidence: {message}", file=self.stream, flush=True)


def open_review_store(path: Optional[Path], create: bool) -> Any:
    """Open the protocol's store (None when there is none and ``create`` is False)."""
    from evidence.store import Store

    if path is None:
        return None
    if not path.exists() and not create:
        return None
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    return Store.open(path)


def summary_lines(result: Any, out_dir: Path, files: list[Path]) -> list[str]:
    """The short summary ``evidence review`` prints."""
    from evidence.records import Kind, percent
    from evidence.screening import study_size

    lines = [f"Review: {result.protocol.name}"]
    idx = result.index
    if idx is not None:
        values = ", ".join(
            f"{f.measure.value}{' ' + format(f.time_months, 'g') + 'mo' if f.time_months else ''} {percent(f.value)}"
            for f in idx.findings
            if f.kind == Kind.RATE and f.arm is None and f.value is not None
        )
        lines.append(f"Index study: {idx.label} (PMID {idx.pmid}), N = {study_size(idx)}: {values}")
    p = result.prisma
    lines.append(f"Comparison studies: {p.screened} screened, {p.included} included, {p.excluded} excluded")
    for o in result.outcomes:
        summary = o.summary()
        pooled = summary["pooled"]
        name = o.spec.title
        if pooled:
            comp = summary["index_vs_pool"] or {}
            est = pooled.get("estimate_bt") if pooled.get("estimate_bt") is not None else pooled["estimate"]
            ci = pooled.get("ci_bt") or pooled["ci"]
            pi = pooled.get("pi_bt") or pooled.get("pi")
            rests = f"{o.k} studies" if o.n_studies == o.k else f"{o.k} rows ({o.n_studies} {'study' if o.n_studies == 1 else 'studies'})"
            text = f"{name}: pooled {percent(est)} (95% CI {percent(ci[0])}-{percent(ci[1])}"
            text += f"; PI {percent(pi[0])}-{percent(pi[1])})" if pi else "; no PI)"
            text += f" from only {rests}"
            if o.index is not None and comp:
                where = {True: "inside", False: "outside"}.get(comp.get("inside_pi"), "without")
                diff = comp.get("difference_bt") if comp.get("difference_bt") is not None else comp["difference"]
                text += (
                    f"; index {o.index.shown if o.spec.is_survival else o.index.shown + ' = ' + percent(o.index.proportion)}"
                    f", difference {100 * diff:+.1f} points"
                    f" (z = {comp['z']:.2f}, p = {comp['p']:.3g}), {where} the PI"
                )
            lines.append(text)
        else:
            lines.append(f"{name}: {o.note}")
    if idx is not None:
        for fl in idx.flags:
            lines.append(f"Flag {fl.code}: {fl.message}")
    lines.append(f"Wrote {len(files)} files to {out_dir}")
    return lines


@app.command()
def review(
    protocol: Optional[Path] = typer.Argument(None, help="Review protocol (TOML); default: the embedded default."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder (default: the protocol's output.dir)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing, non-empty output folder."),
    store_path: Optional[Path] = typer.Option(None, "--store", help="Store to read (default: the protocol's output.store, if it exists)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary instead of text."),
) -> None:
    """Run a review: evidence table (CSV, XLSX, Parquet, Markdown), studies JSONL, pooled JSON, plots and an HTML report."""
    from evidence.protocol import load_protocol
    from evidence.review import check_output_dir, run_review, write_outputs

    proto = load_protocol(protocol)
    out_dir = out or proto.output.dir
    if out_dir is None:
        from evidence.errors import InputError

        raise InputError("No output folder: give --out DIR or set output.dir in the protocol")
    check_output_dir(out_dir, force)  # fail before any slow work
    store = open_review_store(store_path or proto.output.store, create=False)
    if store_path is not None and store is None:
        from evidence.errors import InputError

        raise InputError(f"Store {store_path} does not exist")
    try:
        with Progress(enabled=not quiet and not as_json) as progress:
            result = run_review(proto, store, progress)
            files = write_outputs(result, out_dir, force=force, progress=progress)
    finally:
        if store is not None:
            store.close()
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "out": str(out_dir),
                    "files": [f.name for f in files],
                    "outcomes": [o.summary() for o in result.outcomes],
                    "prisma": result.prisma.to_json(),
                    "index_flags": [f.to_json() for f in (result.index.flags if result.index else ())],
                },
                default=str,
            )
        )
    elif not quiet:
        for line in summary_lines(result, out_dir, files):
            typer.echo(line)
