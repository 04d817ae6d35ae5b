"""Careful file operations for the archive: exclusive create, fsync, link without overwriting, modes.

A file is first written under a temporary name in its final folder (``O_CREAT | O_EXCL``, mode 0440, fsync),
then hard-linked to its final name: ``link`` fails if the name exists, so nothing is ever overwritten, and
the final name appears complete or not at all. The folder is fsynced after each link and unlink.

Crash tests: ``BTI_DOCS_CRASH_AT=<step>`` (or ``<step>@<n>`` for the n-th document of a batch, from 1)
kills the process with SIGKILL when filing reaches that step. Only the archive's own tests set it; see
``CRASH_STEPS`` for the steps. ``BTI_DOCS_FULL_AT=<step>`` likewise makes that step fail as a full disk does
(``FULL_STEPS``), for the tests of what a full disk leaves behind.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import signal
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

# The careful writes themselves are shared with the watcher, the web app and the CLI (``bti_docs.fsio``).
from bti_docs.fsio import TEMP_PREFIX as TEMP_PREFIX
from bti_docs.fsio import fsync_dir as fsync_dir
from bti_docs.fsio import link_new as link_new
from bti_docs.fsio import remove as remove
from bti_docs.fsio import replace_file as replace_file
from bti_docs.fsio import temp_name as temp_name
from bti_docs.fsio import write_new as _write_new

FILE_MODE = 0o440  # owner and group read; nobody writes an archived file; others nothing
DIR_MODE = 0o750
DB_MODE = 0o640  # SQLite must write its database (and its -wal/-shm, which copy this mode)
CRASH_ENV = "BTI_DOCS_CRASH_AT"
CRASH_STEPS = (
    "after_pending",  # the intent record is written, nothing else
    "after_pdf_temp",  # the PDF is under its temporary name
    "after_pdf_link",  # the PDF has its final name; no sidecar yet
    "after_sidecar_temp",
    "after_sidecar_link",  # PDF and sidecar in place; no journal entry yet
    "after_journal",  # journal committed; temporary names still there
    "after_cleanup",  # temporary names removed; the journal checksum not yet updated
)

FULL_ENV = "BTI_DOCS_FULL_AT"
FULL_STEPS = ("pending", "pdf_temp", "sidecar_temp", "journal", "receipt")
FREE_MARGIN = 512 * 1024  # room kept for the journal's WAL, its checkpoint, the checksum and pending.json
PER_DOCUMENT = 16 * 1024  # sidecar, WAL frames and index pages of one document (generously)


def full_point(step: str) -> None:
    """Test hook: fail at ``step`` as a full disk does, if ``BTI_DOCS_FULL_AT`` says so."""
    if os.environ.get(FULL_ENV) != step:
        return
    if step == "journal":
        raise sqlite3.OperationalError("database or disk is full")
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` is a full disk (or quota): ENOSPC/EDQUOT, or SQLite's SQLITE_FULL."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(exc)
    return False


def low_on_space(folder: Path) -> bool:
    """Whether ``folder``'s file system has less free than the margin filing keeps (SQLite reports a full
    disk under the -shm or -wal file as an I/O error, not always as SQLITE_FULL)."""
    try:
        st = os.statvfs(folder)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < FREE_MARGIN


def require_free_space(folder: Path, needed: int) -> None:
    """OSError(ENOSPC) before anything is written if ``folder``'s file system has less than ``needed``
    bytes (plus the margin) free for us: a full disk then refuses the filing whole, instead of failing in
    the middle of it."""
    st = os.statvfs(folder)
    if st.f_bavail * st.f_frsize < needed + FREE_MARGIN:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder))


def crash_point(step: str, index: int) -> None:
    """Test hook: kill this process at ``step`` of document ``index`` if ``BTI_DOCS_CRASH_AT`` says so."""
    wanted = os.environ.get(CRASH_ENV)
    if not wanted:
        return
    name, _, nth = wanted.partition("@")
    if name == step and (not nth or int(nth) == index):
        os.kill(os.getpid(), signal.SIGKILL)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_new(path: Path, data: bytes, mode: int = FILE_MODE) -> None:
    """Write ``data`` to the new file ``path`` (never an existing one, by default an archived file's mode) and
    fsync it."""
    _write_new(path, data, mode)


def make_dirs(root: Path, parts: list[str]) -> Path:
    """Create ``root/parts...`` folder by folder with mode 0750, fsyncing each parent that changed."""
    current = root
    for part in parts:
        child = current / part
        try:
            child.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if child.is_symlink() or not child.is_dir():
                raise OSError(errno.ENOTDIR, "not a folder", str(child)) from None
        else:
            os.chmod(child, DIR_MODE)
            fsync_dir(current)
        current = child
    return current


@contextlib.contextmanager
def locked(lock_file: Path, timeout_s: float = 30.0) -> Iterator[None]:
    """An exclusive advisory lock for writers of one archive; OSError(EAGAIN) after ``timeout_s``."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, DB_MODE)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OSError(errno.EAGAIN, "archive is locked", str(lock_file)) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)
