"""Stafettholder rules: always a holder; two only with a written division; the baton is never dropped.

"Stafetthaldar beheld stafettpinnen til den er motteken og akseptert av ein ny stafetthaldar" (Vindafjord):
an outgoing holder's ``til_dato`` may not come before the next holder's ``akseptert_dato``.
"""

from __future__ import annotations

from datetime import date

from bti_docs.forms.models import Stafettholder, Stafettlogg
from bti_docs.rules.findings import Finding, error


def start_of(holder: Stafettholder) -> date:
    """The day a holder holds the baton: when accepted, or from ``fra_dato`` for the first holder."""
    return holder.akseptert_dato or holder.fra_dato


def active_on(holder: Stafettholder, day: date) -> bool:
    """Holds the baton on ``day``. ``til_dato`` is the handover day, on which the new holder has it."""
    return start_of(holder) <= day and (holder.til_dato is None or holder.til_dato > day)


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
