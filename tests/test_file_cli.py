"""`bti-docs file`, `verify` and `demo` on the whole sample case, with real certificates and real files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bti_docs.cli import main
from bti_docs.devcert import DevPki
from bti_docs.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
RULES = ["--rules", str(ROOT / "archive_rules.yaml")]
CASES = [ROOT / "samples/sak-a", ROOT / "samples/sak-b-svangerskap", ROOT / "samples/sak-c-ungdom"]


def seal_args(pki: DevPki) -> list[str]:
    return ["--cert", str(pki.unit_p12), "--cert-password-file", str(pki.password_file),
            "--trust", str(pki.root_cert)]


def file_cmd(pki: DevPki, archive: Path, *inputs: Path, workers: int = 2) -> list[str]:
    return [*RULES, "file", *map(str, inputs), "--archive", str(archive), "--workers", str(workers),
            *seal_args(pki)]


def sidecars(archive: Path) -> dict[str, dict[str, object]]:
    return {
        str(p.relative_to(archive)).removesuffix(".noark5.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in archive.rglob("*.noark5.json")
    }


@pytest.fixture(scope="module")
def filed_archive(tmp_path_factory: pytest.TempPathFactory, dev_pki: DevPki) -> Path:
    archive = tmp_path_factory.mktemp("arkiv") / "arkiv"
    out = io.StringIO()
    assert main(file_cmd(dev_pki, archive, *CASES), stdout=out) == 0, out.getvalue()
    return archive


@pytest.mark.slow
def test_each_event_files_exactly_what_the_rules_name(filed_archive: Path) -> None:
    docs = sidecars(filed_archive)
    case_a = {k: v for k, v in docs.items() if "/FV-2026-0007/" in k}
    names = sorted(Path(k).name for k in case_a)
    # The transition files its own form; withdrawal and closure also file a copy of the latest log.
    assert any("_overgang_overgangsskjema_" in n for n in names)
    assert any("_samtykke_trukket_stafettlogg_" in n for n in names)
    assert any("_avslutning_stafettlogg_" in n for n in names)
    assert sum("_nytt_samtykke_samtykke_" in n for n in names) == 3
    for rel in docs:
        assert (filed_archive / rel).is_file()
        assert rel.startswith("4699/")
        # No names in paths: the opaque case key is the only reference to the child.
        assert "Testesen" not in rel and "Tiril" not in rel


@pytest.mark.slow
def test_verify_passes_then_finds_one_flipped_byte(filed_archive: Path, dev_pki: DevPki, tmp_path: Path) -> None:
    import shutil

    out = io.StringIO()
    assert main([*RULES, "verify", str(filed_archive), "--trust", str(dev_pki.root_cert)], stdout=out) == 0
    copy = tmp_path / "kopi"
    shutil.copytree(filed_archive, copy)
    victim = sorted(copy.rglob("*.pdf"))[3]
    victim.chmod(0o640)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    out = io.StringIO()
    assert main([*RULES, "verify", str(copy), "--trust", str(dev_pki.root_cert)], stdout=out) == ExitCode.archive
    assert victim.name in out.getvalue()


@pytest.mark.slow
def test_filing_the_same_input_again_files_nothing(filed_archive: Path, dev_pki: DevPki) -> None:
    before = sorted(filed_archive.rglob("*.pdf"))
    out = io.StringIO()
    sample = ROOT / "samples/sak-a/02-samtykke-opprette-stafettlogg.yaml"
    assert main(file_cmd(dev_pki, filed_archive, sample, workers=1), stdout=out) == 0
    assert "arkivert frå før" in out.getvalue()
    assert sorted(filed_archive.rglob("*.pdf")) == before


@pytest.mark.slow
def test_two_processes_filing_into_one_archive_keep_it_whole(tmp_path: Path, dev_pki: DevPki) -> None:
    """Regression: concurrent writers once corrupted the journal (POSIX locks dropped by a stray close)."""
    archive = tmp_path / "arkiv"
    procs = [
        subprocess.Popen([sys.executable, "-m", "bti_docs", *file_cmd(dev_pki, archive, case, workers=1)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for case in (CASES[0], CASES[2])
    ]
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, stdout + stderr
    out = io.StringIO()
    assert main([*RULES, "verify", str(archive), "--trust", str(dev_pki.root_cert)], stdout=out) == 0, out.getvalue()


def test_a_bad_input_does_not_stop_the_batch(tmp_path: Path, dev_pki: DevPki) -> None:
    out = io.StringIO()
    code = main(file_cmd(dev_pki, tmp_path / "arkiv", ROOT / "samples/invalid/holder-gap.yaml",
                         ROOT / "samples/sak-b-svangerskap/01-samtykke-opprette-stafettlogg.yaml", workers=1),
                stdout=out)
    assert code == ExitCode.invalid_form
    text = out.getvalue()
    assert "1 arkiverte, 1 med feil" in text and "stafettholdere[0].til_dato" in text


def test_violence_case_is_refused_before_anything_is_filed(tmp_path: Path, dev_pki: DevPki) -> None:
    out = io.StringIO()
    code = main(file_cmd(dev_pki, tmp_path / "arkiv", ROOT / "samples/invalid/case-violence-abuse.yaml",
                         workers=1), stdout=out)
    assert code == ExitCode.refused_case
    assert "barnevernet" in out.getvalue()
    assert not list((tmp_path / "arkiv").rglob("*.pdf"))


@pytest.mark.slow
def test_demo_runs_the_whole_case_and_verifies(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "bti_docs", "demo", str(tmp_path / "demo")],
                          capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "17 arkiverte, 1 med feil" in proc.stdout
    assert "arkivet er i orden" in proc.stdout
    # The log dated after the withdrawal is refused, naming the withdrawal by kind and date.
    assert "(Tilbaketrekking av samtykke, 05.11.2026)" in proc.stdout
    assert "Avvisinga av 1 skjema i *-avvist er venta" in proc.stdout
    # The due list: sak C has an enkeltvedtak at a school.
    assert "Frister per" in proc.stdout and "årleg kopi (enkeltvedtak)  FV-2026-0015" in proc.stdout
    # Again on the same folder: the test certificate is kept, nothing is filed twice, and it still verifies.
    again = subprocess.run([sys.executable, "-m", "bti_docs", "demo", str(tmp_path / "demo")],
                           capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.count("arkivert frå før") == 17 and "arkivet er i orden" in again.stdout


def test_verify_needs_only_the_trust_root_outside_a_checkout(
    filed_archive: Path, dev_pki: DevPki, tmp_path: Path
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bti_docs", "verify", str(filed_archive), "--trust", str(dev_pki.root_cert)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, env={"PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_reindex_rebuilds_the_same_journal(filed_archive: Path, dev_pki: DevPki, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "kopi"
    shutil.copytree(filed_archive, copy)
    trust = ["--trust", str(dev_pki.root_cert)]
    out = io.StringIO()
    assert main([*RULES, "reindex", str(copy), *trust], stdout=out) == 0, out.getvalue()
    assert main([*RULES, "verify", str(copy), *trust], stdout=io.StringIO()) == 0
