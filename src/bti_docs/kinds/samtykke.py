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
from bti_docs.kinds.case import Saksfakta, events_as_planned, no_case_checks, no_enkeltvedtak
from bti_docs.kinds.shared import (
    Data,
    Finding,
    Kind,
    MedBarn,
    Samtykkegiver,
    SamtykkeGrunnlag,
    Samtykketype,
    check_who_consents,
    consent_facts,
    error,
    no_handovers,
    own_event,
    render_consent,
    render_giver,
    renewal_advice,
)
from bti_docs.text.format import optional_date, prose
from bti_docs.text.labels import enum_label, label


class AvgittForm(StrEnum):
    papir_signatur = "papir_signatur"
    digitalt = "digitalt"
    muntlig_med_referat = "muntlig_med_referat"


class Signering(StrEnum):
    """How one giver signed a written consent."""

    papir = "papir"
    digitalt = "digitalt"


class Underskriver(Samtykkegiver):
    """A giver of a consent, with the evidence of their signature (a written consent)."""

    signert: Signering | None = Field(
        default=None, description="How this giver signed; empty: as the consent's avgitt_form says"
    )
    signert_dato: date | None = Field(default=None, description="The day this giver signed")
    referanse: Name | None = Field(
        default=None, description="The digital system's reference to this giver's signature"
    )


class Samtykke(MedBarn, SamtykkeGrunnlag):
    skjema: Literal[Skjema.samtykke]
    gitt_av: list[Underskriver] = Field(min_length=1)
    opplysninger_som_kan_deles: Text
    avgitt_form: AvgittForm
    system: Name | None = Field(default=None, description="The system a digital consent was given in")
    referat: Text | None = Field(default=None, description="Referat of an oral consent")
    original_oppbevart: Text | None = Field(
        default=None, description="Where the signed paper original is kept (required when signed on paper)"
    )

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
    if (form.type is Samtykketype.opprette_stafettlogg and form.avgitt_form is AvgittForm.muntlig_med_referat
            and not kommune.muntlig_samtykke_til_oppretting):
        findings.append(error("avgitt_form", "establishing_consent_not_written"))
    findings.extend(check_evidence(form, today))
    findings.extend(renewal_advice(form, ""))
    return findings


def signed_how(form: Samtykke, giver: Underskriver) -> Signering | None:
    """How ``giver`` signed: their own ``signert``, else as the consent was given; None for an oral consent."""
    if giver.signert is not None:
        return giver.signert
    return {AvgittForm.papir_signatur: Signering.papir, AvgittForm.digitalt: Signering.digitalt}.get(
        form.avgitt_form
    )


def check_evidence(form: Samtykke, today: date) -> list[Finding]:
    """Per giver of a written consent: the day signed and how (a digital signature with the system's
    reference); where a paper original is kept. An oral consent has no signatures."""
    findings: list[Finding] = []
    oral = form.avgitt_form is AvgittForm.muntlig_med_referat
    for i, giver in enumerate(form.gitt_av):
        path = f"gitt_av[{i}]"
        if oral:
            if giver.signert is not None or giver.signert_dato is not None:
                findings.append(error(f"{path}.signert", "consent_oral_but_signed", field=f"{path}.signert"))
            continue
        if giver.signert_dato is None:
            findings.append(error(f"{path}.signert_dato", "consent_signed_date_missing",
                                  field=f"{path}.signert_dato"))
        elif giver.signert_dato > today:
            findings.append(error(f"{path}.signert_dato", "consent_signed_in_future",
                                  field=f"{path}.signert_dato", date=giver.signert_dato.isoformat()))
        elif giver.signert_dato > form.gyldig_fra:
            findings.append(error(f"{path}.signert_dato", "consent_signed_after_valid_from",
                                  field=f"{path}.signert_dato", date=giver.signert_dato.isoformat(),
                                  valid_from=form.gyldig_fra.isoformat()))
        if signed_how(form, giver) is Signering.digitalt:
            if not giver.referanse:
                findings.append(error(f"{path}.referanse", "consent_digital_reference_missing",
                                      field=f"{path}.referanse"))
            if not form.system:
                findings.append(error("system", "consent_digital_system_missing", field=f"{path}.signert"))
    if any(signed_how(form, g) is Signering.papir for g in form.gitt_av) and not form.original_oppbevart:
        findings.append(error("original_oppbevart", "consent_original_location_missing"))
    return findings


def facts(form: Samtykke) -> Saksfakta:
    """The consent it gives."""
    return Saksfakta(samtykke=consent_facts(form))


# --- render context ---------------------------------------------------------------------------------------


def _signed(form: Samtykke, giver: Underskriver, lang: Lang) -> str:
    """What the form says about one giver's signature, in words: never more, never less."""
    how = signed_how(form, giver)
    when = optional_date(giver.signert_dato, lang)
    if how is None:
        return label("text.signed_oral", lang)
    if how is Signering.digitalt:
        return label("text.signed_digital", lang).format(how=enum_label(how, lang), system=form.system or "",
                                                          date=when, reference=giver.referanse or "")
    return label("text.signed_on", lang).format(how=enum_label(how, lang), date=when)


def _seal_note(form: Samtykke, lang: Lang) -> str:
    """The note under the seal: a consent signed on paper says where the signed original is kept."""
    hows = {signed_how(form, giver) for giver in form.gitt_av}
    if Signering.papir in hows:
        return label("doc.seal_note_paper_consent", lang).format(where=form.original_oppbevart or "")
    if Signering.digitalt in hows:
        return label("doc.seal_note_digital_consent", lang).format(system=form.system or "")
    return label("doc.seal_note_oral_consent", lang)


def context(form: Samtykke, lang: Lang) -> Data:
    return {
        "subtitle": enum_label(form.type, lang),
        "consent": render_consent(form, form.dato, lang),
        "givers": [render_giver(giver, lang) | {"signed": _signed(form, giver, lang)} for giver in form.gitt_av],
        "information": prose(form.opplysninger_som_kan_deles),
        "given_as": enum_label(form.avgitt_form, lang),
        "system": form.system or "",
        "oral_record": prose(form.referat),
        "original_kept": form.original_oppbevart or "",
        "consent_seal_note": _seal_note(form, lang),
    }


KIND = Kind(
    skjema=Skjema.samtykke,
    model=Samtykke,
    title={"nn": "Samtykke", "nb": "Samtykke"},
    dokumenttype={"nn": "Samtykke", "nb": "Samtykke"},
    schema_title={"nn": "Samtykke", "nb": "Samtykke"},
    schema_description={
        "nn": (
            "Samtykke til å opprette stafettlogg, eller til samarbeid med andre tenester. Samtykke blir gitt til "
            "tenester, ikkje til namngitte tilsette. Frå 15 år samtykkjer ungdommen sjølv."
        ),
        "nb": (
            "Samtykke til å opprette stafettlogg, eller til samarbeid med andre tjenester. Samtykke gis til tjenester,"
            " ikke til navngitte ansatte. Fra 15 år samtykker ungdommen selv."
        ),
    },
    rules=rules,
    context=context,
    events=own_event(Hendelse.nytt_samtykke),
    handovers=no_handovers,
    facts=facts,
    case_checks=no_case_checks,
    case_events=events_as_planned,
    is_log=False,
    enkeltvedtak=no_enkeltvedtak,
)
