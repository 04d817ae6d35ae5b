"""Overviews for leaders, from the case ledger: active cases per unit (``saker``) and what is due (``frister``).

Both read the journal only (read-only: they never take the archive lock). No names unless asked for
(``with_names``): the names come from the sidecars, which are the only place the archive keeps them.

What is due:

* ``aarleg_kopi``: yearly copy for a child with an enkeltvedtak, at the latest ``uker_etter`` weeks after the
  end of the barnehage year (units whose service is barnehage) or of the school year (every other unit), as
  set in ``arkivering.hendelser.aarlig.frister``. Owed for a year when the case was open with an enkeltvedtak
  at the year's end and no ``aarlig`` filing was made between the previous deadline and this one. The
  deadline that has passed without one is ``forfallen``; the next one is ``kjem``.
* ``inaktiv``: an open log with no activity (meeting, evaluation, new measure, log or transition filed) for
  ``oversikt.inaktiv_maaneder`` months.
* ``samtykke_ute``: a consent of an open log that has expired with no other consent of its type valid now.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from bti_docs.archive import fsutil
from bti_docs.archive.journal import DB_NAME, Journal, is_version, journal_dir
from bti_docs.archive.ledger import CaseLedger, ledgers_from_bodies
from bti_docs.archive.rules import Frist, Hendelse, Lang
from bti_docs.archive.sidecar import SIDECAR_SUFFIX, parse_sidecar
from bti_docs.config import Settings
from bti_docs.errors import ArchiveError
from bti_docs.text.voice import say

DueKind = Literal["aarleg_kopi", "inaktiv", "samtykke_ute"]


@dataclass(frozen=True)
class ActiveCase:
    sak: str
    enhet: str
    niva: int | None
    stafetthaldar: str  # role and unit of the holder(s) today; no names
    siste_stafettlogg: str | None
    neste_mote: str | None
    samtykke_gar_ut: str  # consents expiring within the warning period: "id (date)"
    namn: str | None = None


@dataclass(frozen=True)
class Due:
    type: DueKind
    sak: str
    enhet: str
    frist: str  # the deadline or the day it became due
    status: str  # forfallen / kjem
    merknad: str
    namn: str | None = None


def _ledgers(root: Path) -> dict[str, CaseLedger]:
    db = journal_dir(root.absolute()) / DB_NAME
    if not db.is_file():
        raise ArchiveError("archive.no_journal", root=root, name=DB_NAME)
    try:
        journal = Journal(db, readonly=True)
        try:
            return ledgers_from_bodies((e.seq, e.body) for e in journal.entries() if not is_version(e.body))
        finally:
            journal.close()
    except sqlite3.Error:
        raise ArchiveError("archive.journal_unreadable", root=root) from None


def _unit_of(ledger: CaseLedger, settings: Settings, today: date) -> str:
    """The case's unit: the holder's unit where it is one of the municipality's, else the latest log's."""
    for holder in ledger.holder(today):
        if holder.unit in settings.kommune.enheter:
            return holder.unit
    log = ledger.latest_log(today)
    return (log or ledger.docs[-1]).unit


def _service_of(unit: str, settings: Settings) -> str | None:
    configured = settings.kommune.enheter.get(unit)
    return configured.tjeneste.value if configured else None


def _name(root: Path, ledger: CaseLedger) -> str | None:
    for doc in reversed(ledger.docs):
        try:
            meta = parse_sidecar((root / (doc.relpath + SIDECAR_SUFFIX)).read_bytes())
        except (OSError, ValueError):
            continue
        person = meta.personopplysninger
        name = person.get("barn_navn") or person.get("gravid_navn")
        if name:
            return name
    return None


def _d(day: date | None) -> str | None:
    return day.isoformat() if day else None


def active_cases(root: Path, settings: Settings, today: date, *, within_days: int | None = None,
                 with_names: bool = False) -> list[ActiveCase]:
    """Open cases (a log or an establishing consent, not closed), by unit and case key."""
    rules = settings.data.arkivering
    days = within_days if within_days is not None else (rules.oversikt.samtykke_varsel_dagar if rules else 60)
    out: list[ActiveCase] = []
    for case, ledger in _ledgers(root).items():
        if ledger.status(today) != "open":
            continue
        holders = ", ".join(f"{h.role or '-'} ({h.unit})" for h in ledger.holder(today)) or "-"
        expiring = sorted(
            (c for c in ledger.consents.values()
             if c.withdrawn_on(today) is None and today <= c.valid_to <= today + timedelta(days=days)),
            key=lambda c: c.valid_to,
        )
        log = ledger.latest_log(today)
        out.append(ActiveCase(
            sak=case, enhet=_unit_of(ledger, settings, today), niva=ledger.level(today), stafetthaldar=holders,
            siste_stafettlogg=_d(log.doc_date if log else None), neste_mote=_d(ledger.next_meeting()),
            samtykke_gar_ut=", ".join(f"{c.id} ({c.valid_to.isoformat()})" for c in expiring),
            namn=_name(root, ledger) if with_names else None,
        ))
    return sorted(out, key=lambda a: (a.enhet, a.sak))


def _deadlines(frist: Frist, today: date) -> tuple[date, date, date]:
    """(year end before the last deadline, the last deadline before today, the next one on or after today)."""
    upcoming = frist.deadline(today.year)
    if upcoming < today:
        upcoming = frist.deadline(today.year + 1)
    passed = frist.deadline(upcoming.year - 1)
    return passed - timedelta(weeks=frist.uker_etter), passed, upcoming


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def due_list(root: Path, settings: Settings, today: date, *, inactive_months: int | None = None,
             with_names: bool = False) -> list[Due]:
    """Everything due or overdue in the archive's cases as of ``today`` (see the module docstring)."""
    rules = settings.data.arkivering
    if rules is None:
        raise ArchiveError("archive.rules_missing", source=settings.source)
    months = inactive_months if inactive_months is not None else rules.oversikt.inaktiv_maaneder
    lang: Lang = settings.lang
    yearly = rules.hendelser.aarlig
    out: list[Due] = []
    for case, ledger in _ledgers(root).items():
        if ledger.status(today) != "open":
            continue
        unit = _unit_of(ledger, settings, today)
        name = _name(root, ledger) if with_names else None
        log = ledger.latest_log(today)
        frist = yearly.deadline_for(_service_of(unit, settings))
        if yearly.aktiv and frist is not None and log is not None and log.enkeltvedtak:
            year_end, passed, upcoming = _deadlines(frist, today)
            done = [d.doc_date for d in ledger.docs if Hendelse.aarlig.value in d.events]
            what = word("barnehageaar" if _service_of(unit, settings) == "barnehage" else "skoleaar", lang)
            open_at_end = ledger.status(year_end) == "open" and ledger.logs(year_end)
            previous = frist.deadline(passed.year - 1)
            if open_at_end and not any(previous < d <= passed for d in done):
                out.append(Due("aarleg_kopi", case, unit, passed.isoformat(), "forfallen",
                               f"{what} {year_end.year - 1}/{year_end.year}", name))
            if not any(passed < d <= upcoming for d in done):
                end = upcoming - timedelta(weeks=frist.uker_etter)
                out.append(Due("aarleg_kopi", case, unit, upcoming.isoformat(), "kjem",
                               f"{what} {end.year - 1}/{end.year}", name))
        active = ledger.last_activity()
        limit = _add_months(today, months)
        if active is not None and active < limit:
            out.append(Due("inaktiv", case, unit, _add_months(active, -months).isoformat(), "forfallen",
                           f"{word('last_activity', lang)} {active.isoformat()}", name))
        for c in ledger.consents.values():
            if c.withdrawn_on(today) is not None or c.valid_to >= today:
                continue
            if any(o.type == c.type and o.valid_from <= today <= o.valid_to and o.withdrawn_on(today) is None
                   for o in ledger.consents.values()):
                continue
            out.append(Due("samtykke_ute", case, unit, c.valid_to.isoformat(), "forfallen",
                           f"{c.id} ({c.type})", name))
    return sorted(out, key=lambda d: (d.frist, d.enhet, d.sak, d.type))


# --- output -------------------------------------------------------------------------------------------

def word(key: str, lang: Lang) -> str:
    """A word in the overview's rows (a due item's type or status, a remark's parts), said in ``lang``."""
    return say(f"overview.{key}", lang)


def heading(field_name: str, lang: Lang) -> str:
    return say(f"overview.heading.{field_name}", lang)


Row = ActiveCase | Due


def _rows(items: Sequence[Row], with_names: bool) -> list[dict[str, Any]]:
    rows = [asdict(i) for i in items]
    if not with_names:
        for r in rows:
            r.pop("namn", None)
    return rows


def as_json(items: Sequence[Row], *, with_names: bool = False) -> str:
    return json.dumps(_rows(items, with_names), ensure_ascii=False, indent=2) + "\n"


def as_csv(items: Sequence[Row], kind: type[Row], *, with_names: bool = False) -> str:
    fields = [f for f in kind.__dataclass_fields__ if with_names or f != "namn"]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_rows(items, with_names))
    return buf.getvalue()


def as_table(items: Sequence[Row], kind: type[Row], lang: Lang, *, with_names: bool = False) -> str:
    """A plain text table with Norwegian headings, one row per item."""
    if not items:
        return word("none_cases" if kind is ActiveCase else "none_due", lang) + "\n"
    fields = [f for f in kind.__dataclass_fields__ if with_names or f != "namn"]
    cells = [[heading(f, lang) for f in fields]]
    for row in _rows(items, with_names):
        cells.append([word(str(row[f]), lang) if f in ("type", "status") else
                      ("-" if row[f] in (None, "") else str(row[f])) for f in fields])
    widths = [max(len(r[i]) for r in cells) for i in range(len(fields))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def render(items: Sequence[Row], kind: type[Row], fmt: str, lang: Lang, *, with_names: bool = False) -> str:
    """``items`` as ``table`` (Norwegian headings), ``json`` or ``csv``."""
    if fmt == "json":
        return as_json(items, with_names=with_names)
    if fmt == "csv":
        return as_csv(items, kind, with_names=with_names)
    return as_table(items, kind, lang, with_names=with_names)


def write_private(path: Path, text: str) -> None:
    """Write a new file readable by its owner only (0600): for output with names."""
    fsutil.write_new(path, text.encode("utf-8"), 0o600)


def write_due_list(root: Path, settings: Settings, today: date) -> list[Path]:
    """The watcher's daily due list: ``frister-<date>.csv`` and ``.json`` in ``oversikt.frister_mappe``.

    No names. Does nothing when no folder is set or today's list is written already; returns what it wrote.
    """
    rules = settings.data.arkivering
    if rules is None or rules.oversikt.frister_mappe is None:
        return []
    folder = settings.resolve(Path(rules.oversikt.frister_mappe))
    folder.mkdir(parents=True, exist_ok=True)
    due = due_list(root, settings, today)
    written: list[Path] = []
    for suffix, text in ((".csv", as_csv(due, Due)), (".json", as_json(due))):
        target = folder / f"frister-{today.isoformat()}{suffix}"
        if target.exists():
            continue
        fsutil.write_new(target, text.encode("utf-8"), 0o640)
        written.append(target)
    return written
