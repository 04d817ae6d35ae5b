"""The development PKI: real keys and certificates made with ``cryptography``, checked field by field."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from bti_docs.devcert import TEST_MARK, DevPki, create_dev_pki, describe_dev_pki
from bti_docs.errors import SealError


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> DevPki:
    return create_dev_pki(tmp_path_factory.mktemp("devcert") / "pki", unit_name="Fjordtun skule")


def _password(pki: DevPki) -> bytes:
    return pki.password_file.read_text(encoding="utf-8").strip().encode()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _values(name: x509.Name, oid: x509.ObjectIdentifier) -> list[str]:
    return [str(a.value) for a in name.get_attributes_for_oid(oid)]


def test_secret_files_are_private(pki: DevPki) -> None:
    assert _mode(pki.directory) == 0o700
    assert _mode(pki.unit_p12) == 0o600
    assert _mode(pki.password_file) == 0o600
    # the certificates are public; nothing but the four files is left behind (no temp files)
    assert sorted(p.name for p in pki.directory.iterdir()) == sorted(p.name for p in pki.files)


def test_every_subject_is_marked_as_test(pki: DevPki) -> None:
    root = x509.load_pem_x509_certificate(pki.root_cert.read_bytes())
    unit = x509.load_pem_x509_certificate(pki.unit_cert.read_bytes())
    for cert in (root, unit):
        for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME):
            values = _values(cert.subject, oid)
            assert values, oid
            assert all(TEST_MARK in v and "TEST" in v for v in values)
    assert all(TEST_MARK in v for v in _values(unit.subject, NameOID.ORGANIZATIONAL_UNIT_NAME))
    assert "Fjordtun skule" in _values(unit.subject, NameOID.ORGANIZATIONAL_UNIT_NAME)[0]
    assert "Testkommune" in _values(unit.subject, NameOID.ORGANIZATION_NAME)[0]


def test_unit_certificate_is_a_seal_certificate_issued_by_the_root(pki: DevPki) -> None:
    root = x509.load_pem_x509_certificate(pki.root_cert.read_bytes())
    unit = x509.load_pem_x509_certificate(pki.unit_cert.read_bytes())
    unit.verify_directly_issued_by(root)
    root.verify_directly_issued_by(root)

    root_bc = root.extensions.get_extension_for_class(x509.BasicConstraints)
    assert root_bc.critical and root_bc.value.ca
    unit_bc = unit.extensions.get_extension_for_class(x509.BasicConstraints)
    assert unit_bc.critical and not unit_bc.value.ca

    ku = unit.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.critical
    assert ku.value.digital_signature and ku.value.content_commitment
    assert not ku.value.key_cert_sign and not ku.value.key_encipherment
    root_ku = root.extensions.get_extension_for_class(x509.KeyUsage).value
    assert root_ku.key_cert_sign and root_ku.crl_sign

    root_ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    unit_ski = unit.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    unit_aki = unit.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    assert unit_aki.key_identifier == root_ski.digest
    assert unit_ski.digest == x509.SubjectKeyIdentifier.from_public_key(unit.public_key()).digest

    now = dt.datetime.now(dt.UTC)
    assert unit.not_valid_before_utc <= now <= unit.not_valid_after_utc
    years = (unit.not_valid_after_utc - unit.not_valid_before_utc).days / 365
    assert 4.9 < years < 5.1
    assert unit.not_valid_after_utc <= root.not_valid_after_utc
    assert isinstance(unit.public_key(), rsa.RSAPublicKey)


def test_p12_opens_with_the_password_file_only(pki: DevPki) -> None:
    data = pki.unit_p12.read_bytes()
    key, cert, extra = pkcs12.load_key_and_certificates(data, _password(pki))
    unit = x509.load_pem_x509_certificate(pki.unit_cert.read_bytes())
    root = x509.load_pem_x509_certificate(pki.root_cert.read_bytes())
    assert cert == unit
    assert extra == [root]
    assert isinstance(key, rsa.RSAPrivateKey)
    assert key.public_key() == unit.public_key()
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(data, b"feil-passord")
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(data, None)


def test_refuses_to_overwrite(pki: DevPki) -> None:
    before = {p: p.read_bytes() for p in pki.files}
    with pytest.raises(SealError) as info:
        create_dev_pki(pki.directory)
    assert "finst alt" in info.value.message
    assert {p: p.read_bytes() for p in pki.files} == before


def test_refuses_when_only_one_file_exists(tmp_path: Path) -> None:
    target = tmp_path / "pki"
    target.mkdir()
    (target / "testeining-segl.passord").write_text("gammalt\n")
    with pytest.raises(SealError):
        create_dev_pki(target)
    assert (target / "testeining-segl.passord").read_text() == "gammalt\n"
    assert not (target / "testeining-segl.p12").exists()


def test_overwrite_makes_new_keys_and_password(tmp_path: Path) -> None:
    first = create_dev_pki(tmp_path / "pki")
    old_password = _password(first)
    old_root = first.root_cert.read_bytes()
    second = create_dev_pki(tmp_path / "pki", overwrite=True)
    assert second == first  # same paths
    assert _password(second) != old_password
    assert second.root_cert.read_bytes() != old_root
    assert _mode(second.password_file) == 0o600
    assert _mode(second.unit_p12) == 0o600
    pkcs12.load_key_and_certificates(second.unit_p12.read_bytes(), _password(second))


def test_description_names_files_but_not_password(pki: DevPki) -> None:
    text = describe_dev_pki(pki)
    password = _password(pki).decode()
    assert password not in text
    assert str(pki.root_cert) in text and str(pki.unit_p12) in text and str(pki.password_file) in text
    assert TEST_MARK in text
    assert "BTI_DOCS_CERT_PASSWORD" in text


def test_a_bokmal_test_pki_says_so_in_bokmal_only(tmp_path: Path) -> None:
    pki = create_dev_pki(tmp_path / "pki", lang="nb")
    text = describe_dev_pki(pki, "nb")
    assert "TEST – ikke for bruk i produksjon" in text and "Testenhet" in text, text
    assert "ikkje" not in text and "eininga" not in text and _password(pki).decode() not in text


def test_too_long_names_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(SealError) as info:
        create_dev_pki(tmp_path / "pki", unit_name="Ei eining med eit svært langt namn som ikkje får plass")
    assert "for langt" in info.value.message
    assert "Navnet «Ei eining" in info.value.render("nb") and "tegn, høyst 64" in info.value.render("nb")
    assert not (tmp_path / "pki").exists()


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    shared = tmp_path / "delt"
    shared.mkdir()
    shared.chmod(0o1777)
    create_dev_pki(shared)
    assert shared.stat().st_mode & 0o7777 == 0o1777
