"""The metadata file beside each archived PDF: ``<name>.pdf.noark5.json``.

Noark 5 fields keep their Noark 5 names (``dokumentbeskrivelse`` with its ``dokumentobjekt`` and
``kassasjon``); the ``bti`` part says which event filed the document, for which unit and case, and how it was
sealed; ``journal`` ties the file into the journal's hash chain (its sequence number and the hash of the
entry before it), so the journal can be rebuilt from the sidecars alone. Personal data (the child's name and
birth date) is kept here and nowhere else in the archive: never in a path, a file name or the journal.

The model is strict both ways: what is written is what a reader accepts, and an edited sidecar that breaks
the shape is reported by ``verify``.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationError

from bti_docs.errors import CodedValueError
from bti_docs.fields import Strict
from bti_docs.kinds.case import HaldarFakta as HaldarFakta  # the case ledger's facts: each kind builds its own
from bti_docs.kinds.case import Saksfakta as Saksfakta
from bti_docs.kinds.case import SamtykkeFakta as SamtykkeFakta
from bti_docs.kinds.case import ShortText as Text
from bti_docs.pdfa import LEVELS, PdfaLevel

SIDECAR_SUFFIX = ".noark5.json"
CREATOR = "bti-docs"

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# arkivert: a copy was filed; ingen_stafettlogg: the rule asks for one but the case has none filed yet;
# ikkje_kravd: the rule does not ask for one; skjemaet_er_stafettlogg: the form is itself the snapshot.
LogCopy = Annotated[
    str, StringConstraints(pattern=r"^(arkivert|ingen_stafettlogg|ikkje_kravd|skjemaet_er_stafettlogg)$")
]


class Dokumentobjekt(Strict):
    versjonsnummer: int = 1
    variantformat: Literal["Arkivformat"] = "Arkivformat"
    format: Text  # PRONOM PUID, e.g. fmt/477
    formatDetaljer: Text  # e.g. PDF/A-2b
    mimeType: Literal["application/pdf"] = "application/pdf"
    referanseDokumentfil: Text  # the PDF's file name, in the same folder
    sjekksum: Sha256
    sjekksumAlgoritme: Literal["SHA256"] = "SHA256"
    filstoerrelse: int = Field(ge=1)
    opprettetDato: datetime
    opprettetAv: Text = CREATOR


class Kassasjon(Strict):
    kassasjonsvedtak: Literal["Bevares", "Kasseres"]
    kassasjonshjemmel: Text | None = None
    bevaringstid: int | None = None  # years
    kassasjonsdato: date | None = None


class Dokumentbeskrivelse(Strict):
    systemID: Text
    dokumenttype: Text
    dokumentstatus: Literal["Dokumentet er ferdigstilt"] = "Dokumentet er ferdigstilt"
    tittel: Text
    opprettetDato: datetime
    opprettetAv: Text = CREATOR
    dokumentmedium: Literal["Elektronisk arkiv"] = "Elektronisk arkiv"
    tilknyttetRegistreringSom: Literal["Hoveddokument", "Vedlegg"]
    kassasjon: Kassasjon
    dokumentobjekt: Dokumentobjekt


class Segl(Strict):
    signer: Text
    tidspunkt: datetime
    verifisert: bool


class Bevaringsregel(Strict):
    vedtak: Literal["B", "K"]
    kassasjonsfrist_aar: int | None = None


class KopiAv(Strict):
    """The archived original a snapshot copy was made from."""

    sti: Text
    sjekksum: Sha256
    dokumentdato: date


class Fornying(Strict):
    """The version a renewed document replaces: the same document with a fresh archive timestamp added
    (``bti-docs forny-tidsstempel``). The older file stays as it was filed; this one supersedes it."""

    sti: Text  # the previous version's PDF, relative to the archive root
    sjekksum: Sha256  # its SHA-256: the new version's bytes begin with exactly these
    sekvens: int = Field(ge=1)  # its journal entry
    grunn: Literal["arkivtidsstempel"] = "arkivtidsstempel"


class Bti(Strict):
    hendelse: Text  # the event whose rule gave path and title
    hendelser: list[Text] = Field(min_length=1)  # every event the document is filed for
    rolle: Literal["skjema", "stafettlogg"]
    skjema: Text
    kommunenummer: Text
    enhet: Text
    enhetsnavn: Text
    sak: Text
    dokumentdato: date
    bevaring: Bevaringsregel
    segl: Segl
    inndata_sha256: Sha256  # the form's content: the same input is never filed twice
    arkiveringsnokkel: Sha256  # input + role + original: one document per key
    kopi_av: KopiAv | None = None
    stafettlogg_kopi: LogCopy | None = None  # on the event's own form: what became of the log snapshot
    overleveringer: list[Text] = Field(default_factory=list)
    enkeltvedtak: bool | None = None
    saksfakta: Saksfakta | None = None  # the case ledger's facts (originals only; absent in older sidecars)
    kopi_alder_dagar: int | None = None  # days between the log copy's date and the event's date
    fornyar: Fornying | None = None  # a new version of a filed document (renewed archive timestamp)


class Kode(Strict):
    """A Noark 5 code and its name (Fiks Arkiv: kode + beskrivelse; the v5.0 extract writes the name)."""

    kode: Text
    navn: Text


class Skjerming(Strict):
    """Screening: access code, legal basis, which metadata and how much of the document are screened."""

    tilgangsrestriksjon: Text
    skjermingshjemmel: Text
    skjermingMetadata: list[Text] = Field(min_length=1)
    skjermingDokument: Kode | None = None
    skjermingsvarighet: int | None = None  # years
    skjermingOpphoererDato: date | None = None


class Part(Strict):
    """The child (or the pregnant woman) as part of the case: screened metadata only."""

    partNavn: Text
    partRolle: Kode


class Arkivskaper(Strict):
    arkivskaperID: Text
    arkivskaperNavn: Text


class Klassering(Strict):
    klassifikasjonssystem: Text
    klassifikasjonstype: Kode
    klasseID: Text
    tittel: Text


class Saksmappe(Strict):
    """The case folder of the child's case (one per ``sak``)."""

    systemID: Text
    mappeID: Text  # the opaque case key
    tittel: Text  # with the child's name: screened
    offentligTittel: Text  # the name replaced by the screening text
    administrativEnhet: Text
    saksansvarlig: Text  # a role or unit, never a person's name
    skjerming: Skjerming


class Journalpost(Strict):
    """The registration: one per filed input (its own form is Hoveddokument, a log copy Vedlegg)."""

    systemID: Text
    journalposttype: Kode
    journalstatus: Kode
    journaldato: date
    dokumentetsDato: date
    tittel: Text
    offentligTittel: Text
    forfatter: list[Text] = Field(default_factory=list)  # the unit, never a person
    part: list[Part] = Field(default_factory=list)
    skjerming: Skjerming


class ElektroniskSignatur(Strict):
    elektroniskSignaturSikkerhetsnivaa: Kode
    elektroniskSignaturVerifisert: Kode
    verifisertDato: date
    verifisertAv: Text


class Noark(Strict):
    """Noark 5 v5.0 metadata of the document, named as in the metadata catalogue, with the rules' codes."""

    arkivskaper: Arkivskaper
    arkivdel: Text
    klassering: Klassering
    saksmappe: Saksmappe
    journalpost: Journalpost
    dokumentnummer: int = Field(ge=1)
    tilknyttetDato: datetime
    tilknyttetAv: Text
    skjerming: Skjerming  # the document's own screening (skjermingDokument)
    elektroniskSignatur: ElektroniskSignatur


class Journalref(Strict):
    sekvens: int = Field(ge=1)
    forrige_hash: Sha256


class Sidecar(Strict):
    format: Literal["bti-docs/noark5-sidecar"] = "bti-docs/noark5-sidecar"
    versjon: Literal[1] = 1
    dokumentbeskrivelse: Dokumentbeskrivelse
    bti: Bti
    journal: Journalref
    noark: Noark | None = None  # absent only in sidecars filed before the Noark 5 metadata
    personopplysninger: dict[str, str] = Field(default_factory=dict)

    def to_bytes(self) -> bytes:
        text = json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2)
        return (text + "\n").encode("utf-8")

    @property
    def pdf_sha256(self) -> str:
        return self.dokumentbeskrivelse.dokumentobjekt.sjekksum


class SidecarError(CodedValueError):
    """A sidecar that is not one of ours: a short reason (no values), said in the reader's language."""


def parse_sidecar(data: bytes) -> Sidecar:
    """The sidecar in ``data``; ValueError (with a short reason, no values) if it is not one of ours."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SidecarError("sidecar.not_json", kind=type(exc).__name__) from None
    try:
        return Sidecar.model_validate(raw)
    except ValidationError as exc:
        where = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors()[:3])
        raise SidecarError("sidecar.bad_fields", fields=where) from None


def pdf_format(level: str) -> tuple[str, str]:
    """The PRONOM PUID and the Noark ``formatDetaljer`` of a PDF/A level ("2b" → fmt/477, PDF/A-2b)."""
    spec = LEVELS[PdfaLevel(level)]
    return spec.puid, f"PDF/A-{spec.part}{spec.conformance.lower()}"


def level_of(format_details: str) -> PdfaLevel | None:
    """The level named by ``formatDetaljer`` ("PDF/A-2b"), None if it names none of ours."""
    claim = format_details.removeprefix("PDF/A-").lower()
    return PdfaLevel(claim) if claim in {str(level) for level in PdfaLevel} else None
