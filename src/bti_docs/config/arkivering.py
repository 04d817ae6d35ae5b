"""The ``arkivering`` section of ``archive_rules.yaml``: which events file which documents, where and how.

The settings model only: the archive (``bti_docs.archive``) applies it. Loaded strictly as part of the
settings (``bti_docs.config``): unknown keys and events, bad templates and
impossible dates are errors that name the key and its line. Path templates are checked at load time with a
dry run, so a bad template never reaches the archive.

Path placeholders: ``{kommunenummer} {enhet} {sak} {aar} {maaned} {dato} {skjema} {hendelse} {lopenummer}``.
Title placeholders: ``{skjemanavn} {hendelsenavn} {enhetsnavn} {kommune} {dato} {aar}``. Neither set can
carry a name or an id number: the case key is opaque and the child is never a placeholder.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from bti_docs.config.noark_codes import code_list
from bti_docs.errors import CodedValueError
from bti_docs.fields import Skjema, Strict
from bti_docs.i18n import Lang
from bti_docs.text.voice import DEFAULT_LANG, Phrase, phrase, say


class Hendelse(StrEnum):
    """Events that make documents go to the archive (Inderøy's list, Visma Flyt Samspill's rules)."""

    overgang = "overgang"  # transition between units, levels or municipalities
    stafettholderbytte = "stafettholderbytte"  # change of holder
    samtykke_trukket = "samtykke_trukket"  # consent withdrawn
    avslutning = "avslutning"  # log closed
    nytt_samtykke = "nytt_samtykke"  # a new consent became active
    periodisk = "periodisk"  # a log snapshot at any other time
    aarlig = "aarlig"  # yearly for children with an enkeltvedtak
    undringssamtale = "undringssamtale"  # level 0: the referat of a wondering conversation
    nivaaendring = "nivaaendring"  # the log moves to another level (same holder or not)


class Dokumentrolle(StrEnum):
    skjema = "skjema"  # the event's own form
    stafettlogg = "stafettlogg"  # a full stafettlogg snapshot of the case, where one exists


PATH_FIELDS = frozenset(
    {"kommunenummer", "enhet", "sak", "aar", "maaned", "dato", "skjema", "hendelse", "lopenummer"}
)
TITLE_FIELDS = frozenset({"skjemanavn", "hendelsenavn", "enhetsnavn", "kommune", "dato", "aar"})
_SAFE_LITERAL = re.compile(r"^[A-Za-z0-9._/-]*$")
MAX_COMPONENT = 120
MAX_LOPENUMMER = 999

def hendelsenavn(event: Hendelse, lang: Lang) -> str:
    """The event's name in a Noark title (``{hendelsenavn}``): archive metadata, in the municipality's målform."""
    return say(f"event.{event.value}", lang)


def _bad(code: str, **context: object) -> PydanticCustomError:
    """A settings error with a text code (its type) and context: ``load_settings`` says it in the reader's
    language; pydantic's own message is the default language's."""
    return PydanticCustomError(code, "{text}", {"text": say(code, DEFAULT_LANG, **context), **context})


class PathError(CodedValueError):
    """A relative archive path that could leave the archive root; said in the reader's language."""


def _template_fields(template: str, allowed: frozenset[str], what: Phrase) -> list[str]:
    """The placeholder names of ``template``; an error for unknown names, format specs and bad braces."""
    names: list[str] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise _bad("settings.bad_braces", what=what, detail=str(exc)) from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in allowed:
            known = " ".join(f"{{{n}}}" for n in sorted(allowed))
            raise _bad("settings.unknown_placeholder", name=name, what=what, known=known)
        if spec or conversion:
            raise _bad("settings.placeholder_format", name=name, what=what)
        names.append(name)
    return names


@dataclass(frozen=True)
class PathValues:
    """The values a path template is filled with; all are safe by construction (slugs, digits, keys)."""

    kommunenummer: str
    enhet: str
    sak: str
    dato: date
    skjema: str
    hendelse: str

    def fill(self, template: str, lopenummer: int) -> str:
        return template.format(
            kommunenummer=self.kommunenummer, enhet=self.enhet, sak=self.sak, aar=f"{self.dato.year:04d}",
            maaned=f"{self.dato.month:02d}", dato=self.dato.isoformat(), skjema=self.skjema,
            hendelse=self.hendelse, lopenummer=f"{lopenummer:03d}",
        )


_DRY_RUN = PathValues("0000", "eining-a", "SAK-0001", date(2024, 12, 31), "stafettlogg", "overgang")


def split_path(relpath: str) -> list[str]:
    """The components of a relative archive path; ValueError if it could leave the archive root."""
    if not relpath or relpath.startswith("/") or "\\" in relpath or "\x00" in relpath:
        raise PathError("settings.path_absolute")
    parts = relpath.split("/")
    for part in parts:
        if part in ("", ".", "..") or part.startswith("."):
            raise PathError("settings.path_parts")
        if len(part) > MAX_COMPONENT:
            raise PathError("settings.path_part_long", limit=MAX_COMPONENT)
    return parts


def _check_path_template(template: str) -> str:
    names = _template_fields(template, PATH_FIELDS, phrase("settings.what_path"))
    literal = re.sub(r"\{[a-z]+\}", "", template)
    if not _SAFE_LITERAL.match(literal):
        raise _bad("settings.path_chars")
    if "sak" not in names:
        raise _bad("settings.path_needs_case")
    if not template.endswith(".pdf"):
        raise _bad("settings.path_pdf")
    if "lopenummer" in names and "{lopenummer}" in template.rpartition("/")[0]:
        raise _bad("settings.number_in_folder")
    for n in (1, MAX_LOPENUMMER):
        try:
            parts = split_path(_DRY_RUN.fill(template, n))
        except PathError as exc:
            raise _bad("settings.path_invalid", detail=exc) from None
    if len(parts) < 2:
        raise _bad("settings.path_needs_folder")
    return template


def _check_title_template(template: str) -> str:
    _template_fields(template, TITLE_FIELDS, phrase("settings.what_title"))
    return template


PathTemplate = Annotated[str, StringConstraints(min_length=5, max_length=400), AfterValidator(_check_path_template)]
TitleTemplate = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_check_title_template),
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class Bevaring(Strict):
    """The retention decision (Noark 5 kassasjon): B = bevares, K = kasseres after ``kassasjonsfrist_aar``."""

    vedtak: Literal["B", "K"]
    kassasjonsfrist_aar: int | None = Field(default=None, ge=1, le=200)
    hjemmel: ShortText | None = None

    @model_validator(mode="after")
    def _years_with_k(self) -> Bevaring:
        if self.vedtak == "K" and self.kassasjonsfrist_aar is None:
            raise _bad("settings.keep_needs_years")
        if self.vedtak == "B" and self.kassasjonsfrist_aar is not None:
            raise _bad("settings.keep_no_years")
        return self

    @property
    def kassasjonsvedtak(self) -> str:
        return "Bevares" if self.vedtak == "B" else "Kasseres"


def strongest(decisions: list[Bevaring]) -> Bevaring:
    """Of several decisions for one document, the one that keeps it longest (B beats any K)."""
    keep = [d for d in decisions if d.vedtak == "B"]
    if keep:
        return keep[0]
    return max(decisions, key=lambda d: d.kassasjonsfrist_aar or 0)


def _code_in(list_name: str) -> AfterValidator:
    """A validator: the value must be a code of the official list ``list_name`` (Fiks Arkiv V1 kodelister)."""

    def check(value: str) -> str:
        codes = code_list(list_name)
        if value not in codes:
            known = ", ".join(f"{k} ({v})" for k, v in codes.items())
            raise _bad("settings.unknown_code", value=value, list=list_name, known=known)
        return value

    return AfterValidator(check)


Journalposttype = Annotated[str, _code_in("journalposttype")]
Journalstatus = Annotated[str, _code_in("journalstatus")]
Partrolle = Annotated[str, _code_in("partrolle")]
Skjermingdokument = Annotated[str, _code_in("skjermingdokument")]
Klassifikasjonstype = Annotated[str, _code_in("klassifikasjonstype")]
Sikkerhetsnivaa = Annotated[str, _code_in("elektronisksignatursikkerhetsnivaa")]
Arkivdelstatus = Annotated[str, _code_in("arkivdelstatus")]
NoarkId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60,
                                           pattern=r"^[A-Za-z0-9ÆØÅæøå._:/ -]+$")]


class Skjermingsregel(Strict):
    """Screening (Noark 5 skjerming) of every BTI document: exempt from public access, the child screened."""

    tilgangsrestriksjon: NoarkId = Field(default="13", description="The municipality's access code (tilgangskode)")
    skjermingshjemmel: ShortText = "offl. § 13 jf. fvl. § 13"
    skjermingMetadata: list[ShortText] = Field(
        default_factory=lambda: ["tittel", "offentligTittel", "partNavn"], min_length=1,
        description="The metadata fields that are screened (the child's name is always among them)",
    )
    skjermingDokument: Skjermingdokument = Field(default="H", description="H = the whole document")
    skjermingsvarighet: int | None = Field(default=60, ge=1, le=200, description="Years, from the document date")
    skjermingstekst: ShortText = Field(default="*****", description="Replaces a screened name in offentligTittel")


class Klassering(Strict):
    """The classification system the case folders are filed under, and the class of every BTI case."""

    klassifikasjonssystem: ShortText = "Arkivnøkkel for BTI"
    klassifikasjonstype: Klassifikasjonstype = Field(default="E1", description="Code list klassifikasjonstype")
    klasseID: NoarkId = "BTI"
    klassetittel: ShortText | None = Field(default=None, description="Default by målform: Betre tverrfagleg "
                                           "innsats (stafettlogg) / Bedre tverrfaglig innsats (stafettlogg)")


class NoarkEnhet(Strict):
    """How a unit appears in Noark 5: administrativ enhet and saksansvarlig (a role, never a person)."""

    administrativEnhet: ShortText | None = Field(default=None, description="Default: the unit's name")
    saksansvarlig: ShortText | None = Field(default=None, description="Default: the unit's name")


class NoarkRegler(Strict):
    """The ``arkivering.noark`` section: every Noark 5 code and identifier the sidecars and exports use."""

    arkivskaperID: NoarkId | None = Field(default=None, description="Default: the municipality number")
    arkivskaperNavn: ShortText | None = Field(default=None, description="Default: the municipality's name")
    arkivtittel: ShortText = "BTI-dokument (bti-docs)"
    arkivdel: NoarkId = "BTI"
    arkivdeltittel: ShortText | None = Field(default=None, description="Default by målform: Stafettloggar / "
                                             "Stafettlogger og BTI-skjema")
    arkivdelstatus: Arkivdelstatus = "A"
    mappetittel: ShortText = Field(default="Stafettlogg", description="The case folder's title; the child's name "
                                   "is added and screened in offentligTittel")
    klassering: Klassering = Klassering()
    journalposttype: Journalposttype = Field(default="X", description="Default for every event (I U N X S)")
    journalstatus: Journalstatus = "J"
    partrolle: Partrolle = Field(default="K", description="The child's role as part (K = klient)")
    skjerming: Skjermingsregel = Skjermingsregel()
    signatur_sikkerhetsnivaa: Sikkerhetsnivaa = Field(default="V", description="V = virksomhetssertifikat")
    enheter: dict[str, NoarkEnhet] = Field(default_factory=dict, description="Per unit slug; default: unit name")
    system: ShortText = Field(default="bti-docs", description="opprettetAv, arkivertAv, tilknyttetAv")


class Frist(Strict):
    """Yearly deadline: ``uker_etter`` weeks after the end of the school/kindergarten year (``maaned``/``dag``)."""

    maaned: int = Field(ge=1, le=12)
    dag: int = Field(ge=1, le=31)
    uker_etter: int = Field(default=4, ge=0, le=52)

    @model_validator(mode="after")
    def _real_day(self) -> Frist:
        try:
            date(2001, self.maaned, self.dag)  # not a leap year: the day must exist every year
        except ValueError:
            raise _bad("settings.no_such_day", day=self.dag, month=self.maaned) from None
        return self

    def year_end(self, year: int) -> date:
        return date(year, self.maaned, self.dag)

    def deadline(self, year: int) -> date:
        return self.year_end(year) + timedelta(weeks=self.uker_etter)


class HendelseRegel(Strict):
    """What one event files. ``skjema`` (the event's own form) is always among the documents."""

    aktiv: bool = True
    dokumenter: list[Dokumentrolle] = Field(min_length=1, max_length=2)
    sti: PathTemplate | None = Field(default=None, description="Default: arkivering.sti")
    tittel: TitleTemplate | None = Field(default=None, description="Default: arkivering.tittel")
    bevaring: Bevaring | None = Field(default=None, description="Default: arkivering.bevaring")
    journalposttype: Journalposttype | None = Field(default=None, description="Default: arkivering.noark")

    @model_validator(mode="after")
    def _documents(self) -> HendelseRegel:
        if Dokumentrolle.skjema not in self.dokumenter:
            raise _bad("settings.documents_need_form")
        if len(set(self.dokumenter)) != len(self.dokumenter):
            raise _bad("settings.documents_twice")
        return self


class Aarsfrister(Strict):
    """The end of the kindergarten year and of the school year, each with its own yearly deadline (Inderøy:
    at the latest four weeks after the end of the barnehage year or the school year)."""

    barnehageaar: Frist = Field(default_factory=lambda: Frist(maaned=7, dag=31, uker_etter=4))
    skoleaar: Frist = Field(default_factory=lambda: Frist(maaned=6, dag=20, uker_etter=4))


class AarligRegel(HendelseRegel):
    """The yearly filing for children with an enkeltvedtak, with its deadline(s).

    ``frister`` gives one deadline per kind of year (units whose service is barnehage follow the barnehage
    year, every other unit the school year). The older single ``frist`` still loads: it is then the deadline
    for both.
    """

    frist: Frist | None = Field(default=None, description="One deadline for every unit (older files)")
    frister: Aarsfrister | None = Field(default=None, description="Deadlines per barnehageår and skoleår")

    @model_validator(mode="after")
    def _deadline(self) -> AarligRegel:
        if self.aktiv and self.frist is None and self.frister is None:
            raise _bad("settings.yearly_needs_due")
        return self

    def deadline_for(self, service: str | None) -> Frist | None:
        """The deadline rule for a unit of ``service`` (barnehage → barnehageår, else skoleår)."""
        if self.frister is not None:
            return self.frister.barnehageaar if service == "barnehage" else self.frister.skoleaar
        return self.frist


def _rule(*documents: Dokumentrolle) -> HendelseRegel:
    return HendelseRegel(dokumenter=list(documents))


WITH_LOG = (Dokumentrolle.skjema, Dokumentrolle.stafettlogg)
ALONE = (Dokumentrolle.skjema,)


class Hendelser(Strict):
    """One rule per event; ``aktiv: false`` turns one off.

    An event missing from the file takes its default (Inderøy's rules): overgang, stafettholderbytte,
    samtykke_trukket, avslutning and nytt_samtykke file the form and a copy of the case's log; periodisk,
    undringssamtale and nivaaendring file the form alone; aarlig files the form alone with the deadlines of
    ``Aarsfrister`` (31 July and 20 June, four weeks after each). So files written before an event existed
    keep loading.
    """

    overgang: HendelseRegel = Field(default_factory=lambda: _rule(*WITH_LOG))
    stafettholderbytte: HendelseRegel = Field(default_factory=lambda: _rule(*WITH_LOG))
    samtykke_trukket: HendelseRegel = Field(default_factory=lambda: _rule(*WITH_LOG))
    avslutning: HendelseRegel = Field(default_factory=lambda: _rule(*WITH_LOG))
    nytt_samtykke: HendelseRegel = Field(default_factory=lambda: _rule(*WITH_LOG))
    periodisk: HendelseRegel = Field(default_factory=lambda: _rule(*ALONE))
    aarlig: AarligRegel = Field(
        default_factory=lambda: AarligRegel(dokumenter=[Dokumentrolle.skjema], frister=Aarsfrister())
    )
    undringssamtale: HendelseRegel = Field(default_factory=lambda: _rule(*ALONE))
    nivaaendring: HendelseRegel = Field(default_factory=lambda: _rule(*ALONE))

    def __getitem__(self, event: Hendelse) -> HendelseRegel:
        rule: HendelseRegel = getattr(self, event.value)
        return rule


class Stafettloggkopi(Strict):
    """How current the log copy filed with an event must be before a warning says so."""

    maks_alder_dagar: int = Field(default=120, ge=1, le=3650, description="Warn when the copy is older")


class Oversikt(Strict):
    """The leaders' overviews (``bti-docs saker`` and ``bti-docs frister``, ``archive.overview``)."""

    inaktiv_maaneder: int = Field(default=4, ge=1, le=60, description="A log with no activity this long is due")
    samtykke_varsel_dagar: int = Field(default=60, ge=1, le=730, description="Consents expiring this soon")
    frister_mappe: str | None = Field(
        default=None, description="Folder the watcher writes the due list to every day (relative: to this file)"
    )


class ArchiveRules(Strict):
    """The ``arkivering`` section."""

    sti: PathTemplate
    tittel: TitleTemplate = "{skjemanavn} ({hendelsenavn}), {enhetsnavn}, {dato}"
    dokumenttyper: dict[Skjema, ShortText] = Field(
        default_factory=dict, description="Noark 5 dokumenttype per kind; default: the kind's name"
    )
    bevaring: Bevaring = Bevaring(vedtak="B")
    hendelser: Hendelser = Field(default_factory=Hendelser)
    stafettlogg_kopi: Stafettloggkopi = Field(default_factory=Stafettloggkopi)
    oversikt: Oversikt = Field(default_factory=lambda: Oversikt())
    noark: NoarkRegler = Field(default_factory=NoarkRegler, description="Noark 5 codes and identifiers")
    kvitteringslogg: Path | None = Field(
        default=None,
        description="A file on another volume that filing appends each receipt to (relative to this file's "
                    "folder); filing is refused when it cannot be opened",
    )
    kvitteringar_til_systemlogg: bool = Field(
        default=False,
        description="Also send each receipt to the system log (syslog; the systemd journal under systemd)",
    )

    def rule(self, event: Hendelse) -> HendelseRegel:
        return self.hendelser[event]

    def path_template(self, event: Hendelse) -> str:
        return self.hendelser[event].sti or self.sti

    def title_template(self, event: Hendelse) -> str:
        return self.hendelser[event].tittel or self.tittel

    def retention(self, event: Hendelse) -> Bevaring:
        return self.hendelser[event].bevaring or self.bevaring

    def journalposttype(self, event: Hendelse) -> str:
        return self.hendelser[event].journalposttype or self.noark.journalposttype
