"""The manifest of a scale-out run: which input files are done, so re-runs skip them.

``OUT/manifest.json`` maps each input stem to an entry::

    {"schema": 1,
     "files": {"pubmed25n0001": {"path": ..., "size": ..., "mtime_ns": ..., "status": "done",
                                 "articles": 30000, "deletions": 0, "studies": 30000,
                                 "findings": 41234, "seconds": 61.2, "worker": "host:pid",
                                 "peak_rss_bytes": ..., "error": ""}}}

A file is skipped on a re-run when its entry is ``done``, its size and modification
time (nanoseconds) are unchanged and its parts exist.  Only the coordinating process
writes the manifest, and always as a whole new file moved into place, so a run killed at
any moment leaves either the old or the new manifest, never a torn one.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from evidence.atomic import atomic_path
from evidence.errors import InputError

__all__ = ["FileResult", "Manifest", "RunLock", "fingerprint", "stem_of"]

MANIFEST_NAME = "manifest.json"
LOCK_NAME = ".lock"
SCHEMA = 1


def stem_of(path: Path) -> str:
    """The input's name without ``.xml.gz`` / ``.xml`` / ``.gz`` (the partition key)."""
    name = Path(path).name
    for suffix in (".xml.gz", ".xml", ".gz"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def fingerprint(path: Path) -> tuple[int, int]:
    """``(size, mtime_ns)`` of an input file; a change in either means it must be read again."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


@dataclass
class FileResult:
    """What happened to one input file (returned by a worker, stored in the manifest)."""

    stem: str
    path: str
    status: str  # done | failed
    size: int = 0
    mtime_ns: int = 0
    articles: int = 0
    deletions: int = 0
    studies: int = 0
    findings: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    worker: str = ""
    peak_rss_bytes: int = 0
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "FileResult":
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass
class Manifest:
    """The manifest of an output folder; :meth:`load` it, :meth:`record` results, :meth:`save`."""

    out_dir: Path
    files: dict[str, FileResult] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> "Manifest":
        """Read ``OUT/manifest.json`` (an empty manifest when there is none)."""
        out_dir = Path(out_dir)
        path = out_dir / MANIFEST_NAME
        if not path.exists():
            return cls(out_dir)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            files = {stem: FileResult.from_json(entry) for stem, entry in data["files"].items()}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path} is not a manifest written by 'evidence extract --engine': {exc}") from exc
        return cls(out_dir, files)

    def done_stems(self) -> list[str]:
        """Stems of the files whose parts are complete, in name order."""
        return sorted(stem for stem, entry in self.files.items() if entry.status == "done")

    def is_done(self, path: Path) -> bool:
        """True when ``path`` was finished by an earlier run and has not changed since."""
        from evidence.scale.output import TABLES, part_path

        entry = self.files.get(stem_of(path))
        if entry is None or entry.status != "done":
            return False
        try:
            if (entry.size, entry.mtime_ns) != fingerprint(path):
                return False
        except OSError:
            return False
        return all(part_path(self.out_dir, table, entry.stem).exists() for table in TABLES)

    def record(self, result: FileResult) -> None:
        """Store a file's result and save the manifest at once."""
        self.files[result.stem] = result
        self.save()

    def save(self) -> None:
        """Write the manifest atomically (temporary file, fsync, rename)."""
        data = {"schema": SCHEMA, "files": {s: self.files[s].to_json() for s in sorted(self.files)}}
        with atomic_path(self.out_dir / MANIFEST_NAME, what=f"the manifest in {self.out_dir}") as tmp:
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=1)
                handle.flush()
                os.fsync(handle.fileno())


class RunLock:
    """An exclusive claim on an output folder, so two runs do not write it at once.

    A lock left by a killed run (its process no longer exists on this host) is taken over.
    """

    def __init__(self, out_dir: Path) -> None:
        self.path = Path(out_dir) / LOCK_NAME
        self.owner = f"{socket.gethostname()}:{os.getpid()}"

    def __enter__(self) -> "RunLock":
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if self._holder_alive():
                    holder = self.path.read_text(encoding="utf-8").strip()
                    raise InputError(f"{self.path.parent} is being written by another run ({holder})") from None
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(self.owner)
            return self
        raise InputError(f"cannot lock {self.path.parent}")

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)

    def _holder_alive(self) -> bool:
        try:
            host, _, pid = self.path.read_text(encoding="utf-8").strip().rpartition(":")
        except OSError:
            return False
        if host != socket.gethostname() or not pid.isdigit():
            return True  # cannot tell for another host: be safe
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
