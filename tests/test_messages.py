"""What staff see when a form is wrong: real files through the real ``bti-docs validate``, in both målformer.

Each test writes a form to ``tmp_path`` (a valid sample with one mistake put in, as staff make them) and runs
the CLI in-process, with the sample municipality (nynorsk) and a bokmål one. The text output and ``--json``
are both checked: Norwegian text that names the line and says what to do, never PyYAML's or pydantic's
English.
"""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bti_docs.cli import main
from bti_docs.devcert import DevPki
from bti_docs.errors import ExitCode
from bti_docs.i18n import MESSAGES

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "sak-a" / "03-stafettlogg-niva1.yaml"
RULES = {"nn": ROOT / "archive_rules.yaml", "nb": ROOT / "tests" / "data" / "rules-bokmal-16.yaml"}
BASE = SAMPLE.read_text(encoding="utf-8")
# Words of PyYAML's and pydantic's English that must never reach staff.
ENGLISH = re.compile(
    r"\b(mapping|allowed|found|character|expected|scalar|token|while|scanning|parsing|block end|could not|"
    r"stream|input|should be|field required|or)\b",
    re.IGNORECASE,
)


def line_of(text: str, needle: str) -> int:
    return next(i for i, t in enumerate(text.splitlines(), 1) if needle in t)


def mutate(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


def validate(tmp_path: Path, text: str, lang: str, name: str = "skjema.yaml") -> tuple[int, str, dict[str, Any]]:
    """Run ``bti-docs validate`` on ``text`` as a file: exit code, text output, the file's --json entry."""
    form = tmp_path / name
    form.write_text(text, encoding="utf-8")
    out = io.StringIO()
    code = main(["--rules", str(RULES[lang]), "validate", str(form)], stdout=out)
    out_json = io.StringIO()
    assert main(["--rules", str(RULES[lang]), "validate", "--json", str(form)], stdout=out_json) == code
    [entry] = json.loads(out_json.getvalue())["files"]
    return code, out.getvalue(), entry


def errors(entry: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in entry["problems"] if p["severity"] == "error"]


def assert_norwegian(message: str) -> None:
    english = ENGLISH.findall(re.sub("«[^»]*»", "", message))  # «…» quotes the file: staff's own words
    assert not english, f"English in staff text ({english}): {message}"
    assert "forms/" not in message, message


# --- 1. YAML syntax errors ------------------------------------------------------------------------------

SYNTAX_CASES = [
    # (id, old, new, the line staff must look at, its column or None, what nynorsk says, what bokmål says)
    ("tab", "  fornavn: Tiril", "\tfornavn: Tiril", "fornavn: Tiril", 1,
     "byt tabulatoren med mellomrom", "bytt tabulatoren med mellomrom"),
    ("unquoted-colon", "  beskrivelse: Tiril leikar saman", "  beskrivelse: Merk: Tiril leikar saman",
     "beskrivelse: Merk:", 20, "set teksten i hermeteikn når han inneheld kolon",
     "sett teksten i anførselstegn når den inneholder kolon"),
    ("unclosed-quote", 'fodselsnummer: "14832051765"', 'fodselsnummer: "14832051765', "fodselsnummer:", 18,
     "hermeteiknet som byrjar her, vert aldri lukka", "anførselstegnet som begynner her, blir aldri lukket"),
    ("missing-colon", "niva: 1", "niva 1", "niva 1", None,
     "det manglar kolon", "det mangler kolon"),
    ("missing-colon-nested", "    rolle: mor", "    rolle mor", "rolle mor", None,
     "det manglar kolon", "det mangler kolon"),
    ("indent-under-value", "  etternavn: Testesen", "   etternavn: Testesen", "etternavn: Testesen", 13,
     "meir innrykk enn feltet over", "mer innrykk enn feltet over"),
    ("indent-odd", "  etternavn: Testesen", " etternavn: Testesen", "etternavn: Testesen", 2,
     "innrykket passar ikkje", "innrykket passer ikke"),
    ("list-item-in-mapping", "    rolle: far", "    rolle: far\n    - mor", "    - mor", 5,
     "eit listepunkt («- ») står der det skulle vore eit felt",
     "et listepunkt («- ») står der det skulle vært et felt"),
    ("mapping-in-list", "  - navn: Trond Testesen", "  navn: Trond Testesen", "  navn: Trond Testesen", 3,
     "eit felt står der det skulle vore eit listepunkt", "et felt står der det skulle vært et listepunkt"),
    ("list-indent", "  - navn: Trond Testesen", " - navn: Trond Testesen", " - navn: Trond Testesen", 2,
     "innrykket passar ikkje", "innrykket passer ikke"),
    ("special-start", "    rolle: mor", "    rolle: @mor", "rolle: @mor", 12,
     "kan ikkje byrje med teiknet «@»", "kan ikke begynne med tegnet «@»"),
    ("star-start", "    rolle: mor", "    rolle: *mor*", "rolle: *mor*", 12,
     "kan ikkje byrje med teiknet «*»", "kan ikke begynne med tegnet «*»"),
    ("text-after-quote", "    rolle: mor", '    rolle: "mor" til Tiril', 'rolle: "mor" til', None,
     "held fram etter det avsluttande hermeteiknet", "fortsetter etter det avsluttende anførselstegnet"),
    ("text-after-bar", "oppmerksomhet: |", "oppmerksomhet: | Tiril", "oppmerksomhet: | Tiril", None,
     "etter «|» kan det ikkje stå tekst på same linje", "etter «|» kan det ikke stå tekst på samme linje"),
    ("unclosed-bracket", "niva: 1", "niva: [1", "niva: [1", 7,
     "vert ikkje lukka", "blir ikke lukket"),
    ("dash-in-value", "    rolle: mor", "    rolle: - mor", "rolle: - mor", 12,
     "kan ikkje byrje med «- »", "kan ikke begynne med «- »"),
    ("bad-escape", 'fodselsnummer: "14832051765"', 'fodselsnummer: "1483\\2051765"', "fodselsnummer:", None,
     "omvendt skråstrek", "omvendt skråstrek"),
    ("control-character", "    rolle: mor", "    rolle: m\x07or", "rolle: m", None,
     "kontrollteikn (u+0007)", "kontrolltegn (u+0007)"),
    ("colon-at-start", "niva: 1", ": 1", ": 1", 1,
     "feltnamnet framfor kolonet manglar", "feltnavnet foran kolonet mangler"),
    ("no-space-after-colon", "niva: 1", "niva:1", "niva:1", 6,
     "etter kolonet må det stå eit mellomrom", "etter kolonet må det stå et mellomrom"),
    ("stray-bracket", "niva: 1", "niva: ]1", "niva: ]1", 7,
     "teiknet «]» kan ikkje stå her", "tegnet «]» kan ikke stå her"),
    ("folded-text-on-header-line", "oppmerksomhet: |", "oppmerksomhet: >Tiril", "oppmerksomhet: >Tiril", None,
     "etter «>» kan det ikkje stå tekst på same linje", "etter «>» kan det ikke stå tekst på samme linje"),
    ("one-line-of-block-text-lost-its-indent", "  barnehagen. Vi øver", "barnehagen. Vi øver", "barnehagen. Vi",
     None, "høyrer truleg til teksten etter «felles_forstaelse: |»",
     "hører trolig til teksten etter «felles_forstaelse: |»"),
]


@pytest.mark.parametrize("lang", ["nn", "nb"])
@pytest.mark.parametrize("case", SYNTAX_CASES, ids=[c[0] for c in SYNTAX_CASES])
def test_yaml_syntax_errors_are_norwegian_with_line_column_the_line_and_what_to_do(
    tmp_path: Path, case: tuple[Any, ...], lang: str
) -> None:
    _, old, new, needle, column, nn, nb = case
    text = mutate(old, new)
    code, out, entry = validate(tmp_path, text, lang)
    assert code == ExitCode.input_file
    [problem] = entry["problems"]
    assert problem["code"] == "yaml_syntax"
    msg = problem["message"]
    assert (nn if lang == "nn" else nb) in msg.lower(), msg
    assert_norwegian(msg)
    line = line_of(text, needle)
    assert problem["line"] == line, msg
    if column is not None:
        assert problem["column"] == column, msg
        assert f"Linje {line}, kolonne {column}: «" in msg
    else:
        assert f"Linje {line}" in msg
    quoted = text.splitlines()[line - 1].replace("\t", "→").replace("\x07", "\ufffd").rstrip()
    assert f"«{quoted[:60]}" in msg  # the line as written (a long line shortened)
    assert "\x07" not in msg and "\t" not in msg
    assert msg in out  # the text output carries the same message


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_a_yaml_error_pydantic_does_not_know_still_gets_norwegian(tmp_path: Path, lang: str) -> None:
    text = mutate("niva: 1", "niva: 1\n---\nniva: 2\n...\nniva: 3")
    code, _, entry = validate(tmp_path, text, lang)
    assert code == ExitCode.input_file
    for problem in entry["problems"]:
        assert_norwegian(problem["message"])


def test_a_long_line_is_quoted_around_the_error(tmp_path: Path) -> None:
    long = "x" * 150
    text = mutate("    rolle: mor", f"    rolle: {long} Merk: {long}")
    _, _, entry = validate(tmp_path, text, "nn")
    [problem] = entry["problems"]
    assert "Merk" in problem["message"] and "…" in problem["message"]
    assert len(problem["message"]) < 400


# --- 2. a block text after | without indent -------------------------------------------------------------

BLOCK = (
    "felles_forstaelse: |\n"
    "  Vi skal hjelpe Tiril å bli med i leiken, å seie frå med ord kva ho treng, og å kome uthvilt i\n"
    "  barnehagen."
)


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_block_text_without_indent_is_one_syntax_problem_naming_its_field(tmp_path: Path, lang: str) -> None:
    text = mutate(BLOCK, BLOCK.replace("\n  ", "\n"))
    code, _, entry = validate(tmp_path, text, lang)
    assert code == ExitCode.input_file
    [problem] = entry["problems"]
    msg = problem["message"]
    assert "«felles_forstaelse: |»" in msg and "innrykk" in msg
    assert ("rykk inn kvar linje" if lang == "nn" else "rykk inn hver linje") in msg
    assert problem["line"] == line_of(text, "felles_forstaelse: |")
    assert_norwegian(msg)


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_block_text_lines_read_as_keys_are_one_problem_not_unknown_fields(tmp_path: Path, lang: str) -> None:
    # A line of the text holds a colon: YAML reads it as a key, and pydantic would call it an unknown field.
    text = mutate(BLOCK, "felles_forstaelse: |\nMerknad: Tiril treng ro om morgonen.\nbarnehagen: vi øver kvar dag.")
    code, out, entry = validate(tmp_path, text, lang)
    assert code == ExitCode.invalid_form
    [problem] = errors(entry)
    assert problem["code"] == "block_not_indented" and problem["path"] == "felles_forstaelse"
    assert problem["line"] == line_of(text, "felles_forstaelse: |")
    assert "«felles_forstaelse: |»" in problem["message"]
    assert "Ukjent felt" not in out and "Merknad" not in problem["path"]
    assert_norwegian(problem["message"])


def test_block_text_indented_with_a_tab_is_told_as_a_tab(tmp_path: Path) -> None:
    text = mutate(BLOCK, BLOCK.replace("\n  ", "\n\t"))
    _, _, entry = validate(tmp_path, text, "nb")
    [problem] = entry["problems"]
    assert "bytt tabulatoren med mellomrom" in problem["message"]
    assert problem["line"] == line_of(text, "felles_forstaelse: |") + 1


def test_a_misspelt_key_after_an_empty_block_is_not_taken_for_block_text(tmp_path: Path) -> None:
    # An empty block text is allowed YAML; the key after it is a real key with a typo, not lost text.
    head, tail = BASE.rsplit("\nbarnets_medvirkning: |", 1)
    text = head.replace("oppmerksomhet: |", "barnets_medvirkning: |\noppmerksomheit: |") + "\nsamtaleform: |" + tail
    _, _, entry = validate(tmp_path, text, "nn")
    codes = {p["code"] for p in errors(entry)}
    assert "block_not_indented" not in codes
    assert any("Meinte du «oppmerksomhet»?" in p["message"] for p in errors(entry))
    assert any(p["path"] == "barnets_medvirkning" and p["code"] == "empty" for p in errors(entry))


# --- 3. keys with æ, ø, å and near misses ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_a_key_with_o_slash_is_one_problem_with_the_right_key(tmp_path: Path, lang: str) -> None:
    text = mutate("  fodselsdato: 2020-03-14", "  fødselsdato: 2020-03-14")
    code, out, entry = validate(tmp_path, text, lang)
    assert code == ExitCode.invalid_form
    [problem] = errors(entry)
    expected = "Nøklane skrivast utan æ, ø, å: fodselsdato" if lang == "nn" else \
        "Nøklene skrives uten æ, ø, å: fodselsdato"
    assert problem["message"] == expected
    assert problem["path"] == "barn.fødselsdato"
    assert (problem["line"], problem["column"]) == (line_of(text, "fødselsdato"), 3)
    assert "manglar" not in out and "mangler" not in out and "Ukjent felt" not in out


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_a_key_with_a_ring_finds_its_ascii_spelling(tmp_path: Path, lang: str) -> None:
    text = mutate("felles_forstaelse: |", "felles_forståelse: |")
    _, _, entry = validate(tmp_path, text, lang)
    [problem] = errors(entry)
    assert problem["message"].endswith(": felles_forstaelse")


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_a_misspelt_key_gets_did_you_mean_instead_of_missing_plus_unknown(tmp_path: Path, lang: str) -> None:
    text = mutate("oppmerksomhet: |", "oppmerksomheit: |")
    code, out, entry = validate(tmp_path, text, lang)
    assert code == ExitCode.invalid_form
    [problem] = errors(entry)
    assert problem["code"] == "extra_forbidden" and problem["path"] == "oppmerksomheit"
    assert ("Meinte du «oppmerksomhet»?" if lang == "nn" else "Mente du «oppmerksomhet»?") in problem["message"]
    assert problem["line"] == line_of(text, "oppmerksomheit")
    assert "manglar" not in out and "mangler" not in out


def test_an_unknown_key_with_no_near_match_stays_unknown(tmp_path: Path) -> None:
    text = mutate("niva: 1", "niva: 1\nheilt_anna: x")
    _, _, entry = validate(tmp_path, text, "nn")
    [problem] = errors(entry)
    assert problem["message"] == "Ukjent felt. Sjekk stavinga, eller fjern feltet."


# --- 4. empty fields, and the blank forms as they are ---------------------------------------------------


@pytest.mark.parametrize("lang", ["nn", "nb"])
@pytest.mark.parametrize(
    ("old", "new", "path", "what_nn", "what_nb"),
    [
        ("enhet: solsida-barnehage", "enhet:", "enhet", "eininga sin id", "enhetens id"),
        ("dato: 2025-03-27", "dato:", "dato", "ein dato (ÅÅÅÅ-MM-DD)", "en dato (ÅÅÅÅ-MM-DD)"),
        ("  fornavn: Tiril", "  fornavn:", "barn.fornavn", "ein tekst", "en tekst"),
        ("niva: 1", "niva:", "niva", "ein av verdiane 1, 2 eller 3", "en av verdiene 1, 2 eller 3"),
        ("    tjeneste: barnehage", '    tjeneste: ""', "stafettholdere[0].tjeneste", "ein av verdiane", "en av"),
        ("      fra: 2025-02-10", "      fra:", "tiltak[0].periode.fra", "ein dato", "en dato"),
        ("  fornavn: Tiril", '  fornavn: "  "', "barn.fornavn", "ein tekst", "en tekst"),
    ],
)
def test_an_empty_field_says_it_is_empty_and_what_to_fill_in(
    tmp_path: Path, lang: str, old: str, new: str, path: str, what_nn: str, what_nb: str
) -> None:
    text = mutate(old, new)
    _, out, entry = validate(tmp_path, text, lang)
    [problem] = [p for p in errors(entry) if p["path"] == path]
    assert problem["message"].startswith("Feltet er tomt: fyll inn ")
    assert (what_nn if lang == "nn" else what_nb) in problem["message"]
    assert problem["line"] == line_of(text, new.split(":")[0] + ":")
    assert "skal vere tekst" not in out and "skal være tekst" not in out
    assert_norwegian(problem["message"])


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_the_blank_forms_as_they_are_give_a_readable_list(lang: str) -> None:
    forms = sorted((ROOT / "forms" / lang).glob("*.yaml"))
    assert len(forms) >= 6
    out = io.StringIO()
    assert main(["--rules", str(RULES[lang]), "validate", *map(str, forms)], stdout=out) == ExitCode.invalid_form
    text = out.getvalue()
    assert "skal vere tekst" not in text and "skal være tekst" not in text and "Ukjent felt" not in text
    out_json = io.StringIO()
    main(["--rules", str(RULES[lang]), "validate", "--json", *map(str, forms)], stdout=out_json)
    for entry in json.loads(out_json.getvalue())["files"]:
        problems = errors(entry)
        assert problems, entry["file"]
        empties = [p for p in problems if p["message"].startswith(("Feltet er tomt", "Punktet i lista er tomt",
                                                                      "Punktet i listen er tomt"))]
        assert len(empties) >= len(problems) - 2, [p["message"] for p in problems]
        for p in problems:
            assert_norwegian(p["message"])
            assert p["line"] is not None, p  # every field of a blank form is in the file
        # the blank barn and svangerskap blocks: one problem, not one per empty sub-field
        both = [p for p in problems if p["code"] == "child_or_pregnancy"]
        if "barn:" in Path(entry["file"]).read_text(encoding="utf-8"):
            assert len(both) == 1 and not any(p["path"].startswith(("barn.", "svangerskap.")) for p in problems)
            assert ("anten barn eller svangerskap" if lang == "nn" else "enten barn eller svangerskap") in \
                both[0]["message"]


# --- 5. allowed values end in "eller" -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_allowed_values_end_in_eller(tmp_path: Path, lang: str) -> None:
    text = mutate("    tjeneste: barnehage", "    tjeneste: barnehagen")
    _, _, entry = validate(tmp_path, text, lang)
    [problem] = errors(entry)
    msg = problem["message"]
    assert msg.startswith("Ugyldig verdi. Tillatne verdiar:" if lang == "nn" else "Ugyldig verdi. Tillatte verdier:")
    assert msg.endswith("videregaende_skole eller annen.") and "'" not in msg
    assert_norwegian(msg)
    assert problem["line"] == line_of(text, "tjeneste: barnehagen")


# --- 6. the blank svangerskap block left in a child's form ----------------------------------------------

BLANK_PREGNANCY = "svangerskap:\n  termindato:\n  gravid:\n    fornavn:\n    etternavn:\n    fodselsdato:\n"


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_a_blank_svangerskap_block_in_a_childs_form_is_one_problem(tmp_path: Path, lang: str) -> None:
    text = mutate("niva: 1\n", BLANK_PREGNANCY + "niva: 1\n")
    code, out, entry = validate(tmp_path, text, lang)
    assert code == ExitCode.invalid_form
    [problem] = errors(entry)
    assert problem["code"] == "child_or_pregnancy" and problem["path"] == "svangerskap"
    expected = "Fyll inn anten barn eller svangerskap" if lang == "nn" else "Fyll inn enten barn eller svangerskap"
    assert problem["message"].startswith(expected)
    assert problem["line"] == line_of(text, "svangerskap:")
    assert "termindato" not in out


def test_a_filled_svangerskap_with_a_fault_is_still_reported_field_by_field(tmp_path: Path) -> None:
    text = mutate("niva: 1\n", BLANK_PREGNANCY.replace("termindato:", "termindato: 2026-13-40") + "niva: 1\n")
    _, _, entry = validate(tmp_path, text, "nn")
    assert "svangerskap.termindato" in {p["path"] for p in errors(entry)}


# --- 7. no "(sjå mal i forms/)" in messages; the template named once per file ---------------------------


def test_no_message_points_at_the_forms_folder() -> None:
    for code, texts in MESSAGES.items():
        for lang, text in texts.items():
            if code != "cli_form_template":
                assert "forms/" not in text and "sjå mal" not in text and "se mal" not in text, (code, lang)


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_the_form_template_is_named_once_for_a_file_with_shape_problems(tmp_path: Path, lang: str) -> None:
    text = mutate("niva: 1\n", "").replace("oppmerksomhet: |", "oppmerksomheit: |")
    _, out, _ = validate(tmp_path, text, lang)
    hints = [line for line in out.splitlines() if "Malen for skjemaet" in line]
    assert len(hints) == 1 and hints[0].rstrip().endswith(str(Path("forms") / lang / "stafettlogg.yaml"))


def test_no_template_hint_for_a_rule_problem(tmp_path: Path) -> None:
    text = mutate("    tjeneste: barnehage", "    tjeneste: barnehagen")
    _, out, _ = validate(tmp_path, text, "nn")
    assert "Malen for skjemaet" not in out


# --- 8. one layout for every problem of a file ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_every_problem_has_the_same_layout(tmp_path: Path, lang: str) -> None:
    text = mutate("enhet: solsida-barnehage", "enhet:").replace("dato: 2025-03-27", "dato:", 1)
    text = text.replace("  fodselsdato: 2020-03-14", "  fødselsdato: 2020-03-14").replace("niva: 1", "niva: 7")
    code, out, entry = validate(tmp_path, text, lang)
    lines = out.splitlines()
    assert lines[0] == f"FEIL {tmp_path / 'skjema.yaml'}"
    problem_lines = [line for line in lines[1:-1] if "Malen for skjemaet" not in line]
    assert len(problem_lines) == len(entry["problems"]) >= 4
    for line, problem in zip(problem_lines, entry["problems"], strict=True):
        assert re.match(r"^ {5}linje \d+, \S+: \S", line), line
        assert line.endswith(problem["message"])
    assert lines[-1] == "0 gyldige, 1 med feil"
    assert code == ExitCode.invalid_form


def test_a_warning_has_the_same_layout_with_its_label(tmp_path: Path) -> None:
    warned = ROOT / "samples" / "warnings" / "goal-without-deadline.yaml"
    for lang, label in (("nn", "åtvaring"), ("nb", "advarsel")):
        _, out, _ = validate(tmp_path, warned.read_text(encoding="utf-8"), lang)
        [line] = [t for t in out.splitlines() if label in t]
        assert re.match(rf"^ {{5}}{label}, linje \d+, delmal\[0\]\.frist: Målet har ingen frist", line), line


# --- 9. --json gives line and column --------------------------------------------------------------------


def test_json_gives_line_and_column_for_schema_and_rule_problems(tmp_path: Path) -> None:
    gap = (ROOT / "samples" / "invalid" / "holder-gap.yaml").read_text(encoding="utf-8")
    _, _, entry = validate(tmp_path, gap, "nn")
    [problem] = [p for p in errors(entry) if p["path"] == "stafettholdere[0].til_dato"]
    lines = gap.splitlines()
    assert lines[problem["line"] - 1][problem["column"] - 1:].startswith("til_dato:")
    # a missing field points at the block it is missing from
    text = mutate("  etternavn: Testesen\n", "")
    _, _, entry = validate(tmp_path, text, "nn")
    [problem] = errors(entry)
    assert problem["path"] == "barn.etternavn" and problem["line"] == line_of(text, "barn:")
    assert set(problem) >= {"file", "path", "code", "message", "severity", "line", "column"}


# --- every syntax error a stray keystroke makes is told in Norwegian ------------------------------------

STRAY_KEYS = ["\t", ": ", '"', "'", "[", "{", "]", "}", ",", "- ", "|", ">", "*", "&", "!", "@", "`", "%", "\\",
              "\n", " ", "  ", ":", "?", "\x01"]


def test_stray_keystrokes_anywhere_in_the_samples_never_show_english() -> None:
    """Seeded: 200 files with one stray keystroke (or one character deleted) in a random place."""
    from bti_docs.forms.load import parse_form

    rng = random.Random(14)
    samples = sorted((ROOT / "samples").glob("sak-*/*.yaml"))
    syntax = 0
    for _ in range(200):
        source = rng.choice(samples)
        lines = source.read_text(encoding="utf-8").split("\n")
        i = rng.randrange(3, len(lines) - 1)
        j = rng.randrange(0, len(lines[i]) + 1)
        if rng.random() < 0.25 and lines[i]:
            j = min(j, len(lines[i]) - 1)
            lines[i] = lines[i][:j] + lines[i][j + 1:]
        else:
            lines[i] = lines[i][:j] + rng.choice(STRAY_KEYS) + lines[i][j:]
        text = "\n".join(lines)
        for lang in ("nn", "nb"):
            for problem in parse_form(text.encode(), "skjema.yaml", lang).problems:
                assert_norwegian(problem.message)
                assert "{" not in re.sub("«[^»]*»", "", problem.message), problem.message  # no unfilled field
                if problem.code == "yaml_syntax":
                    syntax += 1
                    assert problem.line is not None and problem.message.startswith("Linje "), problem.message
    assert syntax > 60  # most keystrokes break the YAML: the test saw many kinds of syntax error


# --- the same in a real process, and in `file`'s report of a bad input ----------------------------------


def test_subprocess_validate_shows_the_tab_error_in_norwegian(tmp_path: Path) -> None:
    form = tmp_path / "skjema.yaml"
    form.write_text(mutate("  fornavn: Tiril", "\tfornavn: Tiril"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "bti_docs", "--rules", str(RULES["nn"]), "validate", str(form)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == ExitCode.input_file, proc.stderr
    assert "Linje 9, kolonne 1: «→fornavn: Tiril»." in proc.stdout
    assert "byt tabulatoren med mellomrom" in proc.stdout and "Traceback" not in proc.stderr


def test_file_indents_every_problem_of_a_bad_input_alike(tmp_path: Path, dev_pki: DevPki) -> None:
    form = tmp_path / "skjema.yaml"
    form.write_text(mutate("enhet: solsida-barnehage", "enhet:").replace("dato: 2025-03-27", "dato:", 1),
                    encoding="utf-8")
    out = io.StringIO()
    # file checks the seal certificate before the first input (without one it stops there, exit 9)
    code = main(["--rules", str(RULES["nn"]), "file", str(form), "--archive", str(tmp_path / "arkiv"),
                 "--workers", "1", "--cert", str(dev_pki.unit_p12), "--cert-password-file",
                 str(dev_pki.password_file), "--trust", str(dev_pki.root_cert)], stdout=out)
    assert code == ExitCode.invalid_form
    lines = out.getvalue().splitlines()
    assert lines[0] == f"FEIL {form}"
    problems = lines[1:-1]
    assert len(problems) == 2 and all(line.startswith("     ") and "Feltet er tomt" in line for line in problems)


@pytest.mark.slow
def test_watch_reports_the_syntax_error_with_its_line_and_keeps_it_out_of_the_log(tmp_path: Path) -> None:
    """The quoted line may hold a name: it goes in the rejected/ report for the writer, never in a log line."""
    from bti_docs.devcert import create_dev_pki

    pki = create_dev_pki(tmp_path / "pki")
    inbox = tmp_path / "innboks"
    inbox.mkdir()
    (inbox / "skjema.yaml").write_text(mutate("  fornavn: Tiril", "\tfornavn: Tiril"), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "bti_docs", "--rules", str(RULES["nn"]), "watch", str(inbox), "--archive",
         str(tmp_path / "arkiv"), "--once", "--settle", "0.1", "--cert", str(pki.unit_p12), "--trust",
         str(pki.root_cert), "--password-file", str(pki.password_file)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    report = (inbox / "rejected" / "skjema.yaml.feil.txt").read_text(encoding="utf-8")
    assert "Linje 9, kolonne 1: «→fornavn: Tiril»." in report and "byt tabulatoren med mellomrom" in report
    data = json.loads((inbox / "rejected" / "skjema.yaml.feil.json").read_text(encoding="utf-8"))
    assert (data["problems"][0]["line"], data["problems"][0]["column"]) == (9, 1)
    log = proc.stdout + proc.stderr
    assert "rejected" in log and "Tiril" not in log and "fornavn" not in log
