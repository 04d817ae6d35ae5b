"""The demo archive the export tests share: built once per session with the real ``bti-docs demo``."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from bti_docs import cli


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export-demo") / "demo"
    assert cli.main(["demo", str(folder)], io.StringIO()) == 0
    return folder / "arkiv"


def sidecars(root: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.pdf.noark5.json"))]
