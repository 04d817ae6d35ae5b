"""Checks across the documents of one case, at filing time, against the case ledger (``archive.ledger``).

Refusals (staff must fix the form: exit 4, the watcher's ``rejected/``):

* a stafettlogg or overgangsskjema resting on a consent that was withdrawn before its date;
* a stafettlogg claiming a consent is valid that the archived consent form says has expired;
* an overgangsskjema whose consent is unknown in the case, not valid on its date, or not covering the
  receiving service (and the receiving unit's own service, where the unit is in the settings);
* a stafettlogg or overgangsskjema dated after the log was ended (closure, or withdrawal of the establishing
  consent) with no new establishing consent since.

Documents dated the same day as a withdrawal or closure pass: that is the snapshot of the case as it ended.

Which events a document is also follows from the ledger (``adjust_events``): a holder change only when the
holder changes (a handover between units is the transition form's event, not the log's), a level change as
its own event (``nivaaendring``: a transition whose levels differ, or a log whose level differs from the last
one its unit filed). Both are decided so that they do not depend on which unit's documents arrived first.
Warnings say when the log copy filed with an event is older than the last holder change or than
``stafettlogg_kopi.maks_alder_dagar``.

Messages name the earlier document by kind and date, never by a value from the form.
"""

from __future__ import annotations

from datetime import date

from bti_docs.archive.ledger import CaseLedger, Consent, LedgerDoc
from bti_docs.archive.rules import Hendelse, Lang
from bti_docs.config import Settings
from bti_docs.errors import InvalidFormError, Problem, Severity
from bti_docs.fields import Skjema
from bti_docs.kinds import KINDS, Form
from bti_docs.kinds.overgangsskjema import Overgangsskjema
from bti_docs.kinds.stafettlogg import Stafettlogg

MESSAGES: dict[str, dict[Lang, str]] = {
    "case_consent_withdrawn": {
        "nn": "Samtykket «{consent}» vart trekt tilbake {withdrawn} ({doc}). Eit dokument datert etter det kan "
              "ikkje byggje på samtykket. Innhent nytt samtykke, eller arkiver dokumentet med rett dato.",
        "nb": "Samtykket «{consent}» ble trukket tilbake {withdrawn} ({doc}). Et dokument datert etter det kan "
              "ikke bygge på samtykket. Innhent nytt samtykke, eller arkiver dokumentet med riktig dato.",
    },
    "case_consent_expired": {
        "nn": "Samtykket «{consent}» gjekk ut {expired} etter samtykkeskjemaet i arkivet ({doc}). Innhent nytt "
              "samtykke før dokumentet blir arkivert.",
        "nb": "Samtykket «{consent}» gikk ut {expired} etter samtykkeskjemaet i arkivet ({doc}). Innhent nytt "
              "samtykke før dokumentet arkiveres.",
    },
    "case_consent_not_yet": {
        "nn": "Samtykket «{consent}» gjeld først frå {valid_from} ({doc}). Overgangen kan ikkje byggje på det før.",
        "nb": "Samtykket «{consent}» gjelder først fra {valid_from} ({doc}). Overgangen kan ikke bygge på det før.",
    },
    "case_consent_unknown": {
        "nn": "Samtykket «{consent}» finst ikkje i saka. Arkiver samtykkeskjemaet først, eller rett samtykke_id.",
        "nb": "Samtykket «{consent}» finnes ikke i saken. Arkiver samtykkeskjemaet først, eller rett samtykke_id.",
    },
    "case_consent_not_covering": {
        "nn": "Samtykket «{consent}» ({doc}) omfattar ikkje tenesta «{service}» som tek imot barnet. Innhent "
              "samtykke som omfattar den nye tenesta før overgangen.",
        "nb": "Samtykket «{consent}» ({doc}) omfatter ikke tjenesten «{service}» som tar imot barnet. Innhent "
              "samtykke som omfatter den nye tjenesten før overgangen.",
    },
    "case_closed": {
        "nn": "Stafettloggen vart avslutta {closed} ({doc}). Ein ny stafettlogg eller overgang krev at loggen "
              "blir opna att med nytt samtykke til å opprette stafettlogg.",
        "nb": "Stafettloggen ble avsluttet {closed} ({doc}). En ny stafettlogg eller overgang krever at loggen "
              "åpnes igjen med nytt samtykke til å opprette stafettlogg.",
    },
    "copy_predates_holder_change": {
        "nn": "Kopien av stafettloggen som blir arkivert med hendinga, er frå {copy} og eldre enn skiftet av "
              "stafetthaldar {changed}. Arkiver ein oppdatert stafettlogg datert {event} saman med hendinga.",
        "nb": "Kopien av stafettloggen som arkiveres med hendelsen, er fra {copy} og eldre enn skiftet av "
              "stafettholder {changed}. Arkiver en oppdatert stafettlogg datert {event} sammen med hendelsen.",
    },
    "copy_old": {
        "nn": "Kopien av stafettloggen som blir arkivert med hendinga, er {days} dagar gammal (frå {copy}). "
              "Arkiver ein oppdatert stafettlogg datert {event} saman med hendinga.",
        "nb": "Kopien av stafettloggen som arkiveres med hendelsen, er {days} dager gammel (fra {copy}). "
              "Arkiver en oppdatert stafettlogg datert {event} sammen med hendelsen.",
    },
    "handover_without_transition": {
        "nn": "Loggen viser skifte av stafetthaldar til ei anna eining {day}, men overgangsskjemaet for det "
              "er ikkje i arkivet (enno). Arkiver overgangsskjemaet.",
        "nb": "Loggen viser skifte av stafettholder til en annen enhet {day}, men overgangsskjemaet for det "
              "er ikke i arkivet (ennå). Arkiver overgangsskjemaet.",
    },
}

HEADLINE: dict[Lang, str] = {
    "nn": "Dokumentet passar ikkje med det arkivet veit om saka, og er ikkje arkivert:",
    "nb": "Dokumentet passer ikke med det arkivet vet om saken, og er ikke arkivert:",
}


def _day(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def describe(doc: LedgerDoc, lang: Lang) -> str:
    """An earlier document by kind and date: «Tilbaketrekking av samtykke, 05.11.2026»."""
    try:
        name = KINDS[Skjema(doc.kind)].title[lang]
    except ValueError:
        name = doc.kind
    return f"{name}, {_day(doc.doc_date)}"


class CaseChecks:
    def __init__(self, ledger: CaseLedger, settings: Settings | None, lang: Lang, file: str) -> None:
        self.ledger, self.settings, self.lang, self.file = ledger, settings, lang, file
        self.problems: list[Problem] = []

    def add(self, path: str, code: str, severity: Severity = Severity.error, **ctx: object) -> None:
        self.problems.append(Problem(self.file, path, code, MESSAGES[code][self.lang].format(**ctx), severity))

    def doc(self, d: LedgerDoc) -> str:
        return describe(d, self.lang)

    def withdrawn(self, path: str, consent: Consent, day: date) -> bool:
        gone = consent.withdrawn
        if gone is not None and gone.doc_date < day:
            self.add(path, "case_consent_withdrawn", consent=consent.id, withdrawn=_day(gone.doc_date),
                     doc=self.doc(gone))
            return True
        return False

    def closed(self, day: date) -> None:
        end = self.ledger.closure(day)
        if end is not None and end.doc_date < day:
            self.add("dato", "case_closed", closed=_day(end.doc_date), doc=self.doc(end))

    def log(self, log: Stafettlogg) -> None:
        self.closed(log.dato)
        for i, c in enumerate(log.samtykker):
            known = self.ledger.consents.get(c.samtykke_id)
            if known is None:
                continue
            if self.withdrawn(f"samtykker[{i}].samtykke_id", known, log.dato):
                continue
            if known.source.kind == "samtykke" and known.valid_to < log.dato <= c.gyldig_til:
                self.add(f"samtykker[{i}].gyldig_til", "case_consent_expired", consent=c.samtykke_id,
                         expired=_day(known.valid_to), doc=self.doc(known.source))

    def transition(self, form: Overgangsskjema) -> None:
        self.closed(form.dato)
        known = self.ledger.consents.get(form.samtykke_id)
        if known is None:
            if not self.ledger.legacy:
                self.add("samtykke_id", "case_consent_unknown", consent=form.samtykke_id)
            return
        if self.withdrawn("samtykke_id", known, form.dato):
            return
        doc = self.doc(known.source)
        if known.valid_to < form.dato:
            self.add("samtykke_id", "case_consent_expired", consent=known.id, expired=_day(known.valid_to), doc=doc)
        elif known.valid_from > form.dato:
            self.add("samtykke_id", "case_consent_not_yet", consent=known.id, valid_from=_day(known.valid_from),
                     doc=doc)
        services = [("til.tjeneste", form.til.tjeneste.value)]
        unit = self.settings.kommune.enheter.get(form.til.enhet) if self.settings else None
        if unit is not None:
            services.append(("til.enhet", unit.tjeneste.value))
        for path, service in dict.fromkeys(services):
            if service not in known.services:
                self.add(path, "case_consent_not_covering", consent=known.id, service=service, doc=doc)


def check_case(form: Form, ledger: CaseLedger, settings: Settings, lang: Lang, file: str) -> list[Problem]:
    """Refusals (errors) for ``form`` against what the archive knows about its case."""
    checks = CaseChecks(ledger, settings, lang, file)
    if isinstance(form, Stafettlogg):
        checks.log(form)
    elif isinstance(form, Overgangsskjema):
        checks.transition(form)
    return checks.problems


def refuse(problems: list[Problem], lang: Lang) -> InvalidFormError:
    """The refusal: staff must fix the form (exit 4, the watcher's rejected/); each problem says what."""
    return InvalidFormError(HEADLINE[lang], problems)


def adjust_events(form: Form, events: list[Hendelse], ledger: CaseLedger, *, overridden: bool,
                  settings: Settings, lang: Lang, file: str) -> tuple[list[Hendelse], list[Problem]]:
    """The events ``form`` is, given the ledger: holder change only when the holder changes, level change as
    its own event. ``events`` are ``events_for``'s; an explicit override is kept as it is."""
    warnings = CaseChecks(ledger, settings, lang, file)
    if overridden:
        return events, []
    if isinstance(form, Overgangsskjema):
        new, old = form.ny_stafettholder, form.avtroppende_stafettholder
        unit_change = (form.fra.enhet, form.fra.kommune) != (form.til.enhet, form.til.kommune)
        holder_change = (new.navn, new.enhet) != (old.navn, old.enhet)
        level_change = form.fra.niva != form.til.niva
        out = [Hendelse.overgang] if unit_change or not (holder_change or level_change) else []
        if level_change and not unit_change:
            out.append(Hendelse.nivaaendring)
        if holder_change:
            out.append(Hendelse.stafettholderbytte)
        if level_change and unit_change:
            out.append(Hendelse.nivaaendring)
        return out, []
    if isinstance(form, Stafettlogg):
        out = list(events)
        if Hendelse.stafettholderbytte in out:
            # A handover between units is the transition form's event; the log claims only handovers inside
            # a unit. So the log's events do not depend on whether the transition form arrived first.
            holders = sorted(form.stafettholdere, key=lambda h: h.fra_dato)
            inside = False
            for pos, h in enumerate(holders):
                if h.til_dato is None:
                    continue
                nxt = next((n for n in holders[pos + 1:] if n.akseptert_dato is not None), None)
                if nxt is None or nxt.akseptert_dato is None:
                    continue
                if nxt.enhet == h.enhet:
                    inside = True
                elif not any(t.doc_date == nxt.akseptert_dato for t in ledger.transitions()):
                    warnings.add("stafettholdere", "handover_without_transition", Severity.warning,
                                 day=_day(nxt.akseptert_dato))
            if not inside:
                out = [e for e in out if e is not Hendelse.stafettholderbytte] or [Hendelse.periodisk]
        # Compared with the unit's own documents only: a unit files in date order, so this does not depend on
        # when another unit's watcher delivered. A new unit's first log is no level change (its transition
        # form carries the change when the level moves with the child).
        before = ledger.unit_level(form.enhet, form.dato)
        if before and before != form.niva:
            out = [e for e in out if e is not Hendelse.periodisk]
            out.append(Hendelse.nivaaendring)
        return out, warnings.problems
    return events, []


def copy_warnings(ledger: CaseLedger, event_day: date, copy_day: date, max_age: int, lang: Lang,
                  file: str) -> tuple[int, list[Problem]]:
    """The copy's age in days, and warnings when it is older than the last holder change or ``max_age``."""
    checks = CaseChecks(ledger, None, lang, file)
    age = (event_day - copy_day).days
    changed = ledger.last_holder_change(event_day)
    if changed is not None and copy_day < changed:
        checks.add("", "copy_predates_holder_change", Severity.warning, copy=_day(copy_day), changed=_day(changed),
                   event=_day(event_day))
    elif age > max_age:
        checks.add("", "copy_old", Severity.warning, days=age, copy=_day(copy_day), event=_day(event_day))
    return age, checks.problems

