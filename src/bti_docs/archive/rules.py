"""The archive's side of the ``arkivering`` rules: the settings model lives in ``bti_docs.config.arkivering``
(re-exported here for the archive's modules); this module adds what needs the document kinds: the Noark
dokumenttype and the title of a filed document.
"""

from __future__ import annotations

from datetime import date

from bti_docs.config.arkivering import (
    HENDELSENAVN,
    MAX_COMPONENT,
    MAX_LOPENUMMER,
    PATH_FIELDS,
    TITLE_FIELDS,
    AarligRegel,
    ArchiveRules,
    Bevaring,
    Dokumentrolle,
    Frist,
    Hendelse,
    Hendelser,
    HendelseRegel,
    PathValues,
    split_path,
    strongest,
)
from bti_docs.forms.models import Skjema
from bti_docs.i18n import Lang

__all__ = [
    "HENDELSENAVN", "MAX_COMPONENT", "MAX_LOPENUMMER", "PATH_FIELDS", "SKJEMANAVN", "TITLE_FIELDS", "AarligRegel",
    "ArchiveRules", "Bevaring", "Dokumentrolle", "Frist", "Hendelse", "HendelseRegel", "Hendelser", "Lang",
    "PathValues", "doc_type", "format_title", "split_path", "strongest",
]

SKJEMANAVN: dict[Skjema, dict[Lang, str]] = {
    Skjema.referat_undringssamtale: {"nn": "Referat frå undringssamtale", "nb": "Referat fra undringssamtale"},
    Skjema.samtykke: {"nn": "Samtykke", "nb": "Samtykke"},
    Skjema.tilbaketrekking_samtykke: {"nn": "Tilbaketrekking av samtykke", "nb": "Tilbaketrekking av samtykke"},
    Skjema.stafettlogg: {"nn": "Stafettlogg", "nb": "Stafettlogg"},
    Skjema.overgangsskjema: {"nn": "Overgangsskjema", "nb": "Overgangsskjema"},
    Skjema.avslutning: {"nn": "Avslutting av stafettlogg", "nb": "Avslutning av stafettlogg"},
}


def doc_type(rules: ArchiveRules, kind: Skjema, lang: Lang) -> str:
    """The Noark 5 dokumenttype: the municipality's own word for the kind, else the kind's name."""
    return rules.dokumenttyper.get(kind) or SKJEMANAVN[kind][lang]


def format_title(template: str, *, kind: Skjema, event: Hendelse, unit_name: str, municipality: str,
                 day: date, lang: Lang) -> str:
    """A Noark title from the rules' template: kind, event, unit and date; never the child."""
    return template.format(
        skjemanavn=SKJEMANAVN[kind][lang], hendelsenavn=HENDELSENAVN[event][lang], enhetsnavn=unit_name,
        kommune=municipality, dato=day.strftime("%d.%m.%Y"), aar=f"{day.year:04d}",
    )
