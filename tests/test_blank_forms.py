"""Issue 14: blank forms in both målformer, generated from the kinds (forms/nn, forms/nb), and `bti-docs skjema`
with a `$schema` reference that still works after the form is copied elsewhere."""

from __future__ import annotations

import io
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest
import yaml

from bti_docs.cli import main
from bti_docs.errors import ExitCode
from bti_docs.fields import Skjema
from bti_docs.forms.schema import json_schemas, schema_filename
from bti_docs.web.blank import LANGS, blank_form
from test_schema import _data_paths, _schema_paths, _unknown_keys

ROOT = Path(__file__).resolve().parents[1]
KINDS = [s.value for s in Skjema]
NYNORSK, BOKMAL = ("Skjematypen. Skal ikkje endrast.", "Skjematypen. Skal ikke endres.")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_blank_form_in_each_malform(kind: str, lang: str) -> None:
    path = ROOT / "forms" / lang / f"{kind}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text == blank_form(kind, lang, f"../schema/{lang}/{schema_filename(kind)}"), (
        f"{path} is out of date: python -m bti_docs.web.blank forms")
    ref = text.splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    assert (path.parent / ref).resolve() == (ROOT / "forms" / "schema" / lang / schema_filename(kind)).resolve()
    data = yaml.safe_load(text)
    assert isinstance(data, dict) and data["skjema"] == kind
    schema = json_schemas(lang)[kind]
    assert set(data) == set(schema["properties"])  # every top-level key, nothing else
    assert _unknown_keys(data, schema, schema, kind) == []
    assert not _schema_paths(schema, schema, kind) - _data_paths(data, kind)  # every nested key shown
    assert (NYNORSK if lang == "nn" else BOKMAL) in text
    assert (BOKMAL if lang == "nn" else NYNORSK) not in text


@pytest.mark.parametrize("lang", LANGS)
def test_blank_forms_as_they_are_give_readable_messages(lang: str) -> None:
    forms = sorted((ROOT / "forms" / lang).glob("*.yaml"))
    out = io.StringIO()
    assert main(["--rules", str(ROOT / "archive_rules.yaml"), "validate", *map(str, forms)],
                stdout=out) == ExitCode.invalid_form
    text = out.getvalue()
    assert "Ukjent felt" not in text and "skal vere tekst" not in text and "Traceback" not in text


def test_skjema_prints_a_blank_form_whose_schema_works_after_copying(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["skjema", "stafettlogg", "--lang", "nn"], stdout=out) == 0
    text = out.getvalue()
    first = text.splitlines()[0]
    uri = first.removeprefix("# yaml-language-server: $schema=")
    assert uri.startswith("file:///")
    schema_path = Path(url2pathname(urlparse(uri).path))
    assert schema_path.is_absolute() and schema_path.is_file()
    assert json.loads(schema_path.read_text(encoding="utf-8")) == json_schemas("nn")["stafettlogg"]
    copy = tmp_path / "ein" / "annan" / "stad" / "logg.yaml"  # copied anywhere: the reference still resolves
    copy.parent.mkdir(parents=True)
    copy.write_text(text, encoding="utf-8")
    assert yaml.safe_load(copy.read_text(encoding="utf-8"))["skjema"] == "stafettlogg"
    assert text == blank_form("stafettlogg", "nn", uri)
    out = io.StringIO()
    assert main(["skjema", "--skjema-fil", "stafettlogg"], stdout=out) == 0
    assert Path(out.getvalue().strip()) == schema_path
    out = io.StringIO()
    assert main(["skjema", "samtykke", "--lang", "nb"], stdout=out) == 0 and BOKMAL in out.getvalue()
    assert main(["skjema", "finst_ikkje"], stdout=io.StringIO()) == ExitCode.bad_args


@pytest.mark.parametrize("lang", LANGS)
def test_skjema_points_at_the_schema_in_its_own_malform(lang: str) -> None:
    """A nynorsk form's editor shows nynorsk descriptions, a bokmål form's bokmål: `skjema --lang` and the
    blank form in forms/<lang>/ name that målform's schema, and the file named is that målform's."""
    out = io.StringIO()
    assert main(["skjema", "samtykke", "--lang", lang], stdout=out) == 0
    uri = out.getvalue().splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    schema_path = Path(url2pathname(urlparse(uri).path))
    assert schema_path.parent.name == lang and schema_path.is_file()
    out = io.StringIO()
    assert main(["skjema", "samtykke", "--lang", lang, "--skjema-fil"], stdout=out) == 0
    assert Path(out.getvalue().strip()) == schema_path
    blank = ROOT / "forms" / lang / "samtykke.yaml"
    ref = blank.read_text(encoding="utf-8").splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    assert (blank.parent / ref).resolve() == schema_path.resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert schema == json_schemas(lang)["samtykke"]
    said = {"nn": "Samtykke blir gitt til tenester, ikkje til namngitte tilsette.",
            "nb": "Samtykke gis til tjenester, ikke til navngitte ansatte."}
    assert said[lang] in schema["description"]
    assert said["nb" if lang == "nn" else "nn"] not in json.dumps(schema, ensure_ascii=False)


# --- a blank form from `bti-docs skjema`, copied anywhere and filled in, validates --------------------------


def _sample_of(kind: str) -> dict[str, Any]:
    """The first valid sample of ``kind`` in samples/, as plain YAML data."""
    for path in sorted((ROOT / "samples").rglob("*.yaml")):
        if "invalid" in path.parts or "warnings" in path.parts:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("skjema") == kind and not data.get("mistanke_vold_overgrep"):
            return data
    raise AssertionError(f"no valid sample of {kind}")


def _fill(blank: Any, sample: Any, where: str) -> Any:
    """Fill the blank form's values in from ``sample`` as staff would: every key the sample uses must be in the
    blank (at the same place), an optional field the sample leaves out stays as the blank has it (empty,
    ``false``, ``[]``), and a block or list the sample does not use is deleted (the other of barn/svangerskap)."""
    if not isinstance(blank, dict):
        return sample
    assert isinstance(sample, dict), where
    assert set(sample) <= set(blank), f"the blank form lacks {sorted(set(sample) - set(blank))} at {where}"
    filled: dict[str, Any] = {}
    for key, empty in blank.items():
        if key in sample:
            value = sample[key]
            if isinstance(empty, list) and empty and isinstance(value, list):  # a list with a «-» block
                filled[key] = [_fill(empty[0], item, f"{where}.{key}[]") for item in value]
            else:
                filled[key] = _fill(empty, value, f"{where}.{key}")
        elif not isinstance(empty, dict) and not (isinstance(empty, list) and empty):
            filled[key] = empty
    return filled


def _filled_form(blank_text: str, sample: dict[str, Any]) -> str:
    """The blank form's header (its $schema line and the how-to) above the filled-in values."""
    header = []
    for line in blank_text.splitlines():
        if line and not line.startswith("#"):
            break
        header.append(line)
    filled = _fill(yaml.safe_load(blank_text), sample, sample["skjema"])
    return "\n".join(header) + "\n" + yaml.safe_dump(filled, allow_unicode=True, sort_keys=False, width=10_000)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_blank_form_from_skjema_filled_in_elsewhere_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, lang: str
) -> None:
    monkeypatch.chdir(tmp_path)  # outside the checkout: no forms/ and no schema folder beside the copy
    out = io.StringIO()
    assert main(["skjema", kind, "--lang", lang], stdout=out) == 0
    form = tmp_path / "x.yaml"
    form.write_text(_filled_form(out.getvalue(), _sample_of(kind)), encoding="utf-8")
    # the editor's reference still resolves from here, and the filled form passes the schema it names
    jsonschema = pytest.importorskip("jsonschema")
    ref = form.read_text(encoding="utf-8").splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    schema = json.loads(Path(url2pathname(urlparse(ref).path)).read_text(encoding="utf-8"))
    data = json.loads(json.dumps(yaml.safe_load(form.read_text(encoding="utf-8")), default=str))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(data)] == []
    out = io.StringIO()
    code = main(["--rules", str(ROOT / "archive_rules.yaml"), "validate", "x.yaml"], stdout=out)
    assert code == 0, out.getvalue()
    assert out.getvalue().startswith("OK   x.yaml")


def test_skjema_redirected_to_a_file_in_a_shell_then_filled_in_validates(tmp_path: Path) -> None:
    """The real commands as README gives them: `bti-docs skjema KIND > x.yaml`, fill in, `bti-docs validate`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BTI_DOCS_")}
    cli = [sys.executable, "-m", "bti_docs"]
    subprocess.run(f"{shlex.join([*cli, 'skjema', 'overgangsskjema', '--lang', 'nb'])} > x.yaml", shell=True,
                   cwd=tmp_path, env=env, check=True, timeout=120)
    form = tmp_path / "x.yaml"
    assert BOKMAL in form.read_text(encoding="utf-8")
    form.write_text(_filled_form(form.read_text(encoding="utf-8"), _sample_of("overgangsskjema")), encoding="utf-8")
    done = subprocess.run([*cli, "--rules", str(ROOT / "archive_rules.yaml"), "validate", "x.yaml"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_validate_names_the_form_in_the_readers_malform_or_the_command_outside_a_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    import bti_docs.cli

    form = tmp_path / "x.yaml"
    form.write_text("skjema: avslutning\nukjent: 1\n", encoding="utf-8")
    rules = ["--rules", str(ROOT / "archive_rules.yaml"), "--lang", lang, "validate", str(form)]
    out = io.StringIO()
    assert main(rules, stdout=out) == ExitCode.invalid_form
    hint = next(line for line in out.getvalue().splitlines() if "Malen for skjemaet" in line)
    assert hint.endswith(str(Path("forms") / lang / "avslutning.yaml")), hint
    monkeypatch.setattr(bti_docs.cli, "CHECKOUT", tmp_path / "installed")  # no forms/ at hand
    out = io.StringIO()
    assert main(rules, stdout=out) == ExitCode.invalid_form
    assert "Malen for skjemaet får du med: bti-docs skjema avslutning > avslutning.yaml" in out.getvalue()


def _values(data: Any, path: str) -> list[Any]:
    """The values at ``path`` (``foresatte[].deltar``) in a parsed form: one per list item."""
    found = [data]
    for part in path.split("."):
        key, many = part.removesuffix("[]"), part.endswith("[]")
        found = [d.get(key) for d in found if isinstance(d, dict)]
        if many:
            found = [item for d in found for item in (d or [])]
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_yes_no_field_is_written_with_the_models_default(kind: str, lang: str) -> None:
    """A blank form left as it is says what the model would say: ``foresatte[].deltar: true``, not false."""
    from bti_docs.web.formgen import build_form, walk_leaves

    data = yaml.safe_load((ROOT / "forms" / lang / f"{kind}.yaml").read_text(encoding="utf-8"))
    bools = [(path, leaf.default) for path, leaf in walk_leaves(build_form(kind, lang).fields) if leaf.widget == "bool"]
    for path, default in bools:
        values = _values(data, path)
        assert values and all(v is default for v in values), (path, values, default)
    if kind == "stafettlogg":
        assert ("foresatte[].deltar", True) in bools and _values(data, "foresatte[].deltar") == [True]


@pytest.mark.parametrize("lang", LANGS)
def test_the_consent_form_carries_its_guidance_in_the_malform(lang: str) -> None:
    """What the old hand-written form said about consent, as comments on the fields it concerns: who gives
    it, written or oral, the evidence of a signature, where a paper original is kept."""
    lines = {line.split(":", 1)[0].strip(" -"): line for line in
             (ROOT / "forms" / lang / "samtykke.yaml").read_text(encoding="utf-8").splitlines() if "#" in line}
    expected = {
        "nn": {"gitt_av": "Dei føresette samtykkjer; frå 15 år", "avgitt_form": "skal vere skriftleg; munnleg berre",
               "signert_dato": "Påkravd når samtykket er skriftleg", "referanse": "Påkravd ved digital signering",
               "original_oppbevart": "Påkravd når nokon skreiv under på papir",
               "tjenester": "Samtykke blir gitt til tenester, ikkje til personar"},
        "nb": {"gitt_av": "De foresatte samtykker; fra 15 år", "avgitt_form": "skal være skriftlig; muntlig bare",
               "signert_dato": "Påkrevd når samtykket er skriftlig", "referanse": "Påkrevd ved digital signering",
               "original_oppbevart": "Påkrevd når noen skrev under på papir",
               "tjenester": "Samtykke gis til tjenester, ikke til personer"},
    }[lang]
    assert {key: text for key, text in expected.items() if text not in lines.get(key, "")} == {}
