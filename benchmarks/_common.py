"""Memory readings shared by the benchmark scripts (Linux ``getrusage`` units: KiB)."""

from __future__ import annotations

import resource


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
