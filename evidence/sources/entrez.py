"""The E-utilities client: the only module that touches ``Bio.Entrez``.

Biopython builds the E-utilities requests and parses esearch/einfo XML; this
module adds what it lacks for unattended use:

* a configurable base URL (the CLI reads ``EVIDENCE_EUTILS_URL``), so tests and
  the benchmark talk to a stand-in server on 127.0.0.1;
* a timeout on every request, and retries with exponential backoff and jitter on
  429, 5xx, connection errors, timeouts, truncated bodies and HTTP-200 bodies
  holding ``<ERROR>``; ``Retry-After`` is honoured; retries are bounded in count
  and in total time, after which :class:`~evidence.errors.FetchError` is raised;
* a request-rate limit shared by every process using the same store
  (:mod:`evidence.sources.ratelimit`);
* esearch that splits a query with more hits than PubMed lists (9,999) into
  entry-date windows, recursively, so that every record is fetched;
* efetch in batches (POSTed id lists), parsed as a stream, checked so that
  every requested PMID came back, missing ones requested again.

The API key, e-mail and tool name come in an :class:`EntrezConfig` value; they
are sent to the server and never printed, logged or stored (``repr`` hides
them and error messages are scrubbed).  ``Bio.Entrez`` module globals are never
set: every request carries its own ``tool``/``email``/``api_key`` parameters.
"""

from __future__ import annotations

import email.utils
import http.client
import io
import random
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from evidence.errors import FetchError, InputError, ParseError, TransientFetchError
from evidence.records import Article
from evidence.sources.ratelimit import RateLimiter

__all__ = [
    "DATE_TYPES",
    "NCBI_EUTILS_URL",
    "PUBMED_SEARCH_CAP",
    "DateWindow",
    "EntrezClient",
    "EntrezConfig",
    "FetchedBatch",
    "RequestStats",
    "SearchPage",
    "parse_date",
]

NCBI_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
PUBMED_SEARCH_CAP = 9999  # esearch lists at most this many PMIDs of one query
DATE_TYPES = {"entry": "edat", "publication": "pdat", "modification": "mdat"}
EARLIEST_ENTRY = date(1781, 1, 1)  # no PubMed record has an earlier entry date
_TRANSIENT_ERROR = re.compile(
    r"backend|temporar|unavailable|timed? ?out|try again|unable to obtain|internal|too many requests|rate limit",
    re.IGNORECASE,
)
_ENV_URL, _ENV_KEY, _ENV_EMAIL, _ENV_TOOL = "EVIDENCE_EUTILS_URL", "NCBI_API_KEY", "NCBI_EMAIL", "NCBI_TOOL"

T = TypeVar("T")


@dataclass(frozen=True)
class EntrezConfig:
    """How to talk to E-utilities.  Build it once (the CLI uses :meth:`from_environ`) and pass it in.

    ``rate_per_s`` None means NCBI's limit: 3 requests/s, 10 with an API key.
    ``rate_lock_path`` is the file shared by processes using the same store.
    """

    base_url: str = NCBI_EUTILS_URL
    api_key: str | None = field(default=None, repr=False)
    email: str | None = field(default=None, repr=False)
    tool: str = "evidence"
    timeout_s: float = 30.0
    max_retries: int = 8
    max_retry_time_s: float = 300.0
    backoff_base_s: float = 1.0
    backoff_max_s: float = 60.0
    rate_per_s: float | None = None
    rate_lock_path: Path | None = None
    batch_size: int = 500
    search_cap: int = PUBMED_SEARCH_CAP
    max_missing_rounds: int = 2
    jitter_seed: int | None = None

    def __post_init__(self) -> None:
        url = urllib.parse.urlsplit(self.base_url)
        if url.scheme not in ("http", "https") or not url.netloc:
            raise InputError(f"Invalid E-utilities URL {self.base_url!r}; expected http(s)://host/path/")
        if not self.base_url.endswith("/"):
            object.__setattr__(self, "base_url", self.base_url + "/")
        if self.batch_size < 1 or self.batch_size > 10000:
            raise InputError(f"Invalid batch size {self.batch_size}; expected 1..10000")
        if self.max_retries < 0:
            raise InputError(f"Invalid max_retries {self.max_retries}; expected >= 0")

    @classmethod
    def from_environ(cls, environ: Mapping[str, str], **overrides: Any) -> "EntrezConfig":
        """Read ``EVIDENCE_EUTILS_URL``, ``NCBI_API_KEY``, ``NCBI_EMAIL`` and ``NCBI_TOOL`` once."""
        values: dict[str, Any] = {
            "base_url": environ.get(_ENV_URL) or NCBI_EUTILS_URL,
            "api_key": environ.get(_ENV_KEY) or None,
            "email": environ.get(_ENV_EMAIL) or None,
            "tool": environ.get(_ENV_TOOL) or "evidence",
        }
        values.update(overrides)
        return cls(**values)

    @property
    def effective_rate_per_s(self) -> float:
        """Requests per second the limiter allows."""
        if self.rate_per_s is not None:
            return self.rate_per_s
        return 10.0 if self.api_key else 3.0


@dataclass
class RequestStats:
    """What the client did: HTTP attempts, retries and why, esearch windows, efetch batches."""

    requests: int = 0
    retries: int = 0
    windows: int = 0
    batches: int = 0
    missing_rerequests: int = 0
    truncated_windows: int = 0
    reasons: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class DateWindow:
    """An inclusive range of days."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def halves(self) -> tuple["DateWindow", "DateWindow"]:
        mid = self.start + timedelta(days=(self.days - 1) // 2)
        return DateWindow(self.start, mid), DateWindow(mid + timedelta(days=1), self.end)

    def term(self, tag: str = "edat") -> str:
        return f"{_ymd(self.start)}:{_ymd(self.end)}[{tag}]"


@dataclass(frozen=True)
class SearchPage:
    """One esearch answer."""

    count: int
    ids: tuple[str, ...]
    webenv: str = ""
    query_key: str = ""
    translation: str = ""
    window: DateWindow | None = None


@dataclass(frozen=True)
class FetchedBatch:
    """The outcome of fetching one batch of PMIDs."""

    requested: tuple[str, ...]
    articles: tuple[Article, ...]
    deleted: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


def parse_date(text: str, *, end: bool = False) -> date:
    """Read ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (or with ``/``); ``end`` picks the last day of a year or month."""
    value = str(text).strip().replace("/", "-")
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            if not end:
                return first
            nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            return nxt - timedelta(days=1)
        if len(parts) == 3:
            return date(parts[0], parts[1], parts[2])
    except ValueError:
        pass
    raise InputError(f"Invalid date {text!r}; expected YYYY, YYYY-MM or YYYY-MM-DD")


def _ymd(day: date) -> str:
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}"


class EntrezClient:
    """E-utilities client with timeouts, bounded retries, a shared rate limit and search splitting.

    Parameters
    ----------
    config
        Where and how to connect (see :class:`EntrezConfig`).
    limiter
        A rate limiter to share; by default one is built from the config.
    opener
        ``urllib.request.urlopen``-like callable ``(request, timeout) -> response``.
    sleep
        ``time.sleep``-like callable used for backoff pauses.
    """

    def __init__(
        self,
        config: EntrezConfig,
        *,
        limiter: RateLimiter | None = None,
        opener: Callable[..., Any] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self.limiter = limiter or RateLimiter(config.effective_rate_per_s, config.rate_lock_path)
        self.stats = RequestStats()
        self._open = opener or _default_opener(config.base_url)
        self._sleep = sleep
        self._random = random.Random(config.jitter_seed)

    def __repr__(self) -> str:
        return f"EntrezClient(base_url={self.config.base_url!r})"

    # -- one request with retries ------------------------------------------------------------------------
    def request(self, utility: str, params: Mapping[str, Any], check: Callable[[bytes], T], *, post: bool = False) -> T:
        """Call ``<base_url><utility>.fcgi`` and return ``check(body)``, retrying transient failures.

        ``check`` validates and parses a body; it raises :class:`TransientFetchError` for a body
        worth asking again for (truncated, ``<ERROR>``) and any package error for a
        permanent problem.  Raises :class:`FetchError` once retries are exhausted.
        """
        started = time.monotonic()
        attempt = 0
        while True:
            request = self._build(utility, params, post)
            self.limiter.acquire()
            self.stats.requests += 1
            try:
                return check(self._send(request))
            except TransientFetchError as exc:
                reason, retry_after = exc.reason, exc.retry_after_s
            attempt += 1
            self.stats.reasons[reason.split(":")[0]] += 1
            delay = retry_after if retry_after is not None else self._backoff(attempt)
            elapsed = time.monotonic() - started
            if attempt > self.config.max_retries or elapsed + delay > self.config.max_retry_time_s:
                raise FetchError(
                    self._scrub(
                        f"{utility} at {self.config.base_url} kept failing after {attempt} attempt(s)"
                        f" in {elapsed:.1f} s: {reason}"
                    )
                )
            self.stats.retries += 1
            self._sleep(delay)

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.config.backoff_max_s, self.config.backoff_base_s * 2 ** (attempt - 1))
        return ceiling * (0.5 + 0.5 * self._random.random())

    def _build(self, utility: str, params: Mapping[str, Any], post: bool) -> urllib.request.Request:
        full = dict(params)
        full.update({"tool": self.config.tool, "email": self.config.email, "api_key": self.config.api_key})
        cgi = f"{self.config.base_url}{utility}.fcgi"
        try:
            from Bio import Entrez

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # Biopython warns when no e-mail is given
                return Entrez._build_request(cgi, full, post=post or None)
        except (ImportError, AttributeError, TypeError):  # pragma: no cover - Biopython changed its internals
            query = urllib.parse.urlencode({k: v for k, v in full.items() if v is not None}, doseq=True)
            if post:
                return urllib.request.Request(cgi, data=query.encode("utf-8"), method="POST")
            return urllib.request.Request(f"{cgi}?{query}", method="GET")

    def _send(self, request: urllib.request.Request) -> bytes:
        try:
            response = self._open(request, timeout=self.config.timeout_s)
        except urllib.error.HTTPError as exc:
            retry_after = _retry_after_s(exc.headers.get("Retry-After") if exc.headers else None)
            exc.close()
            if exc.code == 429 or exc.code >= 500:
                raise TransientFetchError(f"HTTP {exc.code}", retry_after) from None
            raise FetchError(
                self._scrub(f"{request.full_url.split('?')[0]} answered HTTP {exc.code} {exc.reason}; not retried")
            ) from None
        except urllib.error.URLError as exc:
            raise TransientFetchError(f"connection error: {_describe(exc.reason)}") from None
        except (TimeoutError, socket.timeout):
            raise TransientFetchError("timeout") from None
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            raise TransientFetchError(f"connection error: {_describe(exc)}") from None
        try:
            with response:
                body = response.read()
        except http.client.IncompleteRead:
            raise TransientFetchError("truncated body") from None
        except (TimeoutError, socket.timeout):
            raise TransientFetchError("timeout") from None
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            raise TransientFetchError(f"connection error: {_describe(exc)}") from None
        return body

    def _scrub(self, text: str) -> str:
        for secret in (self.config.api_key, self.config.email):
            if secret:
                text = text.replace(secret, "***").replace(urllib.parse.quote(secret), "***")
        return text

    # -- esearch -----------------------------------------------------------------------------------------
    def esearch(
        self,
        term: str,
        *,
        retmax: int = 0,
        retstart: int = 0,
        usehistory: bool = False,
        mindate: date | None = None,
        maxdate: date | None = None,
        datetype: str = "edat",
    ) -> SearchPage:
        """One esearch on PubMed.  An unparseable query raises :class:`InputError`."""
        params: dict[str, Any] = {"db": "pubmed", "term": term, "retmax": retmax, "retstart": retstart}
        if usehistory:
            params["usehistory"] = "y"
        if mindate or maxdate:
            params["datetype"] = datetype
            params["mindate"] = _ymd(mindate or EARLIEST_ENTRY)
            params["maxdate"] = _ymd(maxdate or _today())
        return self.request("esearch", params, lambda body: _read_esearch(body, term))

    def einfo(self, db: str = "pubmed") -> dict[str, str]:
        """Count, LastUpdate and DbBuild of one database (``einfo``)."""
        return self.request("einfo", {"db": db}, _read_einfo)

    def search_windows(
        self,
        query: str,
        *,
        since: date | None = None,
        until: date | None = None,
        date_type: str = "edat",
        max_records: int | None = None,
    ) -> Iterator[SearchPage]:
        """The PMIDs of a query, window by window, each answer holding every id of its window.

        The query (limited by ``since``/``until`` on ``date_type``) is sent once; when
        PubMed reports more hits than it listed (it lists 9,999 at most), the query is split into
        entry-date windows, halved recursively until each fits.  Windows come in
        date order and do not overlap, so no PMID appears twice.  When the first
        answer already lists ``max_records`` ids, no splitting is done.
        """
        if date_type not in DATE_TYPES.values():
            raise InputError(f"Invalid date type {date_type!r}; expected one of {sorted(DATE_TYPES.values())}")
        if since and until and since > until:
            raise InputError(f"--since {since} is after --until {until}")
        cap = self.config.search_cap
        dated: dict[str, Any] = {"mindate": since, "maxdate": until, "datetype": date_type}
        self.stats.windows += 1
        page = self.esearch(query, retmax=cap, **dated)
        enough = max_records is not None and len(page.ids) >= max_records
        if page.count <= len(page.ids) or enough:  # every hit listed (whatever the server's cap), or enough
            yield page
            return
        lo = since if (date_type == "edat" and since) else EARLIEST_ENTRY
        hi = until if (date_type == "edat" and until) else _today()
        stack = [DateWindow(lo, hi)]
        while stack:
            window = stack.pop()
            self.stats.windows += 1
            page = self.esearch(f"({query}) AND ({window.term('edat')})", retmax=cap, **dated)
            if page.count > len(page.ids) and window.days > 1:
                first, second = window.halves()
                stack.extend((second, first))
                continue
            if page.count > len(page.ids):
                self.stats.truncated_windows += 1
            yield replace(page, window=window)

    # -- efetch ------------------------------------------------------------------------------------------
    def efetch_batch(self, pmids: Sequence[str]) -> FetchedBatch:
        """Fetch one batch of PubMed records by POSTed id list, re-requesting PMIDs that did not come back."""
        requested = tuple(dict.fromkeys(str(p) for p in pmids))
        found: dict[str, Article] = {}
        deleted: list[str] = []
        wanted = list(requested)
        for round_ in range(self.config.max_missing_rounds + 1):
            if not wanted:
                break
            if round_:
                self.stats.missing_rerequests += 1
                self.stats.retries += 1
                self.stats.reasons["missing records"] += 1
            self.stats.batches += round_ == 0
            name = f"efetch of {len(wanted)} PMIDs from {wanted[0]}"
            events = self.request(
                "efetch",
                {"db": "pubmed", "id": ",".join(wanted), "retmode": "xml", "rettype": "abstract"},
                lambda body: _read_efetch(body, name),
                post=True,
            )
            for event in events:
                if isinstance(event, Article):
                    previous = found.get(event.pmid)
                    if previous is None or event.version >= previous.version:
                        found[event.pmid] = replace(event, source="entrez")
                else:
                    deleted.extend(event.pmids)
            wanted = [p for p in wanted if p not in found]
        return FetchedBatch(requested, tuple(found.values()), tuple(deleted), tuple(wanted))

    def efetch_history(self, webenv: str, query_key: str, retstart: int = 0, retmax: int = 500) -> list[Any]:
        """Records (and deletions) of a search kept on the history server, one page, by GET."""
        name = f"efetch of {webenv} #{query_key} from {retstart}"
        params = {"db": "pubmed", "WebEnv": webenv, "query_key": query_key, "retstart": retstart, "retmax": retmax}
        params.update(retmode="xml", rettype="abstract")
        return self.request("efetch", params, lambda body: _read_efetch(body, name))

    def fetch_batches(self, pmids: Iterable[str], batch_size: int | None = None) -> Iterator[FetchedBatch]:
        """Fetch PMIDs in batches of ``batch_size`` (default from the config); memory is one batch."""
        size = batch_size or self.config.batch_size
        chunk: list[str] = []
        for pmid in pmids:
            chunk.append(pmid)
            if len(chunk) == size:
                yield self.efetch_batch(chunk)
                chunk = []
        if chunk:
            yield self.efetch_batch(chunk)

    def search_ids(
        self,
        query: str,
        *,
        since: date | None = None,
        until: date | None = None,
        date_type: str = "edat",
        max_records: int | None = None,
        pages: list[SearchPage] | None = None,
    ) -> Iterator[str]:
        """Every PMID the query matches (window by window), at most ``max_records``; pages go to ``pages``."""
        emitted = 0
        windows = self.search_windows(query, since=since, until=until, date_type=date_type, max_records=max_records)
        for page in windows:
            if pages is not None:
                pages.append(replace(page, ids=()))
            for pmid in page.ids:
                if max_records is not None and emitted >= max_records:
                    return
                emitted += 1
                yield pmid


def _default_opener(base_url: str) -> Callable[..., Any]:
    """``urlopen``, except that a server on this machine is reached directly, never through a proxy."""
    host = urllib.parse.urlsplit(base_url).hostname or ""
    if host in ("127.0.0.1", "localhost", "::1"):
        return urllib.request.build_opener(urllib.request.ProxyHandler({})).open
    return urllib.request.urlopen


def _today() -> date:
    return datetime.now(timezone.utc).date()


def _describe(reason: object) -> str:
    if isinstance(reason, BaseException):
        text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
        return f"{type(reason).__name__}: {text}" if str(text) != type(reason).__name__ else str(text)
    return str(reason)


def _retry_after_s(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _error_text(body: bytes) -> str | None:
    """The text of an ``<ERROR>`` element in a body, if any (looked for only near the start)."""
    match = re.search(rb"<ERROR>(.*?)</ERROR>", body[:4096], re.DOTALL)
    return match.group(1).decode("utf-8", "replace").strip() if match else None


def _read_esearch(body: bytes, term: str) -> SearchPage:
    from Bio import Entrez

    error = _error_text(body)
    if error is not None:
        if _TRANSIENT_ERROR.search(error):
            raise TransientFetchError(f"<ERROR> body: {error[:120]}")
        raise InputError(f"Query {term!r} was rejected by E-utilities: {error[:200]}")
    try:
        record = Entrez.read(io.BytesIO(body))
    except RuntimeError as exc:  # an <ERROR> Entrez found deeper in the body
        raise TransientFetchError(f"<ERROR> body: {str(exc)[:120]}") from None
    except Exception as exc:  # truncated or malformed XML
        raise TransientFetchError(f"truncated or malformed body: esearch XML ({type(exc).__name__})") from None
    try:
        count = int(record["Count"])
        ids = tuple(str(i) for i in record.get("IdList", ()))
    except (KeyError, TypeError, ValueError):
        raise TransientFetchError("truncated or malformed body: esearch answer without Count") from None
    errors = record.get("ErrorList") or {}
    bad_fields = list(errors.get("FieldNotFound", ())) if hasattr(errors, "get") else []
    if bad_fields and count == 0:
        raise InputError(f"Query {term!r} could not be parsed: unknown field(s) {', '.join(map(str, bad_fields))}")
    return SearchPage(
        count=count,
        ids=ids,
        webenv=str(record.get("WebEnv", "")),
        query_key=str(record.get("QueryKey", "")),
        translation=str(record.get("QueryTranslation", "")),
    )


def _read_einfo(body: bytes) -> dict[str, str]:
    from Bio import Entrez

    error = _error_text(body)
    if error is not None:
        raise TransientFetchError(f"<ERROR> body: {error[:120]}")
    try:
        record = Entrez.read(io.BytesIO(body))
        info = record["DbInfo"]
        if isinstance(info, list):
            info = info[0]
        return {k: str(info[k]) for k in ("DbName", "Count", "LastUpdate", "DbBuild") if k in info}
    except Exception as exc:
        raise TransientFetchError(f"truncated or malformed body: einfo XML ({type(exc).__name__})") from None


def _read_efetch(body: bytes, name: str) -> list[Any]:
    from evidence.sources.pubmed_xml import iter_pubmed_events

    error = _error_text(body)
    if error is not None:
        raise TransientFetchError(f"<ERROR> body: {error[:120]}")
    if not body.rstrip().endswith(b"</PubmedArticleSet>"):
        raise TransientFetchError("truncated or malformed body: efetch answer does not end with </PubmedArticleSet>")
    try:
        return list(iter_pubmed_events(io.BytesIO(body), name))
    except ParseError as exc:
        raise TransientFetchError(f"truncated or malformed body: {str(exc)[:120]}") from None
