"""The kinds' registry is complete: every kind has every part, and the engines find it there."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date, datetime
from pathlib import Path

import pytest

from bti_docs.archive.case_checks import CaseChecks, text_code
from bti_docs.archive.events import CaseState, events_for
from bti_docs.archive.ledger import CaseLedger
from bti_docs.config import Settings
from bti_docs.config.arkivering import Hendelse
from bti_docs.fields import Skjema
from bti_docs.forms.load import load_form
from bti_docs.kinds import KINDS, Form, Kind, registry
from bti_docs.kinds.case import Saksfakta
from bti_docs.kinds.shared import Finding
from bti_docs.render.context import DocumentMeta, build_context
from bti_docs.text.voice import has_text

ROOT = Path(__file__).resolve().parents[1]


def _valid_samples() -> dict[Skjema, list[Form]]:
    found: dict[Skjema, list[Form]] = {}
    for path in sorted((ROOT / "samples").rglob("*.yaml")):
        if "invalid" in path.parts:
            continue
        form = load_form(path).form
        if form is not None and not form.mistanke_vold_overgrep:
            found.setdefault(form.skjema, []).append(form)
    return found


SAMPLES = _valid_samples()


def test_every_kind_is_registered_once() -> None:
    assert set(KINDS) == set(Skjema)
    for skjema, kind in KINDS.items():
        assert kind.skjema is skjema
        literal = kind.model.model_fields["skjema"].annotation
        assert typing.get_args(literal) == (skjema,), f"{kind.model.__name__}.skjema is not Literal[{skjema}]"


def test_a_kind_has_no_optional_parts() -> None:
    """A Kind cannot be made without every part: no field has a default."""
    for f in dataclasses.fields(Kind):
        assert f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING, f.name


@pytest.mark.parametrize("part", [f.name for f in dataclasses.fields(Kind)])
def test_a_kind_without_a_part_cannot_be_made(part: str) -> None:
    """Leaving out any part (the case ledger's facts, the case checks, ...) fails where the kind is declared."""
    parts = {f.name: getattr(KINDS[Skjema.avslutning], f.name) for f in dataclasses.fields(Kind)}
    del parts[part]
    with pytest.raises(TypeError, match=part):
        Kind(**parts)


def test_only_the_log_is_a_log() -> None:
    """The archive files copies of the stafettlogg with other events; the log itself is its own snapshot."""
    assert [k.skjema for k in KINDS.values() if k.is_log] == [Skjema.stafettlogg]


def test_a_missing_kind_stops_the_import() -> None:
    """The registry refuses to exist with a kind missing, or a kind registered twice."""
    everything = tuple(KINDS.values())
    with pytest.raises(RuntimeError, match="samtykke"):
        registry(tuple(k for k in everything if k.skjema is not Skjema.samtykke))
    with pytest.raises(RuntimeError):
        registry((*everything, KINDS[Skjema.avslutning]))


@pytest.mark.parametrize("skjema", list(Skjema), ids=str)
def test_every_kind_has_every_part(skjema: Skjema) -> None:
    kind = KINDS[skjema]
    for lang in ("nn", "nb"):
        assert kind.title[lang].strip() and kind.dokumenttype[lang].strip(), lang
    assert all(kind.schema_title[lang].strip() and kind.schema_description[lang].strip() for lang in ("nn", "nb"))
    for part in (kind.rules, kind.context, kind.events, kind.handovers, kind.facts, kind.case_checks,
                 kind.case_events, kind.enkeltvedtak):
        assert callable(part)
    assert isinstance(kind.is_log, bool)
    # its templates, its blank form and its committed JSON Schema
    assert (ROOT / "templates/html" / f"{skjema.value}.html").is_file()
    assert (ROOT / "templates/docx" / f"{skjema.value}.docx").is_file()
    for lang in ("nn", "nb"):  # generated: python -m bti_docs.web.blank forms
        assert (ROOT / "forms" / lang / f"{skjema.value}.yaml").is_file()
        assert (ROOT / "forms/schema" / lang / f"{skjema.value}.schema.json").is_file()


@pytest.mark.parametrize("skjema", list(Skjema), ids=str)
def test_every_part_works_on_a_sample(skjema: Skjema, repo_settings: Settings) -> None:
    """Each kind's rules, render context and archive events run on a real sample of that kind."""
    forms = SAMPLES.get(skjema)
    assert forms, f"no valid sample of {skjema} in samples/"
    kind = KINDS[skjema]
    for form in forms:
        findings = kind.rules(form, repo_settings.kommune, date(2030, 1, 1))
        assert all(isinstance(f, Finding) for f in findings)
        events = events_for(form, CaseState(form.sak))
        assert events and all(isinstance(e, Hendelse) for e in events)
        assert all(isinstance(h, str) for h in kind.handovers(form))
        # its part of the case: facts for the ledger, its checks and events against a case with nothing filed
        assert isinstance(kind.facts(form), Saksfakta)
        assert kind.enkeltvedtak(form) in (True, False, None)
        case = CaseChecks(CaseLedger(form.sak), repo_settings, "nn", "f.yaml")
        kind.case_checks(form, case)
        assert all(has_text(text_code(p.code)) and p.message for p in case.problems), case.problems
        adjusted = kind.case_events(form, events, case)
        assert adjusted and all(isinstance(e, Hendelse) for e in adjusted)
        for lang in ("nn", "nb"):
            meta = DocumentMeta("Inderøy", "Lia barnehage", lang, "Test", datetime(2030, 1, 1),
                                "2b")
            data = build_context(form, meta)
            assert data["kind"] == skjema.value and data["title"] == kind.title[lang]
