"""BTI rules on real YAML files: a valid sample is changed in one place and validated again."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from bti_docs import api
from bti_docs.config import Settings, load_settings
from bti_docs.errors import ExitCode, Severity

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 26)
LOG_L2 = ROOT / "samples/sak-a/05-stafettlogg-niva2.yaml"
CONSENT = ROOT / "samples/sak-a/02-samtykke-opprette-stafettlogg.yaml"

Mutation = Callable[[dict[str, Any]], None]


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(ROOT / "archive_rules.yaml")


def settings_with(tmp_path: Path, **kommune: object) -> Settings:
    data = yaml.safe_load((ROOT / "archive_rules.yaml").read_text(encoding="utf-8"))
    data["kommune"].update(kommune)
    f = tmp_path / "rules.yaml"
    f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_settings(f)


def run(tmp_path: Path, source: Path, change: Mutation, settings: Settings) -> api.Validated:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    change(data)
    f = tmp_path / source.name
    f.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return api.validate_file(f, settings, today=TODAY)


def errors(result: api.Validated) -> set[str]:
    return {p.code for p in result.problems if p.severity is Severity.error}


def warnings(result: api.Validated) -> set[str]:
    return {p.code for p in result.problems if p.severity is Severity.warning}


def test_unchanged_samples_are_valid(tmp_path: Path, settings: Settings) -> None:
    for source in (LOG_L2, CONSENT):
        result = run(tmp_path, source, lambda d: None, settings)
        assert result.ok, result.problems


def test_violence_or_abuse_is_refused_and_nothing_else_is_said(tmp_path: Path, settings: Settings) -> None:
    result = run(tmp_path, LOG_L2, lambda d: d.update(mistanke_vold_overgrep=True), settings)
    assert [p.code for p in result.problems] == ["case_violence_abuse"]
    assert "barnevernet" in result.problems[0].message
    assert result.exit_code is ExitCode.refused_case


# --- consent ------------------------------------------------------------------------------------------


def _only_establishing(d: dict[str, Any]) -> None:
    d["samtykker"] = [c for c in d["samtykker"] if c["type"] == "opprette_stafettlogg"]
    d["deltakere"] = []


def test_level_2_needs_cooperation_consent(tmp_path: Path, settings: Settings) -> None:
    assert "level_needs_cooperation_consent" in errors(run(tmp_path, LOG_L2, _only_establishing, settings))


def test_expired_consent_names_the_date(tmp_path: Path, settings: Settings) -> None:
    def expire(d: dict[str, Any]) -> None:
        for c in d["samtykker"]:
            if c["type"] == "opprette_stafettlogg":
                c["gyldig_til"] = "2025-11-30"

    result = run(tmp_path, LOG_L2, expire, settings)
    problem = next(p for p in result.problems if p.code == "consent_expired")
    assert "2025-11-30" in problem.message
    assert problem.path == "samtykker"


def test_every_participating_service_must_be_covered(tmp_path: Path, settings: Settings) -> None:
    def add_barnevern(d: dict[str, Any]) -> None:
        d["deltakere"].append({"navn": "Berit Barnevernsen", "rolle": "saksbehandlar", "tjeneste": "barnevern"})

    result = run(tmp_path, LOG_L2, add_barnevern, settings)
    bad = [p for p in result.problems if p.code == "service_not_covered"]
    assert len(bad) == 1 and bad[0].path.endswith(".tjeneste") and "barnevern" in bad[0].message


def _set_child_age(d: dict[str, Any], years: int) -> None:
    doc = date.fromisoformat(str(d["dato"]))
    d["barn"]["fodselsdato"] = doc.replace(year=doc.year - years).isoformat()
    d["barn"].pop("fodselsnummer", None)


def test_consent_age_is_configuration(tmp_path: Path, settings: Settings) -> None:
    def youth_consents_alone(d: dict[str, Any]) -> None:
        _set_child_age(d, 15)
        d["gitt_av"] = [{"navn": "Tiril Testesen", "rolle": "ungdom", "signert_dato": d["gyldig_fra"]}]

    assert run(tmp_path, CONSENT, youth_consents_alone, settings).ok
    at16 = settings_with(tmp_path, samtykkealder=16)
    assert "consent_by_child_under_age" in errors(run(tmp_path, CONSENT, youth_consents_alone, at16))


def test_from_consent_age_the_young_person_consents(tmp_path: Path, settings: Settings) -> None:
    def parents_only(d: dict[str, Any]) -> None:
        _set_child_age(d, 15)
        d["gitt_av"] = [g for g in d["gitt_av"] if g["rolle"] != "ungdom"]

    assert "consent_by_parents_for_youth" in errors(run(tmp_path, CONSENT, parents_only, settings))


def test_consent_age_boundary_is_the_birthday(tmp_path: Path, settings: Settings) -> None:
    def day_before_15th_birthday(d: dict[str, Any]) -> None:
        doc = date.fromisoformat(str(d["dato"]))
        d["barn"]["fodselsdato"] = date(doc.year - 15, doc.month, doc.day + 1 if doc.day < 28 else 1).isoformat()
        d["barn"].pop("fodselsnummer", None)
        d["gitt_av"] = [{"navn": "Tiril Testesen", "rolle": "ungdom", "signert_dato": d["gyldig_fra"]}]

    assert "consent_by_child_under_age" in errors(run(tmp_path, CONSENT, day_before_15th_birthday, settings))


# --- holders ------------------------------------------------------------------------------------------


def _two_holders(division: bool) -> Mutation:
    def change(d: dict[str, Any]) -> None:
        first = d["stafettholdere"][0]
        second = {**first, "navn": "Helga Helsesjukepleiar", "enhet": "Fjordvik helsestasjon"}
        if division:
            first["ansvarsfordeling"] = "Pedagogisk leiar koordinerer møta."
            second["ansvarsfordeling"] = "Helsesjukepleiar følgjer opp heimen."
        d["stafettholdere"] = [first, second]

    return change


def test_two_holders_need_a_written_division(tmp_path: Path, settings: Settings) -> None:
    assert "holder_two_without_division" in errors(run(tmp_path, LOG_L2, _two_holders(False), settings))
    assert run(tmp_path, LOG_L2, _two_holders(True), settings).ok


def _handover(until: str, accepted: str | None) -> Mutation:
    def change(d: dict[str, Any]) -> None:
        old = d["stafettholdere"][0]
        old["til_dato"] = until
        new = {"navn": "Kari Kontaktlærar", "rolle": "kontaktlærar", "enhet": "Fjordvik skule",
               "fra_dato": "2026-06-10"}
        if accepted:
            new["akseptert_dato"] = accepted
        d["stafettholdere"] = [old, new]
        d["dato"] = "2026-06-20"

    return change


def test_handover_day_is_not_two_holders(tmp_path: Path, settings: Settings) -> None:
    result = run(tmp_path, LOG_L2, _handover("2026-06-15", "2026-06-15"), settings)
    assert not errors(result) & {"holder_two_without_division", "holder_gap", "holder_missing_active"}


def test_the_baton_is_never_dropped(tmp_path: Path, settings: Settings) -> None:
    result = run(tmp_path, LOG_L2, _handover("2026-06-12", "2026-06-15"), settings)
    gap = next(p for p in result.problems if p.code == "holder_gap")
    assert gap.path == "stafettholdere[0].til_dato" and "2026-06-15" in gap.message


def test_a_new_holder_must_have_accepted(tmp_path: Path, settings: Settings) -> None:
    result = run(tmp_path, LOG_L2, _handover("2026-06-15", None), settings)
    assert "holder_not_accepted" in errors(result)


def test_always_a_holder(tmp_path: Path, settings: Settings) -> None:
    def all_ended(d: dict[str, Any]) -> None:
        for h in d["stafettholdere"]:
            h["til_dato"] = "2025-12-01"

    assert "holder_missing_active" in errors(run(tmp_path, LOG_L2, all_ended, settings))


# --- dates and advice ---------------------------------------------------------------------------------


def test_no_meeting_held_in_the_future(tmp_path: Path, settings: Settings) -> None:
    def future(d: dict[str, Any]) -> None:
        d["moter"][0]["dato"] = "2027-01-05"

    result = run(tmp_path, LOG_L2, future, settings)
    assert [p.path for p in result.problems if p.code == "meeting_in_future"] == ["moter[0].dato"]


def test_a_goal_without_a_deadline_is_advice_not_an_error(tmp_path: Path, settings: Settings) -> None:
    def no_deadline(d: dict[str, Any]) -> None:
        d["delmal"][0].pop("frist", None)

    result = run(tmp_path, LOG_L2, no_deadline, settings)
    assert result.ok and "goal_without_deadline" in warnings(result)


def test_child_of_seven_without_recorded_view_gets_advice(tmp_path: Path, settings: Settings) -> None:
    def seven(d: dict[str, Any]) -> None:
        _set_child_age(d, 7)
        d.pop("barnets_medvirkning", None)

    result = run(tmp_path, LOG_L2, seven, settings)
    assert "child_view_missing" in warnings(result)


def test_national_id_must_match_birth_date(tmp_path: Path, settings: Settings) -> None:
    def shift_birth(d: dict[str, Any]) -> None:
        born = date.fromisoformat(str(d["barn"]["fodselsdato"]))
        d["barn"]["fodselsdato"] = born.replace(day=2 if born.day != 2 else 3).isoformat()

    data = yaml.safe_load(LOG_L2.read_text(encoding="utf-8"))
    assert data["barn"].get("fodselsnummer"), "the sample should carry a synthetic id number"
    assert "fnr_birth_date_mismatch" in errors(run(tmp_path, LOG_L2, shift_birth, settings))


def test_unknown_unit_lists_the_known_ones(tmp_path: Path, settings: Settings) -> None:
    result = run(tmp_path, LOG_L2, lambda d: d.update(enhet="ukjend-eining"), settings)
    problem = next(p for p in result.problems if p.code == "unknown_unit")
    assert "solsida-barnehage" in problem.message


def test_messages_follow_the_municipalitys_malform(tmp_path: Path) -> None:
    nb = settings_with(tmp_path, malform="nb")
    result = run(tmp_path, LOG_L2, _only_establishing, nb)
    assert any("Innhent nytt samtykke" in p.message for p in result.problems)


def test_documents_show_unit_names_not_ids(settings: Settings) -> None:
    from bti_docs.render.context import with_unit_names

    result = api.validate_file(LOG_L2, settings, today=TODAY)
    assert result.form is not None
    names = {k: v.navn for k, v in settings.kommune.enheter.items()}
    shown = with_unit_names(result.form, names)
    assert isinstance(shown, type(result.form))
    units = {h.enhet for h in shown.stafettholdere} | {d.enhet for d in shown.deltakere if d.enhet}  # type: ignore[union-attr]
    assert units and units <= set(names.values())
    assert shown.enhet == result.form.enhet  # the header's unit id stays an id (it is the archive key)


def test_a_service_must_be_covered_from_the_day_it_joined(tmp_path: Path, settings: Settings) -> None:
    def joined_before_consent(d: dict[str, Any]) -> None:
        ppt = next(p for p in d["deltakere"] if p["tjeneste"] == "ppt")
        ppt["fra_dato"] = "2025-03-01"  # the cooperation consent is valid from 2025-04-24

    result = run(tmp_path, LOG_L2, joined_before_consent, settings)
    assert any(p.code == "service_not_covered" and p.path.startswith("deltakere[") for p in result.problems)


def test_a_current_holders_service_must_be_covered(tmp_path: Path, settings: Settings) -> None:
    def holder_from_skole(d: dict[str, Any]) -> None:
        d["stafettholdere"][0]["tjeneste"] = "skole"  # no consent in this log covers skole

    result = run(tmp_path, LOG_L2, holder_from_skole, settings)
    assert "stafettholdere[0].tjeneste" in [p.path for p in result.problems if p.code == "service_not_covered"]


def test_a_gap_is_found_whatever_the_order_of_the_holders(tmp_path: Path, settings: Settings) -> None:
    def successor_listed_first_with_early_start(d: dict[str, Any]) -> None:
        old = d["stafettholdere"][0]
        old["til_dato"] = "2026-08-14"
        new = {"navn": "Kari Kontaktlærar", "rolle": "kontaktlærar", "enhet": "Fjordvik skule",
               "fra_dato": "2026-06-01", "akseptert_dato": "2026-08-20"}
        d["stafettholdere"] = [new, old]
        d["dato"] = "2026-09-01"

    result = run(tmp_path, LOG_L2, successor_listed_first_with_early_start, settings)
    gap = [p for p in result.problems if p.code == "holder_gap"]
    assert [p.path for p in gap] == ["stafettholdere[1].til_dato"] and "2026-08-20" in gap[0].message


def test_a_holder_must_hold_the_baton_at_least_one_day(tmp_path: Path, settings: Settings) -> None:
    def zero_days(d: dict[str, Any]) -> None:
        h = d["stafettholdere"][0]
        h["til_dato"] = h.get("akseptert_dato") or h["fra_dato"]

    assert "holder_ends_before_start" in errors(run(tmp_path, LOG_L2, zero_days, settings))
