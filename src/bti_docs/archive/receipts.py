"""Receipts: the journal's head hash after a filing, kept outside the archive to detect a rewritten chain.

A receipt is an entry hash of the journal's chain. Whoever keeps one can later check that the journal still
holds that entry: a journal whose newest entries were removed, or whose chain was rewritten (even with a
freshly computed ``journal.sqlite.sha256``), no longer contains it.

* ``bti-docs file`` prints the receipt of its last filing.
* With ``arkivering: kvitteringslogg: PATH`` in the settings, filing appends one line per journal entry to
  that file (``<UTC time> <sequence> <hash>``), opened before anything is filed and fsynced after; put it on
  another volume (or another machine's share) than the archive. Every receipt also goes to the log
  (``bti_docs.archive.kvittering``, level INFO), so under systemd the system journal keeps a copy.
* ``bti-docs verify ARKIV --kvittering HASH|FILE`` checks the journal against one receipt or a whole log.
"""

from __future__ import annotations

import logging
import os
import re
import syslog
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bti_docs.errors import BtiError, ExitCode, os_reason
from bti_docs.i18n import Lang
from bti_docs.text.voice import say

log = logging.getLogger("bti_docs.archive.kvittering")
_HASH = re.compile(r"^[0-9a-f]{64}$")
LOG_MODE = 0o640


class ReceiptError(BtiError):
    """A receipt given to ``verify`` cannot be read or is not a receipt."""

    exit_code = ExitCode.bad_args


@dataclass(frozen=True)
class Receipt:
    hash: str
    seq: int | None  # the journal sequence number, when the receipt names it
    source: str  # where it came from: "FILE:LINE", or "" for the command line

    def say(self, lang: Lang) -> str:
        """The receipt as a reader knows it: the hash's start and where it came from."""
        return f"{self.hash[:16]}… ({self.source or say('receipts.command_line', lang)})"


def receipt_line(seq: int, digest: str, when: datetime | None = None) -> str:
    stamp = (when or datetime.now(UTC)).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return f"{stamp} {seq} {digest}\n"


def _parse_line(text: str, source: str) -> Receipt | None:
    text = text.strip()
    if not text or text.startswith("#"):
        return None
    tokens = text.split()
    hashes = [t for t in tokens if _HASH.match(t)]
    if len(hashes) != 1:
        raise ReceiptError("receipts.not_a_receipt", source=source)
    numbers = [int(t) for t in tokens if t.isdigit() and t != hashes[0]]
    return Receipt(hashes[0], numbers[-1] if numbers else None, source)


def parse_receipts(values: Sequence[str]) -> list[Receipt]:
    """Receipts from ``--kvittering`` values: each a hash, or a receipt log file (one receipt per line)."""
    found: list[Receipt] = []
    for value in values:
        if _HASH.match(value.strip()):
            found.append(Receipt(value.strip(), None, ""))
            continue
        path = Path(value)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason: object = os_reason(exc) if isinstance(exc, OSError) else "UTF-8"
            raise ReceiptError("receipts.unreadable", value=value, reason=reason) from None
        for number, line in enumerate(text.splitlines(), start=1):
            receipt = _parse_line(line, f"{path.name}:{number}")
            if receipt is not None:
                found.append(receipt)
        if not any(r.source.startswith(f"{path.name}:") for r in found):
            raise ReceiptError("receipts.empty_file", value=value)
    return found


class ReceiptLog:
    """The configured receipt log, opened for appending before a filing (so an unwritable log refuses it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, LOG_MODE)

    def append(self, entries: Sequence[tuple[int, str]]) -> None:
        """One line per (sequence, hash), then fsync: the receipts are on disk when this returns."""
        data = "".join(receipt_line(seq, digest) for seq, digest in entries).encode("ascii")
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view):]
        os.fsync(self._fd)

    def close(self) -> None:
        os.close(self._fd)


def log_receipts(entries: Sequence[tuple[int, str]], *, system_log: bool = False) -> None:
    """Every receipt to the Python log, and with ``system_log`` to syslog (the systemd journal)."""
    for seq, digest in entries:
        log.info("kvittering journalpost=%d hash=%s", seq, digest)
    if system_log:
        syslog.openlog("bti-docs", syslog.LOG_PID, syslog.LOG_USER)
        for seq, digest in entries:
            syslog.syslog(syslog.LOG_INFO, f"kvittering journalpost={seq} hash={digest}")
