"""The Entrez client against the stand-in E-utilities server on 127.0.0.1 (real HTTP, real faults)."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from evidence.errors import FetchError, InputError
from evidence.sources.entrez import DateWindow, EntrezClient, EntrezConfig, parse_date
from evidence.sources.ratelimit import RateLimiter
from tests.eutils_server import FAULT_KINDS, EutilsServer, Record, max_in_window, synthetic_records

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def server():
    with EutilsServer(synthetic_records(1200), slow_s=1.0) as srv:
        yield srv


def client_for(srv: EutilsServer, sleeps: list[float] | None = None, **overrides) -> EntrezClient:
    values = dict(
        base_url=srv.url,
        rate_per_s=200,
        backoff_base_s=0.01,
        backoff_max_s=0.05,
        timeout_s=0.5,
        max_retries=4,
        jitter_seed=1,
        api_key="KEY-DO-NOT-LEAK",
        email="someone@example.org",
    )
    values.update(overrides)
    sleep = (lambda s: sleeps.append(s)) if sleeps is not None else time.sleep
    return EntrezClient(EntrezConfig(**values), sleep=sleep)


def test_esearch_and_efetch_round_trip(server: EutilsServer) -> None:
    client = client_for(server)
    page = client.esearch("sarcoma", retmax=20, usehistory=True)
    assert page.count == 1200 and len(page.ids) == 20
    assert page.webenv.startswith("MCID_") and page.query_key == "1"
    batch = client.efetch_batch(page.ids)
    assert sorted(a.pmid for a in batch.articles) == sorted(page.ids)
    assert batch.missing == ()
    art = batch.articles[0]
    assert art.source == "entrez" and art.doi.startswith("10.5555/")
    assert any(s.label == "RESULTS" and "patients" in s.text for s in art.sections)
    # the key and e-mail travel with every request
    assert server.stats()["with_api_key"] == server.stats()["requests"] == 2


def test_einfo(server: EutilsServer) -> None:
    assert client_for(server).einfo()["Count"] == "1200"


@pytest.mark.parametrize("fault", [f for f in FAULT_KINDS if f not in ("partial", "429-retry-after")])
def test_each_fault_is_retried_until_success(server: EutilsServer, fault: str) -> None:
    sleeps: list[float] = []
    client = client_for(server, sleeps)
    server.queue_faults(fault, fault)
    page = client.esearch("sarcoma group3", retmax=50)
    assert page.count == 120 and len(page.ids) == 50
    server.queue_faults(fault, utility="efetch")
    batch = client.efetch_batch(page.ids)
    assert len(batch.articles) == 50 and batch.missing == ()
    assert client.stats.retries == 3 == len(sleeps)
    assert client.stats.requests == 5


def test_retry_after_is_honoured(server: EutilsServer) -> None:
    sleeps: list[float] = []
    client = client_for(server, sleeps)
    server.state.retry_after_s = 3
    server.queue_faults("429-retry-after", "429")
    client.esearch("sarcoma")
    assert sleeps[0] == 3.0  # the server's Retry-After, not the (tiny) backoff
    assert sleeps[1] < 0.1  # 429 without Retry-After: exponential backoff with jitter


def test_backoff_grows_and_is_bounded_in_count(server: EutilsServer) -> None:
    sleeps: list[float] = []
    client = client_for(server, sleeps, backoff_base_s=1.0, backoff_max_s=8.0, max_retries=5, max_retry_time_s=1e6)
    server.queue_faults(*["503"] * 10)
    with pytest.raises(FetchError, match="esearch .* kept failing after 6 attempt.*HTTP 503"):
        client.esearch("sarcoma")
    assert len(sleeps) == 5
    ceilings = [1, 2, 4, 8, 8]
    assert all(c / 2 <= s <= c for s, c in zip(sleeps, ceilings))
    assert server.stats()["requests"] == 6


def test_retries_are_bounded_in_time(server: EutilsServer) -> None:
    server.state.retry_after_s = 120
    server.queue_faults("429-retry-after", "429-retry-after")
    client = client_for(server, [], max_retries=50, max_retry_time_s=30)
    with pytest.raises(FetchError, match="kept failing after 1 attempt"):
        client.esearch("sarcoma")


def test_unreachable_server_and_key_never_in_message() -> None:
    config = EntrezConfig(
        base_url="http://127.0.0.1:9/eutils/", api_key="KEY-DO-NOT-LEAK", email="x@example.org",
        max_retries=2, backoff_base_s=0.01, rate_per_s=100,
    )
    with pytest.raises(FetchError) as info:
        EntrezClient(config).esearch("sarcoma")
    text = str(info.value)
    assert "127.0.0.1:9" in text and "refused" in text.lower()
    assert "KEY-DO-NOT-LEAK" not in text and "x@example.org" not in text
    assert "KEY-DO-NOT-LEAK" not in repr(config) and "KEY-DO-NOT-LEAK" not in repr(EntrezClient(config))


def test_client_error_is_not_retried(server: EutilsServer) -> None:
    client = client_for(server, [])
    with pytest.raises(FetchError, match="HTTP 400.*not retried") as info:
        client.request("efetch", {"db": "pubmed"}, lambda body: body)
    assert "KEY-DO-NOT-LEAK" not in str(info.value)
    assert server.stats()["requests"] == 1


def test_unparseable_queries_are_input_errors(server: EutilsServer) -> None:
    client = client_for(server, [])
    with pytest.raises(InputError, match="unknown field"):
        client.esearch("sarcoma[nonsense]")
    with pytest.raises(InputError, match="rejected.*unbalanced"):
        client.esearch("(sarcoma AND radiotherapy")
    assert server.stats()["requests"] == 2  # neither was retried


def test_missing_records_are_requested_again(server: EutilsServer) -> None:
    client = client_for(server, [])
    ids = [str(p) for p in server.matching()[:30]]
    server.queue_faults("partial", utility="efetch")
    batch = client.efetch_batch(ids + ["1"])  # PMID 1 is not on the server
    assert sorted(a.pmid for a in batch.articles) == sorted(ids)
    assert batch.missing == ("1",)
    assert client.stats.missing_rerequests == 2  # bounded: max_missing_rounds


def test_newer_version_is_returned(server: EutilsServer) -> None:
    client = client_for(server, [])
    pmid = server.matching()[0]
    rec = server.state.records[pmid]
    server.put_record(Record(pmid, rec.edat, rec.pdat, rec.mdat, version=2, keywords=rec.keywords, title="Revised title"))
    (art,) = client.efetch_batch([str(pmid)]).articles
    assert art.version == 2 and art.title == "Revised title"


def test_large_query_is_split_into_entry_date_windows() -> None:
    records = synthetic_records(2500)
    with EutilsServer(records, cap=400) as srv:
        client = client_for(srv, [], search_cap=400)
        pages = []
        ids = list(client.search_ids("sarcoma", pages=pages))
        assert sorted(map(int, ids)) == sorted(r.pmid for r in records)  # every record, once
        assert len(ids) == len(set(ids))
        assert client.stats.windows == srv.stats()["by_utility"]["esearch"] > 2500 // 400
        assert all(p.count <= 400 for p in pages)
        windows = [p.window for p in pages]
        assert all(a.end < b.start for a, b in zip(windows, windows[1:]))  # in order, disjoint
        # a first answer that already lists --max ids needs no splitting
        few = client_for(srv, [], search_cap=400)
        assert len(list(few.search_ids("sarcoma", max_records=300))) == 300
        assert few.stats.windows == 1


def test_date_windows_by_type() -> None:
    records = synthetic_records(800)
    with EutilsServer(records) as srv:
        client = client_for(srv, [])
        lo, hi = date(2010, 1, 1), date(2012, 6, 30)
        for kind in ("edat", "pdat", "mdat"):
            got = sorted(map(int, client.search_ids("sarcoma", since=lo, until=hi, date_type=kind)))
            want = sorted(r.pmid for r in records if lo <= getattr(r, kind) <= hi)
            assert got == want and want
        # a split within a publication-date window still lists exactly that window
        small = client_for(srv, [], search_cap=30)
        got = sorted(map(int, small.search_ids("sarcoma", since=lo, until=hi, date_type="pdat")))
        assert got == sorted(r.pmid for r in records if lo <= r.pdat <= hi)
        assert small.stats.windows > 3
        assert list(client.search_ids("sarcoma", max_records=7)).__len__() == 7


def test_bad_dates() -> None:
    assert parse_date("2020") == date(2020, 1, 1)
    assert parse_date("2020", end=True) == date(2020, 12, 31)
    assert parse_date("2024-02", end=True) == date(2024, 2, 29)
    assert parse_date("2021/03/04") == date(2021, 3, 4)
    for bad in ("yesterday", "2020-13-01", "2020-02-30", ""):
        with pytest.raises(InputError, match="Invalid date"):
            parse_date(bad)
    assert DateWindow(date(2020, 1, 1), date(2020, 1, 10)).halves() == (
        DateWindow(date(2020, 1, 1), date(2020, 1, 5)),
        DateWindow(date(2020, 1, 6), date(2020, 1, 10)),
    )


def test_config_validation() -> None:
    with pytest.raises(InputError, match="E-utilities URL"):
        EntrezConfig(base_url="ftp://x")
    config = EntrezConfig.from_environ({"EVIDENCE_EUTILS_URL": "http://127.0.0.1:1/e", "NCBI_API_KEY": "k"})
    assert config.base_url == "http://127.0.0.1:1/e/" and config.effective_rate_per_s == 10
    assert EntrezConfig.from_environ({}).effective_rate_per_s == 3


def test_real_ncbi_samples_parse_through_the_client(server: EutilsServer, shared_dir: Path) -> None:
    samples = shared_dir / "data" / "pubmed-samples"
    client = client_for(server, [])
    server.queue_raw((samples / "esearch2.xml").read_bytes())
    page = client.esearch("cancer")
    assert page.count == 42249 and len(page.ids) == 100 and page.query_key == "1"
    server.queue_raw((samples / "esearch8.xml").read_bytes())
    assert client.esearch("abcXYZ").count == 0  # PhraseNotFound is zero hits, not an error
    server.queue_raw((samples / "pubmed2.xml").read_bytes())
    batch = client.efetch_batch(["11748933", "11700088"])
    assert sorted(a.pmid for a in batch.articles) == ["11700088", "11748933"]
    server.queue_raw((samples / "einfo2.xml").read_bytes())
    assert client.einfo()["Count"] == "39730388"


def test_rate_limit_is_three_per_second_at_the_server(server: EutilsServer) -> None:
    client = client_for(server, rate_per_s=None, api_key=None)
    assert client.config.effective_rate_per_s == 3
    started = time.monotonic()
    for _ in range(7):
        client.esearch("sarcoma")
    assert time.monotonic() - started >= 2 * 1.0  # 7 requests need > 2 s at 3/s
    assert max_in_window([e.at for e in server.log]) <= 3


def test_rate_limit_is_shared_between_processes(server: EutilsServer, tmp_path: Path) -> None:
    lock = tmp_path / "store.db.ratelimit"
    code = (
        "import sys; from pathlib import Path;"
        "from evidence.sources.entrez import EntrezClient, EntrezConfig;"
        f"c = EntrezClient(EntrezConfig(base_url={server.url!r}, rate_per_s=10, rate_lock_path=Path({str(lock)!r})));"
        "[c.esearch('sarcoma group1') for _ in range(8)]"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=REPO) for _ in range(3)]
    assert [p.wait(60) for p in procs] == [0, 0, 0]
    times = [e.at for e in server.log]
    assert len(times) == 24
    assert max_in_window(times) <= 10
    # without the shared file, three processes would together exceed it
    assert RateLimiter(10, lock).interval_s == pytest.approx(0.11)


def test_history_server_paging_and_the_listing_cap() -> None:
    records = synthetic_records(120)
    with EutilsServer(records, cap=100) as srv:
        client = client_for(srv, [], max_retries=1)
        page = client.esearch("sarcoma", retmax=5, usehistory=True)
        first = client.efetch_history(page.webenv, page.query_key, retstart=0, retmax=50)
        second = client.efetch_history(page.webenv, page.query_key, retstart=50, retmax=100)
        pmids = [a.pmid for a in first + second]
        assert len(pmids) == 120 == len(set(pmids))
        assert all(e.method == "GET" for e in srv.log if e.utility == "efetch")
        # esearch lists at most `cap` ids and refuses to page beyond them, like PubMed at 9,999
        assert len(client.esearch("sarcoma", retmax=500).ids) == 100
        with pytest.raises(FetchError, match="retstart"):
            client.esearch("sarcoma", retstart=100, retmax=10)
        # ...which is why the client splits instead of paging
        assert sorted(client.search_ids("sarcoma")) == sorted(str(r.pmid) for r in records)


def test_stand_in_prologs_match_ncbi_byte_for_byte(shared_dir: Path) -> None:
    from tests.eutils_server import EINFO_PROLOG, ESEARCH_PROLOG, PUBMED_PROLOG

    samples = shared_dir / "data" / "pubmed-samples"
    for prolog, sample in ((ESEARCH_PROLOG, "esearch2.xml"), (EINFO_PROLOG, "einfo2.xml"), (PUBMED_PROLOG, "pubmed2.xml")):
        assert (samples / sample).read_bytes().startswith(prolog), sample


def test_only_the_entrez_module_imports_bio_entrez() -> None:
    import ast

    offenders = []
    for folder in ("evidence", "extractors", "meta"):
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                if any(n == "Bio.Entrez" or n.startswith("Bio.Entrez.") for n in names):
                    offenders.append(str(path.relative_to(REPO)))
    assert set(offenders) == {"evidence/sources/entrez.py"}
