"""Living evidence commands: ``evidence surveil``, ``evidence screen``, ``evidence correct``.

``surveil`` exit status: 0 nothing changed (or changes that moved no pooled
result), 3 new evidence changed a pooled result (also on the first run, which
establishes the baseline), 2 bad input, 4 E-utilities unreachable, 5 store
locked or unusable (including another run of the same protocol), 1 other errors.

With no ``EVIDENCE_EUTILS_URL`` set, ``surveil`` does not contact NCBI: it
reviews the store and the embedded corpus offline (the protocol's search runs
only against a configured server; set it to NCBI's URL to search PubMed).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Optional

import typer

from evidence.cli import EXIT_CHANGED, EXIT_OK, app

__all__ = ["correct", "screen", "surveil"]


def _known_pmids(proto: Any) -> set[str]:
    """PMIDs a correction or decision may name besides the store's: the index study and the comparison set."""
    known = {proto.index.pmid} if proto.index.pmid else set()
    if proto.sources.comparison == "curated":
        from evidence.sources.corpus import curated_studies

        known |= {s.pmid for s in curated_studies() if s.pmid}
    return known


def _store_for(proto: Any, store_path: Optional[Path]) -> Any:
    from evidence.errors import InputError
    from evidence.store import Store

    path = store_path or proto.output.store
    if path is None:
        raise InputError("No store: give --store DB or set output.store in the protocol")
    path.parent.mkdir(parents=True, exist_ok=True)
    return Store.open(path)


@app.command()
def surveil(
    protocol: Optional[Path] = typer.Argument(None, help="Review protocol (TOML); default: the embedded default, store and outputs under the current folder."),
    store_path: Optional[Path] = typer.Option(None, "--store", help="Store (default: the protocol's output.store)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder (default: the protocol's output.dir); replaced on change."),
    as_json: bool = typer.Option(False, "--json", help="Print the run and its change report as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors (the exit status says what changed)."),
) -> None:
    """Re-run the protocol's search since the last run; re-extract, re-screen, re-pool; report what changed (exit 3 when a pooled result moved)."""
    from evidence.cli.review import Progress
    from evidence.errors import InputError
    from evidence.protocol import load_protocol
    from evidence.surveillance import surveil as run_surveil

    proto = load_protocol(protocol)
    store = store_path or proto.output.store
    out_dir = out or proto.output.dir
    if store is None or out_dir is None:
        raise InputError("The protocol needs output.store and output.dir (or give --store and --out)")
    fetch = None
    url = os.environ.get("EVIDENCE_EUTILS_URL", "")  # the environment is read once, here
    if url:
        from evidence.cli.fetch import search_into_store
        from evidence.sources.entrez import DATE_TYPES, EntrezClient, EntrezConfig
        from evidence.sources.ratelimit import lock_path_for

        config = EntrezConfig.from_environ(os.environ, rate_lock_path=lock_path_for(Path(store)))
        client = EntrezClient(config)

        def fetch(st: Any, query: str, since: Any, until: Any, max_records: int, date_type: str) -> dict[str, Any]:
            summary = search_into_store(
                st, client, query, since=since, until=until, date_type=DATE_TYPES[date_type],
                max_records=max_records, run_kind="surveil-search",
            )
            return {
                "found": summary.found,
                "fetched": summary.fetched,
                "new": summary.new,
                "revised": summary.revised,
                "unchanged": summary.unchanged,
                "deleted": summary.deleted,
            }

    Path(store).parent.mkdir(parents=True, exist_ok=True)
    show = not quiet and not as_json
    with Progress(enabled=show) as progress:
        result = run_surveil(proto, Path(store), Path(out_dir), fetch=fetch, progress=progress)
    if as_json:
        typer.echo(json.dumps(result.to_json(), default=str))
    elif not quiet and result.changed:
        if result.fetched:
            f = result.fetched
            typer.echo(f"fetched {f['fetched']} record(s): new {f['new']}, revised {f['revised']}, deleted {f['deleted']}")
        for line in result.summary:
            typer.echo(line)
        typer.echo(f"report: {Path(out_dir) / 'report.html'}; changes: {Path(out_dir) / 'changes.md'}")
    raise typer.Exit(EXIT_CHANGED if result.pooled_changed else EXIT_OK)


@app.command()
def screen(
    pmid: str = typer.Argument(..., help="PMID of the record."),
    include: bool = typer.Option(False, "--include", help="Include the record, whatever the rules say."),
    exclude: bool = typer.Option(False, "--exclude", help="Exclude the record, whatever the rules say."),
    reason: str = typer.Option(..., "--reason", help="Why (recorded with who and when)."),
    protocol: Optional[Path] = typer.Option(None, "--protocol", "-p", help="Review protocol (default: the embedded default)."),
    store_path: Optional[Path] = typer.Option(None, "--store", help="Store (default: the protocol's output.store)."),
) -> None:
    """Record a manual screening decision that overrides the protocol's rules."""
    from evidence.corrections import record_manual_decision
    from evidence.errors import InputError
    from evidence.protocol import load_protocol

    if include == exclude:
        raise InputError("Give exactly one of --include or --exclude")
    proto = load_protocol(protocol)
    store = _store_for(proto, store_path)
    try:
        d = record_manual_decision(store, pmid.strip(), include, reason, known_pmids=_known_pmids(proto))
    finally:
        store.close()
    typer.echo(f"PMID {d.pmid}: {'include' if d.include else 'exclude'} ({d.reason}) by {d.reviewer} at {d.decided_at}")


@app.command()
def correct(
    pmid: str = typer.Argument(..., help="PMID of the study."),
    measure: str = typer.Argument(..., help="Measure: ORR, CR, PR, SD, PD, OS, DFS, TOX_G3PLUS, ..."),
    value: str = typer.Argument(..., help="Corrected value: a proportion (0.323), a percentage (32.3%) or months for medians."),
    note: str = typer.Option(..., "--note", help="Why the value is corrected (recorded with who and when)."),
    time_months: Optional[float] = typer.Option(None, "--time-months", help="Landmark time of a survival rate, in months."),
    arm: Optional[str] = typer.Option(None, "--arm", help="Arm label (default: the whole cohort)."),
    protocol: Optional[Path] = typer.Option(None, "--protocol", "-p", help="Review protocol (default: the embedded default)."),
    store_path: Optional[Path] = typer.Option(None, "--store", help="Store (default: the protocol's output.store)."),
) -> None:
    """Record a reviewer's correction; it is applied over every extraction and shown as corrected everywhere."""
    from evidence.corrections import Correction, add_correction, parse_correction_value
    from evidence.errors import InputError
    from evidence.protocol import load_protocol
    from evidence.records import Measure

    try:
        m = Measure.parse(measure)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if not note.strip():
        raise InputError("A correction needs a note (--note TEXT)")
    if time_months is not None and time_months <= 0:
        raise InputError(f"Invalid --time-months {time_months}; expected a positive number of months")
    number = parse_correction_value(m, value, time_months)
    proto = load_protocol(protocol)
    store = _store_for(proto, store_path)
    try:
        c = add_correction(
            store,
            Correction(pmid.strip(), m, number, note.strip(), arm, time_months),
            known_pmids=_known_pmids(proto),
        )
    finally:
        store.close()
    where = f" at {time_months:g} months" if time_months is not None else ""
    typer.echo(f"PMID {c.pmid}: {c.measure.value}{where}{' [' + arm + ']' if arm else ''} = {c.value:g} by {c.reviewer} at {c.created}")
