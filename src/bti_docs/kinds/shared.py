"""What the document kinds share: the kind's record type (``Kind``), the parts of their models (person,
child or pregnancy, consent basis, holder), the rules on those parts, and how those parts are rendered.

Each kind's module (``bti_docs.kinds.<kind>``) builds on these; ``bti_docs.kinds`` registers the kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator, model_validator

from bti_docs.config import Kommune
from bti_docs.config.arkivering import Hendelse
from bti_docs.errors import ArchiveError, Severity
from bti_docs.fields import (
    _ELEVEN_DIGITS,
    CASE_KEY_PATTERN,
    Malform,
    Name,
    Skjema,
    Slug,
    Strict,
    Text,
    Tjeneste,
    fail,
)
from bti_docs.i18n import Lang
from bti_docs.kinds.case import CaseChecks, CaseEvents, Saksfakta, SamtykkeFakta
from bti_docs.text.format import format_date, format_national_id
from bti_docs.text.labels import enum_label, label

Names = dict[Lang, str]  # one text in nynorsk and bokmål
Data = dict[str, object]  # a render context: plain text, lists and dicts


@dataclass(frozen=True)
class Kind:
    """Everything specific to one document kind. Every part is required: there are no defaults.

    * ``model``: the strict pydantic model of the form (``skjema`` is its literal discriminator);
    * ``title``: the document's title, and ``dokumenttype``: the Noark 5 dokumenttype unless the municipality's
      ``arkivering.dokumenttyper`` names another, both in nynorsk and bokmål;
    * ``schema_title`` / ``schema_description``: what staff see in their editor (JSON Schema), in nynorsk and
      bokmål;
    * ``rules(form, kommune, today)``: the kind's own rule findings (the rule runner adds the common ones);
    * ``context(form, lang)``: the kind's part of the render context (templates ``<kind>.html`` / ``.docx``);
    * ``events(form, recorded_handovers, override)``: the archive events the form is, most specific first;
    * ``handovers(form)``: the baton handovers the form records (acceptance days), for the journal;
    * ``facts(form)``: the screened facts the case ledger keeps of it (``kinds.case.Saksfakta``: no names,
      id numbers or free text);
    * ``case_checks(form, case)``: its checks against the rest of the case at filing (``kinds.case.CaseView``:
      refusals such as a consent withdrawn before its date), ``no_case_checks`` for none;
    * ``case_events(form, events, case)``: its events given the rest of the case, ``events_as_planned`` when
      they do not depend on it;
    * ``is_log``: the form is itself a stafettlogg snapshot (filed events take no separate log copy);
    * ``enkeltvedtak(form)``: whether the form is an individual decision, ``no_enkeltvedtak`` (None) for kinds
      that never are.
    """

    skjema: Skjema
    model: type[MedBarn]
    title: Names
    dokumenttype: Names
    schema_title: Names
    schema_description: Names
    rules: Callable[[Any, Kommune, date], list[Finding]]
    context: Callable[[Any, Lang], Data]
    events: Callable[[Any, frozenset[str], Hendelse | None], list[Hendelse]]
    handovers: Callable[[Any], list[str]]
    facts: Callable[[Any], Saksfakta]
    case_checks: CaseChecks
    case_events: CaseEvents
    is_log: bool
    enkeltvedtak: Callable[[Any], bool | None]


# --- the shared parts of the models -----------------------------------------------------------------


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

    if TYPE_CHECKING:  # each kind's model declares ``skjema`` as its own literal (the discriminator)
        skjema: Skjema

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
            raise fail("case_key_looks_like_id")
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
            raise fail("child_or_pregnancy")
        return self


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
            raise fail("valid_to_before_valid_from")
        return self


class Stafettholder(Person):
    enhet: Name
    fra_dato: date
    akseptert_dato: date | None = Field(default=None, description="When this holder accepted the baton")
    til_dato: date | None = Field(default=None, description="The day this holder handed the baton on")
    ansvarsfordeling: Text | None = Field(
        default=None, description="Written division of responsibility (required with two holders)"
    )


# --- findings and the rules on the shared parts -----------------------------------------------------

CHILD_VIEW_AGE = 7  # Inderøy: from 7 years the child as a main rule takes part in log meetings


@dataclass(frozen=True)
class Finding:
    path: str
    code: str
    context: dict[str, object] = field(default_factory=dict)
    severity: Severity = Severity.error


def warning(path: str, code: str, **context: object) -> Finding:
    return Finding(path, code, context, Severity.warning)


def error(path: str, code: str, **context: object) -> Finding:
    return Finding(path, code, context, Severity.error)


def age_on(birth: date, on: date) -> int:
    """Whole years from ``birth`` to ``on`` (a child born 29 February turns a year older on 1 March)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


RENEWAL_ADVICE_DAYS = 2 * 365 + 1


def valid_on(consent: SamtykkeGrunnlag, day: date) -> bool:
    return consent.gyldig_fra <= day <= consent.gyldig_til


def covers(consents: Sequence[SamtykkeGrunnlag], service: Tjeneste, day: date) -> bool:
    return any(valid_on(c, day) and service in c.tjenester for c in consents)


def missing_consent(
    consents: Sequence[SamtykkeGrunnlag], day: date, path: str, missing_code: str, **ctx: object
) -> Finding:
    """The most helpful finding when no consent of a kind is valid on ``day``: expired, not yet, or none."""
    expired = [c for c in consents if c.gyldig_til < day]
    if expired:
        last = max(expired, key=lambda c: c.gyldig_til)
        return error(path, "consent_expired", consent=last.samtykke_id, expired=last.gyldig_til.isoformat())
    future = [c for c in consents if c.gyldig_fra > day]
    if future:
        first = min(future, key=lambda c: c.gyldig_fra)
        return error(path, "consent_not_yet_valid", consent=first.samtykke_id,
                     valid_from=first.gyldig_fra.isoformat())
    return error(path, missing_code, **ctx)


def renewal_advice(consent: SamtykkeGrunnlag, path: str) -> list[Finding]:
    if (consent.gyldig_til - consent.gyldig_fra).days > RENEWAL_ADVICE_DAYS:
        return [warning(f"{path}.gyldig_til" if path else "gyldig_til", "consent_renewal_advice")]
    return []


def check_who_consents(
    givers: Sequence[Samtykkegiver], *, birth: date | None, pregnancy: bool, on: date, consent_age: int,
    path: str,
) -> list[Finding]:
    """From ``consent_age`` the young person consents; below it a parent or guardian; a pregnancy: the woman."""
    roles = {g.rolle for g in givers}
    if pregnancy:
        if Samtykkerolle.gravid not in roles:
            return [error(path, "consent_by_pregnant")]
        return []
    if birth is None:
        return []
    age = age_on(birth, on)
    if age >= consent_age and Samtykkerolle.ungdom not in roles:
        return [error(path, "consent_by_parents_for_youth", age=age, consent_age=consent_age)]
    if age < consent_age and not roles & {Samtykkerolle.foresatt, Samtykkerolle.verge}:
        return [error(path, "consent_by_child_under_age", age=age, consent_age=consent_age)]
    return []


def consent_facts(consent: SamtykkeGrunnlag) -> SamtykkeFakta:
    """A consent as the case ledger keeps it."""
    return SamtykkeFakta(id=consent.samtykke_id, type=consent.type.value,
                         tjenester=[t.value for t in consent.tjenester], gyldig_fra=consent.gyldig_fra,
                         gyldig_til=consent.gyldig_til)


def start_of(holder: Stafettholder) -> date:
    """The day a holder holds the baton: when accepted, or from ``fra_dato`` for the first holder."""
    return holder.akseptert_dato or holder.fra_dato


def active_on(holder: Stafettholder, day: date) -> bool:
    """Holds the baton on ``day``. ``til_dato`` is the handover day, on which the new holder has it."""
    return start_of(holder) <= day and (holder.til_dato is None or holder.til_dato > day)


def child_view(form: MedBarn, *own_words: str | None) -> list[Finding]:
    """Advice: from 7 the child's view is obtained; the document says how (or quotes the child)."""
    if form.barn is None or form.barnets_medvirkning or any(own_words):
        return []
    age = age_on(form.barn.fodselsdato, form.dato)
    if age >= CHILD_VIEW_AGE:
        return [warning("barnets_medvirkning", "child_view_missing", age=age)]
    return []


def no_handovers(form: MedBarn) -> list[str]:
    """For kinds that record no handover of the baton."""
    return []


def own_event(event: Hendelse) -> Callable[[Any, frozenset[str], Hendelse | None], list[Hendelse]]:
    """The events of a kind that is always one event."""

    def events(form: MedBarn, recorded_handovers: frozenset[str], override: Hendelse | None) -> list[Hendelse]:
        return [event]

    return events


def wrong_event(event: Hendelse, form: MedBarn) -> ArchiveError:
    return ArchiveError("archive.wrong_event", event=event.value, kind=form.skjema.value)


# --- rendering the shared parts ---------------------------------------------------------------------


def render_person(person: Person, lang: Lang) -> dict[str, str]:
    service = enum_label(person.tjeneste, lang) if person.tjeneste is not None else ""
    # The unit usually names the service ("Lia barnehage"); the service is shown only without a unit.
    details = [part for part in (person.rolle, person.enhet or service) if part]
    return {
        "name": person.navn,
        "role": person.rolle or "",
        "unit": person.enhet or "",
        "service": service,
        "details": ", ".join(details),
    }


def render_subject(form: MedBarn, lang: Lang) -> Data:
    rows: list[dict[str, str]] = []

    def row(key: str, value: str) -> None:
        rows.append({"label": label(key, lang), "value": value})

    if form.barn is not None:
        child = form.barn
        row("field.name", f"{child.fornavn} {child.etternavn}")
        row("field.birth_date", format_date(child.fodselsdato, lang))
        row("field.age", label("doc.age", lang).format(years=age_on(child.fodselsdato, form.dato)))
        if child.fodselsnummer:
            row("field.national_id", format_national_id(child.fodselsnummer))
        return {"heading": label("heading.child", lang), "rows": rows}
    assert form.svangerskap is not None  # the model guarantees exactly one of the two
    pregnant = form.svangerskap.gravid
    row("field.pregnant", f"{pregnant.fornavn} {pregnant.etternavn}")
    if pregnant.fodselsdato is not None:
        row("field.birth_date", format_date(pregnant.fodselsdato, lang))
    if pregnant.fodselsnummer:
        row("field.national_id", format_national_id(pregnant.fodselsnummer))
    row("field.due_date", format_date(form.svangerskap.termindato, lang))
    return {"heading": label("heading.pregnancy", lang), "rows": rows}


def render_services(services: Sequence[Tjeneste], lang: Lang) -> list[str]:
    return [enum_label(service, lang) for service in services]


def render_consent_status(consent: SamtykkeGrunnlag, on: date, lang: Lang) -> str:
    if consent.gyldig_til < on:
        return label("consent_status.expired", lang)
    if consent.gyldig_fra > on:
        return label("consent_status.future", lang)
    return label("consent_status.valid", lang)


def render_consent(consent: SamtykkeGrunnlag, on: date, lang: Lang) -> dict[str, object]:
    return {
        "reference": consent.samtykke_id,
        "type": enum_label(consent.type, lang),
        "services": render_services(consent.tjenester, lang),
        "valid_from": format_date(consent.gyldig_fra, lang),
        "valid_to": format_date(consent.gyldig_til, lang),
        "status": render_consent_status(consent, on, lang),
    }


def render_giver(giver: Samtykkegiver, lang: Lang) -> dict[str, str]:
    return {"name": giver.navn, "role": enum_label(giver.rolle, lang)}
