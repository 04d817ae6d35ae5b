"""Issue 11 items 4 and 5: the single-document rules and the consent's evidence.

Each new rule is shown through ``bti-docs validate`` in both målformer (the message names the field) and
through ``bti-docs file`` into a real archive (refused, nothing filed). The concern-word warning is a warning:
the document is filed, and the warning never quotes the text. Consents on paper and signed digitally are filed,
and the archived PDF/A's text says who signed when and how, and where a paper original is kept.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from bti_docs.cli import main
from bti_docs.config import Bekymringsord
from bti_docs.devcert import DevPki
from bti_docs.errors import ExitCode
from bti_docs.rules.concern import concern_findings
from test_archive_support import form, settings
from test_file_cli import seal_args

ROOT = Path(__file__).resolve().parents[1]
INVALID = ROOT / "samples" / "invalid"
CONCERN = ROOT / "samples" / "warnings" / "concern-words-flag-false.yaml"

# sample → (expected code, the field path the message names)
NEW_RULES: dict[str, tuple[str, str]] = {
    "unit-service-not-covered.yaml": ("unit_service_not_covered", "enhet"),
    "meeting-without-consent.yaml": ("meeting_without_consent", "moter[0].dato"),
    "meeting-service-not-covered.yaml": ("meeting_service_not_covered", "moter[0].deltakere[3]"),
    "measures-without-goal.yaml": ("measures_without_goal", "tiltak"),
    "transition-same-from-to.yaml": ("transition_same_from_to", "til"),
    "access-removed-before-acceptance.yaml": ("access_removed_before_acceptance", "tilgang_fjernes_dato"),
    "establishing-consent-not-written.yaml": ("establishing_consent_not_written", "avgitt_form"),
    "consent-signed-date-missing.yaml": ("consent_signed_date_missing", "gitt_av[1].signert_dato"),
    "consent-signed-after-valid-from.yaml": ("consent_signed_after_valid_from", "gitt_av[0].signert_dato"),
    "consent-signed-in-future.yaml": ("consent_signed_in_future", "gitt_av[0].signert_dato"),
    "consent-original-location-missing.yaml": ("consent_original_location_missing", "original_oppbevart"),
    "consent-digital-reference-missing.yaml": ("consent_digital_reference_missing", "gitt_av[1].referanse"),
    "consent-digital-system-missing.yaml": ("consent_digital_system_missing", "system"),
    "consent-oral-but-signed.yaml": ("consent_oral_but_signed", "gitt_av[0].signert"),
}


def rules_file(tmp_path: Path, lang: str, **kommune: Any) -> Path:
    """The repository's settings in målform ``lang``, with ``kommune`` keys replaced."""
    data = yaml.safe_load((ROOT / "archive_rules.yaml").read_text(encoding="utf-8"))
    data["kommune"]["malform"] = lang
    data["kommune"].update(kommune)
    path = tmp_path / f"rules-{lang}-{len(kommune)}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def validate_json(rules: Path, sample: Path) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    code = main(["--rules", str(rules), "validate", "--json", str(sample)], stdout=out)
    [entry] = json.loads(out.getvalue())["files"]
    return code, entry


def file_into(pki: DevPki, rules: Path, archive: Path, *inputs: Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--rules", str(rules), "file", *map(str, inputs), "--archive", str(archive), "--workers", "1",
                 *seal_args(pki)], stdout=out)
    return code, out.getvalue()


def test_every_new_rule_has_its_sample() -> None:
    for name, (code, _) in NEW_RULES.items():
        first = (INVALID / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# forventet: {code}", name


@pytest.mark.parametrize("name", sorted(NEW_RULES))
def test_rule_through_validate_in_both_malformer(tmp_path: Path, name: str) -> None:
    code, field = NEW_RULES[name]
    messages = {}
    for lang in ("nn", "nb"):
        exit_code, entry = validate_json(rules_file(tmp_path, lang), INVALID / name)
        assert exit_code == ExitCode.invalid_form
        [problem] = [p for p in entry["problems"] if p["code"] == code]
        assert problem["severity"] == "error" and problem["path"] == field
        assert f"«{field}»" in problem["message"], problem["message"]
        messages[lang] = problem["message"]
    assert messages["nn"] != messages["nb"]  # each målform has its own text


def test_rules_through_file_refuse_and_file_nothing(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    samples = [INVALID / name for name in sorted(NEW_RULES)]
    code, out = file_into(dev_pki, rules_file(tmp_path, "nn"), archive, *samples)
    assert code == ExitCode.invalid_form, out
    assert f"0 arkiverte, {len(samples)} med feil" in out, out
    for name, (_, field) in NEW_RULES.items():
        assert name in out and f"«{field}»" in out, (name, out)
    assert not list(archive.rglob("*.pdf"))


def test_oral_establishing_consent_where_the_municipality_allows_it(tmp_path: Path) -> None:
    sample = INVALID / "establishing-consent-not-written.yaml"
    code, entry = validate_json(rules_file(tmp_path, "nn", muntlig_samtykke_til_oppretting=True), sample)
    assert code == 0, entry
    # still with a referat: without one the form is refused by the model
    text = sample.read_text(encoding="utf-8")
    head, _ = text.split("\nreferat:", 1)
    no_record = tmp_path / "utan-referat.yaml"
    no_record.write_text(head + "\n", encoding="utf-8")
    code, entry = validate_json(rules_file(tmp_path, "nn", muntlig_samtykke_til_oppretting=True), no_record)
    assert code == ExitCode.invalid_form
    assert "oral_consent_needs_referat" in {p["code"] for p in entry["problems"]}


# --- the concern-word warning ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_concern_words_warn_without_quoting(tmp_path: Path, lang: str) -> None:
    code, entry = validate_json(rules_file(tmp_path, lang), CONCERN)
    assert code == 0
    [problem] = [p for p in entry["problems"] if p["code"] == "concern_words_flag_false"]
    assert problem["severity"] == "warning" and problem["path"] == "oppmerksomhet"
    message = problem["message"]
    assert "«oppmerksomhet»" in message and "barnevernet" in message
    assert "slo" not in message and "blåmerke" not in message.lower()  # the text is never quoted
    assert ("åtvaringa" in message) == (lang == "nn")


def test_concern_warning_files_the_document(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    code, out = file_into(dev_pki, rules_file(tmp_path, "nn"), archive, CONCERN)
    assert code == 0, out
    assert "«oppmerksomhet»" in out and "blåmerke" not in out
    assert len(list(archive.rglob("*.pdf"))) == 1


def test_concern_words_whole_words_any_case_and_municipal_lists() -> None:
    s = settings()
    defaults = Bekymringsord()

    def hit(text: str, words: Bekymringsord = defaults) -> bool:
        log = form("stafettlogg", s, oppmerksomhet=text)
        return bool(concern_findings(log, words))

    assert hit("Mor fortel om VALD i heimen.")  # nn, any case
    assert hit("Det er mistanke om alvorlig   omsorgssvikt.")  # nb phrase, spaces inside
    assert not hit("Familien var på tur i Valdres.")  # whole words only
    assert not hit("Han overgrepsførebyggjande kurs.")  # no part-word match
    own = Bekymringsord(nn=["snøball"], nb=[])
    assert hit("Han kasta snøball på barnet.", own)
    assert not hit("Mor fortel om vald i heimen.", own)  # the municipality's list replaces the defaults
    flagged = form("stafettlogg", s, oppmerksomhet="vald", mistanke_vold_overgrep=True)
    assert concern_findings(flagged, defaults) == []  # the refusal says it all


def test_word_lists_in_the_settings_file(tmp_path: Path) -> None:
    rules = rules_file(tmp_path, "nb", bekymringsord={"nn": ["blåmerke"], "nb": []})
    code, entry = validate_json(rules, CONCERN)
    assert code == 0 and "concern_words_flag_false" in {p["code"] for p in entry["problems"]}
    rules = rules_file(tmp_path, "nb", bekymringsord={"nn": ["snøball"], "nb": []})
    code, entry = validate_json(rules, CONCERN)
    assert code == 0 and "concern_words_flag_false" not in {p["code"] for p in entry["problems"]}


# --- consent evidence in the archived PDF ---------------------------------------------------------------


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is needed")
def test_consent_evidence_in_the_archived_pdf(tmp_path: Path, dev_pki: DevPki) -> None:
    archive = tmp_path / "arkiv"
    paper = ROOT / "samples" / "sak-a" / "02-samtykke-opprette-stafettlogg.yaml"
    digital = ROOT / "samples" / "sak-a" / "06-samtykke-samarbeid-skole.yaml"
    code, out = file_into(dev_pki, ROOT / "archive_rules.yaml", archive, paper, digital)
    assert code == 0, out
    texts = {p.name: pdf_text(p) for p in archive.rglob("*.pdf")}
    [on_paper] = [t for name, t in texts.items() if "2025-02-03" in name]
    [signed_digitally] = [t for name, t in texts.items() if "2026-04-20" in name]

    assert on_paper.count("Underskrive på papir 3. februar 2025") == 2  # both parents, their day
    assert "Det underskrivne originalet er oppbevart" in on_paper
    assert "Tiril si mappe i arkivskapet til Solsida barnehage" in on_paper
    assert "handskriven underskrift" not in on_paper  # never contradicts the form
    assert "elektronisk forsegla kopi" in on_paper

    # 06 is in bokmål (malform: nb): digital signatures with the system's reference, no paper original
    joined = signed_digitally.replace("- ", "-")  # a reference may break across lines at a hyphen
    assert "referanse VFS-SAMTYKKE-2026-0420-1" in joined and "referanse VFS-SAMTYKKE-2026-0420-2" in joined
    assert signed_digitally.count("Signert digitalt i Visma Flyt Samspill 20. april 2026") == 2
    assert "originalen oppbevares" not in signed_digitally
    assert "ingen håndskrevet underskrift" in signed_digitally


def test_a_giver_on_paper_and_a_giver_digitally(tmp_path: Path) -> None:
    """Mixed: each giver's line says how that giver signed; the paper original's place is required."""
    data = yaml.safe_load((ROOT / "samples/sak-a/06-samtykke-samarbeid-skole.yaml").read_text(encoding="utf-8"))
    data["gitt_av"][1]["signert"] = "papir"
    del data["gitt_av"][1]["referanse"]
    path = tmp_path / "blanda.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, entry = validate_json(ROOT / "archive_rules.yaml", path)
    assert code == ExitCode.invalid_form
    assert [p["path"] for p in entry["problems"] if p["severity"] == "error"] == ["original_oppbevart"]
    data["original_oppbevart"] = "Mappa til Tiril i arkivet til Fjordvik skule."
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, entry = validate_json(ROOT / "archive_rules.yaml", path)
    assert code == 0, entry
