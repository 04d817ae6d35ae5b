"""``verify`` reports every seal's PAdES level and times; ``forny-tidsstempel`` renews B-LTA archive timestamps
as new versions of the documents, and the archive, verify and the Noark 5 extract stay true.

Real files: documents filed with the real CLI, sealed B-LTA against a local TSA on 127.0.0.1.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bti_docs import cli
from bti_docs.devcert import DevPki, create_dev_pki
from tsa_helpers import local_tsa

ROOT = Path(__file__).resolve().parents[1]
FORMS = [ROOT / "samples" / "sak-a" / n for n in
         ("01-referat-undringssamtale.yaml", "02-samtykke-opprette-stafettlogg.yaml", "03-stafettlogg-niva1.yaml")]


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list[int]]]:
    with local_tsa(tmp_path_factory.mktemp("tsa")) as running:
        yield running


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> DevPki:
    return create_dev_pki(tmp_path_factory.mktemp("pki") / "cert")


def write_rules(folder: Path, pki: DevPki, tsa: tuple[str, Path, list[int]], level: str) -> Path:
    data: dict[str, Any] = yaml.safe_load((ROOT / "archive_rules.yaml").read_text(encoding="utf-8"))
    data["kommune"]["sertifikat"] = {
        "p12": str(pki.unit_p12), "passord_fil": str(pki.password_file),
        "tillitsrot": [str(pki.root_cert), str(tsa[1])], "tidsstempel_url": tsa[0], "pades_nivaa": level,
    }
    rules = folder / f"rules-{level}.yaml"
    rules.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return rules


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def lta_archive(tmp_path_factory: pytest.TempPathFactory, pki: DevPki,
                tsa: tuple[str, Path, list[int]]) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("lta-archive")
    rules = write_rules(folder, pki, tsa, "B-LTA")
    archive = folder / "arkiv"
    code, text = run("--rules", str(rules), "file", *map(str, FORMS), "--archive", str(archive))
    assert code == 0, text
    return rules, archive


@pytest.fixture
def archive(lta_archive: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    rules, pristine = lta_archive
    return rules, Path(shutil.copytree(pristine, tmp_path / "arkiv", symlinks=True))


def test_verify_counts_documents_per_pades_level(lta_archive: tuple[Path, Path]) -> None:
    rules, archive = lta_archive
    code, text = run("--rules", str(rules), "verify", str(archive))
    pdfs = sorted(archive.rglob("*.pdf"))
    assert code == 0, text
    assert f"B-LTA {len(pdfs)}" in text and "B-B" not in text.split("PAdES-nivå")[1].splitlines()[0]
    assert "SEGL " not in text  # per-document lines only on request
    code, detail = run("--rules", str(rules), "verify", str(archive), "--detaljar")
    lines = [line for line in detail.splitlines() if line.startswith("SEGL ")]
    assert len(lines) == len(pdfs)
    assert all("PAdES B-LTA" in line and "arkivtidsstempel 20" in line and ", tidsstempel 20" in line
               for line in lines), lines


def test_verify_names_lower_levels_and_failing_seals(tmp_path: Path, pki: DevPki,
                                                     tsa: tuple[str, Path, list[int]]) -> None:
    from bti_docs import api

    for level in ("B-B", "B-T"):
        rules = write_rules(tmp_path, pki, tsa, level)
        archive = tmp_path / f"arkiv-{level}"
        assert run("--rules", str(rules), "file", str(FORMS[0]), "--archive", str(archive))[0] == 0
        result = api.verify_receipts(archive, api.open_settings(rules))
        assert result.seal_levels[level] == 1 and sum(result.seal_levels.values()) == 1
        [seal] = result.seals
        assert seal.level == level and seal.ok and seal.timestamped == (level == "B-T")
        assert seal.archive_timestamp is None and seal.signing_time is not None
    # without the TSA among the trust roots, the timestamp does not count: B-B
    result = api.verify_receipts(archive, None, (pki.root_cert,))
    assert result.seal_levels["B-B"] == 1 and not result.seals[0].timestamped
    # a document whose seal fails counts as "feil"
    [pdf] = archive.rglob("*.pdf")
    pdf.chmod(0o640)
    pdf.write_bytes(pdf.read_bytes() + b"\n% etterpaa\n")
    pdf.chmod(0o440)
    result = api.verify_receipts(archive, api.open_settings(rules))
    assert result.seal_levels.get("feil") == 1 and not result.seals[0].ok
    data = json.dumps([s.__dict__ for s in result.seals])  # plain data, ready for --json
    assert "B-T" in data
