"""Helpers shared by the benchmark scripts: memory readings (Linux ``getrusage`` units: KiB) and
a module as it was at another git revision (for side-by-side timings)."""

from __future__ import annotations

import importlib.util
import resource
import subprocess
from pathlib import Path
from types import ModuleType


def peak_rss_kib() -> int:
    """The process's peak resident set size so far, in KiB (the ``getrusage`` high-water mark)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def current_rss_mib() -> float:
    """The process's resident set size now, in MiB (``/proc/self/statm``; the peak where that is missing)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * resource.getpagesize() / 2**20
    except OSError:  # not Linux
        return peak_rss_kib() / 1024


def module_at_revision(path_in_repo: str, revision: str, folder: Path) -> ModuleType:
    """The module file ``path_in_repo`` (e.g. ``extractors/arms.py``) as at a git ``revision``,
    written into ``folder`` and imported under its own name, beside the current one."""
    source = subprocess.run(["git", "show", f"{revision}:{path_in_repo}"], capture_output=True, text=True, check=True).stdout
    name = Path(path_in_repo).stem + "_at_revision"
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module
