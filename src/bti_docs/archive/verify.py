"""``bti-docs verify``: check a whole archive and list every problem. Reads only; changes nothing.

* The journal: its file against its recorded checksum (one changed byte anywhere), SQLite's integrity check,
  the hash chain, the index against the entry bodies, no unfinished filing (``pending.json``).
* Each journaled document: the PDF and its sidecar exist, are read-only and closed to others; the PDF's
  SHA-256 and size match the sidecar and the journal; the sidecar's SHA-256 matches the journal and its
  fields give the journal entry back; every seal is intact, valid, trusted and covers the whole file;
  the PDF/A essentials hold for the level the sidecar names; a snapshot copy equals its original.
* Every other file under the root: an unjournaled PDF or sidecar, a temporary file left by a crash, a
  symbolic link, or anything else is reported; so is any file in ``.bti-journal/`` that bti-docs does not
  write there, and a folder (or journal file) open to others or writable by the group.
* Documents that are gone are named: a journal entry whose PDF is missing (path and sequence number), and a
  sequence number no sidecar and no entry holds any more (named from the newest ``*.bak`` journal when it
  still has it). Losses ``reindex --godta-tap`` recorded are listed, not hidden.
* Given receipts (``--kvittering``), each must be an entry of the chain, at the sequence number it names:
  a chain that was shortened or rewritten, even with a fresh ``journal.sqlite.sha256``, fails here.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from bti_docs.archive import fsutil
from bti_docs.archive.journal import (
    DB_NAME,
    GENESIS,
    JOURNAL_DIR,
    LOCK_NAME,
    LOSS_DIR,
    PENDING_NAME,
    SUM_NAME,
    Journal,
    JournalEntry,
    db_checksum_ok,
    entry_body,
    is_version,
)
from bti_docs.archive.receipts import Receipt
from bti_docs.archive.rules import Lang
from bti_docs.archive.sidecar import SIDECAR_SUFFIX, Sidecar, level_of, parse_sidecar
from bti_docs.errors import QualityError, SealError
from bti_docs.pdfa import check_pdfa
from bti_docs.seal import PADES_LEVELS, SealStatus, seal_ok, validate_seals
from bti_docs.text.voice import phrase, say


@dataclass(frozen=True)
class VerifyProblem:
    path: str  # relative to the archive root; "" for the archive as a whole
    code: str
    message: str

    def format(self) -> str:
        return f"{self.path or '.'}: {self.message}"


@dataclass(frozen=True)
class DocumentSeal:
    """One seal of one journaled document as verify found it: its PAdES level and its times."""

    path: str  # the PDF, relative to the archive root
    seq: int | None  # its journal entry (None without a journal)
    level: str  # B-B, B-T, B-LT or B-LTA (what the file reaches, checked against the trust roots)
    ok: bool  # intact, valid, trusted and covering the whole file
    signing_time: str | None  # ISO 8601: the signature timestamp's time, else the time the signer claims
    timestamped: bool  # a trusted signature timestamp is there
    archive_timestamp: str | None  # ISO 8601: the latest valid document timestamp (B-LTA)
    superseded_by: str | None = None  # a newer version of the document (a renewed timestamp) replaces it


@dataclass(frozen=True)
class VerifyReport:
    problems: list[VerifyProblem]
    head_seq: int = 0  # the chain's newest entry (0 with no journal or an empty one)
    head_hash: str = GENESIS  # its hash: the receipt of the archive as it is now
    documents: int = 0  # documents the journal holds (loss entries not counted)
    losses: list[tuple[int, int, str]] = field(default_factory=list)  # (loss entry, lost entry, path)
    seals: list[DocumentSeal] = field(default_factory=list)  # every seal of every document, in journal order
    superseded: int = 0  # documents replaced by a newer version (renewed archive timestamp), still kept

    def seal_levels(self) -> dict[str, int]:
        """How many current documents (not superseded versions) reach each PAdES level (seals that fail:
        "feil"); a document counts once, at its lowest seal."""
        order = {level: n for n, level in enumerate(PADES_LEVELS)}
        per_doc: dict[str, str] = {}
        for s in self.seals:
            if s.superseded_by is not None:
                continue
            level = s.level if s.ok else "feil"
            old = per_doc.get(s.path)
            if old is None or (old != "feil" and (level == "feil" or order[level] < order[old])):
                per_doc[s.path] = level
        counts = dict.fromkeys(PADES_LEVELS, 0)
        for level in per_doc.values():
            counts[level] = counts.get(level, 0) + 1
        return {k: v for k, v in counts.items() if v or k in PADES_LEVELS}


_JOURNAL_FILES = re.compile(
    rf"^(?:{re.escape(DB_NAME)}(?:-wal|-shm)?|{re.escape(SUM_NAME)}|{re.escape(LOCK_NAME)}|{re.escape(PENDING_NAME)}"
    rf"|{re.escape(DB_NAME)}(?:-wal)?\.\d{{8}}T\d{{6}}Z(?:-\d+)?\.bak)$"
)
_LOSS_FILE = re.compile(r"^\d{6}\.json$")


class _Verifier:
    def __init__(self, root: Path, trust_roots: Sequence[Path], lang: Lang) -> None:
        self.root, self.trust_roots, self.lang = root, list(trust_roots), lang
        self.problems: list[VerifyProblem] = []
        self._content_checked: dict[str, list[tuple[str, str]]] = {}
        self._seals_of: dict[str, list[SealStatus]] = {}
        self.seals: list[DocumentSeal] = []
        self.by_relpath: dict[str, JournalEntry] = {}
        self.sidecar_seqs: set[int] = set()  # sequence numbers the sidecars read name

    def add(self, path: str, code: str, **context: object) -> None:
        self.problems.append(VerifyProblem(path, code, say(f"verify.{code}", self.lang, **context)))

    def journal(self) -> list[JournalEntry] | None:
        folder = self.root / JOURNAL_DIR
        db_rel = f"{JOURNAL_DIR}/{DB_NAME}"
        if (folder / PENDING_NAME).exists():
            self.add(f"{JOURNAL_DIR}/{PENDING_NAME}", "pending")
        if not (folder / DB_NAME).is_file():
            self.add(db_rel, "journal_missing")
            return None
        wal = folder / f"{DB_NAME}-wal"
        if wal.exists() and wal.stat().st_size > 0:
            self.add(db_rel, "journal_wal")
        ok = db_checksum_ok(self.root)
        if ok is None:
            self.add(f"{JOURNAL_DIR}/{SUM_NAME}", "journal_checksum_missing")
        elif not ok:
            self.add(db_rel, "journal_checksum")
        try:
            journal = Journal(folder / DB_NAME, readonly=True)
        except Exception:
            self.add(db_rel, "journal_corrupt")
            return None
        try:
            problems = journal.check()
            entries = journal.chain() if not any(c == "journal_corrupt" for _s, c in problems) else None
        except Exception:
            problems, entries = [(0, "journal_corrupt")], None
        finally:
            journal.close()
        paths = {e.seq: e.relpath for e in entries or []}
        for seq, code in problems:
            self.add(paths.get(seq, db_rel) if seq else db_rel, code)
        return entries

    def document(self, relpath: str, entry: JournalEntry | None, originals: dict[str, str]) -> None:
        pdf_path, sidecar_path = self.root / relpath, self.root / (relpath + SIDECAR_SUFFIX)
        sidecar_rel = relpath + SIDECAR_SUFFIX
        seq = str(entry.seq) if entry is not None else "?"
        pdf = self._read(pdf_path, relpath, "missing_pdf", seq=seq)
        sidecar_bytes = self._read(sidecar_path, sidecar_rel, "missing_sidecar")
        meta: Sidecar | None = None
        if sidecar_bytes is not None:
            if entry is not None and fsutil.sha256_bytes(sidecar_bytes) != entry.body["sidecar_sha256"]:
                self.add(sidecar_rel, "sidecar_checksum")
            try:
                meta = parse_sidecar(sidecar_bytes)
            except ValueError as exc:
                self.add(sidecar_rel, "sidecar_invalid", detail=exc)
            if meta is not None and entry is not None and \
                    entry_body(entry.seq, relpath, meta, entry.body["sidecar_sha256"]) != entry.body:
                self.add(sidecar_rel, "sidecar_mismatch")
            if meta is not None and entry is not None and \
                    (meta.journal.sekvens, meta.journal.forrige_hash) != (entry.seq, entry.prev_hash):
                self.add(sidecar_rel, "sidecar_mismatch")
            if meta is not None:
                self.sidecar_seqs.add(meta.journal.sekvens)
        if pdf is None:
            return
        actual = fsutil.sha256_bytes(pdf)
        expected = {entry.body["pdf_sha256"]} if entry is not None else set()
        if meta is not None:
            expected.add(meta.pdf_sha256)
            if len(pdf) != meta.dokumentbeskrivelse.dokumentobjekt.filstoerrelse:
                self.add(relpath, "pdf_size")
        if any(actual != e for e in expected):
            self.add(relpath, "pdf_checksum")
        if entry is not None and entry.body["kopi_av"] is not None and not is_version(entry.body) and \
                originals.get(entry.body["kopi_av"]) != entry.body["pdf_sha256"]:
            self.add(relpath, "copy_mismatch")
        if meta is not None and meta.bti.fornyar is not None:
            self._version(relpath, pdf, meta)
        details = meta.dokumentbeskrivelse.dokumentobjekt.formatDetaljer if meta else ""
        for code, detail in self._content(pdf, actual, details):
            self.add(relpath, code, detail=detail)
        seq_no = entry.seq if entry is not None else (meta.journal.sekvens if meta is not None else None)
        self.seals += [DocumentSeal(
            relpath, seq_no, s.level, seal_ok(s), _iso(s.signing_time), s.timestamped, _iso(s.archive_timestamp),
        ) for s in self._seals_of.get(actual, [])]

    def _version(self, relpath: str, pdf: bytes, meta: Sidecar) -> None:
        """A later version (forny-tidsstempel) must begin with the exact bytes of the version it replaces, which
        must be in the chain before it, at the path and with the checksum the sidecar names."""
        renews = meta.bti.fornyar
        assert renews is not None
        old = self.by_relpath.get(renews.sti)
        if old is None or old.seq != renews.sekvens or old.seq >= meta.journal.sekvens:
            self.add(relpath, "version_mismatch", detail=f"{renews.sti}, journalpost {renews.sekvens}")
            return
        if old.body["pdf_sha256"] != renews.sjekksum:
            self.add(relpath, "version_mismatch", detail=phrase("verify.version_checksum", path=renews.sti))
            return
        try:
            before = (self.root / renews.sti).read_bytes()
        except OSError:
            return  # the older file is reported missing on its own
        if len(pdf) <= len(before) or not pdf.startswith(before) or fsutil.sha256_bytes(before) != renews.sjekksum:
            self.add(relpath, "version_mismatch", detail=renews.sti)

    def _read(self, path: Path, relpath: str, missing: str, **context: str) -> bytes | None:
        try:
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode):
                self.add(relpath, "symlink")
                return None
            if st.st_mode & 0o227:  # any write bit, or anything for others
                self.add(relpath, "permissions", mode=oct(stat.S_IMODE(st.st_mode)))
            return path.read_bytes()
        except FileNotFoundError:
            self.add(relpath, missing, **context)
            return None

    def _content(self, pdf: bytes, sha: str, format_details: str) -> list[tuple[str, str]]:
        """Seal and PDF/A findings for one PDF content (copies share their original's result)."""
        key = f"{sha}:{format_details}"
        if key in self._content_checked:
            return self._content_checked[key]
        found: list[tuple[str, str]] = []
        if self.trust_roots:
            try:
                seals = validate_seals(pdf, self.trust_roots)
            except (QualityError, SealError) as exc:
                seals, found = [], [("seal_invalid", exc.render(self.lang))]
            self._seals_of[sha] = seals
            if not seals and not found:
                found.append(("no_seal", ""))
            found += [("seal_invalid", s.say(self.lang)) for s in seals if not seal_ok(s)]
        level = level_of(format_details)
        found += [("pdfa", f"{f.clause}: {f.say(self.lang)}") for f in check_pdfa(pdf, level)]
        self._content_checked[key] = found
        return found

    def walk(self, known: set[str] | None) -> list[str]:
        """Report files the journal does not know (all of them but documents when there is no journal).

        Returns the PDFs outside the journal that have a sidecar, to be checked against it.
        """
        pairs: list[str] = []
        for folder, dirs, files in os.walk(self.root):
            here = Path(folder)
            if here == self.root:
                dirs[:] = [d for d in dirs if d != JOURNAL_DIR]
            for name in sorted(files + [d for d in dirs if (here / d).is_symlink()]):
                rel = (here / name).relative_to(self.root).as_posix()
                if known is not None and rel in known:
                    continue
                if name.startswith(fsutil.TEMP_PREFIX):
                    self.add(rel, "temp_leftover")
                elif (here / name).is_symlink():
                    self.add(rel, "symlink")
                elif name.endswith(".pdf") and (here / (name + SIDECAR_SUFFIX)).exists():
                    pairs.append(rel)
                    if known is not None:
                        self.add(rel, "unjournaled")
                elif known is not None or not name.endswith(SIDECAR_SUFFIX):
                    self.add(rel, "unjournaled")
        return pairs


    def modes(self) -> None:
        """Folders open to others or writable by the group (the root: writable by anyone but its owner)."""
        for folder, dirs, _files in os.walk(self.root):
            here = Path(folder)
            mode = stat.S_IMODE(here.lstat().st_mode)
            if mode & (0o022 if here == self.root else 0o027):
                self.add(here.relative_to(self.root).as_posix() if here != self.root else "",
                         "dir_permissions", mode=oct(mode))
            dirs[:] = [d for d in dirs if not (here / d).is_symlink()]

    def journal_folder(self, chain: list[JournalEntry] | None) -> None:
        """Files in ``.bti-journal/`` that bti-docs does not write there, and loose modes."""
        folder = self.root / JOURNAL_DIR
        loss_paths = {e.relpath for e in chain or [] if e.is_loss}
        if not folder.is_dir():
            return
        for item in sorted(folder.iterdir()):
            rel = f"{JOURNAL_DIR}/{item.name}"
            if item.is_symlink():
                self.add(rel, "symlink")
            elif item.name.startswith(fsutil.TEMP_PREFIX):
                self.add(rel, "temp_leftover")
            elif item.name == LOSS_DIR and item.is_dir():
                for record in sorted(item.iterdir()):
                    record_rel = f"{rel}/{record.name}"
                    if record.is_symlink():
                        self.add(record_rel, "symlink")
                    elif not (_LOSS_FILE.match(record.name) and record.is_file() and record_rel in loss_paths):
                        self.add(record_rel, "journal_unexpected")
                    else:
                        self._journal_mode(record, record_rel)
            elif not (_JOURNAL_FILES.match(item.name) and item.is_file()):
                self.add(rel, "journal_unexpected")
            else:
                self._journal_mode(item, rel)

    def _journal_mode(self, path: Path, rel: str) -> None:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o027:
            self.add(rel, "journal_permissions", mode=oct(mode))

    def losses(self, chain: list[JournalEntry]) -> list[tuple[int, int, str]]:
        """The losses recorded in the chain; each loss record must be there and agree with its entry."""
        found: list[tuple[int, int, str]] = []
        for entry in chain:
            if not entry.is_loss:
                continue
            try:
                record = json.loads((self.root / entry.relpath).read_bytes())
                ok = isinstance(record, dict) and record.get("post") == entry.body
            except (OSError, ValueError):
                ok = False
            if not ok:
                self.add(entry.relpath, "loss_record", seq=str(entry.seq))
            found += [(entry.seq, int(t["sekvens"]), str(t["sti"])) for t in entry.body.get("tapte", [])]
        return found

    def gaps(self, chain: list[JournalEntry], losses: list[tuple[int, int, str]]) -> None:
        """Sequence numbers no sidecar, no loss and no entry without a readable sidecar accounts for."""
        accounted = set(self.sidecar_seqs) | {e.seq for e in chain if e.is_loss} | {lost for _l, lost, _p in losses}
        unreadable = {p.path for p in self.problems if p.code in ("missing_sidecar", "sidecar_invalid", "symlink")}
        unread = {e.seq for e in chain if not e.is_loss and e.sidecar_relpath in unreadable}
        top = max(accounted | unread | {e.seq for e in chain}, default=0)
        missing = [seq for seq in range(1, top + 1) if seq not in accounted | unread]
        if not missing:
            return
        named = self._previous_paths()
        for seq in missing:
            where = f" ({named[seq]})" if seq in named else ""
            self.add(named.get(seq, f"{JOURNAL_DIR}/{DB_NAME}"), "missing_seq", seq=str(seq), where=where)

    def _previous_paths(self) -> dict[int, str]:
        """Sequence number → path in the newest ``*.bak`` journal that can be read, if any."""
        backups = sorted((self.root / JOURNAL_DIR).glob(f"{DB_NAME}.*.bak"), key=lambda p: p.stat().st_mtime)
        for backup in reversed(backups):
            try:
                old = Journal(backup, readonly=True)
                try:
                    return {e.seq: e.relpath for e in old.chain()}
                finally:
                    old.close()
            except (sqlite3.Error, ValueError, KeyError):
                continue
        return {}

    def receipts(self, chain: list[JournalEntry] | None, receipts: Sequence[Receipt]) -> None:
        db_rel = f"{JOURNAL_DIR}/{DB_NAME}"
        by_hash = {e.hash: e for e in chain or []}
        head = max((e.seq for e in chain or []), default=0)
        for receipt in receipts:
            entry = by_hash.get(receipt.hash)
            if entry is None and receipt.seq is not None and receipt.seq > head:
                missing = f"{head + 1}–{receipt.seq}" if receipt.seq > head + 1 else str(receipt.seq)
                self.add(db_rel, "receipt_beyond_head", receipt=receipt, head=str(head),
                         seq=str(receipt.seq), missing=missing)
            elif entry is None:
                self.add(db_rel, "receipt_missing", receipt=receipt)
            elif receipt.seq is not None and receipt.seq != entry.seq:
                self.add(db_rel, "receipt_seq", receipt=receipt, seq=str(receipt.seq),
                         found=str(entry.seq))


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when is not None else None


def verify_archive(root: Path, trust_roots: Sequence[Path], *, lang: Lang = "nb") -> list[VerifyProblem]:
    """Every problem in the archive at ``root``; empty when everything holds."""
    return verify_report(root, trust_roots, lang=lang).problems


def verify_report(root: Path, trust_roots: Sequence[Path], *, lang: Lang = "nb",
                  receipts: Sequence[Receipt] = ()) -> VerifyReport:
    """Every problem in the archive at ``root`` (checked against ``receipts``), and the chain's head."""
    v = _Verifier(root.absolute(), trust_roots, lang)
    if not v.root.is_dir():
        v.add("", "no_archive")
        return VerifyReport(v.problems)
    if not v.trust_roots:
        v.add("", "no_trust_roots")
    chain = v.journal()
    entries = None if chain is None else [e for e in chain if not e.is_loss]
    losses = v.losses(chain) if chain is not None else []
    lost = {path for _l, _s, path in losses}
    originals = {e.relpath: e.body["pdf_sha256"] for e in entries or [] if e.body["kopi_av"] is None}
    v.by_relpath = {e.relpath: e for e in entries or []}
    for entry in entries or []:
        if entry.relpath in lost and not (v.root / entry.relpath).exists():
            continue  # a recorded loss: listed in the report, not a new finding
        v.document(entry.relpath, entry, originals)
    known = None if entries is None else {p for e in entries for p in (e.relpath, e.sidecar_relpath)}
    for relpath in v.walk(known):
        if entries is None:  # without a journal, still check each document against its sidecar
            v.document(relpath, None, originals)
    if chain is not None:
        v.gaps(chain, losses)
    v.modes()
    v.journal_folder(chain)
    v.receipts(chain, receipts)
    replaced = {str(e.body["fornyar"]): e.relpath for e in entries or [] if is_version(e.body)}
    seals = [replace(s, superseded_by=replaced.get(s.path)) for s in v.seals]
    head = chain[-1] if chain else None
    return VerifyReport(v.problems, head.seq if head else 0, head.hash if head else GENESIS, len(entries or []),
                        losses, seals, len(replaced))
