"""Outcome finder benchmark: CPU time of ``find_outcomes`` (extractors/outcomes.py) per abstract.

Run ``python -m benchmarks.bench_outcomes [--abstracts 2000] [--texts FOLDER] [--repeat 5] [--against REV]``
from the repository root.  The abstracts are the synthetic ones of :mod:`benchmarks.bench_extract`
(or the ``.txt``/``.xml`` files of ``--texts``, e.g. ``corpora/dev``).  Each abstract goes through the
pipeline once, outside the timing, for its text, sentences and arm mentions (what the outcome
component passes); then ``find_outcomes`` is run over all of them ``--repeat`` times and the fastest
and the median run are printed (process CPU time, so other processes disturb the figures less).

``--against REV`` also times ``extractors/outcomes.py`` as it was at git revision ``REV`` (loaded
from ``git show`` into a temporary module), run by run alternating with the current one, so the two
are measured under the same load; the two must find the same hits, or the command says so and fails.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from benchmarks._common import module_at_revision


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--abstracts", type=int, default=2000)
    parser.add_argument("--texts", type=Path, default=None, help="a folder of .txt/.xml abstracts instead of synthetic ones")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--against", default=None, help="a git revision whose extractors/outcomes.py is timed alongside")
    args = parser.parse_args(argv)

    from benchmarks.bench_extract import generate, read_folder
    from evidence.errors import InputError
    from extractors import outcomes
    from extractors.components import arm_mentions, sentences_of
    from extractors.lexicon import load_lexicon
    from extractors.pipeline import _make_doc, build_pipeline
    from extractors.segment import text_of

    try:
        articles = read_folder(args.texts) if args.texts is not None else list(generate(args.abstracts))
    except InputError as exc:
        print(f"--texts: {exc}", file=sys.stderr)
        return 2
    nlp = build_pipeline()
    lexicon = load_lexicon()
    items = []
    for article in articles:
        doc = nlp(_make_doc(nlp, article))
        items.append((text_of(doc), sentences_of(doc), arm_mentions(doc)))

    finders: dict[str, Callable[..., list]] = {"current": outcomes.find_outcomes}
    with tempfile.TemporaryDirectory() as tmp:
        if args.against:
            try:
                finders[args.against] = module_at_revision("extractors/outcomes.py", args.against, Path(tmp)).find_outcomes
            except (subprocess.CalledProcessError, OSError) as exc:
                print(f"--against {args.against}: cannot read extractors/outcomes.py at that revision ({exc})", file=sys.stderr)
                return 2
        runs: dict[str, list[float]] = {name: [] for name in finders}
        found: dict[str, list] = {}
        for _ in range(max(1, args.repeat)):
            for name, find in finders.items():
                start = time.process_time()
                hits = [find(text, sentences, lexicon, arms) for text, sentences, arms in items]
                runs[name].append(time.process_time() - start)
                found[name] = hits
    for name, seconds in runs.items():
        per = 1e6 / max(1, len(items))
        count = sum(len(h) for h in found[name])
        print(f"{name:>12}: fastest {min(seconds) * per:7.1f} us/abstract, median {statistics.median(seconds) * per:7.1f} us/abstract "
              f"({len(items)} abstracts, {count} outcome hits)")
    if args.against and found[args.against] != found["current"]:
        print(f"the hits differ from those of {args.against}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
