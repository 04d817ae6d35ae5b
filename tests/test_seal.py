"""Sealing real PDF/A files with a real (test) certificate, and checking the seals and the PDF/A result.

Inputs come from the project's renderer (WeasyPrint + finalize_pdfa); one test also seals WeasyPrint's
raw output. The PKI, the inputs and the sealed files are made once per module; each test reads them.
Independent checks: pyHanko's validator, PDFBox Preflight (PDF/A-1b), qpdf, pikepdf's PDF/A allowlist,
and the product's own PDF/A gate.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
import weasyprint
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import DummyTimeStamper

from bti_docs import seal
from bti_docs.devcert import DevPki, create_dev_pki
from bti_docs.errors import QualityError, SealError
from bti_docs.pdfa import PdfaLevel, check_pdfa
from bti_docs.render.html import html_to_pdf
from bti_docs.seal import SealConfig, cert_subject, seal_ok, seal_pdf, signer_description, validate_seals
from tools import pikepdf_pdfa, preflight_1b, qpdf_check

HTML = """<!doctype html>
<html lang="nn"><head><meta charset="utf-8"><title>Stafettlogg</title>
<meta name="author" content="Testkommune"></head>
<body><h1>Stafettlogg</h1><p>Tiltak for barnet: samtale med føresette, æøå ÆØÅ.</p></body></html>"""
CREATED = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)

LEVELS = ("1b", "2b")
SECRET = "hemmeleg-Passord-9f3"  # a wrong password used in the error tests; must never show up


# --- fixtures ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> DevPki:
    return create_dev_pki(tmp_path_factory.mktemp("seal") / "pki")


@pytest.fixture(scope="module")
def other_pki(tmp_path_factory: pytest.TempPathFactory) -> DevPki:
    return create_dev_pki(tmp_path_factory.mktemp("other") / "pki", municipality="Annakommune")


@pytest.fixture(scope="module")
def config(pki: DevPki) -> SealConfig:
    return SealConfig(p12=pki.unit_p12, password_file=pki.password_file, trust_roots=(pki.root_cert,))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What the pipeline seals: PDF/A from the project's renderer, with its metadata."""
    base = tmp_path_factory.mktemp("html")
    return {
        level: html_to_pdf(
            HTML,
            base_dir=base,
            level=PdfaLevel(level),
            title="Stafettlogg",
            doc_type="stafettlogg",
            lang="nn",
            created=CREATED,
        )
        for level in LEVELS
    }


@pytest.fixture(scope="module")
def sealed(rendered: dict[str, bytes], config: SealConfig) -> dict[str, bytes]:
    return {
        level: seal_pdf(pdf, config, level=level, reason="Arkivering", location="Testkommune")
        for level, pdf in rendered.items()
    }


def _self_signed(
    key: rsa.RSAPrivateKey, cn: str, *, eku: x509.ObjectIdentifier | None = None, days: tuple[int, int] = (-1, 30)
) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=days[0]))
        .not_valid_after(now + dt.timedelta(days=days[1]))
    )
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([eku]), critical=True)
    return builder.sign(key, hashes.SHA256())


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> tuple[DummyTimeStamper, Path]:
    """A local RFC 3161 timestamp authority (pyHanko's dummy client) and its certificate as PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = _self_signed(key, "Test-TSA (TEST)", eku=ExtendedKeyUsageOID.TIME_STAMPING)
    pem = tmp_path_factory.mktemp("tsa") / "tsa.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    der = serialization.Encoding.DER
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        ),
    )
    return stamper, pem


@pytest.fixture(scope="module")
def sealed_bt(rendered: dict[str, bytes], config: SealConfig, tsa: tuple[DummyTimeStamper, Path]) -> dict[str, bytes]:
    return {
        level: seal_pdf(pdf, config, level=level, reason="Arkivering", location="Testkommune", timestamper=tsa[0])
        for level, pdf in rendered.items()
    }


@pytest.fixture
def quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs full tracebacks for untrusted paths; they are expected in the negative tests."""
    logger = logging.getLogger("pyhanko")
    old = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(old)


# --- helpers -----------------------------------------------------------------------------------------


def _open(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(BytesIO(data))


def _fonts(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    return {
        obj.objgen
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.Font
    }


def _flip(data: bytes, offset: int) -> bytes:
    return data[:offset] + bytes([data[offset] ^ 0x01]) + data[offset + 1 :]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- sealing and validation --------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_sealed_file_is_intact_trusted_and_covers_whole_file(level: str, sealed: dict[str, bytes], pki: DevPki) -> None:
    before = dt.datetime.now(dt.UTC)
    statuses = validate_seals(sealed[level], [pki.root_cert])
    assert len(statuses) == 1
    status = statuses[0]
    assert status.intact and status.valid and status.trusted and status.covers_whole_file
    assert seal_ok(status)
    assert not status.timestamped
    assert "Testeining" in status.signer and "TEST" in status.signer
    assert status.signing_time is not None
    assert before - dt.timedelta(minutes=10) < status.signing_time <= before + dt.timedelta(minutes=1)
    assert "i orden" in status.summary and "IKKJE" not in status.summary


@pytest.mark.parametrize("level", LEVELS)
def test_seal_is_pades_with_classic_structure(level: str, sealed: dict[str, bytes]) -> None:
    with _open(sealed[level]) as pdf:
        field = pdf.Root.AcroForm.Fields[0]
        sig = field.V
        assert sig.SubFilter == pikepdf.Name("/ETSI.CAdES.detached")
        assert sig.Filter == pikepdf.Name("/Adobe.PPKLite")
        assert str(sig.Reason) == "Arkivering" and str(sig.Location) == "Testkommune"
        byte_range = [int(x) for x in sig.ByteRange]
        assert byte_range[0] == 0
        assert byte_range[2] + byte_range[3] == len(sealed[level])


def test_other_trust_root_is_not_trusted(sealed: dict[str, bytes], other_pki: DevPki, quiet_pyhanko: None) -> None:
    [status] = validate_seals(sealed["2b"], [other_pki.root_cert])
    assert status.intact and status.valid and status.covers_whole_file
    assert not status.trusted
    assert not seal_ok(status)
    assert "ikkje klarert" in status.summary


def test_no_trust_roots_means_untrusted(sealed: dict[str, bytes], quiet_pyhanko: None) -> None:
    [status] = validate_seals(sealed["2b"], [])
    assert not status.trusted and not seal_ok(status)


@pytest.mark.parametrize("level", LEVELS)
def test_one_flipped_byte_in_signed_range_breaks_the_seal(
    level: str, sealed: dict[str, bytes], pki: DevPki, quiet_pyhanko: None
) -> None:
    data = sealed[level]
    assert data[9:10] == b"%"  # offset 11 is in the binary comment on line 2, inside ByteRange[0:2]
    [status] = validate_seals(_flip(data, 11), [pki.root_cert])
    assert not status.intact
    assert not seal_ok(status)
    assert "endra etter forseglinga" in status.summary


def test_changed_title_breaks_the_seal(sealed: dict[str, bytes], pki: DevPki, quiet_pyhanko: None) -> None:
    data = sealed["1b"]  # the 1b Info dictionary is not compressed, so the title is readable in the bytes
    offset = data.index(b"Stafettlogg")
    assert offset < len(data) // 2  # in the rendered part, far from the signature
    [status] = validate_seals(_flip(data, offset), [pki.root_cert])
    assert not status.intact and not seal_ok(status)


def test_bytes_appended_after_sealing_are_detected(sealed: dict[str, bytes], pki: DevPki) -> None:
    [status] = validate_seals(sealed["2b"] + b"\n% lagt til etterpaa\n", [pki.root_cert])
    assert status.intact and status.trusted
    assert not status.covers_whole_file
    assert not seal_ok(status)
    assert "dekkjer ikkje heile fila" in status.summary


def test_incremental_update_after_sealing_is_detected(sealed: dict[str, bytes], pki: DevPki) -> None:
    writer = IncrementalPdfFileWriter(BytesIO(sealed["2b"]))
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    [status] = validate_seals(out.getvalue(), [pki.root_cert])
    assert status.intact and not status.covers_whole_file and not seal_ok(status)


def test_unsealed_file_has_no_seals(rendered: dict[str, bytes], pki: DevPki) -> None:
    assert validate_seals(rendered["2b"], [pki.root_cert]) == []


def test_not_a_pdf_is_a_quality_error(pki: DevPki) -> None:
    with pytest.raises(QualityError):
        validate_seals(b"dette er ikkje ein pdf", [pki.root_cert])


@pytest.mark.parametrize("level", LEVELS)
def test_b_t_seal_carries_a_trusted_timestamp(
    level: str, sealed_bt: dict[str, bytes], pki: DevPki, tsa: tuple[DummyTimeStamper, Path]
) -> None:
    [status] = validate_seals(sealed_bt[level], [pki.root_cert, tsa[1]])
    assert seal_ok(status)
    assert status.timestamped
    assert status.signing_time is not None
    assert abs(status.signing_time - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=10)
    assert "med tidsstempel" in status.summary


def test_timestamp_from_untrusted_tsa_is_reported(
    sealed_bt: dict[str, bytes], sealed: dict[str, bytes], pki: DevPki, quiet_pyhanko: None
) -> None:
    [status] = validate_seals(sealed_bt["2b"], [pki.root_cert])
    assert seal_ok(status)  # the seal itself is fine
    assert not status.timestamped
    assert "tidsstempelet er ikkje gyldig eller ikkje klarert" in status.summary
    assert len(sealed_bt["2b"]) > len(sealed["2b"])  # the token is embedded


def test_timestamp_service_down_is_a_seal_error(rendered: dict[str, bytes], pki: DevPki) -> None:
    config = SealConfig(
        p12=pki.unit_p12,
        password_file=pki.password_file,
        timestamp_url="http://brukar:tsa-hemmeleg@127.0.0.1:9/tsa",
    )
    with pytest.raises(SealError) as info:
        seal_pdf(rendered["2b"], config, level="2b", reason="r", location="l")
    assert "tidsstempel" in info.value.message
    assert "127.0.0.1:9/tsa" in info.value.message
    assert "tsa-hemmeleg" not in info.value.message


# --- PDF/A after sealing -----------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_incremental_update_keeps_metadata_and_adds_a_pdfa_widget(
    level: str, rendered: dict[str, bytes], sealed: dict[str, bytes]
) -> None:
    original, result = rendered[level], sealed[level]
    assert result.startswith(original)  # an incremental update: the rendered file is untouched
    with _open(original) as before, _open(result) as after:
        # Info and XMP are exactly as rendered (so they still agree, ISO 19005-1 6.7.3 / 19005-2 6.6.2.3)
        assert dict(after.docinfo.items()) == dict(before.docinfo.items())
        assert after.Root.Metadata.read_bytes() == before.Root.Metadata.read_bytes()
        assert after.Root.Metadata.objgen == before.Root.Metadata.objgen
        assert after.trailer.Info.objgen == before.trailer.Info.objgen

        acroform = after.Root.AcroForm
        assert "/NeedAppearances" not in acroform
        assert "/XFA" not in acroform
        [widget] = list(after.pages[0].Annots)
        assert widget.Subtype == pikepdf.Name.Widget
        assert widget.get("/FT") == pikepdf.Name.Sig
        flags = int(widget.F)
        assert flags & 4  # Print
        assert not flags & (1 | 2 | 32 | 256)  # Invisible, Hidden, NoView, ToggleNoView
        assert [float(x) for x in widget.Rect] == [0, 0, 0, 0]
        assert "/A" not in widget and "/AA" not in widget
        assert set(widget.AP.keys()) == {"/N"}  # only a normal appearance (6.5.3 / 6.3.3)
        appearance = widget.AP.N
        assert isinstance(appearance, pikepdf.Stream)
        assert appearance.Subtype == pikepdf.Name.Form
        assert "/Font" not in appearance.get("/Resources", pikepdf.Dictionary())
        assert _fonts(after) == _fonts(before)  # no fonts added, so none that are not embedded

        # the file stays within its part's PDF version: 1.4 for PDF/A-1 (no /Version, no ESIC
        # extension), 1.7 for PDF/A-2 (pyHanko's ESIC extension for PAdES, BaseVersion 1.7)
        assert after.pdf_version == before.pdf_version == ("1.4" if level == "1b" else "1.7")
        if level == "1b":
            assert "/Version" not in after.Root and "/Extensions" not in after.Root
        else:
            assert after.Root.get("/Version", pikepdf.Name("/1.7")) == pikepdf.Name("/1.7")
            assert after.Root.Extensions.ESIC.BaseVersion == pikepdf.Name("/1.7")


def test_pdfa1_update_uses_a_classic_xref_table(rendered: dict[str, bytes], sealed: dict[str, bytes]) -> None:
    update = sealed["1b"][len(rendered["1b"]) :]
    assert b"\nxref\n" in update and b"trailer" in update
    assert b"/XRef" not in update  # xref streams are forbidden in PDF/A-1 (6.1.4)
    assert b"/ObjStm" not in update


@pytest.mark.parametrize("level", LEVELS)
def test_sealed_files_pass_the_pdfa_gate(
    level: str, rendered: dict[str, bytes], sealed: dict[str, bytes], sealed_bt: dict[str, bytes]
) -> None:
    assert check_pdfa(rendered[level], PdfaLevel(level)) == []  # precondition
    assert check_pdfa(sealed[level], PdfaLevel(level)) == []
    assert check_pdfa(sealed_bt[level], PdfaLevel(level)) == []


@pytest.mark.parametrize("level", LEVELS)
def test_qpdf_finds_nothing_in_sealed_files(
    level: str, sealed: dict[str, bytes], sealed_bt: dict[str, bytes], tmp_path: Path
) -> None:
    for name, data in (("b-b", sealed[level]), ("b-t", sealed_bt[level])):
        result = qpdf_check(_write(tmp_path, f"{name}.pdf", data))
        assert result.ok, result.output


def test_preflight_accepts_sealed_pdfa_1b(
    rendered: dict[str, bytes], sealed: dict[str, bytes], sealed_bt: dict[str, bytes], tmp_path: Path
) -> None:
    assert preflight_1b(_write(tmp_path, "input.pdf", rendered["1b"])).ok  # precondition
    for name, data in (("b-b", sealed["1b"]), ("b-t", sealed_bt["1b"])):
        verdict = preflight_1b(_write(tmp_path, f"{name}.pdf", data))
        assert verdict.ok, verdict.messages


def test_preflight_rejects_a_plain_pyhanko_seal(rendered: dict[str, bytes], pki: DevPki, tmp_path: Path) -> None:
    """Control: pyHanko's defaults (invisible widget without appearance, rewritten XMP, /Version 1.7)
    break PDF/A-1b, and Preflight sees it; so the acceptance above is not vacuous."""
    password = pki.password_file.read_text().strip().encode()
    signer = signers.SimpleSigner.load_pkcs12(str(pki.unit_p12), passphrase=password)
    meta = signers.PdfSignatureMetadata(field_name="Segl", subfilter=fields.SigSeedSubFilter.PADES)
    plain = signers.PdfSigner(meta, signer=signer).sign_pdf(IncrementalPdfFileWriter(BytesIO(rendered["1b"])))
    verdict = preflight_1b(_write(tmp_path, "plain.pdf", plain.getvalue()))
    assert not verdict.ok
    assert any("appearance" in m for m in verdict.messages), verdict.messages


def test_sealing_adds_no_preflight_errors_to_raw_weasyprint_output(config: SealConfig, tmp_path: Path) -> None:
    """WeasyPrint's own XMP already fails Preflight (namespaces only on rdf:RDF); sealing adds nothing."""
    raw = weasyprint.HTML(string=HTML).write_pdf(pdf_variant="pdf/a-1b")
    before = preflight_1b(_write(tmp_path, "raw.pdf", raw))
    after = preflight_1b(
        _write(tmp_path, "raw-sealed.pdf", seal_pdf(raw, config, level="1b", reason="r", location="l"))
    )
    assert set(after.messages) <= set(before.messages)


@pytest.mark.parametrize("level", LEVELS)
def test_pikepdf_allowlist_objects_only_to_the_form(level: str, sealed: dict[str, bytes], tmp_path: Path) -> None:
    """pikepdf's PDF/A validator does not support forms at all; everything else must pass."""
    verdict = pikepdf_pdfa(_write(tmp_path, "sealed.pdf", sealed[level]), level)
    assert verdict.messages, "expected the allowlist's /AcroForm finding"
    assert all("/AcroForm" in m for m in verdict.messages), verdict.messages


def test_version_guard_catches_a_pdf_1_7_declaration_in_pdfa_1(
    rendered: dict[str, bytes], config: SealConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(seal._PdfaWriter, "ensure_output_version", IncrementalPdfFileWriter.ensure_output_version)
    monkeypatch.setattr(seal._PdfaWriter, "register_extension", IncrementalPdfFileWriter.register_extension)
    with pytest.raises(QualityError) as info:
        seal_pdf(rendered["1b"], config, level="1b", reason="r", location="l")
    assert "PDF 1.7" in info.value.message


def test_metadata_guard_catches_pyhanko_metadata_update(
    rendered: dict[str, bytes], config: SealConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the override pyHanko rewrites the XMP (Producer "pyHanko ..."): the guard must refuse that."""
    monkeypatch.setattr(seal._PdfaWriter, "_update_meta", IncrementalPdfFileWriter._update_meta)
    with pytest.raises(QualityError) as info:
        seal_pdf(rendered["2b"], config, level="2b", reason="r", location="l")
    assert "PDF/A" in info.value.message


def test_pdfa1_input_with_xref_stream_is_refused(rendered: dict[str, bytes], config: SealConfig) -> None:
    with pytest.raises(SealError) as info:
        seal_pdf(rendered["2b"], config, level="1b", reason="r", location="l")  # 2b uses xref streams
    assert "PDF/A-1" in info.value.message


def test_sealing_twice_with_the_same_field_name_is_refused(sealed: dict[str, bytes], config: SealConfig) -> None:
    with pytest.raises(SealError) as info:
        seal_pdf(sealed["2b"], config, level="2b", reason="r", location="l")
    assert "Segl" in info.value.message


def test_unknown_level_is_refused(rendered: dict[str, bytes], config: SealConfig) -> None:
    with pytest.raises(SealError):
        seal_pdf(rendered["2b"], config, level="3b", reason="r", location="l")


# --- credentials and messages ------------------------------------------------------------------------


def test_signer_description_names_unit_and_municipality(config: SealConfig, pki: DevPki) -> None:
    text = signer_description(config)
    assert text.startswith("Testeining segl (TEST")
    assert "Testkommune" in text
    password = pki.password_file.read_text().strip().encode()
    assert cert_subject(pki.unit_p12, password) == text


def test_password_from_environment(rendered: dict[str, bytes], pki: DevPki, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIN_SEGL_PASSORD", pki.password_file.read_text().strip())
    config = SealConfig(p12=pki.unit_p12, password_env="MIN_SEGL_PASSORD")
    out = seal_pdf(rendered["2b"], config, level="2b", reason="r", location="l")
    [status] = validate_seals(out, [pki.root_cert])
    assert seal_ok(status)


def test_default_environment_variable(pki: DevPki, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BTI_DOCS_CERT_PASSWORD", pki.password_file.read_text().strip())
    assert "Testeining" in signer_description(SealConfig(p12=pki.unit_p12))


def _raise_seal_error(config: SealConfig, rendered: dict[str, bytes]) -> SealError:
    with pytest.raises(SealError) as info:
        seal_pdf(rendered["2b"], config, level="2b", reason="r", location="l")
    return info.value


def _chain_text(exc: BaseException) -> str:
    parts = []
    current: BaseException | None = exc
    while current is not None:
        parts.append(f"{current!r} {current}")
        current = current.__cause__ or current.__context__
    return "\n".join(parts)


def test_wrong_password_is_reported_without_the_password(
    rendered: dict[str, bytes], pki: DevPki, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("BTI_DOCS_CERT_PASSWORD", SECRET)
    error = _raise_seal_error(SealConfig(p12=pki.unit_p12), rendered)
    assert "Feil passord" in error.message
    assert SECRET not in _chain_text(error)
    assert SECRET not in caplog.text


def test_wrong_password_in_file(rendered: dict[str, bytes], pki: DevPki, tmp_path: Path) -> None:
    password_file = tmp_path / "passord"
    password_file.write_text(SECRET + "\n")
    error = _raise_seal_error(SealConfig(p12=pki.unit_p12, password_file=password_file), rendered)
    assert "Feil passord" in error.message and SECRET not in _chain_text(error)


def test_missing_password_names_the_variable(
    rendered: dict[str, bytes], pki: DevPki, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BTI_DOCS_CERT_PASSWORD", raising=False)
    error = _raise_seal_error(SealConfig(p12=pki.unit_p12), rendered)
    assert "BTI_DOCS_CERT_PASSWORD" in error.message and "ikkje sett opp" in error.message
    monkeypatch.setenv("BTI_DOCS_CERT_PASSWORD", "")
    assert "ikkje sett opp" in _raise_seal_error(SealConfig(p12=pki.unit_p12), rendered).message


def test_missing_or_empty_password_file(rendered: dict[str, bytes], pki: DevPki, tmp_path: Path) -> None:
    missing = tmp_path / "finst-ikkje"
    error = _raise_seal_error(SealConfig(p12=pki.unit_p12, password_file=missing), rendered)
    assert "finst ikkje" in error.message and str(missing) in error.message
    empty = tmp_path / "tom"
    empty.write_text("\n")
    assert "tom" in _raise_seal_error(SealConfig(p12=pki.unit_p12, password_file=empty), rendered).message


def test_missing_p12(rendered: dict[str, bytes], pki: DevPki, tmp_path: Path) -> None:
    missing = tmp_path / "borte.p12"
    error = _raise_seal_error(SealConfig(p12=missing, password_file=pki.password_file), rendered)
    assert "finst ikkje" in error.message and str(missing) in error.message


def test_p12_that_is_not_pkcs12(rendered: dict[str, bytes], pki: DevPki, tmp_path: Path) -> None:
    bogus = tmp_path / "tull.p12"
    bogus.write_bytes(b"ikkje ein pkcs12-fil")
    error = _raise_seal_error(SealConfig(p12=bogus, password_file=pki.password_file), rendered)
    assert "ikkje ei gyldig PKCS#12-fil" in error.message


def _p12_with(tmp_path: Path, key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> Path:
    path = tmp_path / "eining.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"x", key, cert, None, serialization.BestAvailableEncryption(SECRET.encode())
        )
    )
    return path


@pytest.mark.parametrize(("days", "expected"), [((-400, -30), "gjekk ut"), ((30, 400), "ikkje gyldig enno")])
def test_certificate_outside_its_validity_is_refused(
    rendered: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, days: tuple[int, int], expected: str
) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    p12 = _p12_with(tmp_path, key, _self_signed(key, "Utgått eining (TEST)", days=days))
    monkeypatch.setenv("BTI_DOCS_CERT_PASSWORD", SECRET)
    error = _raise_seal_error(SealConfig(p12=p12), rendered)
    assert expected in error.message
    assert SECRET not in _chain_text(error)


def test_ecdsa_key_is_refused(rendered: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "EC-eining (TEST)")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    monkeypatch.setenv("BTI_DOCS_CERT_PASSWORD", SECRET)
    error = _raise_seal_error(SealConfig(p12=_p12_with(tmp_path, key, cert)), rendered)
    assert "RSA" in error.message


def test_a_replaced_certificate_is_used_at_once_despite_the_cache(tmp_path: Path) -> None:
    """The parsed PKCS#12 is cached per process, keyed by the file's and the password's content."""
    import shutil


    first = create_dev_pki(tmp_path / "a", unit_name="Eining A")
    second = create_dev_pki(tmp_path / "b", unit_name="Eining B")
    live = tmp_path / "live"
    live.mkdir()
    shutil.copy(first.unit_p12, live / "segl.p12")
    shutil.copy(first.password_file, live / "passord")
    config = SealConfig(p12=live / "segl.p12", password_file=live / "passord")
    assert "Eining A" in signer_description(config)
    shutil.copy(second.unit_p12, live / "segl.p12")
    shutil.copy(second.password_file, live / "passord")
    assert "Eining B" in signer_description(config)
    (live / "passord").write_text("feil\n", encoding="utf-8")
    with pytest.raises(SealError):
        signer_description(config)
