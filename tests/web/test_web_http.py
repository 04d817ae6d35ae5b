"""HTTP-level tests of every route of the web app (Starlette's TestClient, the real app and library)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from starlette.applications import Starlette

from bti_docs import api
from bti_docs.errors import ConfigError, Severity
from bti_docs.web.app import create_app
from bti_docs.web.config import WebConfig
from bti_docs.web.routes import routes
from conftest import PROXY, ROOT, UNIT_A, UNIT_B, Browser, read_sample, sample_post

CONSENT = ROOT / "samples" / "sak-a" / "02-samtykke-opprette-stafettlogg.yaml"
LOG = ROOT / "samples" / "sak-a" / "03-stafettlogg-niva1.yaml"
NOT_FORMS = {"binary-file", "not-utf8", "yaml-syntax", "yaml-alias", "duplicate-key", "multiple-documents",
             "not-a-mapping", "missing-form-kind", "unknown-form-kind", "case-violence-abuse", "extra-forbidden"}


def live_messages(html: str) -> list[str]:
    return [m for m in re.findall(r"<li(?: data-field=\"[^\"]*\")?>([^<]*)</li>", html)]


def cli_messages(path: Path) -> list[str]:
    settings = api.open_settings(ROOT / "archive_rules.yaml")
    return [p.message for p in api.validate_file(path, settings).problems]


def unescape(text: str) -> str:
    return text.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&").replace("&lt;", "<").replace(
        "&gt;", ">").replace("&quot;", '"')


# --- security ----------------------------------------------------------------------------------------


def test_headers_believed_only_from_the_trusted_proxy(app: Starlette) -> None:
    outsider = Browser(app, "alice@fjordvik.kommune.no", "grp-a", address="10.9.9.9")
    assert outsider.client.get("/").status_code == 401
    no_user = Browser(app, "", "grp-a")
    assert no_user.client.get("/").status_code == 401


def test_pages_with_case_data_are_not_stored_and_cookies_are_safe(alice: Browser, web_config: WebConfig,
                                                                  tmp_path: Path) -> None:
    secure = create_app(web_config.model_copy(update={"secure_cookies": True, "data_dir": tmp_path / "d2"}))
    r = Browser(secure, "alice", "grp-a").client.get("/")
    assert r.headers["cache-control"] == "no-store"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" in cookie
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    url = alice.new_draft("samtykke", UNIT_A)
    assert alice.client.get(url).headers["cache-control"] == "no-store"


def test_every_post_route_refuses_a_missing_or_wrong_csrf_token(alice: Browser) -> None:
    draft = alice.new_draft("samtykke", UNIT_A)
    draft_id = draft.rsplit("/", 1)[-1]
    posts = [r for r in routes() if "POST" in (r.methods or set())]
    assert len(posts) >= 7
    for route in posts:
        url = route.path.replace("{draft_id}", draft_id)
        for token in (None, "0" * 64):
            data = {"kind": "samtykke", "unit": UNIT_A, "svar": "nei"} | ({"csrf": token} if token else {})
            r = alice.client.post(url, data=data, follow_redirects=False)
            assert r.status_code == 403, (url, r.status_code)
    assert alice.client.get(draft).status_code == 200  # nothing was deleted or changed


def test_a_user_of_unit_a_cannot_reach_unit_b_or_another_users_drafts(app: Starlette, alice: Browser,
                                                                       bob: Browser) -> None:
    draft = alice.new_draft("samtykke", UNIT_A)
    assert bob.client.get("/ny", params={"kind": "samtykke", "unit": UNIT_A}).status_code == 404
    for suffix in ("", "/skjema.yaml", "/forhandsvis", "/utkast.pdf"):
        assert bob.client.get(draft + suffix).status_code == 404, suffix
    for suffix in ("/lagre", "/sjekk", "/send", "/slett", "/liste"):
        assert bob.post(draft + suffix, {"sak": "X"}).status_code == 404, suffix
    assert draft.rsplit("/", 1)[-1] not in bob.client.get("/").text
    colleague = Browser(app, "carol@fjordvik.kommune.no", "grp-a")  # same unit: drafts are personal
    assert colleague.client.get(draft).status_code == 404
    assert alice.client.get(draft).status_code == 200


def test_dev_user_refuses_any_address_but_loopback(tmp_path: Path) -> None:
    config = WebConfig(data_dir=tmp_path, rules=ROOT / "archive_rules.yaml", dev_user=True, host="0.0.0.0")
    with pytest.raises(ConfigError, match=r"127\.0\.0\.1"):
        create_app(config)


# --- the violence/abuse question ------------------------------------------------------------------


def test_yes_to_violence_leads_to_barnevern_and_no_form(alice: Browser) -> None:
    gate = alice.client.get("/ny", params={"kind": "stafettlogg", "unit": UNIT_A})
    assert "mistanke om vald" in gate.text
    r = alice.post("/ny", {"kind": "stafettlogg", "unit": UNIT_A, "svar": "ja"})
    assert r.status_code == 303 and r.headers["location"].endswith("/barnevern")
    page = alice.client.get("/barnevern")
    assert "barnevernet med ein gong" in page.text and "<form" not in page.text
    assert "/utkast/" not in alice.client.get("/").text


# --- forms and validation --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["referat_undringssamtale", "samtykke", "tilbaketrekking_samtykke", "stafettlogg",
                                  "overgangsskjema", "avslutning"])
def test_every_kind_has_a_generated_form(alice: Browser, kind: str) -> None:
    page = alice.client.get(alice.new_draft(kind, UNIT_A)).text
    assert '<html lang="nn"' in page and 'name="sak"' in page and 'type="date"' in page
    assert 'name="mistanke_vold_overgrep"' not in page
    if kind != "overgangsskjema":
        assert 'name="_subject"' in page


def sample_cases() -> list[Path]:
    # child-or-pregnancy has both a child and a pregnancy: the web form's one question cannot say both.
    invalid = [p for p in sorted((ROOT / "samples" / "invalid").glob("*.yaml"))
               if p.stem not in NOT_FORMS | {"child-or-pregnancy"}]
    return [*invalid, *sorted((ROOT / "samples" / "warnings").glob("*.yaml")), CONSENT, LOG]


@pytest.mark.parametrize("sample", sample_cases(), ids=lambda p: p.stem)
def test_live_messages_equal_the_cli_for_the_same_input(alice: Browser, sample: Path) -> None:
    data = read_sample(sample)
    url = alice.new_draft(str(data["skjema"]), UNIT_A)
    r = alice.post(url + "/sjekk", sample_post(data))
    assert r.status_code == 200
    assert sorted(unescape(m) for m in live_messages(r.text)) == sorted(cli_messages(sample))
    saved = yaml.safe_load(alice.client.get(url + "/skjema.yaml").text)
    assert normal(saved) == normal(data)  # the same data, back as YAML


def normal(data: object) -> object:
    """Data as the models see it: text stripped, the answered violence question and default yes/no left out."""
    if isinstance(data, dict):
        return {k: normal(v) for k, v in data.items()
                if not (k == "mistanke_vold_overgrep" and v is False) and not (k == "deltar" and v is True)
                and not (v is False and k in {"barnet_deltok", "enkeltvedtak", "krav_om_sletting"})}
    if isinstance(data, list):
        return [normal(v) for v in data]
    return data.strip() if isinstance(data, str) else data


def test_submit_with_errors_shows_a_summary_linked_to_the_fields(alice: Browser) -> None:
    data = read_sample(ROOT / "samples" / "invalid" / "valid-to-before-valid-from.yaml")
    url = alice.new_draft("samtykke", UNIT_A)
    r = alice.post(url + "/send", sample_post(data))
    assert r.status_code == 422
    assert 'id="error-summary"' in r.text and "data-autofocus" in r.text
    assert 'href="#f-gyldig-til"' in r.text  # a rule about two fields points at the one to fix
    assert re.search(r'id="f-gyldig-til"[^>]*aria-describedby="f-gyldig-til-err"[^>]*aria-invalid="true"', r.text)
    assert not Path(alice_app_inbox(alice)).exists()  # nothing was sent


def alice_app_inbox(browser: Browser) -> str:
    return str(browser.client.app.state.web.config.inbox)  # type: ignore[attr-defined]


def test_soft_advice_is_shown_as_information(alice: Browser) -> None:
    data = read_sample(ROOT / "samples" / "warnings" / "goal-without-deadline.yaml")
    url = alice.new_draft(str(data["skjema"]), UNIT_A)
    r = alice.post(url + "/sjekk", sample_post(data))
    advice = [p.message for p in api.validate_file(ROOT / "samples" / "warnings" / "goal-without-deadline.yaml",
                                                   api.open_settings(ROOT / "archive_rules.yaml")).problems
              if p.severity is Severity.warning]
    assert advice and 'data-color="info"' in r.text
    assert all(unescape(a) in unescape(r.text) for a in advice)


def test_repeatable_sections_are_added_and_removed(alice: Browser) -> None:
    url = alice.new_draft("stafettlogg", UNIT_A)
    r = alice.post(url + "/liste", {"_list": "tiltak", "_op": "add"})
    assert r.status_code == 200 and 'name="tiltak[0].beskrivelse"' in r.text
    r = alice.post(url + "/liste", {"_list": "tiltak", "_op": "add", "tiltak[0].beskrivelse": ""})
    assert 'name="tiltak[1].periode.fra"' in r.text and "data-focus" in r.text
    r = alice.post(url + "/liste", [("_list", "tiltak[1].evalueringer"), ("_op", "add"),
                                    ("tiltak[0].beskrivelse", "Første"), ("tiltak[1].beskrivelse", "Andre")])
    assert 'name="tiltak[1].evalueringer[0].tekst"' in r.text
    r = alice.post(url + "/liste", [("_list", "tiltak"), ("_op", "remove"), ("_index", "0"),
                                    ("tiltak[0].beskrivelse", "Første"), ("tiltak[1].beskrivelse", "Andre"),
                                    ("tiltak[1].evalueringer[0].tekst", "")])
    assert '>Andre</textarea>' in r.text and "Første" not in r.text and 'name="tiltak[1]' not in r.text
    assert alice.post(url + "/liste", {"_list": "tiltak[0].beskrivelse", "_op": "add"}).status_code == 400


def test_drafts_are_saved_invalid_listed_and_deleted(alice: Browser) -> None:
    url = alice.new_draft("samtykke", UNIT_A)
    r = alice.post(url + "/lagre", {"sak": "FV-2026-0099", "gyldig_fra": "2026-13-40"})
    assert r.status_code == 200 and 'value="2026-13-40"' in r.text
    home = alice.client.get("/").text
    assert "FV-2026-0099" in home
    assert alice.post(url + "/slett").status_code == 303
    assert alice.client.get(url).status_code == 404


def test_old_drafts_are_deleted(app: Starlette, alice: Browser) -> None:
    url = alice.new_draft("samtykke", UNIT_A)
    store = app.state.web.store
    assert store.purge(now=__import__("time").time() + 31 * 86_400) == 1
    assert alice.client.get(url).status_code == 404


def test_upload_and_download_yaml(alice: Browser) -> None:
    r = alice.post("/last-opp", files={"fil": ("x.yaml", LOG.read_bytes(), "application/yaml")})
    assert r.status_code == 303
    url = r.headers["location"].removeprefix("http://127.0.0.1")
    back = yaml.safe_load(alice.client.get(url + "/skjema.yaml").text)
    assert back == read_sample(LOG)
    typo = (ROOT / "samples" / "invalid" / "extra-forbidden.yaml").read_bytes()
    r = alice.post("/last-opp", files={"fil": ("t.yaml", typo, "application/yaml")})
    page = alice.client.get(r.headers["location"].removeprefix("http://127.0.0.1")).text
    assert "skjemaet ikkje kjenner: felles_forstaaelse" in page
    bad = alice.post("/last-opp", files={"fil": ("x.yaml", b"skjema: [", "application/yaml")})
    assert bad.status_code == 422 and "Linje 1, kolonne 10" in bad.text and "kan ikkje lesast som YAML" in bad.text
    refused = alice.post("/last-opp", files={"fil": ("v.yaml", (ROOT / "samples/invalid/case-violence-abuse.yaml")
                                                    .read_bytes(), "application/yaml")})
    assert refused.headers["location"].endswith("/barnevern")


@pytest.mark.slow
def test_preview_is_marked_draft_and_never_sealed(alice: Browser, tmp_path: Path) -> None:
    url = alice.new_draft("samtykke", UNIT_A)
    alice.post(url + "/lagre", sample_post(read_sample(CONSENT)))
    html = alice.client.get(url + "/forhandsvis")
    assert html.status_code == 200 and "UTKAST" in html.text and "forsegla av" not in html.text
    for sheet in ("../fonts/fonts.css", "style.css"):  # a browser finds the document's stylesheets
        assert f'<link rel="stylesheet" href="{sheet}">' in html.text
        found = alice.client.get("/dokument/html/" + sheet)
        assert found.status_code == 200 and "font" in found.text
    pdf = alice.client.get(url + "/utkast.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    (tmp_path / "d.pdf").write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", str(tmp_path / "d.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "UTKAST" in text and "Tiril" in text and "Elektronisk forsegla" not in text


# --- submit ------------------------------------------------------------------------------------------


def submit(browser: Browser, sample: Path) -> tuple[str, Path]:
    url = browser.new_draft("samtykke", UNIT_A)
    r = browser.post(url + "/send", sample_post(read_sample(sample)))
    assert r.status_code == 303, r.text
    status_url = r.headers["location"].removeprefix("http://127.0.0.1")
    inbox = Path(alice_app_inbox(browser))
    files = list(inbox.glob("web-*.yaml"))
    assert len(files) == 1
    return status_url, files[0]


def test_a_submission_reaches_the_inbox_and_follows_its_file(alice: Browser, bob: Browser) -> None:
    status_url, file = submit(alice, CONSENT)
    assert "Tiril" not in file.name and re.fullmatch(r"web-[A-Za-z0-9]+\.yaml", file.name)
    assert oct(file.stat().st_mode & 0o777) == "0o640"
    settings = api.open_settings(ROOT / "archive_rules.yaml")
    assert api.validate_file(file, settings).ok  # the CLI accepts what the web app wrote
    assert "Ventar på arkivering" in alice.client.get(status_url).text
    assert bob.client.get(status_url).status_code == 404
    assert not list(file.parent.glob(".*.tmp"))
    done = file.parent / "done"
    done.mkdir()
    file.rename(done / file.name)
    (done / f"{file.name}.kvittering.json").write_text(
        '{"schema": "bti-docs/watch-receipt/1", "outcome": "filed", '
        '"filed": ["4699/solsida-barnehage/FV-2026-0007/2025/x.pdf"], "journal_receipt": "abc123"}')
    box = alice.client.get(status_url + "/status").text
    assert "Arkivert" in box and "abc123" in box and "FV-2026-0007/2025/x.pdf" in box and "hx-trigger" not in box


def test_a_rejected_submission_shows_the_report(alice: Browser) -> None:
    status_url, file = submit(alice, CONSENT)
    rejected = file.parent / "rejected"
    rejected.mkdir()
    file.rename(rejected / file.name)
    (rejected / f"{file.name}.feil.txt").write_text("Samtykket er utgått.\n", encoding="utf-8")
    page = alice.client.get(status_url).text
    assert "Avvist" in page and "Samtykket er utgått." in page


@pytest.mark.slow
def test_a_submission_is_filed_by_the_real_watcher(alice: Browser, tmp_path: Path) -> None:
    from bti_docs.devcert import create_dev_pki

    status_url, file = submit(alice, CONSENT)
    pki = create_dev_pki(tmp_path / "pki")
    archive = tmp_path / "archive"
    env = {"BTI_DOCS_CERT_PASSWORD": pki.password_file.read_text().strip(), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-m", "bti_docs", "--rules", str(ROOT / "archive_rules.yaml"), "watch", "--once",
         str(file.parent), "--archive", str(archive), "--cert", str(pki.unit_p12), "--trust", str(pki.root_cert),
         "--settle", "0"],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert run.returncode == 0, run.stderr
    assert (file.parent / "done" / file.name).exists()
    assert list(archive.rglob("*.pdf"))
    page = alice.client.get(status_url).text
    assert "Arkivert" in page and "Tiril" not in run.stderr


def test_unknown_submission_and_draft_ids_are_404(alice: Browser) -> None:
    assert alice.client.get("/innsending/nope").status_code == 404
    assert alice.client.get("/utkast/nope").status_code == 404
    assert PROXY  # the proxy address the fixtures use


def test_cli_refuses_the_dev_user_on_a_public_address(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bti_docs.cli import main

    code = main(["--rules", str(ROOT / "archive_rules.yaml"), "web", "--dev", "--host", "0.0.0.0",
                 "--data-dir", str(tmp_path)])
    assert code == 6  # ExitCode.config: nothing was started
    assert "127.0.0.1" in capsys.readouterr().err


def test_bokmaal_municipality_gets_bokmaal_pages(web_config: WebConfig, tmp_path: Path) -> None:
    rules = tmp_path / "archive_rules.yaml"
    rules.write_text((ROOT / "archive_rules.yaml").read_text(encoding="utf-8").replace("malform: nn", "malform: nb"),
                     encoding="utf-8")
    nb = Browser(create_app(web_config.model_copy(update={"rules": rules})), "alice", "grp-a")
    page = nb.client.get(nb.new_draft("stafettlogg", UNIT_A)).text
    assert '<html lang="nb"' in page and "Fornavn" in page and "Førenamn" not in page
    live = nb.post(nb.new_draft("samtykke", UNIT_A) + "/sjekk", {"sak": "FV-2026-0001"}).text
    assert "Feltet mangler" in live and "manglar" not in live


def test_without_scripts_both_subject_groups_can_be_filled_until_one_is_chosen(alice: Browser) -> None:
    url = alice.new_draft("samtykke", UNIT_A)
    page = alice.client.get(url).text
    for group in ("barn", "svangerskap"):
        assert re.search(f'data-subject="{group}">', page)
    alice.post(url + "/lagre", {"_subject": "barn", "barn.fornavn": "Tiril"})
    page = alice.client.get(url).text
    assert 'data-subject="svangerskap" hidden' in page and re.search(r'value="barn"\s+checked', page)


def test_groups_map_to_units(app: Starlette) -> None:
    both = Browser(app, "ppt@fjordvik.kommune.no", "grp-b, grp-a;unknown group")
    home = both.client.get("/").text
    assert "Solsida barnehage" in home and "Fjordvik skule" in home and "Fjordvik ungdomsskule" not in home
    nobody = Browser(app, "guest@fjordvik.kommune.no", "")
    assert "ikkje tilgang til noka eining" in nobody.client.get("/").text
    assert nobody.client.get("/ny", params={"kind": "samtykke", "unit": UNIT_B}).status_code == 404


def test_the_inbox_file_never_replaces_one_and_has_one_name(tmp_path: Path) -> None:
    from bti_docs.web.submit import write_into_inbox

    path = write_into_inbox(tmp_path, "web-a.yaml", b"skjema: samtykke\n")
    assert path.stat().st_nlink == 1 and path.read_bytes() == b"skjema: samtykke\n"
    with pytest.raises(FileExistsError):
        write_into_inbox(tmp_path, "web-a.yaml", b"other\n")
    assert path.read_bytes() == b"skjema: samtykke\n" and sorted(p.name for p in tmp_path.iterdir()) == ["web-a.yaml"]
