"""Overgangsskjema: a transition between units, levels or municipalities. The outgoing holder keeps the baton
until the new holder has accepted it, so a transition is always also a change of holder.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from bti_docs.config import Kommune
from bti_docs.config.arkivering import Hendelse
from bti_docs.fields import Name, Skjema, Slug, Strict, Text, Tjeneste
from bti_docs.i18n import Lang
from bti_docs.kinds.case import (
    CaseView,
    HaldarFakta,
    Saksfakta,
    no_enkeltvedtak,
    refuse_if_closed,
    refuse_if_withdrawn,
)
from bti_docs.kinds.shared import (
    Data,
    Finding,
    Kind,
    MedBarn,
    Person,
    child_view,
    error,
    render_person,
)
from bti_docs.text.format import format_date, optional_date, prose
from bti_docs.text.labels import enum_label, label


class Plassering(Strict):
    enhet: Name
    tjeneste: Tjeneste
    niva: Literal[0, 1, 2, 3]
    kommune: Name | None = None


class Overgangsskjema(MedBarn):
    skjema: Literal[Skjema.overgangsskjema]
    fra: Plassering
    til: Plassering
    barnets_ord: Text | None = None
    familiens_syn: Text
    videreforte_mal: list[Text] = Field(default_factory=list)
    videreforte_tiltak: list[Text] = Field(default_factory=list)
    interesser_og_styrker: Text
    avtroppende_stafettholder: Person
    ny_stafettholder: Person
    akseptert_dato: date = Field(description="The day the new holder accepted the baton")
    tilgang_fjernes_dato: date | None = Field(
        default=None, description="When the outgoing staff's access to the log ends"
    )
    samtykke_id: Slug = Field(description="The consent that covers the transfer")


# --- rules ------------------------------------------------------------------------------------------------


def rules(form: Overgangsskjema, kommune: Kommune, today: date) -> list[Finding]:
    findings: list[Finding] = []
    if form.akseptert_dato > today:
        findings.append(error("akseptert_dato", "transfer_accepted_in_future", date=form.akseptert_dato.isoformat()))
    if _same_place(form.fra, form.til):
        findings.append(error("til", "transition_same_from_to"))
    if form.tilgang_fjernes_dato is not None and form.tilgang_fjernes_dato < form.akseptert_dato:
        findings.append(error("tilgang_fjernes_dato", "access_removed_before_acceptance",
                              removed=form.tilgang_fjernes_dato.isoformat(),
                              accepted=form.akseptert_dato.isoformat()))
    return findings + child_view(form, form.barnets_ord)


def _same_place(a: Plassering, b: Plassering) -> bool:
    """Same unit, service, level and municipality (names compared without case or extra spaces)."""

    def norm(text: str | None) -> str:
        return " ".join((text or "").split()).casefold()

    return (norm(a.enhet), a.tjeneste, a.niva, norm(a.kommune)) == (norm(b.enhet), b.tjeneste, b.niva,
                                                                     norm(b.kommune))


def events(form: Overgangsskjema, recorded_handovers: frozenset[str], override: Hendelse | None) -> list[Hendelse]:
    return [Hendelse.overgang, Hendelse.stafettholderbytte]


def handovers(form: Overgangsskjema) -> list[str]:
    """The handover this transition records: the day the new holder accepted the baton."""
    return [form.akseptert_dato.isoformat()]


# --- the case ---------------------------------------------------------------------------------------------


def facts(form: Overgangsskjema) -> Saksfakta:
    """The levels and units on both sides, the consent of the transfer, and the new holder (never the name)."""
    new, old = form.ny_stafettholder, form.avtroppende_stafettholder
    return Saksfakta(
        niva=form.til.niva, fra_niva=form.fra.niva, samtykke_id=form.samtykke_id,
        fra_enhet=form.fra.enhet, til_enhet=form.til.enhet, til_tjeneste=form.til.tjeneste.value,
        haldarbyte=(new.navn, new.enhet) != (old.navn, old.enhet),
        haldarar=[HaldarFakta(rolle=new.rolle, enhet=new.enhet or form.til.enhet,
                              tjeneste=(new.tjeneste or form.til.tjeneste).value,
                              fra_dato=form.akseptert_dato, akseptert_dato=form.akseptert_dato)],
    )


def case_checks(form: Overgangsskjema, case: CaseView) -> None:
    """Refused: a transition after the log was ended; whose consent is unknown in the case, withdrawn, not
    valid on its date, or not covering the receiving service (and the receiving unit's own service, where the
    unit is in the settings)."""
    refuse_if_closed(case, form.dato)
    known = case.consent(form.samtykke_id)
    if known is None:
        if not case.legacy:
            case.refuse("samtykke_id", "case_consent_unknown", consent=form.samtykke_id)
        return
    if refuse_if_withdrawn(case, "samtykke_id", known, form.dato):
        return
    if known.valid_to < form.dato:
        case.refuse("samtykke_id", "case_consent_expired", consent=known.id, expired=known.valid_to,
                    doc=known.source)
    elif known.valid_from > form.dato:
        case.refuse("samtykke_id", "case_consent_not_yet", consent=known.id, valid_from=known.valid_from,
                    doc=known.source)
    services = [("til.tjeneste", form.til.tjeneste.value)]
    own = case.unit_service(form.til.enhet)
    if own is not None:
        services.append(("til.enhet", own))
    for path, service in dict.fromkeys(services):
        if service not in known.services:
            case.refuse(path, "case_consent_not_covering", consent=known.id, service=service, doc=known.source)


def case_events(form: Overgangsskjema, events: list[Hendelse], case: CaseView) -> list[Hendelse]:
    """The transition (a move between units, or nothing else changes), a level change as its own event, and a
    holder change only when the holder changes."""
    new, old = form.ny_stafettholder, form.avtroppende_stafettholder
    unit_change = (form.fra.enhet, form.fra.kommune) != (form.til.enhet, form.til.kommune)
    holder_change = (new.navn, new.enhet) != (old.navn, old.enhet)
    level_change = form.fra.niva != form.til.niva
    out = [Hendelse.overgang] if unit_change or not (holder_change or level_change) else []
    if level_change and not unit_change:
        out.append(Hendelse.nivaaendring)
    if holder_change:
        out.append(Hendelse.stafettholderbytte)
    if level_change and unit_change:
        out.append(Hendelse.nivaaendring)
    return out


# --- render context ---------------------------------------------------------------------------------------


def _placement(placement: Plassering, lang: Lang) -> dict[str, str]:
    return {
        "unit": placement.enhet,
        "service": enum_label(placement.tjeneste, lang),
        "level": label("doc.level", lang).format(level=placement.niva),
        "municipality": placement.kommune or "",
    }


def context(form: Overgangsskjema, lang: Lang) -> Data:
    return {
        "subtitle": label("doc.transition", lang).format(source=form.fra.enhet, target=form.til.enhet),
        "from": _placement(form.fra, lang),
        "to": _placement(form.til, lang),
        "childs_words": prose(form.barnets_ord),
        "family_view": prose(form.familiens_syn),
        "interests": prose(form.interesser_og_styrker),
        "goals_carried": [prose(goal) for goal in form.videreforte_mal],
        "measures_carried": [prose(measure) for measure in form.videreforte_tiltak],
        "outgoing_holder": render_person(form.avtroppende_stafettholder, lang),
        "new_holder": render_person(form.ny_stafettholder, lang),
        "accepted_date": format_date(form.akseptert_dato, lang),
        "access_removed": optional_date(form.tilgang_fjernes_dato, lang),
        "consent_reference": form.samtykke_id,
    }


KIND = Kind(
    skjema=Skjema.overgangsskjema,
    model=Overgangsskjema,
    title={"nn": "Overgangsskjema", "nb": "Overgangsskjema"},
    dokumenttype={"nn": "Overgangsskjema", "nb": "Overgangsskjema"},
    schema_title={"nn": "Overgangsskjema", "nb": "Overgangsskjema"},
    schema_description={
        "nn": (
            "Overgang mellom einingar, nivå eller kommunar. Avtroppande stafetthaldar slepper ikkje stafettpinnen før "
            "ny stafetthaldar har teke imot og akseptert han."
        ),
        "nb": (
            "Overgang mellom enheter, nivåer eller kommuner. Avtroppende stafettholder slipper ikke stafettpinnen før "
            "ny stafettholder har mottatt og akseptert den."
        ),
    },
    rules=rules,
    context=context,
    events=events,
    handovers=handovers,
    facts=facts,
    case_checks=case_checks,
    case_events=case_events,
    is_log=False,
    enkeltvedtak=no_enkeltvedtak,
)
