"""The committed JSON Schemas, the blank forms in ``forms/nn/`` and ``forms/nb/`` and the samples in ``samples/``
agree with the models.

- ``forms/schema/{nn,nb}/*.schema.json`` and ``forms/schema/archive_rules.schema.json`` are exactly what
  ``bti_docs.forms.schema`` generates (the drift test), and each målform's set speaks that målform only;
- every blank form parses as YAML, names only fields the model knows, and shows every field the model has;
- every valid sample (everything in ``samples/`` except ``samples/invalid/``) validates against its JSON Schema
  (with ``jsonschema``) and against the pydantic models;
- the invalid samples name their expected problem, and those whose problem is a model error raise exactly it;
- every fødselsnummer-like number in samples and forms is a synthetic one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from bti_docs.forms.schema import (
    REGENERATE_COMMAND,
    all_schemas,
    json_schemas,
    render_schema,
    schema_filename,
    settings_schema,
)
from bti_docs.kinds import KINDS as REGISTRY
from bti_docs.kinds import Form

REPO = Path(__file__).resolve().parents[1]
FORMS = REPO / "forms"
SCHEMA_DIR = FORMS / "schema"
SAMPLES = REPO / "samples"
INVALID = SAMPLES / "invalid"

KINDS = sorted(kind.value for kind in REGISTRY)
VALID_SAMPLES = sorted(p for p in SAMPLES.rglob("*.yaml") if INVALID not in p.parents)
INVALID_SAMPLES = sorted(INVALID.glob("*.yaml"))
WITH_EXPECTATION = sorted([*INVALID_SAMPLES, *(SAMPLES / "warnings").glob("*.yaml")])

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$", re.MULTILINE)
EXPECTED = re.compile(r"^# forventet: (?P<codes>[a-z0-9_]+(?:, ?[a-z0-9_]+)*)$")
# Problems the pydantic models report themselves (error types), as opposed to the loader and the rules.
MODEL_CODES = {
    "extra_forbidden",
    "missing",
    "enum",
    "child_or_pregnancy",
    "valid_to_before_valid_from",
    "case_key_looks_like_id",
    "summary_required",
}
FORM_ADAPTER: TypeAdapter[Any] = TypeAdapter(Form)


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _jsonable(value: Any) -> Any:
    """YAML gives dates as ``datetime.date``; JSON Schema sees them as ISO strings, as editors do."""
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _expected_codes(path: Path) -> list[str]:
    first_line = path.read_bytes().split(b"\n", 1)[0].decode("ascii")
    match = EXPECTED.match(first_line)
    assert match, f"{_rel(path)}: the first line must be '# forventet: <code>[, <code>...]'"
    return [code.strip() for code in match["codes"].split(",")]


# --- schema drift ------------------------------------------------------------------------------------


def test_committed_schemas_match_the_models() -> None:
    generated = {name: render_schema(schema) for name, schema in all_schemas().items()}
    committed = {path.relative_to(SCHEMA_DIR).as_posix(): path.read_text(encoding="utf-8")
                 for path in SCHEMA_DIR.rglob("*.schema.json")}
    assert {"nn/stafettlogg.schema.json", "nb/stafettlogg.schema.json", "archive_rules.schema.json"} <= set(generated)
    stale = sorted(name for name in committed if name not in generated)
    drifted = sorted(name for name in generated if committed.get(name) != generated[name])
    assert not stale and not drifted, (
        f"forms/schema/ is out of date with the models in bti_docs.kinds (changed or missing: {drifted}; "
        f"not generated any more: {stale}). Regenerate with: {REGENERATE_COMMAND}"
    )


def test_schemas_are_deterministic() -> None:
    for lang in ("nn", "nb"):
        first = {kind: render_schema(schema) for kind, schema in json_schemas(lang).items()}
        second = {kind: render_schema(schema) for kind, schema in json_schemas(lang).items()}
        assert first == second
        assert sorted(first) == KINDS
        for text in first.values():
            assert text.endswith("}\n")


def _texts(node: Any) -> list[str]:
    """Every description in a schema: what staff read in their editor. (A property's or model's ``title`` is
    pydantic's echo of its key or class name, e.g. «Fornavn»: the same key in both målformer, not a text.)"""
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    if not isinstance(node, dict):
        return []
    own = [node["description"]] if isinstance(node.get("description"), str) else []
    return own + [t for k, v in node.items() if k != "description" for t in _texts(v)]


@pytest.mark.parametrize("lang", ["nn", "nb"])
def test_each_malforms_schemas_speak_that_malform_only(lang: str) -> None:
    """The committed schemas a blank form in forms/<lang>/ points at: every description in that målform, the
    models' English docstrings replaced, nothing of the other målform."""
    from test_voice import BOKMAL, NYNORSK, words

    own, other = (NYNORSK, BOKMAL) if lang == "nn" else (BOKMAL, NYNORSK)
    seen: set[str] = set()
    for kind in KINDS:
        schema = json.loads((SCHEMA_DIR / lang / schema_filename(kind)).read_text(encoding="utf-8"))
        for text in [schema["title"], *_texts(schema)]:
            assert not words(text) & other, f"{lang}/{kind}: {text!r}"
            assert not words(text) & {"the", "a", "of", "and", "is", "with"}, f"{lang}/{kind}: English: {text!r}"
            seen |= words(text)
    assert seen & own
    description = json.loads((SCHEMA_DIR / lang / "stafettlogg.schema.json").read_text(encoding="utf-8"))
    assert description["properties"]["stafettholdere"]["description"] == {
        "nn": "Stafetthaldarar, også tidlegare (med til_dato). Normalt éin gjeldande.",
        "nb": "Stafettholdere, også tidligere (med til_dato). Normalt én gjeldende.",
    }[lang]


@pytest.mark.parametrize("kind", KINDS)
def test_schema_names_its_kind_as_const(kind: str) -> None:
    schema = json_schemas("nn")[kind]
    assert schema["properties"]["skjema"]["const"] == kind
    assert "skjema" in schema["required"]
    assert schema["additionalProperties"] is False
    assert schema["$id"].endswith(kind)


def test_schemas_are_valid_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    for schema in [*json_schemas("nn").values(), *json_schemas("nb").values()]:
        jsonschema.Draft202012Validator.check_schema(schema)


# --- blank forms -------------------------------------------------------------------------------------


def _branches(schema: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives a schema node allows, with ``$ref`` resolved and ``anyOf`` flattened."""
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        return [branch for option in schema["anyOf"] for branch in _branches(option, root)]
    return [schema]


def _unknown_keys(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str) -> list[str]:
    branches = _branches(schema, root)
    if isinstance(value, dict):
        objects = [b for b in branches if b.get("type") == "object"]
        if not objects:
            return [f"{where}: the model has no mapping here"]
        problems: list[str] = []
        for key, item in value.items():
            owner = next((b for b in objects if key in b.get("properties", {})), None)
            if owner is None:
                problems.append(f"{where}.{key}")
            else:
                problems += _unknown_keys(item, owner["properties"][key], root, f"{where}.{key}")
        return problems
    if isinstance(value, list):
        arrays = [b for b in branches if b.get("type") == "array"]
        if not arrays:
            return [f"{where}: the model has no list here"]
        return [p for item in value for p in _unknown_keys(item, arrays[0]["items"], root, f"{where}[]")]
    return []


def _schema_paths(schema: dict[str, Any], root: dict[str, Any], where: str) -> set[str]:
    paths: set[str] = set()
    for branch in _branches(schema, root):
        for key, sub in branch.get("properties", {}).items():
            paths.add(f"{where}.{key}")
            paths |= _schema_paths(sub, root, f"{where}.{key}")
        if branch.get("type") == "array":
            paths |= _schema_paths(branch["items"], root, f"{where}[]")
    return paths


def _data_paths(value: Any, where: str) -> set[str]:
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            paths.add(f"{where}.{key}")
            paths |= _data_paths(item, f"{where}.{key}")
    elif isinstance(value, list):
        for item in value:
            paths |= _data_paths(item, f"{where}[]")
    return paths


@pytest.mark.parametrize("lang", ["nn", "nb"])
@pytest.mark.parametrize("kind", KINDS)
def test_blank_form_exists_with_modeline(kind: str, lang: str) -> None:
    path = FORMS / lang / f"{kind}.yaml"
    assert path.is_file(), f"missing blank form {_rel(path)}"
    first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line == f"# yaml-language-server: $schema=../schema/{lang}/{schema_filename(kind)}"


@pytest.mark.parametrize("lang", ["nn", "nb"])
@pytest.mark.parametrize("kind", KINDS)
def test_blank_form_names_only_known_fields(kind: str, lang: str) -> None:
    data = _load(FORMS / lang / f"{kind}.yaml")
    assert isinstance(data, dict)
    assert data["skjema"] == kind
    schema = json_schemas(lang)[kind]
    assert _unknown_keys(data, schema, schema, kind) == []


@pytest.mark.parametrize("lang", ["nn", "nb"])
@pytest.mark.parametrize("kind", KINDS)
def test_blank_form_shows_every_field(kind: str, lang: str) -> None:
    schema = json_schemas(lang)[kind]
    missing = _schema_paths(schema, schema, kind) - _data_paths(_load(FORMS / lang / f"{kind}.yaml"), kind)
    assert not missing, f"forms/{lang}/{kind}.yaml does not show: {sorted(missing)}"


# --- valid samples -----------------------------------------------------------------------------------


def test_there_are_samples() -> None:
    assert len(VALID_SAMPLES) >= 10
    assert len(INVALID_SAMPLES) >= 20


@pytest.mark.parametrize("path", VALID_SAMPLES, ids=_rel)
def test_sample_modeline_points_to_its_schema(path: Path) -> None:
    data = _load(path)
    match = MODELINE.search(path.read_text(encoding="utf-8"))
    assert match, f"{_rel(path)} has no yaml-language-server modeline"
    target = (path.parent / match["path"]).resolve()
    lang = data.get("malform") or "nn"  # the sample municipality writes nynorsk
    assert target == (SCHEMA_DIR / lang / schema_filename(data["skjema"])).resolve()
    assert target.is_file()


@pytest.mark.parametrize("path", VALID_SAMPLES, ids=_rel)
def test_sample_validates_against_json_schema(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = _load(path)
    validator = jsonschema.Draft202012Validator(
        json_schemas(data.get("malform") or "nn")[data["skjema"]], format_checker=jsonschema.FormatChecker()
    )
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(_jsonable(data))]
    assert errors == []


@pytest.mark.parametrize("path", VALID_SAMPLES, ids=_rel)
def test_sample_validates_against_model(path: Path) -> None:
    form = FORM_ADAPTER.validate_python(_load(path))
    assert form.skjema == _load(path)["skjema"]


# --- invalid samples ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", WITH_EXPECTATION, ids=_rel)
def test_sample_names_its_expected_problem(path: Path) -> None:
    assert _expected_codes(path)


@pytest.mark.parametrize("path", [p for p in INVALID_SAMPLES if set(_expected_codes(p)) <= MODEL_CODES], ids=_rel)
def test_model_error_samples_fail_with_exactly_their_code(path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        FORM_ADAPTER.validate_python(_load(path))
    assert {error["type"] for error in caught.value.errors()} == set(_expected_codes(path))


# --- synthetic id numbers only -----------------------------------------------------------------------


def test_every_id_number_in_samples_and_forms_is_synthetic() -> None:
    """Test data may only hold synthetic fødselsnummer: month + 80 (Skatteetaten's synthetic numbers)."""
    offenders: list[str] = []
    for path in [*SAMPLES.rglob("*.yaml"), *FORMS.rglob("*.yaml")]:
        text = path.read_bytes().decode("utf-8", errors="replace")
        for number in re.findall(r"(?<!\d)\d{11}(?!\d)", text):
            if not 81 <= int(number[2:4]) <= 92:
                offenders.append(f"{_rel(path)}: ...{number[-2:]}")
    assert offenders == []


def test_schema_files_are_json() -> None:
    for path in SCHEMA_DIR.rglob("*.schema.json"):
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


def test_settings_files_validate_against_the_settings_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = settings_schema()
    root = Path(__file__).resolve().parents[1]
    for path in [root / "archive_rules.yaml", *sorted((root / "tests/data").glob("rules-*.yaml"))]:
        jsonschema.validate(_jsonable(_load(path)), schema)
    assert (root / "archive_rules.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=forms/schema/archive_rules.schema.json"
    )
