"""A throw-away test PKI for development and tests: a test root CA and one unit seal certificate.

Nothing made here is for production. Every subject says so ("TEST – ikkje for bruk i produksjon"), the
root's private key is never written anywhere (no further certificates can be issued from it), and the
PKCS#12 password is random and lives only in a 0600 file next to the archive.

Keys are RSA on purpose: ECDSA signatures in PDF are ISO 32002, a PDF 2.0 feature that PDF/A-1 and
PDF/A-2 files must not use; ``bti_docs.seal`` refuses other key types.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from bti_docs.errors import SealError, os_reason
from bti_docs.fsio import replace_file
from bti_docs.i18n import Lang
from bti_docs.text.voice import DEFAULT_LANG, phrase, say

# What every name in the certificates says, in the målform of whoever made them (``TEST_MARK``: nynorsk).
TEST_MARKS: dict[Lang, str] = {lang: say("devcert.test_mark", lang) for lang in ("nn", "nb")}
TEST_MARK = TEST_MARKS["nn"]
ROOT_VALIDITY = dt.timedelta(days=10 * 365)
UNIT_VALIDITY = dt.timedelta(days=5 * 365)
_BACKDATE = dt.timedelta(hours=1)  # tolerate small clock differences between machines
_KEY_SIZE = 3072
_X520_MAX = 64  # upper bound of CN, O and OU in X.520

ROOT_CERT_NAME = "test-rot-ca.pem"
UNIT_CERT_NAME = "testeining-segl.pem"
UNIT_P12_NAME = "testeining-segl.p12"
PASSWORD_FILE_NAME = "testeining-segl.passord"


@dataclass(frozen=True)
class DevPki:
    """Where the files of a development PKI are. The password itself is only in ``password_file``."""

    directory: Path
    root_cert: Path  # PEM, the trust root to configure for validation
    unit_cert: Path  # PEM, the unit's certificate (public, for inspection)
    unit_p12: Path  # PKCS#12 with the unit's key, its certificate and the root
    password_file: Path  # the PKCS#12 password, mode 0600

    @property
    def files(self) -> tuple[Path, ...]:
        return (self.root_cert, self.unit_cert, self.unit_p12, self.password_file)


def _pki_paths(directory: Path) -> DevPki:
    return DevPki(
        directory=directory,
        root_cert=directory / ROOT_CERT_NAME,
        unit_cert=directory / UNIT_CERT_NAME,
        unit_p12=directory / UNIT_P12_NAME,
        password_file=directory / PASSWORD_FILE_NAME,
    )


def existing_dev_pki(directory: Path) -> DevPki | None:
    """The test PKI already in ``directory``, if all its files are there."""
    pki = _pki_paths(directory)
    return pki if all(p.is_file() for p in pki.files) else None


def _attr(oid: x509.ObjectIdentifier, value: str) -> x509.NameAttribute[str]:
    if not value.strip():
        raise SealError("devcert.empty_name")
    if len(value) > _X520_MAX:
        raise SealError("devcert.name_too_long", name=value, length=len(value), limit=_X520_MAX)
    return x509.NameAttribute(oid, value)


def _name(common_name: str, municipality: str, mark: str, unit: str | None = None) -> x509.Name:
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "NO"),
        _attr(NameOID.ORGANIZATION_NAME, f"{municipality} ({mark})"),
    ]
    if unit is not None:
        attrs.append(_attr(NameOID.ORGANIZATIONAL_UNIT_NAME, f"{unit} ({mark})"))
    attrs.append(_attr(NameOID.COMMON_NAME, f"{common_name} ({mark})"))
    return x509.Name(attrs)


def _root_certificate(key: rsa.RSAPrivateKey, subject: x509.Name, now: dt.datetime) -> x509.Certificate:
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(now + ROOT_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(key, hashes.SHA256())
    )


def _unit_certificate(
    key: rsa.RSAPrivateKey,
    subject: x509.Name,
    issuer_key: rsa.RSAPrivateKey,
    issuer: x509.Certificate,
    now: dt.datetime,
) -> x509.Certificate:
    issuer_ski = issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(now + UNIT_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(issuer_ski), critical=False)
        .sign(issuer_key, hashes.SHA256())
    )


def create_dev_pki(
    directory: Path,
    *,
    unit_name: str | None = None,
    municipality: str = "Testkommune",
    overwrite: bool = False,
    lang: Lang = DEFAULT_LANG,
) -> DevPki:
    """Create a test root CA and a unit seal certificate in ``directory`` (made 0700). Their names say they are
    for testing in ``lang``; the unit is ``unit_name`` (default: a test unit, named in ``lang``).

    Raises ``SealError`` if any of the files already exists and ``overwrite`` is false.
    """
    pki = _pki_paths(directory)
    existing = [p for p in pki.files if p.exists() or p.is_symlink()]
    if existing and not overwrite:
        names = ", ".join(str(p) for p in existing)
        raise SealError("devcert.exists", names=names)
    unit_label = unit_name or say("devcert.unit_name", lang)
    root_subject = _name("BTI-docs test-rot-CA", municipality, TEST_MARKS[lang])
    unit_subject = _name(f"{unit_label} segl", municipality, TEST_MARKS[lang], unit=unit_label)
    try:
        if not directory.exists():
            directory.mkdir(mode=0o700, parents=True)
            directory.chmod(0o700)  # whatever the umask; a folder that was there is left as it is
    except OSError as exc:
        raise SealError("devcert.cannot_make_folder", path=directory, reason=os_reason(exc)) from exc

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)

    root_key = rsa.generate_private_key(public_exponent=65537, key_size=_KEY_SIZE)
    root = _root_certificate(root_key, root_subject, now)
    unit_key = rsa.generate_private_key(public_exponent=65537, key_size=_KEY_SIZE)
    unit = _unit_certificate(unit_key, unit_subject, root_key, root, now)

    password = secrets.token_urlsafe(24)
    p12 = pkcs12.serialize_key_and_certificates(
        name=f"{unit_label} segl (TEST)".encode(),
        key=unit_key,
        cert=unit,
        cas=[root],
        encryption_algorithm=serialization.BestAvailableEncryption(password.encode()),
    )
    try:
        replace_file(pki.root_cert, root.public_bytes(serialization.Encoding.PEM), 0o644)
        replace_file(pki.unit_cert, unit.public_bytes(serialization.Encoding.PEM), 0o644)
        replace_file(pki.unit_p12, p12, 0o600)
        replace_file(pki.password_file, (password + "\n").encode(), 0o600)
    except OSError as exc:
        raise SealError("devcert.cannot_write", path=directory, reason=os_reason(exc)) from exc
    return pki


def describe_dev_pki(pki: DevPki, lang: Lang = DEFAULT_LANG) -> str:
    """The test PKI described for the terminal in ``lang`` (never includes the password)."""
    root = x509.load_pem_x509_certificate(pki.root_cert.read_bytes())
    unit = x509.load_pem_x509_certificate(pki.unit_cert.read_bytes())

    def fingerprint(cert: x509.Certificate) -> str:
        return cert.fingerprint(hashes.SHA256()).hex(":").upper()

    def day(moment: dt.datetime) -> str:
        return moment.strftime("%Y-%m-%d")

    return "\n".join(
        [
            say("cli.devcert_made", lang, folder=pki.directory, mark=phrase("devcert.test_mark")),
            say("cli.devcert_root", lang, path=pki.root_cert),
            say("cli.devcert_subject", lang, subject=root.subject.rfc4514_string()),
            say("cli.devcert_fingerprint", lang, fingerprint=fingerprint(root)),
            say("cli.devcert_unit", lang, path=pki.unit_p12),
            say("cli.devcert_subject", lang, subject=unit.subject.rfc4514_string()),
            say("cli.devcert_valid", lang, start=day(unit.not_valid_before_utc), end=day(unit.not_valid_after_utc)),
            say("cli.devcert_fingerprint", lang, fingerprint=fingerprint(unit)),
            say("cli.devcert_password", lang, path=pki.password_file),
            say("cli.devcert_password_how", lang, env="BTI_DOCS_CERT_PASSWORD"),
            say("cli.devcert_not_valid", lang),
        ]
    )
