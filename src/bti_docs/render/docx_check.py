"""Checks a DOCX template edited by hand (in Word or LibreOffice) before any document is rendered with it.

A municipality copies ``templates/docx``, puts in its logo and changes styles and layout. A typo in a tag
(``{{ t.field.nmae }}``) or a tag it broke while editing should show up when it checks the folder, not when
a document is filed. The check:

- finds half tags (``{{ name }`` or a tag split over two paragraphs), which docxtpl would silently join with
  the next tag, dropping the text between;
- parses the Jinja code of the body, every header and every footer exactly as docxtpl will see it;
- follows every name and attribute path (``holders_current`` → ``h`` → ``h.name``, ``t.field.name``) through
  the shape of example render contexts, so a misspelt key is found even in a branch the examples never take;
- knows the filters and tests of the DOCX environment, and refuses ``include``/``import``/``extends``
  (a DOCX template has no other files to load);
- renders every example context, which catches what only a real render shows (a ``{% if %}`` opened in a
  table cell and closed after the table gives invalid XML).

Problems are data (template, part, the paragraph's text, a code, a detail) for the caller to word.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Literal

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from bti_docs.errors import RenderError
from bti_docs.options import DEFAULT_PDFA
from bti_docs.render.context import Data, DocumentMeta, FormModel, build_context
from bti_docs.render.docx import (
    half_tags,
    make_environment,
    render_context,
    short_text,
    template_parts,
    template_path,
)
from bti_docs.render.labels import Lang

ProblemCode = Literal[
    "missing",  # no template for this kind in the folder
    "not_docx",  # the file is not a Word document
    "unbalanced",  # a paragraph opens a tag it does not close, or closes one it did not open
    "syntax",  # Jinja cannot parse a tag
    "unknown_name",  # a name or attribute path the render context does not have
    "unknown_filter",
    "unknown_test",
    "not_allowed",  # include, import, extends
    "render",  # rendering an example failed
]

CHECK_TIME: Final = datetime(2025, 1, 1, tzinfo=UTC)
LANGS: Final[tuple[Lang, ...]] = ("nn", "nb")
_LOOP_KEYS: Final = (
    "index",
    "index0",
    "revindex",
    "revindex0",
    "first",
    "last",
    "length",
    "cycle",
    "depth",
    "depth0",
    "previtem",
    "nextitem",
    "changed",
)


@dataclass(frozen=True)
class TemplateProblem:
    """One problem in one template: ``where`` is the text of the paragraph holding the tag, as Word shows it."""

    template: str
    part: str
    where: str
    code: ProblemCode
    detail: str


@dataclass
class Shape:
    """What the render context holds at one place, merged over examples: a mapping's keys (``None``: any
    value), a list's items (``None``: no example had any), or neither for plain text. A list no example
    filled and a mapping that is always ``{}`` let anything through: the examples decide how strict the
    check is."""

    keys: dict[str, Shape | None] = field(default_factory=dict)
    items: Shape | None = None
    is_mapping: bool = False
    is_list: bool = False

    def add(self, value: object) -> Shape:
        if isinstance(value, Mapping):
            self.is_mapping = True
            for key, item in value.items():
                self.keys[str(key)] = (self.keys.get(str(key)) or Shape()).add(item)
        elif isinstance(value, list | tuple):
            self.is_list = True
            for item in value:
                self.items = (self.items or Shape()).add(item)
        return self


def shape_of(examples: Sequence[Data]) -> Shape:
    """The merged shape of example render contexts."""
    shape = Shape()
    for example in examples:
        shape.add(example)
    return shape


_LOOP: Final = Shape(keys=dict.fromkeys(_LOOP_KEYS), is_mapping=True)
Scope = dict[str, Shape | None]


def _path(node: nodes.Node) -> str:
    """``h.name`` for the expression ``h.name`` (or ``h["name"]``)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_path(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_path(node.node)}.{node.arg.value}"
    return "…"


class _Checker:
    """Walks one part's Jinja tree with a scope of names → shapes and records what does not resolve."""

    def __init__(self, env: SandboxedEnvironment, template: str, part: str, lines: Sequence[str]) -> None:
        self.env = env
        self.template = template
        self.part = part
        self.lines = lines
        self.problems: list[TemplateProblem] = []

    def problem(self, node: nodes.Node, code: ProblemCode, detail: str) -> None:
        line = node.lineno - 1
        where = self.lines[line] if 0 <= line < len(self.lines) else ""
        found = TemplateProblem(self.template, self.part, where, code, detail)
        if found not in self.problems:
            self.problems.append(found)

    def lookup(self, node: nodes.Node, base: Shape | None, key: str) -> Shape | None:
        if base is None or (base.is_mapping and not base.keys):  # unknown, or always {} in the examples
            return None
        if base.is_mapping and key in base.keys:
            return base.keys[key]
        self.problem(node, "unknown_name", _path(node))
        return None

    def bind(self, target: nodes.Node, shape: Shape | None, scope: Scope) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = shape
        else:  # unpacking (for a, b in ...): the parts are not followed
            for name in target.find_all(nodes.Name):
                scope[name.name] = None

    def children(self, node: nodes.Node, scope: Scope) -> None:
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def visit(self, node: nodes.Node, scope: Scope) -> Shape | None:
        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return None
            if node.name in scope:
                return scope[node.name]
            self.problem(node, "unknown_name", node.name)
        elif isinstance(node, nodes.Getattr):
            return self.lookup(node, self.visit(node.node, scope), node.attr)
        elif isinstance(node, nodes.Getitem):
            base = self.visit(node.node, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.lookup(node, base, node.arg.value)
            self.visit(node.arg, scope)
            return base.items if base is not None and base.is_list else None
        elif isinstance(node, nodes.Filter | nodes.Test):
            filters = isinstance(node, nodes.Filter)
            if node.name not in (self.env.filters if filters else self.env.tests):
                self.problem(node, "unknown_filter" if filters else "unknown_test", node.name)
            self.children(node, scope)
        elif isinstance(node, nodes.For):
            iterable = self.visit(node.iter, scope)
            inner = dict(scope)
            inner["loop"] = _LOOP
            self.bind(node.target, iterable.items if iterable is not None and iterable.is_list else None, inner)
            for child in [*([node.test] if node.test is not None else []), *node.body]:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.visit(node.node, scope), scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=True):
                self.bind(target, self.visit(value, scope), inner)
            for child in node.body:
                self.visit(child, inner)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.Macro):
                scope[node.name] = None
            else:
                self.visit(node.call, scope)
            inner = dict(scope)
            inner["caller"] = None
            for arg in node.args:
                inner[arg.name] = None
            for child in [*node.defaults, *node.body]:
                self.visit(child, inner)
        elif isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
            self.problem(node, "not_allowed", type(node).__name__.lower())
        else:
            self.children(node, scope)
        return None


def _line_text(line: str) -> str:
    """One line of the prepared XML (one paragraph) as the text Word shows."""
    return short_text(html.unescape(re.sub(r"<[^>]+>", "", line)))


def jinja_source(document: DocxTemplate, xml: str) -> str:
    """A part's XML prepared the way docxtpl renders it: tags split over runs joined, ``{%p``/``{%tr``/``{%tc``
    resolved, one paragraph per line."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", document.patch_xml(xml))


def check_template(template: Path, examples: Sequence[Data]) -> list[TemplateProblem]:
    """Problems in one DOCX template, checked against ``examples`` (render contexts of its kind).

    The examples define what the context holds: give them for both languages and with every list
    non-empty somewhere, so that every path can be followed. No problems: every example renders.
    """
    name = template.name
    if not template.is_file():
        return [TemplateProblem(name, "", "", "missing", str(template))]
    try:
        parts = template_parts(template)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        return [TemplateProblem(name, "", "", "not_docx", type(exc).__name__)]
    env = make_environment()
    top: Scope = dict(shape_of(examples).keys)
    problems: list[TemplateProblem] = []
    half = half_tags(parts)
    problems.extend(TemplateProblem(name, part, text, "unbalanced", edge) for part, text, edge in half)
    reader = DocxTemplate(template)
    for part, xml in parts:
        if any(half_part == part for half_part, _, _ in half):
            continue  # docxtpl's clean-up would mangle the half tag: Jinja's view of this part means nothing
        source = jinja_source(reader, xml)
        lines = [_line_text(line) for line in source.split("\n")]
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            where = lines[exc.lineno - 1] if 0 < exc.lineno <= len(lines) else ""
            problems.append(TemplateProblem(name, part, where, "syntax", exc.message or ""))
            continue
        checker = _Checker(env, name, part, lines)
        checker.visit(tree, dict(top))
        problems.extend(checker.problems)
    if problems:
        return problems
    for example in examples:
        try:
            render_context(example, template, CHECK_TIME)
        except RenderError as exc:
            return [TemplateProblem(name, "", "", "render", str(exc))]
    return []


def example_contexts(forms: Iterable[FormModel]) -> dict[str, list[Data]]:
    """Render contexts of ``forms`` in nynorsk and bokmål, by kind: examples for the check. A form that
    would be refused (suspected violence or abuse) has no context and is left out."""
    found: dict[str, list[Data]] = {}
    for form in forms:
        if form.mistanke_vold_overgrep:
            continue
        for lang in LANGS:
            meta = DocumentMeta("Eksempel kommune", "eksempel-eining", lang, "bti-docs", CHECK_TIME, DEFAULT_PDFA.value)
            found.setdefault(form.skjema.value, []).append(build_context(form, meta))
    return found


def check_templates(folder: Path, examples: Mapping[str, Sequence[Data]]) -> list[TemplateProblem]:
    """Problems in the DOCX templates of every kind in ``examples`` (kind → its example contexts).

    ``folder`` is a DOCX template folder (``templates/docx``) or the folder above it.
    """
    problems: list[TemplateProblem] = []
    for kind, contexts in examples.items():
        problems.extend(check_template(template_path(kind, folder), contexts))
    return problems
