"""The DOCX templates as files a municipality edits: the template check finds typos and broken tags before
anything is filed, a logo put into the header comes out in the documents, the templates use Word styles,
README names every variable and style, and (when LibreOffice is installed) a template saved again by
LibreOffice still works."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from PIL import Image

from bti_docs.errors import RenderError
from bti_docs.fields import Skjema
from bti_docs.render.context import Data
from bti_docs.render.docx import render_context, render_docx
from bti_docs.render.docx_check import (
    CHECK_TIME,
    Shape,
    TemplateProblem,
    check_template,
    check_templates,
    example_contexts,
    shape_of,
)
from test_docx import FORMS, ROOT, SAMPLES, TEMPLATES, all_text, make_form, meta, parts

DOCX = TEMPLATES / "docx"
KINDS = [kind.value for kind in Skjema]
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def few(examples: dict[str, list[Data]]) -> dict[str, list[Data]]:
    """The test forms' contexts only (each kind in both languages, every optional part filled): a quicker check."""
    return {kind: contexts[:2] for kind, contexts in examples.items()}


@pytest.fixture(scope="module")
def examples() -> dict[str, list[Data]]:
    """Render contexts of every kind in both languages: the test forms (every optional part filled) and the
    samples."""
    return example_contexts([*(make_form(kind) for kind in FORMS), *SAMPLES.values()])


def edited(tmp_path: Path, kind: str, part: str, *changes: tuple[str, str]) -> Path:
    """A copy of ``kind``'s template in ``tmp_path`` with text in one part replaced, as an edit in Word would."""
    target = tmp_path / f"{kind}.docx"
    with zipfile.ZipFile(DOCX / f"{kind}.docx") as source, zipfile.ZipFile(target, "w") as copy:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == part:
                text = data.decode("utf-8")
                for old, new in changes:
                    assert old in text, old
                    text = text.replace(old, new, 1)
                data = text.encode("utf-8")
            copy.writestr(member, data)
    return target


# --- the shipped templates --------------------------------------------------------------------------


def test_shipped_templates_pass_the_check(examples: dict[str, list[Data]]) -> None:
    assert sorted(examples) == sorted(KINDS)
    assert sorted(p.stem for p in DOCX.glob("*.docx")) == sorted(KINDS)
    assert check_templates(DOCX, examples) == []
    assert check_templates(TEMPLATES, {"samtykke": examples["samtykke"][:1]}) == []  # the folder above docx/


def gaps(shape: Shape | None, path: str) -> Iterator[str]:
    """Places where the examples show nothing: a list that is always empty, a mapping that is always {}."""
    if shape is None:
        return
    if shape.is_list:
        if shape.items is None:
            yield f"{path}[]"
        yield from gaps(shape.items, f"{path}[]")
    if shape.is_mapping:
        if not shape.keys:
            yield path
        for key, sub in shape.keys.items():
            yield from gaps(sub, f"{path}.{key}")


def test_the_samples_alone_are_enough_examples() -> None:
    """The samples leave some optional parts out (no avslutning has a coordinator): those paths are let
    through rather than reported."""
    assert check_templates(DOCX, example_contexts(SAMPLES.values())) == []
    refused = make_form("avslutning", mistanke_vold_overgrep=True)
    assert example_contexts([refused]) == {}


def test_examples_reach_every_part_of_the_context(examples: dict[str, list[Data]]) -> None:
    """The check follows paths through the examples' shape: every list and mapping must have content."""
    for kind, contexts in examples.items():
        assert list(gaps(shape_of(contexts), kind)) == []


# --- what the check finds ---------------------------------------------------------------------------

DOCUMENT = "word/document.xml"
FIRST_HEADER = "word/header2.xml"
FOOTER = "word/footer1.xml"


@pytest.mark.parametrize(
    ("part", "old", "new", "code", "detail"),
    [
        (DOCUMENT, "{{ h.name }}", "{{ h.nmae }}", "unknown_name", "h.nmae"),
        (DOCUMENT, "t.heading.holders_former", "t.heading.holder_former", "unknown_name", "t.heading.holder_former"),
        (DOCUMENT, "{{ x.period|breaks }}", "{{ x.period|brakes }}", "unknown_filter", "brakes"),
        (DOCUMENT, "{{ h.name }}", "{{ h.name is kind }}", "unknown_test", "kind"),
        (DOCUMENT, "{{ h.name }}", '{% include "logo.docx" %}', "not_allowed", "include"),
        (FIRST_HEADER, "{{ municipality }}", "{{ kommune }}", "unknown_name", "kommune"),
        (FOOTER, "{{ t.doc.of }}", "{{ t.doc.off }}", "unknown_name", "t.doc.off"),
    ],
)
def test_the_check_names_the_typo_and_where_it_is(
    tmp_path: Path, examples: dict[str, list[Data]], part: str, old: str, new: str, code: str, detail: str
) -> None:
    template = edited(tmp_path, "stafettlogg", part, (old, new))
    problems = check_template(template, examples["stafettlogg"])
    assert [(p.template, p.part, p.code, p.detail) for p in problems] == [("stafettlogg.docx", part, code, detail)]
    assert new in problems[0].where  # the paragraph as the municipality sees it in Word


def test_the_check_finds_a_typo_in_a_branch_no_example_takes(
    tmp_path: Path, examples: dict[str, list[Data]]
) -> None:
    """Every example has goals, so rendering them never reaches the "no goals" text; the check still does."""
    template = edited(tmp_path, "stafettlogg", DOCUMENT, ("t.text.no_goals", "t.text.no_goal"))
    for context in examples["stafettlogg"]:
        render_context(context, template, CHECK_TIME)  # renders without complaint
    problems = check_template(template, examples["stafettlogg"])
    assert [(p.code, p.detail) for p in problems] == [("unknown_name", "t.text.no_goal")]


def test_the_check_finds_a_syntax_error(tmp_path: Path, examples: dict[str, list[Data]]) -> None:
    template = edited(tmp_path, "avslutning", DOCUMENT, ("{{ reason }}", "{{ reason| }}"))
    problems = check_template(template, examples["avslutning"])
    assert [(p.part, p.code) for p in problems] == [(DOCUMENT, "syntax")]
    assert problems[0].where.startswith("{{ reason| }}")


@pytest.mark.parametrize(
    ("old", "new", "edge"), [("{{ reason }}", "{{ reason }", "{{"), ("{{ reason }}", "reason }}", "}}")]
)
def test_the_check_finds_a_half_tag(
    tmp_path: Path, examples: dict[str, list[Data]], old: str, new: str, edge: str
) -> None:
    """docxtpl would silently drop the text around a half tag (here: the reason and its description)."""
    template = edited(tmp_path, "avslutning", DOCUMENT, (old, new))
    problems = check_template(template, examples["avslutning"])
    assert [(p.part, p.code, p.where, p.detail) for p in problems] == [(DOCUMENT, "unbalanced", new, edge)]


def test_a_half_tag_stops_the_render_instead_of_losing_text(tmp_path: Path) -> None:
    edited(tmp_path, "avslutning", DOCUMENT, ("{{ reason }}", "{{ reason }"))
    with pytest.raises(RenderError, match=r"avslutning\.docx har ein halv malkode «\{\{» i avsnittet «\{\{ reason \}»"):
        render_docx(make_form("avslutning"), meta("nn"), tmp_path)


def test_the_check_renders_to_find_a_tag_that_breaks_the_xml(tmp_path: Path, examples: dict[str, list[Data]]) -> None:
    """An if opened in a table cell and closed in a paragraph after the table cuts the table open: only a
    render shows it."""
    template = edited(
        tmp_path,
        "avslutning",
        DOCUMENT,
        ("{{ subject.heading }}", "{% if false %}{{ subject.heading }}"),
        ("{{ reason }}", "{{ reason }}{% endif %}"),
    )
    problems = check_template(template, examples["avslutning"])
    assert [p.code for p in problems] == ["render"]
    assert "avslutning.docx" in problems[0].detail


def test_the_check_reports_missing_and_unreadable_templates(tmp_path: Path, examples: dict[str, list[Data]]) -> None:
    (tmp_path / "samtykke.docx").write_text("not a Word file", encoding="utf-8")
    shutil.copy(DOCX / "avslutning.docx", tmp_path / "avslutning.docx")
    problems = check_templates(tmp_path, {k: examples[k] for k in ("samtykke", "avslutning", "stafettlogg")})
    assert [(p.template, p.code) for p in problems] == [
        ("samtykke.docx", "not_docx"),
        ("stafettlogg.docx", "missing"),
    ]


def test_a_typo_met_at_render_time_is_a_render_error(tmp_path: Path) -> None:
    template = edited(tmp_path, "avslutning", DOCUMENT, ("{{ reason }}", "{{ reason.nmae }}"))
    with pytest.raises(RenderError, match=r"avslutning\.docx har ein feil") as caught:
        render_docx(make_form("avslutning"), meta("nn"), template.parent)
    assert "Mira" not in str(caught.value)


def test_problems_are_plain_data() -> None:
    problem = TemplateProblem("a.docx", DOCUMENT, "{{ x }}", "unknown_name", "x")
    assert problem == TemplateProblem("a.docx", DOCUMENT, "{{ x }}", "unknown_name", "x")


# --- the logo ---------------------------------------------------------------------------------------


def logo_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (90, 40), (0, 84, 150)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("kind", KINDS)
def test_every_template_has_a_logo_place_in_the_first_page_header(kind: str) -> None:
    document = docx.Document(str(DOCX / f"{kind}.docx"))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    places = [
        p
        for table in section.first_page_header.tables
        for cell in table._cells
        for p in cell.paragraphs
        if p.style is not None and p.style.name == "Logo"
    ]
    assert [p.text for p in places] == ["{# LOGO #}"]


def test_a_logo_put_into_the_header_comes_out_in_every_document(
    tmp_path: Path, examples: dict[str, list[Data]]
) -> None:
    """What a municipality does in Word: replace ``{# LOGO #}`` with a picture, save, check, use."""
    png = logo_png()
    folder = tmp_path / "docx"
    folder.mkdir()
    for kind in KINDS:
        document = docx.Document(str(DOCX / f"{kind}.docx"))
        header = document.sections[0].first_page_header
        place = next(p for t in header.tables for c in t._cells for p in c.paragraphs if p.text == "{# LOGO #}")
        for run in place.runs:
            run.text = ""
        place.runs[0].add_picture(io.BytesIO(png), height=Mm(14))
        document.save(str(folder / f"{kind}.docx"))
    assert check_templates(folder, few(examples)) == []
    for kind in KINDS:
        data = render_docx(make_form(kind), meta("nb"), folder)
        header = docx.Document(io.BytesIO(data)).sections[0].first_page_header
        blips = header._element.findall(f".//{A}blip")
        assert len(blips) == 1
        assert header.part.related_parts[blips[0].get(f"{R}embed")].blob == png
        assert "Fjordvik kommune" in all_text(data)


def test_the_logo_place_renders_as_nothing() -> None:
    data = render_docx(make_form("samtykke"), meta("nn"), TEMPLATES)
    assert "LOGO" not in all_text(data)


# --- Word styles, not direct formatting -------------------------------------------------------------


def styles_used(data: bytes) -> set[str]:
    """The names of the paragraph and character styles the body, headers and footers use."""
    document = docx.Document(io.BytesIO(data))
    names = {style.style_id: style.name for style in document.styles}
    used: set[str] = set()
    for name, xml in parts(data).items():
        if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
            for ref in re.findall(rb'<w:[pr]Style w:val="([^"]+)"', xml):
                used.add(names[ref.decode()])
    return used


@pytest.mark.parametrize("kind", KINDS)
def test_text_is_formatted_by_styles(kind: str) -> None:
    """Runs carry a character style at most: bold, italics, colours and sizes are in the styles, so a
    municipality changes the look in one place (Word: Styles pane; LibreOffice: F11)."""
    for name, xml in parts((DOCX / f"{kind}.docx").read_bytes()).items():
        if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
            continue
        for r_pr in re.findall(rb"<w:rPr>(.*?)</w:rPr>", xml):
            assert re.fullmatch(rb'<w:rStyle w:val="[^"]+"/>', r_pr), (name, r_pr)


# --- README -----------------------------------------------------------------------------------------


def readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Your own DOCX layout and logo\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL)
    assert match, "README has the section for municipalities"
    return match.group(1)


def test_readme_names_every_variable(examples: dict[str, list[Data]]) -> None:
    section = readme_section()
    keys = {key for contexts in examples.values() for context in contexts for key in context}
    missing = sorted(key for key in keys if f"`{key}`" not in section)
    assert missing == [], "README's DOCX section must list these context keys"


def test_readme_names_every_style() -> None:
    section = readme_section()
    used = set().union(*(styles_used((DOCX / f"{kind}.docx").read_bytes()) for kind in KINDS))
    assert sorted(name for name in used if f"`{name}`" not in section) == []


def test_readme_does_not_mention_the_generator() -> None:
    assert "make_docx_templates" not in (ROOT / "README.md").read_text(encoding="utf-8")


# --- LibreOffice (optional) -------------------------------------------------------------------------


@pytest.mark.slow
def test_templates_saved_again_by_libreoffice_still_work(tmp_path: Path, examples: dict[str, list[Data]]) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (optional: the DOCX check does not depend on it)")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "docx"),
            *(str(DOCX / f"{kind}.docx") for kind in KINDS),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    assert check_templates(tmp_path / "docx", few(examples)) == []
    for form in SAMPLES.values():
        text = all_text(render_docx(form, meta("nn"), tmp_path / "docx"))
        assert "Fjordvik kommune" in text and form.sak in text
        assert not re.search(r"\{\{|\{%|\{#", text)
