"""Reading gold annotations and predictions for scoring.

Gold comes either as a folder of ``<id>.txt`` + ``<id>.json`` pairs (the
development set in ``corpora/dev/``) or as a JSON Lines file of studies.  The
gold JSON is the project's study form plus three keys the scorer reads:
``tags``, ``arms[].aliases`` and ``ignore`` (see ``corpora/dev/README.md``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from evidence.errors import InputError, ParseError
from evidence.records import Article, Kind, Study, study_from_json
from evidence.sources.text import read_text_file

__all__ = ["GoldStudy", "default_gold_dir", "load_gold", "load_predictions", "read_gold_json"]


@dataclass(frozen=True)
class GoldStudy:
    """One annotated study: the gold record, its text (when known) and the annotation extras."""

    study: Study
    article: Article | None = None
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    ignore: frozenset[str] = frozenset()

    @property
    def pmid(self) -> str:
        return self.study.pmid


def default_gold_dir() -> Path:
    """The embedded development set (``corpora/dev/`` shipped with the package)."""
    import corpora

    return Path(corpora.__file__).resolve().parent / "dev"


def read_gold_json(data: Mapping[str, Any], where: str = "gold") -> GoldStudy:
    """A :class:`GoldStudy` from one gold JSON object; raise ParseError naming ``where`` if malformed."""
    try:
        study = study_from_json(data)
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        raise ParseError(f"{where}: not a study in the JSON study form ({exc})") from exc
    for finding in study.findings:
        if finding.kind == Kind.RATE and finding.value is not None and not 0 <= finding.value <= 1:
            raise ParseError(f"{where}: rate {finding.value} of {finding.measure.value} is not a proportion 0-1")
    aliases = {
        str(arm["label"]): tuple(str(a) for a in arm.get("aliases") or ())
        for arm in data.get("arms") or ()
        if isinstance(arm, Mapping) and "label" in arm
    }
    return GoldStudy(
        study=study,
        aliases=aliases,
        tags=tuple(data.get("tags") or ()),
        ignore=frozenset(data.get("ignore") or ()),
    )


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"{path}: not valid JSON ({exc})") from exc


def _read_jsonl(path: Path) -> Iterable[tuple[str, Any]]:
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        yield f"{path}:{number}", json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise ParseError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ParseError(f"{path}: not UTF-8 text") from exc


def load_gold(path: Path | str) -> list[GoldStudy]:
    """Gold studies from a folder of ``.txt`` + ``.json`` pairs or from a JSON Lines file.

    In a folder, every ``<id>.json`` is a gold study and ``<id>.txt`` (if
    present) its text, read as an Article so the extractor can be run on it.

    Raises
    ------
    InputError
        The path does not exist, or holds no gold studies.
    ParseError
        A file is not valid JSON or not in the study form.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such gold file or folder")
    gold: list[GoldStudy] = []
    if path.is_dir():
        for json_path in sorted(path.glob("*.json")):
            item = read_gold_json(_read_json(json_path), str(json_path))
            txt = json_path.with_suffix(".txt")
            article = read_text_file(txt) if txt.exists() else None
            if article is not None and article.pmid != item.pmid:
                raise ParseError(f"{json_path}: pmid {item.pmid!r} does not match its text file {txt.name}")
            gold.append(GoldStudy(item.study, article, item.aliases, item.tags, item.ignore))
    else:
        gold = [read_gold_json(data, where) for where, data in _read_jsonl(path)]
    if not gold:
        raise InputError(f"{path}: holds no gold studies (expected <id>.json files or JSON Lines)")
    seen: set[str] = set()
    for item in gold:
        if item.pmid in seen:
            raise ParseError(f"{path}: gold study {item.pmid!r} appears twice")
        seen.add(item.pmid)
    return gold


def load_predictions(path: Path | str) -> dict[str, Study]:
    """Predicted studies by pmid from JSON Lines (the output of ``evidence extract``).

    Raises
    ------
    InputError
        The file does not exist.
    ParseError
        A line is not a study in the JSON study form.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such predictions file (expected JSON Lines from 'evidence extract')")
    predictions: dict[str, Study] = {}
    for where, data in _read_jsonl(path):
        try:
            study = study_from_json(data)
        except (KeyError, ValueError, TypeError, IndexError) as exc:
            raise ParseError(f"{where}: not a study in the JSON study form ({exc})") from exc
        predictions[study.pmid] = study
    return predictions
