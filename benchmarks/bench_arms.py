"""Arm finder benchmark: CPU time of ``find_arms`` (extractors/arms.py) per abstract.

Run ``python -m benchmarks.bench_arms [--abstracts 2000] [--texts FOLDER] [--repeat 9] [--against REV]``
from the repository root.  The abstracts are the synthetic ones of :mod:`benchmarks.bench_extract`
(or the ``.txt`` files of ``--texts``, one abstract each).  Each abstract is split into sentences
by the pipeline once, outside the timing; then ``find_arms`` is run over all of them ``--repeat``
times and the fastest and the median run are printed (process CPU time, so other processes on
the machine disturb the figures less than wall time would).

``--against REV`` also times ``extractors/arms.py`` as it was at git revision ``REV`` (loaded
from ``git show`` into a temporary module), run by run alternating with the current one, so
the two are measured under the same load.  The number of arm hits is printed as a guard that
the runs did real work.
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
    parser.add_argument("--texts", type=Path, default=None, help="a folder of .txt abstracts instead of synthetic ones")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--against", default=None, help="a git revision whose extractors/arms.py is timed alongside")
    args = parser.parse_args(argv)

    from benchmarks.bench_extract import generate, read_folder
    from extractors import arms
    from extractors.components import sentences_of
    from extractors.pipeline import _make_doc, build_pipeline
    from extractors.segment import text_of

    if args.texts is not None and not args.texts.is_dir():
        print(f"--texts {args.texts}: not a folder", file=sys.stderr)
        return 2
    nlp = build_pipeline()
    sentencizer = nlp.get_pipe("evidence_sentences")
    articles = read_folder(args.texts) if args.texts is not None else list(generate(args.abstracts))
    items = []
    for article in articles:
        doc = sentencizer(_make_doc(nlp, article))
        items.append((text_of(doc), sentences_of(doc), doc.user_data.get("title_end", 0)))

    finders: dict[str, Callable[..., list]] = {"current": arms.find_arms}
    with tempfile.TemporaryDirectory() as tmp:
        if args.against:
            try:
                finders[args.against] = module_at_revision("extractors/arms.py", args.against, Path(tmp)).find_arms
            except (subprocess.CalledProcessError, OSError) as exc:
                print(f"--against {args.against}: cannot read extractors/arms.py at that revision ({exc})", file=sys.stderr)
                return 2
        runs: dict[str, list[float]] = {name: [] for name in finders}
        hits = {name: 0 for name in finders}
        for _ in range(max(1, args.repeat)):
            for name, find in finders.items():
                start = time.process_time()
                count = sum(len(find(text, sentences, title_end)) for text, sentences, title_end in items)
                runs[name].append(time.process_time() - start)
                hits[name] = count
    for name, seconds in runs.items():
        per = 1e6 / len(items)
        print(f"{name:>12}: fastest {min(seconds) * per:7.1f} us/abstract, median {statistics.median(seconds) * per:7.1f} us/abstract "
              f"({len(items)} abstracts, {hits[name]} arm hits)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
