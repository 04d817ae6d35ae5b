"""The field types every model shares: the strict base model, texts, names, slugs, the opaque case key, and
the enums the settings use too (the kinds' names, målform, services). Norwegian (bokmål, ASCII) keys.

The document kinds' own models live in ``bti_docs.kinds``.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]

# An opaque case key: letters, digits and dashes. It names folders in the archive, so it must never be a
# name or an id number; eleven digits in a row are refused.
CASE_KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{3,39}$"
_ELEVEN_DIGITS = re.compile(r"\d{11}")


def fail(code: str) -> PydanticCustomError:
    """A validation failure whose type is ``code``; ``bti_docs.i18n`` turns it into Norwegian."""
    return PydanticCustomError(code, code)


# The field(s) a check over several fields of one model (a ``model_validator`` raising ``fail(code)``) points at,
# relative to the model it checks: the one map from such a code to the field a reader should fix. The form
# loader gives such problems this path, so the CLI, the watcher's reports and the web app name the same field.
# Where two fields are named, the first the form has is given (the message names both).
MODEL_CHECK_FIELDS: dict[str, tuple[str, ...]] = {
    "child_or_pregnancy": ("barn", "svangerskap"),
    "summary_required": ("oppsummering",),
    "oral_consent_needs_referat": ("referat",),
    "digital_consent_needs_system": ("system",),
    "other_reason_needs_text": ("arsak_beskrivelse",),
    "ip_needs_coordinator": ("koordinator",),
    "valid_to_before_valid_from": ("gyldig_til", "gyldig_fra"),
    "period_end_before_start": ("til", "fra"),
}


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
