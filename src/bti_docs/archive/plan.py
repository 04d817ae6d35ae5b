"""Deciding what one form files: its events, its documents (own form + log snapshot copies), titles, retention.

``plan_filing`` reads the journal but writes nothing. Its ``FilingPlan.documents(...)`` turns the rendered,
sealed PDF into the ``DocumentToFile`` list that ``Archive.file`` takes; copies of the case's latest
stafettlogg snapshot are read back from the archive and checked against the journal first.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from bti_docs.archive.case_checks import adjust_events, check_case, copy_warnings, refuse
from bti_docs.archive.events import CaseState, events_for, handovers_of
from bti_docs.archive.ledger import CaseLedger, facts_of
from bti_docs.archive.rules import (
    ArchiveRules,
    Bevaring,
    Dokumentrolle,
    Hendelse,
    doc_type,
    format_title,
    strongest,
)
from bti_docs.archive.sidecar import KopiAv, Saksfakta, SidecarError, parse_sidecar
from bti_docs.config import Settings
from bti_docs.errors import ArchiveError, ConfigError, Problem, RefusedCaseError, os_reason
from bti_docs.fields import Skjema
from bti_docs.i18n import Lang
from bti_docs.kinds import Form, kind_of
from bti_docs.text.voice import phrase


class PlanOutdatedError(ArchiveError):
    """The archive changed between planning and filing (a newer log of the case); nothing was written.

    Planning again (``plan_filing``) and filing the new plan is safe: it is what a retry does.
    """


def filing_key(input_sha256: str, role: str, original_sha256: str) -> str:
    """One document per (input, role, original): the same input is never filed twice."""
    return hashlib.sha256(f"{input_sha256}\n{role}\n{original_sha256}".encode()).hexdigest()


@dataclass(frozen=True)
class DocumentToFile:
    """One PDF to file, with everything its sidecar needs. Build it with ``FilingPlan.documents``."""

    pdf: bytes = field(repr=False)
    kind: str  # the skjema value
    event: str  # the event whose rule gives path and title
    unit: str  # unit slug: the folder it is filed under
    case: str
    doc_date: date
    title: str
    doc_type: str
    pdfa_level: str  # "1b", "2b", "2u", "2a"
    seal_signer: str
    seal_time: datetime
    seal_verified: bool
    input_sha256: str  # the event form's content
    personal: dict[str, str] = field(default_factory=dict, repr=False)  # sidecar only
    events: tuple[str, ...] = ()  # every event this document is filed for; default (event,)
    role: str = Dokumentrolle.skjema.value
    unit_name: str = ""
    retention: Bevaring | None = None  # default: the rules of ``event``
    event_date: date | None = None  # the date used in the path; default doc_date
    copy_of: KopiAv | None = None
    log_copy: str | None = None
    handovers: tuple[str, ...] = ()
    enkeltvedtak: bool | None = None
    facts: Saksfakta | None = None  # the case ledger's facts (the event's own form only)
    copy_age: int | None = None  # days between the log copy's date and the event's date
    case_version: int | None = None  # the case as planning saw it (archive.filing refuses an outdated plan)

    @property
    def filing_key(self) -> str:
        return filing_key(self.input_sha256, self.role, self.copy_of.sjekksum if self.copy_of else "")


@dataclass(frozen=True)
class FiledDocument:
    """A document in the archive, as the journal records it."""

    relpath: str
    path: Path
    sidecar_path: Path
    seq: int
    entry_hash: str
    pdf_sha256: str
    sidecar_sha256: str
    case: str
    unit: str
    kind: str
    role: str
    event: str
    events: tuple[str, ...]
    doc_date: date
    input_sha256: str
    filing_key: str
    copy_of: str | None  # the original of a snapshot copy
    log_copy: str | None  # on an event's own form: what became of the log snapshot (see sidecar.LogCopy)
    duplicate: bool = False  # it was already in the archive before this call


class ArchiveView(Protocol):
    root: Path

    def already_filed(self, input_sha256: str) -> list[FiledDocument]: ...

    def latest_log(self, case: str, on: date | None = None) -> FiledDocument | None: ...

    def case_ledger(self, case: str) -> CaseLedger: ...

    def case_version(self, case: str) -> int: ...

    def document(self, relpath: str) -> FiledDocument | None: ...

    def case_state(self, case: str) -> CaseState: ...


@dataclass(frozen=True)
class PlannedDocument:
    role: Dokumentrolle
    kind: Skjema
    event: Hendelse
    events: tuple[Hendelse, ...]
    title: str
    doc_type: str
    retention: Bevaring
    doc_date: date
    source: FiledDocument | None = None  # the original a snapshot copy is made from
    filing_key: str = ""


@dataclass(frozen=True)
class FilingPlan:
    case: str
    unit: str
    unit_name: str
    kind: Skjema
    doc_date: date
    input_sha256: str
    events: tuple[Hendelse, ...]  # the events that file something, the first decides path and title
    skipped: tuple[Hendelse, ...]  # events the municipality has turned off
    planned: tuple[PlannedDocument, ...]
    log_copy: str | None
    already_filed: tuple[FiledDocument, ...]
    handovers: tuple[str, ...]
    enkeltvedtak: bool | None
    personal: dict[str, str] = field(repr=False)
    facts: Saksfakta | None = None
    copy_age: int | None = None
    case_version: int | None = None
    warnings: tuple[Problem, ...] = ()  # about the case: an old log copy, a handover without its transition

    @property
    def nothing_to_file(self) -> bool:
        return not self.planned

    @property
    def complete(self) -> bool:
        """Every planned document is in the archive already (re-filing the same input)."""
        done = {d.filing_key for d in self.already_filed}
        return bool(self.planned) and all(p.filing_key in done for p in self.planned)

    def documents(self, *, pdf: bytes, pdfa_level: str, seal_signer: str, seal_time: datetime,
                  seal_verified: bool) -> list[DocumentToFile]:
        """The documents to file: ``pdf`` (the sealed form) and copies of the latest log snapshot."""
        out: list[DocumentToFile] = []
        for p in self.planned:
            if p.source is None:
                out.append(DocumentToFile(
                    pdf=pdf, kind=p.kind.value, event=p.event.value, unit=self.unit, case=self.case,
                    doc_date=self.doc_date, title=p.title, doc_type=p.doc_type, pdfa_level=str(pdfa_level),
                    seal_signer=seal_signer, seal_time=seal_time, seal_verified=seal_verified,
                    input_sha256=self.input_sha256, personal=dict(self.personal),
                    events=tuple(e.value for e in p.events), role=p.role.value, unit_name=self.unit_name,
                    retention=p.retention, event_date=self.doc_date, log_copy=self.log_copy,
                    handovers=self.handovers, enkeltvedtak=self.enkeltvedtak, facts=self.facts,
                    copy_age=self.copy_age, case_version=self.case_version,
                ))
            else:
                out.append(self._copy(p, p.source))
        return out

    def _copy(self, p: PlannedDocument, source: FiledDocument) -> DocumentToFile:
        """A copy of an archived snapshot, read back and checked against the journal first."""
        try:
            data = source.path.read_bytes()
            sidecar_bytes = source.sidecar_path.read_bytes()
        except OSError as exc:
            raise ArchiveError("archive.log_unreadable", path=source.relpath, reason=os_reason(exc)) from None
        if hashlib.sha256(data).hexdigest() != source.pdf_sha256 or \
                hashlib.sha256(sidecar_bytes).hexdigest() != source.sidecar_sha256:
            raise ArchiveError("archive.log_not_journal", path=source.relpath)
        try:
            original = parse_sidecar(sidecar_bytes)
        except SidecarError as exc:  # the reason is said in the reader's language where the error surfaces
            raise ArchiveError("archive.log_sidecar_invalid", path=source.relpath,
                               detail=phrase(exc.code, **exc.context)) from None
        bti, seal = original.bti, original.bti.segl
        level = original.dokumentbeskrivelse.dokumentobjekt.formatDetaljer.removeprefix("PDF/A-").lower()
        return DocumentToFile(
            pdf=data, kind=p.kind.value, event=p.event.value, unit=self.unit, case=self.case,
            doc_date=bti.dokumentdato, title=p.title, doc_type=p.doc_type, pdfa_level=level,
            seal_signer=seal.signer, seal_time=seal.tidspunkt, seal_verified=seal.verifisert,
            input_sha256=self.input_sha256, personal=dict(original.personopplysninger),
            events=tuple(e.value for e in p.events), role=p.role.value, unit_name=bti.enhetsnavn,
            retention=p.retention, event_date=self.doc_date, enkeltvedtak=bti.enkeltvedtak,
            copy_of=KopiAv(sti=source.relpath, sjekksum=source.pdf_sha256, dokumentdato=bti.dokumentdato),
            copy_age=(self.doc_date - bti.dokumentdato).days,
        )


def archive_rules(settings: Settings) -> ArchiveRules:
    rules = settings.data.arkivering
    if rules is None:
        raise ConfigError("archive.rules_missing", source=settings.source)
    return rules


def form_sha256(form: Form) -> str:
    """The form's content (not its YAML layout): the same content is the same input."""
    return hashlib.sha256(form.model_dump_json().encode("utf-8")).hexdigest()


def personal_data(form: Form) -> dict[str, str]:
    """The child's name and birth date (or the pregnant woman's name and the due date): sidecar only."""
    if form.barn is not None:
        return {"barn_navn": f"{form.barn.fornavn} {form.barn.etternavn}",
                "barn_fodselsdato": form.barn.fodselsdato.isoformat()}
    if form.svangerskap is not None:
        pregnant = form.svangerskap.gravid
        return {"gravid_navn": f"{pregnant.fornavn} {pregnant.etternavn}",
                "termindato": form.svangerskap.termindato.isoformat()}
    return {}


def _key(input_sha256: str, role: Dokumentrolle, source: FiledDocument | None) -> str:
    return filing_key(input_sha256, role.value, source.pdf_sha256 if source else "")


def _log_source(archive: ArchiveView, case: str, previous: list[FiledDocument], day: date) -> FiledDocument | None:
    """The snapshot to copy: as decided when this input was first filed, else the case's latest log dated on
    or before the event (``day``): the copy describes the case as of the event, whatever arrived since."""
    own = next((d for d in previous if d.role == Dokumentrolle.skjema.value), None)
    if own is not None and own.log_copy != "arkivert":
        return None
    copied = next((d for d in previous if d.copy_of is not None), None)
    if copied is not None and copied.copy_of is not None:
        return archive.document(copied.copy_of)
    return archive.latest_log(case, day)


def plan_filing(form: Form, settings: Settings, archive: ArchiveView, *, event_override: str | None = None,
                source_name: str = "", lang: Lang | None = None) -> FilingPlan:
    """Which events ``form`` is, and which documents the municipality's rules file for them, and how.

    The case's refusals and warnings are said in ``lang`` (the reader's: ``--lang``), else in the
    municipality's målform; titles and document types are the archive's, always in the målform."""
    rules, kind = archive_rules(settings), kind_of(form)
    reader, names = lang or settings.lang, settings.lang
    if form.mistanke_vold_overgrep:
        raise RefusedCaseError("archive.refused_case")
    unit = settings.kommune.enheter.get(form.enhet)
    if unit is None:
        raise ConfigError("archive.unknown_unit", unit=form.enhet)
    input_sha = form_sha256(form)
    previous = archive.already_filed(input_sha)
    ledger = archive.case_ledger(form.sak)
    warnings: list[Problem] = []
    if previous:
        first = next((d for d in previous if d.role == Dokumentrolle.skjema.value), previous[0])
        events = [Hendelse(e) for e in first.events]
    else:
        refusals = check_case(form, ledger, settings, reader, source_name)
        if refusals:
            raise refuse(refusals)
        events, warnings = adjust_events(
            form, events_for(form, archive.case_state(form.sak), event_override=event_override), ledger,
            overridden=event_override is not None, settings=settings, lang=reader, file=source_name)
    active = tuple(e for e in events if rules.rule(e).aktiv)
    skipped = tuple(e for e in events if not rules.rule(e).aktiv)
    planned: list[PlannedDocument] = []
    log_copy: str | None = None
    copy_age: int | None = None

    def title(event: Hendelse, kind: Skjema, unit_name: str, day: date) -> str:
        return format_title(rules.title_template(event), kind=kind, event=event, unit_name=unit_name,
                            municipality=settings.kommune.navn, day=day, lang=names)

    if active:
        planned.append(PlannedDocument(
            Dokumentrolle.skjema, form.skjema, active[0], active, title(active[0], form.skjema, unit.navn, form.dato),
            doc_type(rules, form.skjema, names), strongest([rules.retention(e) for e in active]), form.dato,
            filing_key=_key(input_sha, Dokumentrolle.skjema, None),
        ))
        log_events = tuple(e for e in active if Dokumentrolle.stafettlogg in rules.rule(e).dokumenter)
        source = None
        if kind.is_log:
            log_copy = "skjemaet_er_stafettlogg"
        elif not log_events:
            log_copy = "ikkje_kravd"
        else:
            source = _log_source(archive, form.sak, previous, form.dato)
            log_copy = "arkivert" if source is not None else "ingen_stafettlogg"
            if source is not None:
                copy_age, old = copy_warnings(ledger, form.dato, source.doc_date,
                                              rules.stafettlogg_kopi.maks_alder_dagar, reader, source_name)
                warnings += old if not previous else []
        if source is not None:
            source_unit = settings.kommune.enheter.get(source.unit)
            planned.append(PlannedDocument(
                Dokumentrolle.stafettlogg, Skjema.stafettlogg, log_events[0], log_events,
                title(log_events[0], Skjema.stafettlogg, source_unit.navn if source_unit else source.unit,
                      source.doc_date),
                doc_type(rules, Skjema.stafettlogg, names), strongest([rules.retention(e) for e in log_events]),
                source.doc_date, source, _key(input_sha, Dokumentrolle.stafettlogg, source),
            ))
    return FilingPlan(
        case=form.sak, unit=form.enhet, unit_name=unit.navn, kind=form.skjema, doc_date=form.dato,
        input_sha256=input_sha, events=active, skipped=skipped, planned=tuple(planned), log_copy=log_copy,
        already_filed=tuple(previous), handovers=tuple(handovers_of(form)),
        enkeltvedtak=kind.enkeltvedtak(form),
        personal=personal_data(form), facts=facts_of(form), copy_age=copy_age,
        case_version=archive.case_version(form.sak), warnings=tuple(warnings),
    )
