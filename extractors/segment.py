"""Sentences and tokens for abstracts: boundaries that survive "vs.", "et al.", "95% CI", "P = .04", decimals.

:func:`sentence_bounds` is a pure function over text; :class:`SentenceSegmenter`
is the spaCy component that writes its result to ``token.is_sent_start``.
:class:`FastTokenizer` splits words, numbers and punctuation with one regex,
several times faster than the rule-based English tokenizer, which matters at
1,000 abstracts per second.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, chain
from typing import Iterable, Sequence
from operator import add

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["SENTENCES", "TEXT", "TextDoc", "text_of", "token_offsets", "token_range", "tokens_between", "FastTokenizer", "SentenceSegmenter", "sentence_bounds"]

SENTENCES = "evidence_sentences"
TEXT = "evidence_text"
TOKEN_OFFSETS = "evidence_token_offsets"


class TextDoc:
    """An abstract as the finders read it: its text and ``user_data``, without tokens.

    Every component reads and writes character offsets only (the hits, the sentence bounds), so
    :func:`~extractors.pipeline.extract_studies` runs them on this instead of a spaCy ``Doc``:
    the text is not tokenised, no ``Doc`` is built and no sentence starts are marked on tokens.
    The pipeline called on a text (``nlp(text)``) still makes a ``Doc`` with the same spans.
    Token offsets, asked for only in the rare case of a hit ending before it starts, are those the
    tokenizer would give (:func:`token_offsets`).
    """

    __slots__ = ("user_data",)

    def __init__(self, text: str) -> None:
        self.user_data: dict = {TEXT: text}

    @property
    def text(self) -> str:
        return self.user_data[TEXT]


def text_of(doc: Doc | TextDoc) -> str:
    """The doc's text (kept by the tokenizer: ``Doc.text`` rebuilds the string from every token)."""
    text = doc.user_data.get(TEXT)
    return text if text is not None else doc.text


def token_offsets(doc: Doc | TextDoc) -> tuple[list[int], list[int], int]:
    """Start and end (trailing space excluded) character offsets of the doc's tokens, and the text length.

    Computed once per doc: a token and its trailing space cover the text without gaps, so the
    token holding a character is a bisection of the start offsets.  A :class:`TextDoc`'s are
    those of the tokens :class:`FastTokenizer` makes of its text.
    """
    offsets = doc.user_data.get(TOKEN_OFFSETS)
    if offsets is None:
        if type(doc) is TextDoc:
            idx, ends, _ = _token_offsets_of(text_of(doc))
        elif len(doc):
            array = doc.to_array([IDX, LENGTH])
            idx, ends = array[:, 0].tolist(), (array[:, 0] + array[:, 1]).tolist()
        else:
            idx, ends = [], []
        offsets = doc.user_data[TOKEN_OFFSETS] = (idx, ends, len(text_of(doc)))
    return offsets


def _token_offsets_of(text: str) -> tuple[list[int], list[int], int]:
    """:func:`token_offsets` of the tokens :class:`FastTokenizer` makes of ``text`` (its plain form)."""
    pairs = (_TOKEN_ASCII if text.isascii() else _TOKEN).findall(text)
    lengths = [len(w) for w, _ in pairs]
    starts = list(accumulate((n + (s == " ") for n, (_, s) in zip(lengths, pairs)), initial=0))
    starts.pop()
    return starts, list(map(add, starts, lengths)), len(text)


def token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range of the characters ``start:end``, expanded to whole tokens; None when out of the text.

    The same tokens as ``doc.char_span(start, end, alignment_mode="expand")`` picks, without
    building a Span: a character in a token's trailing space belongs to the next token at the start.
    """
    starts, ends, length = token_offsets(doc)
    if not 0 <= start < length or not 0 < end <= length:
        return None
    return tokens_between(starts, ends, start, end)


def tokens_between(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int]:
    """:func:`token_range` over offsets already fetched (:func:`token_offsets`), for ``start:end`` inside the text:
    the token holding ``start`` (a start in a trailing space goes to the next token) to the one holding ``end - 1``."""
    first = bisect_right(starts, start) - 1
    if start == ends[first]:
        first += 1
    return first, bisect_right(starts, end - 1)


_ABBREVIATIONS = frozenset(
    """vs v versus al e.g i.e eg ie etc approx appr ca cf dr fig figs no nos resp ref refs mo mos yr yrs wk wks
    st jr mr mrs ms prof dept univ inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec
    min max sd se iqr incl est vol pp ed eds p pts pt n sec""".split()
)
#: where a sentence may end: a stop (with closing quotes or brackets) before white space and a capital or
#: digit, or a newline.  The first character is consumed by one character class (the pattern then reads
#: back which it was): the scan for a start is a set test, cheaper than a look-ahead at every position
_CANDIDATE = re.compile(r"[.!?\n](?:(?<=\n)|(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s+[\"“'(\[]?[A-Z0-9]))")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (whitespace between sentences excluded).

    Text without "!" or "?" (almost every abstract) is scanned for its full stops only, by
    :data:`_STOP` (a pattern led by one literal character, which the regex engine finds some five
    times quicker than one of a set), and cut at every newline besides: the same candidates as
    :data:`_CANDIDATE` finds (a stop's match never holds a newline, a newline's is the newline).
    A stop after anything but a letter, a dot or a newline has no word before it, so it ends its
    sentence without the look-back.  :func:`_sentence_bounds_plain` is the plain form.
    """
    if "!" in text or "?" in text:
        return _sentence_bounds_plain(text)
    cuts: list[int] = []
    word_before = _WORD_BEFORE.search
    word_chars = _WORD_CHARS
    for m in _STOP.finditer(text):
        at = m.start()
        if at and text[at - 1] in word_chars:
            if text[at - 1] == "\n":  # "$" matches before it: the pattern reads the word
                word = word_before(text, at - 12 if at > 12 else 0, at)
                w = word.group(1) if word else ""
            else:
                # what the pattern finds: the run of letters and dots ending at the stop, from its first letter
                window = text[at - 12 if at > 12 else 0 : at]
                w = window[len(window.rstrip(_LETTERS_AND_DOT)) :].lstrip(".")
            if w and (len(w) == 1 or w.lower().rstrip(".") in _ABBREVIATIONS):
                continue
        cuts.append(m.end())
    if "\n" in text:  # every newline ends a sentence too (a cut just after it)
        at = text.find("\n")
        while at >= 0:
            cuts.append(at + 1)
            at = text.find("\n", at + 1)
        cuts.sort()
    cuts.append(len(text))
    bounds: list[tuple[int, int]] = []
    start = 0
    for end in cuts:
        _append(text, start, end, bounds)
        start = end
    return bounds


#: a full stop that may end a sentence: :data:`_CANDIDATE`'s stop branch for text without "!" or "?"
_STOP = re.compile(r"\.[.!?]*[\"'”’)\]]*(?=\s+[\"“'(\[]?[A-Z0-9])")
#: the characters before a stop that :data:`_WORD_BEFORE` may find a word at: the word's own, and a newline
#: (its ``$`` matches before a newline that ends the text searched); after any other there is no word
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.\n")
#: the characters of a word :data:`_WORD_BEFORE` finds (``[A-Za-z.]``), for ``str.rstrip``
_LETTERS_AND_DOT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."


def _sentence_bounds_plain(text: str) -> list[tuple[int, int]]:
    """:func:`sentence_bounds` the plain way: every candidate of :data:`_CANDIDATE` in turn."""
    bounds: list[tuple[int, int]] = []
    start = 0
    word_before = _WORD_BEFORE.search
    for m in _CANDIDATE.finditer(text):
        at = m.start()
        if text[at] == ".":  # a stop, not a newline, "!" or "?"
            word = word_before(text, at - 12 if at > 12 else 0, at)
            if word and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        end = m.end()
        _append(text, start, end, bounds)
        start = end
    _append(text, start, len(text), bounds)
    return bounds


def _append(text: str, start: int, end: int, bounds: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        bounds.append((start, end))


_TOKEN = re.compile(r"([^\W_]+(?:[.·][0-9]+)*|[^\w\s]|_+|\s)( ?)")


def _ascii_class(pattern: str) -> str:
    """The ASCII characters ``pattern`` matches, as one character class (built from the pattern itself)."""
    return "[" + "".join(re.escape(chr(i)) for i in range(128) if re.fullmatch(pattern, chr(i))) + "]"


_ASCII_PUNCT, _ASCII_SPACE = _ascii_class(r"[^\w\s]"), _ascii_class(r"\s")
#: :data:`_TOKEN` for ASCII text: the same tokens with plain character classes, about twice as fast
_TOKEN_ASCII = re.compile(rf"([A-Za-z0-9]+(?:\.[0-9]+)*|{_ASCII_PUNCT}|_+|{_ASCII_SPACE})( ?)")


class FastTokenizer:
    """Words, numbers with their decimals, single punctuation marks; whitespace kept so ``doc.text == text``.

    Text without a double or leading space is split at its spaces, and the tokens of each piece are
    looked up in a cache (most pieces, "the", "patients", "(95%", recur from abstract to abstract):
    a token never spans a space and the space after a piece trails its last token, so the tokens are
    those of :data:`_TOKEN` over the whole text.  The token offsets are summed from the token lengths
    here (``token_offsets`` would read them back from the doc).
    """

    #: pieces kept in the cache at most: once it is full, new pieces are tokenised but not kept, so memory
    #: is bounded over any corpus (a few MB) and the pieces seen first, the common ones by Zipf's law, stay.
    #: Emptying a full cache instead made real abstracts slower than the plain form (their vocabulary is
    #: wide: about 130 against 96 us per development abstract with 4,096 pieces).
    MAX_PIECES = 32768

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._pieces = _Pieces(vocab, self)

    def __call__(self, text: str) -> Doc:
        if "  " in text or text.startswith(" ") or self.vocab.in_memory_zone:
            # the plain form: one regex over the text (strings interned in a memory zone are
            # dropped at its end, so no cached string ids are made there)
            pairs = (_TOKEN_ASCII if text.isascii() else _TOKEN).findall(text)
            words: list = [w for w, _ in pairs]
            spaces = [s == " " for _, s in pairs]
            lengths = list(map(len, words))
            steps: Iterable[int] = map(add, lengths, spaces)
        else:
            pieces = self._pieces
            chunks = text.split(" ")
            # each piece's tokens as (id, trailing space, length, length + space) runs, one chain for all
            flat = list(chain.from_iterable(map(pieces.__getitem__, chunks)))
            words, spaces, lengths, steps = flat[0::4], flat[1::4], flat[2::4], flat[3::4]
            if chunks[-1]:  # nothing follows the last piece
                spaces[-1] = False
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT] = text
        starts = list(accumulate(steps, initial=0))
        starts.pop()  # where a token after the last one would start
        doc.user_data[TOKEN_OFFSETS] = starts, list(map(add, starts, lengths)), len(text)
        return doc

    def to_bytes(self, **kwargs: object) -> bytes:  # pragma: no cover - nothing to serialise
        return b""

    def from_bytes(self, data: bytes, **kwargs: object) -> "FastTokenizer":  # pragma: no cover
        return self


class _Pieces(dict):
    """A space-free piece of text -> its tokens as runs of (string id, trailing space, length, length + space),
    the last token's space set."""

    def __init__(self, vocab: Vocab, owner: "FastTokenizer") -> None:
        super().__init__()
        self.strings = vocab.strings
        self.owner = owner  # whose MAX_PIECES bounds the cache

    def __missing__(self, piece: str) -> tuple[int, ...]:
        words = [w for w, _ in (_TOKEN_ASCII if piece.isascii() else _TOKEN).findall(piece)]
        add = self.strings.add
        value = tuple(chain.from_iterable((add(w), False, len(w), len(w)) for w in words))
        if value:  # the space after the piece trails its last token
            value = value[:-3] + (True, value[-2], value[-1] + 1)
        if len(self) < self.owner.MAX_PIECES:
            self[piece] = value
        return value


_NOT_START = numpy.uint64(2**64 - 1)


class SentenceSegmenter:
    """Sets ``token.is_sent_start`` from :func:`sentence_bounds` (and at every newline between sections)."""

    def __init__(self, name: str = "evidence_sentences") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        self.write(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[tuple[int, int]]:
        """Character spans of the sentences."""
        return sentence_bounds(text_of(doc))

    def write(self, doc: Doc, bounds: list[tuple[int, int]]) -> None:
        """Mark sentence starts on tokens; keep the character spans in ``doc.user_data[SENTENCES]``.

        Components read the character spans: iterating ``doc.sents`` walks every token in
        Python, which costs more than all the finders together.
        """
        doc.user_data[SENTENCES] = bounds
        if type(doc) is TextDoc or not len(doc):  # no tokens to mark
            return
        # one array write: setting token.is_sent_start one by one re-scans the doc each time
        # -1 (as uint64) marks "not a start", so doc.sents works on a one-sentence doc too (0 would mean "unknown")
        starts = numpy.full((len(doc), 1), _NOT_START, dtype="uint64")
        starts[0, 0] = 1
        # offsets fetched once; a sentence is never empty, so its first token starts it
        token_starts, token_ends, length = token_offsets(doc)
        for start, end in bounds:
            if not 0 <= start < length or not 0 < end <= length:
                continue
            first, last = tokens_between(token_starts, token_ends, start, end)
            if last > first:
                starts[first, 0] = 1
        doc.from_array([SENT_START], starts)


@Language.factory("evidence_sentences", assigns=["token.is_sent_start"])
def make_sentence_segmenter(nlp: Language, name: str) -> SentenceSegmenter:
    return SentenceSegmenter(name)
