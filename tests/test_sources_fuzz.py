"""Arbitrary bytes never make the readers raise anything but ParseError."""

from __future__ import annotations

import gzip
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.errors import InputError, ParseError
from evidence.sources import read_articles
from evidence.sources.pubmed_xml import iter_pubmed_events

FIXTURES = Path(__file__).parent / "fixtures" / "pubmed"
SEED = (FIXTURES / "structured_markup.xml").read_bytes()

# bytes shaped like PubMed XML find more paths through the parser than uniform noise
_xmlish = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda cut, junk: SEED[:cut] + junk, st.integers(0, len(SEED)), st.binary(max_size=40)),
    st.builds(
        lambda cut, junk: SEED[:cut] + junk + SEED[cut:],
        st.integers(0, len(SEED)),
        st.sampled_from([b"<", b"&", b"&x;", b"]]>", b"<!ENTITY", b"\x00", b"\xff", b"</PubmedArticle>", b"<mml:math>"]),
    ),
    st.builds(lambda cut: gzip.compress(SEED, mtime=0)[:cut], st.integers(0, 400)),
    st.builds(lambda text: ("PMID- 1\n" + text).encode("utf-8", "surrogatepass"), st.text(max_size=200)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_xmlish)
def test_stream_reader_raises_only_parse_error(data: bytes) -> None:
    try:
        list(iter_pubmed_events(io.BytesIO(data), "fuzz"))
    except ParseError as exc:
        assert str(exc).startswith("fuzz")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_xmlish, st.sampled_from(["x.xml", "x.xml.gz", "x.txt", "x.medline", "x"]))
def test_file_reader_raises_only_parse_error(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            list(read_articles(path))
        except InputError as exc:  # ParseError, or InputError for the unknown-kind case
            assert isinstance(exc, ParseError)
            assert name in str(exc)
