"""The case ledger: what the archive knows about one case, folded from its filed originals.

Each original's sidecar carries ``bti.saksfakta`` (screened facts of the form: consent ids, services and
periods, unit ids, levels, holder roles and dates; never names, id numbers or free text), and the journal
entry body repeats it. So the ledger lives in the journal database, inside the hash-chained entries, and
``reindex`` rebuilds it from the sidecars with everything else. Documents filed before the ledger existed
have no facts: the ledger then knows their kind, date and events only (``legacy``).

The fold is by document date (then journal order), not by arrival: two watchers delivering the same case in
a different order give the same ledger.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bti_docs.archive.sidecar import Saksfakta, SamtykkeFakta
from bti_docs.kinds import Form, kind_of
from bti_docs.kinds.shared import Samtykketype

ESTABLISHING = Samtykketype.opprette_stafettlogg.value


def facts_of(form: Form) -> Saksfakta:
    """The screened facts of ``form`` for the ledger (no names, id numbers or free text): its kind's own."""
    return kind_of(form).facts(form)


@dataclass(frozen=True)
class LedgerDoc:
    """One filed original of the case."""

    seq: int
    doc_date: date
    kind: str
    unit: str
    events: tuple[str, ...]
    relpath: str
    facts: Saksfakta | None
    enkeltvedtak: bool | None = None
    log_copy: str | None = None
    input_sha256: str = ""

    @staticmethod
    def from_body(seq: int, body: Mapping[str, Any]) -> LedgerDoc:
        raw = body.get("saksfakta")
        return LedgerDoc(
            seq=seq, doc_date=date.fromisoformat(body["dokumentdato"]), kind=body["skjema"], unit=body["enhet"],
            events=tuple(body["hendelser"]), relpath=body["sti"],
            facts=Saksfakta.model_validate(raw) if raw is not None else None,
            enkeltvedtak=body.get("enkeltvedtak"), log_copy=body.get("stafettlogg_kopi"),
            input_sha256=body.get("inndata_sha256", ""),
        )


@dataclass(frozen=True)
class Consent:
    """A consent of the case: from its own form where filed, else as a log recorded it."""

    id: str
    type: str
    services: tuple[str, ...]
    valid_from: date
    valid_to: date
    source: LedgerDoc  # the document that told the ledger about it
    withdrawn: LedgerDoc | None = None  # the withdrawal, if filed

    def withdrawn_on(self, day: date) -> LedgerDoc | None:
        """The withdrawal, if it happened on or before ``day``."""
        return self.withdrawn if self.withdrawn is not None and self.withdrawn.doc_date <= day else None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "tjenester": list(self.services),
                "gyldig_fra": self.valid_from.isoformat(), "gyldig_til": self.valid_to.isoformat(),
                "trekt": self.withdrawn.doc_date.isoformat() if self.withdrawn else None}


@dataclass(frozen=True)
class Holder:
    role: str | None
    unit: str
    service: str | None
    since: date
    until: date | None = None


@dataclass(frozen=True)
class CaseLedger:
    """The state of one case as the archive knows it (see the module docstring)."""

    case: str
    docs: tuple[LedgerDoc, ...] = ()  # by (date, seq)
    legacy: bool = False  # some documents predate the ledger: consent facts may be missing
    consents: Mapping[str, Consent] = field(default_factory=dict)

    @staticmethod
    def build(case: str, docs: Iterable[LedgerDoc]) -> CaseLedger:
        ordered = tuple(sorted(docs, key=lambda d: (d.doc_date, d.seq)))
        consents: dict[str, Consent] = {}
        for d in ordered:  # logs first: a consent's own form wins over what a log says about it
            for fact in (d.facts.samtykker if d.facts else []):
                if fact.id not in consents:
                    consents[fact.id] = _consent(fact, d)
        for d in ordered:
            if d.facts is not None and d.facts.samtykke is not None:
                consents[d.facts.samtykke.id] = _consent(d.facts.samtykke, d)
        for d in ordered:
            gone = d.facts.trekt_samtykke if d.facts else None
            if gone is not None and gone in consents and consents[gone].withdrawn is None:
                c = consents[gone]
                consents[gone] = Consent(c.id, c.type, c.services, c.valid_from, c.valid_to, c.source, d)
        return CaseLedger(case, ordered, any(d.facts is None for d in ordered), consents)

    # --- queries as of a day -----------------------------------------------------------------------

    def upto(self, day: date) -> list[LedgerDoc]:
        return [d for d in self.docs if d.doc_date <= day]

    def logs(self, day: date | None = None) -> list[LedgerDoc]:
        return [d for d in self.docs if d.kind == "stafettlogg" and (day is None or d.doc_date <= day)]

    def latest_log(self, day: date | None = None) -> LedgerDoc | None:
        logs = self.logs(day)
        return logs[-1] if logs else None

    def closure(self, day: date) -> LedgerDoc | None:
        """The document that ended the log, if the log is ended as of ``day`` (closure or withdrawal of the
        establishing consent, with no new establishing consent after it)."""
        ended: LedgerDoc | None = None
        for d in self.upto(day):
            if d.kind == "avslutning":
                ended = d
            elif d.kind == "tilbaketrekking_samtykke" and d.facts is not None:
                c = self.consents.get(d.facts.trekt_samtykke or "")
                if c is not None and c.type == ESTABLISHING:
                    ended = d
            elif ended is not None and d.facts is not None and d.facts.samtykke is not None \
                    and d.facts.samtykke.type == ESTABLISHING and d.doc_date > ended.doc_date:
                ended = None
        return ended

    def status(self, day: date) -> str:
        """``avslutta``, ``open`` (a log or an establishing consent is on file) or ``nivaa0``."""
        if self.closure(day) is not None:
            return "avslutta"
        opened = any(d.kind in ("stafettlogg", "overgangsskjema") or
                     (d.facts is not None and d.facts.samtykke is not None) for d in self.upto(day))
        return "open" if opened else "nivaa0"

    def level(self, day: date) -> int | None:
        level: int | None = None
        for d in self.upto(day):
            if d.facts is not None and d.facts.niva is not None:
                level = d.facts.niva
        if level is None and self.upto(day):
            level = 0
        return level

    def unit_level(self, unit: str, day: date) -> int | None:
        """The level the unit's own documents (logs, transitions it filed) last gave, as of ``day``."""
        levels = [d.facts.niva for d in self.upto(day) if d.unit == unit and d.facts and d.facts.niva is not None]
        return levels[-1] if levels else None

    def levels(self) -> list[tuple[date, int]]:
        """Level over time: (date, level) at each change."""
        out: list[tuple[date, int]] = []
        for d in self.docs:
            if d.facts is not None and d.facts.niva is not None and (not out or out[-1][1] != d.facts.niva):
                out.append((d.doc_date, d.facts.niva))
        return out

    def holders(self, day: date | None = None) -> list[Holder]:
        """Holders over time: the latest log's list, then the transitions after it."""
        docs = self.upto(day) if day else list(self.docs)
        base: list[Holder] = []
        since = date.min
        for d in docs:
            if d.facts is None or not d.facts.haldarar:
                continue
            if d.kind == "stafettlogg":
                base = [Holder(h.rolle, h.enhet, h.tjeneste, h.akseptert_dato or h.fra_dato, h.til_dato)
                        for h in d.facts.haldarar]
                since = d.doc_date
            elif d.kind == "overgangsskjema" and d.facts.haldarbyte and d.doc_date >= since:
                h = d.facts.haldarar[0]
                start = h.akseptert_dato or h.fra_dato
                if not any(b.since == start and b.unit == h.enhet for b in base):
                    base = [Holder(b.role, b.unit, b.service, b.since, b.until or start) for b in base]
                    base.append(Holder(h.rolle, h.enhet, h.tjeneste, start))
        return base

    def holder(self, day: date) -> list[Holder]:
        """The holder(s) on ``day``."""
        return [h for h in self.holders(day) if h.since <= day and (h.until is None or h.until > day)]

    def last_holder_change(self, day: date) -> date | None:
        changes = [h.since for h in self.holders(day) if h.since <= day and
                   any(o.until == h.since for o in self.holders(day))]
        return max(changes, default=None)

    def transitions(self) -> list[LedgerDoc]:
        return [d for d in self.docs if d.kind == "overgangsskjema"]

    def next_meeting(self) -> date | None:
        log = self.latest_log()
        return log.facts.neste_mote if log and log.facts else None

    def last_activity(self) -> date | None:
        dates = [d.facts.siste_aktivitet for d in self.logs() if d.facts and d.facts.siste_aktivitet]
        dates += [d.doc_date for d in self.docs if d.kind in ("stafettlogg", "overgangsskjema")]
        return max(dates, default=None)

    def summary(self, day: date) -> dict[str, Any]:
        """The case state as data (no names): for ``saker --json`` and the tests."""
        log = self.latest_log()
        return {
            "sak": self.case,
            "status": self.status(day),
            "avslutta": (lambda c: c.doc_date.isoformat() if c else None)(self.closure(day)),
            "niva": self.level(day),
            "nivaa_over_tid": [{"dato": d.isoformat(), "niva": n} for d, n in self.levels()],
            "stafetthaldarar": [
                {"rolle": h.role, "enhet": h.unit, "tjeneste": h.service, "fra": h.since.isoformat(),
                 "til": h.until.isoformat() if h.until else None} for h in self.holders()
            ],
            "samtykke": [c.as_dict() for c in sorted(self.consents.values(), key=lambda c: c.valid_from)],
            "stafettloggar": [d.doc_date.isoformat() for d in self.logs()],
            "overgangar": [
                {"dato": d.doc_date.isoformat(), "fra": d.facts.fra_enhet if d.facts else None,
                 "til": d.facts.til_enhet if d.facts else None} for d in self.transitions()
            ],
            "siste_stafettlogg": log.doc_date.isoformat() if log else None,
            "neste_mote": (lambda m: m.isoformat() if m else None)(self.next_meeting()),
            "ufullstendig": self.legacy,
        }


def _consent(c: SamtykkeFakta, source: LedgerDoc) -> Consent:
    return Consent(c.id, c.type, tuple(c.tjenester), c.gyldig_fra, c.gyldig_til, source)


def ledgers_from_bodies(entries: Iterable[tuple[int, Mapping[str, Any]]]) -> dict[str, CaseLedger]:
    """Every case's ledger from journal entries (seq, body) of originals."""
    by_case: dict[str, list[LedgerDoc]] = {}
    for seq, body in entries:
        if body.get("kopi_av") is None:
            by_case.setdefault(body["sak"], []).append(LedgerDoc.from_body(seq, body))
    return {case: CaseLedger.build(case, docs) for case, docs in sorted(by_case.items())}
