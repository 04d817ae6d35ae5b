"""Which events a form is (pure), and which cases are due for their yearly filing."""

from __future__ import annotations

from datetime import date

import pytest

from bti_docs.archive.events import CaseRecord, CaseState, events_for, yearly_due
from bti_docs.archive.rules import Frist, Hendelse
from bti_docs.errors import ArchiveError
from bti_docs.kinds.stafettlogg import Stafettlogg
from bti_docs.kinds.stafettlogg import handovers as handovers_in
from test_archive_support import form, handover_holders, settings

S = settings()
EMPTY = CaseState("SAK-2024-0001")
H = Hendelse


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("referat_undringssamtale", [H.undringssamtale]),
        ("samtykke", [H.nytt_samtykke]),
        ("tilbaketrekking_samtykke", [H.samtykke_trukket]),
        ("avslutning", [H.avslutning]),
        ("overgangsskjema", [H.overgang, H.stafettholderbytte]),
        ("stafettlogg", [H.periodisk]),
    ],
)
def test_each_kind_has_its_event(kind: str, expected: list[Hendelse]) -> None:
    assert events_for(form(kind, S), EMPTY) == expected


def test_a_log_with_a_new_handover_is_a_holder_change_once() -> None:
    log = form("stafettlogg", S, stafettholdere=handover_holders(), dato="2024-09-01")
    assert isinstance(log, Stafettlogg)
    assert handovers_in(log) == ["2024-08-15"]
    assert events_for(log, EMPTY) == [H.stafettholderbytte]
    recorded = CaseState("SAK-2024-0001", frozenset({"2024-08-15"}), has_log=True)
    assert events_for(log, recorded) == [H.periodisk]


def test_two_holders_at_once_is_no_handover() -> None:
    holders = [
        {"navn": "A", "enhet": "E", "fra_dato": "2024-01-10", "ansvarsfordeling": "A: skule"},
        {"navn": "B", "enhet": "F", "fra_dato": "2024-02-01", "akseptert_dato": "2024-02-01",
         "ansvarsfordeling": "B: heim"},
    ]
    log = form("stafettlogg", S, stafettholdere=holders)
    assert isinstance(log, Stafettlogg)
    assert handovers_in(log) == []
    assert events_for(log, EMPTY) == [H.periodisk]


def test_yearly_override_needs_an_enkeltvedtak_and_keeps_a_new_handover() -> None:
    plain = form("stafettlogg", S)
    with pytest.raises(ArchiveError, match="enkeltvedtak"):
        events_for(plain, EMPTY, event_override="aarlig")
    vedtak = form("stafettlogg", S, enkeltvedtak=True, stafettholdere=handover_holders(), dato="2024-09-01")
    assert events_for(vedtak, EMPTY, event_override="aarlig") == [H.aarlig, H.stafettholderbytte]


def test_overrides_that_do_not_fit_are_refused() -> None:
    with pytest.raises(ArchiveError, match="passar ikkje"):
        events_for(form("samtykke", S), EMPTY, event_override="avslutning")
    with pytest.raises(ArchiveError, match="passar ikkje"):
        events_for(form("stafettlogg", S), EMPTY, event_override="overgang")
    with pytest.raises(ArchiveError, match="Ukjend hending"):
        events_for(form("stafettlogg", S), EMPTY, event_override="ferie")
    assert events_for(form("overgangsskjema", S), EMPTY, event_override="stafettholderbytte") == \
        [H.stafettholderbytte, H.overgang]


# --- yearly -----------------------------------------------------------------------------------------

FRIST = Frist(maaned=6, dag=20, uker_etter=4)  # deadline 18 July


def log(seq: int, day: str, *, vedtak: bool = True, events: tuple[str, ...] = ("periodisk",)) -> CaseRecord:
    return CaseRecord(seq, date.fromisoformat(day), "stafettlogg", "fjordvik-skule", events, vedtak)


def test_frist_is_weeks_after_the_end_of_the_year() -> None:
    assert FRIST.deadline(2025) == date(2025, 7, 18)


def test_due_lists_open_cases_with_enkeltvedtak_without_this_years_filing() -> None:
    records = {
        "SAK-A": [log(1, "2024-03-01")],  # due, and last year's deadline (2024-07-18) was missed too
        "SAK-B": [log(2, "2025-01-10"), log(3, "2025-06-25", events=("aarlig",))],  # done this cycle
        "SAK-C": [log(4, "2025-02-01", vedtak=False)],  # no enkeltvedtak
        "SAK-D": [log(5, "2024-03-01"), CaseRecord(6, date(2024, 11, 1), "avslutning", "x", ("avslutning",))],
        "SAK-E": [log(7, "2025-03-01")],  # new this cycle: due, not overdue
    }
    due = yearly_due(records, FRIST, date(2025, 6, 1))
    assert [(d.case, d.deadline, d.overdue) for d in due] == [
        ("SAK-A", date(2025, 7, 18), True),
        ("SAK-E", date(2025, 7, 18), False),
    ]
    # after the deadline the next cycle starts: B is due again, A's filing is still missing
    later = yearly_due(records, FRIST, date(2025, 7, 19))
    assert [(d.case, d.deadline, d.last_yearly) for d in later] == [
        ("SAK-A", date(2026, 7, 18), None),
        ("SAK-B", date(2026, 7, 18), date(2025, 6, 25)),
        ("SAK-E", date(2026, 7, 18), None),
    ]


def test_a_reopened_case_is_due_again() -> None:
    records = {"SAK-F": [log(1, "2024-03-01"),
                         CaseRecord(2, date(2024, 11, 1), "avslutning", "x", ("avslutning",)),
                         CaseRecord(3, date(2025, 2, 1), "samtykke", "x", ("nytt_samtykke",))]}
    assert [d.case for d in yearly_due(records, FRIST, date(2025, 6, 1))] == ["SAK-F"]
