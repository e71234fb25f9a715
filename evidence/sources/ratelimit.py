"""A request-rate limit shared by every process that uses the same lock file.

NCBI allows 3 requests per second without an API key and 10 with one, counted
per user, not per process: several nightly surveillance jobs writing the same
store must stay under the limit *together*.  The limiter keeps one number in a
small file next to the store, the earliest time the next request may start,
and reads and advances it under an exclusive ``fcntl`` lock.  Requests are
spaced ``safety / rate`` seconds apart (``safety`` slightly above 1 absorbs
network jitter), so no one-second window at the server sees more than ``rate``.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

__all__ = ["RateLimiter", "lock_path_for"]

SAFETY = 1.1


def lock_path_for(store_path: Path) -> Path:
    """The rate-limit file that belongs to a store: ``<store>.ratelimit`` beside it."""
    return store_path.with_name(store_path.name + ".ratelimit")


class RateLimiter:
    """At most ``rate_per_s`` request starts per second across threads and, with ``lock_path``, processes.

    Parameters
    ----------
    rate_per_s
        Allowed requests per second (3 without an NCBI key, 10 with one).
    lock_path
        File shared by cooperating processes; None limits this process only.
    safety
        Spacing factor above 1: requests start at least ``safety / rate_per_s`` s apart.
    """

    def __init__(self, rate_per_s: float, lock_path: Path | None = None, *, safety: float = SAFETY) -> None:
        if rate_per_s <= 0:
            raise ValueError(f"Invalid rate {rate_per_s!r}; expected a positive number of requests per second")
        self.rate_per_s = rate_per_s
        self.interval_s = safety / rate_per_s
        self.lock_path = lock_path
        self._thread_lock = threading.Lock()
        self._next_local = 0.0
        self.waited_s = 0.0

    def acquire(self) -> float:
        """Block until a request may start; return the seconds waited."""
        with self._thread_lock:
            if self.lock_path is None:
                wait = self._reserve_local()
            else:
                wait = self._reserve_shared(self.lock_path)
            if wait > 0:
                time.sleep(wait)
            self.waited_s += max(wait, 0.0)
            return max(wait, 0.0)

    def _reserve_local(self) -> float:
        now = time.monotonic()
        start = max(now, self._next_local)
        self._next_local = start + self.interval_s
        return start - now

    def _reserve_shared(self, path: Path) -> float:
        # The slot is reserved under the lock and slept for outside it, so waiting
        # processes queue in order without holding the lock while they sleep.
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            raw = os.pread(fd, 64, 0)
            now = time.monotonic()  # CLOCK_MONOTONIC is shared by all processes of a boot
            try:
                next_start = float(raw.decode("ascii").strip() or 0.0)
            except ValueError:
                next_start = 0.0
            if next_start - now > self.interval_s * 64:  # stale value from before a reboot
                next_start = 0.0
            start = max(now, next_start)
            data = f"{start + self.interval_s:.6f}".encode("ascii").ljust(32)
            os.pwrite(fd, data, 0)
            return start - now
        finally:
            os.close(fd)  # closing releases the flock
