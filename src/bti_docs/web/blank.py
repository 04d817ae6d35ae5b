"""Blank YAML forms, generated from the same form tree as the web app's pages (``formgen.build_form``): the
kinds' models give the keys, ``web.texts`` the labels and help, in nynorsk or bokmål. No form is written by
hand: ``forms/nn/`` and ``forms/nb/`` are this module's output (``python -m bti_docs.web.blank forms``), and
``bti-docs skjema KIND`` prints one with a ``$schema`` line pointing at the schema installed with the package.

Every key of the model is shown (empty, a yes/no field as its default, or ``[]``), each with a comment: its
label, "(valfritt)" where it may be left out, what to write (a date, one of the choices), and help where there
is some.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from bti_docs.fields import Skjema
from bti_docs.i18n import Lang, message
from bti_docs.kinds import KINDS
from bti_docs.web.formgen import GATE_FIELD, SUBJECT_FIELD, Group, Leaf, Node, Repeat, build_form
from bti_docs.web.texts import field_help, field_label, ui

LANGS: tuple[Lang, ...] = ("nn", "nb")
_COMMENT_AT = 24  # comments start at this column where the key is shorter


def schema_ref_line(ref: str) -> str:
    return f"# yaml-language-server: $schema={ref}"


def blank_form(kind: str, lang: Lang, schema_ref: str) -> str:
    """The blank form of ``kind`` in ``lang``; ``schema_ref`` is what the ``$schema`` line points at."""
    spec = build_form(kind, lang)
    model_name = KINDS[Skjema(kind)].model.__name__
    title = message("blank_form_title", lang, title=spec.title.upper())
    lines = [schema_ref_line(schema_ref), f"# {title}", "#"]
    lines += [f"# {line}" for line in message("blank_form_howto", lang, kind=kind).splitlines()]
    lines.append("")
    lines.append(_line("skjema", kind, message("blank_form_kind", lang), 0))
    for node in spec.fields:
        if node.name == SUBJECT_FIELD:
            lines += ["", f"# {message('blank_form_subject', lang)}"]
            continue
        lines += _node(node, lang, 0)
        if node.name == "malform":  # the gate question, after the head fields (as in the web form's first page)
            gate = field_label(model_name, GATE_FIELD, lang, root=True)
            help_text = field_help(model_name, GATE_FIELD, lang)
            lines.append(_line(GATE_FIELD, "false", f"{gate} {help_text or ''}".strip(), 0))
    return "\n".join(lines) + "\n"


def _line(key: str, value: str, comment: str, indent: int, dash: bool = False) -> str:
    head = " " * indent + ("- " if dash else "") + f"{key}:" + (f" {value}" if value else "")
    return f"{head.ljust(_COMMENT_AT)}  # {comment}" if comment else head


def _comment(node: Node, lang: Lang) -> str:
    parts = [node.label]
    if not node.required and not (isinstance(node, Leaf) and node.widget == "bool"):
        parts[0] = f"({ui('form.optional', lang)}) {node.label}"
    if isinstance(node, Leaf):
        if node.widget == "date":
            parts.append(message("blank_form_date", lang))
        elif node.widget == "select" and node.name != "enhet":
            parts.append(message("blank_form_choices", lang, choices=", ".join(v for v, _label in node.choices)))
        elif node.widget == "checkboxes":
            parts.append(message("blank_form_several", lang, choices=", ".join(v for v, _label in node.choices)))
    elif isinstance(node, Repeat):
        parts.append(message("blank_form_repeat", lang))
    if node.help:
        parts.append(node.help)
    return ". ".join(p.rstrip(".") for p in parts) + "."


def _node(node: Node, lang: Lang, indent: int, dash: bool = False) -> list[str]:
    comment = _comment(node, lang)
    if isinstance(node, Leaf):
        yes_no = "true" if node.default else "false"  # the model's default: ``deltar`` is true unless staff say not
        value = {"bool": yes_no, "checkboxes": "[]"}.get(node.widget, "|" if node.widget == "textarea" else "")
        value = node.initial or value  # an optional field with a default: left empty it would be refused
        if value == "|":  # a block text: an empty line under it keeps it empty and shows where to write
            return [_line(node.name, "", comment, indent, dash)]
        return [_line(node.name, value, comment, indent, dash)]
    if isinstance(node, Group):
        lines = [_line(node.name, "", comment, indent, dash)]
        for child in node.fields:
            lines += _node(child, lang, indent + (4 if dash else 2))
        return lines
    assert isinstance(node, Repeat)
    lines = [_line(node.name, "", comment, indent, dash)]
    item = node.item
    if isinstance(item, Group):
        for i, child in enumerate(item.fields):
            lines += _node(child, lang, indent + 2 if i == 0 else indent + 4, dash=i == 0)
    else:
        lines.append(" " * (indent + 2) + "-")
    return lines


def write_blank_forms(folder: Path) -> list[Path]:
    """``folder/nn/KIND.yaml`` and ``folder/nb/KIND.yaml`` for every kind, each pointing at its målform's
    schema in ``folder/schema/nn`` or ``folder/schema/nb``."""
    written = []
    for lang in LANGS:
        (folder / lang).mkdir(parents=True, exist_ok=True)
        for kind in sorted(s.value for s in Skjema):
            path = folder / lang / f"{kind}.yaml"
            text = blank_form(kind, lang, f"../schema/{lang}/{kind}.schema.json")
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for path in write_blank_forms(Path(args[0] if args else "forms")):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
