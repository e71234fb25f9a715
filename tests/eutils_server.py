"""A stand-in E-utilities server on 127.0.0.1 with fault injection, for tests and the benchmark.

It speaks real HTTP and answers like NCBI: ``esearch`` (history server with
WebEnv/query_key, retstart/retmax, the 9,999-id listing cap, date windows by
entry, publication or modification date, and ``a:b[edat]`` ranges inside the
term), ``efetch`` (GET or POSTed id lists, or WebEnv/query_key) and ``einfo``,
with NCBI's XML prologs and DOCTYPEs (Bio.Entrez refuses others).  The records
are synthetic and generated from their PMID, so a corpus of any size costs
little memory.

Faults, injected in a random share of responses (the kinds taken in turn) or queued explicitly:
``429`` (no Retry-After), ``429-retry-after``, ``500``, ``502``, ``503``,
``error-body`` (HTTP 200 holding ``<ERROR>``), ``truncated`` (connection closed
mid-body), ``truncated-xml`` (a complete HTTP answer carrying half the XML),
``slow`` (answer after ``slow_s``), ``drop`` (connection closed, no answer) and
``partial`` (efetch leaves out a third of the requested records).

The server logs the arrival time of every request, so tests and the benchmark
can check the client's rate limit where it matters: at the server.
``GET /_stats`` returns the log summary as JSON (and is not itself logged).

Run standalone (used by the benchmark): ``python -m tests.eutils_server --records 25000
--fault-rate 0.1``; it prints its base URL on the first line and serves until killed.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import socket
import sys
import threading
import time
import urllib.parse
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterable
from xml.sax.saxutils import escape

CAP = 9999
FAULT_KINDS = (
    "429",
    "429-retry-after",
    "500",
    "502",
    "503",
    "error-body",
    "truncated",
    "truncated-xml",
    "slow",
    "drop",
    "partial",
)
KNOWN_FIELDS = {"tiab", "ti", "ab", "all fields", "all", "mh", "mesh terms", "pt", "sb", "la", "au"}
DATE_FIELDS = {"edat": "edat", "pdat": "pdat", "mdat": "mdat", "dp": "pdat", "crdt": "edat"}

ESEARCH_PROLOG = (
    b'<?xml version="1.0" encoding="UTF-8" ?>\n'
    b'<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" '
    b'"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n'
)
EINFO_PROLOG = (
    b'<?xml version="1.0" encoding="UTF-8" ?>\n'
    b'<!DOCTYPE eInfoResult PUBLIC "-//NLM//DTD einfo 20190110//EN" '
    b'"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20190110/einfo.dtd">\n'
)
PUBMED_PROLOG = (
    b'<?xml version="1.0" ?>\n'
    b'<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
    b'"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class Record:
    """One synthetic PubMed record; its text is generated from the PMID (and version)."""

    pmid: int
    edat: date
    pdat: date
    mdat: date
    version: int = 1
    keywords: frozenset[str] = frozenset({"sarcoma"})
    title: str = ""

    def article_title(self) -> str:
        return self.title or f"Preoperative radiotherapy in soft tissue sarcoma: synthetic cohort {self.pmid}"


def synthetic_records(
    n: int, *, first_pmid: int = 30_000_000, start: date = date(2005, 1, 1), end: date = date(2024, 12, 31), seed: int = 7
) -> list[Record]:
    """``n`` records with entry dates spread over ``start``..``end``; keyword ``group<k>`` marks PMID mod 10."""
    rng = random.Random(seed)
    span = (end - start).days
    out = []
    for i in range(n):
        pmid = first_pmid + i
        edat = start + timedelta(days=rng.randrange(span + 1))
        pdat = edat - timedelta(days=rng.randrange(60))
        mdat = edat + timedelta(days=rng.randrange(400))
        out.append(Record(pmid, edat, pdat, mdat, keywords=frozenset({"sarcoma", "radiotherapy", f"group{pmid % 10}"})))
    return out


def article_xml(rec: Record) -> bytes:
    """One ``<PubmedArticle>`` in NCBI's layout (structured abstract, authors, MeSH, history, ids)."""
    p = rec.pmid
    n = 20 + p % 180
    responders = n * (30 + p % 50) // 100
    doi = f"10.5555/synth.{p}"
    sections = [
        ("BACKGROUND", "BACKGROUND", f"Soft tissue sarcoma is treated with surgery and radiotherapy (record {p})."),
        ("METHODS", "METHODS", f"We enrolled {n} patients who received 50 Gy in 25 fractions \u2265 4 weeks before surgery."),
        (
            "RESULTS",
            "RESULTS",
            f"Objective response occurred in {responders} of {n} patients ({100 * responders / n:.1f}%); "
            f"median follow-up was {12 + p % 60} months.",
        ),
        ("CONCLUSIONS", "CONCLUSIONS", "Preoperative treatment was feasible in this synthetic cohort."),
    ]
    if rec.version > 1:
        sections.append(("", "", f"Revised record, version {rec.version}."))
    abstract = "".join(
        f'<AbstractText Label="{lab}" NlmCategory="{cat}">{escape(text)}</AbstractText>'
        if lab
        else f"<AbstractText>{escape(text)}</AbstractText>"
        for lab, cat, text in sections
    )
    pd, ed, md = rec.pdat, rec.edat, rec.mdat
    authors = "".join(
        f'<Author ValidYN="Y"><LastName>{last}</LastName><ForeName>{fore}</ForeName><Initials>{fore[0]}</Initials></Author>'
        for last, fore in (("M\u00fcller", "Anna"), ("Qu", "Wei"), (f"Author{p % 97}", "Kim"))
    )
    xml = (
        f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM" IndexingMethod="Automated">'
        f'<PMID Version="{rec.version}">{p}</PMID>'
        f"<DateRevised><Year>{md.year}</Year><Month>{md.month:02d}</Month><Day>{md.day:02d}</Day></DateRevised>"
        f'<Article PubModel="Print"><Journal><ISSN IssnType="Print">1234-5678</ISSN>'
        f'<JournalIssue CitedMedium="Print"><Volume>{p % 40 + 1}</Volume><Issue>{p % 12 + 1}</Issue>'
        f"<PubDate><Year>{pd.year}</Year><Month>{MONTHS[pd.month - 1]}</Month></PubDate></JournalIssue>"
        f"<Title>Journal of Synthetic Oncology</Title><ISOAbbreviation>J Synth Oncol</ISOAbbreviation></Journal>"
        f"<ArticleTitle>{escape(rec.article_title())}</ArticleTitle>"
        f"<Pagination><StartPage>{p % 900 + 1}</StartPage><MedlinePgn>{p % 900 + 1}-{p % 900 + 9}</MedlinePgn></Pagination>"
        f'<ELocationID EIdType="doi" ValidYN="Y">{doi}</ELocationID>'
        f"<Abstract>{abstract}</Abstract>"
        f'<AuthorList CompleteYN="Y">{authors}</AuthorList><Language>eng</Language>'
        f'<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>'
        f"</Article><MedlineJournalInfo><Country>Switzerland</Country><MedlineTA>J Synth Oncol</MedlineTA>"
        f"<NlmUniqueID>000000001</NlmUniqueID><ISSNLinking>1234-5678</ISSNLinking></MedlineJournalInfo>"
        f'<CitationSubset>IM</CitationSubset><MeshHeadingList><MeshHeading><DescriptorName UI="D012509" '
        f'MajorTopicYN="Y">Sarcoma</DescriptorName></MeshHeading></MeshHeadingList></MedlineCitation>'
        f'<PubmedData><History><PubMedPubDate PubStatus="entrez"><Year>{ed.year}</Year><Month>{ed.month}</Month>'
        f"<Day>{ed.day}</Day><Hour>6</Hour><Minute>0</Minute></PubMedPubDate></History>"
        f"<PublicationStatus>ppublish</PublicationStatus><ArticleIdList>"
        f'<ArticleId IdType="pubmed">{p}</ArticleId><ArticleId IdType="doi">{doi}</ArticleId>'
        f"</ArticleIdList></PubmedData></PubmedArticle>\n"
    )
    return xml.encode("utf-8")


def pubmed_set(records: Iterable[Record]) -> bytes:
    """A complete PubmedArticleSet document."""
    return PUBMED_PROLOG + b"<PubmedArticleSet>\n" + b"".join(article_xml(r) for r in records) + b"</PubmedArticleSet>\n"


class QueryError(Exception):
    """A term the stand-in cannot parse."""


@dataclass
class Query:
    words: frozenset[str]
    ranges: tuple[tuple[str, date, date], ...]
    unknown_fields: tuple[str, ...]


_RANGE = re.compile(r"(\d{4}(?:/\d{1,2}){0,2})\s*:\s*(\d{4}(?:/\d{1,2}){0,2})\s*\[([a-z ]+)\]", re.IGNORECASE)
_TAGGED = re.compile(r'("[^"]*"|[\w\-]+)\s*\[([^\]]*)\]')


def _day(text: str, end: bool) -> date:
    parts = [int(x) for x in text.split("/")]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    if len(parts) == 2:
        if not end:
            return date(parts[0], parts[1], 1)
        nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(parts[0], parts[1], parts[2])


def parse_term(term: str) -> Query:
    """Words (AND-ed), date ranges and unknown field tags of an esearch term."""
    if term.count('"') % 2 or term.count("(") != term.count(")") or not term.strip():
        raise QueryError("Invalid query: unbalanced parentheses or quotes" if term.strip() else "Empty term")
    depth = 0
    for ch in term:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            raise QueryError("Invalid query: unbalanced parentheses or quotes")
    ranges = []
    for lo, hi, tag in _RANGE.findall(term):
        field_ = DATE_FIELDS.get(tag.strip().lower())
        if field_ is None:
            raise QueryError(f"Invalid date field [{tag}]")
        ranges.append((field_, _day(lo, False), _day(hi, True)))
    rest = _RANGE.sub(" ", term)
    unknown = []
    words = set()
    for value, tag in _TAGGED.findall(rest):
        if tag.strip().lower() not in KNOWN_FIELDS:
            unknown.append(tag)
        words.update(w.lower() for w in re.findall(r"\w+", value))
    rest = _TAGGED.sub(" ", rest)
    words.update(w.lower() for w in re.findall(r"\w+", rest) if w.upper() not in {"AND", "OR", "NOT"})
    return Query(frozenset(words), tuple(ranges), tuple(unknown))


@dataclass
class LogEntry:
    at: float
    utility: str
    method: str
    fault: str
    has_api_key: bool
    ids: int = 0


@dataclass
class ServerState:
    records: dict[int, Record]
    fault_rate: float = 0.0
    fault_kinds: tuple[str, ...] = FAULT_KINDS
    retry_after_s: int = 1
    slow_s: float = 2.0
    cap: int = CAP
    rng: random.Random = field(default_factory=lambda: random.Random(11))
    queued: deque = field(default_factory=deque)
    log: list[LogEntry] = field(default_factory=list)
    histories: dict[str, list[list[int]]] = field(default_factory=dict)
    delivered: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)
    raw: deque = field(default_factory=deque)
    turn: int = 0

    def sorted_records(self) -> list[Record]:
        return sorted(self.records.values(), key=lambda r: -r.pmid)


class Handler(BaseHTTPRequestHandler):
    server_version = "StandInEutils/1.0"
    state: ServerState  # set on the subclass made per server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr logging
        pass

    def do_GET(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        self._dispatch(url.path, urllib.parse.parse_qs(url.query, keep_blank_values=True), "GET")

    def do_POST(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        params.update(urllib.parse.parse_qs(body, keep_blank_values=True))
        self._dispatch(url.path, params, "POST")

    # -- plumbing ----------------------------------------------------------------------------------------
    def _dispatch(self, path: str, multi: dict[str, list[str]], method: str) -> None:
        params = {k: v[-1] for k, v in multi.items()}
        utility = path.rstrip("/").rsplit("/", 1)[-1].split(".")[0]
        state = self.state
        if utility == "_stats":
            self._send(200, json.dumps(stats(state)).encode(), "application/json")
            return
        with state.lock:
            fault = ""
            for i, (kind, only) in enumerate(state.queued):
                if only in (None, utility):
                    fault = kind
                    del state.queued[i]
                    break
            raw = state.raw.popleft() if (not fault and state.raw) else None
            if not fault and raw is None and state.fault_rate and state.rng.random() < state.fault_rate:
                # kinds taken in turn (not drawn), so a few dozen faults cover every kind
                kinds = [k for k in state.fault_kinds if k != "partial" or utility == "efetch"]
                fault = kinds[state.turn % len(kinds)]
                state.turn += 1
            state.log.append(LogEntry(time.monotonic(), utility, method, fault, bool(params.get("api_key"))))
        if raw is not None:
            self._send(200, raw, "text/xml; charset=UTF-8")
            return
        if fault and fault != "partial" and self._fault(fault, utility):
            return
        try:
            if utility == "esearch":
                status, body = 200, self._esearch(params)
            elif utility == "efetch":
                status, body = 200, self._efetch(params, partial=fault == "partial")
            elif utility == "einfo":
                status, body = 200, self._einfo()
            else:
                status, body = 404, b"<html><body>Not found</body></html>"
        except ValueError as exc:
            status, body = 400, f"<html><body>Bad request: {escape(str(exc))}</body></html>".encode()
        if fault == "truncated":
            self._send_truncated(body)
        elif fault == "truncated-xml":
            self._send(200, body[: len(body) // 2], "text/xml; charset=UTF-8")
        else:
            self._send(status, body, "text/xml; charset=UTF-8" if status == 200 else "text/html")

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send_truncated(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.close_connection = True

    def _fault(self, fault: str, utility: str) -> bool:
        """Answer with a fault; False when the fault is applied to a normal body instead."""
        if fault in ("truncated", "truncated-xml"):
            return False
        if fault == "429":
            self._send(429, b'{"error":"API rate limit exceeded","count":"11"}', "application/json")
        elif fault == "429-retry-after":
            self._send(
                429,
                b'{"error":"API rate limit exceeded"}',
                "application/json",
                {"Retry-After": str(self.state.retry_after_s)},
            )
        elif fault in ("500", "502", "503"):
            self._send(int(fault), f"<html><body>{fault} Server Error</body></html>".encode(), "text/html")
        elif fault == "error-body":
            if utility == "esearch":
                body = ESEARCH_PROLOG + b"<eSearchResult><ERROR>Search Backend failed: temporary failure</ERROR></eSearchResult>\n"
            else:
                body = b'<?xml version="1.0" encoding="UTF-8" ?>\n<eFetchResult>\n\t<ERROR>Unable to obtain query #1</ERROR>\n</eFetchResult>\n'
            self._send(200, body, "text/xml; charset=UTF-8")
        elif fault == "slow":
            time.sleep(self.state.slow_s)
            return False
        elif fault == "drop":
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.close_connection = True
        return True

    # -- the utilities -----------------------------------------------------------------------------------
    def _esearch(self, params: dict[str, str]) -> bytes:
        state = self.state
        term = params.get("term", "")
        try:
            query = parse_term(term)
        except QueryError as exc:
            return ESEARCH_PROLOG + f"<eSearchResult><ERROR>{escape(str(exc))}</ERROR></eSearchResult>\n".encode()
        if query.unknown_fields:
            fields = "".join(f"<FieldNotFound>{escape(f)}</FieldNotFound>" for f in query.unknown_fields)
            return ESEARCH_PROLOG + (
                "<eSearchResult><Count>0</Count><RetMax>0</RetMax><RetStart>0</RetStart><IdList/><TranslationSet/>"
                f"<QueryTranslation>{escape(term)}</QueryTranslation><ErrorList>{fields}</ErrorList>"
                "<WarningList><OutputMessage>No items found.</OutputMessage></WarningList></eSearchResult>\n"
            ).encode()
        ranges = list(query.ranges)
        if params.get("mindate") or params.get("maxdate"):
            datetype = DATE_FIELDS.get(params.get("datetype", "pdat").lower())
            if datetype is None:
                raise ValueError(f"datetype {params.get('datetype')!r}")
            lo = _day(params.get("mindate") or "1781", False)
            hi = _day(params.get("maxdate") or "3000", True)
            ranges.append((datetype, lo, hi))
        with state.lock:
            records = state.sorted_records()
        matches = [
            r.pmid
            for r in records
            if query.words <= r.keywords and all(lo <= getattr(r, f) <= hi for f, lo, hi in ranges)
        ]
        retstart = int(params.get("retstart") or 0)
        retmax = int(params.get("retmax") or 20)
        if retstart > state.cap - 1:
            return ESEARCH_PROLOG + (
                f"<eSearchResult><ERROR>Search Backend failed: retstart above {state.cap - 1} is not served; "
                f"only the first {state.cap} ids of a query are listed</ERROR></eSearchResult>\n"
            ).encode()
        shown = matches[retstart : min(retstart + retmax, state.cap)]
        history = ""
        if params.get("usehistory") == "y":
            with state.lock:
                webenv = params.get("WebEnv") or f"MCID_{state.rng.getrandbits(96):024x}"
                keys = state.histories.setdefault(webenv, [])
                keys.append(matches)
                history = f"<QueryKey>{len(keys)}</QueryKey><WebEnv>{webenv}</WebEnv>"
        ids = "".join(f"<Id>{p}</Id>\n" for p in shown)
        return ESEARCH_PROLOG + (
            f"<eSearchResult><Count>{len(matches)}</Count><RetMax>{len(shown)}</RetMax><RetStart>{retstart}</RetStart>"
            f"{history}<IdList>\n{ids}</IdList><TranslationSet/>"
            f"<QueryTranslation>{escape(term)}</QueryTranslation></eSearchResult>\n"
        ).encode()

    def _efetch(self, params: dict[str, str], partial: bool) -> bytes:
        state = self.state
        if params.get("db", "pubmed") != "pubmed":
            raise ValueError(f"db {params.get('db')!r}")
        if params.get("id"):
            try:
                pmids = [int(x) for x in params["id"].split(",") if x.strip()]
            except ValueError as exc:
                raise ValueError(f"id list: {exc}") from None
        elif params.get("WebEnv") and params.get("query_key"):
            keys = state.histories.get(params["WebEnv"], [])
            index = int(params["query_key"]) - 1
            if not 0 <= index < len(keys):
                return b'<?xml version="1.0" encoding="UTF-8" ?>\n<eFetchResult>\n\t<ERROR>Unable to obtain query #1</ERROR>\n</eFetchResult>\n'
            start = int(params.get("retstart") or 0)
            pmids = keys[index][start : start + int(params.get("retmax") or 20)]
        else:
            raise ValueError("efetch needs id or WebEnv+query_key")
        with state.lock:
            found = [state.records[p] for p in pmids if p in state.records]
        if partial:
            found = found[: len(found) - len(found) // 3]
        with state.lock:
            state.log[-1].ids = len(found)
            if not partial:
                state.delivered.update(r.pmid for r in found)
        return pubmed_set(found)

    def _einfo(self) -> bytes:
        count = len(self.state.records)
        return EINFO_PROLOG + (
            "<eInfoResult>\n\t<DbInfo>\n\t\t<DbName>pubmed</DbName>\n\t\t<MenuName>PubMed</MenuName>\n"
            "\t\t<Description>PubMed bibliographic record</Description>\n\t\t<DbBuild>Build-standin</DbBuild>\n"
            f"\t\t<Count>{count}</Count>\n\t\t<LastUpdate>2026/01/01 00:00</LastUpdate>\n"
            "\t\t<FieldList/>\n\t\t<LinkList/>\n\t</DbInfo>\n</eInfoResult>\n"
        ).encode()


def max_in_window(times: list[float], window_s: float = 1.0) -> int:
    """The largest number of request arrivals inside any half-open window of ``window_s`` seconds."""
    times = sorted(times)
    best = 0
    for i, t in enumerate(times):
        j = bisect.bisect_left(times, t + window_s)
        best = max(best, j - i)
    return best


def stats(state: ServerState) -> dict[str, Any]:
    """Summary of the request log."""
    with state.lock:
        log = list(state.log)
    return {
        "requests": len(log),
        "by_utility": dict(Counter(e.utility for e in log)),
        "faults": dict(Counter(e.fault for e in log if e.fault)),
        "max_per_second": max_in_window([e.at for e in log]),
        "with_api_key": sum(e.has_api_key for e in log),
    }


class EutilsServer:
    """The stand-in server, run in a background thread.  Use as a context manager.

    Parameters
    ----------
    records
        The corpus (see :func:`synthetic_records`).
    fault_rate
        Share of responses that get a random fault from ``fault_kinds``.
    """

    def __init__(
        self,
        records: Iterable[Record] = (),
        *,
        fault_rate: float = 0.0,
        fault_kinds: Iterable[str] = FAULT_KINDS,
        retry_after_s: int = 1,
        slow_s: float = 2.0,
        cap: int = CAP,
        seed: int = 11,
        port: int = 0,
    ) -> None:
        kinds = tuple(fault_kinds)
        unknown = set(kinds) - set(FAULT_KINDS)
        if unknown:
            raise ValueError(f"Unknown fault kinds {sorted(unknown)}; expected some of {FAULT_KINDS}")
        self.state = ServerState(
            records={r.pmid: r for r in records},
            fault_rate=fault_rate,
            fault_kinds=kinds,
            retry_after_s=retry_after_s,
            slow_s=slow_s,
            cap=cap,
            rng=random.Random(seed),
        )
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/entrez/eutils/"

    def start(self) -> "EutilsServer":
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread:
            self._thread.join(5)

    def __enter__(self) -> "EutilsServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- controls for tests ------------------------------------------------------------------------------
    def queue_faults(self, *kinds: str, utility: str | None = None) -> None:
        """The next matching requests get these faults, in order."""
        with self.state.lock:
            for kind in kinds:
                if kind not in FAULT_KINDS:
                    raise ValueError(f"Unknown fault {kind!r}")
                self.state.queued.append((kind, utility))

    def queue_raw(self, body: bytes) -> None:
        """The next request gets this body verbatim (HTTP 200)."""
        with self.state.lock:
            self.state.raw.append(body)

    def put_record(self, record: Record) -> None:
        """Add or replace (revise) a record."""
        with self.state.lock:
            self.state.records[record.pmid] = record

    def remove_record(self, pmid: int) -> None:
        with self.state.lock:
            self.state.records.pop(pmid, None)

    def set_fault_rate(self, rate: float) -> None:
        with self.state.lock:
            self.state.fault_rate = rate

    @property
    def log(self) -> list[LogEntry]:
        with self.state.lock:
            return list(self.state.log)

    def stats(self) -> dict[str, Any]:
        return stats(self.state)

    def matching(self, words: Iterable[str] = ("sarcoma",)) -> list[int]:
        """PMIDs whose keywords include all ``words`` (what a fetch of that query must deliver)."""
        need = frozenset(words)
        with self.state.lock:
            return sorted(r.pmid for r in self.state.records.values() if need <= r.keywords)


def _main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--fault-rate", type=float, default=0.0)
    parser.add_argument("--faults", default=",".join(FAULT_KINDS))
    parser.add_argument("--slow-s", type=float, default=2.0)
    parser.add_argument("--retry-after-s", type=int, default=1)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    server = EutilsServer(
        synthetic_records(args.records),
        fault_rate=args.fault_rate,
        fault_kinds=[k for k in args.faults.split(",") if k],
        slow_s=args.slow_s,
        retry_after_s=args.retry_after_s,
        seed=args.seed,
    )
    print(server.url, flush=True)
    try:
        server._httpd.serve_forever(poll_interval=0.05)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    _main(sys.argv[1:])
