"""Submit: a valid form written atomically into the unit's watch inbox, and the status of what was sent.

The web app never holds the seal certificate: the unit's watcher picks the file up, files it, and moves it
to ``done/`` (with a receipt ``NAME.kvittering.json``) or to ``rejected/`` (with the report
``NAME.feil.txt``). The file's name is opaque (``web-<id>.yaml``): no name or id number ever names a file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from bti_docs import fsio

RECEIPT_SUFFIX = ".kvittering.json"
REPORT_SUFFIX = ".feil.txt"


def write_into_inbox(inbox: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as ``inbox/name``: hidden temp file, fsync, then renamed without replacing, fsync the folder.

    The rename is ``renameat2(RENAME_NOREPLACE)``: the file never has two names, which the watcher would refuse
    (a hard link); where the file system lacks it, a hard link and an unlink. Either way an existing file is
    never replaced (FileExistsError). The watcher ignores hidden files, so it never sees the temporary file.
    """
    inbox.mkdir(parents=True, exist_ok=True)
    target = inbox / name
    tmp = inbox / f".{name}.{os.getpid()}.tmp"
    fsio.write_new(tmp, data, 0o640)
    try:
        if not fsio.rename_no_replace(tmp, target):
            os.link(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    fsio.fsync_dir(inbox)
    return target


@dataclass(frozen=True)
class Status:
    state: str  # waiting, filed, rejected
    filed: list[str] = field(default_factory=list)
    journal: str = ""
    report: str = ""
    outcome: str = ""  # from the receipt: filed, duplicate (filed before, same content), nothing_to_file


def status_of(inbox: Path, done: Path, rejected: Path, name: str) -> Status:
    receipt = done / f"{name}{RECEIPT_SUFFIX}"
    if receipt.is_file():
        return _from_receipt(receipt)
    report = rejected / f"{name}{REPORT_SUFFIX}"
    if report.is_file():
        return Status("rejected", report=report.read_text(encoding="utf-8", errors="replace")[:20_000])
    if (rejected / name).exists():
        return Status("rejected")
    if (done / name).exists():
        return Status("filed")
    return Status("waiting")


def _from_receipt(path: Path) -> Status:
    """The watcher's receipt (schema ``bti-docs/watch-receipt/1``): ``outcome``, ``filed``, ``journal_receipt``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Status("filed")
    if not isinstance(data, dict):
        return Status("filed")
    filed = data.get("filed")
    journal = data.get("journal_receipt") or data.get("receipt") or ""
    outcome = data.get("outcome")
    return Status(
        "filed",
        [str(f) for f in filed if isinstance(f, str)] if isinstance(filed, list) else [],
        journal if isinstance(journal, str) else "",
        outcome=outcome if outcome in ("filed", "duplicate", "nothing_to_file") else "filed",
    )
