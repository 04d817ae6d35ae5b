"""The ``arkivering`` section: strict loading with line numbers, path templates that stay inside the root."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bti_docs.archive.rules import (
    ArchiveRules,
    Bevaring,
    Hendelse,
    PathValues,
    format_title,
    split_path,
    strongest,
)
from bti_docs.config import load_settings
from bti_docs.errors import ConfigError
from bti_docs.fields import CASE_KEY_PATTERN, Skjema
from bti_docs.i18n import Lang
from test_archive_support import BOKMAL_RULES, DEFAULT_RULES

BASE = DEFAULT_RULES.read_text(encoding="utf-8")


def load_text(tmp_path: Path, text: str) -> ArchiveRules:
    path = tmp_path / "archive_rules.yaml"
    path.write_text(text, encoding="utf-8")
    rules = load_settings(path).data.arkivering
    assert rules is not None
    return rules


def error_of(tmp_path: Path, text: str, lang: Lang = "nb") -> str:
    """The settings error in ``lang`` (the expected texts below are bokmål)."""
    with pytest.raises(ConfigError) as info:
        load_text(tmp_path, text)
    return info.value.render(lang)


def line_with(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_the_shipped_rules_load_with_every_event() -> None:
    rules = load_settings(DEFAULT_RULES).data.arkivering
    assert rules is not None
    assert set(type(rules.hendelser).model_fields) == {h.value for h in Hendelse}
    assert all(rules.rule(h).aktiv for h in Hendelse)
    aarlig = rules.hendelser.aarlig
    assert aarlig.frister is not None
    # four weeks after the end of the barnehage year (31 July) and of the school year (20 June)
    assert aarlig.deadline_for("barnehage").deadline(2026) == date(2026, 8, 28)  # type: ignore[union-attr]
    assert aarlig.deadline_for("skole").deadline(2026) == date(2026, 7, 18)  # type: ignore[union-attr]


def test_the_second_municipality_loads_in_bokmal_with_consent_age_16() -> None:
    s = load_settings(BOKMAL_RULES)
    assert s.kommune.malform.value == "nb"
    assert s.kommune.samtykkealder == 16
    rules = s.data.arkivering
    assert rules is not None
    assert not rules.rule(Hendelse.overgang).aktiv
    assert rules.path_template(Hendelse.stafettholderbytte) != rules.sti
    assert rules.retention(Hendelse.periodisk) == Bevaring(vedtak="K", kassasjonsfrist_aar=10,
                                                            hjemmel="Bevarings- og kassasjonsplan for Nordli, pkt. 4")


@pytest.mark.parametrize(
    ("old", "new", "needle", "expected"),
    [
        ("{dato}_{hendelse}", "{navn}_{hendelse}", "{navn}", "ukjent plassholder {navn}"),
        ("{dato}_{hendelse}", "{dato:%Y}_{hendelse}", "{dato:%Y}", "format eller konvertering"),
        ('sti: "{kommunenummer}', 'sti: "../{kommunenummer}', "sti: \"../", "ugyldig sti"),
        ('sti: "{kommunenummer}', 'sti: "/srv/{kommunenummer}', "sti: \"/srv", "ugyldig sti"),
        ("{sak}/{aar}", "{aar}", "sti: ", "må ha {sak}"),
        ("_{lopenummer}.pdf", "_{lopenummer}.txt", "{lopenummer}.txt", "slutte med «.pdf»"),
        ("{sak}/{aar}/", "{sak}/{lopenummer}/", "{sak}/{lopenummer}/", "bare stå i filnavnet"),
        ("{sak}/{aar}/", "{sak}/{{aar}}/", "{{aar}}", "bare ha bokstavene"),
        ("{sak}/{aar}/", "{sak}/.skjult/", ".skjult", "ugyldig sti"),
        ("    periodisk: {dokumenter: [skjema]}", "    periodisk: {dokumenter: [stafettlogg]}",
         "periodisk: {dokumenter: [stafettlogg]}", "må ha med «skjema»"),
        ("    periodisk: {dokumenter: [skjema]}", "    periodisk: {dokumenter: [skjema], mappe: x}",
         "mappe: x", "Ukjent felt"),
        ("    periodisk: {dokumenter: [skjema]}", "    periodiske: {dokumenter: [skjema]}", "periodiske:",
         "Ukjent felt"),
        ("dag: 20,", "dag: 31,", "maaned: 6, dag: 31", "finnes ikke hvert år"),
        ("    undringssamtale: {dokumenter: [skjema]}",
         "    undringssamtale: {dokumenter: [skjema], frist: {maaned: 6, dag: 1}}", "dag: 1}}",
         "Ukjent felt"),
        ("bevaring: {vedtak: B}", "bevaring: {vedtak: K}", "bevaring: {vedtak: K}", "krever kassasjonsfrist_aar"),
        ("{skjemanavn} ({hendelsenavn})", "{skjemanavn} {barn}", "{barn}", "ukjent plassholder {barn}"),
    ],
)
def test_bad_rules_are_errors_that_name_the_line(tmp_path: Path, old: str, new: str, needle: str,
                                                  expected: str) -> None:
    assert old in BASE
    text = BASE.replace(old, new, 1)
    message = error_of(tmp_path, text)
    assert expected in message
    assert f"linje {line_with(text, needle)}:" in message


def test_a_settings_error_is_said_in_the_readers_language_only(tmp_path: Path) -> None:
    text = BASE.replace("{sak}/{aar}", "{aar}", 1).replace("bevaring: {vedtak: B}", "bevaring: {vedtak: K}", 1)
    text = text.replace("{skjemanavn} ({hendelsenavn})", "{skjemanavn} {barn}", 1)
    nn, nb = error_of(tmp_path, text, "nn"), error_of(tmp_path, text, "nb")
    assert "innstillingane er ugyldige" in nn and "ukjend plasshaldar {barn}" in nn and "krev kassasjonsfrist" in nn
    assert "innstillingene er ugyldige" in nb and "ukjent plassholder {barn}" in nb and "krever kassasjonsfrist" in nb
    assert "/ innstillingene" not in nn and "dokumenter om ett barn" not in nn and "ikkje" not in nb


def test_an_event_turned_off_still_needs_no_frist_but_aarlig_on_does(tmp_path: Path) -> None:
    text = re.sub(r"    aarlig:\n      dokumenter: \[skjema\]\n(.*\n)*?        skoleaar: .*\n",
                  "    aarlig: {dokumenter: [skjema]}\n", BASE)
    message = error_of(tmp_path, text)
    assert "hendelsen aarlig må ha frist" in message
    assert f"linje {line_with(text, 'aarlig: {dokumenter')}:" in message
    rules = load_text(tmp_path, text.replace("aarlig: {dokumenter", "aarlig: {aktiv: false, dokumenter"))
    assert not rules.rule(Hendelse.aarlig).aktiv


def test_the_title_never_has_the_child_and_follows_the_malform() -> None:
    rules = load_settings(DEFAULT_RULES).data.arkivering
    assert rules is not None
    titles = [format_title(rules.tittel, kind=Skjema.avslutning, event=Hendelse.stafettholderbytte,
                           unit_name="Fjordvik skule", municipality="Fjordvik kommune", day=date(2024, 8, 15),
                           lang=lang) for lang in ("nn", "nb")]
    assert titles == ["Avslutting av stafettlogg (skifte av stafetthaldar), Fjordvik skule, 15.08.2024",
                      "Avslutning av stafettlogg (skifte av stafettholder), Fjordvik skule, 15.08.2024"]


def test_strongest_retention_keeps_longest() -> None:
    k5, k10, b = Bevaring(vedtak="K", kassasjonsfrist_aar=5), Bevaring(vedtak="K", kassasjonsfrist_aar=10), \
        Bevaring(vedtak="B")
    assert strongest([k5, k10]) == k10
    assert strongest([k5, b, k10]) == b


@pytest.mark.parametrize("bad", ["", "/a/b.pdf", "a/../b.pdf", "a//b.pdf", "a/./b.pdf", "a\\b.pdf", ".x/b.pdf"])
def test_split_path_refuses_paths_that_could_leave_the_root(bad: str) -> None:
    with pytest.raises(ValueError):
        split_path(bad)


@given(
    unit=st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,20}\Z"),
    case=st.from_regex(r"\A" + CASE_KEY_PATTERN.strip("^$") + r"\Z").filter(lambda s: not re.search(r"\d{11}", s)),
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    number=st.integers(min_value=1, max_value=999),
)
def test_filled_templates_stay_inside_the_root(unit: str, case: str, day: date, number: int) -> None:
    rules = load_settings(DEFAULT_RULES).data.arkivering
    assert rules is not None
    values = PathValues("4699", unit, case, day, "stafettlogg", "overgang")
    parts = split_path(values.fill(rules.sti, number))
    assert parts[2] == case and parts[-1].endswith(f"_{number:03d}.pdf")


def test_an_event_missing_from_the_file_takes_its_default(tmp_path: Path) -> None:
    """Files written before an event existed keep loading (here: no periodisk and no nivaaendring)."""
    from bti_docs.archive.rules import Dokumentrolle, Hendelse
    from bti_docs.config import load_settings

    path = tmp_path / "archive_rules.yaml"
    path.write_text(BASE.replace("    periodisk: {dokumenter: [skjema]}\n", "", 1), encoding="utf-8")
    rules = load_settings(path).data.arkivering
    assert rules is not None
    assert rules.rule(Hendelse.periodisk).dokumenter == [Dokumentrolle.skjema]
    assert rules.rule(Hendelse.nivaaendring).aktiv
    assert rules.rule(Hendelse.overgang).dokumenter == [Dokumentrolle.skjema, Dokumentrolle.stafettlogg]
