"""Avslutning av stafettlogg: the closing note with assessment and conclusion.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from bti_docs.config import Kommune
from bti_docs.config.arkivering import Hendelse
from bti_docs.fields import Skjema, Text, fail
from bti_docs.i18n import Lang
from bti_docs.kinds.case import Saksfakta, events_as_planned, no_case_checks, no_enkeltvedtak
from bti_docs.kinds.shared import Data, Finding, Kind, MedBarn, Person, no_handovers, own_event, render_person
from bti_docs.text.format import prose
from bti_docs.text.labels import enum_label


class Avslutningsarsak(StrEnum):
    mal_nadd = "mal_nadd"
    samtykke_trukket = "samtykke_trukket"
    individuell_plan = "individuell_plan"
    flyttet = "flyttet"
    annet = "annet"


class Avslutning(MedBarn):
    skjema: Literal[Skjema.avslutning]
    arsak: Avslutningsarsak
    arsak_beskrivelse: Text | None = None
    vurdering: Text
    konklusjon: Text
    koordinator: Person | None = Field(default=None, description="Required when moving to individuell plan")

    @model_validator(mode="after")
    def _reason_details(self) -> Avslutning:
        if self.arsak is Avslutningsarsak.annet and not self.arsak_beskrivelse:
            raise fail("other_reason_needs_text")
        if self.arsak is Avslutningsarsak.individuell_plan and self.koordinator is None:
            raise fail("ip_needs_coordinator")
        return self


# --- rules ------------------------------------------------------------------------------------------------


def rules(form: Avslutning, kommune: Kommune, today: date) -> list[Finding]:
    return []  # the model checks the reason's details; the common rules do the rest


def facts(form: Avslutning) -> Saksfakta:
    return Saksfakta(avslutningsarsak=form.arsak.value)


# --- render context ---------------------------------------------------------------------------------------


def context(form: Avslutning, lang: Lang) -> Data:
    return {
        "subtitle": "",
        "reason": enum_label(form.arsak, lang),
        "reason_text": prose(form.arsak_beskrivelse),
        "assessment": prose(form.vurdering),
        "conclusion": prose(form.konklusjon),
        "coordinator": render_person(form.koordinator, lang) if form.koordinator is not None else {},
    }


KIND = Kind(
    skjema=Skjema.avslutning,
    model=Avslutning,
    title={"nn": "Avslutting av stafettlogg", "nb": "Avslutning av stafettlogg"},
    dokumenttype={"nn": "Avslutting av stafettlogg", "nb": "Avslutning av stafettlogg"},
    schema_title={"nn": "Avslutting av stafettlogg", "nb": "Avslutning av stafettlogg"},
    schema_description={
        "nn": (
            "Notat med vurdering og konklusjon når samordna innsats ikkje lenger trengst, samtykket er trekt, eller "
            "koordineringa går over til individuell plan."
        ),
        "nb": (
            "Notat med vurdering og konklusjon når samordnet innsats ikke lenger trengs, samtykket er trukket, eller "
            "koordineringen går over til individuell plan."
        ),
    },
    rules=rules,
    context=context,
    events=own_event(Hendelse.avslutning),
    handovers=no_handovers,
    facts=facts,
    case_checks=no_case_checks,
    case_events=events_as_planned,
    is_log=False,
    enkeltvedtak=no_enkeltvedtak,
)
