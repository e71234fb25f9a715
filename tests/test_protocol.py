"""Review protocols: the embedded default reads; bad keys are named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from evidence.errors import ProtocolError
from evidence.protocol import default_protocol, load_protocol
from evidence.records import Measure

MINIMAL = """
[review]
name = "x"

[[outcomes]]
measure = "ORR"
"""


def test_default_protocol_is_the_seed_against_curated(tmp_path: Path) -> None:
    p = default_protocol(cwd=tmp_path)
    assert p.embedded and p.key == "default"
    assert p.index.pmid == "38962275"
    assert p.index.accrual_start == date(2021, 6, 1)
    assert p.sources.index == "seed" and p.sources.comparison == "curated"
    assert p.outcomes[0].measure == Measure.ORR and p.outcomes[0].method == "REML" and p.outcomes[0].effect == "PLO"
    assert p.output.store == tmp_path / "evidence-store" / "store.sqlite"


def test_relative_paths_resolve_against_the_protocol_folder(tmp_path: Path) -> None:
    f = tmp_path / "sub" / "p.toml"
    f.parent.mkdir()
    f.write_text(MINIMAL + '\n[output]\nstore = "db.sqlite"\ndir = "out"\n')
    p = load_protocol(f)
    assert p.output.store == f.parent.resolve() / "db.sqlite"
    assert p.output.dir == f.parent.resolve() / "out"
    assert p.key == str(f.resolve())


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (MINIMAL + "\n[search]\nquerry = 'x'\n", "search.querry"),
        (MINIMAL + "\n[colour]\nx = 1\n", "colour"),
        ("[[outcomes]]\nmeasure = 'ORR'\n", "review"),
        ("[review]\nname = 'x'\n", "outcomes"),
        ("[review]\ntitle = 'x'\n[[outcomes]]\nmeasure='ORR'\n", "review.title"),
        ("[review]\ndescription = 'x'\n[[outcomes]]\nmeasure='ORR'\n", "review.name"),
        (MINIMAL.replace('"ORR"', '"RESPONSE"'), "outcomes[0].measure"),
        (MINIMAL + 'method = "XYZ"\n', "outcomes[0].method"),
        (MINIMAL + "\n[inclusion]\nmin_n = 'ten'\n", "inclusion.min_n"),
        (MINIMAL + "\n[index]\naccrual_start = '2021-13-01'\n", "index.accrual_start"),
        (MINIMAL + "\n[search]\ndate_type = 'yesterday'\n", "search.date_type"),
        (MINIMAL + "\n[sources]\nstore = 1\n", "sources.store"),
    ],
)
def test_bad_keys_are_named(tmp_path: Path, text: str, named: str) -> None:
    f = tmp_path / "p.toml"
    f.write_text(text)
    with pytest.raises(ProtocolError, match=named.replace("[", r"\[").replace("]", r"\]")):
        load_protocol(f)


def test_missing_empty_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(ProtocolError, match="not found"):
        load_protocol(tmp_path / "nope.toml")
    (tmp_path / "e.toml").write_text("  \n")
    with pytest.raises(ProtocolError, match="empty"):
        load_protocol(tmp_path / "e.toml")
    (tmp_path / "b.toml").write_text("[review\nname=")
    with pytest.raises(ProtocolError, match="not valid TOML"):
        load_protocol(tmp_path / "b.toml")
