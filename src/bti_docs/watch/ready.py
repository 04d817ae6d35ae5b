"""When a file in the inbox is complete, and when to try again after an error on our side.

A YAML file cut short can still parse, so a file is taken only when it is complete:

- a file renamed into the inbox from another name (the temporary-name-then-rename convention, or a move
  from a folder outside the inbox) is complete at once; with the native observer its read guard does not
  wait either (:meth:`Tracker.renamed`);
- otherwise it must be unchanged (size, mtime, inode, and no modify event) for ``settle`` seconds, measured
  on our own clock from when we last saw it change (network shares' clocks are not trusted);
- and, with the native observer, a file someone has opened (open event, no close event yet) waits for the
  close event however long the writer pauses, unless it has stayed unchanged for ``stale_open`` seconds
  (a close event lost in a queue overflow must not block a file for ever).

Pure logic over an injected clock and ``stat``: unit-tested without folders or sleeps.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from bti_docs.watch.inbox import FileKey


@dataclass
class _Pending:
    first_seen: float
    changed_at: float
    key: FileKey | None = None
    open_since: float | None = None
    renamed: bool = False


class Tracker:
    """Names in the inbox seen but not yet taken, with what is known about their writers."""

    def __init__(self, settle: float, stale_open: float) -> None:
        self.settle = settle
        self.stale_open = stale_open
        self._pending: dict[str, _Pending] = {}

    def __len__(self) -> int:
        return len(self._pending)

    def __contains__(self, name: object) -> bool:
        return name in self._pending

    def seen(self, name: str, now: float) -> None:
        """Seen in a scan (or any event): start timing it if it is new."""
        self._pending.setdefault(name, _Pending(now, now))

    def forget(self, name: str) -> None:
        self._pending.pop(name, None)

    def renamed(self, name: str) -> bool:
        """Arrived by a rename into the inbox, and no change seen since."""
        pending = self._pending.get(name)
        return pending is not None and pending.renamed

    def event(self, kind: str, name: str, now: float) -> None:
        """An observer event for ``name`` (watchdog's event types; moves split into moved_from / moved_to)."""
        if kind in ("deleted", "moved_from"):
            self.forget(name)
            return
        if kind == "moved_to":
            self._pending[name] = _Pending(now, now, renamed=True)
            return
        pending = self._pending.setdefault(name, _Pending(now, now))
        if kind == "opened":
            pending.open_since = pending.open_since or now
        elif kind in ("closed", "closed_no_write"):
            pending.open_since = None
            if kind == "closed":
                pending.changed_at = now
        elif kind in ("created", "modified", "attrib"):
            pending.changed_at = now
            pending.renamed = False

    def due(self, now: float, stat: Callable[[str], os.stat_result | None]) -> list[tuple[str, FileKey]]:
        """Names complete now, oldest first, with the version that was judged complete."""
        out: list[tuple[str, FileKey]] = []
        for name, p in sorted(self._pending.items(), key=lambda item: (item[1].first_seen, item[0])):
            st = stat(name)
            if st is None:
                self.forget(name)
                continue
            key = FileKey.of(st)
            if key != p.key:
                if p.key is not None:  # changed since we last looked (the first look only records it)
                    p.changed_at = now
                    p.renamed = False
                p.key = key
            if p.open_since is not None and now - p.changed_at < self.stale_open:
                continue
            if p.renamed or now - p.changed_at >= self.settle:
                out.append((name, key))
        return out


@dataclass
class _Hold:
    key: FileKey
    until: float
    delay: float


class Backoff:
    """Waits after errors on our side: per file (doubling), and a pause for everything when the error is
    not about one file (the archive is read-only, the certificate is wrong...)."""

    def __init__(self, first: float, maximum: float) -> None:
        self.first = first
        self.maximum = maximum
        self._holds: dict[tuple[int, int], _Hold] = {}
        self.pause_until = 0.0
        self._pause_delay = 0.0

    def hold(self, key: FileKey, now: float) -> float:
        """Hold this version of a file back; each further failure of the same version doubles the wait."""
        previous = self._holds.get((key.dev, key.ino))
        delay = self.first if previous is None or previous.key != key else min(previous.delay * 2, self.maximum)
        self._holds[(key.dev, key.ino)] = _Hold(key, now + delay, delay)
        if len(self._holds) > 10_000:  # forget holds long expired (files that went elsewhere)
            self._holds = {k: h for k, h in self._holds.items() if h.until > now - self.maximum}
        return delay

    def blocked(self, key: FileKey, now: float) -> bool:
        hold = self._holds.get((key.dev, key.ino))
        return hold is not None and hold.key == key and now < hold.until

    def release(self, key: FileKey) -> None:
        self._holds.pop((key.dev, key.ino), None)

    def pause(self, now: float) -> float:
        self._pause_delay = min(self._pause_delay * 2, self.maximum) if self._pause_delay else self.first
        self.pause_until = now + self._pause_delay
        return self._pause_delay

    def paused(self, now: float) -> bool:
        return now < self.pause_until

    def recovered(self) -> None:
        """Something was filed: the next systemic error starts from the first wait again."""
        self._pause_delay = 0.0
