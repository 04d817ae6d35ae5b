"""What a document kind tells the case: its screened facts for the case ledger, and the view of the case its
checks across documents see.

``Saksfakta`` is what each filed original's sidecar (and its journal entry) carries for the case ledger
(``bti_docs.archive.ledger``): consent ids and periods, services, unit ids, levels, holder roles and dates.
Never names, id numbers or free text. Each kind builds its own (``Kind.facts``).

``CaseView`` is what ``bti_docs.archive.case_checks`` gives a kind's ``case_checks`` and ``case_events``: the
case as the archive knows it, and where to report a refusal (staff must fix the form) or a warning. Values
passed to ``refuse``/``warn`` may be dates and earlier documents: the archive writes them in the reader's
language («Tilbaketrekking av samtykke, 05.11.2026»), so a kind never formats a message itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Protocol

from pydantic import Field, StringConstraints

from bti_docs.config.arkivering import Hendelse
from bti_docs.fields import Strict

ShortText = Annotated[str, StringConstraints(min_length=1, max_length=400)]


# --- the screened facts ------------------------------------------------------------------------------


class SamtykkeFakta(Strict):
    """A consent as the case ledger needs it: id, type, services, validity. No names."""

    id: ShortText
    type: ShortText
    tjenester: list[ShortText] = Field(default_factory=list)
    gyldig_fra: date
    gyldig_til: date


class HaldarFakta(Strict):
    """A holder as the case ledger needs it: role, unit and service, the dates. Never the name."""

    rolle: ShortText | None = None
    enhet: ShortText
    tjeneste: ShortText | None = None
    fra_dato: date
    akseptert_dato: date | None = None
    til_dato: date | None = None


class Saksfakta(Strict):
    """The screened facts of one form that the case ledger (``archive.ledger``) is built from.

    Written by bti-docs from the validated form at filing time: consent ids and periods, services, unit ids,
    levels, holder roles and dates. Names, id numbers and free text never go here.
    """

    samtykke: SamtykkeFakta | None = None  # samtykke: the consent it gives
    trekt_samtykke: ShortText | None = None  # tilbaketrekking_samtykke: the consent withdrawn
    niva: int | None = None  # stafettlogg: its level; overgangsskjema: the level after the transition
    fra_niva: int | None = None  # overgangsskjema
    haldarar: list[HaldarFakta] = Field(default_factory=list)  # stafettlogg; overgangsskjema: the new holder
    samtykker: list[SamtykkeFakta] = Field(default_factory=list)  # stafettlogg: the consents it rests on
    samtykke_id: ShortText | None = None  # overgangsskjema: the consent that covers the transfer
    fra_enhet: ShortText | None = None  # overgangsskjema
    til_enhet: ShortText | None = None
    til_tjeneste: ShortText | None = None
    haldarbyte: bool | None = None  # overgangsskjema: the holder changes
    siste_mote: date | None = None  # stafettlogg
    neste_mote: date | None = None
    siste_aktivitet: date | None = None  # the latest meeting, evaluation or measure start in the log
    avslutningsarsak: ShortText | None = None  # avslutning
    konklusjon: ShortText | None = None  # referat_undringssamtale


# --- the case as a kind's checks see it --------------------------------------------------------------


class CaseDoc(Protocol):
    """An earlier filed original of the case."""

    @property
    def kind(self) -> str: ...

    @property
    def doc_date(self) -> date: ...


class CaseConsent(Protocol):
    """A consent of the case: from its own form where filed, else as a log recorded it."""

    @property
    def id(self) -> str: ...

    @property
    def services(self) -> tuple[str, ...]: ...

    @property
    def valid_from(self) -> date: ...

    @property
    def valid_to(self) -> date: ...

    @property
    def source(self) -> CaseDoc: ...  # the document that told the archive about it

    @property
    def withdrawn(self) -> CaseDoc | None: ...  # the withdrawal, if filed


class CaseView(Protocol):
    """The case as the archive knows it (its ledger), and where a kind reports what it finds."""

    @property
    def legacy(self) -> bool: ...  # some documents predate the ledger: consents may be missing

    def consent(self, consent_id: str) -> CaseConsent | None: ...

    def closure(self, day: date) -> CaseDoc | None: ...  # what ended the log, if it is ended as of ``day``

    def has_transition(self, day: date) -> bool: ...  # an overgangsskjema dated ``day`` is filed

    def unit_level(self, unit: str, day: date) -> int | None: ...  # the level the unit's documents last gave

    def unit_service(self, unit: str) -> str | None: ...  # the unit's own service, if it is in the settings

    def refuse(self, path: str, code: str, **context: object) -> None: ...  # staff must fix the form

    def warn(self, path: str, code: str, **context: object) -> None: ...


CaseChecks = Callable[[Any, CaseView], None]
CaseEvents = Callable[[Any, list[Hendelse], CaseView], list[Hendelse]]


def no_case_checks(form: object, case: CaseView) -> None:
    """For kinds that nothing else in the case can contradict."""


def events_as_planned(form: object, events: list[Hendelse], case: CaseView) -> list[Hendelse]:
    """For kinds whose events do not depend on the rest of the case."""
    return events


def no_enkeltvedtak(form: object) -> bool | None:
    """For kinds that are never an individual decision (enkeltvedtak)."""
    return None


def refuse_if_closed(case: CaseView, day: date) -> None:
    """A document dated after the log was ended, with no new establishing consent since, is refused. The same
    day passes: that is the snapshot of the case as it ended."""
    end = case.closure(day)
    if end is not None and end.doc_date < day:
        case.refuse("dato", "case_closed", closed=end.doc_date, doc=end)


def refuse_if_withdrawn(case: CaseView, path: str, consent: CaseConsent, day: date) -> bool:
    """Refuses (and says True) when ``consent`` was withdrawn before ``day``."""
    gone = consent.withdrawn
    if gone is not None and gone.doc_date < day:
        case.refuse(path, "case_consent_withdrawn", consent=consent.id, withdrawn=gone.doc_date, doc=gone)
        return True
    return False
