"""The check that what is filed is what the input holds: taken right before the archive commit.

A writer that pauses longer than ``settle_seconds`` (a slow SMB client) makes a file look complete when it is
not; after the claim (a rename) it keeps writing into the same inode. So the claim records what was read
(size, mtime, ctime, inode, SHA-256) and :meth:`ReadGuard.check` runs right before the archive commit:

- it first waits until ``window`` seconds have passed since the read (on our own clock; rendering takes
  most of that time anyway), so a writer's pause must be longer than the settle time *plus* this window to
  go unnoticed. A file renamed into the inbox (an OS event said so) that nobody has open for writing (a
  read lease could be taken) was complete when it arrived: its window is 0, the comparison below still runs;
- then it compares ``lstat`` and the bytes' hash with what was read. Any difference raises
  :class:`InputChanged`: nothing is filed, the input goes back to the inbox and is taken again when stable.

``ctime`` cannot be set by a writer, so a file rewritten with the same size, content and mtime is still seen.
The watcher checks once more before it moves the input to done/ (after the commit): a change that late
means the filed document is from the earlier bytes, so the input goes back to the inbox to be filed again
(a newer version), never to done/.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path


class InputChanged(Exception):
    """The claimed input is no longer the bytes that were read (a writer is still at it); its message is a code
    (``gone``, ``stat``, ``content``, ``unreadable``, ``stopping``) said by ``text.watch`` as ``watch.guard.CODE``."""


@dataclass(frozen=True)
class ReadGuard:
    path: Path
    dev: int
    ino: int
    size: int
    mtime_ns: int
    ctime_ns: int
    sha256: str
    read_at: float  # time.monotonic() when the bytes were read
    window: float = 0.0  # seconds after read_at before the check may pass

    @classmethod
    def of(cls, path: Path, st: os.stat_result, data: bytes, window: float) -> ReadGuard:
        return cls(path, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                   hashlib.sha256(data).hexdigest(), time.monotonic(), window)

    def check(self, *, wait: bool = True) -> None:
        """Raise InputChanged unless the file at ``path`` is still exactly what was read."""
        if wait:
            remaining = self.read_at + self.window - time.monotonic()
            if remaining > 0:
                time.sleep(remaining)
        try:
            st = os.lstat(self.path)
        except OSError as exc:
            raise InputChanged("gone") from exc  # codes: text.watch "watch.guard.*"
        now = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        if now != (self.dev, self.ino, self.size, self.mtime_ns, self.ctime_ns):
            raise InputChanged("stat")
        if _sha256(self.path) != self.sha256:
            raise InputChanged("content")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputChanged("unreadable") from exc
    with open(fd, "rb") as fh:
        while chunk := fh.read(1 << 16):
            digest.update(chunk)
    return digest.hexdigest()
