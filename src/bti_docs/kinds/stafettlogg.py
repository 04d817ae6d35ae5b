"""Stafettlogg (BTI levels 1–3): the log that follows the child whichever service helps: attention, goals,
measures, meetings and the holder of the baton. The child is always the plan owner.

Holder rules: "Stafetthaldar beheld stafettpinnen til den er motteken og akseptert av ein ny stafetthaldar"
(Vindafjord): an outgoing holder's ``til_dato`` may not come before the next holder's ``akseptert_dato``.
A handover is identified by the day the new holder accepted the baton, which the overgangsskjema and the log
both record: no names go into the journal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from bti_docs.config import Kommune
from bti_docs.config.arkivering import Hendelse
from bti_docs.errors import ArchiveError
from bti_docs.fields import Name, Skjema, Slug, Strict, Text, Tjeneste, fail
from bti_docs.i18n import Lang
from bti_docs.kinds.case import CaseView, HaldarFakta, Saksfakta, refuse_if_closed, refuse_if_withdrawn
from bti_docs.kinds.shared import (
    Data,
    Finding,
    Kind,
    MedBarn,
    Person,
    SamtykkeGrunnlag,
    Samtykketype,
    Stafettholder,
    active_on,
    child_view,
    consent_facts,
    covers,
    error,
    missing_consent,
    render_consent,
    render_person,
    renewal_advice,
    start_of,
    valid_on,
    warning,
    wrong_event,
)
from bti_docs.text.format import format_date, optional_date, prose, yes_no
from bti_docs.text.labels import enum_label, label


class Deltaker(Person):
    tjeneste: Tjeneste
    fra_dato: date | None = None


class Foresatt(Strict):
    navn: Name
    rolle: Name = "foresatt"
    deltar: bool = True


class Mal(Strict):
    id: Slug | None = None
    beskrivelse: Text
    frist: date | None = Field(default=None, description="SMART: Tidfesta")


class Arena(StrEnum):
    hjemme = "hjemme"
    enhet = "enhet"
    barnet = "barnet"


class Status(StrEnum):
    apen = "apen"
    lukket = "lukket"


class Periode(Strict):
    fra: date
    til: date | None = None

    @model_validator(mode="after")
    def _order(self) -> Periode:
        if self.til is not None and self.til < self.fra:
            raise fail("period_end_before_start")
        return self


class Evaluering(Strict):
    dato: date
    tekst: Text
    av: Name | None = None


class Tiltak(Strict):
    beskrivelse: Text
    ansvarlig: Name
    arena: Arena
    periode: Periode
    status: Status = Status.apen
    delmal: Slug | None = Field(default=None, description="The id of the sub-goal it serves")
    evalueringer: list[Evaluering] = Field(default_factory=list)


class Beslutning(StrEnum):
    avslutte = "avslutte"
    fortsette_samme_tiltak = "fortsette_samme_tiltak"
    andre_tiltak_egen_tjeneste = "andre_tiltak_egen_tjeneste"
    behov_eksterne_tjenester = "behov_eksterne_tjenester"


class Mote(Strict):
    dato: date
    deltakere: list[Name] = Field(min_length=1)
    barnet_deltok: bool = False
    del1_evaluering: Text
    del2_beslutning: Beslutning
    beslutning_tekst: Text | None = None
    neste_mote: date | None = None


class Stafettlogg(MedBarn):
    skjema: Literal[Skjema.stafettlogg]
    niva: Literal[1, 2, 3]
    stafettholdere: list[Stafettholder] = Field(min_length=1)
    foresatte: list[Foresatt] = Field(default_factory=list)
    deltakere: list[Deltaker] = Field(default_factory=list)
    oppmerksomhet: Text
    felles_forstaelse: Text | None = None
    hovedmal: Mal | None = None
    delmal: list[Mal] = Field(default_factory=list)
    tiltak: list[Tiltak] = Field(default_factory=list)
    moter: list[Mote] = Field(default_factory=list)
    samtykker: list[SamtykkeGrunnlag] = Field(min_length=1)
    enkeltvedtak: bool = Field(default=False, description="The child has an enkeltvedtak (yearly archiving)")


# --- rules ------------------------------------------------------------------------------------------


def rules(form: Stafettlogg, kommune: Kommune, today: date) -> list[Finding]:
    return [*check_log_consents(form), *check_unit_service(form, kommune), *check_meetings(form, kommune),
            *check_holders(form), *_log_dates_and_advice(form, today), *child_view(form)]


def check_unit_service(log: Stafettlogg, kommune: Kommune) -> list[Finding]:
    """The unit's own service (from the settings) is covered by a consent valid on the log's date."""
    unit = kommune.enheter.get(log.enhet)
    if unit is None or covers(log.samtykker, unit.tjeneste, log.dato):
        return []  # an unknown unit is reported by the common rules
    return [error("enhet", "unit_service_not_covered", unit=log.enhet, service=unit.tjeneste.value,
                  date=log.dato.isoformat())]


def _services_by_name(log: Stafettlogg, kommune: Kommune) -> dict[str, Tjeneste]:
    """The service of each participant and holder the log names (a holder without one: the unit's)."""
    own = kommune.enheter.get(log.enhet)
    found: dict[str, Tjeneste] = {}
    for holder in log.stafettholdere:
        service = holder.tjeneste or (own.tjeneste if own is not None else None)
        if service is not None:
            found.setdefault(holder.navn.casefold(), service)
    for participant in log.deltakere:
        found.setdefault(participant.navn.casefold(), participant.tjeneste)
    return found


def check_meetings(log: Stafettlogg, kommune: Kommune) -> list[Finding]:
    """Each meeting was held under a consent to establish the log valid on its date, and every service
    present (the people the log names with their service) was covered by a consent valid that day."""
    findings: list[Finding] = []
    services = _services_by_name(log, kommune)
    establishing = [c for c in log.samtykker if c.type is Samtykketype.opprette_stafettlogg]
    for i, meeting in enumerate(log.moter):
        day = meeting.dato
        if day > log.dato:
            continue  # a meeting after the log's date is reported as such, not judged against consent
        if not any(valid_on(c, day) for c in establishing):
            findings.append(error(f"moter[{i}].dato", "meeting_without_consent", field=f"moter[{i}].dato",
                                  date=day.isoformat()))
            continue
        reported: set[Tjeneste] = set()
        for j, name in enumerate(meeting.deltakere):
            service = services.get(name.casefold())
            if service is None or service in reported or covers(log.samtykker, service, day):
                continue
            reported.add(service)
            findings.append(error(f"moter[{i}].deltakere[{j}]", "meeting_service_not_covered",
                                  field=f"moter[{i}].deltakere[{j}]", service=service.value,
                                  date=day.isoformat()))
    return findings


def check_log_consents(log: Stafettlogg) -> list[Finding]:
    """A log rests on a valid consent to establish it; levels 2-3 and every service need cooperation consent."""
    findings: list[Finding] = []
    day = log.dato
    establishing = [c for c in log.samtykker if c.type is Samtykketype.opprette_stafettlogg]
    if not any(valid_on(c, day) for c in establishing):
        findings.append(missing_consent(establishing, day, "samtykker", "consent_missing_establish",
                                         date=day.isoformat()))
    cooperation = [c for c in log.samtykker if c.type is Samtykketype.samarbeid_tjenester]
    if log.niva >= 2 and not any(valid_on(c, day) for c in cooperation):
        findings.append(missing_consent(cooperation, day, "niva", "level_needs_cooperation_consent",
                                         level=log.niva))
    # "New consent before a new participant is invited": each service must be covered on the log's date and
    # already on the day it joined. The holders' services too, where the log names them.
    joined = [(f"deltakere[{i}].tjeneste", p.tjeneste, p.fra_dato) for i, p in enumerate(log.deltakere)]
    joined += [(f"stafettholdere[{i}].tjeneste", h.tjeneste, h.fra_dato)
               for i, h in enumerate(log.stafettholdere) if h.tjeneste is not None and h.til_dato is None]
    for path, service, since in joined:
        days = {day} | ({since} if since is not None and since <= day else set())
        if not all(covers(log.samtykker, service, d) for d in days):
            findings.append(error(path, "service_not_covered", service=service.value))
    for i, consent in enumerate(log.samtykker):
        findings.extend(renewal_advice(consent, f"samtykker[{i}]"))
    return findings


def check_holders(log: Stafettlogg) -> list[Finding]:
    findings: list[Finding] = []
    holders = log.stafettholdere
    for i, h in enumerate(holders):
        if h.til_dato is not None and h.til_dato <= start_of(h):
            findings.append(error(f"stafettholdere[{i}].til_dato", "holder_ends_before_start"))

    # Every holder after the first took the baton on a recorded day of acceptance.
    first = min(range(len(holders)), key=lambda i: (start_of(holders[i]), holders[i].fra_dato))
    for i, h in enumerate(holders):
        if i != first and h.akseptert_dato is None:
            findings.append(error(f"stafettholdere[{i}].akseptert_dato", "holder_not_accepted"))
    # The baton is never dropped: from the first holder's start to the log's date, every day is covered by
    # some holder's [start, til_dato). A gap is reported at the holder who let go, with the day it was taken up.
    for i, h in enumerate(holders):
        if h.til_dato is None or h.til_dato > log.dato or any(active_on(o, h.til_dato) for o in holders):
            continue
        later = [start_of(o) for o in holders if start_of(o) > h.til_dato]
        if later:
            findings.append(error(f"stafettholdere[{i}].til_dato", "holder_gap", until=h.til_dato.isoformat(),
                                  accepted=min(later).isoformat()))

    active = [i for i, h in enumerate(holders) if active_on(h, log.dato)]
    if not active:
        findings.append(error("stafettholdere", "holder_missing_active", date=log.dato.isoformat()))
    elif len(active) == 2:
        for i in active:
            if not holders[i].ansvarsfordeling:
                findings.append(error(f"stafettholdere[{i}].ansvarsfordeling", "holder_two_without_division"))
    elif len(active) > 2:
        findings.append(error("stafettholdere", "holder_too_many", count=len(active)))
    return findings


def _log_dates_and_advice(log: Stafettlogg, today: date) -> list[Finding]:
    out: list[Finding] = []
    for i, meeting in enumerate(log.moter):
        if meeting.dato > today:
            out.append(error(f"moter[{i}].dato", "meeting_in_future", date=meeting.dato.isoformat()))
    if log.tiltak and log.hovedmal is None and not log.delmal:
        out.append(error("tiltak", "measures_without_goal"))
    goal_ids = {g.id for g in log.delmal if g.id}
    for i, measure in enumerate(log.tiltak):
        if measure.delmal is not None and measure.delmal not in goal_ids:
            out.append(error(f"tiltak[{i}].delmal", "unknown_subgoal", goal=measure.delmal))
        for j, evaluation in enumerate(measure.evalueringer):
            if evaluation.dato > today:
                out.append(error(f"tiltak[{i}].evalueringer[{j}].dato", "evaluation_in_future",
                                 date=evaluation.dato.isoformat()))
    if log.hovedmal is not None and log.hovedmal.frist is None:
        out.append(warning("hovedmal.frist", "goal_without_deadline"))
    for i, goal in enumerate(log.delmal):
        if goal.frist is None:
            out.append(warning(f"delmal[{i}].frist", "goal_without_deadline"))
    per_service = Counter((d.tjeneste, d.enhet) for d in log.deltakere)
    for (service, _unit), count in sorted(per_service.items(), key=lambda kv: str(kv[0])):
        if count > 1:
            out.append(warning("deltakere", "one_participant_per_service", service=service.value))
    return out


# --- archive events ---------------------------------------------------------------------------------


LOG_EVENTS = frozenset({Hendelse.periodisk, Hendelse.aarlig, Hendelse.stafettholderbytte})  # staff may ask for these


def events(form: Stafettlogg, recorded_handovers: frozenset[str], override: Hendelse | None) -> list[Hendelse]:
    """stafettholderbytte when the log shows a handover the journal has not recorded for the case, else
    periodisk; staff may ask for aarlig (only with ``enkeltvedtak: true``), periodisk or stafettholderbytte."""
    new = [k for k in handovers(form) if k not in recorded_handovers]
    if override is Hendelse.aarlig and not form.enkeltvedtak:
        raise ArchiveError("archive.yearly_needs_decision")
    if override is not None and override not in LOG_EVENTS:
        raise wrong_event(override, form)
    primary = override or (Hendelse.stafettholderbytte if new else Hendelse.periodisk)
    found = [primary]
    if new and primary is not Hendelse.stafettholderbytte:
        found.append(Hendelse.stafettholderbytte)
    return found


def handovers(log: Stafettlogg) -> list[str]:
    """The handovers a log shows: for each holder with ``til_dato``, the next holder's acceptance day."""
    holders = sorted(log.stafettholdere, key=lambda h: (h.fra_dato, start_of(h)))
    keys: list[str] = []
    for pos, holder in enumerate(holders):
        if holder.til_dato is None:
            continue
        successor = next((h for h in holders[pos + 1:] if h.akseptert_dato is not None), None)
        if successor is not None and successor.akseptert_dato is not None:
            key = successor.akseptert_dato.isoformat()
            if key not in keys:
                keys.append(key)
    return keys


# --- the case -----------------------------------------------------------------------------------------


def facts(log: Stafettlogg) -> Saksfakta:
    """Its level, holders (never the names), the consents it rests on, and its meetings and activity."""
    meetings = sorted(log.moter, key=lambda m: m.dato)
    return Saksfakta(
        niva=log.niva,
        haldarar=[HaldarFakta(rolle=h.rolle, enhet=h.enhet, tjeneste=h.tjeneste.value if h.tjeneste else None,
                              fra_dato=h.fra_dato, akseptert_dato=h.akseptert_dato, til_dato=h.til_dato)
                  for h in log.stafettholdere],
        samtykker=[consent_facts(c) for c in log.samtykker],
        siste_mote=meetings[-1].dato if meetings else None,
        neste_mote=meetings[-1].neste_mote if meetings else None,
        siste_aktivitet=_last_activity(log),
    )


def _last_activity(log: Stafettlogg) -> date:
    """The latest meeting, evaluation or measure start on or before the log's date."""
    days = [m.dato for m in log.moter] + [e.dato for t in log.tiltak for e in t.evalueringer]
    days += [t.periode.fra for t in log.tiltak]
    return max((d for d in days if d <= log.dato), default=log.dato)


def case_checks(log: Stafettlogg, case: CaseView) -> None:
    """Refused: a log dated after the log was ended; resting on a consent withdrawn before its date; claiming a
    consent valid that the archived consent form says has expired."""
    refuse_if_closed(case, log.dato)
    for i, c in enumerate(log.samtykker):
        known = case.consent(c.samtykke_id)
        if known is None or refuse_if_withdrawn(case, f"samtykker[{i}].samtykke_id", known, log.dato):
            continue
        if known.source.kind == Skjema.samtykke and known.valid_to < log.dato <= c.gyldig_til:
            case.refuse(f"samtykker[{i}].gyldig_til", "case_consent_expired", consent=c.samtykke_id,
                        expired=known.valid_to, doc=known.source)


def case_events(log: Stafettlogg, events: list[Hendelse], case: CaseView) -> list[Hendelse]:
    """A holder change only for a handover inside a unit (one between units is the transition form's event,
    so the log's events do not depend on whether the transition form arrived first); a level change when the
    level differs from the last one the log's unit filed."""
    out = list(events)
    if Hendelse.stafettholderbytte in out:
        holders = sorted(log.stafettholdere, key=lambda h: h.fra_dato)
        inside = False
        for pos, h in enumerate(holders):
            if h.til_dato is None:
                continue
            nxt = next((n for n in holders[pos + 1:] if n.akseptert_dato is not None), None)
            if nxt is None or nxt.akseptert_dato is None:
                continue
            if nxt.enhet == h.enhet:
                inside = True
            elif not case.has_transition(nxt.akseptert_dato):
                case.warn("stafettholdere", "handover_without_transition", day=nxt.akseptert_dato)
        if not inside:
            out = [e for e in out if e is not Hendelse.stafettholderbytte] or [Hendelse.periodisk]
    # Compared with the unit's own documents only: a unit files in date order, so this does not depend on when
    # another unit's watcher delivered. A new unit's first log is no level change (its transition form carries
    # the change when the level moves with the child).
    before = case.unit_level(log.enhet, log.dato)
    if before and before != log.niva:
        out = [e for e in out if e is not Hendelse.periodisk]
        out.append(Hendelse.nivaaendring)
    return out


def enkeltvedtak(log: Stafettlogg) -> bool:
    return log.enkeltvedtak


# --- render context ---------------------------------------------------------------------------------


def _holder(holder: Stafettholder, lang: Lang) -> dict[str, object]:
    return {
        **render_person(holder, lang),
        "from": format_date(holder.fra_dato, lang),
        "accepted": optional_date(holder.akseptert_dato, lang),
        "to": optional_date(holder.til_dato, lang),
        "division": prose(holder.ansvarsfordeling),
    }


def _guardian_role(role: str, lang: Lang) -> str:
    """The model's default role is the bokmål word ``foresatt``: show it in the document's language."""
    if role.casefold() in {"foresatt", "føresett"}:
        return label("field.guardian_default_role", lang)
    return role


def _participants(deltakere: Sequence[Deltaker], lang: Lang) -> list[dict[str, object]]:
    order = list(Tjeneste)
    groups: dict[Tjeneste, list[dict[str, str]]] = {}
    for d in sorted(deltakere, key=lambda d: order.index(d.tjeneste)):
        groups.setdefault(d.tjeneste, []).append(
            {
                "name": d.navn,
                "role": d.rolle or "",
                "unit": d.enhet or "",
                "from": optional_date(d.fra_dato, lang),
            }
        )
    return [{"service": enum_label(service, lang), "people": people} for service, people in groups.items()]


def _goal(goal: Mal, number: int, lang: Lang) -> dict[str, object]:
    return {
        "number": str(number),
        "title": label("field.goal_number", lang).format(number=number),
        "text": prose(goal.beskrivelse),
        "deadline": optional_date(goal.frist, lang),
    }


def _period(period: Periode, lang: Lang) -> list[str]:
    """A period as lines: ``["1. januar 2027", "– 1. juni 2027"]``, or ``["Frå 1. januar 2027"]`` if open."""
    start = format_date(period.fra, lang)
    if period.til is None:
        return [label("text.period_open", lang).format(date=start)]
    return [start, label("text.period_end", lang).format(date=format_date(period.til, lang))]


def _measure(measure: Tiltak, number: int, goal_numbers: dict[str, int], lang: Lang) -> dict[str, object]:
    goal = ""
    if measure.delmal is not None:
        goal = label("field.serves_goal", lang).format(number=goal_numbers.get(measure.delmal, measure.delmal))
    return {
        "number": str(number),
        "text": prose(measure.beskrivelse),
        "goal": goal,
        "responsible": measure.ansvarlig,
        "arena": enum_label(measure.arena, lang),
        "period": _period(measure.periode, lang),
        "status": enum_label(measure.status, lang),
        "closed": measure.status is Status.lukket,
        "evaluations": [
            {
                "heading": (
                    label("field.evaluation_by", lang).format(date=format_date(e.dato, lang), by=e.av)
                    if e.av
                    else format_date(e.dato, lang)
                ),
                "text": prose(e.tekst),
            }
            for e in sorted(measure.evalueringer, key=lambda e: e.dato)
        ],
    }


def _meeting(meeting: Mote, lang: Lang) -> dict[str, object]:
    return {
        "heading": label("heading.meeting", lang).format(date=format_date(meeting.dato, lang)),
        "date": format_date(meeting.dato, lang),
        "participants": list(meeting.deltakere),
        "child_present": yes_no(meeting.barnet_deltok, lang),
        "part1": prose(meeting.del1_evaluering),
        "decision": enum_label(meeting.del2_beslutning, lang),
        "decision_text": prose(meeting.beslutning_tekst),
        "next_meeting": optional_date(meeting.neste_mote, lang),
    }


def context(form: Stafettlogg, lang: Lang) -> Data:
    def is_current(h: Stafettholder) -> bool:
        return h.til_dato is None or h.til_dato > form.dato

    holders = sorted(form.stafettholdere, key=lambda h: h.fra_dato)
    goal_numbers = {goal.id: n for n, goal in enumerate(form.delmal, start=1) if goal.id is not None}
    return {
        "subtitle": label("doc.level", lang).format(level=form.niva),
        "level": str(form.niva),
        "enkeltvedtak": form.enkeltvedtak,
        "holders_current": [_holder(h, lang) for h in holders if is_current(h)],
        "holders_former": [_holder(h, lang) for h in holders if not is_current(h)],
        "guardians": [
            {"name": g.navn, "role": _guardian_role(g.rolle, lang), "participates": yes_no(g.deltar, lang)}
            for g in form.foresatte
        ],
        "participants": _participants(form.deltakere, lang),
        "consents": [render_consent(c, form.dato, lang) for c in sorted(form.samtykker, key=lambda c: c.gyldig_fra)],
        "attention": prose(form.oppmerksomhet),
        "shared_understanding": prose(form.felles_forstaelse),
        "main_goal": (
            {"text": prose(form.hovedmal.beskrivelse), "deadline": optional_date(form.hovedmal.frist, lang)}
            if form.hovedmal is not None
            else {}
        ),
        "sub_goals": [_goal(goal, n, lang) for n, goal in enumerate(form.delmal, start=1)],
        "measures": [_measure(t, n, goal_numbers, lang) for n, t in enumerate(form.tiltak, start=1)],
        "meetings": [_meeting(mote, lang) for mote in sorted(form.moter, key=lambda mote: mote.dato)],
    }


KIND = Kind(
    skjema=Skjema.stafettlogg,
    model=Stafettlogg,
    title={"nn": "Stafettlogg", "nb": "Stafettlogg"},
    dokumenttype={"nn": "Stafettlogg", "nb": "Stafettlogg"},
    schema_title={"nn": "Stafettlogg (BTI nivå 1–3)", "nb": "Stafettlogg (BTI nivå 1–3)"},
    schema_description={
        "nn": (
            "Stafettloggen følgjer barnet same kva teneste som gir hjelpa: merksemd, mål, tiltak, møte og "
            "stafetthaldar. Barnet er alltid planeigar."
        ),
        "nb": (
            "Stafettloggen følger barnet uansett hvilken tjeneste som gir hjelpen: oppmerksomhet, mål, tiltak, møter "
            "og stafettholder. Barnet er alltid planeier."
        ),
    },
    rules=rules,
    context=context,
    events=events,
    handovers=handovers,
    facts=facts,
    case_checks=case_checks,
    case_events=case_events,
    is_log=True,
    enkeltvedtak=enkeltvedtak,
)
