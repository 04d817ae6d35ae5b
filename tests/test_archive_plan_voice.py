"""A stafettlogg copy the archive cannot read back is refused with the operating system's reason said in the
reader's language (never the C library's English ``strerror``): the real CLI on a real archive."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from bti_docs.cli import main
from bti_docs.devcert import DevPki
from bti_docs.i18n import Lang
from test_voice import speaks_only

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "samples" / "sak-a"


def file_forms(archive: Path, dev_pki: DevPki, forms: list[Path], *extra: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--rules", str(ROOT / "archive_rules.yaml"), "file", *map(str, forms), "--archive", str(archive),
                 "--workers", "1", "--cert", str(dev_pki.unit_p12), "--cert-password-file",
                 str(dev_pki.password_file), "--trust", str(dev_pki.root_cert), *extra], out)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def filed(tmp_path_factory: pytest.TempPathFactory, dev_pki: DevPki) -> Path:
    """sak-a up to the last stafettlogg before the transition (whose form files a copy of it)."""
    archive = tmp_path_factory.mktemp("plan") / "arkiv"
    code, out = file_forms(archive, dev_pki, sorted(CASE.glob("0[1-7]-*.yaml")))
    assert code == 0, out
    return archive


@pytest.mark.parametrize(("lang", "reason"), [("nn", "er ei mappe, ikkje ei fil"), ("nb", "er en mappe, ikke en fil")])
def test_an_unreadable_log_copy_says_why_in_the_readers_language(lang: Lang, reason: str, filed: Path,
                                                                 dev_pki: DevPki, tmp_path: Path) -> None:
    archive = tmp_path / "arkiv"
    shutil.copytree(filed, archive)
    latest = max(archive.rglob("*_stafettlogg_*.pdf"), key=lambda p: p.name)  # named by date: the newest
    latest.unlink()
    latest.mkdir()  # the snapshot's path now holds a folder: reading it fails with EISDIR
    code, out = file_forms(archive, dev_pki, [CASE / "08-overgangsskjema-barnehage-skule.yaml"], "--lang", lang)
    assert code == 10, out
    assert latest.name in out and f"({reason})" in out, out
    assert "Is a directory" not in out
    speaks_only(lang, out)
