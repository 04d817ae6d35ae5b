"""Shared helpers for the watch tests: a fake pipeline, a watcher subprocess, and waiting on conditions.

The fake pipeline keeps the contract of ``bti_docs.api.file_one``: it files a copy of the input under its
content hash (a second filing of the same content is a ``duplicate``), appends every call to a journal, and
raises the pipeline's errors (bad input: InvalidFormError / InputFileError / RefusedCaseError; a folder it
cannot write: ArchiveError). A form is only valid when its last line ``slutt: ja`` is there, so a file taken
before its writer finished is rejected, and the tests see it. Hooks for crash tests come from environment
variables (``FAKE_DELAY``, ``FAKE_HANG`` = ``before:N`` / ``after:N``: hang at the N-th call before or after
filing, after writing a ``hanging`` marker next to the journal).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bti_docs.errors import ArchiveError, InputFileError, InvalidFormError, Problem, RefusedCaseError
from bti_docs.watch.worker import report_case, take_turn

TESTS_DIR = Path(__file__).resolve().parent
ROOT = TESTS_DIR.parent
PYTHON = sys.executable
SECRET_NAME = "Kari Nordmann 01018012345"  # a name and an id number that must never reach the log


@dataclass(frozen=True)
class FakeOutcome:
    input_sha256: str
    filed: list[Path]
    duplicate: bool
    problems: list[Problem] = field(default_factory=list)


class FakePipeline:
    def __init__(self, archive: Path, delay: float = 0.0, hang: str = "") -> None:
        self.archive = archive
        self.delay = delay
        self.hang_when, _, n = hang.partition(":")
        self.hang_at = int(n) if n else 0
        self.calls = 0

    def __call__(self, path: Path, display: str, *,
                 before_commit: Callable[[], None] | None = None) -> FakeOutcome:
        self.calls += 1
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        doc = self._check(data, display)
        case = str(doc.get("sak", ""))
        if case:  # like the real pipeline: the case key when parsed, the PDF, then the turn to file
            report_case(case)
            time.sleep(float(doc.get("render_s", 0)))
            take_turn()
        self._maybe_hang("before")
        if before_commit is not None:
            before_commit()
        out = self.archive / "filed" / f"{sha}.yaml.pdf"
        try:
            out.parent.mkdir(exist_ok=True)
            if out.exists():
                self._journal("duplicate", sha)
                return FakeOutcome(sha, [], True)
            tmp = out.with_name(f".{sha}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.link(tmp, out)
            tmp.unlink()
            self._journal("filed", sha)
            if case:
                with open(self.archive / "order.txt", "a", encoding="utf-8") as fh:
                    fh.write(f"{case} {doc.get('nr')}\n")
        except OSError as exc:
            raise ArchiveError(f"Arkivet kan ikkje skrivast ({exc.strerror}): {path}") from exc
        self._maybe_hang("after")
        if self.delay:
            time.sleep(self.delay)
        return FakeOutcome(sha, [out.relative_to(self.archive)], False)

    def _check(self, data: bytes, display: str) -> dict[str, object]:
        try:
            doc = yaml.safe_load(data.decode("utf-8"))
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            raise InputFileError("Fila er ikkje gyldig YAML.",
                                 [Problem(display, "", "yaml_syntax", f"YAML-feil: {type(exc).__name__}")]) from exc
        if not isinstance(doc, dict) or "skjema" not in doc:
            raise InvalidFormError("Skjemaet er ugyldig.",
                                   [Problem(display, "skjema", "missing", "Feltet manglar. Fyll det ut.")])
        if doc.get("mistanke_vold"):
            raise RefusedCaseError("Mistanke om vald eller overgrep.", [Problem(
                display, "", "case_violence_abuse", "Mistanke om vald eller overgrep: send melding til barnevernet.")])
        if doc.get("slutt") != "ja":
            raise InvalidFormError("Skjemaet er ufullstendig.",
                                   [Problem(display, "slutt", "missing", "Feltet manglar. Fyll det ut.")])
        return doc

    def _maybe_hang(self, when: str) -> None:
        if self.hang_when == when and self.calls == self.hang_at:
            (self.archive / "hanging").write_text(when)
            threading.Event().wait()

    def _journal(self, what: str, sha: str) -> None:
        with open(self.archive / "journal.txt", "a", encoding="utf-8") as fh:
            fh.write(f"{what} {sha}\n")
            fh.flush()
            os.fsync(fh.fileno())


def fake_main(argv: Sequence[str]) -> int:
    """The watcher's own ``main`` with the fake pipeline (run in a subprocess by the tests)."""
    from bti_docs.watch.daemon import main

    delay = float(os.environ.get("FAKE_DELAY", "0"))
    hang = os.environ.get("FAKE_HANG", "")
    return main(argv, make_processor=lambda config: (config, FakePipeline(config.archive, delay, hang)))


FAKE_RUNNER = (
    f"import sys; sys.path.insert(0, {str(TESTS_DIR)!r}); "
    "from watch_helpers import fake_main; raise SystemExit(fake_main(sys.argv[1:]))"
)


def form_text(n: int, extra: str = "") -> str:
    """A small fake form with distinct content for each ``n``; valid for the fake pipeline."""
    return f"skjema: samtykke\nsamtykke_id: sam-{n:04d}\nmerknad: nummer {n}\n{extra}slutt: ja\n"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def wait_until(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting until {what}")
        time.sleep(interval)


def unprivileged_prefix() -> list[str]:
    """As root, run without the capabilities that ignore file permissions (so 0555 means read-only)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return []
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", "--"]


class Folders:
    """A unit's folders under a test's temporary folder."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.inbox = base / "inn"
        self.archive = base / "arkiv"
        self.inbox.mkdir()
        self.archive.mkdir()
        self.done = self.inbox / "done"
        self.rejected = self.inbox / "rejected"
        self.processing = self.inbox / ".processing"

    def files(self, folder: Path) -> list[Path]:
        if not folder.is_dir():
            return []
        """Files in ``folder`` without hidden ones and receipts (:meth:`receipts` lists those)."""
        return sorted(p for p in folder.iterdir()
                      if not p.name.startswith(".") and not p.is_dir() and ".kvittering." not in p.name)

    def receipts(self, folder: Path) -> list[Path]:
        return sorted(p for p in folder.iterdir() if ".kvittering." in p.name) if folder.is_dir() else []

    def inbox_files(self) -> list[Path]:
        return self.files(self.inbox)

    def claimed(self) -> list[Path]:
        return self.files(self.processing)

    def filed_hashes(self) -> Counter[str]:
        """Content hashes of what the archive holds, counted (the fake files one copy per hash)."""
        return Counter(sha(p.read_bytes()) for p in self.files(self.archive / "filed"))

    def journal(self) -> list[tuple[str, str]]:
        path = self.archive / "journal.txt"
        if not path.exists():
            return []
        return [tuple(line.split()) for line in path.read_text().splitlines()]  # type: ignore[misc]


class Watch:
    """One watcher subprocess, its log captured in a file."""

    def __init__(self, folders: Folders, *args: str, env: dict[str, str] | None = None,
                 real: bool = False, prefix: Sequence[str] = ()) -> None:
        self.folders = folders
        self.log_path = folders.base / f"watch-{time.monotonic_ns()}.log"
        base = [PYTHON, "-m", "bti_docs.watch.daemon"] if real else [PYTHON, "-c", FAKE_RUNNER]
        argv = [*prefix, *base, str(folders.inbox), "--archive", str(folders.archive), *args]
        full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self.log_file = open(self.log_path, "wb")  # noqa: SIM115 - closed in wait()/stop()
        self.proc = subprocess.Popen(argv, stdout=self.log_file, stderr=subprocess.STDOUT, env=full_env, cwd=ROOT)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for_log(self, text: str, timeout: float = 20) -> None:
        wait_until(lambda: text in self.log() or self.proc.poll() is not None, timeout, f"the log says {text!r}")
        assert text in self.log(), f"watcher exited ({self.proc.returncode}) before logging {text!r}:\n{self.log()}"

    def wait(self, timeout: float = 60) -> int:
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            self.log_file.close()

    def stop(self, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.wait(timeout)

    def kill(self) -> None:
        self.proc.kill()
        self.wait(10)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.wait(10)
