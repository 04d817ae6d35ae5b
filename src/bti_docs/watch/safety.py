"""Path safety for the watch folder: which names are candidates, which files are refused, which layouts.

The inbox is written by other people's systems, so nothing in it is trusted: entries are looked at with
``lstat`` (a symlink is a symlink, never its target), a file is read through ``O_NOFOLLOW`` and checked with
``fstat`` after opening, and nothing larger than the limit is read whole. The folders themselves must not
loop: the archive is never inside the inbox (its files would come back as input) nor the inbox inside the
archive, and the folders the watcher moves files into are real folders, not symlinks to elsewhere.

Residual risk, accepted: a hard link to a file elsewhere looks like an ordinary file; the watcher only reads
and renames it, never writes through it.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from bti_docs.errors import ConfigError

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


def is_ignored_name(name: str) -> bool:
    """True for hidden files and temporary names: the watcher leaves them alone until renamed."""
    if not name or name.startswith("."):
        return True
    lower = name.lower()
    return any(fnmatch.fnmatchcase(lower, pattern) for pattern in IGNORED_PATTERNS)


def is_form_name(name: str) -> bool:
    return name.lower().endswith(FORM_SUFFIXES)


def refusal(name: str, st: os.stat_result, max_bytes: int) -> str | None:
    """Why an entry (seen with ``lstat``) is not processed, or None when it is a candidate form file."""
    if stat.S_ISLNK(st.st_mode):
        return SYMLINK
    if not stat.S_ISREG(st.st_mode):
        return NOT_REGULAR
    if st.st_size > max_bytes:
        return TOO_LARGE
    if not is_form_name(name):
        return NOT_A_FORM
    return None


def is_candidate_entry(st: os.stat_result) -> bool:
    """Regular files and symlinks are claimed (a symlink only to be rejected); folders, fifos, sockets and
    devices stay where they are: a fifo could block a reader, and folders are where done/ and rejected/ live."""
    return stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)


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
        raise ConfigError(f"Innboksen {inbox} finst ikkje eller er ikkje ei mappe.")
    if overlaps(archive, inbox):
        raise ConfigError(
            f"Arkivet {archive} og innboksen {inbox} overlappar. Det som vert arkivert, ville kome tilbake som "
            "ny innfil (ei løkke). Vel eit arkiv utanfor innboksen."
        )
    for label, folder in (("done", done), ("rejected", rejected)):
        if overlaps(folder, archive):
            raise ConfigError(f"Mappa for {label} ({folder}) overlappar arkivet {archive}. Vel ei anna mappe.")
        if norm(folder) == norm(inbox):
            raise ConfigError(f"Mappa for {label} ({folder}) kan ikkje vere sjølve innboksen.")
    if norm(done) == norm(rejected):
        raise ConfigError(f"done og rejected kan ikkje vere same mappa ({done}).")
    writable = (inbox, done, rejected)
    for item in protected:
        if item is not None and any(norm(item).is_relative_to(norm(folder)) for folder in writable):
            raise ConfigError(
                f"{item} ligg i ei mappe andre kan skrive i ({inbox}). Innstillingar og sertifikat skal ligge "
                "utanfor innboksen og mappene han flyttar filer til."
            )


def ensure_dir(path: Path, mode: int) -> Path:
    """Create ``path`` (and missing parents) with ``mode``; refuse it when it exists as a symlink or a file."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        path.mkdir(mode=mode, parents=True, exist_ok=True)
        st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise ConfigError(f"{path} er ei symbolsk lenke. Watch-mappene må vere verkelege mapper.")
    if not stat.S_ISDIR(st.st_mode):
        raise ConfigError(f"{path} finst, men er ikkje ei mappe.")
    return path


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable; best effort where folders cannot be opened (some shares)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def move_no_overwrite(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst`` (which must not exist); across file systems copy, fsync, rename, unlink."""
    try:
        os.rename(src, dst)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        tmp = dst.with_name(f".{dst.name}.{secrets.token_hex(4)}.tmp")
        try:
            shutil.copy2(src, tmp, follow_symlinks=False)
            if not tmp.is_symlink():
                with open(tmp, "rb") as fh:
                    os.fsync(fh.fileno())
            os.rename(tmp, dst)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        os.unlink(src)
    fsync_dir(dst.parent)


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
