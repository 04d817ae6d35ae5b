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
    schema_title="Overgangsskjema",
    schema_description=(
        "Overgang mellom enheter, nivåer eller kommuner. Avtroppende stafettholder slipper ikke "
        "stafettpinnen før ny stafettholder har mottatt og akseptert den."
    ),
    rules=rules,
    context=context,
    events=events,
    handovers=handovers,
)
