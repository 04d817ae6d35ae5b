"""PAdES B-LT and B-LTA with an RFC 3161 timestamp authority served over HTTP on 127.0.0.1.

The TSA is pyHanko's ``DummyTimeStamper`` behind ``http.server``, so sealing goes through the real
``HTTPTimeStamper`` path the municipality's configuration (``tidsstempel_url``) uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from bti_docs.devcert import DevPki, create_dev_pki
from bti_docs.errors import SealError
from bti_docs.pdfa import PdfaLevel, check_pdfa
from bti_docs.quality import gate_pdfa, gate_seals
from bti_docs.render.html import html_to_pdf
from bti_docs.seal import SealConfig, add_document_timestamp, seal_ok, seal_pdf, validate_seals
from tools import pikepdf_pdfa, qpdf_check
from tsa_helpers import local_tsa

HTML = """<!doctype html>
<html lang="nn"><head><meta charset="utf-8"><title>Stafettlogg</title></head>
<body><h1>Stafettlogg</h1><p>Tiltak: samtale med føresette, æøå.</p></body></html>"""


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list[int]]]:
    """An RFC 3161 TSA on http://127.0.0.1:<port>/tsa; yields the URL, its certificate and a request count."""
    with local_tsa(tmp_path_factory.mktemp("tsa")) as running:
        yield running


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> DevPki:
    return create_dev_pki(tmp_path_factory.mktemp("lta") / "pki")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    base = tmp_path_factory.mktemp("html")
    return {level: html_to_pdf(HTML, base_dir=base, level=PdfaLevel(level), title="Stafettlogg",
                               doc_type="stafettlogg", lang="nn", created=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
            for level in ("1b", "2b", "2a")}


def _config(pki: DevPki, tsa: tuple[str, Path, list[int]], level: str) -> SealConfig:
    return SealConfig(p12=pki.unit_p12, password_file=pki.password_file, timestamp_url=tsa[0],
                      trust_roots=(pki.root_cert, tsa[1]), level=level)


@pytest.fixture(scope="module")
def lta(rendered: dict[str, bytes], pki: DevPki, tsa: tuple[str, Path, list[int]]) -> dict[str, bytes]:
    config = _config(pki, tsa, "B-LTA")
    return {level: seal_pdf(rendered[level], config, level=level, reason="Arkivering", location="Fjordvik")
            for level in ("2b", "2a")}


@pytest.mark.parametrize("level", ["2b", "2a"])
def test_b_lta_verifies_with_level_and_archive_timestamp(lta: dict[str, bytes], pki: DevPki,
                                                         tsa: tuple[str, Path, list[int]], level: str) -> None:
    [status] = validate_seals(lta[level], [pki.root_cert, tsa[1]])
    assert seal_ok(status) and status.timestamped
    assert status.level == "B-LTA"
    assert status.archive_timestamp is not None
    assert abs(status.archive_timestamp - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert "PAdES B-LTA" in status.summary and "arkivtidsstempel" in status.summary
    reader = PdfFileReader(BytesIO(lta[level]))
    assert "/DSS" in reader.root and len(list(reader.embedded_timestamp_signatures)) == 1
    assert tsa[2][0] >= 2  # signature timestamp and document timestamp both came over HTTP


@pytest.mark.parametrize("level", ["2b", "2a"])
def test_b_lta_keeps_pdfa_and_passes_the_gates(lta: dict[str, bytes], pki: DevPki,
                                               tsa: tuple[str, Path, list[int]], level: str,
                                               tmp_path: Path) -> None:
    assert check_pdfa(lta[level], PdfaLevel(level)) == []
    gate_pdfa(lta[level], PdfaLevel(level), "forsegla")
    assert seal_ok(gate_seals(lta[level], [pki.root_cert, tsa[1]]))
    path = tmp_path / "lta.pdf"
    path.write_bytes(lta[level])
    assert qpdf_check(path).ok
    if level == "2b":  # the allowlist knows neither /AcroForm (as for every seal) nor the DSS
        verdict = pikepdf_pdfa(path, "2b")
        assert all("/AcroForm" in m or "/DSS" in m for m in verdict.messages), verdict.messages


def test_b_lt_has_validation_data_but_no_archive_timestamp(rendered: dict[str, bytes], pki: DevPki,
                                                            tsa: tuple[str, Path, list[int]]) -> None:
    sealed = seal_pdf(rendered["2b"], _config(pki, tsa, "B-LT"), level="2b", reason="Arkivering",
                      location="Fjordvik")
    [status] = validate_seals(sealed, [pki.root_cert, tsa[1]])
    assert seal_ok(status) and status.level == "B-LT" and status.archive_timestamp is None
    assert "/DSS" in PdfFileReader(BytesIO(sealed)).root
    assert check_pdfa(sealed, PdfaLevel("2b")) == []


def test_levels_are_reported_for_b_b_and_b_t(rendered: dict[str, bytes], pki: DevPki,
                                            tsa: tuple[str, Path, list[int]]) -> None:
    for wanted in ("B-B", "B-T"):
        sealed = seal_pdf(rendered["2b"], _config(pki, tsa, wanted), level="2b", reason="A", location="F")
        [status] = validate_seals(sealed, [pki.root_cert, tsa[1]])
        assert status.level == wanted and f"PAdES {wanted}" in status.summary


def test_a_fresh_document_timestamp_extends_b_lta(lta: dict[str, bytes], pki: DevPki,
                                                  tsa: tuple[str, Path, list[int]]) -> None:
    config = _config(pki, tsa, "B-LTA")
    from pyhanko.sign.timestamps import HTTPTimeStamper

    again = add_document_timestamp(lta["2b"], HTTPTimeStamper(tsa[0]), config=config)
    assert again.startswith(lta["2b"])  # an incremental update: the filed bytes are unchanged before it
    [status] = validate_seals(again, [pki.root_cert, tsa[1]])
    assert seal_ok(status) and status.level == "B-LTA"
    assert len(list(PdfFileReader(BytesIO(again)).embedded_timestamp_signatures)) == 2
    assert check_pdfa(again, PdfaLevel("2b")) == []


def test_bytes_appended_after_b_lta_are_detected(lta: dict[str, bytes], pki: DevPki,
                                                 tsa: tuple[str, Path, list[int]]) -> None:
    [status] = validate_seals(lta["2b"] + b"\n% etterpaa\n", [pki.root_cert, tsa[1]])
    assert not status.covers_whole_file and not seal_ok(status)


def test_untrusted_tsa_is_not_b_lta(lta: dict[str, bytes], pki: DevPki) -> None:
    [status] = validate_seals(lta["2b"], [pki.root_cert])
    assert status.level == "B-B" and status.archive_timestamp is None


def test_b_lta_needs_pdfa_2_and_a_timestamp_service(rendered: dict[str, bytes], pki: DevPki,
                                                    tsa: tuple[str, Path, list[int]]) -> None:
    with pytest.raises(SealError, match="PDF/A-2"):
        seal_pdf(rendered["1b"], _config(pki, tsa, "B-LTA"), level="1b", reason="A", location="F")
    no_tsa = SealConfig(p12=pki.unit_p12, password_file=pki.password_file, level="B-LT")
    with pytest.raises(SealError, match="tidsstempelteneste"):
        seal_pdf(rendered["2b"], no_tsa, level="2b", reason="A", location="F")


def test_municipality_configures_b_lta_and_file_then_verify_pass(pki: DevPki, tsa: tuple[str, Path, list[int]],
                                                                  tmp_path: Path) -> None:
    """The real CLI: `file` seals B-LTA per archive_rules.yaml (local TSA), `verify` accepts the archive."""
    import io

    import yaml

    from bti_docs import cli
    from bti_docs.archive.sidecar import parse_sidecar

    root = Path(__file__).resolve().parents[1]
    data = yaml.safe_load((root / "archive_rules.yaml").read_text(encoding="utf-8"))
    data["kommune"]["sertifikat"] = {
        "p12": str(pki.unit_p12), "passord_fil": str(pki.password_file),
        "tillitsrot": [str(pki.root_cert), str(tsa[1])], "tidsstempel_url": tsa[0], "pades_nivaa": "B-LTA",
    }
    rules = tmp_path / "archive_rules.yaml"
    rules.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    archive = tmp_path / "arkiv"
    form = root / "samples" / "sak-a" / "01-referat-undringssamtale.yaml"
    out = io.StringIO()
    assert cli.main(["--rules", str(rules), "file", str(form), "--archive", str(archive)], out) == 0, out.getvalue()
    [pdf] = archive.rglob("*.pdf")
    [status] = validate_seals(pdf.read_bytes(), [pki.root_cert, tsa[1]])
    assert status.level == "B-LTA" and seal_ok(status)
    meta = parse_sidecar(Path(str(pdf) + ".noark5.json").read_bytes())
    assert meta.noark is not None and meta.noark.elektroniskSignatur.elektroniskSignaturVerifisert.kode == "V"
    out = io.StringIO()
    assert cli.main(["--rules", str(rules), "verify", str(archive)], out) == 0, out.getvalue()

    del data["kommune"]["sertifikat"]["tidsstempel_url"]
    rules.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = io.StringIO()
    assert cli.main(["--rules", str(rules), "verify", str(archive)], out) == 6


def test_b_lta_without_a_timestamp_service_is_a_settings_error(tmp_path: Path) -> None:
    import yaml

    from bti_docs.config import load_settings
    from bti_docs.errors import ConfigError

    root = Path(__file__).resolve().parents[1]
    data = yaml.safe_load((root / "archive_rules.yaml").read_text(encoding="utf-8"))
    data["kommune"]["sertifikat"] = {"p12": "segl.p12", "pades_nivaa": "B-LTA"}
    rules = tmp_path / "archive_rules.yaml"
    rules.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match="krev tidsstempel_url"):
        load_settings(rules)
