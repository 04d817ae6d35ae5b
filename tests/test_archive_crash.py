"""Crash safety: a filing killed (SIGKILL) between any two steps leaves nothing or a complete document.

A child process files a transition form (two documents: the form and a copy of the log) into a copy of a
prepared archive and is killed by the ``BTI_DOCS_CRASH_AT`` hook at one step of one document. The test then
checks what ``verify`` says before recovery, opens the archive (which recovers), and checks that every
document is either absent everywhere or complete everywhere, that ``verify`` passes, and that filing the
same input again completes the batch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bti_docs.archive.filing import Archive
from bti_docs.archive.fsutil import CRASH_ENV, CRASH_STEPS
from bti_docs.archive.verify import verify_archive
from test_archive_support import codes, file_form, form, sealed_pdf, settings, tree, trust_roots

pytestmark = pytest.mark.slow
TESTS = Path(__file__).resolve().parent
CHILD = """
import sys
from datetime import UTC, datetime
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import test_archive_support as S
from bti_docs.archive.filing import Archive
from bti_docs.archive.plan import plan_filing
s = S.settings()
f = S.form("overgangsskjema", s, unit=1)
with Archive(Path(sys.argv[1]), s) as archive:
    plan = plan_filing(f, s, archive)
    archive.file(plan.documents(pdf=Path(sys.argv[2]).read_bytes(), pdfa_level="2b", seal_signer="Test",
                                seal_time=datetime(2024, 8, 15, tzinfo=UTC), seal_verified=True))
"""
CASES = [(step, 1) for step in CRASH_STEPS] + [(step, 2) for step in CRASH_STEPS[2:6]]
COMPLETE_FROM = CRASH_STEPS.index("after_sidecar_link")  # from here on recovery completes the document


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], tuple[Path, int]]:
    """Every crash case, run in parallel: (step, document) → (archive root, exit status)."""
    work = tmp_path_factory.mktemp("crash")
    base, s = work / "base", settings()
    with Archive(base, s) as archive:
        file_form(archive, s, form("stafettlogg", s))
    pdf = work / "form.pdf"
    pdf.write_bytes(sealed_pdf("form"))
    runs = {}
    for step, n in CASES:
        root = Path(shutil.copytree(base, work / f"{step}-{n}"))
        env = {**os.environ, CRASH_ENV: f"{step}@{n}"}
        runs[(step, n)] = (root, subprocess.Popen([sys.executable, "-c", CHILD, str(root), str(pdf), str(TESTS)],
                                                  env=env, stderr=subprocess.PIPE))
    out = {}
    for key, (root, proc) in runs.items():
        _stdout, stderr = proc.communicate(timeout=60)
        assert proc.returncode != 0 or not stderr, stderr.decode()
        out[key] = (root, proc.returncode)
    return out


def expected_documents(step: str, n: int) -> int:
    """How many of the batch's two documents must exist after recovery."""
    return n if CRASH_STEPS.index(step) >= COMPLETE_FROM else n - 1


@pytest.mark.parametrize(("step", "n"), CASES)
def test_an_interrupted_filing_leaves_nothing_or_a_complete_document(
        crashed: dict[tuple[str, int], tuple[Path, int]], step: str, n: int) -> None:
    root, status = crashed[(step, n)]
    assert status == -9  # killed by the hook, not finished or failed otherwise
    base = [p for p in tree(root) if "periodisk" in p]
    assert "pending" in codes(verify_archive(root, trust_roots()))  # verify reports the interruption

    s = settings()
    with Archive(root, s) as archive:  # opening recovers
        report = archive.last_recovery
        filed = [d for d in archive.documents() if d.event == "overgang"]
    assert len(filed) == expected_documents(step, n)
    assert sorted(report.completed) == ([filed[-1].relpath] if step == "after_sidecar_link" else [])
    assert tree(root) == sorted(base + [p for d in filed for p in (d.relpath, d.relpath + ".noark5.json")])
    assert verify_archive(root, trust_roots()) == []

    with Archive(root, s) as archive:  # the same input again completes the batch, nothing twice
        _plan, again = file_form(archive, s, form("overgangsskjema", s, unit=1))
    assert [d.duplicate for d in again] == [i < len(filed) for i in range(2)]
    assert [d.relpath for d in again[: len(filed)]] == [d.relpath for d in filed]
    assert len(tree(root)) == len(base) + 4
    assert verify_archive(root, trust_roots()) == []


def test_recovery_leaves_files_it_did_not_write(tmp_path: Path) -> None:
    s = settings()
    with Archive(tmp_path, s) as archive:
        _plan, docs = file_form(archive, s, form("stafettlogg", s))
    stray = docs[0].path.with_name("lagt-inn.pdf")
    stray.write_bytes(docs[0].path.read_bytes())
    with Archive(tmp_path, s) as archive:
        assert archive.last_recovery.removed == [] and archive.recover().removed == []
    assert stray.exists()
    assert {(p.path, p.code) for p in verify_archive(tmp_path, trust_roots())} == \
        {(stray.relative_to(tmp_path).as_posix(), "unjournaled")}
