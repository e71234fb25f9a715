"""The shared request-rate limiter on its own (the server-side measurements are in test_entrez.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from evidence.sources.ratelimit import RateLimiter, lock_path_for


def _starts(limiter: RateLimiter, n: int, out: list[float]) -> None:
    for _ in range(n):
        limiter.acquire()
        out.append(time.monotonic())


@pytest.mark.parametrize("shared", [False, True])
def test_threads_are_spaced(tmp_path: Path, shared: bool) -> None:
    limiter = RateLimiter(20, tmp_path / "x.ratelimit" if shared else None)
    times: list[float] = []
    started = time.monotonic()
    threads = [threading.Thread(target=_starts, args=(limiter, 5, times)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(times) == 15
    # 15 slots spaced 1.1/rate apart: the last cannot start before 14 spacings (a scheduling
    # delay can only make it later), whichever thread took which slot
    assert max(times) - started >= 14 * 1.1 / 20 - 0.005
    assert limiter.waited_s > 0


def test_two_limiters_on_one_file_share_the_budget(tmp_path: Path) -> None:
    path = tmp_path / "shared.ratelimit"
    a, b = RateLimiter(10, path), RateLimiter(10, path)
    started = time.monotonic()
    for _ in range(3):
        a.acquire()
        b.acquire()
    assert time.monotonic() - started >= 5 * 0.11 - 0.01  # six slots, five gaps between them


def test_stale_or_garbage_file_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "r"
    path.write_text(f"{time.monotonic() + 10_000:.3f}")  # e.g. left over from before a reboot
    started = time.monotonic()
    RateLimiter(3, path).acquire()
    path.write_text("not a number")
    RateLimiter(3, path).acquire()
    assert time.monotonic() - started < 1.0


def test_lock_path_and_bad_rate(tmp_path: Path) -> None:
    assert lock_path_for(tmp_path / "store.db") == tmp_path / "store.db.ratelimit"
    with pytest.raises(ValueError, match="Invalid rate"):
        RateLimiter(0)
