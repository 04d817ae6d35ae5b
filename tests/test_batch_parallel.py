"""`bti-docs file` renders on every worker and files each case in order: the archive is the same with 1 and 2
workers (files, journal order per case, log copies), whatever order the renders come back in."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from bti_docs.archive.journal import JOURNAL_DIR, Journal
from bti_docs.cli import main
from bti_docs.devcert import DevPki

ROOT = Path(__file__).resolve().parents[1]
RULES = ["--rules", str(ROOT / "archive_rules.yaml")]


def inputs(tmp: Path) -> Path:
    """Three cases, one invalid form and one form twice under another name, in one folder."""
    folder = tmp / "inn"
    for case in ("sak-a", "sak-b-svangerskap", "sak-c-ungdom"):
        shutil.copytree(ROOT / "samples" / case, folder / case)
    shutil.copy(ROOT / "samples/invalid/fnr-checksum.yaml", folder / "ugyldig.yaml")
    shutil.copy(ROOT / "samples/sak-a/04-samtykke-samarbeid.yaml", folder / "sak-a" / "99-kopi-av-04.yaml")
    return folder


def file_all(pki: DevPki, folder: Path, archive: Path, workers: int) -> tuple[int, str]:
    out = io.StringIO()
    code = main([*RULES, "file", str(folder), "--archive", str(archive), "--workers", str(workers),
                 "--cert", str(pki.unit_p12), "--cert-password-file", str(pki.password_file),
                 "--trust", str(pki.root_cert)], stdout=out)
    return code, out.getvalue()


def per_case(archive: Path) -> dict[str, list[tuple[str, str, str, str | None, str, str]]]:
    journal = Journal(archive / JOURNAL_DIR / "journal.sqlite", readonly=True)
    try:
        cases: dict[str, list[tuple[str, str, str, str | None, str, str]]] = {}
        for e in journal.entries():
            b = e.body
            cases.setdefault(b["sak"], []).append(
                (b["sti"], b["skjema"], b["rolle"], b["kopi_av"], b["stafettlogg_kopi"], b["inndata_sha256"]))
        return cases
    finally:
        journal.close()


def files(archive: Path) -> set[str]:
    return {str(p.relative_to(archive)) for p in archive.rglob("*") if p.is_file() and JOURNAL_DIR not in p.parts}


@pytest.mark.slow
def test_one_and_two_workers_file_the_same_archive(tmp_path: Path, dev_pki: DevPki) -> None:
    folder = inputs(tmp_path)
    code1, out1 = file_all(dev_pki, folder, tmp_path / "a1", 1)
    code2, out2 = file_all(dev_pki, folder, tmp_path / "a2", 2)
    assert code1 == code2 != 0  # the invalid form
    assert out1.count("ugyldig.yaml") == out2.count("ugyldig.yaml") >= 1
    assert files(tmp_path / "a1") == files(tmp_path / "a2")
    one, two = per_case(tmp_path / "a1"), per_case(tmp_path / "a2")
    assert one == two
    assert len(one) == 3
    # Log copies were filed (the transfer and closing forms copy the latest log), so order mattered.
    assert any(copy is not None for entries in one.values() for *_x, copy, _k, _s in entries)
    # The same content under two names is filed once.
    own = [sha for entries in one.values() for _p, _s, role, _c, _k, sha in entries if role == "skjema"]
    assert len(own) == len(set(own)) == 17  # the 17 forms of the three cases; the copy under another name adds none

    # Filing the same folder again with 2 workers files nothing new and renders nothing.
    code3, _out3 = file_all(dev_pki, folder, tmp_path / "a2", 2)
    assert code3 == code2
    assert per_case(tmp_path / "a2") == two


class _RecordingPool:
    """Stands in for the process pool: records what is handed on, in order."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def submit(self, _fn: object, item: object) -> object:
        from concurrent.futures import Future

        self.sent.append(Path(item.file).name)  # type: ignore[attr-defined]
        return Future()


def test_inputs_go_out_in_reading_order_and_the_last_ones_largest_first(tmp_path: Path) -> None:
    from bti_docs.batch import _read_and_submit
    from bti_docs.config import load_settings
    from bti_docs.options import FileOptions

    names = ["01-referat-undringssamtale", "02-samtykke-opprette-stafettlogg", "04-samtykke-samarbeid",
             "10-tilbaketrekking-samtykke", "05-stafettlogg-niva2", "11-avslutning"]
    paths = [ROOT / "samples" / "sak-a" / f"{n}.yaml" for n in names]
    paths.insert(3, tmp_path / "same-as-04.yaml")  # the same content under another name: rendered once
    paths[3].write_bytes(paths[2].read_bytes())
    pool = _RecordingPool()
    loaded, seen, futures = _read_and_submit(paths, load_settings(ROOT / "archive_rules.yaml"),
                                             FileOptions(archive=tmp_path / "arkiv"), pool, 2)  # type: ignore[arg-type]
    assert len(loaded) == 7 and not seen and len(futures) == 6
    tail = sorted(paths[3:], key=lambda p: -p.stat().st_size)
    assert pool.sent[:3] == [p.name for p in paths[:3]]
    assert pool.sent[3:] == [p.name for p in tail if p.name != "same-as-04.yaml"]
    assert pool.sent[3] == "05-stafettlogg-niva2.yaml"
