"""All BTI rules for one form: the refusal of violence/abuse cases, id numbers, consent, holders, dates and
the soft advice. Pure: the municipality's settings and today's date come in as arguments.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from bti_docs.config import Kommune
from bti_docs.errors import Problem
from bti_docs.forms.models import (
    Form,
    MedBarn,
    Overgangsskjema,
    ReferatUndringssamtale,
    Samtykke,
    Stafettlogg,
    TilbaketrekkingSamtykke,
)
from bti_docs.i18n import Lang, message
from bti_docs.rules import consent, holder
from bti_docs.rules.findings import Finding, age_on, error, warning
from bti_docs.rules.fnr import InvalidNationalId, parse_national_id

CHILD_VIEW_AGE = 7  # Inderøy: from 7 years the child as a main rule takes part in log meetings


def check_form(form: Form, kommune: Kommune, *, today: date, file: str, lang: Lang) -> list[Problem]:
    """Every problem the rules find in ``form``, errors and warnings, with Norwegian messages."""
    return [
        Problem(file=file, path=f.path, code=f.code, message=message(f.code, lang, **f.context),
                severity=f.severity)
        for f in findings_for(form, kommune, today=today)
    ]


def findings_for(form: Form, kommune: Kommune, *, today: date) -> list[Finding]:
    if form.mistanke_vold_overgrep:
        # Not for the BTI path: nothing else matters, and nothing more is said about the case.
        return [error("mistanke_vold_overgrep", "case_violence_abuse")]
    findings = [*_common(form, kommune, today)]
    if isinstance(form, Stafettlogg):
        findings += consent.check_log_consents(form)
        findings += holder.check_holders(form)
        findings += _log_dates_and_advice(form, today)
    elif isinstance(form, Samtykke):
        findings += consent.check_consent_form(form, kommune.samtykkealder)
    elif isinstance(form, TilbaketrekkingSamtykke):
        findings += consent.check_who_consents(
            [form.trukket_av], birth=form.barn.fodselsdato if form.barn else None,
            pregnancy=form.svangerskap is not None, on=form.dato, consent_age=kommune.samtykkealder,
            path="trukket_av",
        )
    elif isinstance(form, Overgangsskjema) and form.akseptert_dato > today:
        findings.append(error("akseptert_dato", "transfer_accepted_in_future", date=form.akseptert_dato.isoformat()))
    if isinstance(form, Stafettlogg | ReferatUndringssamtale | Overgangsskjema):
        findings += _child_view(form)
    return findings


def _common(form: MedBarn, kommune: Kommune, today: date) -> list[Finding]:
    out: list[Finding] = []
    if form.enhet not in kommune.enheter:
        out.append(error("enhet", "unknown_unit", unit=form.enhet, units=", ".join(sorted(kommune.enheter))))
    if form.dato > today:
        out.append(error("dato", "date_in_future", date=form.dato.isoformat()))
    if form.barn is not None:
        if form.barn.fodselsdato > form.dato:
            out.append(error("barn.fodselsdato", "birth_after_document"))
        out += _national_id("barn.fodselsnummer", form.barn.fodselsnummer, form.barn.fodselsdato, form.dato,
                            kommune.testmodus)
    if form.svangerskap is not None:
        gravid = form.svangerskap.gravid
        out += _national_id("svangerskap.gravid.fodselsnummer", gravid.fodselsnummer, gravid.fodselsdato,
                            form.dato, kommune.testmodus)
    return out


def _national_id(path: str, number: str | None, birth: date | None, on: date, test_mode: bool) -> list[Finding]:
    if number is None:
        return []
    try:
        parse_national_id(number, birth_date=birth, on=on, require_synthetic=test_mode)
    except InvalidNationalId as exc:
        return [error(path, f"fnr_{exc.code}")]  # never the number or the birth date in a message
    return []


def _log_dates_and_advice(log: Stafettlogg, today: date) -> list[Finding]:
    out: list[Finding] = []
    for i, meeting in enumerate(log.moter):
        if meeting.dato > today:
            out.append(error(f"moter[{i}].dato", "meeting_in_future", date=meeting.dato.isoformat()))
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


def _child_view(form: Stafettlogg | ReferatUndringssamtale | Overgangsskjema) -> list[Finding]:
    """Advice: from 7 the child's view is obtained; the document says how (or quotes the child)."""
    if form.barn is None or form.barnets_medvirkning:
        return []
    if isinstance(form, ReferatUndringssamtale) and form.barnets_syn:
        return []
    if isinstance(form, Overgangsskjema) and form.barnets_ord:
        return []
    age = age_on(form.barn.fodselsdato, form.dato)
    if age >= CHILD_VIEW_AGE:
        return [warning("barnets_medvirkning", "child_view_missing", age=age)]
    return []
