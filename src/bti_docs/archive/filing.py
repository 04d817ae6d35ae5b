"""Filing documents: atomic, never overwriting, read-only files, one journal entry per document.

For each document, under the archive lock: record the intent (``pending.json``: the temporary names) →
write the PDF under a temporary name in its final folder and fsync → hard-link it to the first free final
name (``{lopenummer}`` counts up; without it an existing name is refused) → write and link the sidecar the
same way → add the journal entry (one transaction) → remove the temporary names. After the batch the journal
is checkpointed, its checksum recorded and the intent removed. A crash anywhere leaves either nothing or a
complete document once ``recover`` has run (it runs whenever an ``Archive`` is opened or files).

An ``Archive`` keeps its connection from planning to filing, outside the lock. So under the lock, before
anything is written, it reconnects if ``journal.sqlite`` is no longer the file it opened, and refuses
(``PlanOutdatedError``, nothing written) a plan whose log snapshot is no longer the case's latest.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from bti_docs.archive import fsutil
from bti_docs.archive.events import CaseState, DueYearly, case_state, yearly_due
from bti_docs.archive.journal import (
    GENESIS,
    LOCK_NAME,
    PENDING_NAME,
    SUM_NAME,
    Journal,
    JournalEntry,
    JournalError,
    entry_body,
    journal_dir,
)
from bti_docs.archive.ledger import CaseLedger, ledgers_from_bodies
from bti_docs.archive.noark_metadata import noark_metadata
from bti_docs.archive.plan import DocumentToFile, FiledDocument, PlanOutdatedError, archive_rules
from bti_docs.archive.receipts import ReceiptLog, log_receipts
from bti_docs.archive.recovery import Pending, PendingDocument, RecoveryReport, recover_locked
from bti_docs.archive.rules import MAX_LOPENUMMER, Bevaring, Hendelse, PathValues, split_path
from bti_docs.archive.sidecar import (
    SIDECAR_SUFFIX,
    Bevaringsregel,
    Bti,
    Dokumentbeskrivelse,
    Dokumentobjekt,
    Fornying,
    Journalref,
    Kassasjon,
    Noark,
    Segl,
    Sidecar,
    parse_sidecar,
    pdf_format,
)
from bti_docs.config import Settings
from bti_docs.errors import ArchiveError, os_reason
from bti_docs.pdfa import PdfaLevel
from bti_docs.text.voice import Phrase, phrase


def filed_from(entry: JournalEntry, root: Path, *, duplicate: bool = False) -> FiledDocument:
    b = entry.body
    return FiledDocument(
        relpath=entry.relpath, path=root / entry.relpath, sidecar_path=root / entry.sidecar_relpath,
        seq=entry.seq, entry_hash=entry.hash, pdf_sha256=b["pdf_sha256"], sidecar_sha256=b["sidecar_sha256"],
        case=b["sak"], unit=b["enhet"], kind=b["skjema"], role=b["rolle"], event=b["hendelse"],
        events=tuple(b["hendelser"]), doc_date=date.fromisoformat(b["dokumentdato"]),
        input_sha256=b["inndata_sha256"], filing_key=b["arkiveringsnokkel"], copy_of=b["kopi_av"],
        log_copy=b["stafettlogg_kopi"], duplicate=duplicate,
    )


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def build_sidecar(doc: DocumentToFile, *, name: str, seq: int, prev_hash: str, now: datetime,
                  kommunenummer: str, retention: Bevaring, noark: Noark | None = None) -> Sidecar:
    puid, details = pdf_format(doc.pdfa_level)
    years = retention.kassasjonsfrist_aar
    return Sidecar(
        dokumentbeskrivelse=Dokumentbeskrivelse(
            systemID=str(uuid.uuid4()), dokumenttype=doc.doc_type, tittel=doc.title, opprettetDato=now,
            tilknyttetRegistreringSom="Hoveddokument" if doc.copy_of is None else "Vedlegg",
            kassasjon=Kassasjon(
                kassasjonsvedtak="Bevares" if retention.vedtak == "B" else "Kasseres",
                kassasjonshjemmel=retention.hjemmel, bevaringstid=years,
                kassasjonsdato=_add_years(doc.doc_date, years) if years else None,
            ),
            dokumentobjekt=Dokumentobjekt(
                format=puid, formatDetaljer=details, referanseDokumentfil=name,
                sjekksum=fsutil.sha256_bytes(doc.pdf), filstoerrelse=len(doc.pdf), opprettetDato=now,
            ),
        ),
        bti=Bti(
            hendelse=doc.event, hendelser=list(doc.events or (doc.event,)),
            rolle="skjema" if doc.role == "skjema" else "stafettlogg", skjema=doc.kind,
            kommunenummer=kommunenummer, enhet=doc.unit, enhetsnavn=doc.unit_name or doc.unit, sak=doc.case,
            dokumentdato=doc.doc_date,
            bevaring=Bevaringsregel(vedtak=retention.vedtak, kassasjonsfrist_aar=years),
            segl=Segl(signer=doc.seal_signer, tidspunkt=doc.seal_time, verifisert=doc.seal_verified),
            inndata_sha256=doc.input_sha256, arkiveringsnokkel=doc.filing_key, kopi_av=doc.copy_of,
            stafettlogg_kopi=doc.log_copy,
            overleveringer=list(doc.handovers), enkeltvedtak=doc.enkeltvedtak,
            saksfakta=doc.facts, kopi_alder_dagar=doc.copy_age,
        ),
        journal=Journalref(sekvens=seq, forrige_hash=prev_hash),
        noark=noark,
        personopplysninger=dict(doc.personal),
    )


@dataclass(frozen=True)
class _Target:
    folder_parts: list[str]
    name_template: str
    values: PathValues


_T = TypeVar("_T")

class Archive:
    """An archive folder: documents in a path tree the rules define, the journal in ``.bti-journal``."""

    def __init__(self, root: Path, settings: Settings) -> None:
        self.root = root.absolute()
        self.settings = settings
        self.rules = archive_rules(settings)
        self.lang = settings.lang
        self.last_recovery = RecoveryReport()
        try:
            try:  # two filers may create a new archive at once: whoever comes second just opens it
                self.root.mkdir(mode=fsutil.DIR_MODE, parents=True)
                os.chmod(self.root, fsutil.DIR_MODE)  # whatever the umask
            except FileExistsError:
                pass
            fsutil.make_dirs(self.root, [journal_dir(self.root).name])
            with fsutil.locked(journal_dir(self.root) / LOCK_NAME):
                self._journal = Journal(journal_dir(self.root) / "journal.sqlite")
                self.last_recovery = recover_locked(self.root, self._journal)
                # A new journal gets its first checksum. (Never hash the file here while the connection is
                # open: see Journal.record_checksum.)
                if self._journal.head()[0] == 0 and not (journal_dir(self.root) / SUM_NAME).exists():
                    self._journal.record_checksum(self.root)
        except (OSError, sqlite3.Error, JournalError) as exc:
            raise self._error("open", exc) from None

    def close(self) -> None:
        self._journal.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- queries ------------------------------------------------------------------------------------

    def already_filed(self, input_sha256: str) -> list[FiledDocument]:
        return [filed_from(e, self.root, duplicate=True) for e in self._journal.by_input(input_sha256)]

    def latest_log(self, case: str, on: date | None = None) -> FiledDocument | None:
        entry = self._journal.latest_log(case, on.isoformat() if on else None)
        return filed_from(entry, self.root) if entry else None

    def case_ledger(self, case: str) -> CaseLedger:
        """What the archive knows about ``case`` (see ``archive.ledger``)."""
        return ledgers_from_bodies((e.seq, e.body) for e in self._journal.originals(case)).get(
            case, CaseLedger(case))

    def case_version(self, case: str) -> int:
        """The journal sequence number of the case's latest original (0: none): planning saw this much."""
        return max((e.seq for e in self._journal.originals(case)), default=0)

    def document(self, relpath: str) -> FiledDocument | None:
        entry = self._journal.by_relpath(relpath)
        return filed_from(entry, self.root) if entry else None

    def case_state(self, case: str) -> CaseState:
        return case_state(case, (e.record() for e in self._journal.originals(case)))

    def documents(self) -> list[FiledDocument]:
        return [filed_from(e, self.root) for e in self._journal.entries()]

    def due_yearly(self, today: date) -> list[DueYearly]:
        """Open cases with an enkeltvedtak whose yearly filing is still to do (see ``events.yearly_due``)."""
        rule = self.rules.hendelser.aarlig
        frist = rule.deadline_for("skole")
        if not rule.aktiv or frist is None:
            return []
        by_case: dict[str, list[JournalEntry]] = {}
        for entry in self._journal.originals():
            by_case.setdefault(entry.body["sak"], []).append(entry)
        return yearly_due({c: [e.record() for e in es] for c, es in by_case.items()}, frist, today)

    # --- writing ------------------------------------------------------------------------------------

    def recover(self) -> RecoveryReport:
        """Finish or undo an interrupted filing: remove temporary names and half documents."""
        try:
            with fsutil.locked(journal_dir(self.root) / LOCK_NAME):
                self._journal.ensure_current()
                return recover_locked(self.root, self._journal)
        except (OSError, sqlite3.Error, JournalError) as exc:
            raise self._error("recover", exc) from None

    def _commit(self, write: Callable[[], _T], receipts: ReceiptLog | None, head_before: int) -> _T:
        """Run ``write`` under the lock; an unfinished document is undone at once (the caller is told it was
        not filed), and each new journal entry's receipt goes to the receipt log."""
        try:
            try:
                result = write()
            except Exception:
                with contextlib.suppress(OSError, sqlite3.Error, JournalError):
                    recover_locked(self.root, self._journal, complete=False)
                raise
            self._write_receipts(receipts, head_before)
        finally:
            if receipts is not None:
                receipts.close()
        return result

    def file(self, docs: Sequence[DocumentToFile]) -> list[FiledDocument]:
        """File ``docs`` in order; documents already in the archive come back with ``duplicate=True``."""
        try:
            with fsutil.locked(journal_dir(self.root) / LOCK_NAME):
                # this connection may be older than the lock: the journal file may have been replaced since
                self._journal.ensure_current()
                head_before = self._journal.head()[0]
                recover_locked(self.root, self._journal)
                # the receipt log is opened before anything is written: if it cannot be, nothing is filed
                receipts = self._open_receipt_log() if any(
                    self._journal.by_key(d.filing_key) is None for d in docs) else None
                return self._commit(lambda: self._file_locked(docs), receipts, head_before)
        except (OSError, sqlite3.Error, JournalError) as exc:
            raise self._error("file", exc) from None

    def _open_receipt_log(self) -> ReceiptLog | None:
        configured = self.rules.kvitteringslogg
        if configured is None:
            return None
        path = self.settings.resolve(configured)
        try:
            return ReceiptLog(path)
        except OSError as exc:
            raise ArchiveError("filing.receipt_log_unwritable", path=path, reason=self._reason(exc)) from None

    def _write_receipts(self, receipts: ReceiptLog | None, head_before: int) -> None:
        """The receipt of every entry the journal got since ``head_before`` (recovered ones included)."""
        new = [(e.seq, e.hash) for e in self._journal.since(head_before)]
        if not new:
            return
        log_receipts(new, system_log=self.rules.kvitteringar_til_systemlogg)
        if receipts is None:
            return
        try:
            fsutil.full_point("receipt")
            receipts.append(new)
        except OSError as exc:
            raise ArchiveError("filing.receipt_not_written", path=receipts.path, reason=self._reason(exc),
                               seq=new[-1][0], hash=new[-1][1]) from None

    def _file_locked(self, docs: Sequence[DocumentToFile]) -> list[FiledDocument]:
        results: dict[int, FiledDocument] = {}
        todo: list[tuple[int, DocumentToFile, _Target]] = []
        for i, doc in enumerate(docs):
            existing = self._journal.by_key(doc.filing_key)
            if existing is not None:
                results[i] = filed_from(existing, self.root, duplicate=True)
            else:
                self._check_log_source(doc)
                todo.append((i, doc, self._target(doc)))
        if todo:
            # a full disk refuses the whole batch here, before anything is written
            fsutil.require_free_space(self.root, sum(len(d.pdf) + fsutil.PER_DOCUMENT for _i, d, _t in todo))
            pending = Pending([
                PendingDocument("/".join(t.folder_parts), fsutil.temp_name(".pdf"), fsutil.temp_name(".json"))
                for _i, _doc, t in todo
            ])
            fsutil.full_point("pending")
            pending.write(self.root)
            fsutil.crash_point("after_pending", 1)
            for n, ((i, doc, target), item) in enumerate(zip(todo, pending.documents, strict=True), start=1):
                results[i] = self._file_one(doc, target, item, n)
            self._journal.record_checksum(self.root)
            fsutil.remove(journal_dir(self.root) / PENDING_NAME)
            fsutil.fsync_dir(journal_dir(self.root))
        return [results[i] for i in range(len(docs))]

    def _check_log_source(self, doc: DocumentToFile) -> None:
        """The plan's view of the case's latest log must still hold (it was read before the lock was taken).

        Otherwise two filers of the same input, planned on either side of a new log, would file two
        different snapshot copies (their filing keys differ), and a form planned before the case's first log
        would say it had none. Planning again gives the right documents.
        """
        if doc.case_version is not None and doc.case_version != self.case_version(doc.case):
            raise PlanOutdatedError("filing.case_changed")
        if doc.copy_of is None and doc.log_copy != "ingen_stafettlogg":
            return
        latest = self._journal.latest_log(doc.case, (doc.event_date or doc.doc_date).isoformat())
        if (latest.relpath if latest else None) != (doc.copy_of.sti if doc.copy_of else None):
            raise PlanOutdatedError("filing.newer_log")

    def _target(self, doc: DocumentToFile) -> _Target:
        self._check(doc)
        template = self.rules.path_template(Hendelse(doc.event))
        values = PathValues(self.settings.kommune.kommunenummer, doc.unit, doc.case, doc.event_date or doc.doc_date,
                            doc.kind, doc.event)
        try:
            parts = split_path(values.fill(template, 1))
        except ValueError as exc:  # values come from validated forms; this guards the archive root anyway
            raise ArchiveError("filing.bad_path", detail=exc) from None
        return _Target(parts[:-1], template.rpartition("/")[2], values)

    def _check(self, doc: DocumentToFile) -> None:
        """Refuse a malformed document before anything is written (messages name fields, never values)."""
        problems: list[str] = []
        if not doc.pdf.startswith(b"%PDF-"):
            problems.append("pdf")
        if doc.event not in set(Hendelse) or any(e not in set(Hendelse) for e in doc.events):
            problems.append("event")
        if doc.pdfa_level not in set(PdfaLevel):
            problems.append("pdfa_level")
        if doc.role not in ("skjema", "stafettlogg"):
            problems.append("role")
        if not problems:
            try:
                now = datetime.now(UTC)
                build_sidecar(doc, name="x.pdf", seq=1, prev_hash=GENESIS, now=now,
                              kommunenummer=self.settings.kommune.kommunenummer,
                              retention=doc.retention or self.rules.retention(Hendelse(doc.event)),
                              noark=self._noark(doc, now))
            except ValidationError as exc:
                problems += [".".join(str(p) for p in e["loc"]) for e in exc.errors()]
        if problems:
            raise ArchiveError("filing.invalid_fields", fields=", ".join(problems))

    def _noark(self, doc: DocumentToFile, now: datetime) -> Noark:
        return noark_metadata(doc, kommune=self.settings.kommune, rules=self.rules, lang=self.lang, now=now)

    def _file_one(self, doc: DocumentToFile, target: _Target, item: PendingDocument, n: int) -> FiledDocument:
        folder = fsutil.make_dirs(self.root, target.folder_parts)
        pdf_tmp, sidecar_tmp = folder / item.pdf_temp, folder / item.sidecar_temp
        fsutil.full_point("pdf_temp")
        fsutil.write_new(pdf_tmp, doc.pdf)
        fsutil.crash_point("after_pdf_temp", n)
        name = self._link_pdf(pdf_tmp, folder, target)
        fsutil.fsync_dir(folder)
        fsutil.crash_point("after_pdf_link", n)

        relpath = "/".join([*target.folder_parts, name])
        seq, prev_hash = self._journal.head()
        retention = doc.retention or self.rules.retention(Hendelse(doc.event))
        now = datetime.now(UTC).replace(microsecond=0)
        sidecar = build_sidecar(doc, name=name, seq=seq + 1, prev_hash=prev_hash, now=now,
                                kommunenummer=self.settings.kommune.kommunenummer, retention=retention,
                                noark=self._noark(doc, now))
        data = sidecar.to_bytes()
        fsutil.full_point("sidecar_temp")
        fsutil.write_new(sidecar_tmp, data)
        fsutil.crash_point("after_sidecar_temp", n)
        if not fsutil.link_new(sidecar_tmp, folder / (name + SIDECAR_SUFFIX)):
            fsutil.remove(folder / name)
            raise OSError(errno.EEXIST, "sidecar exists", relpath + SIDECAR_SUFFIX)
        fsutil.fsync_dir(folder)
        fsutil.crash_point("after_sidecar_link", n)

        fsutil.full_point("journal")
        entry = self._journal.append(entry_body(seq + 1, relpath, sidecar, fsutil.sha256_bytes(data)), prev_hash)
        fsutil.crash_point("after_journal", n)
        fsutil.remove(pdf_tmp)
        fsutil.remove(sidecar_tmp)
        fsutil.fsync_dir(folder)
        fsutil.crash_point("after_cleanup", n)
        return filed_from(entry, self.root)

    def _link_pdf(self, tmp: Path, folder: Path, target: _Target) -> str:
        numbered = "{lopenummer}" in target.name_template
        for number in range(1, MAX_LOPENUMMER + 1):
            name = target.values.fill(target.name_template, number)
            taken = (folder / name).is_symlink() or (folder / (name + SIDECAR_SUFFIX)).exists()
            if not taken and fsutil.link_new(tmp, folder / name):
                return name
            if not numbered:
                raise ArchiveError("filing.name_taken", name=name, folder="/".join(target.folder_parts))
        raise ArchiveError("filing.folder_full", folder="/".join(target.folder_parts), n=MAX_LOPENUMMER)

    # --- new versions (forny-tidsstempel) ----------------------------------------------------------------

    def current_documents(self) -> list[FiledDocument]:
        """Every document in its latest version."""
        return [filed_from(e, self.root) for e in self._journal.current()]

    def file_version(self, relpath: str, pdf: bytes) -> FiledDocument:
        """File ``pdf`` as the next version of the document at ``relpath``, which stays exactly as it was.

        The new file goes next to it (``NAME-v2.pdf``, ...) with its own sidecar, a copy of the old one with
        the new ``dokumentobjekt`` (``versjonsnummer`` + 1, checksum, size) and ``bti.fornyar`` naming the
        version it replaces, and gets its own entry in the journal's chain, by the same steps (intent, temporary
        names, links, journal, checksum) that make filing crash-safe. ``pdf`` must begin with the old file's
        bytes (an incremental update: the sealed content is the same).
        """
        try:
            with fsutil.locked(journal_dir(self.root) / LOCK_NAME):
                self._journal.ensure_current()
                recover_locked(self.root, self._journal)
                receipts = self._open_receipt_log()
                head_before = self._journal.head()[0]
                return self._commit(lambda: self._file_version_locked(relpath, pdf), receipts, head_before)
        except (OSError, sqlite3.Error, JournalError) as exc:
            raise self._error("file", exc) from None

    def _file_version_locked(self, relpath: str, pdf: bytes) -> FiledDocument:
        entry = self._journal.by_relpath(relpath)
        if entry is None:
            raise ArchiveError("filing.not_journaled", path=relpath)
        if relpath in self._journal.versions():
            raise ArchiveError("filing.already_renewed", path=relpath)
        old = (self.root / relpath).read_bytes()
        sidecar_bytes = (self.root / entry.sidecar_relpath).read_bytes()
        if fsutil.sha256_bytes(old) != entry.body["pdf_sha256"] or \
                fsutil.sha256_bytes(sidecar_bytes) != entry.body["sidecar_sha256"]:
            raise ArchiveError("filing.version_of_changed", path=relpath)
        if not pdf.startswith(old) or len(pdf) == len(old):
            raise ArchiveError("filing.version_not_incremental", path=relpath)
        meta = parse_sidecar(sidecar_bytes)
        folder_parts, _sep, old_name = relpath.rpartition("/")
        parts = folder_parts.split("/") if folder_parts else []
        version = meta.dokumentbeskrivelse.dokumentobjekt.versjonsnummer + 1
        stem = old_name.removesuffix(".pdf")
        stem = stem[: stem.rfind("-v")] if meta.bti.fornyar is not None and "-v" in stem else stem
        fsutil.require_free_space(self.root, len(pdf) + fsutil.PER_DOCUMENT)
        item = PendingDocument(folder_parts, fsutil.temp_name(".pdf"), fsutil.temp_name(".json"))
        Pending([item]).write(self.root)
        fsutil.crash_point("after_pending", 1)
        folder = self.root.joinpath(*parts)
        pdf_tmp, sidecar_tmp = folder / item.pdf_temp, folder / item.sidecar_temp
        fsutil.write_new(pdf_tmp, pdf)
        fsutil.crash_point("after_pdf_temp", 1)
        name = ""
        for n in range(version, version + MAX_LOPENUMMER):
            candidate = f"{stem}-v{n}.pdf"
            if not (folder / (candidate + SIDECAR_SUFFIX)).exists() and fsutil.link_new(pdf_tmp, folder / candidate):
                name = candidate
                break
        if not name:
            raise ArchiveError("filing.no_version_name", path=relpath)
        fsutil.fsync_dir(folder)
        fsutil.crash_point("after_pdf_link", 1)
        new_relpath = "/".join([*parts, name])
        seq, prev_hash = self._journal.head()
        now = datetime.now(UTC).replace(microsecond=0)
        obj = meta.dokumentbeskrivelse.dokumentobjekt.model_copy(update={
            "versjonsnummer": version, "referanseDokumentfil": name, "sjekksum": fsutil.sha256_bytes(pdf),
            "filstoerrelse": len(pdf), "opprettetDato": now})
        key = fsutil.sha256_bytes(f"{meta.bti.arkiveringsnokkel}\nversjon {version}".encode("ascii"))
        sidecar = Sidecar.model_validate({
            **meta.model_dump(mode="python"),
            "dokumentbeskrivelse": meta.dokumentbeskrivelse.model_copy(update={"dokumentobjekt": obj}),
            "bti": meta.bti.model_copy(update={"arkiveringsnokkel": key, "fornyar": Fornying(
                sti=relpath, sjekksum=entry.body["pdf_sha256"], sekvens=entry.seq)}),
            "journal": Journalref(sekvens=seq + 1, forrige_hash=prev_hash),
        })
        data = sidecar.to_bytes()
        fsutil.write_new(sidecar_tmp, data)
        fsutil.crash_point("after_sidecar_temp", 1)
        if not fsutil.link_new(sidecar_tmp, folder / (name + SIDECAR_SUFFIX)):
            fsutil.remove(folder / name)
            raise OSError(errno.EEXIST, "sidecar exists", new_relpath + SIDECAR_SUFFIX)
        fsutil.fsync_dir(folder)
        fsutil.crash_point("after_sidecar_link", 1)
        new_entry = self._journal.append(entry_body(seq + 1, new_relpath, sidecar, fsutil.sha256_bytes(data)),
                                         prev_hash)
        fsutil.crash_point("after_journal", 1)
        fsutil.remove(pdf_tmp)
        fsutil.remove(sidecar_tmp)
        fsutil.fsync_dir(folder)
        self._journal.record_checksum(self.root)
        fsutil.remove(journal_dir(self.root) / PENDING_NAME)
        fsutil.fsync_dir(journal_dir(self.root))
        return filed_from(new_entry, self.root)

    # --- messages -----------------------------------------------------------------------------------

    def _disk_full(self, exc: OSError | sqlite3.Error) -> bool:
        if fsutil.is_disk_full(exc):
            return True
        io_error = isinstance(exc, sqlite3.Error) or exc.errno == errno.EIO
        return io_error and fsutil.low_on_space(self.root)

    def _reason(self, exc: OSError | sqlite3.Error) -> Phrase | str:
        """Why the archive could not be written: a text said in the reader's language, or the system's own."""
        if self._disk_full(exc):
            return phrase("archive.disk_full")
        if isinstance(exc, sqlite3.Error):
            return phrase("filing.reason_sqlite", detail=str(exc))
        code = {
            errno.EACCES: "filing.reason_no_access",
            errno.EPERM: "filing.reason_no_access",
            errno.EROFS: "filing.reason_read_only",
            errno.ENOSPC: "archive.disk_full",
            errno.EAGAIN: "filing.reason_busy",
        }.get(exc.errno or 0)
        return phrase(code) if code else os_reason(exc)

    def _error(self, action: str, exc: OSError | sqlite3.Error | JournalError) -> ArchiveError:
        if isinstance(exc, JournalError):
            return ArchiveError("filing.journal_error", root=self.root, reason=exc)
        what = phrase(f"filing.what_{action}")
        if self._disk_full(exc):
            return ArchiveError("filing.disk_full", root=self.root, what=what)
        return ArchiveError("filing.cannot", root=self.root, what=what, reason=self._reason(exc))
