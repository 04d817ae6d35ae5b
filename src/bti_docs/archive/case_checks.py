"""Checks across the documents of one case, at filing time, against the case ledger (``archive.ledger``).

Each kind's own checks and event adjustments live in its module (``Kind.case_checks``, ``Kind.case_events``);
here they see the ledger through ``CaseChecks`` (a ``kinds.case.CaseView``), which words what they find. Today:

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

Messages name the earlier document by kind and date, never by a value from the form. They are in the catalogue
(``bti_docs.text.archive``, ``case.<problem code>``) and said in the reader's language: ``--lang``, else the
municipality's målform.
"""

from __future__ import annotations

from datetime import date

from bti_docs.archive.ledger import CaseLedger, Consent, LedgerDoc
from bti_docs.archive.rules import Hendelse, Lang
from bti_docs.config import Settings
from bti_docs.errors import InvalidFormError, Problem, Severity
from bti_docs.fields import Skjema
from bti_docs.kinds import KINDS, Form, kind_of
from bti_docs.text.voice import say


def text_code(code: str) -> str:
    """The catalogue code of a case problem's text (``case_closed`` → ``case.case_closed``)."""
    return f"case.{code}"

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
    """The case ledger as a kind's checks see it (``kinds.case.CaseView``), and the problems they found."""

    def __init__(self, ledger: CaseLedger, settings: Settings | None, lang: Lang, file: str) -> None:
        self.ledger, self.settings, self.lang, self.file = ledger, settings, lang, file
        self.problems: list[Problem] = []

    def add(self, path: str, code: str, severity: Severity = Severity.error, **ctx: object) -> None:
        """A problem in the reader's language; dates and earlier documents in ``ctx`` are written out."""
        words = {k: _day(v) if isinstance(v, date) else self.doc(v) if isinstance(v, LedgerDoc) else v
                 for k, v in ctx.items()}
        self.problems.append(Problem(self.file, path, code, say(text_code(code), self.lang, **words), severity))

    def refuse(self, path: str, code: str, **ctx: object) -> None:
        self.add(path, code, Severity.error, **ctx)

    def warn(self, path: str, code: str, **ctx: object) -> None:
        self.add(path, code, Severity.warning, **ctx)

    def doc(self, d: LedgerDoc) -> str:
        return describe(d, self.lang)

    @property
    def legacy(self) -> bool:
        return self.ledger.legacy

    def consent(self, consent_id: str) -> Consent | None:
        return self.ledger.consents.get(consent_id)

    def closure(self, day: date) -> LedgerDoc | None:
        return self.ledger.closure(day)

    def has_transition(self, day: date) -> bool:
        return any(t.doc_date == day for t in self.ledger.transitions())

    def unit_level(self, unit: str, day: date) -> int | None:
        return self.ledger.unit_level(unit, day)

    def unit_service(self, unit: str) -> str | None:
        known = self.settings.kommune.enheter.get(unit) if self.settings else None
        return known.tjeneste.value if known is not None else None


def check_case(form: Form, ledger: CaseLedger, settings: Settings, lang: Lang, file: str) -> list[Problem]:
    """Refusals (errors) for ``form`` against what the archive knows about its case: its kind's checks."""
    checks = CaseChecks(ledger, settings, lang, file)
    kind_of(form).case_checks(form, checks)
    return checks.problems


def refuse(problems: list[Problem]) -> InvalidFormError:
    """The refusal: staff must fix the form (exit 4, the watcher's rejected/); each problem says what (in the
    language the problems were found in); the headline is said in the reader's language where it surfaces."""
    return InvalidFormError("case.refused", problems)


def adjust_events(form: Form, events: list[Hendelse], ledger: CaseLedger, *, overridden: bool,
                  settings: Settings, lang: Lang, file: str) -> tuple[list[Hendelse], list[Problem]]:
    """The events ``form`` is, given the ledger (its kind's ``case_events``: e.g. a holder change only when the
    holder changes, a level change as its own event), and the warnings on the way. ``events`` are
    ``events_for``'s; an explicit override is kept as it is."""
    if overridden:
        return events, []
    warnings = CaseChecks(ledger, settings, lang, file)
    return kind_of(form).case_events(form, events, warnings), warnings.problems


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

