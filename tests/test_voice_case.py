"""One voice at filing time: what the archive says about a case (refusals against the case ledger, the
headline over them, warnings about the log copy) is said in the reader's language, by the real CLI on a real
archive: the municipality's målform, or ``--lang``, and nothing of the other."""

from __future__ import annotations

import io
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bti_docs.cli import main
from bti_docs.devcert import DevPki
from bti_docs.errors import ExitCode
from bti_docs.i18n import Lang
from test_case_ledger import consent_form, log_form, write
from test_file_cli import seal_args
from test_voice import speaks_only
from tools import settings_text_as

ROOT = Path(__file__).resolve().parents[1]
TRANSITION = {"dato": "2024-08-15", "akseptert_dato": "2024-08-15",
              "fra": {"enhet": "solsida-barnehage", "tjeneste": "barnehage", "niva": 1},
              "til": {"enhet": "fjordvik-skule", "tjeneste": "skole", "niva": 1}}


@pytest.fixture(scope="module")
def filed(tmp_path_factory: pytest.TempPathFactory, dev_pki: DevPki) -> dict[str, Path]:
    """The repository's settings as an nn and an nb municipality, and a real archive with a log and its
    consents (the second one covers the school)."""
    folder = tmp_path_factory.mktemp("voice-case")
    paths: dict[str, Path] = {}
    for lang in ("nn", "nb"):
        paths[lang] = folder / f"{lang}.yaml"
        paths[lang].write_text(settings_text_as(lang), encoding="utf-8")
    archive = folder / "arkiv"
    out = io.StringIO()
    wide = consent_form(folder, "03-samtykke-skule.yaml", samtykke_id="s-2", type="samarbeid_tjenester",
                        tjenester=["barnehage", "skole"], dato="2024-06-01", gyldig_fra="2024-06-01")
    inputs = [consent_form(folder), log_form(folder, "02-logg.yaml", "2024-05-10"), wide]
    assert main(["--rules", str(paths["nn"]), "file", *map(str, inputs), "--archive", str(archive), "--workers", "1",
                 *seal_args(dev_pki)], out) == 0, out.getvalue()
    paths["archive"] = archive
    paths["inputs"] = folder
    return paths


def file(rules: Path, archive: Path, pki: DevPki, *inputs: Path, voice: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--rules", str(rules), "file", *map(str, inputs), "--archive", str(archive), "--workers", "1",
                 *seal_args(pki), *voice], out)
    return code, out.getvalue()


@pytest.mark.parametrize(("malform", "lang"), [("nn", None), ("nb", None), ("nn", "nb"), ("nb", "nn")])
def test_a_case_refusal_and_a_copy_warning_speak_the_readers_malform(
        malform: Lang, lang: Lang | None, filed: dict[str, Path], dev_pki: DevPki, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    reader: Lang = lang or malform
    voice = ["--lang", lang] if lang else []
    archive = tmp_path / "arkiv"
    shutil.copytree(filed["archive"], archive)
    unknown = write(tmp_path, "03-overgang-ukjent.yaml", "overgangsskjema", **TRANSITION, samtykke_id="finst-ikkje")
    code, out = file(filed[malform], archive, dev_pki, unknown, voice=voice)
    out += capsys.readouterr().err
    assert code == ExitCode.invalid_form, out
    speaks_only(reader, out)
    expected = {"nn": ["Dokumentet passar ikkje med det arkivet veit om saka", "finst ikkje i saka"],
                "nb": ["Dokumentet passer ikke med det arkivet vet om saken", "finnes ikke i saken"]}[reader]
    assert [e for e in expected if e not in out] == [], out
    # a transition filed with a log copy older than the settings allow: a warning, filed all the same
    late = write(tmp_path, "04-overgang.yaml", "overgangsskjema", **{**TRANSITION, "dato": "2025-06-02",
                                                                     "akseptert_dato": "2025-06-02",
                                                                     "samtykke_id": "s-2"})
    code, out = file(filed[malform], archive, dev_pki, late, voice=voice)
    out += capsys.readouterr().err
    assert code == 0, out
    speaks_only(reader, out)
    warning = {"nn": "dagar gammal", "nb": "dager gammel"}[reader]
    assert warning in out, out


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_a_log_copy_with_a_broken_sidecar_is_said_in_one_language(lang: Lang, tmp_path: Path) -> None:
    """The log copy's sidecar matches the journal but is no sidecar of ours (not JSON): the error names the
    file and says why in the reader's language only, after crossing a process boundary too."""
    import hashlib
    import pickle
    from datetime import date

    from bti_docs.archive.plan import FiledDocument, FilingPlan, PlannedDocument
    from bti_docs.archive.rules import Bevaring, Dokumentrolle, Hendelse
    from bti_docs.errors import ArchiveError
    from bti_docs.fields import Skjema
    from test_voice import BOKMAL, NYNORSK, words

    pdf, sidecar = tmp_path / "logg.pdf", tmp_path / "logg.pdf.noark5.json"
    pdf.write_bytes(b"%PDF-1.7\n")
    sidecar.write_bytes(b"{ikkje json")
    source = FiledDocument(
        "a/logg.pdf", pdf, sidecar, 1, "0" * 64, hashlib.sha256(pdf.read_bytes()).hexdigest(),
        hashlib.sha256(sidecar.read_bytes()).hexdigest(), "SAK-1", "a", "stafettlogg", "skjema", "stafettlogg",
        ("stafettlogg",), date(2024, 5, 10), "1" * 64, "k", None, None)
    planned = PlannedDocument(Dokumentrolle.stafettlogg, Skjema.stafettlogg, Hendelse.overgang, (Hendelse.overgang,),
                              "Tittel", "Stafettlogg", Bevaring(vedtak="B"), date(2024, 8, 15), source)
    plan = FilingPlan("SAK-1", "a", "A", Skjema.overgangsskjema, date(2024, 8, 15), "2" * 64, (Hendelse.overgang,),
                      (), (planned,), "arkivert", (), (), None, {})
    with pytest.raises(ArchiveError) as caught:
        plan.documents(pdf=b"", pdfa_level="2b", seal_signer="x", seal_time=datetime.now(UTC), seal_verified=True)
    error = pickle.loads(pickle.dumps(caught.value))
    said = error.render(lang)
    assert "a/logg.pdf" in said and ("Metadatafila" if lang == "nn" else "Metadatafilen") in said, said
    assert not words(said) & (BOKMAL if lang == "nn" else NYNORSK), said
    assert ("ikkje gyldig JSON" if lang == "nn" else "ikke gyldig JSON") in said, said


@pytest.mark.parametrize(("malform", "lang"), [("nn", None), ("nb", None), ("nn", "nb"), ("nb", "nn")])
def test_what_the_extract_check_finds_is_said_in_the_readers_malform(
        malform: Lang, lang: Lang | None, filed: dict[str, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``eksport noark5`` checks the extract it built before it hands it over; a stray file under dokumenter/
    (put there by a fault injected after the documents are copied) fails the check, and both the error and
    what the check found are in ``--lang``, else the målform."""
    from bti_docs.archive.noark import extract

    reader: Lang = lang or malform
    real = extract._copy_documents

    def copy_and_stray(cases: list[extract.Case], folder: Path) -> None:
        real(cases, folder)
        (folder / extract.DOC_DIR / "framand.pdf").write_bytes(b"%PDF-1.7\n")

    monkeypatch.setattr(extract, "_copy_documents", copy_and_stray)
    out = io.StringIO()
    code = main(["--rules", str(filed[malform]), "eksport", "noark5", str(filed["archive"]), "-o",
                 str(tmp_path / "uttrekk"), *(["--lang", lang] if lang else [])], out)
    said = out.getvalue() + capsys.readouterr().err
    assert code == ExitCode.archive, said
    speaks_only(reader, said)
    expected = {"nn": ["Uttrekket held ikkje kontrollen", "fila er ikkje nemnd i arkivstruktur.xml"],
                "nb": ["Uttrekket består ikke kontrollen", "filen er ikke nevnt i arkivstruktur.xml"]}[reader]
    assert [e for e in expected if e not in said] == [], said
    assert not (tmp_path / "uttrekk").exists()  # nothing half-made is handed over


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize(("malform", "lang"), [("nn", None), ("nb", None), ("nn", "nb"), ("nb", "nn")])
def test_file_says_what_validation_finds_in_the_readers_malform(
        malform: Lang, lang: Lang | None, workers: int, filed: dict[str, Path], dev_pki: DevPki, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``file`` validates before it renders: a missing field and a warning are said in ``--lang`` (which on
    ``file`` is also the document's målform), else the municipality's målform, with one or two workers."""
    reader: Lang = lang or malform
    forms = [ROOT / "samples" / "invalid" / "missing.yaml", ROOT / "samples" / "warnings" / "child-view-missing.yaml"]
    out = io.StringIO()
    code = main(["--rules", str(filed[malform]), "file", *map(str, forms), "--archive", str(tmp_path / "arkiv"),
                 "--workers", str(workers), *seal_args(dev_pki), *(["--lang", lang] if lang else [])], out)
    said = out.getvalue() + capsys.readouterr().err
    assert code == ExitCode.invalid_form, said
    speaks_only(reader, said)
    expected = {"nn": ["Feltet manglar", "åtvaring"], "nb": ["Feltet mangler", "advarsel"]}[reader]
    assert [e for e in expected if e not in said] == [], said
