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

import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bti_docs.archive import fsutil
from bti_docs.archive.journal import (
    DB_NAME,
    JOURNAL_DIR,
    LOCK_NAME,
    PENDING_NAME,
    Journal,
    entry_body,
    journal_dir,
    write_db_checksum,
)
from bti_docs.archive.rules import split_path
from bti_docs.archive.sidecar import SIDECAR_SUFFIX, Sidecar, parse_sidecar
from bti_docs.errors import ArchiveError


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
            raise ArchiveError(
                f"{root / JOURNAL_DIR / PENDING_NAME} er øydelagd / er ødelagt. Ei avbroten arkivering kan ikkje "
                "ryddast automatisk; køyr «bti-docs verify» og rydd etter rapporten."
            ) from None
        docs = []
        for item in raw.get("dokument", []):
            split_path(item["mappe"])  # never leave the archive root
            for name in (item["pdf"], item["metadata"]):
                if not name.startswith(fsutil.TEMP_PREFIX) or "/" in name:
                    raise ArchiveError(f"{PENDING_NAME}: ugyldig mellombels namn / ugyldig midlertidig navn.")
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


def recover_locked(root: Path, journal: Journal | None) -> RecoveryReport:
    """Finish or undo what ``pending.json`` names (the caller holds the archive lock).

    With ``journal=None`` (reindex) complete documents are left in place for the rebuild to index.
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
            elif sidecar is not None and journal is not None and \
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


def reindex(root: Path, *, skip_bad: bool = False) -> int:
    """Rebuild the journal from the sidecars; the old database is kept beside it as ``*.bak``.

    The order is the sidecars' own sequence numbers; an intact archive gets exactly the same chain back.
    Raises ArchiveError if a sidecar cannot be read (unless ``skip_bad``): a partial journal would hide it.
    Returns the number of documents indexed.
    """
    root = root.absolute()
    folder = journal_dir(root)
    try:
        fsutil.make_dirs(root, [JOURNAL_DIR])
        with fsutil.locked(folder / LOCK_NAME):
            recover_locked(root, None)
            indexed: list[tuple[int, str, Sidecar, str]] = []
            bad: list[str] = []
            for path in sidecar_files(root):
                relpath = path.relative_to(root).as_posix().removesuffix(SIDECAR_SUFFIX)
                data = path.read_bytes()
                try:
                    meta = parse_sidecar(data)
                except ValueError:
                    bad.append(relpath + SIDECAR_SUFFIX)
                    continue
                indexed.append((meta.journal.sekvens, relpath, meta, fsutil.sha256_bytes(data)))
            if bad and not skip_bad:
                raise ArchiveError(
                    "Metadatafilene kan ikkje lesast / kan ikke leses: " + ", ".join(bad)
                    + ". Journalen er ikkje bygd på nytt / er ikke bygget på nytt."
                )
            new_db = folder / f"{DB_NAME}.ny-{secrets.token_hex(4)}"
            journal = Journal(new_db)
            try:
                prev = journal.head()[1]
                for seq, (_old, relpath, meta, sidecar_sha) in enumerate(sorted(indexed, key=lambda t: t[:2]), 1):
                    prev = journal.append(entry_body(seq, relpath, meta, sidecar_sha), prev).hash
                journal.checkpoint()
            finally:
                journal.close()
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            for suffix in ("", "-wal"):
                old = folder / f"{DB_NAME}{suffix}"
                if old.exists() and old.stat().st_size > 0:
                    os.replace(old, folder / f"{DB_NAME}{suffix}.{stamp}.bak")
            for suffix in ("-wal", "-shm"):
                fsutil.remove(folder / f"{DB_NAME}{suffix}")
            os.replace(new_db, folder / DB_NAME)
            fsutil.fsync_dir(folder)
            write_db_checksum(root)
            return len(indexed)
    except OSError as exc:
        raise ArchiveError(
            f"Journalen i {root} kan ikkje byggjast på nytt / kan ikke bygges på nytt: {exc.strerror}."
        ) from None
