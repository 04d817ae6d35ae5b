"""``bti-docs forny-tidsstempel``: renew the archive timestamps of B-LTA documents before they run out.

A B-LTA seal shows it was valid when made as long as the latest document timestamp can be checked, that is,
until that timestamp's certificate expires. Before then a fresh document timestamp over the whole file (which
also covers the older one) must be added. Filed files are never changed, so the renewed PDF (the old bytes
plus one incremental update: validation data and the new timestamp) is filed as a **new version** of the
document (``Archive.file_version``): a new file next to the old (``NAME-v2.pdf``), its own sidecar
(``dokumentobjekt.versjonsnummer`` + 1, ``bti.fornyar`` naming the version it replaces) and its own entry in
the journal's chain. ``verify`` checks that each version begins with the bytes of the one it replaces and
reports the older one as superseded; the Noark 5 extract writes both as ``dokumentobjekt`` versions of one
``dokumentbeskrivelse``.

Each candidate is checked before it is filed: every seal intact, valid, trusted and covering the whole file at
PAdES B-LTA, the new timestamp outliving the old, the PDF/A essentials of the sidecar's level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bti_docs.archive.filing import Archive
from bti_docs.archive.sidecar import level_of, parse_sidecar
from bti_docs.errors import ArchiveError, SealError
from bti_docs.pdfa import check_pdfa
from bti_docs.seal import SealConfig, add_document_timestamp, archive_timestamp_expiry, seal_ok, validate_seals
from bti_docs.text.voice import Joined, Sayable, phrase


@dataclass(frozen=True)
class Renewed:
    old: str  # the version that stays as filed
    new: str  # the new version
    seq: int  # its journal entry
    expired: datetime  # when the old version's latest archive timestamp runs out
    expires: datetime  # when the new one does


@dataclass(frozen=True)
class RenewalReport:
    renewed: list[Renewed] = field(default_factory=list)
    later: list[tuple[str, datetime]] = field(default_factory=list)  # B-LTA documents not yet due: (path, expiry)
    not_lta: list[str] = field(default_factory=list)  # documents without an archive timestamp (B-B, B-T, B-LT)


def renew_timestamps(archive: Archive, config: SealConfig, *, within_days: int, now: datetime | None = None,
                     stamper: Any = None) -> RenewalReport:
    """Add a fresh document timestamp to every current B-LTA document whose latest one expires within
    ``within_days`` of ``now``, each filed as a new version. Stops at the first document that cannot be renewed
    (SealError / ArchiveError); those renewed before it stay filed."""
    from pyhanko.sign.timestamps import HTTPTimeStamper

    if stamper is None:
        if not config.timestamp_url:
            raise SealError("renewal.needs_tsa")
        stamper = HTTPTimeStamper(config.timestamp_url, timeout=10)
    limit = (now or datetime.now(UTC)) + timedelta(days=within_days)
    report = RenewalReport()
    for doc in archive.current_documents():
        pdf = doc.path.read_bytes()
        expiry = archive_timestamp_expiry(pdf)
        if expiry is None:
            report.not_lta.append(doc.relpath)
            continue
        if expiry > limit:
            report.later.append((doc.relpath, expiry))
            continue
        renewed = add_document_timestamp(pdf, stamper, config=config)
        _check(renewed, expiry, doc.relpath, doc.sidecar_path.read_bytes(), config)
        filed = archive.file_version(doc.relpath, renewed)
        report.renewed.append(Renewed(doc.relpath, filed.relpath, filed.seq, expiry,
                                      archive_timestamp_expiry(renewed) or expiry))
    return report


def _check(pdf: bytes, old_expiry: datetime, relpath: str, sidecar: bytes, config: SealConfig) -> None:
    """The renewed file before it is filed: seals good at B-LTA, a later expiry, PDF/A still holds."""
    statuses = validate_seals(pdf, config.trust_roots)
    bad: list[Sayable] = [s for s in statuses if not (seal_ok(s) and s.level == "B-LTA")]
    new_expiry = archive_timestamp_expiry(pdf)
    level = level_of(parse_sidecar(sidecar).dokumentbeskrivelse.dokumentobjekt.formatDetaljer)
    findings: list[Sayable] = [phrase("archive.pdfa_finding", clause=f.clause, detail=f)
                               for f in check_pdfa(pdf, level)] if level is not None else []
    if not statuses or bad or findings or new_expiry is None or new_expiry <= old_expiry:
        detail = Joined(bad + findings) if bad or findings else phrase("renewal.not_longer")
        raise ArchiveError("renewal.failed", path=relpath, detail=detail)
