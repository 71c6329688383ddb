"""When a dropped file has been copied: its size and time unchanged for a while."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

StatKey = tuple[int, int]  # (size, mtime in ns)


@dataclass
class _Seen:
    key: StatKey
    since: float
    changes: int = 0  # how often it was seen changing: > 0 means someone is writing it


class StabilityTracker:
    """Which files have kept the same size and modification time for ``stability`` seconds.

    Times are this machine's monotonic clock, never the file's own time stamp, which on a
    share comes from another machine's clock.
    """

    def __init__(self, stability: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.stability = stability
        self.clock = clock
        self._seen: dict[str, _Seen] = {}
        self._deferred: dict[str, tuple[StatKey, float, bool]] = {}

    def observe(self, entries: Mapping[str, StatKey]) -> tuple[list[str], float | None]:
        """The names ready to claim now, and in how many seconds another may be (None: none pending)."""
        now = self.clock()
        for name in list(self._seen):
            if name not in entries:
                del self._seen[name]
        ready: list[str] = []
        next_due: float | None = None
        for name, key in sorted(entries.items()):
            seen = self._seen.get(name)
            if seen is None:
                seen = self._seen[name] = _Seen(key, now)
            elif seen.key != key:
                seen = self._seen[name] = _Seen(key, now, seen.changes + 1)
            deferred = self._deferred.get(name)
            if deferred is not None:
                deferred_key, until, pending = deferred
                if deferred_key == key and until > now:
                    if pending:
                        next_due = until - now if next_due is None else min(next_due, until - now)
                    continue
                del self._deferred[name]
            waited = now - seen.since
            if waited >= self.stability:
                if key[0] > 0:
                    ready.append(name)
                continue  # an empty file stays until it is filled
            remaining = self.stability - waited
            next_due = remaining if next_due is None else min(next_due, remaining)
        return ready, next_due

    def defer(self, name: str, key: StatKey, seconds: float, *, pending: bool = True) -> None:
        """Leave ``name`` alone for ``seconds`` while it stays as it is. ``pending``: a pass that
        waits for the inbox to empty waits for it too (False for a file returned after an error,
        tried again by a later pass)."""
        self._deferred[name] = (key, self.clock() + seconds, pending)

    def changing(self, entries: Mapping[str, StatKey]) -> list[str]:
        """Names still being written (not yet stable), for progress messages."""
        now = self.clock()
        return [name for name, key in sorted(entries.items())
                if name in self._seen and self._seen[name].key == key and self._seen[name].changes
                and now - self._seen[name].since < self.stability]


def stat_key(path: Path) -> StatKey:
    info = path.stat()
    return info.st_size, info.st_mtime_ns
