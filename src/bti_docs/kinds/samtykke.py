"""Samtykke: consent to open a stafettlogg, or to cooperation between services.

Consent is given to services, not to named employees; from the municipality's consent age (15 by default)
the young person consents.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from bti_docs.config import Kommune
from bti_docs.config.arkivering import Hendelse
from bti_docs.fields import Name, Skjema, Text, fail
from bti_docs.i18n import Lang
from bti_docs.kinds.shared import (
    Data,
    Finding,
    Kind,
    MedBarn,
    Samtykkegiver,
    SamtykkeGrunnlag,
    check_who_consents,
    no_handovers,
    own_event,
    render_consent,
    render_giver,
    renewal_advice,
)
from bti_docs.text.format import prose
from bti_docs.text.labels import enum_label


class AvgittForm(StrEnum):
    papir_signatur = "papir_signatur"
    digitalt = "digitalt"
    muntlig_med_referat = "muntlig_med_referat"


class Samtykke(MedBarn, SamtykkeGrunnlag):
    skjema: Literal[Skjema.samtykke]
    gitt_av: list[Samtykkegiver] = Field(min_length=1)
    opplysninger_som_kan_deles: Text
    avgitt_form: AvgittForm
    system: Name | None = Field(default=None, description="The system a digital consent was given in")
    referat: Text | None = Field(default=None, description="Referat of an oral consent")

    @model_validator(mode="after")
    def _how_given(self) -> Samtykke:
        if self.avgitt_form is AvgittForm.muntlig_med_referat and not self.referat:
            raise fail("oral_consent_needs_referat")
        if self.avgitt_form is AvgittForm.digitalt and not self.system:
            raise fail("digital_consent_needs_system")
        return self


# --- rules ------------------------------------------------------------------------------------------------


def rules(form: Samtykke, kommune: Kommune, today: date) -> list[Finding]:
    findings = check_who_consents(
        form.gitt_av,
        birth=form.barn.fodselsdato if form.barn else None,
        pregnancy=form.svangerskap is not None,
        on=form.dato,
        consent_age=kommune.samtykkealder,
        path="gitt_av",
    )
    findings.extend(renewal_advice(form, ""))
    return findings


# --- render context ---------------------------------------------------------------------------------------


def context(form: Samtykke, lang: Lang) -> Data:
    return {
        "subtitle": enum_label(form.type, lang),
        "consent": render_consent(form, form.dato, lang),
        "givers": [render_giver(giver, lang) for giver in form.gitt_av],
        "information": prose(form.opplysninger_som_kan_deles),
        "given_as": enum_label(form.avgitt_form, lang),
        "system": form.system or "",
        "oral_record": prose(form.referat),
    }


KIND = Kind(
    skjema=Skjema.samtykke,
    model=Samtykke,
    title={"nn": "Samtykke", "nb": "Samtykke"},
    dokumenttype={"nn": "Samtykke", "nb": "Samtykke"},
    schema_title="Samtykke",
    schema_description=(
        "Samtykke til å opprette stafettlogg, eller til samarbeid med andre tjenester. Samtykke gis til "
        "tjenester, ikke til navngitte ansatte. Fra 15 år samtykker ungdommen selv."
    ),
    rules=rules,
    context=context,
    events=own_event(Hendelse.nytt_samtykke),
    handovers=no_handovers,
)
