"""Fetch benchmark: N records from the stand-in E-utilities server with faults in 10% of responses.

Run ``python -m benchmarks.bench_fetch --records 25000`` from the repository root.  It
starts ``tests.eutils_server`` in its own process (faults: 429 with and without
Retry-After, 500/502/503, ``<ERROR>`` bodies, truncated bodies, slow answers,
dropped connections, efetch answers missing records), runs the real client
(``search_into_store``: esearch with date-window splitting, efetch in batches of
500, one transaction per batch) into a fresh store in a child process per size,
and prints for each size:

* records the server holds for the query, fetched into the store, lost, duplicated;
* HTTP requests counted at the server against the bound ceil(N/500) + windows + retries;
* the largest number of requests the server saw in any 1-second window against the limit;
* peak RSS of the fetching process (``getrusage`` high-water mark), at N/4, N/2 and N:
  equal figures mean memory is flat in N.  (Below about 10,000 records it is lower: one
  esearch answer then lists fewer than the 9,999 ids a window holds at most.)

By default the client keeps NCBI's real limit (3 requests/s, or 10 with ``--api-key``),
so 25,000 records take about a minute.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks._common import peak_rss_kib

REPO = Path(__file__).resolve().parents[1]


def _start_server(records: int, fault_rate: float, slow_s: float, seed: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "tests.eutils_server", "--records", str(records),
            "--fault-rate", str(fault_rate), "--slow-s", str(slow_s), "--retry-after-s", "1", "--seed", str(seed),
        ],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )
    url = proc.stdout.readline().strip() if proc.stdout else ""
    if not url.startswith("http://127.0.0.1:"):
        proc.kill()
        raise SystemExit("bench_fetch: the stand-in server did not start")
    return proc, url


def _server_stats(url: str) -> dict:
    with urllib.request.urlopen(url + "_stats", timeout=10) as response:
        return json.loads(response.read())


def _fetch_child(args: argparse.Namespace) -> None:
    """Run in a child process: fetch into a fresh store, print one JSON line."""
    from evidence.cli.fetch import search_into_store
    from evidence.sources.entrez import EntrezClient, EntrezConfig
    from evidence.sources.ratelimit import lock_path_for
    from evidence.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store_path = Path(tmp) / "bench.db"
        config = EntrezConfig(
            base_url=args.url,
            api_key="bench-key" if args.api_key else None,
            timeout_s=args.timeout,
            backoff_base_s=0.5,
            rate_per_s=args.rate,
            rate_lock_path=lock_path_for(store_path),
        )
        client = EntrezClient(config)
        started = time.monotonic()
        with Store.open(store_path) as store:
            summary = search_into_store(store, client, "sarcoma")
            rows = store.count_articles(include_deleted=True)
            distinct = store.execute("SELECT COUNT(DISTINCT pmid) FROM articles").fetchone()[0]
            listed = store.execute("SELECT COUNT(DISTINCT pmid) FROM search_hits").fetchone()[0]
            pmid_min, pmid_max = store.execute("SELECT MIN(CAST(pmid AS INTEGER)), MAX(CAST(pmid AS INTEGER)) FROM articles").fetchone()
        print(
            json.dumps(
                {
                    "seconds": time.monotonic() - started,
                    "found": summary.found,
                    "listed_distinct": listed,
                    "fetched": summary.fetched,
                    "rows": rows,
                    "distinct": distinct,
                    "pmid_min": pmid_min,
                    "pmid_max": pmid_max,
                    "missing": len(summary.missing),
                    "windows": client.stats.windows,
                    "retries": client.stats.retries,
                    "client_requests": client.stats.requests,
                    "reasons": dict(client.stats.reasons),
                    "peak_rss_kib": peak_rss_kib(),
                }
            ),
            flush=True,
        )


def _run_size(n: int, args: argparse.Namespace) -> dict:
    server, url = _start_server(n, args.fault_rate, args.slow_s, args.seed)
    try:
        cmd = [
            sys.executable, "-m", "benchmarks.bench_fetch", "--child", "--url", url,
            "--timeout", str(args.timeout),
        ]
        if args.rate:
            cmd += ["--rate", str(args.rate)]
        if args.api_key:
            cmd.append("--api-key")
        out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, env=dict(os.environ))
        if out.returncode != 0:
            raise SystemExit(f"bench_fetch: fetching {n} records failed: {out.stderr.strip().splitlines()[-1:]}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
        result["server"] = _server_stats(url)
    finally:
        server.kill()
        server.wait()
    result["n"] = n
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Fetch benchmark against the stand-in E-utilities server.")
    parser.add_argument("--records", type=int, default=25000)
    parser.add_argument("--fault-rate", type=float, default=0.10)
    parser.add_argument("--slow-s", type=float, default=3.0, help="delay of a 'slow' fault (above --timeout)")
    parser.add_argument("--timeout", type=float, default=2.0, help="client timeout per request")
    parser.add_argument("--rate", type=float, default=None, help="requests/s (default NCBI's 3, 10 with --api-key)")
    parser.add_argument("--api-key", action="store_true", help="send a (fake) key: limit 10 requests/s")
    parser.add_argument("--seed", type=int, default=11, help="seed of the server's fault injection")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _fetch_child(args)
        return
    limit = args.rate or (10 if args.api_key else 3)
    sizes = sorted({max(1, args.records // 4), max(1, args.records // 2), args.records})
    print(f"bench_fetch: faults in {args.fault_rate:.0%} of responses, limit {limit:g} requests/s, batches of 500")
    header = f"{'N':>7} {'fetched':>7} {'lost':>5} {'dup':>4} {'requests':>8} {'bound':>6} {'windows':>7} {'retries':>7} {'max/1s':>6} {'peak RSS':>9} {'seconds':>7}"
    print(header)
    for n in sizes:
        r = _run_size(n, args)
        expected = n  # every synthetic record matches the benchmark query
        lost = expected - r["distinct"]
        duplicated = (r["rows"] - r["distinct"]) + (r["found"] - r["listed_distinct"])
        bound = math.ceil(n / 500) + r["windows"] + r["retries"]
        requests = r["server"]["requests"]
        print(
            f"{n:>7} {r['rows']:>7} {lost:>5} {duplicated:>4} {requests:>8} {bound:>6} {r['windows']:>7} "
            f"{r['retries']:>7} {r['server']['max_per_second']:>6} {r['peak_rss_kib'] / 1024:>7.1f}MiB {r['seconds']:>7.1f}"
        )
        print(f"        faults injected at the server: {r['server']['faults']}; client retry reasons: {r['reasons']}")
        verdict = [
            "0 lost" if lost == 0 else f"LOST {lost}",
            "0 duplicated" if duplicated == 0 else f"DUPLICATED {duplicated}",
            "requests within bound" if requests <= bound else "REQUESTS ABOVE BOUND",
            "rate limit kept" if r["server"]["max_per_second"] <= limit else "RATE LIMIT EXCEEDED",
        ]
        print("        " + "; ".join(verdict))


if __name__ == "__main__":
    main()
