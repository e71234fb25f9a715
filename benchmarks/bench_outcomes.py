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
import sys
import tempfile
from pathlib import Path

from benchmarks._common import add_corpus_arguments, finders_against, print_per_abstract, read_articles, time_alternating


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_corpus_arguments(parser, repeat=5, texts_help=".txt/.xml")
    parser.add_argument("--against", default=None, help="a git revision whose extractors/outcomes.py is timed alongside")
    args = parser.parse_args(argv)

    from extractors import outcomes
    from extractors.components import arm_mentions, sentences_of
    from extractors.lexicon import load_lexicon
    from extractors.pipeline import _make_doc, build_pipeline
    from extractors.segment import text_of

    articles = read_articles(args.texts, args.abstracts)
    if articles is None:
        return 2
    nlp = build_pipeline()
    lexicon = load_lexicon()
    items = []
    for article in articles:
        doc = nlp(_make_doc(nlp, article))
        items.append((text_of(doc), sentences_of(doc), arm_mentions(doc)))

    with tempfile.TemporaryDirectory() as tmp:
        finders = finders_against(outcomes.find_outcomes, "extractors/outcomes.py", args.against, Path(tmp))
        if finders is None:
            return 2
        runs = {name: (lambda find=find: [find(text, sentences, lexicon, arms) for text, sentences, arms in items])
                for name, find in finders.items()}
        seconds, found = time_alternating(runs, args.repeat)
    print_per_abstract(seconds, len(items), {name: sum(len(h) for h in hits) for name, hits in found.items()}, "outcome")
    if args.against and found[args.against] != found["current"]:
        print(f"the hits differ from those of {args.against}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
