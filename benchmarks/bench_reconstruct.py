"""Print the KM reconstruction's accuracy on lifelines' real data sets and its speed.

Run: ``python -m benchmarks.bench_reconstruct [--seeds 5] [--datasets gbsg2,lung] [--draw-verticals] [--no-fit-censorings] [--jitter-spacing line|time]``.
"""

from __future__ import annotations

import argparse
import os
import time


def main(argv: list[str] | None = None) -> None:
    from meta.reconstruct.guyot import reconstruct_km
    from meta.reconstruct.validation import digitise_exact, format_validation, load_dataset, run_validation

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--datasets", default="")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1), help="processes (default: up to 4 cores)")
    parser.add_argument("--draw-verticals", action="store_true",
                        help="reconstruct with the draw_verticals option (off by default; see docs/reconstruct.md)")
    parser.add_argument("--no-fit-censorings", action="store_true",
                        help="the method before fit_censorings (censorings spread evenly, Guyot's first count kept)")
    parser.add_argument("--jitter-spacing", choices=("line", "time"), default="line",
                        help="jitter60 clicks evenly along the drawn line (default) or evenly in time")
    args = parser.parse_args(argv)
    names = [x for x in args.datasets.split(",") if x] or None
    start = time.perf_counter()
    table = run_validation(names, args.seeds, workers=args.workers, draw_verticals=args.draw_verticals,
                           fit_censorings=not args.no_fit_censorings, spacing=args.jitter_spacing)
    elapsed = time.perf_counter() - start
    print(f"draw_verticals: {'on' if args.draw_verticals else 'off (default)'}; "
          f"fit_censorings: {'off (the earlier method)' if args.no_fit_censorings else 'on (default)'}; "
          f"jitter60 clicks: {'evenly in time' if args.jitter_spacing == 'time' else 'evenly along the line (default)'}")
    for line in format_validation(table):
        print(line)
    print(f"validation wall time: {elapsed:.1f} s ({args.workers} worker(s))")
    data = load_dataset("gbsg2")
    cx, cy = digitise_exact(data["time"].to_numpy(), data["event"].to_numpy())
    start = time.perf_counter()
    reps = 20
    for _ in range(reps):
        reconstruct_km(cx, cy, n=len(data), total_events=int(data["event"].sum()))
    per = (time.perf_counter() - start) / reps
    print(f"reconstruct_km on gbsg2 (n={len(data)}, {len(cx)} clicks): {1000 * per:.1f} ms per curve")
    from meta.reconstruct.index_cohort import reconstruct_seed_cohort

    start = time.perf_counter()
    cohort = reconstruct_seed_cohort(seed=0)
    print(f"seed cohort (31 pseudo-patients, {cohort.attempts} draws): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
