"""HTML templates: language, content, and that user text stays data (never markup, never template code)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from jinja2 import TemplateNotFound, UndefinedError
from jinja2.exceptions import SecurityError
from markupsafe import escape
from pydantic import TypeAdapter

from bti_docs import kinds
from bti_docs.errors import RefusedCaseError
from bti_docs.fields import Skjema, Tjeneste
from bti_docs.kinds import avslutning as k_avslutning
from bti_docs.kinds import referat_undringssamtale as k_referat
from bti_docs.kinds import samtykke as k_samtykke
from bti_docs.kinds import shared as k_shared
from bti_docs.kinds import stafettlogg as k_stafettlogg
from bti_docs.pdfa import PdfaLevel
from bti_docs.render import context as ctx
from bti_docs.render.context import DocumentMeta, build_context, document_title, metadata_title
from bti_docs.render.docx import template_parts
from bti_docs.render.html import html_to_pdf
from bti_docs.render.labels import LABELS, LANGS, Lang, enum_key, labels_for
from bti_docs.render.templating import make_environment, render_html, render_template, template_name

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "html"
INJECTION = '<img src="file:///etc/passwd"> <script>alert(1)</script> & < > {{ 7*7 }} {% include "x" %}'
CHILD_FIRST, CHILD_LAST = "Mia", "Testdotter"
CHILD_NAME = f"{CHILD_FIRST} {CHILD_LAST}"
BORN = date(2019, 5, 14)
DOC_DATE = date(2027, 3, 3)


def synthetic_fnr(born: date, individual: int = 512) -> str:
    """A synthetic national id number (month + 80, as the tax administration's test numbers)."""
    w1, w2 = (3, 7, 6, 1, 8, 9, 4, 5, 2), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    for ind in range(individual, 1000):
        base = [int(c) for c in f"{born.day:02d}{born.month + 80:02d}{born.year % 100:02d}{ind:03d}"]
        k1 = (11 - sum(a * b for a, b in zip(w1, base, strict=True)) % 11) % 11
        k2 = (11 - sum(a * b for a, b in zip(w2, [*base, k1], strict=True)) % 11) % 11
        if k1 < 10 and k2 < 10:
            return "".join(map(str, [*base, k1, k2]))
    raise AssertionError("no synthetic number found")


FNR = synthetic_fnr(BORN)


def head(kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "skjema": kind,
        "sak": "sak-test-0001",
        "enhet": "lia-barnehage",
        "dato": DOC_DATE,
        "barn": {"fornavn": CHILD_FIRST, "etternavn": CHILD_LAST, "fodselsdato": BORN, "fodselsnummer": FNR},
        **extra,
    }


def staff(name: str, role: str, service: str, unit: str) -> dict[str, str]:
    return {"navn": name, "rolle": role, "tjeneste": service, "enhet": unit}


def referat() -> dict[str, Any]:
    return head(
        "referat_undringssamtale",
        samtaler=[
            {
                "type": "med_foresatte",
                "dato": date(2027, 2, 20),
                "deltakere": [staff("Per Prøve", "pedagogisk leiar", "barnehage", "Lia barnehage")],
            },
            {"type": "med_barnet", "dato": date(2027, 2, 18), "deltakere": [{"navn": "Per Prøve"}]},
        ],
        undring=INJECTION,
        barnets_syn="Linje ein\nLinje to\n\nNytt avsnitt",
        foresattes_syn="Føresette ser det same heime.",
        konklusjon="niva1_stafettlogg",
        neste_steg=["Opprette stafettlogg", "Avtale første samarbeidsmøte"],
    )


def samtykke() -> dict[str, Any]:
    return head(
        "samtykke",
        samtykke_id="samtykke-1",
        type="samarbeid_tjenester",
        tjenester=["barnehage", "ppt", "helsestasjon"],
        gyldig_fra=date(2027, 3, 1),
        gyldig_til=date(2029, 2, 28),
        gitt_av=[{"navn": "Kari Testdotter", "rolle": "foresatt"}],
        opplysninger_som_kan_deles=INJECTION,
        avgitt_form="digitalt",
        system="Testsystem",
    )


def tilbaketrekking() -> dict[str, Any]:
    return head(
        "tilbaketrekking_samtykke",
        samtykke_id="samtykke-1",
        trukket_av={"navn": "Kari Testdotter", "rolle": "foresatt"},
        krav_om_sletting=True,
        merknad=INJECTION,
    )


def measure(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "beskrivelse": f"Tiltak nummer {n}: tilpassa leik i små grupper med fast vaksen.",
        "ansvarlig": "Per Prøve",
        "arena": ("enhet", "hjemme", "barnet")[n % 3],
        "periode": {"fra": date(2027, 1, n), "til": date(2027, 6, n) if n % 2 else None},
        "status": "lukket" if n == 1 else "apen",
        "delmal": "delmal-1" if n % 2 else "delmal-2",
        "evalueringer": [
            {"dato": date(2027, 2, n), "tekst": f"Evaluering av tiltak {n}: god framgang.", "av": "Per Prøve"}
        ],
        **extra,
    }


def month_after_sept_2026(n: int) -> date:
    return date(2026 + (8 + n) // 12, (8 + n) % 12 + 1, 10)


def meeting(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "dato": month_after_sept_2026(n),
        "deltakere": ["Per Prøve", "Kari Testdotter", "Siv Simulert"],
        "barnet_deltok": n % 2 == 0,
        "del1_evaluering": f"Møte {n}: gjennomgang av tiltaka og korleis det går i kvardagen.",
        "del2_beslutning": "fortsette_samme_tiltak",
        "beslutning_tekst": "Vi held fram som før og evaluerer på neste møte.",
        "neste_mote": month_after_sept_2026(n + 1),
        **extra,
    }


def stafettlogg(measures: int = 2, meetings: int = 1) -> dict[str, Any]:
    return head(
        "stafettlogg",
        niva=2,
        stafettholdere=[
            {
                **staff("Per Prøve", "pedagogisk leiar", "barnehage", "Lia barnehage"),
                "fra_dato": date(2026, 8, 15),
                "akseptert_dato": date(2026, 8, 16),
            },
            {
                **staff("Hanne Helsetest", "helsesjukepleiar", "helsestasjon", "Lia helsestasjon"),
                "fra_dato": date(2025, 1, 10),
                "akseptert_dato": date(2025, 1, 10),
                "til_dato": date(2026, 8, 16),
            },
        ],
        foresatte=[{"navn": "Kari Testdotter"}, {"navn": "Ola Testdotter", "rolle": "far", "deltar": False}],
        deltakere=[
            {**staff("Siv Simulert", "rådgivar", "ppt", "PPT Lia"), "fra_dato": date(2026, 10, 1)},
            {**staff("Styrar Stina", "styrar", "barnehage", "Lia barnehage")},
        ],
        oppmerksomhet=INJECTION,
        felles_forstaelse="Vi ser at Mia treng støtte til å kome inn i leiken.",
        hovedmal={"beskrivelse": "Mia leikar saman med andre barn kvar dag.", "frist": date(2027, 6, 30)},
        delmal=[
            {"id": "delmal-1", "beskrivelse": "Mia tek kontakt med eit anna barn i frileik.", "frist": None},
            {"id": "delmal-2", "beskrivelse": "Mia deltek i samling i ti minutt.", "frist": date(2027, 4, 1)},
        ],
        tiltak=[measure(n) for n in range(1, measures + 1)],
        moter=[meeting(n) for n in reversed(range(1, meetings + 1))],
        samtykker=[
            {
                "samtykke_id": "samtykke-1",
                "type": "samarbeid_tjenester",
                "tjenester": ["barnehage", "ppt"],
                "gyldig_fra": date(2026, 8, 1),
                "gyldig_til": date(2028, 7, 31),
            }
        ],
        barnets_medvirkning="Per snakkar med Mia før kvart møte.",
    )


def overgangsskjema() -> dict[str, Any]:
    return head(
        "overgangsskjema",
        fra={"enhet": "Lia barnehage", "tjeneste": "barnehage", "niva": 2},
        til={"enhet": "Lia skule", "tjeneste": "skole", "niva": 2, "kommune": "Lia kommune"},
        barnets_ord="Eg gler meg til skulen.",
        familiens_syn=INJECTION,
        videreforte_mal=["Mia leikar saman med andre barn."],
        videreforte_tiltak=["Fast vaksen i friminutt."],
        interesser_og_styrker="Teiknar og likar dyr.",
        avtroppende_stafettholder=staff("Per Prøve", "pedagogisk leiar", "barnehage", "Lia barnehage"),
        ny_stafettholder=staff("Liv Lærarsen", "kontaktlærar", "skole", "Lia skule"),
        akseptert_dato=date(2027, 3, 1),
        tilgang_fjernes_dato=date(2027, 8, 15),
        samtykke_id="samtykke-2",
    )


def avslutning() -> dict[str, Any]:
    return head(
        "avslutning",
        arsak="individuell_plan",
        vurdering=INJECTION,
        konklusjon="Samordninga held fram i individuell plan.",
        koordinator=staff("Kim Koordinator", "barnekoordinator", "annen", "Tildelingskontoret"),
    )


BUILDERS: dict[str, Callable[[], dict[str, Any]]] = {
    "referat_undringssamtale": referat,
    "samtykke": samtykke,
    "tilbaketrekking_samtykke": tilbaketrekking,
    "stafettlogg": stafettlogg,
    "overgangsskjema": overgangsskjema,
    "avslutning": avslutning,
}

ADAPTER: TypeAdapter[ctx.FormModel] = TypeAdapter(kinds.Form)


def form_of(data: dict[str, Any]) -> ctx.FormModel:
    return ADAPTER.validate_python(data)


def meta(lang: Lang) -> DocumentMeta:
    return DocumentMeta(
        municipality="Lia kommune",
        unit="Lia barnehage",
        lang=lang,
        sealed_by="Lia kommune",
        sealed_at=datetime(2027, 3, 3, 13, 5, tzinfo=UTC),
        pdfa_level="2b",
    )


def html_of(kind: str, lang: Lang) -> str:
    return render_html(form_of(BUILDERS[kind]()), meta(lang), TEMPLATES)


def title_of(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found is not None
    return found.group(1)


# --- labels ---------------------------------------------------------------------------------------


def test_every_label_has_both_languages() -> None:
    for key, texts in LABELS.items():
        assert set(texts) == {"nn", "nb"}, key
        assert all(texts[lang].strip() for lang in LANGS), key
        fields = {lang: set(re.findall(r"\{(\w+)\}", texts[lang])) for lang in LANGS}
        assert fields["nn"] == fields["nb"], key


ENUMS_SHOWN = [
    Tjeneste,
    k_referat.Samtaletype,
    k_referat.Konklusjon,
    k_shared.Samtykketype,
    k_shared.Samtykkerolle,
    k_samtykke.AvgittForm,
    k_samtykke.Signering,
    k_stafettlogg.Arena,
    k_stafettlogg.Status,
    k_stafettlogg.Beslutning,
    k_avslutning.Avslutningsarsak,
]


@pytest.mark.parametrize("enum", ENUMS_SHOWN, ids=lambda e: e.__name__)
def test_every_enum_value_shown_has_a_label(enum: type[StrEnum]) -> None:
    for member in enum:
        assert enum_key(member) in LABELS


def test_every_label_is_used() -> None:
    """A label nobody shows is dead text: templates use ``t.group.name``, the context builders the key itself."""
    templates = "".join(p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.html"))
    src = Path(ctx.__file__).resolve().parents[1]
    builders = [src / "render/context.py", src / "text/format.py", *sorted((src / "kinds").glob("*.py"))]
    source = "".join(p.read_text(encoding="utf-8") for p in builders)
    looked_up_by_pattern = {"title", "month", "consent_status"} | {e.__name__.lower() for e in ENUMS_SHOWN}
    docx_folder = Path(__file__).resolve().parents[1] / "templates" / "docx"
    docx_templates = "".join(xml for path in docx_folder.glob("*.docx") for _, xml in template_parts(path))
    for key in LABELS:
        group, _, name = key.partition(".")
        used = f"t.{group}.{name}" in templates or f'"{key}"' in source or group in looked_up_by_pattern
        # The DOCX templates (body, headers, footers) look labels up the same way.
        used = used or f"t.{group}.{name}" in docx_templates
        assert used, key


def test_every_document_kind_has_a_title_and_a_template() -> None:
    for kind in Skjema:
        assert f"title.{kind.value}" in LABELS
        assert (TEMPLATES / template_name(kind.value)).is_file()


# Words that belong to one written standard only: a nynorsk label must not use the bokmål word.
BOKMAL_ONLY = {
    "ikke",
    "hva",
    "hvordan",
    "fra",
    "tjeneste",
    "tjenester",
    "enhet",
    "foresatte",
    "oppmerksomhet",
    "stafettholder",
    "hovedmål",
    "ansvarlig",
    "avslutning",
    "deltakere",
    "navn",
    "jeg",
    "hjemme",
}
NYNORSK_ONLY = {
    "ikkje",
    "kva",
    "korleis",
    "frå",
    "teneste",
    "tenester",
    "eining",
    "føresette",
    "merksemd",
    "stafetthaldar",
    "hovudmål",
    "ansvarleg",
    "avslutting",
    "deltakarar",
    "namn",
    "eg",
    "heime",
}


@pytest.mark.parametrize(("lang", "foreign"), [("nn", BOKMAL_ONLY), ("nb", NYNORSK_ONLY)])
def test_labels_do_not_mix_written_standards(lang: Lang, foreign: set[str]) -> None:
    for key, texts in LABELS.items():
        words = set(re.findall(r"\w+", texts[lang].lower()))
        assert not words & foreign, (key, words & foreign)


def test_titles_in_both_languages() -> None:
    form = form_of(avslutning())
    assert document_title(form, "nn") == "Avslutting av stafettlogg"
    assert document_title(form, "nb") == "Avslutning av stafettlogg"
    assert document_title(form_of(referat()), "nn") == "Referat frå undringssamtale"
    assert metadata_title(form_of(stafettlogg()), meta("nb")) == "Stafettlogg – Lia barnehage"


def test_enum_words_in_both_languages() -> None:
    assert labels_for("nn")["konklusjon"]["niva1_stafettlogg"] == "Vidare til nivå 1: stafettlogg etter samtykke"
    assert labels_for("nb")["konklusjon"]["niva1_stafettlogg"] == "Videre til nivå 1: stafettlogg etter samtykke"


# --- context --------------------------------------------------------------------------------------


def test_dates_ages_and_national_id_are_formatted() -> None:
    assert ctx.format_date(date(2027, 3, 3), "nn") == "3. mars 2027"
    assert ctx.format_date(date(2027, 12, 24), "nb") == "24. desember 2027"
    # 13:05 UTC is 14:05 in Oslo in winter.
    assert ctx.format_datetime(datetime(2027, 3, 3, 13, 5, tzinfo=UTC), "nn") == "3. mars 2027 kl. 14:05"
    assert ctx.age_on(date(2019, 5, 14), date(2027, 5, 13)) == 7
    assert ctx.age_on(date(2019, 5, 14), date(2027, 5, 14)) == 8
    assert ctx.age_on(date(2020, 2, 29), date(2021, 2, 28)) == 0
    assert ctx.format_national_id(FNR) == f"{FNR[:6]} {FNR[6:]}"
    assert ctx.format_national_id("12345") == "12345"


def test_prose_splits_paragraphs_and_lines_without_markup() -> None:
    assert ctx.prose("a\r\nb\n\n\n c \n") == [["a", "b"], ["c"]]
    assert ctx.prose(None) == []
    assert ctx.prose("<b>x</b>") == [["<b>x</b>"]]


def _assert_plain(value: object, where: str = "context") -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str, where
            _assert_plain(item, f"{where}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            _assert_plain(item, f"{where}[{n}]")
    else:
        # Markup is a str subclass: only exact str (and bool) are plain.
        assert type(value) in (str, bool), (where, type(value))


@pytest.mark.parametrize("kind", BUILDERS)
def test_context_is_plain_data_without_names_in_titles(kind: str) -> None:
    data = build_context(form_of(BUILDERS[kind]()), meta("nn"))
    _assert_plain(data)
    for key in ("title", "metadata_title"):
        assert CHILD_FIRST not in str(data[key])
        assert FNR[:6] not in str(data[key])


def test_child_age_on_the_document_date() -> None:
    rows = build_context(form_of(stafettlogg()), meta("nb"))["subject"]
    assert {"label": "Alder", "value": "7 år"} in rows["rows"]  # type: ignore[index]


def test_pregnancy_instead_of_child() -> None:
    data = stafettlogg()
    del data["barn"]
    data["svangerskap"] = {"termindato": date(2027, 6, 1), "gravid": {"fornavn": "Gro", "etternavn": "Gravidsen"}}
    html = render_html(form_of(data), meta("nn"), TEMPLATES)
    assert "Gro Gravidsen" in html and "Termindato" in html and "1. juni 2027" in html
    assert "Gro" not in title_of(html)


def test_suspected_violence_is_refused() -> None:
    form = form_of(stafettlogg() | {"mistanke_vold_overgrep": True})
    with pytest.raises(RefusedCaseError, match="barnevernet"):
        render_html(form, meta("nn"), TEMPLATES)


def test_language_comes_from_the_form_or_the_municipality() -> None:
    assert ctx.resolve_lang(form_of(stafettlogg() | {"malform": "nb"}), "nn") == "nb"
    assert ctx.resolve_lang(form_of(stafettlogg()), "nn") == "nn"
    # The caller's resolved language is the document's language.
    data = build_context(form_of(stafettlogg() | {"malform": "nb"}), meta("nn"))
    assert data["lang"] == "nn" and data["html_lang"] == "nn-NO"


# --- rendered HTML --------------------------------------------------------------------------------

EXPECTED: dict[str, dict[Lang, list[str]]] = {
    "referat_undringssamtale": {
        "nn": [
            "Referat frå undringssamtale",
            "Vidare til nivå 1: stafettlogg etter samtykke",
            "Barnet sitt syn",
            "Samtale med føresette",
            "Vidare steg",
        ],
        "nb": [
            "Referat fra undringssamtale",
            "Videre til nivå 1: stafettlogg etter samtykke",
            "Barnets syn",
            "Samtale med foresatte",
            "Videre steg",
        ],
    },
    "samtykke": {
        "nn": [
            "Informert samtykke til samarbeid mellom tenester",
            "Opplysningar som kan delast",
            "Barnehage, PPT, Helsestasjon",
            "28. februar 2029",
        ],
        "nb": [
            "Informert samtykke til samarbeid mellom tjenester",
            "Opplysninger som kan deles",
            "Barnehage, PPT, Helsestasjon",
            "28. februar 2029",
        ],
    },
    "tilbaketrekking_samtykke": {
        "nn": ["Tilbaketrekking av samtykke", "Familien krev sletting", "Føresett"],
        "nb": ["Tilbaketrekking av samtykke", "Familien krever sletting", "Foresatt"],
    },
    "stafettlogg": {
        "nn": [
            "Stafetthaldar",
            "Tidlegare stafetthaldarar",
            "Føresette",
            "Merksemd",
            "Felles forståing",
            "Hovudmål",
            "Ansvarleg",
            "Heime",
            "Lukka",
            "Halde fram med dei same tiltaka",
            "Medverknad frå barnet",
            "Gjeld delmål 1",
        ],
        "nb": [
            "Stafettholder",
            "Tidligere stafettholdere",
            "Foresatte",
            "Oppmerksomhet",
            "Felles forståelse",
            "Hovedmål",
            "Ansvarlig",
            "Hjemme",
            "Lukket",
            "Fortsette med de samme tiltakene",
            "Barnets medvirkning",
            "Gjelder delmål 1",
        ],
    },
    "overgangsskjema": {
        "nn": ["Overgangsskjema", "Avtroppande stafetthaldar", "Familien sitt syn", "Skule"],
        "nb": ["Overgangsskjema", "Avtroppende stafettholder", "Familiens syn", "Skole"],
    },
    "avslutning": {
        "nn": ["Avslutting av stafettlogg", "Samordninga held fram i individuell plan (IP)", "Kim Koordinator"],
        "nb": ["Avslutning av stafettlogg", "Samordningen fortsetter i individuell plan (IP)", "Kim Koordinator"],
    },
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", BUILDERS)
def test_document_in_the_right_language(kind: str, lang: Lang) -> None:
    html = html_of(kind, lang)
    other: Lang = "nb" if lang == "nn" else "nn"
    for text in EXPECTED[kind][lang]:
        assert text in html, text
    for text in EXPECTED[kind][other]:
        if text not in EXPECTED[kind][lang]:
            assert text not in html, text
    assert f'<html lang="{lang}-NO">' in html
    assert "<td>sak-test-0001</td>" in html  # the case key in the header, whatever the kind
    assert "3. mars 2027" in html
    assert ("Elektronisk forsegla av" if lang == "nn" else "Elektronisk forseglet av") in html
    assert "3. mars 2027 kl. 14:05" in html


@pytest.mark.parametrize("kind", BUILDERS)
def test_name_in_body_not_in_title(kind: str) -> None:
    html = html_of(kind, "nn")
    assert CHILD_NAME in html
    assert f"{FNR[:6]} {FNR[6:]}" in html
    title = title_of(html)
    assert title.startswith(document_title(form_of(BUILDERS[kind]()), "nn"))
    assert title.endswith(" – Lia barnehage")
    assert CHILD_FIRST not in title and CHILD_LAST not in title and FNR[:6] not in title


@pytest.mark.parametrize("kind", BUILDERS)
def test_user_text_is_data(kind: str) -> None:
    html = html_of(kind, "nb")
    assert str(escape(INJECTION)) in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp; &lt; &gt;" in html
    assert "{{ 7*7 }}" in html and "{% include &#34;x&#34; %}" in html
    assert (
        "<script" not in html
        and "<img" not in html
        and "file:///" not in html.replace("&#34;file:///etc/passwd&#34;", "")
    )
    assert "49" not in html


def test_newlines_become_paragraphs_and_breaks() -> None:
    html = html_of("referat_undringssamtale", "nn")
    assert "<p>Linje ein<br>Linje to</p>" in html
    assert "<p>Nytt avsnitt</p>" in html


def test_injection_in_names_and_lists_is_escaped() -> None:
    data = stafettlogg()
    data["moter"] = [meeting(1, deltakere=["<b>Bold</b>", "{{ 6*7 }}"])]
    data["foresatte"] = [{"navn": "<i>Kari</i> & {% raw %}"}]
    html = render_html(form_of(data), meta("nn"), TEMPLATES)
    assert "&lt;b&gt;Bold&lt;/b&gt;, {{ 6*7 }}" in html
    assert "&lt;i&gt;Kari&lt;/i&gt; &amp; {% raw %}" in html
    assert "42" not in html


def test_long_stafettlogg_lists_every_measure_and_meeting() -> None:
    html = render_html(form_of(stafettlogg(measures=8, meetings=4)), meta("nb"), TEMPLATES)
    assert html.count('class="measure-row') == 8
    assert html.count('class="meeting"') == 4
    # Meetings in date order, whatever the order in the form.
    dates = re.findall(r"Samarbeidsmøte (\d+\. \w+ \d{4})", html)
    assert dates == ["10. oktober 2026", "10. november 2026", "10. desember 2026", "10. januar 2027"]


# --- the environment ------------------------------------------------------------------------------


def test_undefined_variables_fail_loudly() -> None:
    data = build_context(form_of(stafettlogg()), meta("nn"))
    del data["measures"]
    with pytest.raises(UndefinedError):
        render_template("stafettlogg.html", data, TEMPLATES)
    env = make_environment(TEMPLATES.resolve())
    with pytest.raises(UndefinedError):
        env.from_string("{{ t.heading.no_such_heading }}").render(t=labels_for("nn"))


def test_environment_is_sandboxed_escaping_and_confined() -> None:
    env = make_environment(TEMPLATES.resolve())
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    with pytest.raises((SecurityError, UndefinedError)):
        env.from_string("{{ x.__class__.__mro__ }}").render(x="")
    with pytest.raises(TemplateNotFound):
        env.get_template("../fonts/fonts.css")


# --- PDF ------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_stafettlogg_pdf_shows_user_text_literally(tmp_path: Path) -> None:
    form = form_of(stafettlogg(measures=8, meetings=4))
    m = meta("nn")
    pdf = html_to_pdf(
        render_html(form, m, TEMPLATES),
        base_dir=TEMPLATES,
        level=PdfaLevel(m.pdfa_level),
        title=metadata_title(form, m),
        doc_type=form.skjema.value,
        lang=m.lang,
        created=m.sealed_at,
    )
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    flat = " ".join(text.stdout.split())
    assert CHILD_NAME in flat
    assert '<img src="file:///etc/passwd">' in flat
    assert "<script>alert(1)</script>" in flat
    assert "{{ 7*7 }}" in flat and '{% include "x" %}' in flat
    assert "49" not in flat
    assert re.search(r"Side 1 av \d+", flat)
