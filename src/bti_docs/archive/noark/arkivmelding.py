"""``bti-docs eksport arkivmelding``: one Fiks Arkiv V1 ``arkivmelding`` per registration, into an outbox.

Each registration (a filed input: its own form as Hoveddokument, the stafettlogg copy as Vedlegg) becomes
the folder ``UTBOKS/<journalpost systemID>/`` with ``arkivmelding.xml`` and the PDFs it names. The message
carries the case folder (``saksmappe``, found or created by the receiving archive from its
``referanseEksternNoekkel``) and the ``journalpost`` placed in it. A message is built in a temporary folder,
validated against the Fiks Arkiv XSD, fsynced and renamed into place; one that does not validate is never
written. Which registrations were exported is kept in the journal database (table ``eksport_arkivmelding``),
so each is exported exactly once; ``--paa-nytt`` exports them again. A receipt (``arkivmeldingKvittering``)
read back with ``bti-docs eksport kvittering`` is recorded in the same table.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from bti_docs.archive import fsutil
from bti_docs.archive.filing import Archive
from bti_docs.archive.journal import LOCK_NAME, journal_dir, write_db_checksum
from bti_docs.archive.noark.extract import Case, Post, read_cases, xml_datetime
from bti_docs.archive.noark.xml import SchemaError, sub, to_bytes, validate
from bti_docs.archive.sidecar import Kode, Noark, Skjerming
from bti_docs.config import Settings
from bti_docs.errors import ArchiveError

AM = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1"
KV = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/kvittering/v1"
MD = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
MESSAGE = "arkivmelding.xml"
TABLE = "eksport_arkivmelding"
_SCHEMA = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
    journalpost TEXT PRIMARY KEY, mappe TEXT NOT NULL, melding TEXT NOT NULL, eksportert TEXT NOT NULL,
    kvittering TEXT)"""


@dataclass
class OutboxReport:
    written: list[Path] = field(default_factory=list)
    skipped: int = 0  # exported before


def _md(parent: etree._Element, tag: str, text: object) -> etree._Element:
    el = etree.SubElement(parent, f"{{{MD}}}{tag}")
    el.text = str(text)
    return el


def _kode(parent: etree._Element, tag: str, code: str, name: str | None = None) -> None:
    el = sub(parent, tag)
    _md(el, "kode", code)
    if name:
        _md(el, "beskrivelse", name)


def _key(parent: etree._Element, tag: str, system: str, key: str, *, metadata: bool = False) -> None:
    el = etree.SubElement(parent, f"{{{MD}}}{tag}") if metadata else sub(parent, tag)
    _md(el, "fagsystem", system)
    _md(el, "noekkel", key)


def _screening(parent: etree._Element, s: Skjerming) -> None:
    el = sub(parent, "skjerming")
    _kode(el, "tilgangsrestriksjon", s.tilgangsrestriksjon)
    sub(el, "skjermingshjemmel", s.skjermingshjemmel)
    if s.skjermingOpphoererDato is not None:
        sub(el, "skjermingOpphoererDato", s.skjermingOpphoererDato)


def _code(k: Kode) -> tuple[str, str]:
    return k.kode, k.navn


def message(case: Case, post: Post, system: str) -> tuple[bytes, list[tuple[str, Path]]]:
    """The arkivmelding of ``post`` and the files it names (name in the message, archived file)."""
    n = post.main.noark
    folder, jp = n.saksmappe, n.journalpost
    root = etree.Element(f"{{{AM}}}arkivmelding", nsmap={None: AM, "n5mdk": MD, "xsi": XSI})
    sub(root, "system", system)
    sub(root, "regel", "BTI")
    sub(root, "antallFiler", len(post.docs))
    mappe = sub(root, "mappe", **{f"{{{XSI}}}type": "saksmappe"})
    sub(mappe, "mappeID", folder.mappeID)
    sub(mappe, "tittel", folder.tittel)
    sub(mappe, "offentligTittel", folder.offentligTittel)
    for p in jp.part:
        _part(mappe, p.partNavn, p.partRolle)
    _screening(mappe, folder.skjerming)
    _classification(mappe, n)
    _key(mappe, "referanseEksternNoekkel", system, folder.systemID)
    sub(mappe, "saksdato", case.first.noark.journalpost.journaldato)
    admin = sub(mappe, "administrativEnhet")
    _md(admin, "navn", folder.administrativEnhet)
    owner = sub(mappe, "saksansvarlig")
    _md(owner, "navn", folder.saksansvarlig)
    _kode(mappe, "saksstatus", *(("A", "Avsluttet") if case.closed_at else ("B", "Under behandling")))

    reg = sub(root, "registrering", **{f"{{{XSI}}}type": "journalpost"})
    created = min(d.noark.tilknyttetDato for d in post.docs)
    sub(reg, "opprettetDato", xml_datetime(created))
    sub(reg, "opprettetAv", system)
    ref = sub(reg, "referanseForelderMappe")
    _key(ref, "referanseEksternNoekkel", system, folder.systemID, metadata=True)
    for p in jp.part:
        _part(reg, p.partNavn, p.partRolle)
    _screening(reg, jp.skjerming)
    files: list[tuple[str, Path]] = []
    for doc in sorted(post.docs, key=lambda d: d.noark.dokumentnummer):
        d, o = doc.meta.dokumentbeskrivelse, doc.meta.dokumentbeskrivelse.dokumentobjekt
        name = f"{doc.noark.dokumentnummer}-{doc.filed.path.name}"
        files.append((name, doc.filed.path))
        db = sub(reg, "dokumentbeskrivelse")
        _kode(db, "dokumenttype", "DOKUMENT", d.dokumenttype)
        _kode(db, "dokumentstatus", "F", "Dokumentet er ferdigstilt")
        sub(db, "tittel", d.tittel)
        for author in jp.forfatter:
            sub(db, "forfatter", author)
        sub(db, "opprettetDato", xml_datetime(d.opprettetDato))
        sub(db, "opprettetAv", d.opprettetAv)
        main = d.tilknyttetRegistreringSom == "Hoveddokument"
        _kode(db, "tilknyttetRegistreringSom", "H" if main else "V", d.tilknyttetRegistreringSom)
        sub(db, "dokumentnummer", doc.noark.dokumentnummer)
        sub(db, "tilknyttetDato", xml_datetime(doc.noark.tilknyttetDato))
        sub(db, "tilknyttetAv", doc.noark.tilknyttetAv)
        _screening(db, doc.noark.skjerming)
        obj = sub(db, "dokumentobjekt")
        sub(obj, "versjonsnummer", o.versjonsnummer)
        _kode(obj, "variantformat", "A", "Arkivformat")
        _kode(obj, "format", o.format, o.formatDetaljer)
        sub(obj, "formatDetaljer", o.formatDetaljer)
        sub(obj, "mimeType", o.mimeType)
        sub(obj, "opprettetDato", xml_datetime(o.opprettetDato))
        sub(obj, "opprettetAv", o.opprettetAv)
        sub(obj, "filnavn", name)
        sub(obj, "referanseDokumentfil", name)
        sub(obj, "sjekksum", o.sjekksum)
        sub(obj, "sjekksumAlgoritme", o.sjekksumAlgoritme)
        sub(obj, "filstoerrelse", o.filstoerrelse)
        _key(db, "referanseEksternNoekkel", system, d.systemID)
    sub(reg, "tittel", jp.tittel)
    sub(reg, "offentligTittel", jp.offentligTittel)
    for author in jp.forfatter:
        sub(reg, "forfatter", author)
    _classification(reg, n)
    _key(reg, "referanseEksternNoekkel", system, jp.systemID)
    _kode(reg, "journalposttype", *_code(jp.journalposttype))
    _kode(reg, "journalstatus", *_code(jp.journalstatus))
    sub(reg, "journaldato", jp.journaldato)
    sub(reg, "dokumentetsDato", jp.dokumentetsDato)
    sub(reg, "antallVedlegg", len(post.docs) - 1)
    return to_bytes(root), files


def _part(parent: etree._Element, name: str, role: Kode) -> None:
    part = sub(parent, "part")
    sub(part, "partNavn", name)
    _kode(part, "partRolle", role.kode, role.navn)
    sub(part, "erSkjermet", "true")
    sub(part, "erPersonnavn", "true")


def _classification(parent: etree._Element, n: Noark) -> None:
    el = sub(parent, "klassifikasjon")
    sub(el, "klassifikasjonssystemID", n.klassering.klassifikasjonssystem)
    sub(el, "klasseID", n.klassering.klasseID)
    sub(el, "tittel", n.klassering.tittel)


@contextmanager
def export_state(root: Path) -> Iterator[sqlite3.Connection]:
    """The journal database with the export table, under the archive lock; its checksum is recorded after.

    Open only while no ``Archive`` of this process has the journal open: closing a second connection to the
    same file would drop the other's POSIX locks.
    """
    with fsutil.locked(journal_dir(root) / LOCK_NAME):
        db = sqlite3.connect(journal_dir(root) / "journal.sqlite", timeout=30)
        try:
            db.execute(_SCHEMA)
            db.commit()
            yield db
            db.commit()
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
        write_db_checksum(root)


def export_arkivmelding(root: Path, settings: Settings, outbox: Path, *, again: bool = False,
                        now: datetime | None = None) -> OutboxReport:
    """Write one message folder per registration not exported before (all with ``again``) into ``outbox``."""
    if settings.data.arkivering is None:
        raise ArchiveError("noark.no_rules")
    system = settings.data.arkivering.noark.system
    stamp = xml_datetime((now or datetime.now(UTC)).replace(microsecond=0))
    with Archive(root, settings) as archive:
        cases = read_cases(archive)
    outbox.mkdir(parents=True, exist_ok=True)
    report = OutboxReport()
    with export_state(root) as db:
        done = {row[0] for row in db.execute(f"SELECT journalpost FROM {TABLE}")}
        for case in cases:
            for post in case.posts:
                post_id = post.main.noark.journalpost.systemID
                if post_id in done and not again:
                    report.skipped += 1
                    continue
                target = _free_name(outbox, post_id, again)
                if target is None:  # written before a crash, not yet recorded: record it now, never twice
                    target = outbox / post_id
                else:
                    data, files = message(case, post, system)
                    try:
                        validate("arkivmelding", data)
                    except SchemaError as exc:
                        raise ArchiveError("noark.message_invalid", post=post_id, detail=str(exc)) from None
                    _write_message(outbox, target, data, files)
                    report.written.append(target)
                db.execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?, NULL)",
                           (post_id, post.main.noark.saksmappe.systemID, target.name, stamp))
                db.commit()
    return report


def _free_name(outbox: Path, post_id: str, again: bool) -> Path | None:
    """Where the message goes; None if a complete message for it is already in the outbox (and not again)."""
    first = outbox / post_id
    if not first.exists():
        return first
    if not again:
        return None
    n = 2
    while (outbox / f"{post_id}-{n}").exists():
        n += 1
    return outbox / f"{post_id}-{n}"


def _write_message(outbox: Path, target: Path, data: bytes, files: list[tuple[str, Path]]) -> None:
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=outbox))
    try:
        for name, source in files:
            fsutil.write_new(work / name, source.read_bytes())
        fsutil.write_new(work / MESSAGE, data)
        fsutil.fsync_dir(work)
        os.chmod(work, 0o750)
        os.rename(work, target)
        fsutil.fsync_dir(outbox)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


@dataclass
class Receipt:
    journalpost: str  # our journalpost systemID (the message's referanseEksternNoekkel)
    data: dict[str, str]


def read_receipt(data: bytes, system: str) -> Receipt:
    """The registration a Fiks Arkiv ``arkivmeldingKvittering`` answers, and what the archive assigned."""
    validate("arkivmeldingKvittering", data)
    doc = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    reg = doc.find(f"{{{KV}}}registreringKvittering")
    if reg is None:
        failed = doc.find(f"{{{KV}}}registreringFeilet")
        raise ValueError("registreringFeilet" if failed is not None else "ingen registreringKvittering")
    key = reg.find(f"{{{KV}}}referanseEksternNoekkel")
    if key is None or key.findtext(f"{{{MD}}}fagsystem") != system:
        raise ValueError(f"referanseEksternNoekkel, fagsystem {system}")
    values = {etree.QName(el).localname: (el.text or "").strip() for el in reg
              if len(el) == 0 and (el.text or "").strip()}
    return Receipt(key.findtext(f"{{{MD}}}noekkel") or "", values)


def record_receipt(root: Path, settings: Settings, path: Path) -> Receipt:
    """Record the receipt in ``path`` against its registration; ArchiveError if it answers none of ours."""
    assert settings.data.arkivering is not None
    try:
        receipt = read_receipt(path.read_bytes(), settings.data.arkivering.noark.system)
    except (SchemaError, ValueError, etree.XMLSyntaxError, OSError) as exc:
        raise ArchiveError("noark.receipt_invalid", path=path, detail=str(exc)) from None
    with export_state(root) as db:
        hit = db.execute(f"UPDATE {TABLE} SET kvittering = ? WHERE journalpost = ?",
                         (json.dumps(receipt.data, ensure_ascii=False, sort_keys=True), receipt.journalpost))
        if hit.rowcount != 1:
            raise ArchiveError("noark.receipt_unknown", path=path, post=receipt.journalpost)
    return receipt


def receipts(root: Path) -> dict[str, str | None]:
    """Every exported registration and its recorded receipt (JSON) or None."""
    with export_state(root) as db:
        return dict(db.execute(f"SELECT journalpost, kvittering FROM {TABLE}").fetchall())
