"""Pydantic's schema errors, told the way staff think about the form.

Pydantic reports each field on its own; several of its reports are one mistake seen from two sides, and some
say less than staff need. Here they are merged and reworded before they become problems:

- an empty field (``sak:`` left blank) says "Feltet er tomt: fyll inn …" with the kind of value wanted;
- a key written with æ, ø, å (``fødselsdato``) or misspelt gets one problem with the right key, instead of
  "Ukjent felt" plus "Feltet manglar" for the key it should have been;
- lines of a block text (after ``|``) that lost their indent, read by YAML as unknown keys, become one problem
  on the block's field: the text must be indented;
- a blank ``barn`` or ``svangerskap`` block left in the form becomes one problem: fill in one of the two;
- lists of allowed values end in "eller", not pydantic's English "or".

Every problem carries the line and column of its field where the loader knew them.
"""

from __future__ import annotations

import difflib
import itertools
import re
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from bti_docs.errors import Problem
from bti_docs.fields import MODEL_CHECK_FIELDS
from bti_docs.forms.yaml_errors import unindented_block_at
from bti_docs.i18n import MESSAGES, Lang, message

Positions = Mapping[str, tuple[int, int]]

_TYPE_TO_CODE = {
    "missing": "missing",
    "extra_forbidden": "extra_forbidden",
    "enum": "enum",
    "literal_error": "enum",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
    "string_type": "string",
    "string_too_short": "string_too_short",
    "string_too_long": "string_too_long",
    "string_pattern_mismatch": "string_pattern_mismatch",
    "too_short": "list_too_short",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "int_type": "int",
    "int_parsing": "int",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
}
# What to fill in, by the kind of value a field wants (the {what} of "empty").
_WHAT = {
    "string": "what_text",
    "string_too_short": "what_text",
    "string_pattern_mismatch": "what_text",
    "date": "what_date",
    "enum": "what_choice",
    "bool": "what_bool",
    "int": "what_int",
    "list": "what_list",
    "list_too_short": "what_list",
    "mapping": "what_mapping",
}
# Top-level fields whose text has a shape of its own.
_WHAT_BY_FIELD = {"sak": "what_case_key", "enhet": "what_slug"}
_CHILD_OR_PREGNANCY = ("barn", "svangerskap")
_NORWEGIAN = re.compile("[æøåÆØÅ]")
# æ, ø, å are written differently in the models' keys (fodselsdato, forstaelse, maaned): try each spelling.
_ASCII_SPELLINGS = {"æ": ("ae", "e"), "ø": ("o", "oe"), "å": ("a", "aa")}
_DID_YOU_MEAN_CUTOFF = 0.75


@dataclass
class _Issue:
    loc: tuple[int | str, ...]
    code: str
    ctx: dict[str, Any]
    input: object
    detail: str
    done: bool = field(default=False)

    @property
    def path(self) -> str:
        return field_path(self.loc)

    @property
    def empty(self) -> bool:
        value = self.input
        return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}

    def under(self, prefix: str) -> bool:
        return bool(self.loc) and self.loc[0] == prefix


def translate(
    name: str,
    errors: Iterable[ErrorDetails],
    lang: Lang,
    *,
    raw: Mapping[str, Any] | None = None,
    positions: Positions | None = None,
    text: str = "",
    model: Any = None,
) -> list[Problem]:
    """Pydantic's errors on one form as problems: merged where they are one mistake, worded for staff.

    ``raw`` is the parsed mapping, ``positions`` the field path → (line, column) index from the loader,
    ``text`` the file's text and ``model`` the form's type (the discriminated union); each is optional and
    only sharpens the messages.
    """
    kind = str(raw.get("skjema")) if raw else None
    issues = [_issue(err, kind) for err in errors]
    pos = positions or {}
    out: list[Problem] = []

    def emit(path: str, code: str, as_code: str | None = None, **ctx: object) -> None:
        """One problem; ``as_code`` is its code when the message is a variant (a did-you-mean is still an
        unknown field to a program reading ``--json``)."""
        line, column = _where(pos, path)
        out.append(Problem(file=name, path=path, code=as_code or code, message=message(code, lang, **ctx),
                           line=line, column=column))

    _blank_child_or_pregnancy(issues, raw or {}, emit)
    _unindented_block_text(issues, pos, text, model, kind, emit)
    _unknown_keys(issues, model, kind, emit, lang)
    seen: set[tuple[str, str]] = set()
    for issue in issues:
        if issue.done:
            continue
        code = issue.code
        ctx = dict(issue.ctx)
        if code == "enum" or "expected" in ctx:
            ctx["expected"] = allowed_values(ctx.get("expected", ""), lang)
        if issue.empty and code in _WHAT:
            what = _WHAT_BY_FIELD.get(issue.path, _WHAT[code]) if len(issue.loc) == 1 else _WHAT[code]
            ctx = {"what": message(what, lang, expected=ctx.get("expected", ""))}
            code = "empty_item" if issue.loc and isinstance(issue.loc[-1], int) else "empty"
        elif code == "invalid" or code not in MESSAGES:
            ctx["detail"] = issue.detail
        path = _checked_field(issue, pos)
        if (path, code) in seen or (path, "empty") in seen:
            continue
        seen.add((path, code))
        emit(path, code, **ctx)
    out.sort(key=lambda p: (p.line is None, p.line or 0))  # in the order of the file; missing fields last
    return out


def _checked_field(issue: _Issue, positions: Positions) -> str:
    """A check over several fields of one model points at the field to fix (``fields.MODEL_CHECK_FIELDS``):
    the first of them the form has, else the first."""
    names = MODEL_CHECK_FIELDS.get(issue.code)
    if not names:
        return issue.path
    paths = [f"{issue.path}.{name}" if issue.path else name for name in names]
    return next((p for p in paths if p in positions), paths[0])


def locate(problems: Iterable[Problem], positions: Positions) -> list[Problem]:
    """Fill in each problem's line and column from its field path (rule problems come without them)."""
    out = []
    for p in problems:
        if p.line is None and p.path:
            line, column = _where(positions, p.path)
            p = replace(p, line=line, column=column)
        out.append(p)
    return out


def field_path(loc: Iterable[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def allowed_values(expected: object, lang: Lang) -> str:
    """Pydantic's "'a', 'b' or 'c'" as «a, b eller c» (the same in nynorsk and bokmål)."""
    del lang  # "eller" in both målformer
    values = [v.strip().strip("'\"") for v in re.split(r",\s*|\s+or\s+", str(expected)) if v.strip()]
    if len(values) < 2:
        return ", ".join(values)
    return ", ".join(values[:-1]) + " eller " + values[-1]


def _issue(err: ErrorDetails, kind: str | None) -> _Issue:
    loc = tuple(err["loc"])
    if loc and kind is not None and loc[0] == kind:
        loc = loc[1:]  # the discriminator's tag
    code = _TYPE_TO_CODE.get(err["type"], err["type"])
    return _Issue(loc, code, dict(err.get("ctx") or {}), err.get("input"), err["msg"])


def _where(positions: Positions, path: str) -> tuple[int | None, int | None]:
    """The field's position, else its nearest enclosing block's (a missing field has no line of its own)."""
    while True:
        if path in positions:
            return positions[path]
        if not path:
            return None, None
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""


def _blank(value: object) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    if isinstance(value, list):
        return all(_blank(v) for v in value)
    return False


def _blank_child_or_pregnancy(issues: list[_Issue], raw: Mapping[str, Any], emit: Any) -> None:
    """The blank form has both a ``barn`` and a ``svangerskap`` block: one left blank is one problem."""
    if not all(key in raw for key in _CHILD_OR_PREGNANCY):
        return
    blank = [key for key in _CHILD_OR_PREGNANCY if _blank(raw[key])]
    affected = [i for i in issues if any(i.under(key) for key in blank)]
    if not blank or not affected:
        return
    for issue in affected:
        issue.done = True
    if len(blank) == 2:
        emit(_CHILD_OR_PREGNANCY[0], "child_or_pregnancy_both_blank", as_code="child_or_pregnancy")
    else:
        emit(blank[0], "child_or_pregnancy_blank", as_code="child_or_pregnancy", blank=blank[0])


def _unindented_block_text(
    issues: list[_Issue], positions: Positions, text: str, model: Any, kind: str | None, emit: Any
) -> None:
    """Unknown keys that are the lines of a ``key: |`` text without indent: one problem on that field."""
    if not text:
        return
    by_line = {line: path for path, (line, _) in positions.items()}
    found: dict[int, tuple[str, str]] = {}
    for issue in issues:
        if issue.code != "extra_forbidden" or issue.done or issue.path not in positions:
            continue
        key = str(issue.loc[-1])
        known = _known_keys(model, kind, issue.loc[:-1])
        if known and _suggest(key, known) is not None:
            continue  # a misspelt key, not a line of text
        block = unindented_block_at(text, positions[issue.path][0])
        if block is None or block[0] not in by_line:
            continue
        issue.done = True
        found[block[0]] = (by_line[block[0]], block[1])
    for line, (path, key) in sorted(found.items()):
        for issue in issues:
            if issue.path == path:
                issue.done = True  # the block's own field, empty because its text went astray
        emit(path, "block_not_indented", key=key, line=line)  # its own code: the field's text went astray


def _unknown_keys(issues: list[_Issue], model: Any, kind: str | None, emit: Any, lang: Lang) -> None:
    """A key with æ, ø, å or a near miss: one problem naming the right key, merged with its "missing"."""
    del lang
    for issue in issues:
        if issue.code != "extra_forbidden" or issue.done:
            continue
        parent, key = issue.loc[:-1], str(issue.loc[-1])
        missing = {str(i.loc[-1]): i for i in issues
                   if i.code == "missing" and not i.done and i.loc[:-1] == parent and i.loc}
        known = _known_keys(model, kind, parent) or set(missing)
        suggestion = _suggest(key, known)
        if _NORWEGIAN.search(key):
            code = "key_not_ascii"
            suggestion = suggestion or _ascii_spellings(key)[0]
        elif suggestion is not None:
            code = "unknown_key_did_you_mean"
        else:
            continue
        issue.done = True
        if suggestion in missing:
            missing[suggestion].done = True
        emit(issue.path, code, as_code="extra_forbidden", suggestion=suggestion)


def _suggest(key: str, known: set[str]) -> str | None:
    if not known:
        return None
    for spelling in _ascii_spellings(key):
        if spelling in known:
            return spelling
    close = difflib.get_close_matches(_ascii_spellings(key)[0], sorted(known), n=1, cutoff=_DID_YOU_MEAN_CUTOFF)
    return close[0] if close else None


def _ascii_spellings(key: str) -> list[str]:
    """``Fødsels dato`` → ``fodsels_dato``, ``foedsels_dato``: the first is the plain spelling."""
    base = re.sub(r"[\s-]+", "_", key.strip().lower())
    parts = [_ASCII_SPELLINGS.get(ch, (ch,)) for ch in base]
    spellings = ["".join(p) for p in itertools.islice(itertools.product(*parts), 64)]
    return spellings or [base]


def _known_keys(model: Any, kind: str | None, loc: tuple[int | str, ...]) -> set[str] | None:
    """The field names the model allows at ``loc`` (None when it cannot tell)."""
    tp = _kind_model(model, kind)
    if tp is None:
        return None
    for part in loc:
        tp = _strip(tp)
        if isinstance(part, int):
            if get_origin(tp) in (list, tuple):
                tp = get_args(tp)[0]
                continue
            return None
        if not (isinstance(tp, type) and issubclass(tp, BaseModel)) or part not in tp.model_fields:
            return None
        tp = tp.model_fields[part].annotation
    tp = _strip(tp)
    return set(tp.model_fields) if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _kind_model(model: Any, kind: str | None) -> Any:
    if model is None:
        return None
    for member in _members(model):
        if isinstance(member, type) and issubclass(member, BaseModel):
            tag = member.model_fields.get("skjema")
            if tag is None:
                return member if kind is None else None
            values = [getattr(v, "value", v) for v in get_args(_strip(tag.annotation))]
            if kind in values:
                return member
    return None


def _members(tp: Any) -> list[Any]:
    if get_origin(tp) is Annotated:
        return _members(get_args(tp)[0])
    if get_origin(tp) in (Union, types.UnionType):
        return [m for arg in get_args(tp) for m in _members(arg)]
    return [tp]


def _strip(tp: Any) -> Any:
    """``Annotated[X, ...]`` and ``X | None`` → ``X``; a Literal stays as it is."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        elif origin is Literal:
            return tp
        else:
            return tp
