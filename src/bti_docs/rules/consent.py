"""Consent rules: no log without consent, services covered before they take part, who consents.

Sources: Inderøy (two kinds of consent; renew on expiry, every second year for long cooperation), Sogndal and
Vindafjord (from 15 years the young person consents; new consent before a new participant is invited).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bti_docs.forms.models import (
    Samtykke,
    Samtykkegiver,
    SamtykkeGrunnlag,
    Samtykkerolle,
    Samtykketype,
    Stafettlogg,
    Tjeneste,
)
from bti_docs.rules.findings import Finding, age_on, error, warning

RENEWAL_ADVICE_DAYS = 2 * 365 + 1


def valid_on(consent: SamtykkeGrunnlag, day: date) -> bool:
    return consent.gyldig_fra <= day <= consent.gyldig_til


def covers(consents: Sequence[SamtykkeGrunnlag], service: Tjeneste, day: date) -> bool:
    return any(valid_on(c, day) and service in c.tjenester for c in consents)


def _missing_consent(
    consents: Sequence[SamtykkeGrunnlag], day: date, path: str, missing_code: str, **ctx: object
) -> Finding:
    """The most helpful finding when no consent of a kind is valid on ``day``: expired, not yet, or none."""
    expired = [c for c in consents if c.gyldig_til < day]
    if expired:
        last = max(expired, key=lambda c: c.gyldig_til)
        return error(path, "consent_expired", consent=last.samtykke_id, expired=last.gyldig_til.isoformat())
    future = [c for c in consents if c.gyldig_fra > day]
    if future:
        first = min(future, key=lambda c: c.gyldig_fra)
        return error(path, "consent_not_yet_valid", consent=first.samtykke_id,
                     valid_from=first.gyldig_fra.isoformat())
    return error(path, missing_code, **ctx)


def check_log_consents(log: Stafettlogg) -> list[Finding]:
    """A log rests on a valid consent to establish it; levels 2-3 and every service need cooperation consent."""
    findings: list[Finding] = []
    day = log.dato
    establishing = [c for c in log.samtykker if c.type is Samtykketype.opprette_stafettlogg]
    if not any(valid_on(c, day) for c in establishing):
        findings.append(_missing_consent(establishing, day, "samtykker", "consent_missing_establish",
                                         date=day.isoformat()))
    cooperation = [c for c in log.samtykker if c.type is Samtykketype.samarbeid_tjenester]
    if log.niva >= 2 and not any(valid_on(c, day) for c in cooperation):
        findings.append(_missing_consent(cooperation, day, "niva", "level_needs_cooperation_consent",
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


def renewal_advice(consent: SamtykkeGrunnlag, path: str) -> list[Finding]:
    if (consent.gyldig_til - consent.gyldig_fra).days > RENEWAL_ADVICE_DAYS:
        return [warning(f"{path}.gyldig_til" if path else "gyldig_til", "consent_renewal_advice")]
    return []


def check_who_consents(
    givers: Sequence[Samtykkegiver], *, birth: date | None, pregnancy: bool, on: date, consent_age: int,
    path: str,
) -> list[Finding]:
    """From ``consent_age`` the young person consents; below it a parent or guardian; a pregnancy: the woman."""
    roles = {g.rolle for g in givers}
    if pregnancy:
        if Samtykkerolle.gravid not in roles:
            return [error(path, "consent_by_pregnant")]
        return []
    if birth is None:
        return []
    age = age_on(birth, on)
    if age >= consent_age and Samtykkerolle.ungdom not in roles:
        return [error(path, "consent_by_parents_for_youth", age=age, consent_age=consent_age)]
    if age < consent_age and not roles & {Samtykkerolle.foresatt, Samtykkerolle.verge}:
        return [error(path, "consent_by_child_under_age", age=age, consent_age=consent_age)]
    return []


def check_consent_form(form: Samtykke, consent_age: int) -> list[Finding]:
    findings = check_who_consents(
        form.gitt_av,
        birth=form.barn.fodselsdato if form.barn else None,
        pregnancy=form.svangerskap is not None,
        on=form.dato,
        consent_age=consent_age,
        path="gitt_av",
    )
    findings.extend(renewal_advice(form, ""))
    return findings
