"""Surveillance benchmark: a nightly run with nothing new, and a run that brings 500 new records.

Run ``python -m benchmarks.bench_surveil`` from the repository root.  Every run is a
real ``evidence surveil`` process pinned to one core (``sched_setaffinity``), so the
figures include interpreter start-up and imports, as cron would see them.

1. Embedded default, offline: a baseline run, then the timed no-new-records runs
   (target: under 2 s; nothing recomputed, nothing rewritten).
2. The stand-in E-utilities server (``tests.eutils_server``) on 127.0.0.1: a protocol
   searching it, a baseline run, then 500 new records entered today and the timed run
   that fetches, extracts, screens, re-pools and writes the report (target: under 60 s),
   with the run's own breakdown (fetch / review / write).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PROTOCOL = """
[review]
name = "benchmark surveillance"

[search]
query = "sarcoma"
since = "2000-01-01"

[sources]
index = "seed"
comparison = "curated"

[[outcomes]]
measure = "ORR"

[index]
pmid = "38962275"
accrual_start = "2021-06-01"
accrual_end = "2023-06-30"
limb_preserved = 30
metastases = 6
deaths = 3
local_recurrences = 2

[output]
store = "store.sqlite"
dir = "out"
"""


def _one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def surveil(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[float, int, dict]:
    """Run ``evidence surveil --json ARGS`` in ``cwd`` on one core; return (seconds, exit status, JSON)."""
    full_env = {k: v for k, v in os.environ.items() if k != "EVIDENCE_EUTILS_URL"}
    full_env.update(env or {})
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "evidence", "surveil", "--json", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        preexec_fn=_one_core,
        check=False,
    )
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise SystemExit(f"surveil failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return seconds, proc.returncode, json.loads(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=500, help="new records brought by the second scenario")
    parser.add_argument("--repeats", type=int, default=3, help="timed no-new-records runs")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("PYTHONPATH", str(REPO))
    from tests.eutils_server import EutilsServer, Record

    with tempfile.TemporaryDirectory(prefix="bench-surveil-") as tmp:
        folder = Path(tmp) / "default"
        folder.mkdir()
        base_s, code, _ = surveil(folder)
        times = []
        for _ in range(args.repeats):
            s, code, out = surveil(folder)
            assert code == 0 and not out["recomputed"], out
            times.append(s)
        print("evidence surveil, embedded default, offline, one core")
        print(f"  baseline run (extract, pool, reconstruct, write):  {base_s:6.2f} s")
        print(f"  no new records, median of {args.repeats} (target < 2 s):  {statistics.median(times):6.2f} s  (max {max(times):.2f} s)")

        folder = Path(tmp) / "server"
        folder.mkdir()
        (folder / "p.toml").write_text(PROTOCOL)
        today = datetime.now(timezone.utc).date()
        with EutilsServer([]) as server:
            env = {"EVIDENCE_EUTILS_URL": server.url, "NCBI_API_KEY": "benchmark"}
            surveil(folder, "p.toml", env=env)
            for i in range(args.records):
                server.put_record(Record(41_000_000 + i, today, today, today))
            s, code, out = surveil(folder, "p.toml", env=env)
        t = out["timings_s"]
        print(f"evidence surveil, {args.records} new records from the stand-in server on 127.0.0.1, one core")
        print(f"  fetched {out['fetched']['fetched']}, new {out['fetched']['new']}; exit status {code}")
        print(f"  fetch {t.get('fetch', 0):.2f} s, extract+screen+pool {t.get('review', 0):.2f} s, write tables/plots/report {t.get('write', 0):.2f} s")
        print(f"  whole run including start-up (target < 60 s):  {s:6.2f} s")
        moved = [p for p in out["changes"]["pooled"] if p["changed"]]
        for p in moved:
            print(f"  pooled {p['measure']}: k {p['before']['k']} -> {p['after']['k']}, estimate {p['before']['estimate']:.4f} -> {p['after']['estimate']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
