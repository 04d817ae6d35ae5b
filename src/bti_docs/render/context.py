"""A validated form → plain template data (str, list, dict) in nynorsk or bokmål.

The data is used for the HTML templates and later for DOCX, so it holds no markup: every value is text
exactly as the form has it, and the templates escape it. Long texts become ``prose``: a list of paragraphs,
each a list of lines. Absent optional values are ``""``, ``[]`` or ``{}``, never ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from bti_docs.errors import RefusedCaseError
from bti_docs.forms import models as m
from bti_docs.render.labels import Lang, enum_label, label, labels_for
from bti_docs.rules.findings import age_on

FormModel = (
    m.ReferatUndringssamtale | m.Samtykke | m.TilbaketrekkingSamtykke | m.Stafettlogg | m.Overgangsskjema | m.Avslutning
)
Prose = list[list[str]]
Data = dict[str, object]

_M = TypeVar("_M", bound=BaseModel)
_LOCAL_TIME = ZoneInfo("Europe/Oslo")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_NATIONAL_ID = re.compile(r"\d{11}")
_HTML_LANG: dict[Lang, str] = {"nn": "nn-NO", "nb": "nb-NO"}


@dataclass(frozen=True)
class DocumentMeta:
    """What the document needs beyond the form: the municipality's settings and the seal."""

    municipality: str
    unit: str
    lang: Lang
    sealed_by: str
    sealed_at: datetime
    pdfa_level: str
    unit_names: Mapping[str, str] = field(default_factory=dict)  # unit id → name, from the settings


# --- formatting -------------------------------------------------------------------------------------


def with_unit_names(model: _M, names: Mapping[str, str], *, root: bool = True) -> _M:
    """``model`` with every nested ``enhet`` that is a known unit id replaced by the unit's name, for display.

    The form's own ``enhet`` (the root's) stays an id: it is the archive's key, shown via ``meta.unit``.
    """
    if not names:
        return model
    update: dict[str, object] = {}
    for field_name in type(model).model_fields:
        value = getattr(model, field_name)
        if field_name == "enhet" and not root and isinstance(value, str) and value in names:
            update[field_name] = names[value]
        elif isinstance(value, BaseModel):
            update[field_name] = with_unit_names(value, names, root=False)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[field_name] = [with_unit_names(v, names, root=False) for v in value]
    return model.model_copy(update=update) if update else model



def format_date(value: date, lang: Lang) -> str:
    """``3. mars 2027``."""
    return f"{value.day}. {label(f'month.{value.month}', lang)} {value.year}"


def format_datetime(value: datetime, lang: Lang) -> str:
    """``3. mars 2027 kl. 14:05``, in Norwegian local time when ``value`` is timezone-aware."""
    local = value.astimezone(_LOCAL_TIME) if value.tzinfo is not None else value
    time = label("doc.time", lang).format(time=local.strftime("%H:%M"))
    return f"{format_date(local.date(), lang)} {time}"


def format_national_id(value: str) -> str:
    """``DDMMYY NNNNN``; anything that is not eleven digits is shown as given."""
    digits = value.replace(" ", "")
    return f"{digits[:6]} {digits[6:]}" if _NATIONAL_ID.fullmatch(digits) else value


def prose(text: str | None) -> Prose:
    """Paragraphs (split at blank lines) of lines (split at single newlines); no markup is added."""
    if not text:
        return []
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = ([line.strip() for line in part.split("\n")] for part in _PARAGRAPH_BREAK.split(normalised))
    return [lines for lines in ([line for line in p if line] for p in paragraphs) if lines]


def _optional_date(value: date | None, lang: Lang) -> str:
    return format_date(value, lang) if value is not None else ""


# --- titles -----------------------------------------------------------------------------------------


def document_title(form: FormModel, lang: Lang) -> str:
    """The document's title: ``Referat frå undringssamtale``, ``Stafettlogg``, …"""
    return label(f"title.{form.skjema.value}", lang)


def metadata_title(form: FormModel, meta: DocumentMeta) -> str:
    """A title safe to show anywhere (PDF metadata, window title): no names, no id numbers."""
    return f"{document_title(form, meta.lang)} – {meta.unit}"


def resolve_lang(form: FormModel, default: Lang) -> Lang:
    """The form's own language when it names one, otherwise the municipality's."""
    return "nn" if form.malform is m.Malform.nn else "nb" if form.malform is m.Malform.nb else default


# --- parts shared by several kinds ------------------------------------------------------------------


def _person(person: m.Person, lang: Lang) -> dict[str, str]:
    service = enum_label(person.tjeneste, lang) if person.tjeneste is not None else ""
    # The unit usually names the service ("Lia barnehage"); the service is shown only without a unit.
    details = [part for part in (person.rolle, person.enhet or service) if part]
    return {
        "name": person.navn,
        "role": person.rolle or "",
        "unit": person.enhet or "",
        "service": service,
        "details": ", ".join(details),
    }


def _subject(form: m.MedBarn, lang: Lang) -> Data:
    rows: list[dict[str, str]] = []

    def row(key: str, value: str) -> None:
        rows.append({"label": label(key, lang), "value": value})

    if form.barn is not None:
        child = form.barn
        row("field.name", f"{child.fornavn} {child.etternavn}")
        row("field.birth_date", format_date(child.fodselsdato, lang))
        row("field.age", label("doc.age", lang).format(years=age_on(child.fodselsdato, form.dato)))
        if child.fodselsnummer:
            row("field.national_id", format_national_id(child.fodselsnummer))
        return {"heading": label("heading.child", lang), "rows": rows}
    assert form.svangerskap is not None  # the model guarantees exactly one of the two
    pregnant = form.svangerskap.gravid
    row("field.pregnant", f"{pregnant.fornavn} {pregnant.etternavn}")
    if pregnant.fodselsdato is not None:
        row("field.birth_date", format_date(pregnant.fodselsdato, lang))
    if pregnant.fodselsnummer:
        row("field.national_id", format_national_id(pregnant.fodselsnummer))
    row("field.due_date", format_date(form.svangerskap.termindato, lang))
    return {"heading": label("heading.pregnancy", lang), "rows": rows}


def _services(services: Sequence[m.Tjeneste], lang: Lang) -> list[str]:
    return [enum_label(service, lang) for service in services]


def _consent_status(consent: m.SamtykkeGrunnlag, on: date, lang: Lang) -> str:
    if consent.gyldig_til < on:
        return label("consent_status.expired", lang)
    if consent.gyldig_fra > on:
        return label("consent_status.future", lang)
    return label("consent_status.valid", lang)


def _consent(consent: m.SamtykkeGrunnlag, on: date, lang: Lang) -> dict[str, object]:
    return {
        "reference": consent.samtykke_id,
        "type": enum_label(consent.type, lang),
        "services": _services(consent.tjenester, lang),
        "valid_from": format_date(consent.gyldig_fra, lang),
        "valid_to": format_date(consent.gyldig_til, lang),
        "status": _consent_status(consent, on, lang),
    }


def _giver(giver: m.Samtykkegiver, lang: Lang) -> dict[str, str]:
    return {"name": giver.navn, "role": enum_label(giver.rolle, lang)}


def _yes_no(value: bool, lang: Lang) -> str:
    return label("doc.yes" if value else "doc.no", lang)


# --- one builder per document kind ------------------------------------------------------------------


def _referat(form: m.ReferatUndringssamtale, lang: Lang) -> Data:
    return {
        "subtitle": label("doc.level", lang).format(level=0),
        "conversations": [
            {
                "type": enum_label(talk.type, lang),
                "date": format_date(talk.dato, lang),
                "participants": [_person(p, lang) for p in talk.deltakere],
            }
            for talk in sorted(form.samtaler, key=lambda talk: talk.dato)
        ],
        "wondering": prose(form.undring),
        "childs_view": prose(form.barnets_syn),
        "guardians_view": prose(form.foresattes_syn),
        "conclusion": enum_label(form.konklusjon, lang),
        "summary": prose(form.oppsummering),
        "next_steps": [prose(step) for step in form.neste_steg],
    }


def _samtykke(form: m.Samtykke, lang: Lang) -> Data:
    return {
        "subtitle": enum_label(form.type, lang),
        "consent": _consent(form, form.dato, lang),
        "givers": [_giver(giver, lang) for giver in form.gitt_av],
        "information": prose(form.opplysninger_som_kan_deles),
        "given_as": enum_label(form.avgitt_form, lang),
        "system": form.system or "",
        "oral_record": prose(form.referat),
    }


def _tilbaketrekking(form: m.TilbaketrekkingSamtykke, lang: Lang) -> Data:
    return {
        "subtitle": "",
        "consent_reference": form.samtykke_id,
        "withdrawn_by": _giver(form.trukket_av, lang),
        "withdrawn_on": format_date(form.dato, lang),
        "deletion": label("text.deletion_demanded" if form.krav_om_sletting else "text.deletion_not_demanded", lang),
        "deletion_demanded": form.krav_om_sletting,
        "remark": prose(form.merknad),
    }


def _holder(holder: m.Stafettholder, lang: Lang) -> dict[str, object]:
    return {
        **_person(holder, lang),
        "from": format_date(holder.fra_dato, lang),
        "accepted": _optional_date(holder.akseptert_dato, lang),
        "to": _optional_date(holder.til_dato, lang),
        "division": prose(holder.ansvarsfordeling),
    }


def _guardian_role(role: str, lang: Lang) -> str:
    """The model's default role is the bokmål word ``foresatt``: show it in the document's language."""
    if role.casefold() in {"foresatt", "føresett"}:
        return label("field.guardian_default_role", lang)
    return role


def _participants(deltakere: Sequence[m.Deltaker], lang: Lang) -> list[dict[str, object]]:
    order = list(m.Tjeneste)
    groups: dict[m.Tjeneste, list[dict[str, str]]] = {}
    for d in sorted(deltakere, key=lambda d: order.index(d.tjeneste)):
        groups.setdefault(d.tjeneste, []).append(
            {
                "name": d.navn,
                "role": d.rolle or "",
                "unit": d.enhet or "",
                "from": _optional_date(d.fra_dato, lang),
            }
        )
    return [{"service": enum_label(service, lang), "people": people} for service, people in groups.items()]


def _goal(goal: m.Mal, number: int, lang: Lang) -> dict[str, object]:
    return {
        "number": str(number),
        "title": label("field.goal_number", lang).format(number=number),
        "text": prose(goal.beskrivelse),
        "deadline": _optional_date(goal.frist, lang),
    }


def _period(period: m.Periode, lang: Lang) -> list[str]:
    """A period as lines: ``["1. januar 2027", "– 1. juni 2027"]``, or ``["Frå 1. januar 2027"]`` if open."""
    start = format_date(period.fra, lang)
    if period.til is None:
        return [label("text.period_open", lang).format(date=start)]
    return [start, label("text.period_end", lang).format(date=format_date(period.til, lang))]


def _measure(measure: m.Tiltak, number: int, goal_numbers: dict[str, int], lang: Lang) -> dict[str, object]:
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
        "closed": measure.status is m.Status.lukket,
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


def _meeting(meeting: m.Mote, lang: Lang) -> dict[str, object]:
    return {
        "heading": label("heading.meeting", lang).format(date=format_date(meeting.dato, lang)),
        "date": format_date(meeting.dato, lang),
        "participants": list(meeting.deltakere),
        "child_present": _yes_no(meeting.barnet_deltok, lang),
        "part1": prose(meeting.del1_evaluering),
        "decision": enum_label(meeting.del2_beslutning, lang),
        "decision_text": prose(meeting.beslutning_tekst),
        "next_meeting": _optional_date(meeting.neste_mote, lang),
    }


def _stafettlogg(form: m.Stafettlogg, lang: Lang) -> Data:
    def is_current(h: m.Stafettholder) -> bool:
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
            {"name": g.navn, "role": _guardian_role(g.rolle, lang), "participates": _yes_no(g.deltar, lang)}
            for g in form.foresatte
        ],
        "participants": _participants(form.deltakere, lang),
        "consents": [_consent(c, form.dato, lang) for c in sorted(form.samtykker, key=lambda c: c.gyldig_fra)],
        "attention": prose(form.oppmerksomhet),
        "shared_understanding": prose(form.felles_forstaelse),
        "main_goal": (
            {"text": prose(form.hovedmal.beskrivelse), "deadline": _optional_date(form.hovedmal.frist, lang)}
            if form.hovedmal is not None
            else {}
        ),
        "sub_goals": [_goal(goal, n, lang) for n, goal in enumerate(form.delmal, start=1)],
        "measures": [_measure(t, n, goal_numbers, lang) for n, t in enumerate(form.tiltak, start=1)],
        "meetings": [_meeting(mote, lang) for mote in sorted(form.moter, key=lambda mote: mote.dato)],
    }


def _placement(placement: m.Plassering, lang: Lang) -> dict[str, str]:
    return {
        "unit": placement.enhet,
        "service": enum_label(placement.tjeneste, lang),
        "level": label("doc.level", lang).format(level=placement.niva),
        "municipality": placement.kommune or "",
    }


def _overgangsskjema(form: m.Overgangsskjema, lang: Lang) -> Data:
    return {
        "subtitle": label("doc.transition", lang).format(source=form.fra.enhet, target=form.til.enhet),
        "from": _placement(form.fra, lang),
        "to": _placement(form.til, lang),
        "childs_words": prose(form.barnets_ord),
        "family_view": prose(form.familiens_syn),
        "interests": prose(form.interesser_og_styrker),
        "goals_carried": [prose(goal) for goal in form.videreforte_mal],
        "measures_carried": [prose(measure) for measure in form.videreforte_tiltak],
        "outgoing_holder": _person(form.avtroppende_stafettholder, lang),
        "new_holder": _person(form.ny_stafettholder, lang),
        "accepted_date": format_date(form.akseptert_dato, lang),
        "access_removed": _optional_date(form.tilgang_fjernes_dato, lang),
        "consent_reference": form.samtykke_id,
    }


def _avslutning(form: m.Avslutning, lang: Lang) -> Data:
    return {
        "subtitle": "",
        "reason": enum_label(form.arsak, lang),
        "reason_text": prose(form.arsak_beskrivelse),
        "assessment": prose(form.vurdering),
        "conclusion": prose(form.konklusjon),
        "coordinator": _person(form.koordinator, lang) if form.koordinator is not None else {},
    }


def _kind_data(form: FormModel, lang: Lang) -> Data:
    match form:
        case m.ReferatUndringssamtale():
            return _referat(form, lang)
        case m.Samtykke():
            return _samtykke(form, lang)
        case m.TilbaketrekkingSamtykke():
            return _tilbaketrekking(form, lang)
        case m.Stafettlogg():
            return _stafettlogg(form, lang)
        case m.Overgangsskjema():
            return _overgangsskjema(form, lang)
        case m.Avslutning():
            return _avslutning(form, lang)


# --- the whole context ------------------------------------------------------------------------------


def build_context(form: FormModel, meta: DocumentMeta) -> Data:
    """Everything a template needs, as plain data in ``meta.lang``.

    ``meta.lang`` is the language the caller resolved (``resolve_lang``, or an explicit choice); it wins
    over the form's ``malform``. Raises ``RefusedCaseError`` for a form marked with suspected violence or
    sexual abuse: no BTI document is made for it.
    """
    lang = meta.lang
    if form.mistanke_vold_overgrep:
        raise RefusedCaseError(label("text.refused_case", lang))
    form = with_unit_names(form, meta.unit_names)
    common: Data = {
        "kind": form.skjema.value,
        "lang": lang,
        "html_lang": _HTML_LANG[lang],
        "t": labels_for(lang),
        "title": document_title(form, lang),
        "metadata_title": metadata_title(form, meta),
        "municipality": meta.municipality,
        "unit": meta.unit,
        "document_date": format_date(form.dato, lang),
        "reference": form.sak,
        "subject": _subject(form, lang),
        "child_participation": prose(form.barnets_medvirkning),
        "seal": {
            "text": label("doc.seal", lang).format(by=meta.sealed_by, when=format_datetime(meta.sealed_at, lang)),
            "note": label("doc.seal_note", lang),
        },
    }
    specific = _kind_data(form, lang)
    clash = common.keys() & specific.keys()
    if clash:
        raise ValueError(f"context keys defined twice: {sorted(clash)}")
    return common | specific
