"""Cohort finder benchmark: CPU time of ``find_cohort`` (extractors/cohort.py) per abstract.

Run ``python -m benchmarks.bench_cohort [--abstracts 2000] [--texts FOLDER] [--repeat 7] [--against REV]``
from the repository root.  The abstracts are the synthetic ones of :mod:`benchmarks.bench_extract`,
or the ``.txt`` files of ``--texts`` (one abstract per file, e.g. a PICO corpus folder).  Sentences
are split once by the pipeline, outside the timing; ``find_cohort`` then reads all abstracts
``--repeat`` times and the fastest and median runs are printed in microseconds of process CPU time
per abstract (other processes disturb CPU time less than wall time).  The patterns are compiled
before the first run, so the figures are the steady state.

``--against REV`` times ``extractors/cohort.py`` as it was at git revision ``REV`` too, run by run
alternating with the current module, so both are measured under the same load.  The number of
cohort hits is printed as a guard that the runs did real work.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from benchmarks._common import add_corpus_arguments, finders_against, read_articles, sentence_split_texts, time_alternating


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_corpus_arguments(parser, repeat=7)
    parser.add_argument("--against", default=None, help="a git revision whose extractors/cohort.py is timed alongside")
    args = parser.parse_args(argv)
    articles = read_articles(args.texts, args.abstracts)
    if articles is None:
        return 2

    from extractors import cohort
    from extractors.lexicon import load_lexicon

    items = sentence_split_texts(articles)
    lexicon = load_lexicon()

    with tempfile.TemporaryDirectory() as tmp:
        finders = finders_against(cohort.find_cohort, "extractors/cohort.py", args.against, Path(tmp))
        if finders is None:
            return 2
        runs = {name: (lambda find=find: sum(len(find(text, sentences, lexicon, title_end)) for text, sentences, title_end in items))
                for name, find in finders.items()}
        for run in runs.values():
            run()  # compile the patterns outside the timing
        seconds, hits = time_alternating(runs, args.repeat)
    source = str(args.texts) if args.texts is not None else "synthetic"
    for name in runs:
        fastest, median = min(seconds[name]) / len(items) * 1e6, statistics.median(seconds[name]) / len(items) * 1e6
        print(f"{name:>10}: {len(items)} abstracts ({source}), find_cohort {fastest:.0f} us fastest, {median:.0f} us median per abstract, {hits[name]} hits")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
