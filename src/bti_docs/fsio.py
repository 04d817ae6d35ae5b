"""Careful file writes, defined once for the archive, the watcher, the web app and the CLI: a new file that never
replaces one (``O_CREAT | O_EXCL``, exact mode, fsync), an atomic replace, a rename that never replaces, and
a folder fsync.

Nothing is lost: a file appears under its final name complete or not at all, and a failed write leaves no
half file behind. The archive's own rules (modes, crash hooks, the lock) are in ``bti_docs.archive.fsutil``.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import secrets
from collections.abc import Callable
from pathlib import Path

TEMP_PREFIX = ".bti-tmp-"

_AT_FDCWD = -100
_RENAME_NOREPLACE = 1
_NO_RENAMEAT2 = frozenset({errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP})


def temp_name(suffix: str) -> str:
    """A hidden temporary name (the watcher and the archive's checks skip hidden names)."""
    return f"{TEMP_PREFIX}{secrets.token_hex(8)}{suffix}"


def fsync_dir(path: Path, *, best_effort: bool = False) -> None:
    """Make a new, renamed or removed name in ``path`` durable. ``best_effort``: say nothing where a folder
    cannot be opened or synced (some network shares)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        if best_effort:
            return
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not best_effort:
            raise
    finally:
        os.close(fd)


def remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def write_new(path: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to the new file ``path`` (FileExistsError if it exists: never an existing one) with
    exactly ``mode`` whatever the umask, and fsync it. A failed write removes the half file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    try:
        os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        remove(path)  # a full disk (or any failure) leaves no half file behind
        raise
    os.close(fd)


def link_new(source: Path, target: Path) -> bool:
    """Give ``source`` the extra name ``target``; False if ``target`` exists. Never overwrites."""
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        return False
    return True


def replace_file(path: Path, data: bytes, mode: int) -> None:
    """Replace ``path`` atomically (temporary file in the same folder, fsync, rename, fsync folder)."""
    tmp = path.with_name(temp_name(".ny"))
    write_new(tmp, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def rename_no_replace(src: Path, dst: Path) -> bool:
    """Rename ``src`` to ``dst`` unless ``dst`` exists (FileExistsError), with ``renameat2(RENAME_NOREPLACE)``;
    False, with nothing done, where the system or file system has no such rename."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(src), _AT_FDCWD, os.fsencode(dst), _RENAME_NOREPLACE) == 0:
        return True
    err = ctypes.get_errno()
    if err in _NO_RENAMEAT2:
        return False
    raise OSError(err, os.strerror(err), str(dst))  # EEXIST makes a FileExistsError


@functools.cache
def _renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    """glibc's ``renameat2`` (Linux), or None where there is none."""
    try:
        func = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func
