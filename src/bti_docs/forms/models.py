"""The BTI documents as strict models: one model per document kind, Norwegian (bokmål, ASCII) keys.

Every form is one YAML document with ``skjema`` naming its kind. Unknown keys are rejected. The models check
shape and what one field alone can tell; rules that span fields or need the municipality's settings
(consent age, coverage, holders, dates against today) live in ``bti_docs.rules``.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]

# An opaque case key: letters, digits and dashes. It names folders in the archive, so it must never be a
# name or an id number; eleven digits in a row are refused.
CASE_KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{3,39}$"
_ELEVEN_DIGITS = re.compile(r"\d{11}")


def _fail(code: str) -> PydanticCustomError:
    """A validation failure whose type is ``code``; ``bti_docs.i18n`` turns it into Norwegian."""
    return PydanticCustomError(code, code)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Skjema(StrEnum):
    referat_undringssamtale = "referat_undringssamtale"
    samtykke = "samtykke"
    tilbaketrekking_samtykke = "tilbaketrekking_samtykke"
    stafettlogg = "stafettlogg"
    overgangsskjema = "overgangsskjema"
    avslutning = "avslutning"


class Malform(StrEnum):
    nn = "nn"
    nb = "nb"


class Tjeneste(StrEnum):
    """Services that take part in BTI work (consent is given to services, not to named employees)."""

    helsestasjon = "helsestasjon"
    jordmor = "jordmor"
    skolehelsetjeneste = "skolehelsetjeneste"
    barnehage = "barnehage"
    skole = "skole"
    sfo = "sfo"
    ppt = "ppt"
    barnevern = "barnevern"
    bup = "bup"
    nav = "nav"
    innvandrertjenesten = "innvandrertjenesten"
    psykisk_helse = "psykisk_helse"
    fysioterapi = "fysioterapi"
    tannhelse = "tannhelse"
    fastlege = "fastlege"
    familiesenter = "familiesenter"
    videregaende_skole = "videregaende_skole"
    annen = "annen"


class Person(Strict):
    """A member of staff or another adult, named in the document."""

    navn: Name
    rolle: Name | None = None
    tjeneste: Tjeneste | None = None
    enhet: Name | None = None


class Barn(Strict):
    """The child: the plan owner."""

    fornavn: Name
    etternavn: Name
    fodselsdato: date
    fodselsnummer: str | None = Field(default=None, description="11 siffer; syntetisk i testdata")


class Gravid(Strict):
    fornavn: Name
    etternavn: Name
    fodselsdato: date | None = None
    fodselsnummer: str | None = None


class Svangerskap(Strict):
    """A pregnancy: the unborn child has no id number yet."""

    termindato: date
    gravid: Gravid


class Skjemahode(Strict):
    """Fields every document has."""

    sak: str = Field(pattern=CASE_KEY_PATTERN, description="Opaque case key: never a name or an id number")
    enhet: Slug = Field(description="The unit's id in the municipality settings (archive_rules.yaml)")
    dato: date = Field(description="The document date")
    malform: Malform | None = Field(default=None, description="nn or nb; default: the municipality's")
    mistanke_vold_overgrep: bool = Field(
        default=False,
        description="Suspected violence, sexual abuse or serious neglect: the BTI path is not used (Inderøy)",
    )

    @field_validator("sak")
    @classmethod
    def _case_key_is_opaque(cls, v: str) -> str:
        if _ELEVEN_DIGITS.search(v.replace("-", "")):
            raise _fail("case_key_looks_like_id")
        return v


class MedBarn(Skjemahode):
    """A document about a child or a pregnancy: exactly one of the two."""

    barn: Barn | None = None
    svangerskap: Svangerskap | None = None
    barnets_medvirkning: Text | None = Field(
        default=None, description="How the child's view was obtained, and who informs the child"
    )

    @model_validator(mode="after")
    def _child_or_pregnancy(self) -> MedBarn:
        if (self.barn is None) == (self.svangerskap is None):
            raise _fail("child_or_pregnancy")
        return self


# --- 1. Referat frå undringssamtale (level 0) -------------------------------------------------------


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
            raise _fail("summary_required")
        return self


# --- 2. Samtykke ------------------------------------------------------------------------------------


class Samtykketype(StrEnum):
    opprette_stafettlogg = "opprette_stafettlogg"
    samarbeid_tjenester = "samarbeid_tjenester"


class Samtykkerolle(StrEnum):
    foresatt = "foresatt"
    verge = "verge"
    ungdom = "ungdom"
    gravid = "gravid"


class Samtykkegiver(Strict):
    navn: Name
    rolle: Samtykkerolle


class AvgittForm(StrEnum):
    papir_signatur = "papir_signatur"
    digitalt = "digitalt"
    muntlig_med_referat = "muntlig_med_referat"


class SamtykkeGrunnlag(Strict):
    """What a consent says, as the stafettlogg records the consents it rests on."""

    samtykke_id: Slug
    type: Samtykketype
    tjenester: list[Tjeneste] = Field(min_length=1)
    gyldig_fra: date
    gyldig_til: date

    @model_validator(mode="after")
    def _period(self) -> SamtykkeGrunnlag:
        if self.gyldig_til < self.gyldig_fra:
            raise _fail("valid_to_before_valid_from")
        return self


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
            raise _fail("oral_consent_needs_referat")
        if self.avgitt_form is AvgittForm.digitalt and not self.system:
            raise _fail("digital_consent_needs_system")
        return self


# --- 3. Tilbaketrekking av samtykke -----------------------------------------------------------------


class TilbaketrekkingSamtykke(MedBarn):
    skjema: Literal[Skjema.tilbaketrekking_samtykke]
    samtykke_id: Slug
    trukket_av: Samtykkegiver
    krav_om_sletting: bool = Field(
        default=False, description="The family demands deletion: goes to the leader and the system owner"
    )
    merknad: Text | None = Field(default=None, description="Optional; no reason is required")


# --- 4. Stafettlogg ---------------------------------------------------------------------------------


class Stafettholder(Person):
    enhet: Name
    fra_dato: date
    akseptert_dato: date | None = Field(default=None, description="When this holder accepted the baton")
    til_dato: date | None = Field(default=None, description="The day this holder handed the baton on")
    ansvarsfordeling: Text | None = Field(
        default=None, description="Written division of responsibility (required with two holders)"
    )


class Deltaker(Person):
    tjeneste: Tjeneste
    fra_dato: date | None = None


class Foresatt(Strict):
    navn: Name
    rolle: Name = "foresatt"
    deltar: bool = True


class Mal(Strict):
    id: Slug | None = None
    beskrivelse: Text
    frist: date | None = Field(default=None, description="SMART: Tidfesta")


class Arena(StrEnum):
    hjemme = "hjemme"
    enhet = "enhet"
    barnet = "barnet"


class Status(StrEnum):
    apen = "apen"
    lukket = "lukket"


class Periode(Strict):
    fra: date
    til: date | None = None

    @model_validator(mode="after")
    def _order(self) -> Periode:
        if self.til is not None and self.til < self.fra:
            raise _fail("period_end_before_start")
        return self


class Evaluering(Strict):
    dato: date
    tekst: Text
    av: Name | None = None


class Tiltak(Strict):
    beskrivelse: Text
    ansvarlig: Name
    arena: Arena
    periode: Periode
    status: Status = Status.apen
    delmal: Slug | None = Field(default=None, description="The id of the sub-goal it serves")
    evalueringer: list[Evaluering] = Field(default_factory=list)


class Beslutning(StrEnum):
    avslutte = "avslutte"
    fortsette_samme_tiltak = "fortsette_samme_tiltak"
    andre_tiltak_egen_tjeneste = "andre_tiltak_egen_tjeneste"
    behov_eksterne_tjenester = "behov_eksterne_tjenester"


class Mote(Strict):
    dato: date
    deltakere: list[Name] = Field(min_length=1)
    barnet_deltok: bool = False
    del1_evaluering: Text
    del2_beslutning: Beslutning
    beslutning_tekst: Text | None = None
    neste_mote: date | None = None


class Stafettlogg(MedBarn):
    skjema: Literal[Skjema.stafettlogg]
    niva: Literal[1, 2, 3]
    stafettholdere: list[Stafettholder] = Field(min_length=1)
    foresatte: list[Foresatt] = Field(default_factory=list)
    deltakere: list[Deltaker] = Field(default_factory=list)
    oppmerksomhet: Text
    felles_forstaelse: Text | None = None
    hovedmal: Mal | None = None
    delmal: list[Mal] = Field(default_factory=list)
    tiltak: list[Tiltak] = Field(default_factory=list)
    moter: list[Mote] = Field(default_factory=list)
    samtykker: list[SamtykkeGrunnlag] = Field(min_length=1)
    enkeltvedtak: bool = Field(default=False, description="The child has an enkeltvedtak (yearly archiving)")


# --- 5. Overgangsskjema -----------------------------------------------------------------------------


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


# --- 6. Avslutning ----------------------------------------------------------------------------------


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
            raise _fail("other_reason_needs_text")
        if self.arsak is Avslutningsarsak.individuell_plan and self.koordinator is None:
            raise _fail("ip_needs_coordinator")
        return self


Form = Annotated[
    ReferatUndringssamtale
    | Samtykke
    | TilbaketrekkingSamtykke
    | Stafettlogg
    | Overgangsskjema
    | Avslutning,
    Field(discriminator="skjema"),
]

FORM_MODELS: dict[Skjema, type[MedBarn]] = {
    Skjema.referat_undringssamtale: ReferatUndringssamtale,
    Skjema.samtykke: Samtykke,
    Skjema.tilbaketrekking_samtykke: TilbaketrekkingSamtykke,
    Skjema.stafettlogg: Stafettlogg,
    Skjema.overgangsskjema: Overgangsskjema,
    Skjema.avslutning: Avslutning,
}
