"""The archive: filing sealed PDF/A documents by the municipality's rules, with Noark 5 sidecars and a journal.

Modules, each importing only those listed before it:

* ``rules``: the ``arkivering`` section of ``archive_rules.yaml`` (strict; templates checked on load).
* ``events``: which events a form is (``events_for``) and which cases are due yearly (``yearly_due``).
* ``sidecar``: the Noark 5 metadata file beside each PDF.
* ``fsutil``: exclusive create, fsync, link-without-overwrite, the archive lock, the crash-test hook.
* ``journal``: the SQLite hash-chained journal.
* ``receipts``: receipts (entry hashes kept outside the archive), the receipt log, ``parse_receipts``.
* ``plan``: ``plan_filing`` → ``FilingPlan`` → ``DocumentToFile``.
* ``recovery``: finishing or undoing interrupted filings; ``reindex``.
* ``filing``: ``Archive`` (``file``, ``already_filed``, ``latest_log``, ``due_yearly``, ``recover``).
* ``verify``: ``verify_archive``.

Names are imported lazily: ``bti_docs.config`` imports ``rules`` while it is itself being imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bti_docs.archive.events import CaseState, DueYearly, events_for
    from bti_docs.archive.filing import Archive
    from bti_docs.archive.plan import (
        DocumentToFile,
        FiledDocument,
        FilingPlan,
        PlanOutdatedError,
        form_sha256,
        plan_filing,
    )
    from bti_docs.archive.recovery import RecoveryReport, ReindexReport, reindex
    from bti_docs.archive.rules import ArchiveRules, Hendelse
    from bti_docs.archive.verify import VerifyProblem, VerifyReport, verify_archive, verify_report

_EXPORTS = {
    "CaseState": "events", "DueYearly": "events", "events_for": "events",
    "Archive": "filing",
    "DocumentToFile": "plan", "FiledDocument": "plan", "FilingPlan": "plan", "form_sha256": "plan",
    "plan_filing": "plan", "PlanOutdatedError": "plan",
    "RecoveryReport": "recovery", "ReindexReport": "recovery", "reindex": "recovery",
    "ArchiveRules": "rules", "Hendelse": "rules",
    "VerifyProblem": "verify", "VerifyReport": "verify", "verify_archive": "verify", "verify_report": "verify",
}
__all__ = [
    "Archive", "ArchiveRules", "CaseState", "DocumentToFile", "DueYearly", "FiledDocument", "FilingPlan",
    "Hendelse", "PlanOutdatedError", "RecoveryReport", "ReindexReport", "VerifyProblem", "VerifyReport",
    "events_for", "form_sha256", "plan_filing", "reindex", "verify_archive", "verify_report",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
