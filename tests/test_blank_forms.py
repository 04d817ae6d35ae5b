"""Issue 14: blank forms in both målformer, generated from the kinds (forms/nn, forms/nb), and `bti-docs skjema`
with a `$schema` reference that still works after the form is copied elsewhere."""

from __future__ import annotations

import io
import json
from pathlib import Path
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
    assert text == blank_form(kind, lang, f"../schema/{schema_filename(kind)}"), (
        f"{path} is out of date: python -m bti_docs.web.blank forms")
    ref = text.splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    assert (path.parent / ref).resolve() == (ROOT / "forms" / "schema" / schema_filename(kind)).resolve()
    data = yaml.safe_load(text)
    assert isinstance(data, dict) and data["skjema"] == kind
    schema = json_schemas()[kind]
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
    assert json.loads(schema_path.read_text(encoding="utf-8")) == json_schemas()["stafettlogg"]
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
