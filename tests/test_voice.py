"""One voice: every staff-facing text exists in nynorsk and bokmål, with the same placeholders, and neither
mixes in the other målform; the real CLI speaks the municipality's målform (or --lang) only."""

from __future__ import annotations

import itertools
import re
import string
import subprocess
import sys
import tokenize
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from bti_docs.devcert import DevPki
from bti_docs.errors import ExitCode, SealError
from bti_docs.i18n import MESSAGES, Lang
from bti_docs.text.archive import ARCHIVE
from bti_docs.text.cli import ARGPARSE, CLI
from bti_docs.text.errors import ERRORS
from bti_docs.text.labels import LABELS
from bti_docs.text.pdfa import PDFA
from bti_docs.text.schema import SCHEMA
from bti_docs.text.voice import CATALOGUES, Joined, phrase, say
from bti_docs.text.watch import WATCH
from bti_docs.web.texts import FIELD_LABELS, HELP, UI

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "bti_docs"

TABLES: dict[str, Mapping[str, Mapping[Lang, str]]] = {
    "i18n.MESSAGES": MESSAGES, "text.errors": ERRORS, "text.cli": CLI, "text.cli.ARGPARSE": ARGPARSE, "text.pdfa": PDFA,
    "text.archive": ARCHIVE, "text.schema": SCHEMA, "text.watch": WATCH, "text.labels": LABELS,
    "web.fields": FIELD_LABELS, "web.help": HELP, "web.ui": UI,
}
ALL = [(table, code) for table, entries in TABLES.items() for code in entries]

# Words only one målform uses (whole words, lower case). "blir" and "også" are nynorsk too, so not listed.
NYNORSK = {
    "ikkje", "eg", "frå", "kva", "korleis", "fila", "berre", "finst", "manglar", "dei", "desse", "vert", "kvar",
    "eit", "ei", "ein", "noko", "inneheld", "mappa", "namn", "namnet", "sjå", "òg", "enno", "kjem", "høyrer",
    "saman", "nokon", "heile", "gjekk", "fekk", "seinare", "lagar", "tenesta", "eininga", "einingar",
    "innstillingar", "gjeld", "vald", "øydelagd", "avbroten", "åtvaring", "åtvaringar", "dokumenta", "skjemaa",
    "avvisinga",
}
BOKMAL = {
    "ikke", "jeg", "fra", "hva", "hvordan", "filen", "bare", "finnes", "mangler", "disse", "hver", "et", "en",
    "noe", "inneholder", "mappen", "navn", "navnet", "se", "ennå", "kommer", "hører", "sammen", "noen", "hele",
    "gikk", "fikk", "senere", "lager", "tjenesten", "enheten", "enheter", "innstillinger", "advarsel", "advarsler",
    "dokumentene", "velg", "de", "dem", "gjelder", "vold", "ødelagt", "avbrutt",
}


# Words of both målformer that the lists above count as one, allowed in the texts that use them as the other:
# nynorsk "de" is "you" (plural), bokmål "de" is "they" (nynorsk "dei").
SHARED_WORDS: dict[str, set[str]] = {"watch.receipt.keep": {"de"}}


def words(text: str) -> set[str]:
    text = re.sub(r"\{[^}]*\}|%\([^)]*\)[a-z]|«[^»]*»|\$\w+|--[\w-]+|\b\w+(\.\w+)+\b", " ", text)
    return {w.lower() for w in re.findall(r"[A-Za-zÆØÅæøåòé]+(?:-[A-Za-zÆØÅæøåòé]+)*", text)}


def placeholders(text: str) -> list[str]:
    names = sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    return names + sorted(re.findall(r"%\(\w+\)[a-z]|%[a-z]", text))


@pytest.mark.parametrize(("table", "code"), ALL, ids=[f"{t}:{c}" for t, c in ALL])
def test_every_text_in_both_languages_with_the_same_fields_and_no_mix(table: str, code: str) -> None:
    entry = TABLES[table][code]
    assert set(entry) == {"nn", "nb"}, f"{table}:{code} needs exactly nn and nb"
    nn, nb = entry["nn"], entry["nb"]
    assert nn.strip() and nb.strip(), f"{table}:{code} is empty in one language"
    assert placeholders(nn) == placeholders(nb), f"{table}:{code}: the fields differ between nn and nb"
    shared = SHARED_WORDS.get(code, set())
    assert not words(nn) & BOKMAL - shared, f"{table}:{code} nn has bokmål words: {sorted(words(nn) & BOKMAL)}"
    assert not words(nb) & NYNORSK - shared, f"{table}:{code} nb has nynorsk words: {sorted(words(nb) & NYNORSK)}"


def test_one_lookup_finds_each_code_in_exactly_one_catalogue() -> None:
    seen: dict[str, int] = {}
    for catalogue in CATALOGUES:
        for code in catalogue:
            seen[code] = seen.get(code, 0) + 1
    assert [code for code, n in seen.items() if n > 1] == []


def test_the_word_lists_catch_a_mix() -> None:
    assert words("Fila finst ikkje") & NYNORSK and not words("Fila finst ikkje") & BOKMAL
    assert words("Filen finnes ikke") & BOKMAL and not words("Filen finnes ikke") & NYNORSK


def string_literals(path: Path) -> Iterator[tuple[int, str]]:
    """Each string literal in ``path`` (adjacent literals joined, f-string parts kept) with its first line."""
    with path.open("rb") as fh:
        tokens = list(tokenize.tokenize(fh.readline))
    parts: list[str] = []
    start = 0
    for token in [*tokens, None]:
        if token is not None and token.type == tokenize.STRING:  # Python 3.11: an f-string is one token
            start = start or token.start[0]
            parts.append(token.string)
        elif token is None or token.type not in (tokenize.NL, tokenize.COMMENT):
            if parts:
                yield start, " ".join(parts)
            parts, start = [], 0


def test_no_glued_nn_nb_strings_in_the_source() -> None:
    """A string with a nynorsk side and a bokmål side around " / " is two voices in one text."""
    glued = []
    for path in sorted(SRC.rglob("*.py")):
        for number, literal in string_literals(path):
            pieces = literal.split(" / ")
            for left, right in itertools.pairwise(pieces):
                left_nn, left_nb = words(left) & NYNORSK, words(left) & BOKMAL
                if (left_nn and words(right) & BOKMAL) or (left_nb and words(right) & NYNORSK):
                    glued.append(f"{path.relative_to(ROOT)}:{number}: {literal[:160]}")
    assert glued == []


def test_the_source_scan_sees_a_glued_string_split_over_lines(tmp_path: Path) -> None:
    sample = tmp_path / "glued.py"
    sample.write_text('x = (\n    "Fila finst ikkje / "\n    "filen finnes ikke."\n)\n', encoding="utf-8")
    [(line, literal)] = list(string_literals(sample))
    assert line == 2 and " / " in literal and "finnes" in literal


def test_an_exception_is_said_in_the_readers_language_after_pickling() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(SealError("seal.cert_missing", path="/x/eining.p12")))
    assert error.render("nn") == "Seglsertifikatet finst ikkje: /x/eining.p12."
    assert error.render("nb") == "Seglsertifikatet finnes ikke: /x/eining.p12."
    nested = SealError("seal.no_timestamp", where=phrase("seal.the_tsa"), detail="timeout")
    assert "tidsstempeltenesta" in nested.render("nn") and "tidsstempeltjenesten" in nested.render("nb")
    joined = Joined([phrase("archive.symlink"), phrase("archive.checksum")]).say("nb")
    assert joined == "symbolsk lenke; sjekksummen stemmer ikke"
    assert say("interrupted", "nb") == "avbrutt"


# --- the real CLI, as staff run it -------------------------------------------------------------------------


def run(*args: str, cwd: Path) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "bti_docs", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "BTI_DOCS_CERT_PASSWORD": "x"}, timeout=120)
    return done.returncode, done.stdout + done.stderr


def other(lang: Lang) -> set[str]:
    return NYNORSK if lang == "nb" else BOKMAL


def speaks_only(lang: Lang, output: str) -> None:
    # Paths, field names and values from the files are not the voice: drop what is quoted or a path, hashes
    # (a journal hash's letters between its digits are words to ``words``: "…f12de24…" says "de") and
    # certificate fingerprints ("…:A7:DE:6F:…").
    text = re.sub(r"/\S+|«[^»]*»|'[^']*'|\"[^\"]*\"|\b[0-9a-f]{12,}\b|\b[0-9a-f]{2}(?::[0-9a-f]{2}){5,}\b", " ",
                  output, flags=re.IGNORECASE)
    mixed = words(text) & other(lang)
    assert not mixed, f"{lang} output has words of the other målform {sorted(mixed)}:\n{output}"


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_the_cli_speaks_the_municipalitys_malform_only(lang: Lang, rules: dict[Lang, Path], tmp_path: Path,
                                                         dev_pki: DevPki) -> None:
    r = ["--rules", str(rules[lang])]
    bad_form = ROOT / "samples" / "invalid" / "missing.yaml"
    code, out = run(*r, "validate", str(bad_form), str(ROOT / "samples" / "warnings" / "child-view-missing.yaml"),
                    cwd=tmp_path)
    assert code == ExitCode.invalid_form, out
    speaks_only(lang, out)

    bogus = tmp_path / "bogus.p12"
    bogus.write_bytes(b"not a certificate")
    form = next((ROOT / "samples" / "sak-a").glob("01-*.yaml"))
    code, out = run(*r, "file", str(form), "--archive", str(tmp_path / "arkiv"), "--cert", str(bogus),
                    "--trust", str(dev_pki.root_cert), cwd=tmp_path)
    assert code != 0 and "PKCS#12" in out, out
    speaks_only(lang, out)

    (tmp_path / "tomt-arkiv").mkdir()
    code, out = run(*r, "verify", str(tmp_path / "tomt-arkiv"), cwd=tmp_path)
    assert code != 0, out
    speaks_only(lang, out)

    for help_args in (["--help"], ["validate", "--help"], ["watch", "--help"], ["eksport", "noark5", "--help"]):
        code, out = run(*r, *help_args, cwd=tmp_path)
        assert code == 0 and out.startswith("bruk: "), out
        assert "show this help" not in out and "positional arguments" not in out, out
        speaks_only(lang, out)

    for bad_args in (["validate"], ["valider", "x"], ["validate", "x", "--ukjent"], ["render", "x"]):
        code, out = run(*r, *bad_args, cwd=tmp_path)
        assert code == ExitCode.bad_args and "feil:" in out and "error:" not in out, out
        assert "required" not in out and "invalid choice" not in out and "unrecognized" not in out, out
        speaks_only(lang, out)


def test_lang_overrides_the_malform_and_the_default_is_nynorsk(rules: dict[Lang, Path], tmp_path: Path) -> None:
    code, out = run("--rules", str(rules["nn"]), "--lang", "nb", "validate", cwd=tmp_path)
    assert code == ExitCode.bad_args and "disse argumentene må være med" in out, out
    code, out = run("--rules", str(tmp_path / "finst-ikkje.yaml"), "validate", cwd=tmp_path)
    assert "desse argumenta må vere med" in out, out
    code, out = run("--rules", str(rules["nb"]), "--help", cwd=tmp_path)
    assert "argumenter:" in out and "valg:" in out and "vis denne hjelpen og avslutt" in out, out


def test_other_parsers_keep_their_english_frame(rules: dict[Lang, Path]) -> None:
    import argparse

    from bti_docs.cli import build_parser

    build_parser("nb").format_help()
    plain = argparse.ArgumentParser(prog="x")
    assert "usage: x" in plain.format_help() and "show this help message and exit" in plain.format_help()
