"""Write a file all at once: into a temporary file beside it, renamed into place only when complete.

A reader never sees a half-written file, and a failed or interrupted write leaves the old file (or
none) and no temporary file behind. A leaf module like :mod:`evidence.records`: it imports only
:mod:`evidence.errors`, so every layer may use it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from evidence.errors import OutputError

__all__ = ["atomic_path", "existing_folder"]


def existing_folder(target: Path, what: str) -> Path:
    """The folder ``target`` goes in; an :class:`OutputError` naming ``what`` when it does not exist."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"Cannot write {what}: folder {str(folder)!r} does not exist")
    return folder


@contextmanager
def atomic_path(path: str | os.PathLike[str], *, what: str | None = None, suffix: str = ".tmp") -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it onto ``path`` when the block ends cleanly.

    Parameters
    ----------
    path
        The file to write.
    what
        How errors name the file (default: the quoted path).
    suffix
        The temporary file's suffix (writers that pick a format by suffix want the real one).

    Raises
    ------
    OutputError
        The folder does not exist, or the file system refused the write or the rename. Any other
        exception from the block propagates unchanged; in every case the temporary file is removed.
    """
    target = Path(path)
    name = what or repr(str(target))
    folder = existing_folder(target, name)
    try:
        handle, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=folder)
    except OSError as exc:
        raise OutputError(f"Cannot write {name}: {exc.strerror or exc}") from exc
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"Cannot write {name}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
