"""The archive's side of the ``arkivering`` rules: the settings model lives in ``bti_docs.config.arkivering``
(re-exported here for the archive's modules); this module adds what needs the document kinds (looked up in
the registry, ``bti_docs.kinds``): the Noark dokumenttype and the title of a filed document.
"""

from __future__ import annotations

from datetime import date

from bti_docs.config.arkivering import (
    MAX_COMPONENT,
    MAX_LOPENUMMER,
    PATH_FIELDS,
    TITLE_FIELDS,
    AarligRegel,
    Aarsfrister,
    ArchiveRules,
    Bevaring,
    Dokumentrolle,
    Frist,
    Hendelse,
    Hendelser,
    HendelseRegel,
    NoarkRegler,
    Oversikt,
    PathValues,
    Stafettloggkopi,
    hendelsenavn,
    split_path,
    strongest,
)
from bti_docs.fields import Skjema
from bti_docs.i18n import Lang
from bti_docs.kinds import KINDS

__all__ = [
    "MAX_COMPONENT", "MAX_LOPENUMMER", "PATH_FIELDS", "TITLE_FIELDS", "AarligRegel", "Aarsfrister",
    "ArchiveRules", "Bevaring", "Dokumentrolle", "Frist", "Hendelse", "HendelseRegel", "Hendelser", "Lang",
    "NoarkRegler", "Oversikt", "PathValues", "Stafettloggkopi", "doc_type", "format_title", "hendelsenavn",
    "split_path", "strongest",
]


def doc_type(rules: ArchiveRules, kind: Skjema, lang: Lang) -> str:
    """The Noark 5 dokumenttype: the municipality's own word for the kind, else the kind's name."""
    return rules.dokumenttyper.get(kind) or KINDS[kind].dokumenttype[lang]


def format_title(template: str, *, kind: Skjema, event: Hendelse, unit_name: str, municipality: str,
                 day: date, lang: Lang) -> str:
    """A Noark title from the rules' template: kind, event, unit and date; never the child."""
    return template.format(
        skjemanavn=KINDS[kind].title[lang], hendelsenavn=hendelsenavn(event, lang), enhetsnavn=unit_name,
        kommune=municipality, dato=day.strftime("%d.%m.%Y"), aar=f"{day.year:04d}",
    )
