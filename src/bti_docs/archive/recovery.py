"""After a crash: finish or undo interrupted filings. And ``reindex``: rebuild the journal from the sidecars.

A filing batch first records its intent in ``.bti-journal/pending.json``: for each document the folder and
the two temporary names it will use. A final name is a hard link to its temporary file, so recovery finds it
by inode, without guessing and without touching any file the intent does not lead to (an extra file someone
planted stays for ``verify`` to report). For each intended document:

* journaled already → only the temporary names go;
* PDF and sidecar in place, the sidecar consistent with the PDF and continuing the chain → journaled now;
* anything less (a PDF without its sidecar) → the final names are removed: nothing was filed.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import secrets
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bti_docs.archive import fsutil
from bti_docs.archive.journal import (
    DB_NAME,
    JOURNAL_DIR,
    LOCK_NAME,
    LOSS_DIR,
    LOSS_ROLE,
    PENDING_NAME,
    Journal,
    JournalEntry,
    JournalError,
    entry_body,
    journal_dir,
    loss_body,
    loss_relpath,
    write_db_checksum,
)
from bti_docs.archive.rules import Lang, split_path
from bti_docs.archive.sidecar import SIDECAR_SUFFIX, Sidecar, level_of, parse_sidecar
from bti_docs.errors import ArchiveError, BtiError, os_reason
from bti_docs.text.voice import Joined, Sayable, phrase

_SHM_DMS = 128  # SQLite's unix VFS: the byte of the -shm file every open connection holds a read lock on


@dataclass(frozen=True)
class PendingDocument:
    folder: str  # relative to the archive root
    pdf_temp: str
    sidecar_temp: str


@dataclass(frozen=True)
class Pending:
    documents: list[PendingDocument]

    def write(self, root: Path) -> None:
        data = {"versjon": 1, "dokument": [
            {"mappe": d.folder, "pdf": d.pdf_temp, "metadata": d.sidecar_temp} for d in self.documents
        ]}
        fsutil.replace_file(journal_dir(root) / PENDING_NAME, json.dumps(data).encode("utf-8"), fsutil.DB_MODE)

    @staticmethod
    def read(root: Path) -> Pending | None:
        try:
            raw = json.loads((journal_dir(root) / PENDING_NAME).read_bytes())
        except FileNotFoundError:
            return None
        except ValueError:
            raise ArchiveError("archive.pending_broken", path=root / JOURNAL_DIR / PENDING_NAME) from None
        docs = []
        for item in raw.get("dokument", []):
            split_path(item["mappe"])  # never leave the archive root
            for name in (item["pdf"], item["metadata"]):
                if not name.startswith(fsutil.TEMP_PREFIX) or "/" in name:
                    raise ArchiveError("archive.pending_bad_name", name=PENDING_NAME)
            docs.append(PendingDocument(item["mappe"], item["pdf"], item["metadata"]))
        return Pending(docs)


@dataclass(frozen=True)
class RecoveryReport:
    completed: list[str] = field(default_factory=list)  # documents journaled during recovery
    removed: list[str] = field(default_factory=list)  # half documents removed (relative paths)


def _linked_name(temp: Path) -> Path | None:
    """The final name that is a hard link to ``temp``, if any."""
    try:
        st = temp.stat()
    except FileNotFoundError:
        return None
    for entry in os.scandir(temp.parent):
        if entry.name.startswith(fsutil.TEMP_PREFIX) or not entry.is_file(follow_symlinks=False):
            continue
        other = entry.stat(follow_symlinks=False)
        if (other.st_ino, other.st_dev) == (st.st_ino, st.st_dev):
            return Path(entry.path)
    return None


def _complete_sidecar(pdf: Path, sidecar: Path, journal: Journal) -> Sidecar | None:
    """The sidecar if it describes ``pdf`` and continues the journal's chain; None otherwise."""
    try:
        meta = parse_sidecar(sidecar.read_bytes())
    except ValueError:
        return None
    seq, head = journal.head()
    obj = meta.dokumentbeskrivelse.dokumentobjekt
    if obj.referanseDokumentfil != pdf.name or obj.sjekksum != fsutil.sha256_file(pdf):
        return None
    return meta if (meta.journal.sekvens, meta.journal.forrige_hash) == (seq + 1, head) else None


def recover_locked(root: Path, journal: Journal | None, *, complete: bool = True) -> RecoveryReport:
    """Finish or undo what ``pending.json`` names (the caller holds the archive lock).

    With ``journal=None`` (reindex) complete documents are left in place for the rebuild to index. With
    ``complete=False`` (right after a filing failed, e.g. on a full disk) nothing is journaled here: every
    document the journal does not have yet is removed, so the caller's error holds and space is freed
    before the journal's checksum is written.
    """
    pending = Pending.read(root)
    for leftover in journal_dir(root).glob(f"{fsutil.TEMP_PREFIX}*"):
        fsutil.remove(leftover)
    if pending is None:
        return RecoveryReport()
    report = RecoveryReport()
    for item in pending.documents:
        folder = root / item.folder
        if not folder.is_dir():
            continue
        pdf_tmp, sidecar_tmp = folder / item.pdf_temp, folder / item.sidecar_temp
        pdf, sidecar = _linked_name(pdf_tmp), _linked_name(sidecar_tmp)
        if pdf is not None:
            relpath = f"{item.folder}/{pdf.name}"
            if journal is not None and journal.by_relpath(relpath) is not None:
                pass
            elif sidecar is not None and journal is None:
                report.completed.append(relpath)
            elif sidecar is not None and journal is not None and complete and \
                    (meta := _complete_sidecar(pdf, sidecar, journal)) is not None:
                sidecar_sha = fsutil.sha256_file(sidecar)
                journal.append(entry_body(meta.journal.sekvens, relpath, meta, sidecar_sha), meta.journal.forrige_hash)
                report.completed.append(relpath)
            else:
                for path in (pdf, sidecar):
                    if path is not None:
                        fsutil.remove(path)
                report.removed.append(relpath)
        elif sidecar is not None:
            fsutil.remove(sidecar)
        fsutil.remove(pdf_tmp)
        fsutil.remove(sidecar_tmp)
        fsutil.fsync_dir(folder)
    if journal is not None:
        journal.record_checksum(root)
    fsutil.remove(journal_dir(root) / PENDING_NAME)
    fsutil.fsync_dir(journal_dir(root))
    return report


def sidecar_files(root: Path) -> list[Path]:
    """Every sidecar under ``root``, outside the journal folder, in path order."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not (Path(folder) == root and d == JOURNAL_DIR))
        found.extend(Path(folder) / f for f in sorted(files) if f.endswith(SIDECAR_SUFFIX))
    return found


@dataclass(frozen=True)
class ReindexReport:
    count: int  # documents indexed from their sidecars
    lost: list[tuple[int, str]] = field(default_factory=list)  # (journal sequence, path) recorded lost now
    loss_seq: int | None = None  # the loss entry added to the chain, if any


def reindex(root: Path, *, skip_bad: bool = False, trust_roots: Sequence[Path] = (),
            accept_loss: bool = False) -> ReindexReport:
    """Rebuild the journal from the sidecars; the old database is kept beside it as ``*.bak``.

    The order is the sidecars' own sequence numbers; an intact archive gets exactly the same chain back.
    Each sidecar is first checked against its PDF: the file name, SHA-256 and size it records, the PDF/A
    level it names, and, given ``trust_roots``, the seals. Raises ArchiveError naming every sidecar that
    cannot be read or does not describe its PDF (unless ``skip_bad``: those are left out): a partial or
    unchecked journal would hide them.

    Nothing the previous journal had is dropped silently: a document it journaled that is not indexed now
    (file gone, or left out by ``skip_bad``), or a gap in the sidecars' sequence numbers when there is no
    usable previous journal, makes it refuse, naming each by path and sequence number. With
    ``accept_loss`` the loss is recorded instead: the lost entries keep their place in the chain (so
    earlier receipts stay valid) and a loss entry naming them is appended, its record kept in
    ``.bti-journal/tap/`` so that the next rebuild gives the same chain.

    Other processes may have the archive open meanwhile (a filer between planning and filing, the watcher).
    Their SQLite connections follow the file they opened, so the journal is rewritten in place, in one
    transaction under the archive lock, and they see the new one. The file itself is replaced only when
    SQLite cannot use it, and then only if no other process has it open.
    """
    root = root.absolute()
    folder = journal_dir(root)
    try:
        fsutil.make_dirs(root, [JOURNAL_DIR])
        with fsutil.locked(folder / LOCK_NAME):
            recover_locked(root, None)
            indexed: list[tuple[int, str, Sidecar, str]] = []
            bad: list[Sayable] = []
            for path in sidecar_files(root):
                relpath = path.relative_to(root).as_posix().removesuffix(SIDECAR_SUFFIX)
                if path.is_symlink():
                    bad.append(phrase("archive.document_reason", path=relpath + SIDECAR_SUFFIX,
                                      reason=phrase("archive.symlink")))
                    continue
                data = path.read_bytes()
                try:
                    meta = parse_sidecar(data)
                except ValueError:
                    bad.append(phrase("archive.document", path=relpath + SIDECAR_SUFFIX))
                    continue
                reason = _mismatch(root / relpath, meta, trust_roots)
                if reason is not None:
                    bad.append(phrase("archive.document_reason", path=relpath, reason=reason))
                    continue
                indexed.append((meta.journal.sekvens, relpath, meta, fsutil.sha256_bytes(data)))
            if bad and not skip_bad:
                raise ArchiveError("archive.cannot_index", documents=Joined(bad))
            journal = _usable(folder / DB_NAME)
            try:
                return _rebuild(root, journal, indexed, accept_loss=accept_loss)
            finally:
                if journal is not None:
                    journal.close()
    except (OSError, sqlite3.Error, JournalError) as exc:
        why: object = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        if isinstance(exc, JournalError):
            why = exc
        if fsutil.is_disk_full(exc):
            why = phrase("archive.disk_full")
        raise ArchiveError("archive.cannot_rebuild", root=root, reason=why) from None


def _loss_records(root: Path) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The loss records beside the journal: (loss entry body, bodies of the entries it names)."""
    found = []
    for path in sorted((journal_dir(root) / LOSS_DIR).glob("*.json")):
        try:
            raw = json.loads(path.read_bytes())
            post, lost = raw["post"], raw["tapte_poster"]
            if post.get("rolle") != LOSS_ROLE or not isinstance(lost, list):
                raise ValueError(path.name)
        except (ValueError, KeyError, TypeError, AttributeError):
            rel = path.relative_to(root).as_posix()
            raise ArchiveError("recovery.loss_record_invalid", path=rel) from None
        found.append((post, lost))
    return found


def _rebuild(root: Path, journal: Journal | None, indexed: list[tuple[int, str, Sidecar, str]], *,
             accept_loss: bool) -> ReindexReport:
    previous = journal.chain() if journal is not None else None
    paths = {relpath for _s, relpath, _m, _h in indexed}
    # Loss entries and the bodies of what they name: from their records, else from the previous journal.
    losses: dict[str, dict[str, Any]] = {}
    lost_bodies: dict[str, dict[str, Any]] = {}
    for post, recorded in _loss_records(root):
        losses[post["sti"]] = post
        lost_bodies.update({b["sti"]: b for b in recorded if isinstance(b, dict) and "sti" in b})
    for entry in previous or []:
        if entry.is_loss:
            losses.setdefault(entry.relpath, entry.body)
    covered = {t["sti"] for post in losses.values() for t in post.get("tapte", []) if t.get("sti")}
    for entry in previous or []:
        if not entry.is_loss and entry.relpath in covered:
            lost_bodies.setdefault(entry.relpath, entry.body)

    items: list[tuple[tuple[int, int, str], dict[str, Any] | None, tuple[str, Sidecar, str] | None]] = []
    items += [((seq, 0, relpath), None, (relpath, meta, sha)) for seq, relpath, meta, sha in indexed]
    items += [((int(b["sekvens"]), 0, sti), b, None) for sti, b in lost_bodies.items() if sti not in paths]
    items += [((int(b["sekvens"]), 1, sti), b, None) for sti, b in losses.items()]

    newly_lost: list[JournalEntry] = []
    if previous is not None:
        newly_lost = [e for e in previous if not e.is_loss and e.relpath not in paths and e.relpath not in covered]
        items += [((e.seq, 0, e.relpath), e.body, None) for e in newly_lost]
    # A sequence number nobody holds: a document whose sidecar and journal entry are both gone (the previous
    # journal unusable, or rebuilt without it). Its path is unknown; it is named by its number.
    present = {key[0] for key, _b, _i in items}
    covered_seqs = {int(t["sekvens"]) for post in losses.values() for t in post.get("tapte", [])}
    newly_lost += [JournalEntry(seq, {"sti": "?"}, "", "") for seq in range(1, max(present, default=0) + 1)
                   if seq not in present and seq not in covered_seqs]
    if newly_lost and not accept_loss:
        named = Joined([phrase("recovery.lost_document", path=e.relpath, seq=e.seq) for e in newly_lost])
        raise ArchiveError("recovery.documents_lost", documents=named)

    bodies: list[dict[str, Any]] = []
    for position, (_key, body, doc) in enumerate(sorted(items, key=lambda t: t[0]), start=1):
        if doc is not None:
            bodies.append(entry_body(position, doc[0], doc[1], doc[2]))
        else:
            assert body is not None
            bodies.append({**body, "sekvens": position})
    report = ReindexReport(count=len(indexed))
    record: Path | None = None
    if newly_lost:
        seq = len(bodies) + 1
        registered = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        post = loss_body(seq, registered, newly_lost)
        bodies.append(post)
        fsutil.make_dirs(root, [JOURNAL_DIR, LOSS_DIR])
        record = root / loss_relpath(seq)
        data = {"versjon": 1, "post": post, "tapte_poster": [e.body for e in newly_lost if e.hash]}
        fsutil.write_new(record, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        fsutil.fsync_dir(record.parent)
        report = ReindexReport(len(indexed), [(e.seq, e.relpath) for e in newly_lost], seq)
    try:
        _install(root, bodies, journal)
    except BaseException:
        if record is not None:
            fsutil.remove(record)
        raise
    return report


@dataclass(frozen=True)
class _Said:
    """An error's message, said in the reader's language."""

    error: BtiError

    def say(self, lang: Lang) -> str:
        return self.error.render(lang)


def _mismatch(pdf_path: Path, meta: Sidecar, trust_roots: Sequence[Path]) -> Sayable | None:
    """Why the sidecar does not describe ``pdf_path`` (Norwegian, no personal data); None if it does."""
    from bti_docs.errors import QualityError, SealError
    from bti_docs.pdfa import check_pdfa
    from bti_docs.seal import seal_ok, validate_seals

    obj = meta.dokumentbeskrivelse.dokumentobjekt
    if obj.referanseDokumentfil != pdf_path.name:
        return phrase("archive.sidecar_other_file")
    if pdf_path.is_symlink():
        return phrase("archive.symlink")
    try:
        pdf = pdf_path.read_bytes()
    except FileNotFoundError:
        return phrase("archive.pdf_missing")
    if fsutil.sha256_bytes(pdf) != obj.sjekksum or len(pdf) != obj.filstoerrelse:
        return phrase("archive.checksum")
    level = level_of(obj.formatDetaljer)
    if level is None:
        return phrase("archive.unknown_format", format=obj.formatDetaljer)
    findings = check_pdfa(pdf, level)
    if findings:
        return phrase("archive.pdfa_finding", clause=findings[0].clause, detail=findings[0])
    if trust_roots:
        try:
            seals = validate_seals(pdf, trust_roots)
        except (QualityError, SealError) as exc:
            return _Said(exc)
        if not seals:
            return phrase("quality.no_seal")
        broken = [seal for seal in seals if not seal_ok(seal)]
        if broken:
            return broken[0]
    return None


def _install(root: Path, bodies: list[dict[str, Any]], journal: Journal | None) -> None:
    """Make ``bodies`` the journal, the old one kept as ``*.bak`` (under the archive lock)."""
    folder = journal_dir(root)
    db, stamp = folder / DB_NAME, datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    if journal is not None:
        journal.backup(_free_name(folder, f"{DB_NAME}.{stamp}", ".bak"))
        journal.rebuild(bodies)
        journal.record_checksum(root)
        return
    # SQLite cannot use the file: a new one takes its place. A process with a connection to the old file
    # would go on writing there, and SQLite's clean-up when it closes works on the -wal/-shm names the new
    # file uses: so only when nobody has it open.
    if _in_use(folder):
        raise ArchiveError(
            "archive.journal_in_use", root=root)
    new_db = folder / f"{DB_NAME}.ny-{secrets.token_hex(4)}"
    try:
        fresh = Journal(new_db)
        try:
            fresh.rebuild(bodies)
            fresh.checkpoint()
        finally:
            fresh.close()
        for suffix in ("", "-wal"):
            old = folder / f"{DB_NAME}{suffix}"
            if old.exists() and old.stat().st_size > 0:
                os.replace(old, _free_name(folder, f"{DB_NAME}{suffix}.{stamp}", ".bak"))
        for suffix in ("-wal", "-shm"):
            fsutil.remove(folder / f"{DB_NAME}{suffix}")
        os.replace(new_db, db)
    finally:
        fsutil.remove(new_db)
    fsutil.fsync_dir(folder)
    write_db_checksum(root)


def _usable(db: Path) -> Journal | None:
    """A connection to ``db`` if it exists and SQLite can use it as our journal, else None."""
    if not db.exists():
        return None
    try:
        journal = Journal(db)
    except sqlite3.DatabaseError:
        return None
    if journal.integrity_ok():
        return journal
    journal.close()
    return None


def _in_use(folder: Path) -> bool:
    """Whether another connection has the journal open.

    Each connection to a WAL database keeps a shared lock on the file, so one asking for exclusive
    locking is refused while any other is open (in this process too). A connection to a journal file
    deleted since keeps a read lock on the "DMS" byte of the -shm file it shares with the name.
    """
    db, shm = folder / DB_NAME, folder / f"{DB_NAME}-shm"
    if db.exists():
        probe = sqlite3.connect(db, isolation_level=None, timeout=1)
        try:
            probe.execute("PRAGMA locking_mode=EXCLUSIVE")
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                return True
        except sqlite3.DatabaseError:
            pass  # unreadable: the -shm check below still tells
        finally:
            probe.close()
    try:
        fd = os.open(shm, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS)
    except OSError:
        return True
    finally:
        os.close(fd)  # drops the lock just taken
    return False


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    for n in range(1000):
        path = folder / f"{stem}{'' if n == 0 else f'-{n}'}{suffix}"
        if not path.exists():
            return path
    raise OSError(errno.EEXIST, "no free name", str(folder / stem))
