"""DOCX working copies: every kind in nynorsk and bokmål, from the test forms and from every sample, user
text kept as data, valid packages, and (when LibreOffice is installed) a real conversion to PDF."""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import docx
import pytest
from markupsafe import Markup
from pydantic import TypeAdapter

from bti_docs.errors import RefusedCaseError, RenderError
from bti_docs.fields import Skjema
from bti_docs.forms.load import load_form
from bti_docs.kinds import Form
from bti_docs.kinds.avslutning import Avslutning
from bti_docs.kinds.overgangsskjema import Overgangsskjema
from bti_docs.kinds.referat_undringssamtale import ReferatUndringssamtale
from bti_docs.kinds.samtykke import Samtykke
from bti_docs.kinds.stafettlogg import Stafettlogg
from bti_docs.kinds.tilbaketrekking_samtykke import TilbaketrekkingSamtykke
from bti_docs.render import docx as docx_render
from bti_docs.render.context import DocumentMeta, build_context, format_date
from bti_docs.render.docx import render_context, render_docx, template_path
from bti_docs.render.labels import Lang, enum_label, label
from bti_docs.rules.fnr import control_digits_valid
from tools import pdftotext

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANGS: tuple[Lang, ...] = ("nn", "nb")
SEALED_AT = datetime(2025, 4, 2, 14, 5, 9, tzinfo=timezone(timedelta(hours=2)))

# Markup and template code in user text: each must come out literally.
INJECTIONS = (
    '<img src="file:///etc/passwd">',
    "<script>alert(1)</script>",
    "& < > \" '",
    "{{ 7*7 }}",
    '{% include "x" %}',
    "{_{ 7*7 }_}",
    "{# borte #}",
    "</w:t></w:r></w:p><w:p><w:r><w:t>",
)
HOSTILE = " ".join(INJECTIONS)
HOSTILE_NAME = "<b>Ansvar</b> {{ 7*7 }} & co"


def synthetic_fnr(birth: date, individual: int) -> str:
    """A synthetic test number (month + 80) with valid mod-11 control digits."""
    weights1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
    weights2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    for number in range(individual, 1000):
        base = f"{birth.day:02d}{birth.month + 80:02d}{birth.year % 100:02d}{number:03d}"
        k1 = (11 - sum(w * int(d) for w, d in zip(weights1, base, strict=True)) % 11) % 11
        if k1 == 10:
            continue
        k2 = (11 - sum(w * int(d) for w, d in zip(weights2, base + str(k1), strict=True)) % 11) % 11
        if k2 == 10:
            continue
        return f"{base}{k1}{k2}"
    raise AssertionError("no synthetic number")


FNR = synthetic_fnr(date(2019, 5, 14), 512)
CHILD_FIRST, CHILD_LAST = "Mira", "Prøvesen"
CHILD = {"fornavn": CHILD_FIRST, "etternavn": CHILD_LAST, "fodselsdato": "2019-05-14", "fodselsnummer": FNR}
HEAD = {"sak": "TEST-2025-0042", "enhet": "lia-barnehage", "dato": "2025-04-02", "barn": CHILD}
CONSENT = {
    "samtykke_id": "opprette-2025-04",
    "type": "opprette_stafettlogg",
    "tjenester": ["barnehage", "helsestasjon"],
    "gyldig_fra": "2025-03-01",
    "gyldig_til": "2027-02-28",
}
HOLDER = {"navn": "Pia Pedagog", "rolle": "pedagogisk leiar", "tjeneste": "barnehage", "enhet": "Lia barnehage"}
ATTENTION = f"Linje ein om leiken.\nLinje to om samlinga.\n\nNytt avsnitt: {HOSTILE}"

FORMS: dict[str, dict[str, Any]] = {
    "referat_undringssamtale": {
        **HEAD,
        "skjema": "referat_undringssamtale",
        "samtaler": [{"type": "med_foresatte", "dato": "2025-03-20", "deltakere": [HOLDER, {"navn": HOSTILE_NAME}]}],
        "undring": HOSTILE,
        "barnets_syn": "Mira seier ho likar å teikne.",
        "konklusjon": "niva1_stafettlogg",
        "oppsummering": "Vi startar ein stafettlogg.",
        "neste_steg": [HOSTILE, "Møte om stafettlogg."],
    },
    "samtykke": {
        **HEAD,
        **CONSENT,
        "skjema": "samtykke",
        "gitt_av": [{"navn": HOSTILE_NAME, "rolle": "foresatt"}],
        "opplysninger_som_kan_deles": HOSTILE,
        "avgitt_form": "muntlig_med_referat",
        "referat": HOSTILE,
        "barnets_medvirkning": "Mira fekk forklart samtykket med bilete.",
    },
    "tilbaketrekking_samtykke": {
        **HEAD,
        "skjema": "tilbaketrekking_samtykke",
        "samtykke_id": "opprette-2025-04",
        "trukket_av": {"navn": HOSTILE_NAME, "rolle": "foresatt"},
        "krav_om_sletting": True,
        "merknad": HOSTILE,
        "barnets_medvirkning": "Mira veit at loggen blir avslutta.",
    },
    "stafettlogg": {
        **HEAD,
        "skjema": "stafettlogg",
        "niva": 1,
        "stafettholdere": [
            {
                **HOLDER,
                "fra_dato": "2025-03-01",
                "akseptert_dato": "2025-03-01",
                "ansvarsfordeling": "Pia held dagtavla og samtalane.",
            },
            {
                "navn": "Åse Tidlegare",
                "rolle": "styrar",
                "tjeneste": "barnehage",
                "enhet": "Lia barnehage",
                "fra_dato": "2025-01-06",
                "til_dato": "2025-03-01",
                "ansvarsfordeling": "Åse hadde ansvaret fram til mars.",
            },
        ],
        "foresatte": [{"navn": "Tone Prøvesen", "rolle": "mor"}],
        "deltakere": [{"navn": "Per PPT", "tjeneste": "ppt", "enhet": "PPT Fjordvik"}],
        "oppmerksomhet": ATTENTION,
        "felles_forstaelse": HOSTILE,
        "hovedmal": {"beskrivelse": "Mira leikar med andre barn.", "frist": "2025-12-19"},
        "delmal": [
            {"id": "seie-fra", "beskrivelse": "Delmål A: Mira seier frå med ord.", "frist": "2025-06-20"},
            {"id": "leik", "beskrivelse": f"Delmål B: {HOSTILE}"},
        ],
        "tiltak": [
            {
                "beskrivelse": "Tiltak A: dagtavle med bilete.",
                "ansvarlig": "Pia Pedagog",
                "arena": "enhet",
                "periode": {"fra": "2025-03-03", "til": "2025-06-20"},
                "delmal": "seie-fra",
                "evalueringer": [
                    {"dato": "2025-03-25", "tekst": "Evaluering A1: fungerer.", "av": "Pia Pedagog"},
                    {"dato": "2025-03-30", "tekst": f"Evaluering A2: {HOSTILE}"},
                ],
            },
            {
                "beskrivelse": f"Tiltak B: {HOSTILE}",
                "ansvarlig": HOSTILE_NAME,
                "arena": "hjemme",
                "periode": {"fra": "2025-03-03"},
                "delmal": "leik",
            },
            {
                "beskrivelse": "Tiltak C: fast leikepar.",
                "ansvarlig": "Pia Pedagog",
                "arena": "barnet",
                "periode": {"fra": "2025-03-10"},
                "status": "lukket",
            },
        ],
        "moter": [
            {
                "dato": "2025-03-27",
                "deltakere": ["Pia Pedagog", HOSTILE_NAME],
                "del1_evaluering": HOSTILE,
                "del2_beslutning": "fortsette_samme_tiltak",
                "beslutning_tekst": "Same tiltak.",
                "neste_mote": "2025-05-15",
            }
        ],
        "samtykker": [CONSENT],
    },
    "overgangsskjema": {
        **HEAD,
        "skjema": "overgangsskjema",
        "fra": {"enhet": "Lia barnehage", "tjeneste": "barnehage", "niva": 1},
        "til": {"enhet": "Fjordvik skule", "tjeneste": "skole", "niva": 1, "kommune": "Fjordvik"},
        "barnets_ord": HOSTILE,
        "familiens_syn": "Familien vil ha fast leikepar.",
        "videreforte_mal": [HOSTILE],
        "videreforte_tiltak": ["Dagtavle."],
        "interesser_og_styrker": "Teiknar mykje.",
        "avtroppende_stafettholder": HOLDER,
        "ny_stafettholder": {"navn": HOSTILE_NAME, "rolle": "kontaktlærar"},
        "akseptert_dato": "2025-04-01",
        "samtykke_id": "samarbeid-2025-03",
    },
    "avslutning": {
        **HEAD,
        "skjema": "avslutning",
        "arsak": "individuell_plan",
        "vurdering": HOSTILE,
        "konklusjon": "Samordninga held fram i IP.",
        "koordinator": {"navn": HOSTILE_NAME, "rolle": "koordinator"},
    },
}

# Labels that differ between the two languages, on every document.
LANGUAGE_MARKS: dict[Lang, tuple[str, ...]] = {
    "nn": ("Barnet (planeigar)", "Unnateke offentlegheit", "ikkje forsegla"),
    "nb": ("Barnet (planeier)", "Unntatt offentlighet", "ikke forseglet"),
}

FORM_ADAPTER: TypeAdapter[Any] = TypeAdapter(Form)


def make_form(kind: str, **changes: Any) -> Any:
    return FORM_ADAPTER.validate_python({**FORMS[kind], **changes})


def meta(lang: Lang) -> DocumentMeta:
    return DocumentMeta(
        municipality="Fjordvik kommune",
        unit="Lia barnehage",
        lang=lang,
        sealed_by="Fjordvik kommune (testsegl)",
        sealed_at=SEALED_AT,
        pdfa_level="2b",
    )


# --- reading a DOCX ---------------------------------------------------------------------------------


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def paragraph_text(p: Any) -> str:
    out: list[str] = []
    for node in p.iter():
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}br":
            out.append("\n")
        elif node.tag == f"{W}tab":
            out.append("\t")
        elif node.tag == f"{W}instrText":
            out.append(f"[{(node.text or '').strip()}]")
    return "".join(out)


def paragraphs(xml: bytes) -> list[str]:
    root = ElementTree.fromstring(xml)
    return [paragraph_text(p) for p in root.iter(f"{W}p")]


def all_text(data: bytes) -> str:
    """Every paragraph of body, headers and footers, one per line; line breaks as \\n, fields as [PAGE]."""
    texts: list[str] = []
    for name, xml in sorted(parts(data).items()):
        if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
            texts.extend(paragraphs(xml))
    return "\n".join(texts)


def tables(data: bytes) -> list[list[list[str]]]:
    """The body's tables as rows of cell texts (python-docx opens the file: it must be a valid package)."""
    document = docx.Document(io.BytesIO(data))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def find_table(data: bytes, header: str) -> list[list[str]]:
    found = [t for t in tables(data) if header in t[0]]
    assert len(found) == 1, f"expected one table with the header {header!r}"
    return found[0]


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, Lang], bytes]:
    return {(kind, lang): render_docx(make_form(kind), meta(lang), TEMPLATES) for kind in FORMS for lang in LANGS}


CASES = [(kind, lang) for kind in FORMS for lang in LANGS]


# --- every kind, both languages ---------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_document_is_valid_and_complete(rendered: dict[tuple[str, Lang], bytes], kind: str, lang: Lang) -> None:
    data = rendered[(kind, lang)]
    document = docx.Document(io.BytesIO(data))
    assert document.tables, "the header block and the subject are tables"
    for name, xml in parts(data).items():
        if name.endswith((".xml", ".rels")):
            ElementTree.fromstring(xml)  # raises on anything malformed
    body = ElementTree.fromstring(parts(data)["word/document.xml"])
    assert all(tc.find(f"{W}p") is not None for tc in body.iter(f"{W}tc")), "every cell needs a paragraph"

    text = all_text(data)
    assert f"{CHILD_FIRST} {CHILD_LAST}" in text
    assert f"{FNR[:6]} {FNR[6:]}" in text
    assert "Fjordvik kommune" in text and "Lia barnehage" in text
    assert label(f"title.{kind}", lang) in text
    for mark in LANGUAGE_MARKS[lang]:
        assert mark in text
    other: Lang = "nb" if lang == "nn" else "nn"
    for mark in LANGUAGE_MARKS[other]:
        assert mark not in text
    # No template tag is left over once the user's own text is taken out.
    leftover = text
    for injection in (*INJECTIONS, HOSTILE_NAME):
        leftover = leftover.replace(injection, "")
    assert not re.search(r"\{\{|\}\}|\{%|%\}|\{#|#\}", leftover)


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_user_text_comes_out_literally(rendered: dict[tuple[str, Lang], bytes], kind: str, lang: Lang) -> None:
    text = all_text(rendered[(kind, lang)])
    for injection in INJECTIONS:
        assert injection in text, injection
    assert HOSTILE_NAME in text
    assert "49" not in text  # {{ 7*7 }} was never evaluated
    xml = parts(rendered[(kind, lang)])["word/document.xml"]
    assert b"<script" not in xml and b"<img" not in xml


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_metadata_names_no_one(rendered: dict[tuple[str, Lang], bytes], kind: str, lang: Lang) -> None:
    data = rendered[(kind, lang)]
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == f"{label(f'title.{kind}', lang)} – Lia barnehage"
    assert props.author == "bti-docs"
    assert props.last_modified_by == "bti-docs"
    assert props.language == ("nn-NO" if lang == "nn" else "nb-NO")
    expected = SEALED_AT.astimezone(UTC).replace(tzinfo=None)
    assert props.created is not None and props.created.replace(tzinfo=None) == expected
    assert props.modified is not None and props.modified.replace(tzinfo=None) == expected
    for name in ("docProps/core.xml", "docProps/app.xml"):
        raw = parts(data)[name].decode("utf-8")
        for secret in (CHILD_FIRST, CHILD_LAST, FNR, "Pia Pedagog", "Ansvar"):
            assert secret not in raw, (name, secret)
    styles = parts(data)["word/styles.xml"].decode("utf-8")
    assert f'w:lang w:val="{props.language}"' in styles
    assert "Noto Sans" in styles


def test_footer_has_page_numbers_and_the_working_copy_notice(rendered: dict[tuple[str, Lang], bytes]) -> None:
    for lang in LANGS:
        data = rendered[("stafettlogg", lang)]
        footers = [xml for name, xml in parts(data).items() if re.fullmatch(r"word/footer\d*\.xml", name)]
        assert footers
        for xml in footers:
            text = "\n".join(paragraphs(xml))
            assert re.search(r"Side \[PAGE\]\d* av \[NUMPAGES\]\d*", text), text
            assert ("ikkje forsegla" if lang == "nn" else "ikke forseglet") in text
            assert "PDF/A" in text


# --- the stafettlogg in detail ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_goals_and_measures_are_tables(rendered: dict[tuple[str, Lang], bytes], lang: Lang) -> None:
    data = rendered[("stafettlogg", lang)]
    goals = find_table(data, label("field.goal", lang))
    assert len(goals) == 1 + 2
    assert goals[1][0] == "1" and "Delmål A" in goals[1][1]
    assert goals[2][0] == "2" and f"Delmål B: {HOSTILE}" in goals[2][1]

    measures = find_table(data, label("field.measure", lang))
    assert len(measures) == 1 + 3 + 2  # three measures, two evaluations under the first
    assert measures[1][0] == "1" and "Tiltak A" in measures[1][1]
    assert label("field.serves_goal", lang).format(number=1) in measures[1][1]
    assert "Evaluering A1" in measures[2][1] and "Evaluering A2" in measures[3][1]
    assert measures[4][0] == "2" and HOSTILE_NAME in measures[4][2]
    assert measures[5][0] == "3" and measures[5][5] == label("status.lukket", lang)

    holders = find_table(data, label("field.accepted", lang))
    assert holders[1][0] == "Pia Pedagog"
    participants = find_table(data, label("field.service", lang))
    assert participants[1][:2] == [label("tjeneste.ppt", lang), "Per PPT"]


def test_long_text_keeps_its_lines_and_paragraphs(rendered: dict[tuple[str, Lang], bytes]) -> None:
    body = paragraphs(parts(rendered[("stafettlogg", "nn")])["word/document.xml"])
    assert "Linje ein om leiken.\nLinje to om samlinga." in body  # one paragraph, a line break inside
    assert any(p.startswith("Nytt avsnitt: ") for p in body)  # the blank line made a new paragraph


def test_rendering_is_deterministic() -> None:
    form = make_form("stafettlogg")
    assert render_docx(form, meta("nn"), TEMPLATES) == render_docx(form, meta("nn"), TEMPLATES)


def test_pregnancy_and_optional_parts_left_out() -> None:
    form = make_form(
        "stafettlogg",
        barn=None,
        svangerskap={"termindato": "2025-09-01", "gravid": {"fornavn": "Gry", "etternavn": "Prøvesen"}},
        hovedmal=None,
        delmal=[],
        tiltak=[],
        moter=[],
        deltakere=[],
        foresatte=[],
    )
    data = render_docx(form, meta("nb"), TEMPLATES)
    text = all_text(data)
    assert "Gry Prøvesen" in text and label("heading.pregnancy", "nb") in text
    for key in ("text.no_goals", "text.no_measures", "text.no_meetings", "text.no_participants"):
        assert label(key, "nb") in text
    assert not [t for t in tables(data) if label("field.goal", "nb") in t[0]]


# --- escaping is guaranteed by the renderer, not by the data ----------------------------------------


def test_control_characters_become_replacement_characters() -> None:
    form = make_form("avslutning", vurdering="før\x07etter\x0bog\x00slutt\x1b.")
    text = all_text(render_docx(form, meta("nn"), TEMPLATES))
    assert "før\ufffdetter\ufffdog\ufffdslutt\ufffd." in text


def test_markup_objects_in_the_data_are_printed_as_text() -> None:
    context = build_context(make_form("avslutning"), meta("nb"))
    context["conclusion"] = [[Markup("<b>fet</b> {{ 7*7 }}")]]
    data = render_context(context, template_path("avslutning", TEMPLATES), SEALED_AT)
    assert "<b>fet</b> {{ 7*7 }}" in all_text(data)


def test_objects_with_their_own_markup_are_refused() -> None:
    from docxtpl import RichText

    context = build_context(make_form("avslutning"), meta("nb"))
    context["reason"] = RichText("x")
    with pytest.raises(TypeError):
        render_context(context, template_path("avslutning", TEMPLATES), SEALED_AT)


def test_unescaped_output_would_be_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the escaping finalize the body is not XML: the strict parse refuses it (docxtpl's own parser
    would have recovered and silently dropped text)."""
    monkeypatch.setattr(docx_render, "_xml_text", lambda value: Markup(str(value)))
    with pytest.raises(RenderError) as caught:
        render_docx(make_form("avslutning"), meta("nn"), TEMPLATES)
    assert CHILD_FIRST not in str(caught.value)


def test_refused_case_makes_no_docx() -> None:
    with pytest.raises(RefusedCaseError):
        render_docx(make_form("stafettlogg", mistanke_vold_overgrep=True), meta("nn"), TEMPLATES)


def test_missing_template_is_a_render_error(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"samtykke\.docx manglar"):
        render_docx(make_form("samtykke"), meta("nn"), tmp_path)


def test_template_folder_or_its_parent() -> None:
    form = make_form("samtykke")
    assert render_docx(form, meta("nn"), TEMPLATES / "docx") == render_docx(form, meta("nn"), TEMPLATES)


def test_fnr_in_test_data_is_synthetic() -> None:
    assert int(FNR[2:4]) > 80 and control_digits_valid(FNR)


# --- every template, every kind, both languages, from the samples -----------------------------------


def sample_forms() -> dict[str, Any]:
    """The valid samples (every kind), by ``folder/file``."""
    forms: dict[str, Any] = {}
    for path in sorted((ROOT / "samples").glob("sak-*/*.yaml")):
        loaded = load_form(path)
        assert loaded.form is not None, f"{path} should be a valid sample"
        forms[f"{path.parent.name}/{path.name}"] = loaded.form
    return forms


SAMPLES = sample_forms()
# Free text with the characters XML and Jinja treat specially; it goes into the child's participation, a
# field every kind has.
FREE_TEXT = 'Barnet sa: <"ja"> & {{ 7*7 }} {% if x %}'


def key_values(form: Any, lang: Lang) -> list[str]:
    """Values from the form that the document must show (in ``lang`` where they are labels)."""
    subject = form.barn if form.barn is not None else form.svangerskap.gravid
    values = [f"{subject.fornavn} {subject.etternavn}", form.sak, format_date(form.dato, lang)]
    match form:
        case ReferatUndringssamtale():
            values += [enum_label(form.konklusjon, lang), form.samtaler[0].deltakere[0].navn]
        case Samtykke():
            values += [form.samtykke_id, form.gitt_av[0].navn, enum_label(form.type, lang)]
        case TilbaketrekkingSamtykke():
            values += [form.samtykke_id, form.trukket_av.navn]
        case Stafettlogg():
            values += [form.stafettholdere[0].navn, form.tiltak[0].ansvarlig if form.tiltak else form.sak]
        case Overgangsskjema():
            values += [form.fra.enhet, form.til.enhet, form.ny_stafettholder.navn, form.samtykke_id]
        case Avslutning():
            values += [enum_label(form.arsak, lang)]
    return values


def assert_valid_package(data: bytes) -> None:
    """A valid OOXML package: a sound zip whose every part has a content type, every XML part parses, every
    internal relationship points at a part, and python-docx opens it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
        defaults = {e.get("Extension", "").lower() for e in types if e.tag.endswith("Default")}
        overrides = {e.get("PartName", "").lstrip("/") for e in types if e.tag.endswith("Override")}
        for name in names - {"[Content_Types].xml"}:
            assert name in overrides or name.rsplit(".", 1)[-1].lower() in defaults, f"{name} has no content type"
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))
        for rels in (n for n in names if n.endswith(".rels")):
            base = posixpath.dirname(posixpath.dirname(rels))
            for rel in ElementTree.fromstring(archive.read(rels)):
                if rel.get("TargetMode") == "External":
                    continue
                target = posixpath.normpath(posixpath.join(base, rel.get("Target", "")))
                assert target.lstrip("/") in names, f"{rels} points at a missing part {target}"
    docx.Document(io.BytesIO(data))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sample", list(SAMPLES))
def test_every_sample_renders_in_both_languages(sample: str, lang: Lang) -> None:
    form = SAMPLES[sample].model_copy(update={"barnets_medvirkning": FREE_TEXT})
    data = render_docx(form, meta(lang), TEMPLATES)
    assert_valid_package(data)
    text = all_text(data)
    leftover = text.replace(FREE_TEXT, "")
    assert FREE_TEXT in text, "free text comes out literally, escaped for XML and never run as Jinja"
    assert not re.search(r"\{\{|\}\}|\{%|%\}|\{#|#\}", leftover), "a template tag was left over"
    assert label(f"title.{form.skjema.value}", lang) in text
    for mark in LANGUAGE_MARKS[lang][1:]:  # [0] is the child's heading; a pregnancy has its own
        assert mark in text
    for mark in LANGUAGE_MARKS["nb" if lang == "nn" else "nn"]:
        assert mark not in text
    for value in key_values(form, lang):
        assert value in text, value
    assert form.sak not in str(docx.Document(io.BytesIO(data)).core_properties.title)


def test_samples_cover_every_kind() -> None:
    assert {form.skjema for form in SAMPLES.values()} == set(Skjema)


def test_templates_hold_no_text_of_their_own() -> None:
    """Every word comes from the context (labels), so one template serves both languages."""
    for path in sorted((TEMPLATES / "docx").glob("*.docx")):
        for name, xml in parts(path.read_bytes()).items():
            if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                continue
            for text in paragraphs(xml):
                outside = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\[[A-Z]+\]\d*", "", text)
                assert not re.search(r"[A-Za-zÆØÅæøå]{2,}", outside), (path.name, text)


# The order of children that the OOXML schema prescribes (ECMA-376 part 1): Word refuses a file that breaks
# it even where LibreOffice and python-docx do not care.
def names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SCHEMA_ORDER: dict[str, tuple[str, ...]] = {
    "pPr": names(
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
        "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
        "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
        "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ),
    "rPr": names(
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
        "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
        "cs em lang eastAsianLayout specVanish oMath"
    ),
    "tblPr": names(
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
        "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
    ),
    "tcPr": names(
        "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark"
    ),
    "tblBorders": names("top left start bottom right end insideH insideV"),
    "tcBorders": names("top left start bottom right end insideH insideV tl2br tr2bl"),
    "pBdr": names("top left bottom right between bar"),
    "tblCellMar": names("top left start bottom right end"),
}


def schema_violations(xml: bytes) -> list[str]:
    found: list[str] = []
    for element in ElementTree.fromstring(xml).iter():
        name = element.tag.removeprefix(W)
        if name not in SCHEMA_ORDER:
            continue
        children = [c.tag.removeprefix(W) for c in element if c.tag.startswith(W)]
        order = SCHEMA_ORDER[name]
        unknown = [c for c in children if c not in order]
        ranks = [order.index(c) for c in children if c in order]
        if unknown or ranks != sorted(ranks):
            found.append(f"{name}: {children}")
    return found


def test_templates_and_documents_follow_the_schema_order(rendered: dict[tuple[str, Lang], bytes]) -> None:
    packages = {p.name: p.read_bytes() for p in sorted((TEMPLATES / "docx").glob("*.docx"))}
    packages |= {f"{kind}-{lang}": data for (kind, lang), data in rendered.items()}
    for package, data in packages.items():
        for name, xml in parts(data).items():
            if re.fullmatch(r"word/(document|styles|header\d*|footer\d*)\.xml", name):
                assert schema_violations(xml) == [], (package, name)


# --- LibreOffice (optional) -------------------------------------------------------------------------


def convert_with_libreoffice(source: Path, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (optional: the DOCX check does not depend on it)")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(outdir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    pdf = outdir / f"{source.stem}.pdf"
    assert pdf.is_file()
    return pdf


@pytest.mark.slow
def test_libreoffice_opens_and_prints_it(tmp_path: Path, rendered: dict[tuple[str, Lang], bytes]) -> None:
    source = tmp_path / "stafettlogg.docx"
    source.write_bytes(rendered[("stafettlogg", "nn")])
    text = pdftotext(convert_with_libreoffice(source, tmp_path))
    flat = re.sub(r"\s+", " ", text)
    assert f"{CHILD_FIRST} {CHILD_LAST}" in flat
    assert "<script>alert(1)</script>" in flat and "{{ 7*7 }}" in flat
    pages = re.findall(r"Side (\d+) av (\d+)", flat)
    assert pages and pages[0][0] == "1" and len({total for _, total in pages}) == 1
    assert int(pages[0][1]) == len(pages) >= 2
