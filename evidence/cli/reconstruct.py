"""``evidence reconstruct-km``, ``validate-reconstruction``, ``reconstruct-seed`` and ``reconstruct-landmark``.

``reconstruct-km`` turns a digitised Kaplan-Meier curve (CSV ``time,survival``,
survival 0-1), an optional risk table (CSV ``time,at_risk``), the event total
and N into pseudo patient-level data (CSV ``time,event``) by the Guyot et al.
(2012) algorithm and prints how well they reproduce the inputs.
``validate-reconstruction`` runs the reconstruction on lifelines' real data
sets and prints the errors against the targets of issue 6.
``reconstruct-seed`` writes the seed study's 31 pseudo-patients;
``reconstruct-landmark`` checks landmark rates against N and draws a
pseudo-cohort through them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from evidence.cli import app
from evidence.errors import InputError


@app.command("reconstruct-km")
def reconstruct_km_command(
    curve: Path = typer.Argument(..., help="Digitised curve CSV with header time,survival (survival 0-1)."),
    out: Path = typer.Option(..., "--out", help="Where to write the pseudo-patients (CSV time,event)."),
    nar: Optional[Path] = typer.Option(None, "--nar", help="Risk table CSV with header time,at_risk."),
    events: Optional[int] = typer.Option(None, "--events", help="Reported total number of events."),
    n: Optional[int] = typer.Option(None, "--n", help="Patients at time 0 (needed without a risk table)."),
    arm: Optional[str] = typer.Option(None, "--arm", help="Label for an arm column."),
    max_iterations: int = typer.Option(100, "--max-iterations", help="Cap on censoring corrections per interval."),
    snap: float = typer.Option(0.0, "--snap", help="Clicks closer in time than this fraction of the axis are one vertical drop."),
    draw_verticals: bool = typer.Option(
        False, "--draw-verticals",
        help="With --snap: read a click part-way down a step as a click on a vertical drop and date snapped drops by "
             "likelihood (off by default: better on the data sets it was tuned on, not on held-out or fresh ones).",
    ),
    fit_censorings: bool = typer.Option(
        True, "--fit-censorings/--no-fit-censorings",
        help="Place censorings where the flat clicks' levels put them when Guyot's counts miss them, the event total or "
             "the risk table (on by default; --no-fit-censorings gives Guyot's placement alone; docs/reconstruct.md, round 5).",
    ),
) -> None:
    """Reconstruct pseudo patient-level data from a digitised Kaplan-Meier curve (Guyot et al. 2012)."""
    from meta.reconstruct.guyot import read_curve_csv, read_risk_table_csv, reconstruct_km, write_ipd_csv

    if events is not None and events < 0:
        raise InputError(f"--events {events} is negative; expected a count >= 0")
    if n is not None and n < 1:
        raise InputError(f"--n {n} is not a positive number of patients")
    if max_iterations < 1:
        raise InputError("--max-iterations must be at least 1")
    if not 0 <= snap < 0.1:
        raise InputError(f"--snap {snap} is out of range; expected a fraction between 0 and 0.1")
    if draw_verticals and snap == 0:
        raise InputError("--draw-verticals needs --snap above 0 (e.g. --snap 0.004, 3 px on an 800 px axis)")
    frame = read_curve_csv(curve)
    kwargs = {}
    if nar is not None:
        table = read_risk_table_csv(nar)
        kwargs = {"risk_times": table["time"].to_numpy(), "at_risk": table["at_risk"].to_numpy()}
    result = reconstruct_km(
        frame["time"].to_numpy(), frame["survival"].to_numpy(), total_events=events, n=n, arm=arm,
        max_iterations=max_iterations, snap_fraction=snap, draw_verticals=draw_verticals,
        fit_censorings=fit_censorings, **kwargs,
    )
    write_ipd_csv(result.ipd, out)
    rep = result.report
    typer.echo(
        f"wrote {rep.n} pseudo-patients ({rep.events} events"
        + (f", {rep.events_reported} reported" if rep.events_reported is not None else "")
        + f") to {out}"
    )
    typer.echo(f"max |S error| at the clicks: {rep.max_abs_survival_error:.4f}; "
               f"max |at-risk error|: {rep.at_risk_max_abs_error}; iterations: {rep.iterations}")
    for flag in rep.flags:
        typer.echo(f"flag {flag.code}: {flag.message}")


@app.command("validate-reconstruction")
def validate_reconstruction_command(
    datasets: Optional[str] = typer.Option(None, "--datasets", help="Comma-separated data set names (default: all)."),
    seeds: int = typer.Option(5, "--seeds", help="Jitter seeds per data set for the 60-point digitisation."),
    workers: int = typer.Option(1, "--workers", help="Processes to run the data sets in."),
    draw_verticals: bool = typer.Option(False, "--draw-verticals", help="Reconstruct with the draw_verticals option (off by default)."),
    fit_censorings: bool = typer.Option(True, "--fit-censorings/--no-fit-censorings",
                                        help="Reconstruct with the censoring fit (on by default) or Guyot's placement alone."),
) -> None:
    """Reconstruct lifelines' real data sets from their own KM curves and print errors against the targets."""
    from meta.reconstruct.validation import format_validation, run_validation

    names = [x.strip() for x in datasets.split(",")] if datasets else None
    if seeds < 1:
        raise InputError("--seeds must be at least 1")
    if workers < 1:
        raise InputError("--workers must be at least 1")
    for line in format_validation(run_validation(names, seeds, workers=workers, draw_verticals=draw_verticals,
                                                      fit_censorings=fit_censorings)):
        typer.echo(line)


@app.command("reconstruct-seed")
def reconstruct_seed_command(
    out: Path = typer.Option(..., "--out", help="Where to write the pseudo-patients (CSV)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the generator."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Also save the DFS/OS Kaplan-Meier plot (PNG/PDF/SVG)."),
) -> None:
    """Write the seed study's (PMID 38962275) 31 reconstructed pseudo-patients and print each assumption."""
    from evidence.atomic import atomic_path
    from meta.reconstruct.index_cohort import reconstruct_seed_cohort

    cohort = reconstruct_seed_cohort(seed=seed)
    with atomic_path(out, suffix=".csv") as tmp:
        with open(tmp, "w", newline="", encoding="utf-8") as handle:
            cohort.patients.to_csv(handle, index=False)
    typer.echo(f"wrote {len(cohort.patients)} pseudo-patients to {out}")
    for name, lm in cohort.landmarks.items():
        typer.echo(f"{name} at {lm['time_months']:g} months: reported {lm['reported_percent']}%, "
                   f"pseudo-cohort {100 * lm['reconstructed']:.2f}% (computed, Kaplan-Meier of the pseudo-patients)")
    for text in cohort.assumptions:
        typer.echo(f"assumption: {text}")
    for flag in cohort.flags:
        typer.echo(f"flag {flag.code}: {flag.message}")
    if plot is not None:
        from meta.plots.km import km_plot, save_figure

        p = cohort.patients
        fig = km_plot(
            {"DFS": (p["dfs_time_months"], p["dfs_event"]), "OS": (p["os_time_months"], p["os_event"])},
            landmarks={"DFS": [(12.0, cohort.landmarks["DFS"]["reconstructed"])], "OS": [(12.0, cohort.landmarks["OS"]["reconstructed"])]},
            title="Qu 2024 reconstructed cohort (pseudo-patients)",
            xlabel="Months",
        )
        save_figure(fig, plot)
        typer.echo(f"wrote plot to {plot}")


@app.command("reconstruct-landmark")
def reconstruct_landmark_command(
    n: int = typer.Option(..., "--n", help="Patients in the cohort."),
    rate: list[str] = typer.Option(..., "--rate", help="Landmark rate as MONTHS:PERCENT, e.g. 12:79.3 (repeatable)."),
    accrual_months: float = typer.Option(..., "--accrual-months", help="Length of accrual (uniform entry)."),
    followup_months: float = typer.Option(..., "--followup-months", help="Months from the end of accrual to the data cutoff."),
    model: str = typer.Option("exponential", "--model", help="exponential (one landmark) or weibull (two landmarks)."),
    events: Optional[int] = typer.Option(None, "--events", help="Reported number of events, if any."),
    seed: int = typer.Option(0, "--seed", help="Seed of the generator."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write the pseudo-patients (CSV time,event); without it only the feasibility check runs."),
) -> None:
    """Check whether landmark KM rates are attainable with N patients and draw a pseudo-cohort reproducing them."""
    from meta.reconstruct.guyot import write_ipd_csv
    from meta.reconstruct.landmark import Landmark, check_landmark_feasibility, simulate_landmark_cohort

    landmarks = []
    for text in rate:
        months, sep, percent = text.partition(":")
        try:
            if not sep:
                raise ValueError(text)
            float(percent)
            landmarks.append(Landmark(float(months), percent.strip()))
        except ValueError as exc:
            raise InputError(f"--rate {text!r} is not MONTHS:PERCENT (e.g. 12:79.3)") from exc
    if n < 1:
        raise InputError(f"--n {n} is not a positive number of patients")
    for lm in landmarks:
        feas = check_landmark_feasibility(n, lm.percent, name=f"{lm.time_months:g}-month survival")
        if feas.feasible:
            best = min(feas.patterns, key=lambda p: (p.censored_before, p.events))
            typer.echo(
                f"{lm.percent}% at {lm.time_months:g} months with N = {n}: attainable; fewest censored before the "
                f"landmark {feas.min_censored} (e.g. {best.events} events, KM {100 * best.survival:.3f}%); "
                f"event counts that can work: {', '.join(str(p.events) for p in feas.patterns)}"
            )
        for flag in feas.flags:
            typer.echo(f"flag {flag.code}: {flag.message}")
    if out is None:
        return
    cohort = simulate_landmark_cohort(
        n, landmarks, accrual_months=accrual_months, followup_after_months=followup_months, model=model,
        events=events, seed=seed,
    )
    write_ipd_csv(cohort.patients[["time_months", "event"]].rename(columns={"time_months": "time"}), out)
    typer.echo(f"wrote {n} pseudo-patients ({int(cohort.patients['event'].sum())} events) to {out}")
    for months, value in cohort.km.items():
        typer.echo(f"pseudo-cohort KM at {months:g} months: {100 * value:.2f}% (computed, lifelines)")
    for text in cohort.assumptions:
        typer.echo(f"assumption: {text}")
