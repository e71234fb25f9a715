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
import tempfile
from pathlib import Path

from benchmarks._common import add_corpus_arguments, finders_against, print_per_abstract, read_articles, sentence_split_texts, time_alternating


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_corpus_arguments(parser, repeat=9)
    parser.add_argument("--against", default=None, help="a git revision whose extractors/arms.py is timed alongside")
    args = parser.parse_args(argv)

    from extractors import arms

    articles = read_articles(args.texts, args.abstracts)
    if articles is None:
        return 2
    items = sentence_split_texts(articles)

    with tempfile.TemporaryDirectory() as tmp:
        finders = finders_against(arms.find_arms, "extractors/arms.py", args.against, Path(tmp))
        if finders is None:
            return 2
        runs = {name: (lambda find=find: sum(len(find(text, sentences, title_end)) for text, sentences, title_end in items))
                for name, find in finders.items()}
        seconds, hits = time_alternating(runs, args.repeat)
    print_per_abstract(seconds, len(items), hits, "arm")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
