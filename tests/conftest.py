"""Shared fixtures: the repository's settings and one test PKI per test worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from bti_docs.config import Settings, load_settings
from bti_docs.devcert import DevPki, create_dev_pki
from bti_docs.i18n import Lang
from bti_docs.seal import SealConfig
from tools import settings_text_as

# Speed is measured in bench/, never asserted in tests: no per-example deadline (a loaded CI machine is slow).
hypothesis_settings.register_profile("bti", deadline=None)
hypothesis_settings.load_profile("bti")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_settings() -> Settings:
    return load_settings(ROOT / "archive_rules.yaml")


@pytest.fixture(scope="session")
def dev_pki(tmp_path_factory: pytest.TempPathFactory) -> DevPki:
    return create_dev_pki(tmp_path_factory.mktemp("pki") / "cert")


@pytest.fixture(scope="session")
def seal_config(dev_pki: DevPki) -> SealConfig:
    return SealConfig(p12=dev_pki.unit_p12, password_file=dev_pki.password_file, trust_roots=(dev_pki.root_cert,))


@pytest.fixture(scope="session")
def rules(tmp_path_factory: pytest.TempPathFactory) -> dict[Lang, Path]:
    """The repository's settings as an nn municipality and as an nb municipality."""
    folder = tmp_path_factory.mktemp("rules")
    out: dict[Lang, Path] = {}
    for lang in ("nn", "nb"):
        path = folder / lang / "archive_rules.yaml"
        path.parent.mkdir()
        path.write_text(settings_text_as(lang), encoding="utf-8")
        out[lang] = path
    return out
