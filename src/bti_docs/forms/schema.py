"""JSON Schemas for the BTI forms, generated from the kinds' pydantic models (``bti_docs.kinds``).

The schemas are committed under ``forms/schema/`` so that editors (yaml-language-server) can complete and
check the YAML forms offline: one set per målform (``forms/schema/nn/``, ``forms/schema/nb/``, pointed at by
the blank forms in ``forms/nn/`` and ``forms/nb/``) and the settings file's (``archive_rules.schema.json``).
They are generated, never edited by hand; regenerate them with::

    python -m bti_docs.forms.schema forms/schema

Titles and descriptions that staff see in their editor are Norwegian, in the set's målform (the text catalogue
``bti_docs.text.schema`` and the kinds' own ``schema_title``/``schema_description``); the models' own English
docstrings are replaced where a Norwegian text exists. Output is deterministic: sorted keys, two-space indent,
trailing newline.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bti_docs.config import SettingsFile
from bti_docs.fields import Skjema
from bti_docs.i18n import Lang
from bti_docs.kinds import KINDS
from bti_docs.text.voice import has_text, say

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:bti-docs:skjema:"
REGENERATE_COMMAND = "python -m bti_docs.forms.schema forms/schema"

SCHEMA_LANGS: tuple[Lang, ...] = ("nn", "nb")  # one schema set per målform: forms/schema/nn, forms/schema/nb


def _text(code: str, lang: Lang) -> str | None:
    return say(code, lang) if has_text(code) else None


def _describe_properties(model_name: str, node: dict[str, Any], lang: Lang, *, root: bool) -> None:
    properties: dict[str, Any] = node.get("properties", {})
    for name, prop in properties.items():
        text = _text(f"schema.field.{model_name}.{name}", lang)
        if text is None and root and name in ("enhet", "dato"):
            text = say(f"schema.header.{name}", lang)
        if text is None:
            text = _text(f"schema.field.{name}", lang)
        if text is not None:
            prop["description"] = text


def _schema_for(kind: Skjema, lang: Lang) -> dict[str, Any]:
    model = KINDS[kind].model
    schema: dict[str, Any] = model.model_json_schema()
    schema["$schema"] = SCHEMA_DIALECT
    schema["$id"] = f"{ID_PREFIX}{lang}:{kind.value}"
    schema["title"] = KINDS[kind].schema_title[lang]
    schema["description"] = KINDS[kind].schema_description[lang]
    schema["properties"]["skjema"] = {
        "const": kind.value,
        "description": say("schema.header.skjema", lang, kind=kind.value),
        "title": "Skjema",
        "type": "string",
    }
    _describe_properties(model.__name__, schema, lang, root=True)
    for def_name, definition in schema.get("$defs", {}).items():
        described = _text(f"schema.def.{def_name}", lang)
        if described is not None:
            definition["description"] = described
        _describe_properties(def_name, definition, lang, root=False)
    return schema


def json_schemas(lang: Lang) -> dict[str, dict[str, Any]]:
    """Every form kind's JSON Schema in ``lang``, keyed by the kind (the value of ``skjema``)."""
    return {kind.value: _schema_for(kind, lang) for kind in sorted(KINDS, key=lambda k: k.value)}


def schema_filename(kind: str) -> str:
    return f"{kind}.schema.json"


def schema_path(kind: str, lang: Lang) -> str:
    """Where a kind's schema in ``lang`` lies under forms/schema (and the installed ``bti_docs.schemas``)."""
    return f"{lang}/{schema_filename(kind)}"


def render_schema(schema: dict[str, Any]) -> str:
    """The committed text of a schema: sorted keys, two-space indent, UTF-8, trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


SETTINGS_SCHEMA = "archive_rules"


def settings_schema() -> dict[str, Any]:
    """The schema of ``archive_rules.yaml`` (municipality settings and archive rules), for editors."""
    schema = SettingsFile.model_json_schema()
    schema.update({
        "$schema": SCHEMA_DIALECT,
        "$id": "urn:bti-docs:innstillinger",
        "title": "Innstillinger og arkivregler for bti-docs (archive_rules.yaml)",
        "description": "Kommunens innstillinger (kommune) og reglene for arkivering (arkivering).",
    })
    return schema


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every schema committed under forms/schema, keyed by its path there: the form kinds per målform
    (``nn/<kind>.schema.json``, ``nb/<kind>.schema.json``) and the settings file (``archive_rules.schema.json``)."""
    forms = {schema_path(kind, lang): schema for lang in SCHEMA_LANGS for kind, schema in json_schemas(lang).items()}
    return {**forms, schema_filename(SETTINGS_SCHEMA): settings_schema()}


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema under ``directory`` (see :func:`all_schemas`); return the paths written."""
    written: list[Path] = []
    for name, schema in all_schemas().items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_schema(schema), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1:
        print("usage: python -m bti_docs.forms.schema [DIRECTORY]", file=sys.stderr)
        return 2
    directory = Path(args[0]) if args else Path("forms/schema")
    for path in write_schemas(directory):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
