"""Seal PDF/A documents with the unit's organisation certificate (PAdES) and check seals.

Sealing is one incremental update written by pyHanko: PAdES baseline B-B (SubFilter ETSI.CAdES.detached),
or B-T when a timestamp service is configured. The update keeps the file valid PDF/A (1b, 2b, 2u, 2a):

* Document metadata is left exactly as rendered. Left alone, pyHanko rewrites the XMP packet
  (pdf:Producer becomes "pyHanko x.y", xmp:ModifyDate is set) but appends "; pyHanko x.y" to the Info
  /Producer, so Info and XMP disagree (ISO 19005-1 6.7.3, 19005-2 6.6.2.3.3); re-serialising the XMP can
  also damage PDF/A extension schemas (pyHanko issue #755). The seal changes no content, and its time is
  in the signature itself, so the writer here does not touch /Info or /Metadata at all.
* The signature widget is invisible: Rect [0 0 0 0], Print flag set, no Hidden/NoView flags, and an
  empty appearance stream /AP /N. PDF/A-1 requires an appearance for every form field (6.9); PDF/A-2
  allows a zero-size widget without one (6.3.3) and accepts one. No text, so no fonts are added.
* The file keeps the PDF version of its PDF/A part. pyHanko would raise the catalog /Version to 1.7 and
  add the ESIC developer extension (BaseVersion 1.7) for PAdES; for PDF/A-1 (PDF 1.4) neither is written,
  for PDF/A-2 (PDF 1.7) the extension is. The signing key must be RSA: ECDSA (usual curves) and EdDSA
  signatures are ISO 32002, a PDF 2.0 feature, which pyHanko would declare as /Version 2.0.
* The cross-reference format follows the original (a classic table for PDF/A-1, where streams are banned);
  a PDF/A-1 input with cross-reference streams is refused.
* Checked in the tests: Apache PDFBox Preflight accepts the sealed PDF/A-1b (B-B and B-T), and rejects
  the same file sealed with pyHanko's defaults (widget without appearance, rewritten XMP).

The password of the PKCS#12 file comes from an environment variable or a file, never from the command
line, and is never logged or put into a message.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from asn1crypto import keys as asn1_keys  # type: ignore[import-untyped]
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.extensions import DeveloperExtension
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import init_xobject_dictionary
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import (
    EmbeddedPdfSignature,
    PdfSignatureStatus,
    SignatureCoverageLevel,
    validate_pdf_signature,
)
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import ModificationInfo
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from bti_docs.errors import QualityError, SealError, os_reason
from bti_docs.i18n import Lang
from bti_docs.options import PDFA_CHOICES
from bti_docs.text.voice import DEFAULT_LANG, Phrase, phrase, say

DEFAULT_PASSWORD_ENV = "BTI_DOCS_CERT_PASSWORD"
PDFA_LEVELS = frozenset(PDFA_CHOICES)
TIMESTAMP_TIMEOUT_S = 10
_ORG_IDENTIFIER = x509.ObjectIdentifier("2.5.4.97")  # organizationIdentifier, e.g. NTRNO-123456789


@dataclass(frozen=True)
class SealConfig:
    """Where the unit's seal certificate is and how to get its password.

    The password is read from ``password_file`` if that is set, otherwise from the environment variable
    named by ``password_env`` (default ``BTI_DOCS_CERT_PASSWORD``).
    """

    p12: Path
    password_env: str | None = None
    password_file: Path | None = None
    timestamp_url: str | None = None
    trust_roots: tuple[Path, ...] = ()
    level: str | None = None  # PAdES baseline: B-B, B-T, B-LT, B-LTA; default B-T with a TSA, else B-B
    fetch_revocation: bool = False  # B-LT/B-LTA: fetch OCSP/CRL from the CA (needs network)


@dataclass(frozen=True)
class SealStatus:
    """The outcome of checking one seal (signature) in a PDF."""

    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature is correct
    trusted: bool  # the certificate chains to one of the given trust roots
    covers_whole_file: bool  # nothing was added after sealing
    signer: str
    signing_time: dt.datetime | None  # the timestamp's time if timestamped, else the time the signer claims
    timestamped: bool  # a signature timestamp is present, intact and trusted
    summary: str  # Norwegian, one line, in the default language (``say(lang)`` in the reader's)
    level: str = "B-B"  # the PAdES baseline level the file reaches: B-B, B-T, B-LT or B-LTA
    archive_timestamp: dt.datetime | None = None  # the latest valid document timestamp (B-LTA)
    timestamp_present: bool = False  # a signature timestamp is there, valid or not
    error: str | None = None  # why the seal could not be checked at all

    def say(self, lang: Lang) -> str:
        """The summary in ``lang``."""
        return _summary(self, lang)


@dataclass(frozen=True)
class _Credentials:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...]


# --- credentials -------------------------------------------------------------------------------------


def _read_password(config: SealConfig) -> bytes:
    if config.password_file is not None:
        try:
            text = config.password_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SealError("seal.password_file_missing", path=config.password_file) from None
        except (OSError, UnicodeDecodeError) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else phrase("seal.not_utf8")
            raise SealError("seal.password_file_unreadable", path=config.password_file, reason=reason) from None
        password = text.rstrip("\r\n")
        if not password:
            raise SealError("seal.password_file_empty", path=config.password_file)
        return password.encode("utf-8")
    env_name = config.password_env or DEFAULT_PASSWORD_ENV
    value = os.environ.get(env_name)
    if not value:
        raise SealError("seal.password_missing", env=env_name)
    return value.encode("utf-8")


def _looks_like_pkcs12(data: bytes) -> bool:
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return bool(pfx["version"].native == "v3")
    except (ValueError, TypeError):
        return False


_Parsed = tuple[PrivateKeyTypes | None, x509.Certificate | None, tuple[x509.Certificate, ...]]
# Parsing a PKCS#12 file checks the RSA key, which takes a quarter of a second; a batch seals many documents
# with one certificate, so each process parses it once. The key is the SHA-256 of the file and of the password:
# a replaced file or a changed password is parsed anew. Validity dates are checked on every use.
_PARSED: dict[tuple[bytes, bytes], _Parsed] = {}
_PARSED_MAX = 8


def _parse_pkcs12(p12: Path, data: bytes, password: bytes) -> _Parsed:
    cache_key = (hashlib.sha256(data).digest(), hashlib.sha256(password).digest())
    parsed = _PARSED.get(cache_key)
    if parsed is None:
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, password)
        except ValueError:
            if _looks_like_pkcs12(data):
                raise SealError("seal.wrong_password", path=p12) from None
            raise SealError("seal.not_pkcs12", path=p12) from None
        parsed = (key, cert, tuple(extra))
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[cache_key] = parsed
    return parsed


def _load_credentials(config: SealConfig, *, now: dt.datetime | None = None) -> _Credentials:
    try:
        data = config.p12.read_bytes()
    except FileNotFoundError:
        raise SealError("seal.cert_missing", path=config.p12) from None
    except IsADirectoryError:
        raise SealError("seal.cert_is_folder", path=config.p12) from None
    except OSError as exc:
        raise SealError("seal.cert_unreadable", path=config.p12, reason=os_reason(exc)) from None
    password = _read_password(config)
    key, cert, extra = _parse_pkcs12(config.p12, data, password)
    if key is None or cert is None:
        raise SealError("seal.key_and_cert", path=config.p12)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise SealError("seal.not_rsa", path=config.p12, key=type(key).__name__)
    moment = now or dt.datetime.now(dt.UTC)
    if moment < cert.not_valid_before_utc:
        raise SealError("seal.not_yet_valid", path=config.p12, when=f"{cert.not_valid_before_utc:%Y-%m-%d %H:%M}")
    if moment > cert.not_valid_after_utc:
        raise SealError("seal.expired", path=config.p12, when=f"{cert.not_valid_after_utc:%Y-%m-%d}")
    return _Credentials(key=key, cert=cert, chain=tuple(extra))


def _subject_text(name: x509.Name) -> str:
    def first(oid: x509.ObjectIdentifier) -> str | None:
        attrs = name.get_attributes_for_oid(oid)
        return str(attrs[0].value) if attrs else None

    parts: list[str] = []
    for value in (first(NameOID.COMMON_NAME), first(NameOID.ORGANIZATION_NAME)):
        if value and not any(value in p for p in parts):
            parts.append(value)
    org_id = first(_ORG_IDENTIFIER)
    if org_id:
        number = org_id.removeprefix("NTRNO-")
        parts.append(f"org.nr. {number}" if number != org_id else org_id)
    return ", ".join(parts) or name.rfc4514_string()


def cert_subject(p12: Path, password: bytes) -> str:
    """CN and O (and organisation number, if any) of the certificate in ``p12``, for people to read."""
    try:
        _key, cert, _extra = pkcs12.load_key_and_certificates(p12.read_bytes(), password)
    except OSError as exc:
        raise SealError("seal.cert_unreadable", path=p12, reason=os_reason(exc)) from None
    except ValueError:
        raise SealError("seal.cannot_open", path=p12) from None
    if cert is None:
        raise SealError("seal.no_cert", path=p12)
    return _subject_text(cert.subject)


def signer_description(config: SealConfig) -> str:
    """Who seals, as shown in the document's seal block and the archive sidecar."""
    return _subject_text(_load_credentials(config).cert.subject)


@functools.lru_cache(maxsize=8)
def _pyhanko_signer(creds: _Credentials) -> signers.SimpleSigner:
    """pyHanko's signer for ``creds`` (cached: building it parses and checks the RSA key again)."""
    der = serialization.Encoding.DER
    key = asn1_keys.PrivateKeyInfo.load(
        creds.key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert = asn1_x509.Certificate.load(creds.cert.public_bytes(der))
    chain = [asn1_x509.Certificate.load(c.public_bytes(der)) for c in creds.chain]
    registry = SimpleCertificateStore.from_certs(chain)  # type: ignore[no-untyped-call]
    return _UnitSigner(creds.key, signing_cert=cert, signing_key=key, cert_registry=registry)


# Room for the CMS container beyond the certificates and the signature value (signed attributes, algorithm
# identifiers, ASN.1 framing), and for an RFC 3161 timestamp token with its TSA's certificates.
_CMS_OVERHEAD = 4096
_TIMESTAMP_ALLOWANCE = 12288


def _container_reserve(creds: _Credentials, *, timestamped: bool) -> int:
    """Room for the signature in /Contents, computed so pyHanko need not sign once more just to measure it.

    pyHanko counts the hexadecimal form: two characters per byte of the DER-encoded CMS object.
    """
    der = serialization.Encoding.DER
    certs = sum(len(c.public_bytes(der)) for c in (creds.cert, *creds.chain))
    cms = certs + creds.key.key_size // 8 + _CMS_OVERHEAD + (_TIMESTAMP_ALLOWANCE if timestamped else 0)
    return 2 * cms


class _UnitSigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner, signing with the key already parsed.

    SimpleSigner.sign_raw parses (and so checks) the RSA key again for every signature, twice per document
    (size estimate and signature): half a second per document in a batch. PKCS#1 v1.5, pyHanko's default for
    RSA, is signed here with the parsed key; any other mechanism takes pyHanko's own path.
    """

    def __init__(self, private_key: rsa.RSAPrivateKey, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._private_key = private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        if mechanism.signature_algo == "rsassa_pkcs1v15":
            return self._private_key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        return bytes(super().sign_raw(data, digest_algorithm))


# --- sealing -----------------------------------------------------------------------------------------


class _PdfaWriter(IncrementalPdfFileWriter):
    """Incremental writer for PDF/A files: leaves the metadata alone and stays within the part's PDF version.

    * ``_update_meta`` is pyHanko's hook for its metadata refresh; bypassing it is the pyHanko
      maintainer's advice (pyHanko issue #223).
    * pyHanko raises the catalog /Version to 1.7 and registers the ESIC extension (BaseVersion 1.7) for
      PAdES. PDF/A-1 is PDF 1.4, so for part 1 neither is written; the ETSI.CAdES.detached SubFilter
      needs no declaration to be validated.

    ``_check_update`` verifies after signing that both really held.
    """

    def __init__(self, pdf: bytes, *, max_version: tuple[int, int]) -> None:
        self.max_version = max_version  # set first: the base constructor calls ensure_output_version
        super().__init__(BytesIO(pdf), strict=True)
        self.output_version = min(self.output_version, max(max_version, self.prev.input_version))

    def _update_meta(self) -> None:
        return None

    def ensure_output_version(self, version: tuple[int, int]) -> None:
        if version <= self.max_version:
            super().ensure_output_version(version)  # type: ignore[no-untyped-call]

    def register_extension(self, ext: DeveloperExtension) -> None:
        base = _pdf_version(ext.base_version)
        if base is not None and base <= self.max_version:
            super().register_extension(ext)


def _add_invisible_field(writer: IncrementalPdfFileWriter, field_name: str) -> None:
    """Add the signature field: a zero-size widget with the Print flag and an empty appearance stream."""
    if any(True for _ in fields.enumerate_sig_fields(writer, with_name=field_name)):
        raise SealError("seal.field_exists", name=field_name)
    spec = fields.SigFieldSpec(sig_field_name=field_name, box=None)  # Rect [0 0 0 0], flags Print|Locked
    fields.append_signature_field(writer, spec)
    _name, _value, field_ref = next(fields.enumerate_sig_fields(writer, with_name=field_name))
    widget = field_ref.get_object()  # pyHanko merges the field and its widget into one dictionary
    appearance = writer.add_object(init_xobject_dictionary(b"", 0, 0))  # BBox [0 0 0 0], no resources
    ap_dict = generic.DictionaryObject({generic.pdf_name("/N"): appearance})  # type: ignore[no-untyped-call]
    widget[generic.pdf_name("/AP")] = ap_dict
    writer.mark_update(field_ref)


def _pdf_version(name: object) -> tuple[int, int] | None:
    major, _, minor = str(name).lstrip("/").partition(".")
    return (int(major), int(minor)) if major.isdigit() and minor.isdigit() else None


def _declared_versions(writer: _PdfaWriter) -> list[tuple[int, int]]:
    """The PDF versions the updated file declares: header, catalog /Version, developer extensions."""
    versions = [writer.prev.input_version]
    catalog = _pdf_version(writer.root.get("/Version", ""))
    if catalog is not None:
        versions.append(catalog)
    extensions = writer.root.get("/Extensions")
    if isinstance(extensions, generic.DictionaryObject):
        for value in extensions.values():
            entries = value if isinstance(value, generic.ArrayObject) else [value]
            for entry in entries:
                entry = entry.get_object()
                if isinstance(entry, generic.DictionaryObject):
                    base = _pdf_version(entry.get("/BaseVersion", ""))
                    if base is not None:
                        versions.append(base)
    return versions


def _check_update(writer: _PdfaWriter) -> None:
    """Refuse the result if the update touched the metadata or declared a PDF version beyond the part's.

    Guards against changes in pyHanko's internals (the ``_update_meta`` hook, version handling).
    """
    touched = {idnum for (_gen, idnum) in writer.objects}
    refs = (
        (writer.root.raw_get("/Metadata") if "/Metadata" in writer.root else None, phrase("seal.what_xmp")),
        (writer.trailer.raw_get("/Info") if "/Info" in writer.trailer else None, phrase("seal.what_info")),
    )
    for ref, what in refs:
        if isinstance(ref, generic.IndirectObject) and ref.idnum in touched:
            raise QualityError("seal.touched_metadata", what=what)
    highest = max(_declared_versions(writer))
    if highest > max(writer.max_version, writer.prev.input_version):
        raise QualityError("seal.pdf_version", version=f"{highest[0]}.{highest[1]}")


def _timestamper(config: SealConfig, timestamper: timestamps.TimeStamper | None) -> Any:
    if timestamper is not None:
        return timestamper
    if config.timestamp_url:
        return timestamps.HTTPTimeStamper(config.timestamp_url, timeout=TIMESTAMP_TIMEOUT_S)
    return None


def _url_for_message(url: str | None) -> str | Phrase:
    """The timestamp URL without any user:password part."""
    if not url:
        return phrase("seal.the_tsa")
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def seal_pdf(
    pdf: bytes,
    config: SealConfig,
    *,
    level: str,
    reason: str,
    location: str,
    field_name: str = "Segl",
    timestamper: timestamps.TimeStamper | None = None,
) -> bytes:
    """Seal ``pdf`` (PDF/A of ``level``: "1b", "2b", "2u" or "2a") and return the sealed file.

    PAdES B-B; B-T when ``config.timestamp_url`` is set or ``timestamper`` is given.
    Raises ``SealError`` for certificate, password, timestamp and input problems.
    """
    level = str(level)  # also takes bti_docs.pdfa.PdfaLevel (a StrEnum)
    if level not in PDFA_LEVELS:
        known = ", ".join(sorted(PDFA_LEVELS))
        raise SealError("seal.unknown_level", level=level, known=known)
    pades = _pades_level(config, timestamper)
    if pades in ("B-LT", "B-LTA") and level.startswith("1"):
        raise SealError("seal.lt_needs_pdfa2", pades=pades)
    creds = _load_credentials(config)
    try:
        writer = _PdfaWriter(pdf, max_version=(1, 4) if level.startswith("1") else (1, 7))
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise SealError("seal.pdf_unreadable", detail=str(exc)) from exc
    if level.startswith("1") and writer.prev.has_xref_stream:
        raise SealError("seal.xref_streams")
    _add_invisible_field(writer, field_name)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason,
        location=location,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        embed_validation_info=False,
        use_pades_lta=False,
    )
    stamper = _timestamper(config, timestamper) if pades != "B-B" else None
    pdf_signer = signers.PdfSigner(meta, signer=_pyhanko_signer(creds), timestamper=stamper)
    try:
        out = pdf_signer.sign_pdf(writer, existing_fields_only=True,
                                  bytes_reserved=_container_reserve(creds, timestamped=stamper is not None))
    except OSError as exc:  # pyHanko's TimestampRequestError is an OSError
        if stamper is None:
            raise SealError("seal.failed", detail=str(exc)) from exc
        where = _url_for_message(config.timestamp_url if timestamper is None else None)
        raise SealError("seal.no_timestamp", where=where, detail=str(exc)) from exc
    except (SigningError, PdfError) as exc:
        raise SealError("seal.failed", detail=str(exc)) from exc
    _check_update(writer)
    sealed: bytes = out.getvalue()
    if pades in ("B-LT", "B-LTA"):
        sealed = _add_validation_data(sealed, config, creds)
    if pades == "B-LTA":
        sealed = add_document_timestamp(sealed, stamper, config=config)
    return sealed


PADES_LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")
DOC_TIMESTAMP_FIELD = "Arkivtidsstempel"


def _pades_level(config: SealConfig, timestamper: timestamps.TimeStamper | None) -> str:
    has_tsa = timestamper is not None or bool(config.timestamp_url)
    level = config.level or ("B-T" if has_tsa else "B-B")
    if level not in PADES_LEVELS:
        raise SealError("seal.unknown_pades", level=level, known=", ".join(PADES_LEVELS))
    if level != "B-B" and not has_tsa:
        raise SealError("seal.pades_needs_tsa", level=level)
    return level


def _embedded_certs(pdf: bytes) -> list[asn1_x509.Certificate]:
    """Every certificate in the file's signatures and their signature timestamps."""
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    certs: list[asn1_x509.Certificate] = []
    for sig in reader.embedded_signatures:
        certs += [c.chosen for c in sig.signed_data["certificates"] if c.name == "certificate"]
        for attr in sig.signer_info["unsigned_attrs"] or []:
            if attr["type"].native == "signature_time_stamp_token":
                for token in attr["values"]:
                    certs += [c.chosen for c in token["content"]["certificates"] if c.name == "certificate"]
    return certs


def _validation_context(config: SealConfig, extra: Sequence[asn1_x509.Certificate]) -> ValidationContext:
    return ValidationContext(
        trust_roots=_load_trust_roots(config.trust_roots) or None, other_certs=list(extra),
        allow_fetching=config.fetch_revocation, revocation_mode="soft-fail",
    )


def _add_validation_data(pdf: bytes, config: SealConfig, creds: _Credentials) -> bytes:
    """PAdES B-LT: a DSS with every certificate (and, when fetched, OCSP/CRL), in one incremental update."""
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    der = serialization.Encoding.DER
    own = [asn1_x509.Certificate.load(c.public_bytes(der)) for c in (creds.cert, *creds.chain)]
    certs = own + _embedded_certs(pdf) + _load_trust_roots(config.trust_roots)
    writer = _PdfaWriter(pdf, max_version=(1, 7))
    try:
        DocumentSecurityStore.supply_dss_in_writer(
            writer, None, certs=certs, validation_context=_validation_context(config, certs))
        out = BytesIO()
        writer.write(out)  # type: ignore[no-untyped-call]
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise SealError("seal.validation_data", detail=str(exc)) from exc
    _check_update(writer)
    return out.getvalue()


def add_document_timestamp(pdf: bytes, stamper: Any, *, config: SealConfig) -> bytes:
    """PAdES B-LTA: the TSA's certificates into the DSS, then a document timestamp over the whole file.

    Also the way to renew an archive timestamp before the last one's certificate expires: each call adds
    one more timestamp field (``Arkivtidsstempel``, ``Arkivtidsstempel-2`` ...) as an incremental update.
    """
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    reader = PdfFileReader(BytesIO(pdf), strict=False)
    taken = {name for name, _v, _r in fields.enumerate_sig_fields(reader)}
    name, n = DOC_TIMESTAMP_FIELD, 1
    while name in taken:
        n += 1
        name = f"{DOC_TIMESTAMP_FIELD}-{n}"
    writer = _PdfaWriter(pdf, max_version=(1, 7))
    try:
        certs = _embedded_certs(pdf) + _load_trust_roots(config.trust_roots)
        DocumentSecurityStore.supply_dss_in_writer(
            writer, None, certs=certs, validation_context=_validation_context(config, certs))
        # pyHanko makes the field itself (zero-size widget, Print flag, no appearance: PDF/A-2 6.3.3 allows
        # that); a field of ours with an appearance would count as form filling, not as an LTA update
        out = signers.PdfTimeStamper(stamper, field_name=name).timestamp_pdf(
            writer, "sha256", in_place=True, timestamper=stamper)
    except OSError as exc:
        raise SealError("seal.no_doc_timestamp", where=_url_for_message(config.timestamp_url), detail=str(exc)) from exc
    except (SigningError, PdfError, ValueError, KeyError, TypeError) as exc:
        raise SealError("seal.doc_timestamp_failed", detail=str(exc)) from exc
    _check_update(writer)
    stamped: bytes = out.getvalue()
    return stamped


def archive_timestamp_expiry(pdf: bytes) -> dt.datetime | None:
    """When the certificate of the file's latest document timestamp (B-LTA) expires; None without one.

    Before then a fresh document timestamp (``add_document_timestamp``) must be added, or the chain of
    timestamps that proves the seal was valid when it was made ends.
    """
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        stamps = list(reader.embedded_timestamp_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise QualityError("seal.archive_timestamp_unreadable", detail=str(exc)) from exc
    if not stamps:
        return None
    latest = max(stamps, key=lambda s: s.signed_revision)
    expiry: dt.datetime = latest.signer_cert.not_valid_after
    return expiry


# --- validation --------------------------------------------------------------------------------------


def check_trust_roots(paths: Sequence[Path]) -> None:
    """SealError naming the first trust root that cannot be read or is no certificate (the watcher's start)."""
    _load_trust_roots(paths)


def _load_trust_roots(paths: Sequence[Path]) -> list[asn1_x509.Certificate]:
    roots: list[asn1_x509.Certificate] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SealError("seal.root_unreadable", path=path, reason=os_reason(exc)) from None
        try:
            certs = (
                x509.load_pem_x509_certificates(data)
                if b"-----BEGIN" in data
                else [x509.load_der_x509_certificate(data)]
            )
        except ValueError:
            raise SealError("seal.root_invalid", path=path) from None
        der = serialization.Encoding.DER
        roots.extend(asn1_x509.Certificate.load(c.public_bytes(der)) for c in certs)
    return roots


def _covers(result: ModificationInfo) -> bool:
    """The whole file, or its revision followed only by validation data and document timestamps (LTA)."""
    from pyhanko.sign.diff_analysis import ModificationLevel

    if result.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    return (result.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and result.modification_level == ModificationLevel.LTA_UPDATES)


def _status_from(result: PdfSignatureStatus) -> SealStatus:
    cert = x509.load_der_x509_certificate(result.signing_cert.dump())
    ts = result.timestamp_validity
    timestamped = ts is not None and ts.intact and ts.valid and ts.trusted
    status = SealStatus(
        intact=result.intact,
        valid=result.valid,
        trusted=result.trusted,
        covers_whole_file=_covers(result),
        signer=_subject_text(cert.subject),
        signing_time=ts.timestamp if ts is not None and timestamped else result.signer_reported_dt,
        timestamped=timestamped,
        summary="",
        timestamp_present=ts is not None,
    )
    return replace(status, summary=_summary(status, DEFAULT_LANG))


def _summary(status: SealStatus, lang: Lang) -> str:
    if status.error is not None:
        return say("seal.summary_broken", lang, detail=status.error)
    problems: list[str] = []
    if not status.intact:
        problems.append(say("seal.summary_changed", lang))
    elif not status.valid:
        problems.append(say("seal.summary_invalid", lang))
    if not status.trusted:
        problems.append(say("seal.summary_untrusted", lang))
    if not status.covers_whole_file:
        problems.append(say("seal.summary_not_whole", lang))
    when = f" {status.signing_time:%Y-%m-%d %H:%M:%S %Z}".rstrip() if status.signing_time else ""
    if status.timestamped:
        stamp = say("seal.summary_stamped", lang)
    elif status.timestamp_present:
        stamp = say("seal.summary_bad_stamp", lang)
    else:
        stamp = say("seal.summary_no_stamp", lang)
    head = say("seal.summary_head", lang, signer=status.signer, when=when, level=status.level)
    if status.archive_timestamp is not None:
        head += say("seal.summary_archive_stamp", lang,
                    when=f"{status.archive_timestamp:%Y-%m-%d %H:%M:%S %Z}".rstrip())
    if problems:
        return say("seal.summary_bad", lang, head=head, problems="; ".join(problems), stamp=stamp)
    return say("seal.summary_ok", lang, head=head, stamp=stamp)


def _broken_status(exc: Exception) -> SealStatus:
    status = SealStatus(
        intact=False,
        valid=False,
        trusted=False,
        covers_whole_file=False,
        signer="?",
        signing_time=None,
        timestamped=False,
        summary="",
        error=str(exc),
    )
    return replace(status, summary=_summary(status, DEFAULT_LANG))


def validate_seals(pdf: bytes, trust_roots: Sequence[Path]) -> list[SealStatus]:
    """Check every seal in ``pdf`` against ``trust_roots`` only (no system trust, no network).

    A timestamp counts (``timestamped``) only if its TSA also chains to one of ``trust_roots``.
    Revocation is not checked (no fetching; B-B/B-T embed no revocation data).
    Raises ``QualityError`` if the file cannot be read as PDF at all.
    """
    roots = _load_trust_roots(trust_roots)
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        embedded: list[EmbeddedPdfSignature] = list(reader.embedded_regular_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise QualityError("seal.check_unreadable", detail=str(exc)) from exc
    statuses: list[SealStatus] = []
    for sig in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        try:
            result = validate_pdf_signature(sig, signer_validation_context=context)
        except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as exc:
            statuses.append(_broken_status(exc))
            continue
        statuses.append(_status_from(result))
    if not statuses:
        return statuses
    has_dss = "/DSS" in reader.root
    archive_time = _document_timestamp(reader, roots)
    # whatever the revisions before, the file's last signature or timestamp must cover all of it
    tail_ok = _tail_covered(reader)
    out: list[SealStatus] = []
    for status in statuses:
        if not tail_ok:
            status = replace(status, covers_whole_file=False)
        level = "B-T" if status.timestamped else "B-B"
        if level == "B-T" and has_dss:
            level = "B-LTA" if archive_time is not None else "B-LT"
        status = replace(status, level=level, archive_timestamp=archive_time if level == "B-LTA" else None)
        if status.signer != "ukjend":  # a seal that could not be checked keeps its message
            status = replace(status, summary=_summary(status, DEFAULT_LANG))
        out.append(status)
    return out


def _tail_covered(reader: PdfFileReader) -> bool:
    """After the file's last signature or timestamp there is nothing, or only validation data (a DSS)."""
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, DiffResult, ModificationLevel

    last = max(reader.embedded_signatures, key=lambda s: s.signed_revision)
    coverage = last.evaluate_signature_coverage()
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    if coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return False
    diff = last.evaluate_modifications(DEFAULT_DIFF_POLICY)
    return isinstance(diff, DiffResult) and diff.modification_level == ModificationLevel.LTA_UPDATES


def _document_timestamp(reader: PdfFileReader, roots: list[asn1_x509.Certificate]) -> dt.datetime | None:
    """The time of the latest document timestamp that is intact, valid, trusted and covers the whole file."""
    from pyhanko.sign.validation import validate_pdf_timestamp

    latest: dt.datetime | None = None
    for sig in reader.embedded_timestamp_signatures:
        context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        try:
            result = validate_pdf_timestamp(sig, validation_context=context)
        except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError):
            continue
        if result.intact and result.valid and result.trusted:
            latest = result.timestamp if latest is None else max(latest, result.timestamp)
    return latest


def seal_ok(status: SealStatus) -> bool:
    """True when the seal is intact, valid, trusted and covers the whole file."""
    return status.intact and status.valid and status.trusted and status.covers_whole_file
