"""The web app under test: two units, users from a trusted proxy, a local inbox; helpers for forms and CSRF."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from starlette.applications import Starlette
from starlette.testclient import TestClient

from bti_docs.forms.load import _StrictLoader
from bti_docs.web.app import create_app
from bti_docs.web.config import WebConfig
from bti_docs.web.formdata import to_post
from bti_docs.web.formgen import build_form

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.5"
UNIT_A, UNIT_B = "solsida-barnehage", "fjordvik-skule"


def read_sample(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    assert isinstance(data, dict)
    return data


def sample_post(data: dict[str, Any], lang: str = "nn") -> list[tuple[str, str]]:
    return to_post(build_form(str(data["skjema"]), lang), data)  # type: ignore[arg-type]


@pytest.fixture
def web_config(tmp_path: Path) -> WebConfig:
    return WebConfig(
        rules=ROOT / "archive_rules.yaml", data_dir=tmp_path / "data", inbox=tmp_path / "inbox",
        trusted_proxies=(PROXY,), groups={"grp-a": [UNIT_A], "grp-b": [UNIT_B]}, secure_cookies=False,
    )


@pytest.fixture
def app(web_config: WebConfig) -> Starlette:
    return create_app(web_config)


def as_form(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in fields:
        out.setdefault(key, []).append(value)
    return out


class Browser:
    """A TestClient from the proxy's address, as one user with some groups, that knows its CSRF token."""

    def __init__(self, app: Starlette, user: str, groups: str, address: str = PROXY) -> None:
        self.client = TestClient(app, base_url="http://127.0.0.1", client=(address, 40000),
                                 headers={"X-Remote-User": user, "X-Remote-Groups": groups})

    def token(self) -> str:
        page = self.client.get("/")
        assert page.status_code == 200, page.text
        m = re.search(r'"X-CSRF-Token": "([0-9a-f]+)"', page.text)
        assert m, page.text
        return m.group(1)

    def post(self, url: str, data: Any = None, **kw: Any) -> Any:
        fields = list(data.items()) if isinstance(data, dict) else list(data or [])
        return self.client.post(url, data=as_form([("csrf", self.token()), *fields]), follow_redirects=False, **kw)

    def new_draft(self, kind: str, unit: str) -> str:
        r = self.post("/ny", {"kind": kind, "unit": unit, "svar": "nei"})
        assert r.status_code == 303, r.text
        return str(r.headers["location"]).removeprefix("http://127.0.0.1")


@pytest.fixture
def alice(app: Starlette) -> Iterator[Browser]:
    yield Browser(app, "alice@fjordvik.kommune.no", "grp-a")


@pytest.fixture
def bob(app: Starlette) -> Iterator[Browser]:
    yield Browser(app, "bob@fjordvik.kommune.no", "grp-b")
