"""The archive: filing sealed PDF/A documents by the municipality's rules, with Noark 5 sidecars and a journal.

Modules, each importing only those listed before it:

* ``rules``: the ``arkivering`` settings (model in ``bti_docs.config.arkivering``), dokumenttype and title.
* ``events``: which events a form is (``events_for``) and which cases are due yearly (``yearly_due``).
* ``sidecar``: the Noark 5 metadata file beside each PDF.
* ``fsutil``: exclusive create, fsync, link-without-overwrite, the archive lock, the crash-test hook.
* ``journal``: the SQLite hash-chained journal.
* ``receipts``: receipts (entry hashes kept outside the archive), the receipt log, ``parse_receipts``.
* ``plan``: ``plan_filing`` → ``FilingPlan`` → ``DocumentToFile``.
* ``recovery``: finishing or undoing interrupted filings; ``reindex``.
* ``filing``: ``Archive`` (``file``, ``already_filed``, ``latest_log``, ``due_yearly``, ``recover``).
* ``verify``: ``verify_archive``.
"""

from __future__ import annotations

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

__all__ = [
    "Archive", "ArchiveRules", "CaseState", "DocumentToFile", "DueYearly", "FiledDocument", "FilingPlan",
    "Hendelse", "PlanOutdatedError", "RecoveryReport", "ReindexReport", "VerifyProblem", "VerifyReport",
    "events_for", "form_sha256", "plan_filing", "reindex", "verify_archive", "verify_report",
]
