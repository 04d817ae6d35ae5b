"""Referat frå undringssamtale (BTI level 0): conversations with the child and the guardians, and the conclusion.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from bti_docs.config import Kommune
from bti_docs.config.arkivering import Hendelse
from bti_docs.fields import Skjema, Strict, Text, fail
from bti_docs.i18n import Lang
from bti_docs.kinds.case import Saksfakta, events_as_planned, no_case_checks, no_enkeltvedtak
from bti_docs.kinds.shared import (
    Data,
    Finding,
    Kind,
    MedBarn,
    Person,
    child_view,
    no_handovers,
    own_event,
    render_person,
)
from bti_docs.text.format import format_date, prose
from bti_docs.text.labels import enum_label, label


class Samtaletype(StrEnum):
    med_barnet = "med_barnet"
    med_foresatte = "med_foresatte"
    felles = "felles"


class Samtale(Strict):
    type: Samtaletype
    dato: date
    deltakere: list[Person] = Field(min_length=1)


class Konklusjon(StrEnum):
    ingen_videre_oppfolging = "ingen_videre_oppfolging"
    niva1_stafettlogg = "niva1_stafettlogg"
    ressursteam = "ressursteam"
    melding_barnevern = "melding_barnevern"


class ReferatUndringssamtale(MedBarn):
    skjema: Literal[Skjema.referat_undringssamtale]
    samtaler: list[Samtale] = Field(min_length=1)
    undring: Text
    barnets_syn: Text | None = None
    foresattes_syn: Text | None = None
    konklusjon: Konklusjon
    oppsummering: Text | None = Field(default=None, description="Summary note; required when closing")
    neste_steg: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _summary_when_closing(self) -> ReferatUndringssamtale:
        if self.konklusjon is Konklusjon.ingen_videre_oppfolging and not self.oppsummering:
            raise fail("summary_required")
        return self


# --- rules ------------------------------------------------------------------------------------------------


def rules(form: ReferatUndringssamtale, kommune: Kommune, today: date) -> list[Finding]:
    return child_view(form, form.barnets_syn)


def facts(form: ReferatUndringssamtale) -> Saksfakta:
    return Saksfakta(konklusjon=form.konklusjon.value)


# --- render context ---------------------------------------------------------------------------------------


def context(form: ReferatUndringssamtale, lang: Lang) -> Data:
    return {
        "subtitle": label("doc.level", lang).format(level=0),
        "conversations": [
            {
                "type": enum_label(talk.type, lang),
                "date": format_date(talk.dato, lang),
                "participants": [render_person(p, lang) for p in talk.deltakere],
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


KIND = Kind(
    skjema=Skjema.referat_undringssamtale,
    model=ReferatUndringssamtale,
    title={"nn": "Referat frå undringssamtale", "nb": "Referat fra undringssamtale"},
    dokumenttype={"nn": "Referat frå undringssamtale", "nb": "Referat fra undringssamtale"},
    schema_title={"nn": "Referat frå undringssamtale (BTI nivå 0)", "nb": "Referat fra undringssamtale (BTI nivå 0)"},
    schema_description={
        "nn": (
            "Referat frå undringssamtalar med barnet og dei føresette (kvar for seg), med konklusjon om vidare "
            "oppfølging. Ved mistanke om vald eller overgrep blir ikkje BTI brukt: meld til barnevernet straks."
        ),
        "nb": (
            "Referat fra undringssamtaler med barnet og de foresatte (hver for seg), med konklusjon om videre "
            "oppfølging. Ved mistanke om vold eller overgrep brukes ikke BTI: meld til barnevernet straks."
        ),
    },
    rules=rules,
    context=context,
    events=own_event(Hendelse.undringssamtale),
    handovers=no_handovers,
    facts=facts,
    case_checks=no_case_checks,
    case_events=events_as_planned,
    is_log=False,
    enkeltvedtak=no_enkeltvedtak,
)
