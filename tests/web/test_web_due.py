"""The start page shows the due list of the user's units (from the case ledger of the real demo archive), and
never a name; another unit's cases do not show."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.applications import Starlette

from bti_docs import api
from bti_docs.web.app import create_app
from bti_docs.web.config import WebConfig
from conftest import PROXY, ROOT, UNIT_A, Browser
from export_helpers import demo_archive  # noqa: F401  (the fixture: the real `bti-docs demo` archive)

UNIT_U = "fjordvik-ungdomsskule"


def _app(tmp_path: Path, archive: Path | None) -> Starlette:
    return create_app(WebConfig(
        rules=ROOT / "archive_rules.yaml", data_dir=tmp_path / "data", inbox=tmp_path / "inbox", archive=archive,
        trusted_proxies=(PROXY,), groups={"grp-a": [UNIT_A], "grp-u": [UNIT_U]}, secure_cookies=False,
    ))


def test_start_page_shows_the_units_due_list_without_names(tmp_path: Path, demo_archive: Path) -> None:  # noqa: F811
    settings = api.open_settings(ROOT / "archive_rules.yaml")
    expected = api.unit_due_list(demo_archive, settings, [UNIT_U])
    assert expected, "the demo archive has a case with an enkeltvedtak at the lower secondary school"
    app = _app(tmp_path, demo_archive)

    page = Browser(app, "ulla@fjordvik.kommune.no", "grp-u").client.get("/")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "Frister i eininga" in page.text
    for row in expected:
        assert f"<td>{row.kind}</td><td>{row.case}</td>" in page.text
        assert row.deadline in page.text
    assert page.text.count('class="due-overdue"') == sum(r.overdue for r in expected)
    names = {v for p in demo_archive.rglob("*.noark5.json")
             for k, v in json.loads(p.read_text(encoding="utf-8"))["personopplysninger"].items() if "navn" in k}
    assert names and not any(name in page.text for name in names)

    other = Browser(app, "alice@fjordvik.kommune.no", "grp-a").client.get("/").text
    assert "Frister i eininga" in other and "Ingenting forfalle eller på veg." in other
    assert not any(row.case in other for row in expected)


def test_no_due_list_without_an_archive_and_an_empty_one_while_none_is_filed(tmp_path: Path) -> None:
    page = Browser(_app(tmp_path, None), "alice@fjordvik.kommune.no", "grp-a").client.get("/").text
    assert "Frister i eininga" not in page
    page = Browser(_app(tmp_path, tmp_path / "tomt-arkiv"), "alice@fjordvik.kommune.no", "grp-a").client.get("/").text
    assert "Ingenting forfalle eller på veg." in page
