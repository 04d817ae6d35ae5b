"""One voice in the web app: an error the library raises while the app draws a draft is said in the app's
language (the municipality's målform), not in the default one."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette

from bti_docs.i18n import Lang
from bti_docs.web.app import create_app
from bti_docs.web.config import WebConfig
from conftest import ROOT, UNIT_A, Browser, read_sample, sample_post
from test_voice import speaks_only

CONSENT = ROOT / "samples" / "sak-a" / "02-samtykke-opprette-stafettlogg.yaml"


def app_in(lang: Lang, web_config: WebConfig, tmp_path: Path) -> Starlette:
    rules = tmp_path / "archive_rules.yaml"
    text = (ROOT / "archive_rules.yaml").read_text(encoding="utf-8")
    rules.write_text(text.replace("malform: nn", f"malform: {lang}"), encoding="utf-8")
    return create_app(web_config.model_copy(update={"rules": rules}))


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_a_draft_pdf_the_fonts_cannot_draw_is_refused_in_the_apps_malform(lang: Lang, web_config: WebConfig,
                                                                          tmp_path: Path) -> None:
    user = Browser(app_in(lang, web_config, tmp_path), "alice", "grp-a")
    url = user.new_draft("samtykke", UNIT_A)
    data = read_sample(CONSENT)
    data["barn"]["fornavn"] = "Tiril \U0001f984"  # a character no font of the document has
    user.post(url + "/lagre", sample_post(data, lang))
    page = user.client.get(url + "/utkast.pdf")
    assert page.status_code == 422, page.text
    text = page.text.split("<main", 1)[-1]
    speaks_only(lang, text)
    expected = {"nn": "Teksten har teikn som skriftene i dokumentet ikkje kan vise",
                "nb": "Teksten har tegn som skriftene i dokumentet ikke kan vise"}[lang]
    assert expected in text, text


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_the_demo_watcher_is_announced_in_the_apps_malform(lang: Lang, web_config: WebConfig,
                                                          tmp_path: Path) -> None:
    """``bti-docs web --demo`` starts a real watcher with a test certificate, and says so in one målform."""
    import io

    from bti_docs.devcert import existing_dev_pki
    from bti_docs.web.serve import _start_watcher

    app = app_in(lang, web_config, tmp_path)
    config = app.state.web.config
    out = io.StringIO()
    watcher = _start_watcher(tmp_path / "demo", config, out, app.state.web.lang)
    try:
        said = out.getvalue()
        speaks_only(lang, said)
        assert {"nn": "ikkje for bruk i produksjon", "nb": "ikke for bruk i produksjon"}[lang] in said, said
        assert str(config.inbox) in said and watcher.poll() is None
        pki = existing_dev_pki(tmp_path / "demo" / "testsertifikat")
        assert pki is not None
        from cryptography import x509

        from bti_docs.devcert import TEST_MARKS

        root = x509.load_pem_x509_certificate(pki.root_cert.read_bytes())
        assert TEST_MARKS[lang] in root.subject.rfc4514_string()  # the certificate says "test" in it too
        unit = x509.load_pem_x509_certificate(pki.unit_cert.read_bytes()).subject.rfc4514_string()
        assert {"nn": "Fjordvik testeining", "nb": "Fjordvik testenhet"}[lang] in unit, unit
        assert {"nn": "Fjordvik testenhet", "nb": "Fjordvik testeining"}[lang] not in unit, unit
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
