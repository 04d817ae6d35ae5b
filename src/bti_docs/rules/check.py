"""The rule runner: every BTI rule for one form. The refusal of violence/abuse cases and the rules common to
every kind (unit, dates, id numbers) are here; each kind's own rules (consent, holders, dates, advice) are in
its module in ``bti_docs.kinds``, looked up in the registry. Pure: the municipality's settings and today's date
come in as arguments.
"""

from __future__ import annotations

from datetime import date

from bti_docs.config import Kommune
from bti_docs.errors import Problem
from bti_docs.i18n import Lang, message
from bti_docs.kinds import Form, MedBarn, kind_of
from bti_docs.kinds.shared import Finding, error
from bti_docs.rules.concern import concern_findings
from bti_docs.rules.fnr import InvalidNationalId, parse_national_id


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
    return [*_common(form, kommune, today), *kind_of(form).rules(form, kommune, today),
            *concern_findings(form, kommune.bekymringsord)]


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
