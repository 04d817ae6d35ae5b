"""One voice, kept: the source has no local nn/nb helpers and no text outside the catalogue, and the archive
commands, run by the real CLI on a real archive, speak the reader's målform (or ``--lang``) only."""

from __future__ import annotations

import ast
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bti_docs.cli import main
from bti_docs.devcert import DevPki
from bti_docs.i18n import MESSAGES, Lang
from bti_docs.text.voice import CATALOGUES, has_text
from test_voice import BOKMAL, NYNORSK, speaks_only, words
from tools import settings_text_as

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "bti_docs"
SAYERS = frozenset({"say", "voice", "phrase", "message"})  # the lookups (``voice`` is ``say`` imported as)
CODES = {code for catalogue in CATALOGUES for code in catalogue}

CATALOGUE_MODULES = {"i18n.py", "text/archive.py", "text/cli.py", "text/errors.py", "text/labels.py", "text/pdfa.py",
                     "text/schema.py", "text/watch.py", "web/texts.py"}
# Errors still raised with a literal text, in modules other helpers own (listed in the issue 10 report).
KNOWN_LITERALS: set[str] = set()


def sources() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(SRC.rglob("*.py")):
        yield path.relative_to(SRC).as_posix(), ast.parse(path.read_text(encoding="utf-8"), str(path))


def called(node: ast.Call) -> str | None:
    return node.func.id if isinstance(node.func, ast.Name) else \
        node.func.attr if isinstance(node.func, ast.Attribute) else None


def test_no_local_helper_picks_between_a_nynorsk_and_a_bokmal_text() -> None:
    """``def _t(lang, nn, nb)`` and its kind keep texts outside the catalogue, where no test walks them. (The
    catalogues themselves may build their entries with ``_both(nn, nb)``: test_voice walks every entry.)"""
    found = []
    for rel, tree in sources():
        if rel in CATALOGUE_MODULES:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                params = {a.arg for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]}
                name = getattr(node, "name", "<lambda>")
                if {"nn", "nb"} <= params or name == "_t":
                    found.append(f"{rel}:{node.lineno} {name}({', '.join(sorted(params))})")
    assert found == []


def test_every_text_said_is_a_code_in_the_catalogue() -> None:
    """``say("code", lang)``: the code is a catalogue key (a typo would say nothing, or "Ugyldig verdi"); a
    code built at run time starts like some key; no call passes a nynorsk and a bokmål text side by side."""
    found = []
    for rel, tree in sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or called(node) not in SAYERS or not node.args:
                continue
            first = node.args[0]
            texts = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if len(texts) >= 2:
                found.append(f"{rel}:{node.lineno}: two texts in one call (a glued pair)")
            elif isinstance(first, ast.Constant) and isinstance(first.value, str):
                known = first.value in MESSAGES if called(node) == "message" else has_text(first.value)
                if not known:
                    found.append(f"{rel}:{node.lineno}: {first.value!r} is in no catalogue")
            elif isinstance(first, ast.JoinedStr):
                head = first.values[0].value if first.values and isinstance(first.values[0], ast.Constant) else ""
                if not isinstance(head, str) or not head or not any(code.startswith(head) for code in CODES):
                    found.append(f"{rel}:{node.lineno}: a code built from {head!r} matches no catalogue key")
    assert found == []


# What a kind finds: ``error(path, code)`` / ``warning(path, code)`` (validation, i18n.MESSAGES) and, against the
# case at filing, ``case.refuse(path, code)`` / ``case.warn(path, code)`` (text/archive.py, ``case.<code>``).
FINDINGS = {"error": lambda code: code in MESSAGES, "warning": lambda code: code in MESSAGES,
            "refuse": lambda code: has_text(f"case.{code}"), "warn": lambda code: has_text(f"case.{code}")}


def test_every_finding_code_has_its_text() -> None:
    """A kind names what it finds by code; the code has its text in both languages, or staff would read
    nothing (or a KeyError) when the rule fires."""
    found = []
    for rel, tree in sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and called(node) in FINDINGS and len(node.args) >= 2:
                code = node.args[1]
                if isinstance(code, ast.Constant) and isinstance(code.value, str) and \
                        not FINDINGS[called(node) or ""](code.value):
                    found.append(f"{rel}:{node.lineno}: {called(node)}(…, {code.value!r}) has no text")
    assert found == []


# Tables of nn/nb texts allowed outside the catalogues: none.
KNOWN_TABLES: set[str] = set()
KIND_NAMES = ("title", "dokumenttype", "schema_title", "schema_description")
_LANGUAGE_TAG = re.compile(r"[a-z]{2}(-[A-Z]{2})?")


def nn_nb_tables(rel: str, tree: ast.Module) -> list[str]:
    """``{"nn": ..., "nb": ...}`` literals: texts kept outside the catalogues, where no målform test walks
    them. A kind's own names (``Kind(title=..., dokumenttype=..., schema_title=..., schema_description=...)``)
    live in its module by design (test_kinds and test_schema walk them); a map of language tags
    (``{"nn": "nn-NO"}``) is no text."""
    names = {id(v) for n in ast.walk(tree) if isinstance(n, ast.Call) and called(n) == "Kind"
             for k in n.keywords if k.arg in KIND_NAMES for v in [k.value]}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict) or id(node) in names:
            continue
        keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
        values = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
        if {"nn", "nb"} <= keys and not (values and all(_LANGUAGE_TAG.fullmatch(v) for v in values)):
            found.append(f"{rel}:{node.lineno}")
    return found


def test_no_table_of_nn_nb_texts_outside_the_catalogues() -> None:
    found = [hit for rel, tree in sources() if rel not in CATALOGUE_MODULES | KNOWN_TABLES
             for hit in nn_nb_tables(rel, tree)]
    assert found == []


def error_classes(trees: list[tuple[str, ast.Module]]) -> set[str]:
    """The exceptions said in the reader's language: BtiError's subclasses and JournalError, found in the source."""
    bases: dict[str, set[str]] = {}
    for _rel, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
    said = {"BtiError", "JournalError"}
    while True:
        more = {name for name, of in bases.items() if of & said} - said
        if not more:
            return said
        said |= more


def test_errors_are_raised_with_a_code_not_a_text() -> None:
    """An error raised with a literal text speaks one målform (or glues both); with a code it is said in the
    reader's language where it surfaces."""
    trees = list(sources())
    classes = error_classes(trees)
    assert {"ArchiveError", "ConfigError", "SealError", "ReceiptError", "PlanOutdatedError"} <= classes
    found = []
    for rel, tree in trees:
        if rel in KNOWN_LITERALS:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and called(node) in classes and node.args:
                first = node.args[0]
                if isinstance(first, ast.JoinedStr) or (
                        isinstance(first, ast.Constant) and isinstance(first.value, str) and not has_text(first.value)):
                    found.append(f"{rel}:{node.lineno}: {called(node)}({ast.unparse(first)[:80]})")
    assert found == []


def test_the_scans_see_what_they_look_for(tmp_path: Path) -> None:
    sample = ast.parse('def _t(lang, nn, nb):\n    return nn\nraise ArchiveError(f"Fila {x} finst ikkje")\n'
                       'say(lang, "Fila finst ikkje", "Filen finnes ikke")\nsay("archive.no_such_code", "nb")\n')
    calls = [n for n in ast.walk(sample) if isinstance(n, ast.Call)]
    assert any(isinstance(n, ast.FunctionDef) and n.name == "_t" for n in ast.walk(sample))
    assert any(called(c) == "ArchiveError" and isinstance(c.args[0], ast.JoinedStr) for c in calls)
    assert not has_text("archive.no_such_code") and has_text("verify.no_archive")
    assert "ArchiveError" in error_classes(list(sources()))
    table = ast.parse('M = {"x": {"nn": "Fila finst ikkje", "nb": "Filen finnes ikke"}}\n'
                      'H = {"nn": "nn-NO", "nb": "nb"}\nK = Kind(title={"nn": "Samtykke", "nb": "Samtykke"})\n')
    assert nn_nb_tables("x.py", table) == ["x.py:1"]
    finding = ast.parse('case.refuse("dato", "case_no_such_code")\n')
    [call] = [n for n in ast.walk(finding) if isinstance(n, ast.Call)]
    assert called(call) == "refuse" and FINDINGS["refuse"]("case_closed")
    assert not FINDINGS["refuse"]("case_no_such_code")


# --- the archive commands, as staff run them ------------------------------------------------------------


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory, dev_pki: DevPki) -> dict[str, Path]:
    """A real archive filed by ``bti-docs file``, and the repository's settings as an nn and an nb
    municipality (``-tsa``: with a timestamp service named, so ``forny-tidsstempel`` gets to its report)."""
    folder = tmp_path_factory.mktemp("voice")
    cert = (f"  sertifikat:\n    p12: {dev_pki.unit_p12}\n    passord_fil: {dev_pki.password_file}\n"
            f"    tillitsrot: [{dev_pki.root_cert}]\n    tidsstempel_url: http://127.0.0.1:9/tsa\n")
    paths: dict[str, Path] = {}
    for lang in ("nn", "nb"):
        said = settings_text_as(lang)
        paths[lang] = folder / f"{lang}.yaml"
        paths[lang].write_text(said, encoding="utf-8")
        paths[f"{lang}-tsa"] = folder / f"{lang}-tsa.yaml"
        paths[f"{lang}-tsa"].write_text(re.sub(r"^(  testmodus: .*\n)", lambda m: m.group(1) + cert, said,
                                               flags=re.MULTILINE), encoding="utf-8")
    archive = folder / "arkiv"
    forms = sorted((ROOT / "samples" / "sak-a").glob("0[12]-*.yaml"))
    code = main(["--rules", str(paths["nn"]), "file", *map(str, forms), "--archive", str(archive), "--workers", "1",
                 "--cert", str(dev_pki.unit_p12), "--cert-password-file", str(dev_pki.password_file),
                 "--trust", str(dev_pki.root_cert)], io.StringIO())
    assert code == 0
    paths["archive"] = archive
    return paths


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in args], out)
    captured = capsys.readouterr()
    return code, out.getvalue() + captured.out + captured.err


@pytest.mark.parametrize(("malform", "lang"), [("nn", None), ("nb", None), ("nn", "nb"), ("nb", "nn")])
def test_the_archive_commands_speak_one_malform(malform: Lang, lang: Lang | None, setup: dict[str, Path],
                                               dev_pki: DevPki, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The municipality's målform, or ``--lang`` given after the command, and nothing of the other."""
    reader: Lang = lang or malform
    voice = ["--lang", lang] if lang else []
    rules, tsa = ["--rules", setup[malform]], ["--rules", setup[f"{malform}-tsa"]]
    archive = tmp_path / "arkiv"
    shutil.copytree(setup["archive"], archive)
    outputs: dict[str, str] = {}

    def check(name: str, args: list[object], expect: int = 0) -> None:
        code, out = run(capsys, *args)
        assert code == expect, f"{name}: {out}"
        speaks_only(reader, out)
        outputs[name] = out

    check("verify", [*rules, "verify", archive, "--detaljar", "--trust", dev_pki.root_cert, *voice])
    check("verify-receipt", [*rules, "verify", archive, "--trust", dev_pki.root_cert, "--kvittering",
                             tmp_path / "ingen.txt", *voice], expect=2)
    check("reindex", [*rules, "reindex", archive, *voice])
    check("saker", [*rules, "saker", archive, "--dato", "2026-06-01", *voice])
    check("frister", [*rules, "frister", archive, "--dato", "2026-06-01", *voice])
    check("renew", [*tsa, "forny-tidsstempel", archive, *voice])
    check("noark5", [*rules, "eksport", "noark5", archive, "-o", tmp_path / "uttrekk", *voice])
    check("noark5-again", [*rules, "eksport", "noark5", archive, "-o", tmp_path / "uttrekk", *voice], expect=10)
    check("arkivmelding", [*rules, "eksport", "arkivmelding", archive, "-o", tmp_path / "utboks", *voice])
    check("devcert", [*rules, "dev-cert", tmp_path / "pki", *voice])
    check("devcert-again", [*rules, "dev-cert", tmp_path / "pki", *voice], expect=9)
    everything = "\n".join(outputs.values())
    # The texts are there, not skipped: the målform's own words show in what each command says.
    assert words(everything) & (NYNORSK if reader == "nn" else BOKMAL), everything
    expected = {
        "nn": ["Segl per PAdES-nivå (gjeldande dokument)", "utan arkivtidsstempel (ikkje B-LTA)", "finst alt",
               "Journalen er bygd opp att", "ikkje for bruk i produksjon", "ei lesbar kvitteringsfil"],
        "nb": ["Segl per PAdES-nivå (gjeldende dokumenter)", "uten arkivtidsstempel (ikke B-LTA)", "finnes allerede",
               "Journalen er bygd opp igjen", "ikke for bruk i produksjon", "en lesbar kvitteringsfil"],
    }[reader]
    assert [e for e in expected if e not in everything] == [], everything


def test_validate_lang_after_the_command_wins_over_the_malform(setup: dict[str, Path],
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    forms = [ROOT / "samples" / "invalid" / "missing.yaml", ROOT / "samples" / "warnings" / "child-view-missing.yaml"]
    for malform, lang in (("nn", "nb"), ("nb", "nn")):
        for args in (["--rules", setup[malform], "validate", *forms, "--lang", lang],
                     ["--rules", setup[malform], "--lang", lang, "validate", *forms]):
            code, out = run(capsys, *args)
            assert code == 4, out
            speaks_only(lang, out)
            assert ("Feltet mangler" if lang == "nb" else "Feltet manglar") in out, out
            assert ("advarsel" if lang == "nb" else "åtvaring") in out, out


def test_the_api_takes_the_readers_language(setup: dict[str, Path], dev_pki: DevPki) -> None:
    from bti_docs import api

    settings = api.open_settings(setup["nn"])
    [bad] = api.validate([ROOT / "samples" / "invalid" / "missing.yaml"], settings, lang="nb")
    assert bad.problems and all(not words(p.message) & NYNORSK for p in bad.problems)
    [same] = api.validate([ROOT / "samples" / "invalid" / "missing.yaml"], settings)
    assert any(words(p.message) & NYNORSK for p in same.problems)
    missing = setup["archive"].parent / "finst-ikkje"
    assert "Arkivmappen finnes ikke." in [p.message for p in api.verify(missing, settings, lang="nb")]
    assert "Arkivmappa finst ikkje." in [p.message for p in api.verify(missing, settings)]
    result = api.verify_receipts(missing, settings, (dev_pki.root_cert,), lang="nb")
    assert "Arkivmappen finnes ikke." in [p.message for p in result.problems]
