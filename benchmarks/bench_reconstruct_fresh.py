"""Print the KM reconstruction's accuracy on the fresh data sets: worst-of-5 rows and the all-seed shares.

Run: ``python -m benchmarks.bench_reconstruct_fresh [--seeds 12] [--datasets fresh] [--worst-of 5] [--csv RUNS.csv] [--compare BEFORE.csv] [--draw-verticals] [--no-fit-censorings] [--jitter-spacing line|time]``.
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
    parser.add_argument("--compare", default="", help="a CSV written by --csv before a change: print before -> after "
                        "per data set and group")
    parser.add_argument("--draw-verticals", action="store_true",
                        help="reconstruct with the draw_verticals option (off by default; see docs/reconstruct.md)")
    parser.add_argument("--no-fit-censorings", action="store_true",
                        help="the method before fit_censorings (censorings spread evenly, Guyot's first count kept)")
    parser.add_argument("--jitter-spacing", choices=("line", "time"), default="line",
                        help="jitter60 clicks evenly along the drawn line (default) or evenly in time")
    args = parser.parse_args(argv)
    names = [x for x in args.datasets.split(",") if x]
    start = time.perf_counter()
    table = run_validation(names, args.seeds, workers=args.workers, draw_verticals=args.draw_verticals,
                           fit_censorings=not args.no_fit_censorings, spacing=args.jitter_spacing)
    elapsed = time.perf_counter() - start
    print(f"draw_verticals: {'on' if args.draw_verticals else 'off (default)'}; "
          f"fit_censorings: {'off (the earlier method)' if args.no_fit_censorings else 'on (default)'}; "
          f"jitter60 clicks: {'evenly in time' if args.jitter_spacing == 'time' else 'evenly along the line (default)'}")
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
    if args.compare:
        import pandas as pd

        for line in compare_runs(pd.read_csv(args.compare), table):
            print(line)


def _per_set(table: "pd.DataFrame") -> "pd.DataFrame":
    """Per data set (and ``**group``): the all-seed figures a change is judged by."""
    import pandas as pd

    from meta.reconstruct.validation import GROUPS, TARGETS

    ji = TARGETS["jitter60"]
    rows = {}
    jit = table[~table["method"].str.startswith("exact")]
    exact = table[table["method"] == "exact"]
    members = [(name, [name]) for name in jit["dataset"].drop_duplicates()]
    for group, sets in GROUPS.items():
        inside = [n for n in sets if n in set(jit["dataset"])]
        if inside:
            members.append((f"**{group}", inside))
    for label, names in members:
        part, ex = jit[jit["dataset"].isin(names)], exact[exact["dataset"].isin(names)]
        med = part["median_rel"].dropna()
        rows[label] = {
            "runs": len(part), "over": int((part["s_err_px"] > ji["s_err"]).sum()), "s": part["s_err_px"].mean(),
            "med": int((med > ji["median_rel"]).sum()), "rmst": part["rmst_rel"].mean(),
            "rmst_miss": int((part["rmst_rel"] > ji["rmst_rel"]).sum()),
            "dlnhr": part.drop_duplicates(["dataset", "method", "seed"])["dlnhr"].mean(),
            "ex_dlnhr": ex["dlnhr"].max() if len(ex) else float("nan"),
            "ex_gap": int((ex["events_recon"] - ex["events_true"]).abs().max()) if len(ex) else 0,
        }
    return pd.DataFrame(rows).T


def compare_runs(before: "pd.DataFrame", after: "pd.DataFrame") -> list[str]:
    """Lines ``before -> after`` per data set and group (runs over the |S| target, mean |S|, median and RMST
    misses, mean |dlnHR| over the jittered runs; worst exact |dlnHR| and event gap)."""
    b, a = _per_set(before), _per_set(after)
    lines = []
    for label in a.index:
        if label not in b.index:
            continue
        x, y = b.loc[label], a.loc[label]
        lines.append(
            f"{label:20s} runs {int(y['runs']):4d} over {int(x['over']):3d}->{int(y['over']):3d}  s {x['s']:.4f}->{y['s']:.4f}  "
            f"med>5% {int(x['med']):3d}->{int(y['med']):3d}  rmst {x['rmst']:.4f}->{y['rmst']:.4f} "
            f"(>2% {int(x['rmst_miss']):3d}->{int(y['rmst_miss']):3d})  dlnHR {x['dlnhr']:.4f}->{y['dlnhr']:.4f}  "
            f"exact dlnHR {x['ex_dlnhr']:.4f}->{y['ex_dlnhr']:.4f}  exact ev gap {int(x['ex_gap'])}->{int(y['ex_gap'])}"
        )
    return lines


if __name__ == "__main__":
    main()
