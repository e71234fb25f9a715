"""Print the KM reconstruction's accuracy on the fresh data sets: worst-of-5 rows and the all-seed shares.

Run: ``python -m benchmarks.bench_reconstruct_fresh [--seeds 12] [--datasets fresh] [--worst-of 5] [--csv RUNS.csv] [--draw-verticals] [--no-fit-censorings]``.
The worst-of rows take the first ``--worst-of`` seeds; the summary (runs above the |S| target, mean
pixel-tolerant |S err|, median and RMST misses) takes every seed, both digitisations and both arms.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    from meta.reconstruct import guyot
    from meta.reconstruct.validation import GROUPS, format_validation, run_validation, summarise_validation

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=12)
    parser.add_argument("--datasets", default="fresh", help=f"names or groups ({', '.join(GROUPS)}), comma-separated")
    parser.add_argument("--worst-of", type=int, default=5, help="seeds in the worst-of rows")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1))
    parser.add_argument("--csv", default="", help="also write every run (one row per arm) to this CSV file")
    parser.add_argument("--draw-verticals", action="store_true",
                        help="reconstruct with the draw_verticals option (off by default; see docs/reconstruct.md)")
    parser.add_argument("--no-fit-censorings", action="store_true",
                        help="the method before fit_censorings (censorings spread evenly, Guyot's first count kept)")
    args = parser.parse_args(argv)
    names = [x for x in args.datasets.split(",") if x]
    start = time.perf_counter()
    table = run_validation(names, args.seeds, workers=args.workers, draw_verticals=args.draw_verticals,
                           fit_censorings=not args.no_fit_censorings)
    elapsed = time.perf_counter() - start
    print(f"draw_verticals: {'on' if args.draw_verticals else 'off (default)'}; "
          f"fit_censorings: {'off (the earlier method)' if args.no_fit_censorings else 'on (default)'}")
    print(f"reconstruction module: {guyot.__name__} ({len(Path(guyot.__file__).read_text(encoding='utf-8').splitlines())} lines)")
    first = table[table["seed"].isna() | (table["seed"] < args.worst_of)]
    print(f"worst of {args.worst_of} seeds:")
    for line in format_validation(first)[:-1]:
        print(line)
    print(f"all {args.seeds} seeds, jittered runs (seeds x arms x jitter60/corners60):")
    summary = summarise_validation(table)
    print(summary.to_string(index=False, float_format=lambda x: f"{x:.4f}"))
    print(f"validation wall time: {elapsed:.1f} s ({args.workers} worker(s))")
    if args.csv:
        table.to_csv(args.csv, index=False)


if __name__ == "__main__":
    main()
