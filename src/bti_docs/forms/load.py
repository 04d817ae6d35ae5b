"""Read a form file safely and turn it into a model, collecting every problem at once.

The file is untrusted: it is size-limited before it is read, must be UTF-8 text, is parsed with a safe YAML
loader that refuses anchors and aliases (no alias bombs), duplicate keys and runaway nesting, and must hold
exactly one mapping with a known ``skjema``. Schema errors come back as problems with field paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bti_docs.errors import Problem, os_reason
from bti_docs.fields import Skjema
from bti_docs.forms import schema_errors, yaml_errors
from bti_docs.i18n import Lang, message
from bti_docs.kinds import Form, parse_form_data

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20
_KINDS = ", ".join(s.value for s in Skjema)


@dataclass(frozen=True)
class Loaded:
    """A file's outcome: the form when it passed the schema, and every problem found on the way."""

    file: str
    form: Form | None
    problems: list[Problem]
    content: bytes = b""
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # field path → (line, column)


class _Refused(Exception):
    def __init__(self, code: str, line: int, **context: object) -> None:
        super().__init__(code)
        self.code = code
        self.context = {"line": line, **context}


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without aliases, duplicate keys or unbounded nesting."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("yaml_alias", line)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused("yaml_alias", line)
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused("yaml_too_deep", line)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise _Refused("duplicate_key", key_node.start_mark.line + 1, key=key)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Dates are left as text for the models to parse (a bad date is then a field error, not a crash), and
# YAML 1.1's yes/no/on/off booleans are not wanted in free text: only true/false are booleans.
_StrictLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.1 reads 0-prefixed digits as octal: an unquoted id number like 0503... would silently change.
# Only plain decimal integers are integers here; everything else with leading zeros stays text.
_StrictLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:int"]
    for k, v in _StrictLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*))$"), list("-+0123456789")
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_form_bytes(path: Path) -> bytes:
    """Read at most MAX_FILE_BYTES + 1 bytes (a huge file is never read whole)."""
    with path.open("rb") as fh:
        return fh.read(MAX_FILE_BYTES + 1)


def load_form(path: Path, lang: Lang = "nb", display: str | None = None) -> Loaded:
    """Read and parse ``path``; never raises for bad input, returns the problems instead."""
    name = display or str(path)
    try:
        if not path.is_file():
            return Loaded(name, None, [_problem(name, "", "file_missing", lang)])
        data = read_form_bytes(path)
    except OSError as exc:
        return Loaded(name, None, [_problem(name, "", "file_unreadable", lang, reason=os_reason(exc).say(lang))])
    return parse_form(data, name, lang)


def parse_form(data: bytes, name: str, lang: Lang = "nb") -> Loaded:
    """Parse the bytes of one form file."""

    def fail(code: str, path: str = "", at: tuple[int, int] | None = None, **ctx: object) -> Loaded:
        """A problem that stops the reading: of the whole file (``path`` ''), at line ``at`` where known."""
        problem = _problem(name, path, code, lang, **ctx)
        if at is not None:
            problem = replace(problem, line=at[0], column=at[1])
        return Loaded(name, None, [problem], data)

    if len(data) > MAX_FILE_BYTES:
        return fail("file_too_large", size=f"> {MAX_FILE_BYTES}", limit=MAX_FILE_BYTES)
    if b"\x00" in data:
        return fail("binary_file", at=_byte_position(data, data.index(b"\x00")))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return fail("not_utf8", at=_byte_position(data, exc.start), position=exc.start)
    if not text.strip():
        return fail("empty_file")
    try:
        docs, positions, starts = load_documents(text)
    except _Refused as exc:
        line = exc.context["line"]
        refused = _problem(name, "", exc.code, lang, **exc.context)
        return Loaded(name, None, [replace(refused, line=line if isinstance(line, int) and line > 0 else None)], data)
    except (yaml.YAMLError, ValueError, TypeError) as exc:  # a control character, an unhashable key...
        return Loaded(name, None, [syntax_problem(name, exc, text, lang)], data)
    starts = [line for d, line in zip(docs, starts, strict=True) if d is not None]
    docs = [d for d in docs if d is not None]
    if len(docs) > 1:
        return fail("multiple_documents", at=(starts[1], 1))
    if not docs:
        return fail("empty_file")
    raw = docs[0]
    if not isinstance(raw, dict):
        return fail("not_a_mapping", at=(starts[0], 1), found=type(raw).__name__)
    kind = raw.get("skjema")
    if kind is None:
        return fail("missing_form_kind", "skjema", kinds=_KINDS)
    if kind not in {s.value for s in Skjema}:
        return fail("unknown_form_kind", "skjema", positions.get("skjema"), found=str(kind)[:60], kinds=_KINDS)
    if _flags_violence_or_abuse(raw.get("mistanke_vold_overgrep", False)):
        # Refused before anything else is said: a form with other faults must not invite staff to fix it
        # and carry on down the BTI path.
        return fail("case_violence_abuse", "mistanke_vold_overgrep", positions.get("mistanke_vold_overgrep"))
    raw = _normalise(raw)
    try:
        form = parse_form_data(raw)
    except ValidationError as exc:
        problems = schema_problems(name, exc.errors(), lang, raw=raw, positions=positions, text=text)
        return Loaded(name, None, list(problems), data)
    return Loaded(name, form, [], data, positions)


_CLEARLY_NO = frozenset({"false", "nei", "no", "0", ""})


def _flags_violence_or_abuse(value: object) -> bool:
    """Anything but a clear no counts as suspicion (``ja``, ``yes``, ``1``, a typo...): refuse rather than guess."""
    if value is None or value is False:
        return False
    if isinstance(value, str):
        return value.strip().lower() not in _CLEARLY_NO
    return not (isinstance(value, int) and value == 0)


def _normalise(raw: dict[str, Any]) -> dict[str, Any]:
    """An id number written without quotes arrives as an int; its digits are the same, so take them."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            value = _normalise(value)
        elif key == "fodselsnummer" and isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:011d}"
        out[key] = value
    return out


def load_documents(text: str) -> tuple[list[Any], dict[str, tuple[int, int]], list[int]]:
    """Every YAML document in ``text``, for the first each field path's (line, column), and the line each
    document starts on (1-based)."""
    loader = _StrictLoader(text)
    docs: list[Any] = []
    starts: list[int] = []
    positions: dict[str, tuple[int, int]] = {}
    try:
        while loader.check_node():
            node = loader.get_node()
            if not docs and node is not None:
                _index_positions(node, "", positions)
            starts.append(node.start_mark.line + 1 if node is not None else 0)
            docs.append(loader.construct_document(node))
    finally:
        loader.dispose()
    return docs, positions, starts


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """The (line, column) of byte ``offset`` in ``data``, 1-based (the column counted in bytes)."""
    before = data[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def _index_positions(node: yaml.Node, path: str, out: dict[str, tuple[int, int]]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = f"{path}.{key.value}" if path else str(key.value)
            out.setdefault(child, (key.start_mark.line + 1, key.start_mark.column + 1))
            _index_positions(value, child, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            child = f"{path}[{i}]"
            out.setdefault(child, (item.start_mark.line + 1, item.start_mark.column + 1))
            _index_positions(item, child, out)


def syntax_problem(name: str, exc: BaseException, text: str, lang: Lang) -> Problem:
    """A YAML syntax error in Norwegian: where, the line as written, what is wrong and what to do."""
    found = yaml_errors.explain(exc, text)
    where = ""
    if found.line is not None and found.excerpt:
        at = "yaml_at_line_column" if found.column is not None else "yaml_at_line"
        where = message(at, lang, line=found.line, column=found.column, excerpt=found.excerpt) + " "
    text_ = where + message(found.kind, lang, **found.context)
    return Problem(file=name, path="", code="yaml_syntax", message=text_, line=found.line, column=found.column)


def schema_problems(
    name: str,
    errors: Iterable[ErrorDetails],
    lang: Lang,
    *,
    raw: dict[str, Any] | None = None,
    positions: dict[str, tuple[int, int]] | None = None,
    text: str = "",
) -> Iterable[Problem]:
    """Turn pydantic's errors into problems with a field path, a Norwegian message and a position."""
    return schema_errors.translate(name, errors, lang, raw=raw, positions=positions, text=text, model=Form)


def locate(problems: Iterable[Problem], positions: dict[str, tuple[int, int]]) -> list[Problem]:
    """The problems with the line and column of their field (or its block) where the loader knew them."""
    return schema_errors.locate(problems, positions)


def _problem(file: str, path: str, code: str, lang: Lang, **ctx: object) -> Problem:
    return Problem(file=file, path=path, code=code, message=message(code, lang, **ctx))

