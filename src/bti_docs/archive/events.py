"""Which archive events a form is, and which cases are due for their yearly filing. Pure functions.

Each kind says which events it is (``Kind.events`` in ``bti_docs.kinds``: e.g. samtykke → nytt_samtykke,
overgangsskjema → overgang and stafettholderbytte, stafettlogg → stafettholderbytte for a handover the journal
has not recorded, else periodisk); this module asks the registry and applies staff's override. There is no
default event: a kind that is not registered cannot be filed.

A handover is identified by the day the new holder accepted the baton, which the overgangsskjema and the
log both record: no names go into the journal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from bti_docs.archive.rules import Frist, Hendelse
from bti_docs.errors import ArchiveError
from bti_docs.kinds import Form, kind_of
from bti_docs.kinds.shared import wrong_event

CLOSING = frozenset({Hendelse.avslutning, Hendelse.samtykke_trukket})
OPENING = frozenset({Hendelse.nytt_samtykke, Hendelse.periodisk, Hendelse.aarlig, Hendelse.stafettholderbytte,
                     Hendelse.overgang})


@dataclass(frozen=True)
class CaseState:
    """What the journal knows about one case, as far as choosing events goes."""

    case: str
    recorded_handovers: frozenset[str] = frozenset()
    has_log: bool = False


@dataclass(frozen=True)
class CaseRecord:
    """One filed original (not a copy) of a case, as the journal indexes it."""

    seq: int
    doc_date: date
    kind: str
    unit: str
    events: tuple[str, ...]
    enkeltvedtak: bool | None = None
    handovers: tuple[str, ...] = field(default=())


def handovers_of(form: Form) -> list[str]:
    """The handovers of the baton ``form`` records (acceptance days)."""
    return kind_of(form).handovers(form)


def events_for(form: Form, state: CaseState, *, event_override: str | None = None) -> list[Hendelse]:
    """The events ``form`` is, most specific first (the first one decides path and title)."""
    override = _parse_override(event_override)
    events = kind_of(form).events(form, state.recorded_handovers, override)
    if override is not None and override not in events:
        raise wrong_event(override, form)
    if override is not None and events[0] is not override:
        events.remove(override)
        events.insert(0, override)
    return events


def _parse_override(value: str | None) -> Hendelse | None:
    if value is None:
        return None
    try:
        return Hendelse(value)
    except ValueError:
        known = ", ".join(h.value for h in Hendelse)
        raise ArchiveError("archive.unknown_event", value=value, known=known) from None


def case_state(case: str, records: Iterable[CaseRecord]) -> CaseState:
    handovers: set[str] = set()
    has_log = False
    for record in records:
        handovers.update(record.handovers)
        has_log = has_log or record.kind == "stafettlogg"
    return CaseState(case, frozenset(handovers), has_log)


@dataclass(frozen=True)
class DueYearly:
    """A case with an enkeltvedtak whose yearly filing for the current school year is not done yet."""

    case: str
    unit: str
    deadline: date
    last_yearly: date | None
    overdue: bool  # the previous year's deadline also passed without a yearly filing


def _is_open(records: Sequence[CaseRecord]) -> bool:
    state = True
    for record in sorted(records, key=lambda r: (r.doc_date, r.seq)):
        if CLOSING & set(record.events):
            state = False
        elif OPENING & set(record.events):
            state = True
    return state


def yearly_due(records_by_case: Mapping[str, Sequence[CaseRecord]], frist: Frist, today: date) -> list[DueYearly]:
    """Open cases whose latest log has ``enkeltvedtak`` and no aarlig filing in the current cycle.

    A cycle runs from one deadline (exclusive) to the next (inclusive); the current one ends at the first
    deadline on or after ``today``.
    """
    deadline = frist.deadline(today.year)
    if today > deadline:
        deadline = frist.deadline(today.year + 1)
    previous = frist.deadline(deadline.year - 1)
    before_previous = frist.deadline(deadline.year - 2)
    due: list[DueYearly] = []
    for case, records in sorted(records_by_case.items()):
        logs = sorted((r for r in records if r.kind == "stafettlogg"), key=lambda r: (r.doc_date, r.seq))
        if not logs or not logs[-1].enkeltvedtak or not _is_open(records):
            continue
        yearly = [r.doc_date for r in records if Hendelse.aarlig.value in r.events]
        if any(previous < d <= deadline for d in yearly):
            continue
        first_log = logs[0].doc_date
        overdue = first_log <= previous and not any(before_previous < d <= previous for d in yearly)
        due.append(DueYearly(case, logs[-1].unit, deadline, max(yearly, default=None), overdue))
    return due
