"""``verify`` reports every seal's PAdES level and times; ``forny-tidsstempel`` renews B-LTA archive timestamps
as new versions of the documents, and the archive, verify and the Noark 5 extract stay true.

Real files: documents filed with the real CLI, sealed B-LTA against a local TSA on 127.0.0.1.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bti_docs import cli
from bti_docs.devcert import DevPki, create_dev_pki
from tsa_helpers import local_tsa

ROOT = Path(__file__).resolve().parents[1]
FORMS = [ROOT / "samples" / "sak-a" / n for n in
         ("01-referat-undringssamtale.yaml", "02-samtykke-opprette-stafettlogg.yaml", "03-stafettlogg-niva1.yaml")]


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list[int]]]:
    with local_tsa(tmp_path_factory.mktemp("tsa")) as running:
        yield running


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> DevPki:
    return create_dev_pki(tmp_path_factory.mktemp("pki") / "cert")


@pytest.fixture(scope="module")
def new_tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list[int]]]:
    """The timestamp service later on, with a renewed certificate that runs for 400 days."""
    with local_tsa(tmp_path_factory.mktemp("tsa-ny"), days=400) as running:
        yield running


def write_rules(folder: Path, pki: DevPki, tsa: tuple[str, Path, list[int]], level: str,
                *older: tuple[str, Path, list[int]]) -> Path:
    data: dict[str, Any] = yaml.safe_load((ROOT / "archive_rules.yaml").read_text(encoding="utf-8"))
    data["kommune"]["sertifikat"] = {
        "p12": str(pki.unit_p12), "passord_fil": str(pki.password_file),
        "tillitsrot": [str(pki.root_cert), str(tsa[1]), *(str(o[1]) for o in older)], "tidsstempel_url": tsa[0],
        "pades_nivaa": level,
    }
    rules = folder / f"rules-{level}{'-ny' if older else ''}.yaml"
    rules.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return rules


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def lta_archive(tmp_path_factory: pytest.TempPathFactory, pki: DevPki,
                tsa: tuple[str, Path, list[int]]) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("lta-archive")
    rules = write_rules(folder, pki, tsa, "B-LTA")
    archive = folder / "arkiv"
    code, text = run("--rules", str(rules), "file", *map(str, FORMS), "--archive", str(archive))
    assert code == 0, text
    return rules, archive


@pytest.fixture
def archive(lta_archive: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    rules, pristine = lta_archive
    return rules, Path(shutil.copytree(pristine, tmp_path / "arkiv", symlinks=True))


def test_verify_counts_documents_per_pades_level(lta_archive: tuple[Path, Path]) -> None:
    rules, archive = lta_archive
    code, text = run("--rules", str(rules), "verify", str(archive))
    pdfs = sorted(archive.rglob("*.pdf"))
    assert code == 0, text
    assert f"B-LTA {len(pdfs)}" in text and "B-B" not in text.split("PAdES-nivå")[1].splitlines()[0]
    assert "SEGL " not in text  # per-document lines only on request
    code, detail = run("--rules", str(rules), "verify", str(archive), "--detaljar")
    lines = [line for line in detail.splitlines() if line.startswith("SEGL ")]
    assert len(lines) == len(pdfs)
    assert all("PAdES B-LTA" in line and "arkivtidsstempel 20" in line and ", tidsstempel 20" in line
               for line in lines), lines


def test_verify_names_lower_levels_and_failing_seals(tmp_path: Path, pki: DevPki,
                                                     tsa: tuple[str, Path, list[int]]) -> None:
    from bti_docs import api

    for level in ("B-B", "B-T"):
        rules = write_rules(tmp_path, pki, tsa, level)
        archive = tmp_path / f"arkiv-{level}"
        assert run("--rules", str(rules), "file", str(FORMS[0]), "--archive", str(archive))[0] == 0
        result = api.verify_receipts(archive, api.open_settings(rules))
        assert result.seal_levels[level] == 1 and sum(result.seal_levels.values()) == 1
        [seal] = result.seals
        assert seal.level == level and seal.ok and seal.timestamped == (level == "B-T")
        assert seal.archive_timestamp is None and seal.signing_time is not None
    # without the TSA among the trust roots, the timestamp does not count: B-B
    result = api.verify_receipts(archive, None, (pki.root_cert,))
    assert result.seal_levels["B-B"] == 1 and not result.seals[0].timestamped
    # a document whose seal fails counts as "feil"
    [pdf] = archive.rglob("*.pdf")
    pdf.chmod(0o640)
    pdf.write_bytes(pdf.read_bytes() + b"\n% etterpaa\n")
    pdf.chmod(0o440)
    result = api.verify_receipts(archive, api.open_settings(rules))
    assert result.seal_levels.get("feil") == 1 and not result.seals[0].ok
    data = json.dumps([s.__dict__ for s in result.seals])  # plain data, ready for --json
    assert "B-T" in data


def test_renewal_files_a_new_version_and_verify_knows_the_older_is_superseded(
        archive: tuple[Path, Path], pki: DevPki, tsa: tuple[str, Path, list[int]],
        new_tsa: tuple[str, Path, list[int]], tmp_path: Path) -> None:
    from bti_docs import api
    from bti_docs.archive.sidecar import parse_sidecar
    from bti_docs.seal import archive_timestamp_expiry, seal_ok, validate_seals

    old_rules, root = archive
    # the same service with the same certificate cannot extend anything: refused, nothing filed
    code, text = run("--rules", str(old_rules), "forny-tidsstempel", str(root), "--innan", "60")
    assert code == 10 and not list(root.rglob("*-v2.pdf"))
    rules = write_rules(tmp_path, pki, new_tsa, "B-LTA", tsa)
    before = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    pdfs = sorted(p for p in before if p.endswith(".pdf"))

    # the TSA's certificate runs for 30 days: nothing is due within 10
    code, text = run("--rules", str(rules), "forny-tidsstempel", str(root), "--innan", "10")
    assert code == 0 and text.startswith("0 dokument fornya, 3 med arkivtidsstempel"), text
    code, text = run("--rules", str(rules), "forny-tidsstempel", str(root), "--innan", "60")
    assert code == 0, text
    assert text.count("FORNYA ") == len(pdfs) and f"{len(pdfs)} dokument fornya" in text

    # every filed file is byte for byte as it was (the journal and its checksum grew)
    for rel, data in before.items():
        if not rel.startswith(".bti-journal/"):
            assert (root / rel).read_bytes() == data, rel
    for rel in pdfs:
        old = root / rel
        new = old.with_name(old.stem + "-v2.pdf")
        assert new.read_bytes().startswith(old.read_bytes()) and oct(new.stat().st_mode & 0o777) == "0o440"
        meta = parse_sidecar(Path(str(new) + ".noark5.json").read_bytes())
        first = parse_sidecar(Path(str(old) + ".noark5.json").read_bytes())
        assert meta.bti.fornyar is not None and meta.bti.fornyar.sti == rel
        assert meta.dokumentbeskrivelse.dokumentobjekt.versjonsnummer == 2
        assert meta.dokumentbeskrivelse.systemID == first.dokumentbeskrivelse.systemID
        assert meta.journal.sekvens > first.journal.sekvens
        [status] = validate_seals(new.read_bytes(), [pki.root_cert, tsa[1], new_tsa[1]])
        assert status.level == "B-LTA" and seal_ok(status)
        assert archive_timestamp_expiry(new.read_bytes()) > archive_timestamp_expiry(old.read_bytes())  # type: ignore[operator]

    # verify: the chain holds, the older versions are superseded (not missing), the levels count current ones
    settings = api.open_settings(rules)
    result = api.verify_receipts(root, settings)
    assert result.problems == [] and result.superseded == len(pdfs)
    assert result.seal_levels["B-LTA"] == len(pdfs)
    superseded = {s.path: s.superseded_by for s in result.seals if s.superseded_by}
    assert superseded == {rel: rel.removesuffix(".pdf") + "-v2.pdf" for rel in pdfs}
    code, text = run("--rules", str(rules), "verify", str(root), "--detaljar")
    assert code == 0 and "erstatta av" in text and f"{len(pdfs)} eldre versjonar" in text, text

    # the case ledger counts each document once; renewing again looks at the newest versions only
    assert "FV-" in run("--rules", str(rules), "saker", str(root))[1]
    code, text = run("--rules", str(rules), "forny-tidsstempel", str(root), "--innan", "60")
    assert code == 0 and text.startswith("0 dokument fornya"), text  # the new stamps run for 400 days
    code, text = run("--rules", str(rules), "forny-tidsstempel", str(root), "--innan", "500")
    assert code == 10 and not list(root.rglob("*-v3.pdf"))  # same certificate again: refused, nothing filed
    assert api.verify_receipts(root, settings).problems == []

    # reindex rebuilds the same chain from the sidecars
    head = api.verify_receipts(root, settings).head_hash
    assert run("--rules", str(rules), "reindex", str(root))[0] == 0
    assert api.verify_receipts(root, settings).head_hash == head


def test_a_tampered_version_is_found(archive: tuple[Path, Path], pki: DevPki, tsa: tuple[str, Path, list[int]],
                                     new_tsa: tuple[str, Path, list[int]], tmp_path: Path) -> None:
    from bti_docs import api

    _old, root = archive
    rules = write_rules(tmp_path, pki, new_tsa, "B-LTA", tsa)
    assert run("--rules", str(rules), "forny-tidsstempel", str(root), "--innan", "60")[0] == 0
    [new, *_] = sorted(root.rglob("*-v2.pdf.noark5.json"))
    data = json.loads(new.read_text(encoding="utf-8"))
    data["bti"]["fornyar"]["sjekksum"] = "0" * 64
    new.chmod(0o640)
    new.write_text(json.dumps(data), encoding="utf-8")
    new.chmod(0o440)
    codes = {p.code for p in api.verify_receipts(root, api.open_settings(rules)).problems}
    assert "version_mismatch" in codes and "sidecar_checksum" in codes


def test_the_noark5_extract_holds_both_versions_as_dokumentobjekt(
        archive: tuple[Path, Path], pki: DevPki, tsa: tuple[str, Path, list[int]],
        new_tsa: tuple[str, Path, list[int]], tmp_path: Path) -> None:
    from lxml import etree

    from bti_docs.archive.noark.extract import NS, check_extract

    _old, root = archive
    rules = write_rules(tmp_path, pki, new_tsa, "B-LTA", tsa)
    assert run("--rules", str(rules), "forny-tidsstempel", str(root), "--innan", "60")[0] == 0
    out = tmp_path / "uttrekk"
    code, text = run("--rules", str(rules), "eksport", "noark5", str(root), "-o", str(out))
    assert code == 0, text
    assert check_extract(out) == []
    ns = {"n": NS["arkivstruktur"]}
    struct = etree.parse(str(out / "arkivstruktur.xml")).getroot()
    descriptions = struct.findall(".//n:dokumentbeskrivelse", ns)
    assert len(descriptions) == len(FORMS)  # one per document, not one per file
    for d in descriptions:
        objects = d.findall("n:dokumentobjekt", ns)
        assert [o.findtext("n:versjonsnummer", namespaces=ns) for o in objects] == ["1", "2"]
        refs = [o.findtext("n:referanseDokumentfil", namespaces=ns) or "" for o in objects]
        assert refs[1] == refs[0].removesuffix(".pdf") + "-v2.pdf"
        assert (out / refs[1]).read_bytes().startswith((out / refs[0]).read_bytes())


@pytest.mark.parametrize(("step", "completed"), [("after_pdf_link", False), ("after_sidecar_link", True),
                                                 ("after_journal", True)])
def test_a_renewal_killed_midway_leaves_nothing_half_done(
        archive: tuple[Path, Path], pki: DevPki, tsa: tuple[str, Path, list[int]],
        new_tsa: tuple[str, Path, list[int]], tmp_path: Path, step: str, completed: bool) -> None:
    """Killed (SIGKILL) at a step of the first document's new version: the next run finishes or undoes it."""
    import os
    import subprocess
    import sys

    from bti_docs import api
    from bti_docs.archive.filing import Archive
    from bti_docs.archive.fsutil import CRASH_ENV

    _old, root = archive
    rules = write_rules(tmp_path, pki, new_tsa, "B-LTA", tsa)
    env = {**os.environ, CRASH_ENV: f"{step}@1"}
    proc = subprocess.run([sys.executable, "-m", "bti_docs", "--rules", str(rules), "forny-tidsstempel", str(root),
                           "--innan", "60"], env=env, capture_output=True, check=False)
    assert proc.returncode == -9, proc.stderr
    assert len(list(root.rglob("*-v2.pdf"))) == 1  # linked, maybe not journaled yet
    settings = api.open_settings(rules)
    with Archive(root, settings) as opened:
        report = opened.last_recovery  # opening the archive finishes or undoes the interrupted version
    assert (len(report.completed), len(report.removed)) == ((1, 0) if completed and step != "after_journal"
                                                            else (0, 0) if completed else (0, 1))
    result = api.verify_receipts(root, settings)
    assert result.problems == [] and result.superseded == (1 if completed else 0)
    code, text = run("--rules", str(rules), "forny-tidsstempel", str(root), "--innan", "60")
    assert code == 0 and text.count("FORNYA ") == (len(FORMS) - 1 if completed else len(FORMS)), text
    assert api.verify_receipts(root, settings).problems == []
