"""``bti-docs eksport noark5``: a Noark 5 v5.0 deposit extract (arkivuttrekk) of an archive.

The extract folder holds ``arkivstruktur.xml`` (arkiv → arkivdel → klassifikasjonssystem → klasse → one
saksmappe per case → one journalpost per filed input → dokumentbeskrivelse → dokumentobjekt),
``endringslogg.xml``, ``loependeJournal.xml``, ``offentligJournal.xml`` (screened: no titles with names, no
parts), the documents under ``dokumenter/``, the schemas the XML files name, and ``arkivuttrekk.xml`` (ADDML
8.3) with each XML file's checksum and the counts. Everything is built in a temporary folder beside the
target, validated against the schemas and checked the way Arkade checks (``check_extract``), and only then
renamed into place: a failing extract is never left behind as if it were complete.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from lxml import etree

from bti_docs.archive import fsutil
from bti_docs.archive.filing import Archive
from bti_docs.archive.noark.codes import code_name
from bti_docs.archive.noark.xml import SCHEMAS, SchemaError, sub, to_bytes, typed, validate
from bti_docs.archive.noark_metadata import arkivdel_title, derived_id
from bti_docs.archive.plan import FiledDocument
from bti_docs.archive.rules import Lang
from bti_docs.archive.sidecar import Noark, Sidecar, Skjerming, parse_sidecar
from bti_docs.config import Settings
from bti_docs.errors import ArchiveError
from bti_docs.text.voice import DEFAULT_LANG
from bti_docs.text.voice import say as voice

N5 = "http://www.arkivverket.no/standarder/noark5/"
NS = {name: N5 + name for name in ("arkivstruktur", "endringslogg", "loependeJournal", "offentligJournal")}
ADDML = "http://www.arkivverket.no/standarder/addml"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_FILES = ("arkivstruktur.xml", "endringslogg.xml", "loependeJournal.xml", "offentligJournal.xml")
SCHEMA_FILES = ("arkivstruktur.xsd", "metadatakatalog.xsd", "endringslogg.xsd", "loependeJournal.xsd",
                "offentligJournal.xsd")
DOC_DIR = "dokumenter"


@dataclass
class Doc:
    filed: FiledDocument
    meta: Sidecar
    noark: Noark
    # later versions of the same document (forny-tidsstempel: a renewed archive timestamp), oldest first; each
    # is one more dokumentobjekt (versjonsnummer 2, 3 ...) of this dokumentbeskrivelse
    versions: list[Doc] = field(default_factory=list)

    @property
    def objects(self) -> list[Doc]:
        """Every version of the document, the first one first."""
        return [self, *self.versions]


@dataclass
class Post:
    docs: list[Doc]
    year: int = 0
    seq_in_year: int = 0
    number_in_case: int = 0

    @property
    def main(self) -> Doc:
        return min(self.docs, key=lambda d: d.noark.dokumentnummer)


@dataclass
class Case:
    posts: list[Post]
    year: int = 0
    seq_in_year: int = 0
    closed_at: datetime | None = None

    @property
    def first(self) -> Doc:
        return self.posts[0].main


@dataclass
class ExtractReport:
    folder: Path
    cases: int
    posts: int
    documents: int
    checksums: dict[str, str] = field(default_factory=dict)  # XML file → SHA-256
    bag: bool = False


def read_cases(archive: Archive) -> list[Case]:
    docs: list[Doc] = []
    for filed in archive.documents():
        meta = parse_sidecar(filed.sidecar_path.read_bytes())
        if meta.noark is None:
            raise ArchiveError("noark.no_metadata", path=filed.relpath)
        docs.append(Doc(filed, meta, meta.noark))
    docs.sort(key=lambda d: d.filed.seq)
    first_of: dict[str, Doc] = {}  # path of every version → the document's first version
    for doc in list(docs):
        renews = doc.meta.bti.fornyar
        if renews is None:
            first_of[doc.filed.relpath] = doc
        elif renews.sti in first_of:
            first = first_of[doc.filed.relpath] = first_of[renews.sti]
            first.versions.append(doc)
            docs.remove(doc)
    cases: dict[str, dict[str, list[Doc]]] = {}
    for doc in docs:
        cases.setdefault(doc.noark.saksmappe.systemID, {}).setdefault(doc.noark.journalpost.systemID, []).append(doc)
    result = [Case([Post(p) for p in posts.values()]) for posts in cases.values()]
    per_year: dict[int, int] = {}
    posts = sorted((p for c in result for p in c.posts), key=lambda p: p.docs[0].filed.seq)
    for post in posts:
        post.year = post.main.noark.journalpost.journaldato.year
        per_year[post.year] = post.seq_in_year = per_year.get(post.year, 0) + 1
    case_years: dict[int, int] = {}
    for case in result:
        for n, post in enumerate(case.posts, start=1):
            post.number_in_case = n
        case.year = case.first.noark.journalpost.journaldato.year
        case_years[case.year] = case.seq_in_year = case_years.get(case.year, 0) + 1
        closing = [d for p in case.posts for d in p.docs if "avslutning" in d.meta.bti.hendelser]
        case.closed_at = min((d.noark.tilknyttetDato for d in closing), default=None)
    return result


def _screening(parent: etree._Element, s: Skjerming) -> None:
    el = sub(parent, "skjerming")
    sub(el, "tilgangsrestriksjon", s.tilgangsrestriksjon)
    sub(el, "skjermingshjemmel", s.skjermingshjemmel)
    for field_name in s.skjermingMetadata:
        sub(el, "skjermingMetadata", field_name)
    if s.skjermingDokument is not None:
        sub(el, "skjermingDokument", s.skjermingDokument.navn)
    if s.skjermingsvarighet is not None:
        sub(el, "skjermingsvarighet", s.skjermingsvarighet)
    if s.skjermingOpphoererDato is not None:
        sub(el, "skjermingOpphoererDato", s.skjermingOpphoererDato)


def xml_datetime(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _arkivstruktur(cases: list[Case], settings: Settings, now: datetime, system: str) -> bytes:
    rules = settings.data.arkivering
    assert rules is not None
    noark = rules.noark
    lang = settings.lang
    first = cases[0].first.noark
    start = min(d.noark.tilknyttetDato for c in cases for p in c.posts for d in p.docs)
    kommune = settings.kommune.kommunenummer
    root = etree.Element(f"{{{NS['arkivstruktur']}}}arkiv", nsmap={None: NS["arkivstruktur"], "xsi": XSI})
    sub(root, "systemID", derived_id("arkiv", kommune, noark.arkivtittel))
    sub(root, "tittel", noark.arkivtittel)
    sub(root, "arkivstatus", "Avsluttet")
    sub(root, "dokumentmedium", "Elektronisk arkiv")
    for tag, value in (("opprettetDato", xml_datetime(start)), ("opprettetAv", system),
                       ("avsluttetDato", xml_datetime(now)), ("avsluttetAv", system)):
        sub(root, tag, value)
    creator = sub(root, "arkivskaper")
    sub(creator, "arkivskaperID", first.arkivskaper.arkivskaperID)
    sub(creator, "arkivskaperNavn", first.arkivskaper.arkivskaperNavn)
    part = sub(root, "arkivdel")
    sub(part, "systemID", derived_id("arkivdel", kommune, noark.arkivdel))
    sub(part, "tittel", arkivdel_title(noark, lang))
    sub(part, "arkivdelstatus", code_name("arkivdelstatus", noark.arkivdelstatus))
    sub(part, "dokumentmedium", "Elektronisk arkiv")
    for tag, value in (("opprettetDato", xml_datetime(start)), ("opprettetAv", system),
                       ("avsluttetDato", xml_datetime(now)), ("avsluttetAv", system)):
        sub(part, tag, value)
    sub(part, "arkivperiodeStartDato", start.date())
    sub(part, "arkivperiodeSluttDato", now.date())
    _screening(part, first.skjerming.model_copy(update={"skjermingDokument": None, "skjermingOpphoererDato": None}))
    system_el = sub(part, "klassifikasjonssystem")
    sub(system_el, "systemID", derived_id("klassifikasjonssystem", kommune, first.klassering.klassifikasjonssystem))
    sub(system_el, "klassifikasjonstype", first.klassering.klassifikasjonstype.navn)
    sub(system_el, "tittel", first.klassering.klassifikasjonssystem)
    sub(system_el, "opprettetDato", xml_datetime(start))
    sub(system_el, "opprettetAv", system)
    klasse = sub(system_el, "klasse")
    sub(klasse, "systemID", derived_id("klasse", kommune, first.klassering.klasseID))
    sub(klasse, "klasseID", first.klassering.klasseID)
    sub(klasse, "tittel", first.klassering.tittel)
    sub(klasse, "opprettetDato", xml_datetime(start))
    sub(klasse, "opprettetAv", system)
    for case in cases:
        _saksmappe(klasse, case, now, system)
    return to_bytes(root)


def _saksmappe(parent: etree._Element, case: Case, now: datetime, system: str) -> None:
    folder = case.first.noark.saksmappe
    el = typed(parent, "mappe", "saksmappe")
    sub(el, "systemID", folder.systemID)
    sub(el, "mappeID", folder.mappeID)
    sub(el, "tittel", folder.tittel)
    sub(el, "offentligTittel", folder.offentligTittel)
    sub(el, "dokumentmedium", "Elektronisk arkiv")
    sub(el, "opprettetDato", xml_datetime(case.first.noark.tilknyttetDato))
    sub(el, "opprettetAv", system)
    # v5.0 requires avsluttetDato on every folder: the closing document's, or the extract's end for open cases
    sub(el, "avsluttetDato", xml_datetime(case.closed_at or now))
    sub(el, "avsluttetAv", system)
    for p in case.first.noark.journalpost.part:
        part = sub(el, "part")
        sub(part, "partNavn", p.partNavn)
        sub(part, "partRolle", p.partRolle.navn)
    _screening(el, folder.skjerming)
    for post in case.posts:
        _journalpost(el, post, system)
    sub(el, "saksaar", case.year)
    sub(el, "sakssekvensnummer", case.seq_in_year)
    sub(el, "saksdato", case.first.noark.journalpost.journaldato)
    sub(el, "administrativEnhet", folder.administrativEnhet)
    sub(el, "saksansvarlig", folder.saksansvarlig)
    sub(el, "saksstatus", "Avsluttet" if case.closed_at else "Under behandling")


def _journalpost(parent: etree._Element, post: Post, system: str) -> None:
    main = post.main.noark
    jp = main.journalpost
    el = typed(parent, "registrering", "journalpost")
    sub(el, "systemID", jp.systemID)
    created = min(d.noark.tilknyttetDato for d in post.docs)
    sub(el, "opprettetDato", xml_datetime(created))
    sub(el, "opprettetAv", system)
    sub(el, "arkivertDato", xml_datetime(created))
    sub(el, "arkivertAv", system)
    for p in jp.part:
        part = sub(el, "part")
        sub(part, "partNavn", p.partNavn)
        sub(part, "partRolle", p.partRolle.navn)
    _screening(el, jp.skjerming)
    for doc in sorted(post.docs, key=lambda d: d.noark.dokumentnummer):
        _dokumentbeskrivelse(el, doc)
    sub(el, "tittel", jp.tittel)
    sub(el, "offentligTittel", jp.offentligTittel)
    for author in jp.forfatter:
        sub(el, "forfatter", author)
    sub(el, "dokumentmedium", "Elektronisk arkiv")
    sub(el, "journalaar", post.year)
    sub(el, "journalsekvensnummer", post.seq_in_year)
    sub(el, "journalpostnummer", post.number_in_case)
    sub(el, "journalposttype", jp.journalposttype.navn)
    sub(el, "journalstatus", jp.journalstatus.navn)
    sub(el, "journaldato", jp.journaldato)
    sub(el, "dokumentetsDato", jp.dokumentetsDato)
    sub(el, "antallVedlegg", len(post.docs) - 1)


def doc_path(doc: FiledDocument) -> str:
    return f"{DOC_DIR}/{doc.relpath}"


def _dokumentbeskrivelse(parent: etree._Element, doc: Doc) -> None:
    d = doc.meta.dokumentbeskrivelse
    el = sub(parent, "dokumentbeskrivelse")
    sub(el, "systemID", d.systemID)
    sub(el, "dokumenttype", d.dokumenttype)
    sub(el, "dokumentstatus", d.dokumentstatus)
    sub(el, "tittel", d.tittel)
    for author in doc.noark.journalpost.forfatter:
        sub(el, "forfatter", author)
    sub(el, "opprettetDato", xml_datetime(d.opprettetDato))
    sub(el, "opprettetAv", d.opprettetAv)
    sub(el, "dokumentmedium", d.dokumentmedium)
    sub(el, "tilknyttetRegistreringSom", d.tilknyttetRegistreringSom)
    sub(el, "dokumentnummer", doc.noark.dokumentnummer)
    sub(el, "tilknyttetDato", xml_datetime(doc.noark.tilknyttetDato))
    sub(el, "tilknyttetAv", doc.noark.tilknyttetAv)
    k = d.kassasjon
    if k.kassasjonsvedtak == "Kasseres" and k.bevaringstid and k.kassasjonsdato:
        kas = sub(el, "kassasjon")
        sub(kas, "kassasjonsvedtak", k.kassasjonsvedtak)
        if k.kassasjonshjemmel:
            sub(kas, "kassasjonshjemmel", k.kassasjonshjemmel)
        sub(kas, "bevaringstid", k.bevaringstid)
        sub(kas, "kassasjonsdato", k.kassasjonsdato)
    _screening(el, doc.noark.skjerming)
    for version in doc.objects:
        _dokumentobjekt(el, version)


def _dokumentobjekt(el: etree._Element, doc: Doc) -> None:
    d = doc.meta.dokumentbeskrivelse
    o = d.dokumentobjekt
    obj = sub(el, "dokumentobjekt")
    sub(obj, "systemID", derived_id("dokumentobjekt", d.systemID, o.sjekksum))
    sub(obj, "versjonsnummer", o.versjonsnummer)
    sub(obj, "variantformat", o.variantformat)
    sub(obj, "format", o.format)
    sub(obj, "formatDetaljer", o.formatDetaljer)
    sub(obj, "opprettetDato", xml_datetime(o.opprettetDato))
    sub(obj, "opprettetAv", o.opprettetAv)
    sub(obj, "referanseDokumentfil", doc_path(doc.filed))
    sub(obj, "sjekksum", o.sjekksum)
    sub(obj, "sjekksumAlgoritme", o.sjekksumAlgoritme)
    sub(obj, "filstoerrelse", o.filstoerrelse)
    sig = doc.noark.elektroniskSignatur
    sig_el = sub(obj, "elektroniskSignatur")
    sub(sig_el, "elektroniskSignaturSikkerhetsnivaa", sig.elektroniskSignaturSikkerhetsnivaa.navn)
    sub(sig_el, "elektroniskSignaturVerifisert", sig.elektroniskSignaturVerifisert.navn)
    sub(sig_el, "verifisertDato", sig.verifisertDato)
    sub(sig_el, "verifisertAv", sig.verifisertAv)


def _endringslogg(cases: list[Case], settings: Settings, now: datetime, system: str) -> bytes:
    """Changes of metadata: each closed case's saksstatus, and the arkiv closed by this extract."""
    assert settings.data.arkivering is not None
    root = etree.Element(f"{{{NS['endringslogg']}}}endringslogg", nsmap={None: NS["endringslogg"]})
    for case in cases:
        if case.closed_at is not None:
            _change(root, case.first.noark.saksmappe.systemID, "saksstatus", case.closed_at, system,
                    "Under behandling", "Avsluttet")
    arkiv_id = derived_id("arkiv", settings.kommune.kommunenummer, settings.data.arkivering.noark.arkivtittel)
    _change(root, arkiv_id, "arkivstatus", now, system, "Opprettet", "Avsluttet")
    return to_bytes(root)


def _change(root: etree._Element, ref: str, what: str, when: datetime, who: str, old: str, new: str) -> None:
    el = sub(root, "endring")
    for tag, value in (("referanseArkivenhet", ref), ("referanseMetadata", what), ("endretDato", xml_datetime(when)),
                       ("endretAv", who), ("tidligereVerdi", old), ("nyVerdi", new)):
        sub(el, tag, value)


def _journal(cases: list[Case], public: bool, period: tuple[date, date], screen: str) -> bytes:
    name = "offentligJournal" if public else "loependeJournal"
    root = etree.Element(f"{{{NS[name]}}}{name}", nsmap={None: NS[name]})
    head = sub(root, "journalhode")
    sub(head, "journalStartDato", period[0])
    sub(head, "journalSluttDato", period[1])
    posts = sorted(((c, p) for c in cases for p in c.posts), key=lambda cp: cp[1].docs[0].filed.seq)
    sub(head, "antallJournalposter", len(posts))
    creator = sub(head, "arkivskaper")
    first = cases[0].first.noark
    sub(creator, "arkivskaperID", first.arkivskaper.arkivskaperID)
    sub(creator, "arkivskaperNavn", first.arkivskaper.arkivskaperNavn)
    for case, post in posts:
        n = post.main.noark
        reg = sub(root, "journalregistrering")
        klasse = sub(reg, "klasse")
        sub(klasse, "klasseID", n.klassering.klasseID)
        sub(klasse, "tittel", n.klassering.tittel)
        folder = sub(reg, "saksmappe")
        sub(folder, "mappeID", n.saksmappe.mappeID)
        sub(folder, "saksaar", case.year)
        sub(folder, "sakssekvensnummer", case.seq_in_year)
        if not public:
            sub(folder, "tittel", n.saksmappe.tittel)
        sub(folder, "offentligTittel", n.saksmappe.offentligTittel)
        if not public:
            sub(folder, "skjermingMetadata", ", ".join(n.saksmappe.skjerming.skjermingMetadata))
        sub(folder, "administrativEnhet", n.saksmappe.administrativEnhet)
        sub(folder, "saksansvarlig", n.saksmappe.saksansvarlig)
        if public:
            sub(folder, "tilgangsrestriksjon", n.saksmappe.skjerming.tilgangsrestriksjon)
            sub(folder, "skjermingshjemmel", n.saksmappe.skjerming.skjermingshjemmel)
        jp = sub(reg, "journalpost")
        sub(jp, "systemID", n.journalpost.systemID)
        sub(jp, "journalaar", post.year)
        sub(jp, "journalsekvensnummer", post.seq_in_year)
        sub(jp, "journalpostnummer", post.number_in_case)
        if not public:
            sub(jp, "tittel", n.journalpost.tittel)
        sub(jp, "offentligTittel", n.journalpost.offentligTittel)
        sub(jp, "skjermingMetadata", ", ".join(n.journalpost.skjerming.skjermingMetadata))
        sub(jp, "journaldato", n.journalpost.journaldato)
        sub(jp, "dokumentetsDato", n.journalpost.dokumentetsDato)
        if not public:
            sub(jp, "antallVedlegg", len(post.docs) - 1)
        sub(jp, "administrativEnhet", n.saksmappe.administrativEnhet)
        sub(jp, "tilgangsrestriksjon", n.journalpost.skjerming.tilgangsrestriksjon)
        sub(jp, "skjermingshjemmel", n.journalpost.skjerming.skjermingshjemmel)
        party = sub(jp, "korrespondansepart")
        if n.journalpost.journalposttype.kode == "I":  # from the family: the sender is screened
            sub(party, "korrespondanseparttype", "Avsender")
            sub(party, "korrespondansepartNavn", screen)
            if not public:
                sub(party, "skjermingMetadata", "korrespondansepartNavn")
        else:  # the unit's own document
            sub(party, "korrespondanseparttype", "Intern avsender")
            sub(party, "korrespondansepartNavn", n.saksmappe.administrativEnhet)
    return to_bytes(root)


def _prop(parent: etree._Element, name: str, value: object | None = None) -> etree._Element:
    props = parent.find(f"{{{ADDML}}}properties")
    if props is None:
        props = sub(parent, "properties")
    prop = sub(props, "property", name=name)
    if value is not None:
        sub(prop, "value", value)
    return prop


def _addml(folder: Path, counts: dict[str, int], settings: Settings, period: tuple[date, date],
           system: str) -> bytes:
    root = etree.Element(f"{{{ADDML}}}addml", nsmap={None: ADDML}, name="Noark 5 arkivuttrekk")
    dataset = sub(root, "dataset", name="Noark 5 arkivuttrekk")
    sub(dataset, "description", voice("noark.addml_description", settings.lang, system=system,
                                      name=settings.kommune.navn))
    objects = sub(dataset, "dataObjects")
    top = sub(objects, "dataObject", name="Noark 5 arkivuttrekk")
    info = _prop(top, "info")
    _prop(info, "type", "Noark5")
    _prop(info, "version", "v5.0")
    _prop(info, "producer", system)
    extra = _prop(top, "additionalInfo")
    periode = _prop(extra, "periode")
    _prop(periode, "inngaaendeSkille", "skarpt")
    _prop(periode, "utgaaendeSkille", "skarpt")
    _prop(periode, "startDato", period[0])
    _prop(periode, "sluttDato", period[1])
    occurrences = _prop(extra, "numberOfOccurrences")
    for name, count in counts.items():
        _prop(occurrences, name, count)
    children = sub(top, "dataObjects")
    schema_of = {"arkivstruktur.xml": ("arkivstruktur.xsd", "metadatakatalog.xsd"),
                 "endringslogg.xml": ("endringslogg.xsd",), "loependeJournal.xml": ("loependeJournal.xsd",),
                 "offentligJournal.xml": ("offentligJournal.xsd",)}
    for xml_name, schemas in schema_of.items():
        obj = sub(children, "dataObject", name=xml_name.removesuffix(".xml"))
        _file_props(_prop(obj, "file"), folder / xml_name, "XML")
        for schema_name in schemas:
            _file_props(_prop(obj, "schema"), folder / schema_name, "XSD")
    return to_bytes(root)


def _file_props(prop: etree._Element, path: Path, kind: str) -> None:
    _prop(prop, "name", path.name)
    _prop(prop, "type", kind)
    checksum = _prop(prop, "checksum")
    _prop(checksum, "algorithm", "SHA256")
    _prop(checksum, "value", fsutil.sha256_bytes(path.read_bytes()))


def _copy_documents(cases: list[Case], folder: Path) -> None:
    for doc in (v for c in cases for p in c.posts for d in p.docs for v in d.objects):
        data = doc.filed.path.read_bytes()
        obj = doc.meta.dokumentbeskrivelse.dokumentobjekt
        if fsutil.sha256_bytes(data) != obj.sjekksum or len(data) != obj.filstoerrelse:
            raise ArchiveError("noark.checksum", path=doc.filed.relpath)
        target = folder / doc_path(doc.filed)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def export_noark5(root: Path, settings: Settings, out: Path, *, bag: bool = False,
                  now: datetime | None = None, lang: Lang | None = None) -> ExtractReport:
    """Write the extract of the archive at ``root`` to the new folder ``out``; ArchiveError if it cannot.

    What the final check finds is said in ``lang`` (the reader's: ``--lang``), else the municipality's målform."""
    if settings.data.arkivering is None:
        raise ArchiveError("noark.no_rules")
    if out.exists():
        raise ArchiveError("noark.exists", path=out)
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    system = settings.data.arkivering.noark.system
    screen = settings.data.arkivering.noark.skjerming.skjermingstekst
    with Archive(root, settings) as archive:
        cases = read_cases(archive)
    if not cases:
        raise ArchiveError("noark.empty", root=root)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        _copy_documents(cases, work)
        period = (min(p.main.noark.journalpost.journaldato for c in cases for p in c.posts), now.date())
        files = {
            "arkivstruktur.xml": _arkivstruktur(cases, settings, now, system),
            "endringslogg.xml": _endringslogg(cases, settings, now, system),
            "loependeJournal.xml": _journal(cases, public=False, period=period, screen=screen),
            "offentligJournal.xml": _journal(cases, public=True, period=period, screen=screen),
        }
        for name, data in files.items():
            validate(name.removesuffix(".xml"), data)
            (work / name).write_bytes(data)
        for schema_name in SCHEMA_FILES:
            shutil.copyfile(SCHEMAS["arkivstruktur"].parent / schema_name, work / schema_name)
        counts = _counts(etree.fromstring(files["arkivstruktur.xml"]))
        addml = _addml(work, counts, settings, period, system)
        validate("addml", addml)
        (work / "arkivuttrekk.xml").write_bytes(addml)
        shutil.copyfile(SCHEMAS["addml"], work / "addml.xsd")
        problems = check_extract(work, lang or settings.lang)
        if problems:
            raise ArchiveError("noark.check_failed", found="; ".join(problems[:5]))
        if bag:
            import bagit

            bagit.make_bag(str(work), {"Source-Organization": settings.kommune.navn,
                                       "External-Description": "Noark 5 v5.0 arkivuttrekk (bti-docs)"},
                           checksums=["sha256"])
        _make_readable(work)
        os.rename(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return ExtractReport(out, len(cases), sum(len(c.posts) for c in cases),
                         sum(len(p.docs) for c in cases for p in c.posts),
                         {name: fsutil.sha256_bytes(data) for name, data in files.items()}, bag)


def _make_readable(folder: Path) -> None:
    os.chmod(folder, 0o750)  # mkdtemp makes 0700; the extract holds screened data: not world-readable


def _counts(arkivstruktur: etree._Element) -> dict[str, int]:
    ns = {"n": NS["arkivstruktur"]}
    return {
        "mappe": len(arkivstruktur.findall(".//n:mappe", ns)),
        "registrering": len(arkivstruktur.findall(".//n:registrering", ns)),
        "dokumentbeskrivelse": len(arkivstruktur.findall(".//n:dokumentbeskrivelse", ns)),
        "dokumentobjekt": len(arkivstruktur.findall(".//n:dokumentobjekt", ns)),
    }


def _addml_values(addml: etree._Element, *path: str) -> list[etree._Element]:
    """The property elements reached by the names in ``path`` (any depth between them)."""
    found = [addml]
    for name in path:
        found = [p for el in found for p in el.iter(f"{{{ADDML}}}property") if p.get("name") == name]
    return found


def _value(prop: etree._Element, name: str) -> str | None:
    for p in prop.iter(f"{{{ADDML}}}property"):
        if p.get("name") == name:
            v = p.find(f"{{{ADDML}}}value")
            return v.text if v is not None else None
    return None


def check_extract(folder: Path, lang: Lang = DEFAULT_LANG) -> list[str]:
    """The checks Arkade makes that can be made here; an empty list when the extract holds.

    Every XML file validates against its schema; arkivuttrekk.xml's checksums match the files and its counts
    match arkivstruktur.xml; every dokumentobjekt's file exists with the recorded checksum and size; and
    no file under dokumenter/ is left unreferenced.
    """
    problems: list[str] = []
    for name in (*XML_FILES, "arkivuttrekk.xml"):
        path = folder / name
        if not path.is_file():
            problems.append(voice("archive.missing", lang, name=name))
            continue
        try:
            validate("addml" if name == "arkivuttrekk.xml" else name.removesuffix(".xml"), path.read_bytes())
        except (SchemaError, etree.XMLSyntaxError) as exc:
            problems.append(f"{name}: {exc}")
    if problems:
        return problems
    addml = etree.parse(str(folder / "arkivuttrekk.xml")).getroot()
    for file_prop in [*_addml_values(addml, "file"), *_addml_values(addml, "schema")]:
        file_name, checksum = _value(file_prop, "name"), _value(file_prop, "value")
        if file_name is None or not (folder / file_name).is_file():
            problems.append("arkivuttrekk.xml: " + voice("archive.file_missing", lang, name=file_name))
        elif fsutil.sha256_bytes((folder / file_name).read_bytes()) != checksum:
            problems.append("arkivuttrekk.xml: " + voice("archive.checksum_for", lang, name=file_name))
    struct = etree.parse(str(folder / "arkivstruktur.xml")).getroot()
    counts = _counts(struct)
    for occ in _addml_values(addml, "numberOfOccurrences"):
        for name, count in counts.items():
            if _value(occ, name) != str(count):
                problems.append("arkivuttrekk.xml: " + voice("archive.count", lang, name=name,
                                                             found=_value(occ, name), count=count))
    ns = {"n": NS["arkivstruktur"]}
    referenced: set[str] = set()
    for obj in struct.iterfind(".//n:dokumentobjekt", ns):
        ref = obj.findtext("n:referanseDokumentfil", namespaces=ns) or ""
        referenced.add(ref)
        path = folder / ref
        if not ref or ".." in Path(ref).parts or not path.is_file():
            problems.append("arkivstruktur.xml: " + voice("archive.file_missing", lang, name=ref))
            continue
        data = path.read_bytes()
        if fsutil.sha256_bytes(data) != obj.findtext("n:sjekksum", namespaces=ns):
            problems.append(f"{ref}: " + voice("archive.checksum", lang))
        if str(len(data)) != obj.findtext("n:filstoerrelse", namespaces=ns):
            problems.append(f"{ref}: " + voice("archive.size", lang))
    on_disk = {p.relative_to(folder).as_posix() for p in _files(folder / DOC_DIR)}
    problems += [f"{extra}: " + voice("archive.not_in_structure", lang) for extra in sorted(on_disk - referenced)]
    return problems


def _files(folder: Path) -> Iterable[Path]:
    return (p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else ()
