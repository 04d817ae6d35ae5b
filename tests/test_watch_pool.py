"""The watcher with a pool of workers: every input of a burst filed exactly once, each case's inputs in the
order they were taken, the time limit still enforced per worker, and kill -9 mid-burst loses nothing."""

from __future__ import annotations

import json
import shutil
import signal
from pathlib import Path

import pytest

from bti_docs.devcert import DevPki
from bti_docs.watch.pool import Sequencer
from test_batch_parallel import file_all, per_case
from test_watch_daemon import FAST, assert_all_filed_once, drop_batch
from watch_helpers import ROOT, Folders, Watch, wait_until

pytestmark = pytest.mark.slow


@pytest.fixture
def folders(tmp_path: Path) -> Folders:
    return Folders(tmp_path)


def case_form(n: int, case: str, render_s: float) -> str:
    return (f"skjema: samtykke\nsamtykke_id: sam-{n:04d}\nsak: {case}\nnr: {n}\nrender_s: {render_s}\n"
            "slutt: ja\n")


def test_a_burst_on_two_workers_is_filed_once_and_in_case_order(folders: Folders) -> None:
    """Three cases interleaved; some inputs take longer to "render", so later inputs finish first. Each case's
    inputs must still be filed in the order they were taken (by name, with --once)."""
    dropped: dict[str, bytes] = {}
    for n in range(60):
        case = f"sak-{n % 3}"
        slow = 0.25 if n % 4 == 0 else 0.0
        name = f"f{n:03d}.yaml"
        dropped[name] = case_form(n, case, slow).encode()
        (folders.inbox / name).write_bytes(dropped[name])
    watch = Watch(folders, "--settle", "0", "--once", "--workers", "2")
    assert watch.wait(120) == 0, watch.log()
    assert " workers: 2 " in watch.log()
    assert_all_filed_once(folders, dropped)
    filed: dict[str, list[int]] = {}
    for line in (folders.archive / "order.txt").read_text().splitlines():
        case, nr = line.split()
        filed.setdefault(case, []).append(int(nr))
    assert filed == {f"sak-{c}": list(range(c, 60, 3)) for c in range(3)}


def test_the_time_limit_holds_for_each_worker_of_a_pool(folders: Folders) -> None:
    """One hanging input is stopped at the limit, tried once more and rejected, while the other worker
    files the rest."""
    watch = Watch(folders, "--settle", "0", "--time-limit", "1", "--retry", "0.5", "--rescan", "0.5",
                  "--workers", "2", env={"BTI_DOCS_WATCH_FAULT_HANG": "heng"})
    try:
        watch.wait_for_log(" watching: ")
        (folders.inbox / "heng.yaml").write_text(case_form(999, "sak-x", 0))
        dropped = drop_batch(folders, 20)
        wait_until(lambda: (folders.rejected / "heng.yaml.feil.json").exists(), 30, "the hanging input is rejected")
        wait_until(lambda: len(folders.files(folders.done)) == 20, 30, "the others are filed")
    finally:
        watch.stop()
    assert json.loads((folders.rejected / "heng.yaml.feil.json").read_text())["reason"] == "time_limit"
    assert watch.log().count("tok meir enn 1 s: stoppa") >= 2  # no settings: nynorsk
    done = {p.name for p in folders.files(folders.done)}
    assert done == set(dropped)


@pytest.mark.parametrize("crash", ["before:20", "after:20"])
def test_kill_9_of_a_pool_mid_burst_loses_nothing(folders: Folders, crash: str) -> None:
    watch = Watch(folders, *FAST, "--workers", "2", env={"FAKE_HANG": crash})
    try:
        watch.wait_for_log(" watching: ")
        dropped = drop_batch(folders, 100)
        wait_until(lambda: (folders.archive / "hanging").exists(), 60, "the pipeline hangs mid-burst")
        watch.proc.send_signal(signal.SIGKILL)
        watch.wait(10)
    finally:
        watch.close()
    assert 1 <= len(folders.claimed()) <= 2
    again = Watch(folders, *FAST, "--once", "--workers", "2")
    assert again.wait(90) == 0, again.log()
    assert_all_filed_once(folders, dropped)


def test_the_sequencer_lets_other_cases_pass_and_holds_the_same_case() -> None:
    seq = Sequencer()
    a, b, c = seq.issue(), seq.issue(), seq.issue()
    seq.known(b, "x")
    seq.known(c, "y")
    assert seq._blocking(b)  # a's case is not known yet: it may be the same
    seq.known(a, "x")
    assert seq._blocking(b) and not seq._blocking(c)  # c is of another case
    seq.finish(a)
    assert not seq._blocking(b)
    seq.wait_turn(b)  # returns at once


def test_the_real_pipeline_on_two_workers_files_each_case_as_the_batch_does(folders: Folders, tmp_path: Path,
                                                                            dev_pki: DevPki) -> None:
    """The three sample cases dropped at once (names in case-date order) on 2 workers: the same journal per
    case (kinds, roles, log copies, paths) as `bti-docs file` with one worker."""
    names = []
    for case in ("sak-a", "sak-b-svangerskap", "sak-c-ungdom"):
        for path in sorted((ROOT / "samples" / case).glob("*.yaml")):
            names.append(f"{case}-{path.name}")
            shutil.copy(path, folders.inbox / names[-1])
    code, out = file_all(dev_pki, folders.inbox, tmp_path / "batch-archive", 1)
    assert code == 0, out
    watch = Watch(folders, "--rules", str(ROOT / "archive_rules.yaml"), "--cert", str(dev_pki.unit_p12),
                  "--password-file", str(dev_pki.password_file), "--trust", str(dev_pki.root_cert),
                  "--settle", "0.2", "--once", "--workers", "2", real=True)
    assert watch.wait(240) == 0, watch.log()
    assert sorted(p.name for p in folders.files(folders.done)) == sorted(names)
    assert per_case(folders.archive) == per_case(tmp_path / "batch-archive")
