"""The ``noark`` block of a sidecar: Noark 5 v5.0 metadata for one filed document.

Everything comes from the rules' ``arkivering.noark`` section (codes checked against the official lists when
the settings load) and from the document itself; nothing per kind lives in code. Identifiers that tie
documents together are derived, not stored elsewhere: the case folder's systemID from the municipality and
the case key, the registration's from the input's checksum, so a log copy and its form share one journalpost
and ``reindex`` rebuilds nothing new.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING

from bti_docs.archive.rules import ArchiveRules, Hendelse, Lang, NoarkRegler
from bti_docs.archive.sidecar import (
    Arkivskaper,
    ElektroniskSignatur,
    Journalpost,
    Klassering,
    Kode,
    Noark,
    Part,
    Saksmappe,
    Skjerming,
)
from bti_docs.config.noark_codes import code_name
from bti_docs.text.voice import say

if TYPE_CHECKING:
    from bti_docs.archive.plan import DocumentToFile
    from bti_docs.config import Kommune

NAMESPACE = uuid.UUID("6f1c1a52-8a55-4d0e-9d36-2c1f3b7e0b12")  # bti-docs' own: derived systemIDs
NAME_KEYS = ("barn_navn", "gravid_navn")

def derived_id(*parts: str) -> str:
    """A stable systemID (UUID) for the parts, e.g. ("sak", kommunenummer, case key)."""
    return str(uuid.uuid5(NAMESPACE, "\n".join(parts)))


def kode(list_name: str, value: str) -> Kode:
    return Kode(kode=value, navn=code_name(list_name, value))


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def arkivdel_title(noark: NoarkRegler, lang: Lang) -> str:
    """The arkivdel's title: archive metadata, so ``lang`` is the municipality's målform (not ``--lang``)."""
    return noark.arkivdeltittel or say("noark.arkivdeltittel", lang)


def class_title(noark: NoarkRegler, lang: Lang) -> str:
    """The class's title: archive metadata, so ``lang`` is the municipality's målform (not ``--lang``)."""
    return noark.klassering.klassetittel or say("noark.klassetittel", lang)


def screening(noark: NoarkRegler, day: date, *, document: bool) -> Skjerming:
    rule = noark.skjerming
    years = rule.skjermingsvarighet
    return Skjerming(
        tilgangsrestriksjon=rule.tilgangsrestriksjon, skjermingshjemmel=rule.skjermingshjemmel,
        skjermingMetadata=list(rule.skjermingMetadata),
        skjermingDokument=kode("skjermingdokument", rule.skjermingDokument) if document else None,
        skjermingsvarighet=years, skjermingOpphoererDato=add_years(day, years) if years else None,
    )


def person_name(personal: dict[str, str]) -> str | None:
    return next((personal[k] for k in NAME_KEYS if personal.get(k)), None)


def noark_metadata(doc: DocumentToFile, *, kommune: Kommune, rules: ArchiveRules, lang: Lang,
                   now: datetime) -> Noark:
    """The Noark 5 metadata of ``doc`` as filed at ``now``."""
    noark = rules.noark
    unit_name = doc.unit_name or doc.unit
    unit = noark.enheter.get(doc.unit)
    name = person_name(doc.personal)
    screen = noark.skjerming.skjermingstekst
    main = doc.copy_of is None
    folder_title = f"{noark.mappetittel} – {name}" if name else noark.mappetittel
    folder_public = f"{noark.mappetittel} – {screen}" if name else noark.mappetittel
    klass = noark.klassering
    return Noark(
        arkivskaper=Arkivskaper(arkivskaperID=noark.arkivskaperID or kommune.kommunenummer,
                                arkivskaperNavn=noark.arkivskaperNavn or kommune.navn),
        arkivdel=noark.arkivdel,
        klassering=Klassering(
            klassifikasjonssystem=klass.klassifikasjonssystem,
            klassifikasjonstype=kode("klassifikasjonstype", klass.klassifikasjonstype),
            klasseID=klass.klasseID, tittel=class_title(noark, lang),
        ),
        saksmappe=Saksmappe(
            systemID=derived_id("saksmappe", kommune.kommunenummer, doc.case), mappeID=doc.case,
            tittel=folder_title, offentligTittel=folder_public,
            administrativEnhet=(unit.administrativEnhet if unit else None) or unit_name,
            saksansvarlig=(unit.saksansvarlig if unit else None) or unit_name,
            skjerming=screening(noark, doc.doc_date, document=False),
        ),
        journalpost=Journalpost(
            systemID=derived_id("journalpost", kommune.kommunenummer, doc.input_sha256),
            journalposttype=kode("journalposttype", rules.journalposttype(Hendelse(doc.event))),
            journalstatus=kode("journalstatus", noark.journalstatus),
            journaldato=now.date(), dokumentetsDato=doc.doc_date,
            tittel=doc.title, offentligTittel=public_title(doc.title, name, screen),
            forfatter=[unit_name],
            part=[Part(partNavn=name, partRolle=kode("partrolle", noark.partrolle))] if name else [],
            skjerming=screening(noark, doc.doc_date, document=False),
        ),
        dokumentnummer=1 if main else 2,
        tilknyttetDato=now, tilknyttetAv=noark.system,
        skjerming=screening(noark, doc.doc_date, document=True),
        elektroniskSignatur=ElektroniskSignatur(
            elektroniskSignaturSikkerhetsnivaa=kode("elektronisksignatursikkerhetsnivaa",
                                                    noark.signatur_sikkerhetsnivaa),
            elektroniskSignaturVerifisert=kode("elektronisksignaturverifisert", "V" if doc.seal_verified else "I"),
            verifisertDato=now.date(), verifisertAv=noark.system,
        ),
    )


def public_title(title: str, name: str | None, screen: str) -> str:
    """The title with the person's name (and each part of it) replaced by the screening text."""
    if not name:
        return title
    public = title.replace(name, screen)
    for part in name.split():  # each part of the name, as a whole word ("Sol" is screened, "Solsida" is not)
        public = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", screen, public)
    return public
