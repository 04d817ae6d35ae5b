"""PyYAML's syntax errors, told in Norwegian: what is wrong, where (line, column, the line itself) and what to do.

PyYAML reports the symptom where its scanner or parser stopped ("mapping values are not allowed here"); staff
need the cause. Each error is sorted into a *kind* (an ``i18n`` message code) by its problem text and by a look
at the lines around the mark: a colon inside a value, a tab in the indent, a quote never closed, a line without
its colon, a block text after ``|`` that is not indented under its field, and so on. Anything not recognised
gets a generic Norwegian sentence; PyYAML's English never reaches staff.

The quoted line may hold a name: it is for the person who wrote the file (``validate`` output, the
``rejected/`` report), never for log lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

MAX_EXCERPT = 72
TAB_SHOWN_AS = "→"
CONTROL_SHOWN_AS = "\ufffd"  # a control character is not printed as it is
# ``key: |`` (or ``>``, with chomping/indent indicators and a trailing comment): a block text header.
_BLOCK_HEADER = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[^\s#:][^:#]*?) *: +[|>][-+0-9]*\s*(?:#.*)?$")
_KEY_VALUE = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[^\s#:'\"][^:#]*?) *:(?: +(?P<value>\S.*))?\s*$")
# Flow punctuation met where a value or key was expected: a stray character.
_STRAY = frozenset("[]{},")
# How far (in lines) a block text that lost its indent is followed before the pattern is given up.
_BLOCK_RUN = 40


@dataclass(frozen=True)
class SyntaxFinding:
    """One YAML syntax error: the message code of its kind, where it is (1-based) and the message's fields."""

    kind: str
    line: int | None
    column: int | None
    excerpt: str = ""
    context: dict[str, object] = field(default_factory=dict)


def explain(exc: BaseException, text: str) -> SyntaxFinding:
    """Sort a loader exception into a kind, with its position and the quoted line."""
    lines = text.splitlines()
    if isinstance(exc, yaml.reader.ReaderError):
        at_line, at_column = _position(text, exc.position)
        char = exc.character
        code = f"U+{char:04X}" if isinstance(char, int) else f"U+{ord(char):04X}" if isinstance(char, str) else "?"
        return _finding("yaml_control_char", lines, at_line, at_column, char_code=code)
    if isinstance(exc, TypeError):  # an unhashable key: ``? [a, b]`` or ``[a, b]: c``
        return SyntaxFinding("yaml_complex_key", None, None)
    if not isinstance(exc, yaml.MarkedYAMLError):
        return SyntaxFinding("yaml_syntax", None, None)
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark
    start = exc.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    ctx_line = start.line + 1 if start else None
    ctx_column = start.column + 1 if start else None

    if "'\\t'" in problem or "tab" in problem:  # before the block check: text indented with a tab is a tab
        return _finding("yaml_tab", lines, line, column)
    block = _unindented_block(lines, ctx_line if "simple key" in context and ctx_line else line)
    if block is not None:
        key_line, key = block
        return _finding("yaml_block_not_indented", lines, key_line, None, key=key)
    if problem.startswith("mapping values are not allowed"):
        return _mapping_value(lines, line, column)
    if "could not find expected ':'" in problem:
        return _missing_colon(lines, ctx_line or line)
    if "quoted scalar" in context and "end of stream" in problem:
        return _finding("yaml_unclosed_quote", lines, ctx_line, ctx_column)
    if "quoted scalar" in context and "unknown escape" in problem:
        return _finding("yaml_bad_escape", lines, line, column)
    if "quoted scalar" in context:  # a document marker or a bad line break inside the quotes
        return _finding("yaml_unclosed_quote", lines, ctx_line, ctx_column)
    if "block scalar" in context:
        return _finding("yaml_block_header", lines, ctx_line or line, ctx_column or column,
                        char=_char_at(lines, ctx_line, ctx_column) if ctx_line else "|")
    if "flow sequence" in context or "flow mapping" in context:
        return _finding("yaml_unclosed_bracket", lines, ctx_line, ctx_column)
    special = ("an alias", "an anchor", "a tag", "a directive")
    if any(w in context for w in special) or "cannot start any token" in problem or "constructor" in problem:
        if ctx_line is not None and "token" not in context:
            line, column = ctx_line, ctx_column
        return _finding("yaml_special_start", lines, line, column, char=_char_at(lines, line, column))
    if problem.startswith("sequence entries are not allowed"):
        return _finding("yaml_dash_in_value", lines, line, column)
    if "<document start>" in problem:
        return _finding("yaml_after_end", lines, line, column)
    if problem.startswith("expected <block end>"):
        opened = _quote_opened_above(text, line, column) if _found(problem) == "<scalar>" else None
        if opened is not None:  # ``fornavn: "Tiril`` never closed: the next quote closed it lines below
            return _finding("yaml_unclosed_quote", lines, *opened)
        return _block_end(lines, problem, line, column)
    if "expected the node content" in problem and _found(problem) in _STRAY:
        return _finding("yaml_stray_char", lines, line, column, char=_found(problem))
    if "did not find expected key" in problem or "did not find expected '-'" in problem:
        return _finding("yaml_bad_indent", lines, line, column)
    return _finding("yaml_syntax", lines, line, column)


def unindented_block_at(text: str, line: int) -> tuple[int, str] | None:
    """The block text header (line, key) whose text lost its indent and reaches ``line``, if any."""
    return _unindented_block(text.splitlines(), line)


def _mapping_value(lines: list[str], line: int | None, column: int | None) -> SyntaxFinding:
    """``mapping values are not allowed here``: a colon inside a value, a line indented under a field that
    already has a value, or the line above lacks its colon (and the two were read as one text)."""
    if line is None or not 0 < line <= len(lines):
        return _finding("yaml_syntax", lines, line, column)
    here = lines[line - 1]
    before = here[: (column or 1) - 1].lstrip(" ")
    if before.startswith("- "):
        before = before[2:]
    if ": " in before:
        return _finding("yaml_colon_in_value", lines, line, column)
    above = _content_line_above(lines, line)
    if above is not None:
        above_text = _strip_comment(lines[above - 1])
        m = _KEY_VALUE.match(above_text)
        if m is not None and m.group("value") and _indent(here) > _indent(above_text):
            return _finding("yaml_indent_under_value", lines, line, column, above=above)
        if ":" not in above_text and _indent(here) >= _indent(above_text):
            return _finding("yaml_missing_colon", lines, above, None)
    return _finding("yaml_colon_in_value", lines, line, column)


def _missing_colon(lines: list[str], line: int | None) -> SyntaxFinding:
    """``could not find expected ':'`` at ``line``: no colon, no space after it, or a line of a block text that
    lost its indent."""
    here = lines[line - 1] if line and 0 < line <= len(lines) else ""
    if re.match(r"^ *(?:- +)?[^\s:#'\"]+:[^\s:]", here):
        return _finding("yaml_space_after_colon", lines, line, here.index(":") + 2)
    block = _block_line_lost_indent(lines, line)
    if block is not None:
        return _finding("yaml_block_line_not_indented", lines, line, None, key=block[1], header=block[0])
    return _finding("yaml_missing_colon", lines, line, None)


def _block_line_lost_indent(lines: list[str], line: int | None) -> tuple[int, str] | None:
    """A ``key: |`` text indented as it should be, whose line ``line`` has lost its indent: (header, key)."""
    if line is None or not 1 < line <= len(lines):
        return None
    for i in range(line - 1, max(0, line - 1 - 4 * _BLOCK_RUN), -1):
        text = lines[i - 1]
        m = _BLOCK_HEADER.match(text)
        key_indent = _indent(text) + (2 if text.lstrip().startswith("- ") else 0)
        if m is not None:
            body = [t for t in lines[i: line - 1] if t.strip()]
            if body and all(_indent(t) > key_indent for t in body) and _indent(lines[line - 1]) <= key_indent:
                return i, m.group("key").strip()
            return None
        if text.strip() and not text.startswith(" " * (_indent(lines[line - 1]) + 1)):
            return None  # a line at or left of ours that is not a block header: not inside a block text
    return None


def _block_end(lines: list[str], problem: str, line: int | None, column: int | None) -> SyntaxFinding:
    """``expected <block end>, but found X``: the indent does not fit, or text goes on after a quoted value."""
    found = _found(problem)
    if found in _STRAY:
        return _finding("yaml_stray_char", lines, line, column, char=found)
    here = lines[line - 1] if line and 0 < line <= len(lines) else ""
    m = _KEY_VALUE.match(here)
    value = (m.group("value") or "") if m else ""
    body = here.lstrip(" ").removeprefix("- ")
    if found == "<scalar>" and (value[:1] in {'"', "'"} or body[:1] in {'"', "'"}):
        return _finding("yaml_text_after_quote", lines, line, column)
    if found == "<scalar>" and value[:1] in {"[", "{"}:
        return _finding("yaml_special_start", lines, line, here.find(value) + 1, char=value[:1])
    if found == "-":
        return _finding("yaml_list_in_mapping", lines, line, column)
    if found == "?":
        return _finding("yaml_mapping_in_list", lines, line, column)
    if found == ":":
        return _finding("yaml_empty_key", lines, line, column)
    return _finding("yaml_bad_indent", lines, line, column)


def _quote_opened_above(text: str, line: int | None, column: int | None) -> tuple[int, int] | None:
    """Where a quoted text that ends on ``line`` before ``column`` but began on an earlier line opened (line,
    column): a quote left open mid-line is closed by the next quote lines below, and the parser stops only
    there."""
    if line is None or column is None:
        return None
    last: yaml.ScalarToken | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (token.start_mark.line + 1, token.start_mark.column + 1) >= (line, column):
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    if last is None or last.style not in {'"', "'"}:
        return None
    start, end = last.start_mark, last.end_mark
    if end.line + 1 != line or start.line == end.line:
        return None
    return start.line + 1, start.column + 1


def _found(problem: str) -> str:
    """The token in "expected X, but found 'Y'"."""
    return problem.rsplit("found ", 1)[-1].strip("'")


def _unindented_block(lines: list[str], line: int | None) -> tuple[int, str] | None:
    """A ``key: |`` header above ``line`` whose text lines start at or left of the key: (header line, key)."""
    if line is None:
        return None
    for i in range(min(line, len(lines) + 1) - 1, max(0, line - 1 - _BLOCK_RUN), -1):
        m = _BLOCK_HEADER.match(lines[i - 1])
        if m is None:
            continue
        first = _content_line_below(lines, i)
        if first is None or first > line:
            return None
        key_indent = _indent(lines[i - 1]) + (2 if lines[i - 1].lstrip().startswith("- ") else 0)
        if _indent(lines[first - 1]) > key_indent:
            return None  # the text is indented: a block text that is fine
        if all(_indent(t) <= key_indent for t in lines[first - 1: line] if t.strip()):
            return i, m.group("key").strip()
        return None
    return None


def _content_line_above(lines: list[str], line: int) -> int | None:
    for i in range(line - 1, 0, -1):
        if lines[i - 1].strip() and not lines[i - 1].lstrip().startswith("#"):
            return i
    return None


def _content_line_below(lines: list[str], line: int) -> int | None:
    for i in range(line + 1, len(lines) + 1):
        if lines[i - 1].strip() and not lines[i - 1].lstrip().startswith("#"):
            return i
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _strip_comment(text: str) -> str:
    return re.sub(r"\s#.*$", "", text)


def _char_at(lines: list[str], line: int | None, column: int | None) -> str:
    if line is None or column is None or not 0 < line <= len(lines):
        return "?"
    text = lines[line - 1]
    return text[column - 1] if 0 < column <= len(text) else "?"


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _finding(kind: str, lines: list[str], line: int | None, column: int | None, **context: object) -> SyntaxFinding:
    excerpt = excerpt_of(lines, line, column)
    if line is not None and not 0 < line <= len(lines):
        line, column = (len(lines), None) if lines else (None, None)  # the end of the file
        excerpt = excerpt_of(lines, line, None)
    return SyntaxFinding(kind, line, column, excerpt, dict(context))


def excerpt_of(lines: list[str], line: int | None, column: int | None) -> str:
    """The line as written (tabs shown as →), shortened around ``column`` when it is long."""
    if line is None or not 0 < line <= len(lines):
        return ""
    text = lines[line - 1].replace("\t", TAB_SHOWN_AS).rstrip()
    text = "".join(ch if ch.isprintable() else CONTROL_SHOWN_AS for ch in text)
    if len(text) <= MAX_EXCERPT:
        return text
    at = (column or 1) - 1
    start = max(0, min(at - MAX_EXCERPT // 2, len(text) - MAX_EXCERPT))
    piece = text[start: start + MAX_EXCERPT]
    return ("…" if start else "") + piece + ("…" if start + MAX_EXCERPT < len(text) else "")
