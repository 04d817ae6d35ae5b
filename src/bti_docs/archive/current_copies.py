"""Current log copies whatever the order: copies owed to events filed before their log arrived.

An event that files a log copy (transition, holder change, withdrawal, closure, new consent, as the rules
say) gets a copy of the case's latest log dated on or before the event: the case as of that day. When
several watchers file one case, that log may arrive after the event. So after every filing the case is
swept: each such event that has no copy of its current log yet gets one now, under the same filing key it
would have had in order (input of the event, role ``stafettlogg``, the log's checksum), the same path and
title. The event's own sidecar keeps what was known when it was filed (``stafettlogg_kopi``); the journal
shows the copy.

Nothing is ever removed: if an event was filed with an older log and a newer log dated on or before the
event arrives later, both copies stay, and the newer one is the current one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bti_docs.archive.ledger import LedgerDoc
from bti_docs.archive.plan import (
    ArchiveView,
    DocumentToFile,
    FiledDocument,
    FilingPlan,
    PlannedDocument,
    PlanOutdatedError,
    archive_rules,
    filing_key,
)
from bti_docs.archive.rules import Dokumentrolle, Hendelse, doc_type, format_title, strongest
from bti_docs.config import Settings
from bti_docs.fields import Skjema
from bti_docs.options import DEFAULT_PDFA

if TYPE_CHECKING:
    from bti_docs.archive.filing import Archive

WANTS_COPY = ("arkivert", "ingen_stafettlogg")  # the event's rule asked for a log copy


def owed_copies(case: str, settings: Settings, archive: ArchiveView) -> list[DocumentToFile]:
    """Copies of the current log owed to the case's events (read back from the archive and checked)."""
    rules = archive_rules(settings)
    out: list[DocumentToFile] = []
    for event_doc in archive.case_ledger(case).docs:
        if event_doc.kind == Skjema.stafettlogg.value or event_doc.log_copy not in WANTS_COPY:
            continue
        source = archive.latest_log(case, event_doc.doc_date)
        if source is None:
            continue
        key = filing_key(event_doc.input_sha256, Dokumentrolle.stafettlogg.value, source.pdf_sha256)
        if any(d.filing_key == key for d in archive.already_filed(event_doc.input_sha256)):
            continue
        events = tuple(Hendelse(e) for e in event_doc.events
                       if e in set(Hendelse) and Dokumentrolle.stafettlogg in rules.rule(Hendelse(e)).dokumenter)
        if events:
            out += _copy(case, event_doc, events, source, settings)
    return out


def _copy(case: str, event_doc: LedgerDoc, events: tuple[Hendelse, ...], source: FiledDocument,
          settings: Settings) -> list[DocumentToFile]:
    rules, lang = archive_rules(settings), settings.lang
    source_unit = settings.kommune.enheter.get(source.unit)
    unit = settings.kommune.enheter.get(event_doc.unit)
    title = format_title(rules.title_template(events[0]), kind=Skjema.stafettlogg, event=events[0],
                         unit_name=source_unit.navn if source_unit else source.unit,
                         municipality=settings.kommune.navn, day=source.doc_date, lang=lang)
    planned = PlannedDocument(
        Dokumentrolle.stafettlogg, Skjema.stafettlogg, events[0], events, title,
        doc_type(rules, Skjema.stafettlogg, lang), strongest([rules.retention(e) for e in events]),
        source.doc_date, source,
        filing_key(event_doc.input_sha256, Dokumentrolle.stafettlogg.value, source.pdf_sha256),
    )
    plan = FilingPlan(
        case=case, unit=event_doc.unit, unit_name=unit.navn if unit else event_doc.unit,
        kind=Skjema(event_doc.kind), doc_date=event_doc.doc_date, input_sha256=event_doc.input_sha256,
        events=events, skipped=(), planned=(planned,), log_copy=None, already_filed=(), handovers=(),
        enkeltvedtak=None, personal={},
    )
    # only copies are planned: the arguments for a newly made PDF are not used
    return plan.documents(pdf=b"", pdfa_level=DEFAULT_PDFA.value, seal_signer="", seal_time=datetime.now(UTC),
                          seal_verified=False)


def file_owed_copies(archive: Archive, case: str, settings: Settings,
                     gate: Callable[[DocumentToFile], None], attempts: int = 20) -> list[FiledDocument]:
    """File every copy the case owes (see the module docstring), each passing ``gate`` first (PDF/A, seals).

    Another filer may change the case meanwhile: the copies are then planned again.
    """
    filed: list[FiledDocument] = []
    for _attempt in range(attempts):
        docs = owed_copies(case, settings, archive)
        if not docs:
            break
        for doc in docs:
            gate(doc)
        try:
            filed += [d for d in archive.file(docs) if not d.duplicate]
        except PlanOutdatedError:
            continue
    return filed
