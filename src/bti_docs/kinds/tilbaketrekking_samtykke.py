"""Tilbaketrekking av samtykke: a consent withdrawn (no reason required); the log is closed.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from bti_docs.config import Kommune
from bti_docs.config.arkivering import Hendelse
from bti_docs.fields import Skjema, Slug, Text
from bti_docs.i18n import Lang
from bti_docs.kinds.case import Saksfakta, events_as_planned, no_case_checks, no_enkeltvedtak
from bti_docs.kinds.shared import (
    Data,
    Finding,
    Kind,
    MedBarn,
    Samtykkegiver,
    check_who_consents,
    no_handovers,
    own_event,
    render_giver,
)
from bti_docs.text.format import format_date, prose
from bti_docs.text.labels import label


class TilbaketrekkingSamtykke(MedBarn):
    skjema: Literal[Skjema.tilbaketrekking_samtykke]
    samtykke_id: Slug
    trukket_av: Samtykkegiver
    krav_om_sletting: bool = Field(
        default=False, description="The family demands deletion: goes to the leader and the system owner"
    )
    merknad: Text | None = Field(default=None, description="Optional; no reason is required")


# --- rules ------------------------------------------------------------------------------------------------


def rules(form: TilbaketrekkingSamtykke, kommune: Kommune, today: date) -> list[Finding]:
    return check_who_consents(
        [form.trukket_av], birth=form.barn.fodselsdato if form.barn else None,
        pregnancy=form.svangerskap is not None, on=form.dato, consent_age=kommune.samtykkealder,
        path="trukket_av",
    )


def facts(form: TilbaketrekkingSamtykke) -> Saksfakta:
    """The consent withdrawn."""
    return Saksfakta(trekt_samtykke=form.samtykke_id)


# --- render context ---------------------------------------------------------------------------------------


def context(form: TilbaketrekkingSamtykke, lang: Lang) -> Data:
    return {
        "subtitle": "",
        "consent_reference": form.samtykke_id,
        "withdrawn_by": render_giver(form.trukket_av, lang),
        "withdrawn_on": format_date(form.dato, lang),
        "deletion": label("text.deletion_demanded" if form.krav_om_sletting else "text.deletion_not_demanded", lang),
        "deletion_demanded": form.krav_om_sletting,
        "remark": prose(form.merknad),
    }


KIND = Kind(
    skjema=Skjema.tilbaketrekking_samtykke,
    model=TilbaketrekkingSamtykke,
    title={"nn": "Tilbaketrekking av samtykke", "nb": "Tilbaketrekking av samtykke"},
    dokumenttype={"nn": "Tilbaketrekking av samtykke", "nb": "Tilbaketrekking av samtykke"},
    schema_title={"nn": "Tilbaketrekking av samtykke", "nb": "Tilbaketrekking av samtykke"},
    schema_description={
        "nn": (
            "Samtykke kan trekkjast når som helst, utan grunngiving. Stafettloggen blir då avslutta; det som er "
            "dokumentert, følgjer arkivlova."
        ),
        "nb": (
            "Samtykke kan trekkes når som helst, uten begrunnelse. Stafettloggen avsluttes da; det som er dokumentert,"
            " følger arkivlova."
        ),
    },
    rules=rules,
    context=context,
    events=own_event(Hendelse.samtykke_trukket),
    handovers=no_handovers,
    facts=facts,
    case_checks=no_case_checks,
    case_events=events_as_planned,
    is_log=False,
    enkeltvedtak=no_enkeltvedtak,
)
