"""Path safety for the watch folder: which names are candidates, which files are refused, which layouts.

The inbox is written by other people's systems, so nothing in it is trusted: entries are looked at with
``lstat`` (a symlink is a symlink, never its target), a file is read through ``O_NOFOLLOW`` and checked with
``fstat`` after opening, and nothing larger than the limit is read whole. The folders themselves must not
loop: the archive is never inside the inbox (its files would come back as input) nor the inbox inside the
archive, and the folders the watcher moves files into are real folders, not symlinks to elsewhere.

Nothing is ever replaced: a move is a hard link and an unlink (``rename`` would silently replace a file that
appeared under the target name after it was found free), so a taken name fails with FileExistsError and the
caller tries the next one. Files that end in ``done/`` and ``rejected/`` get mode 0640, and those folders are
not open to everyone.

A file with more than one link (a hard link to a file elsewhere) is refused: it is moved to ``rejected/`` as
it is (the same inode, its mode untouched, never copied: a copy would open someone's 0600 file to the unit),
and no mode is ever changed on a file with more than one link.
Where neither hard links nor ``renameat2`` exist (some network shares), putting a file back into the inbox
falls back to a rename after checking that the name is free.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import logging
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

from bti_docs import fsio
from bti_docs.errors import ConfigError
from bti_docs.watch.logline import note

log = logging.getLogger("bti_docs.watch")

FORM_SUFFIXES = (".yaml", ".yml")

# Names that writers use while a file is not finished, and litter that desktops leave behind. Dotfiles
# (".~lock.x#", ".DS_Store", ".x.swp", our own ".processing") are ignored as a rule.
IGNORED_PATTERNS = (
    "*.tmp", "*.temp", "*.part", "*.partial", "*.crdownload", "*.download", "*.swp", "*.swx", "*~",
    "~$*", "thumbs.db", "desktop.ini", "*.filepart", "*.!sync",
)

# Refusal codes (the report module has the Norwegian texts).
SYMLINK = "symlink"
TOO_LARGE = "file_too_large"
NOT_A_FORM = "not_a_form_file"
NOT_REGULAR = "not_regular_file"
HARD_LINK = "hard_link"


def is_ignored_name(name: str) -> bool:
    """True for hidden files and temporary names: the watcher leaves them alone until renamed."""
    if not name or name.startswith("."):
        return True
    lower = name.lower()
    return any(fnmatch.fnmatchcase(lower, pattern) for pattern in IGNORED_PATTERNS)


def is_form_name(name: str) -> bool:
    return name.lower().endswith(FORM_SUFFIXES)


def refusal(name: str, st: os.stat_result, max_bytes: int, *, links_ok: bool = False) -> str | None:
    """Why an entry (seen with ``lstat``) is not processed, or None when it is a candidate form file."""
    if stat.S_ISLNK(st.st_mode):
        return SYMLINK
    if not stat.S_ISREG(st.st_mode):
        return NOT_REGULAR
    if st.st_nlink > 1 and not links_ok:
        return HARD_LINK
    if st.st_size > max_bytes:
        return TOO_LARGE
    if not is_form_name(name):
        return NOT_A_FORM
    return None


def is_candidate_entry(st: os.stat_result) -> bool:
    """Regular files and symlinks are claimed (a symlink only to be rejected); folders, fifos, sockets and
    devices stay where they are: a fifo could block a reader, and folders are where done/ and rejected/ live."""
    return stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)


def open_for_writing(path: Path) -> bool | None:
    """Whether some process has ``path`` open for writing: False when a read lease can be taken on it (Linux
    grants one only while nobody has the file open for writing), True when the lease is refused for that
    reason, None when it cannot be told (not the file's owner, leases turned off, another system).

    A file renamed into the inbox is complete only if its writer has closed it: a writer may rename a file it
    still writes to."""
    set_lease = getattr(fcntl, "F_SETLEASE", None) if fcntl is not None else None
    if set_lease is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        try:
            fcntl.fcntl(fd, set_lease, fcntl.F_RDLCK)
        except OSError as exc:
            return True if exc.errno in (errno.EAGAIN, errno.EBUSY) else None
        fcntl.fcntl(fd, set_lease, fcntl.F_UNLCK)
        return False
    finally:
        os.close(fd)


def read_regular(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """Read a regular file without following a symlink and without reading more than ``max_bytes + 1``.

    Raises OSError (ELOOP for a symlink) or ValueError when it is not a regular file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError("not a regular file")
        chunks: list[bytes] = []
        remaining = max_bytes + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks), st
    finally:
        os.close(fd)


def norm(path: Path) -> Path:
    """A canonical path for containment tests: symlinks and ``..`` resolved, case folded where needed."""
    return Path(os.path.normcase(os.path.realpath(path)))


def overlaps(a: Path, b: Path) -> bool:
    na, nb = norm(a), norm(b)
    return na == nb or na.is_relative_to(nb) or nb.is_relative_to(na)


def check_layout(
    inbox: Path, archive: Path, done: Path, rejected: Path, protected: Iterable[Path | None] = ()
) -> None:
    """Refuse layouts that loop or mix: archive and inbox apart, done/ and rejected/ apart from the archive
    and from each other, and the settings and certificate outside every folder others can write to."""
    if not inbox.is_dir():
        raise ConfigError("watch.no_inbox", path=inbox)
    if overlaps(archive, inbox):
        raise ConfigError("watch.archive_in_inbox", archive=archive, inbox=inbox)
    for label, folder in (("done", done), ("rejected", rejected)):
        if overlaps(folder, archive):
            raise ConfigError("watch.folder_in_archive", label=label, path=folder, archive=archive)
        if norm(folder) == norm(inbox):
            raise ConfigError("watch.folder_is_inbox", label=label, path=folder)
    if norm(done) == norm(rejected):
        raise ConfigError("watch.done_is_rejected", path=done)
    writable = (inbox, done, rejected)
    for item in protected:
        if item is not None and any(norm(item).is_relative_to(norm(folder)) for folder in writable):
            raise ConfigError("watch.protected_in_inbox", path=item, inbox=inbox)


def ensure_dir(path: Path, mode: int) -> Path:
    """Create ``path`` (and missing parents) with ``mode``; refuse it when it exists as a symlink or a file.

    An existing folder that everyone may read, enter or write is tightened to ``mode`` when it is ours, and
    refused otherwise: the files in it are forms with personal data.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        path.mkdir(mode=mode, parents=True, exist_ok=True)
        st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise ConfigError("watch.folder_is_symlink", path=path)
    if not stat.S_ISDIR(st.st_mode):
        raise ConfigError("watch.not_a_folder", path=path)
    current = stat.S_IMODE(st.st_mode)
    if current & 0o007:
        if st.st_uid != os.geteuid():
            raise ConfigError("watch.world_readable", path=path, mode=f"{current:04o}", wanted=f"{mode:o}")
        _tighten(path, st, mode)
        note(log, logging.WARNING, "folder_tightened", "watch.log.folder_tightened", path=str(path),
             mode=f"{current:04o}", wanted=f"{mode:04o}")
    return path


def _tighten(path: Path, st: os.stat_result, mode: int) -> None:
    """``chmod`` through a descriptor of the folder just checked (its name could be swapped for a symlink)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ConfigError("watch.cannot_tighten", path=path, reason=exc.strerror) from exc
    try:
        now = os.fstat(fd)
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            raise ConfigError("watch.folder_swapped", path=path)
        os.fchmod(fd, mode)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable; best effort where folders cannot be opened (some shares)."""
    fsio.fsync_dir(path, best_effort=True)


# A hard link cannot be made here, which is no reason to fail the move: another file system, a share without
# hard links (EPERM, ENOTSUP), or fs.protected_hardlinks refusing a link to someone else's file (EPERM).
_NO_LINK = frozenset({errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP})


def move_no_overwrite(src: Path, dst: Path, mode: int | None = None, *, same_inode: bool = False) -> None:
    """Move ``src`` to ``dst`` and never replace anything there: FileExistsError when ``dst`` exists.

    Within a file system: a hard link, then ``src`` is unlinked. A crash between the two leaves the file under
    both names (the inbox recognises that at restart). Where no hard link can be made the file is copied under
    a temporary name, fsynced and published under ``dst`` without replacing (a hard link, or on a share
    without them a name reserved with O_EXCL); its modification time is kept. Then ``src`` goes.

    ``mode``: a regular file ends with exactly this mode; someone else's file (whose mode we cannot change)
    is copied to get it. ``same_inode``: never copy (the file goes back into the inbox, where its writer may
    still have it open); without a hard link it is renamed with ``renameat2(RENAME_NOREPLACE)``.
    """
    st = os.lstat(src)
    chmod = mode is not None and stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) != mode \
        and st.st_nlink == 1  # a mode is never changed on a file that has a name elsewhere
    if chmod and st.st_uid != os.geteuid() and not same_inode:
        _copy_no_overwrite(src, dst, st, mode)
    elif _link(src, dst):
        if chmod and mode is not None:
            try:
                os.chmod(dst, mode)  # the same inode as src, in a folder only we write to
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(dst)
                raise
    elif same_inode:
        _rename_no_replace(src, dst)
        fsync_dir(dst.parent)
        fsync_dir(src.parent)
        return
    else:
        _copy_no_overwrite(src, dst, st, mode)
    fsync_dir(dst.parent)  # the new name is durable before the old one goes
    try:
        os.unlink(src)
    except OSError:
        with contextlib.suppress(OSError):  # back to one place: where it was
            os.unlink(dst)
        raise
    fsync_dir(src.parent)


def publish_no_overwrite(tmp: Path, dst: Path) -> None:
    """Give the finished file ``tmp`` (ours, in ``dst``'s folder) the name ``dst`` unless it is taken
    (FileExistsError). ``tmp`` stays; the caller removes it."""
    if _link(tmp, dst):
        return
    # No hard links on this file system: reserve the name, then put the file in its place.
    fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_CLOEXEC", 0), 0o600)
    os.close(fd)
    try:
        os.replace(tmp, dst)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(dst)
        raise


def restrict_mode(path: Path, mode: int) -> None:
    """Best effort: give our own regular file at ``path`` exactly ``mode`` (never through a symlink)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    with contextlib.suppress(OSError):
        fd = os.open(path, flags)
        try:
            st = os.fstat(fd)
            if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) != mode \
                    and st.st_nlink == 1:
                os.fchmod(fd, mode)
        finally:
            os.close(fd)


def _link(src: Path, dst: Path) -> bool:
    """Hard-link ``src`` (itself, if a symlink) as ``dst``: True when done, False when no link can be made."""
    try:
        os.link(src, dst, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno in _NO_LINK:
            return False
        raise
    return True


def _copy_no_overwrite(src: Path, dst: Path, st: os.stat_result, mode: int | None) -> None:
    tmp = dst.with_name(f".{dst.name}.{secrets.token_hex(4)}.tmp")
    try:
        if stat.S_ISLNK(st.st_mode):
            os.symlink(os.readlink(src), tmp)
        else:
            _copy_regular(src, tmp, st, stat.S_IMODE(st.st_mode) if mode is None else mode)
        publish_no_overwrite(tmp, dst)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _copy_regular(src: Path, tmp: Path, st: os.stat_result, mode: int) -> None:
    nofollow = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    with open(os.open(src, os.O_RDONLY | nofollow), "rb") as fin, \
            open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o600), "wb") as fout:
        shutil.copyfileobj(fin, fout, 1 << 20)
        fout.flush()
        os.fchmod(fout.fileno(), mode)
        os.utime(fout.fileno(), ns=(st.st_atime_ns, st.st_mtime_ns))
        os.fsync(fout.fileno())


def _rename_no_replace(src: Path, dst: Path) -> None:
    if fsio.rename_no_replace(src, dst):  # FileExistsError when dst exists
        return
    # Last resort (no hard links and no renameat2 here): the name was free a moment ago.
    if os.path.lexists(dst):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST))
    os.rename(src, dst)


OWN_TEMP = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp$")


def remove_own_temp_files(folder: Path) -> None:
    """Half-written reports or copies a crash left behind (only names this package makes)."""
    if not folder.is_dir():
        return
    with os.scandir(folder) as entries:
        for entry in entries:
            if OWN_TEMP.match(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
