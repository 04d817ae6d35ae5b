"""Forms generated from a kind's pydantic model, through its JSON schema: no form is written by hand.

``form_model(kind)`` is the one lookup of a kind's model. ``build_form`` walks the model's JSON schema and
gives a tree of fields: leaves (text, long text, date, yes/no, one choice, several choices), groups (a nested
object) and repeats (lists, added to and removed from with htmx). Labels, help and choices come from
``bti_docs.web.texts`` (which reuses the document labels) in the municipality's målform.

Two questions are not plain fields: the violence/abuse question is asked first, on its own page
(``GATE_FIELD``), and the child-or-pregnancy pair is one choice (``SUBJECT_FIELD``) that shows one group.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from bti_docs.fields import Skjema
from bti_docs.i18n import Lang
from bti_docs.kinds import KINDS
from bti_docs.render.labels import LABELS
from bti_docs.web.texts import field_help, field_label, ui

GATE_FIELD = "mistanke_vold_overgrep"
SUBJECT_FIELD = "_subject"  # a form-only field: "barn" or "svangerskap"
SUBJECTS = ("barn", "svangerskap")
_HIDDEN = {"skjema", GATE_FIELD}
_HEAD = ("sak", "enhet", "dato", "malform", *SUBJECTS)  # shown first, in this order, whatever the model's order
_LONG_TEXT = 1000  # a maxLength above this is a text area


def kinds() -> list[str]:
    return [s.value for s in Skjema]


def form_model(kind: str) -> type[BaseModel]:
    """The model of one document kind, from the kinds' registry: the only place the web app looks kinds up."""
    model: type[BaseModel] = KINDS[Skjema(kind)].model
    return model


@dataclass
class Node:
    name: str  # the key in its parent
    label: str
    required: bool
    help: str | None = None


@dataclass
class Leaf(Node):
    widget: str = "text"  # text, textarea, date, bool, select, checkboxes
    choices: list[tuple[str, str]] = field(default_factory=list)
    integer: bool = False  # choices are integers (niva)
    default: bool = False  # a yes/no field's value when the data does not have it
    initial: str = ""  # the model's default of another optional field (a blank form shows it: empty is refused)


@dataclass
class Group(Node):
    fields: list[Node] = field(default_factory=list)


@dataclass
class Repeat(Node):
    item: Node = field(default_factory=lambda: Leaf("", "", False))
    min_items: int = 0


@dataclass
class FormSpec:
    kind: str
    title: str
    fields: list[Node]
    has_subject: bool


def _enum_choices(definition: dict[str, Any], def_name: str, lang: Lang) -> list[tuple[str, str]]:
    group = def_name.lower()
    return [(str(v), LABELS[f"{group}.{v}"][lang]) for v in definition["enum"]]


class _Builder:
    def __init__(self, schema: dict[str, Any], lang: Lang) -> None:
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.lang = lang

    def deref(self, prop: dict[str, Any]) -> tuple[dict[str, Any], str | None, bool]:
        """The property's own schema (a $ref resolved, a ``X | None`` unwrapped), its def name, nullable."""
        nullable = False
        if "anyOf" in prop:
            options = [o for o in prop["anyOf"] if o.get("type") != "null"]
            nullable = len(options) < len(prop["anyOf"])
            prop = options[0]
        if "$ref" in prop:
            name = prop["$ref"].rsplit("/", 1)[-1]
            return self.defs[name], name, nullable
        return prop, None, nullable

    def node(self, owner: str, name: str, prop: dict[str, Any], required: bool, root: bool) -> Node:
        label = field_label(owner, name, self.lang, root=root)
        help_text = field_help(owner, name, self.lang)
        schema, def_name, _ = self.deref(prop)
        if schema.get("type") == "array":
            item_schema, item_def, _ = self.deref(schema["items"])
            if "enum" in item_schema:
                return Leaf(name, label, required, help_text, "checkboxes",
                            _enum_choices(item_schema, item_def or "", self.lang))
            item: Node
            if "properties" in item_schema:
                item = self.group(item_def or name, name, label, item_schema, True, None)
            else:
                item = self.node(owner, name, schema["items"], True, root)
            return Repeat(name, label, required, help_text, item, int(schema.get("minItems", 0)))
        if "properties" in schema:
            return self.group(def_name or name, name, label, schema, required, help_text)
        if "enum" in schema:
            if schema.get("type") == "integer":
                choices = [(str(v), LABELS["doc.level"][self.lang].format(level=v)) for v in schema["enum"]]
                return Leaf(name, label, required, help_text, "select", choices, integer=True)
            if def_name == "Malform":
                choices = [(v, ui(f"malform.{v}", self.lang)) for v in schema["enum"]]
            else:
                choices = _enum_choices(schema, def_name or "", self.lang)
            return Leaf(name, label, required, help_text, "select", choices, initial=_initial(schema, prop))
        if schema.get("type") == "boolean":
            return Leaf(name, label, False, help_text, "bool", default=bool(schema.get("default", prop.get("default"))))
        if schema.get("format") == "date":
            return Leaf(name, label, required, help_text, "date")
        long_text = int(schema.get("maxLength", 0)) > _LONG_TEXT
        return Leaf(name, label, required, help_text, "textarea" if long_text else "text",
                    initial=_initial(schema, prop))

    def group(self, owner: str, name: str, label: str, schema: dict[str, Any], required: bool,
              help_text: str | None, root: bool = False) -> Group:
        needed = set(schema.get("required", []))
        fields = [self.node(owner, key, prop, key in needed, root)
                  for key, prop in schema["properties"].items() if not (root and key in _HIDDEN)]
        return Group(name, label, required, help_text, fields)


def _initial(schema: dict[str, Any], prop: dict[str, Any]) -> str:
    """The model's default of a field as text, "" when it has none (or None)."""
    value = prop.get("default", schema.get("default"))
    return "" if value is None else str(value)


@lru_cache(maxsize=32)
def build_form(kind: str, lang: Lang) -> FormSpec:
    model = form_model(kind)
    schema = model.model_json_schema()
    root = _Builder(schema, lang).group(model.__name__, "", "", schema, True, None, root=True)
    for f in root.fields:  # the unit is chosen among the user's units (filled in when the page is drawn)
        if f.name == "enhet" and isinstance(f, Leaf):
            f.widget = "select"
    head = [f for name in _HEAD for f in root.fields if f.name == name]
    fields = head + [f for f in root.fields if f.name not in _HEAD]
    has_subject = all(any(f.name == s for f in fields) for s in SUBJECTS)
    if has_subject:  # the two optional groups become one required choice, placed where the first stood
        at = next(i for i, f in enumerate(fields) if f.name in SUBJECTS)
        pair = [f for f in fields if f.name in SUBJECTS]
        for f in pair:
            f.required = True
        choice = Leaf(SUBJECT_FIELD, ui("form.subject", lang), True, None, "radio",
                      [("barn", ui("form.subject_child", lang)), ("svangerskap", ui("form.subject_pregnancy", lang))])
        fields = [f for f in fields if f.name not in SUBJECTS]
        fields[at:at] = [choice, *pair]
    title = LABELS[f"title.{kind}"][lang]
    return FormSpec(kind, title, fields, has_subject)


def walk_leaves(nodes: list[Node], prefix: str = "") -> list[tuple[str, Leaf]]:
    """Every leaf with its path template (repeats as ``name[]``): for tests and the label check."""
    out: list[tuple[str, Leaf]] = []
    for n in nodes:
        path = f"{prefix}.{n.name}" if prefix else n.name
        if isinstance(n, Leaf):
            out.append((path, n))
        elif isinstance(n, Group):
            out.extend(walk_leaves(n.fields, path))
        elif isinstance(n, Repeat):
            item = n.item
            if isinstance(item, Group):
                out.extend(walk_leaves(item.fields, f"{path}[]"))
            elif isinstance(item, Leaf):
                out.append((f"{path}[]", item))
    return out
