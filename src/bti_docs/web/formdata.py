"""Posted form fields ↔ the nested data the YAML loader gives, guided by the generated form.

Field names are paths: ``barn.fornavn``, ``tiltak[0].periode.fra``, ``moter[1].deltakere[0]``. Empty fields
are left out (as a YAML file without the key), dates stay ``YYYY-MM-DD`` text (the loader keeps them as text
too), yes/no fields post ``false`` from a hidden input and ``true`` from the checkbox, several choices post one
value each. The result, dumped as YAML, is exactly what a CLI user would write.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from bti_docs.web.formgen import GATE_FIELD, SUBJECT_FIELD, SUBJECTS, FormSpec, Group, Leaf, Node, Repeat

Posted = Mapping[str, Sequence[str]]
_INDEX = re.compile(r"\[(\d+)\]")


def from_post(spec: FormSpec, posted: Posted) -> dict[str, Any]:
    data: dict[str, Any] = {"skjema": spec.kind, GATE_FIELD: False}
    subject = _first(posted, SUBJECT_FIELD)
    for node in spec.fields:
        if node.name == SUBJECT_FIELD:
            continue
        if node.name in SUBJECTS and isinstance(node, Group):
            if node.name == subject:
                data[node.name] = _group(node, node.name, posted, force=True)
            continue
        _put(data, node, node.name, posted)
    return data


def _first(posted: Posted, name: str) -> str:
    values = posted.get(name) or [""]
    return values[-1].strip()


def _put(target: dict[str, Any], node: Node, path: str, posted: Posted) -> None:
    value = _value(node, path, posted)
    if value is not None:
        target[node.name] = value


def _value(node: Node, path: str, posted: Posted) -> Any:
    if isinstance(node, Leaf):
        return _leaf(node, path, posted)
    if isinstance(node, Group):
        return _group(node, path, posted, force=node.required)
    if isinstance(node, Repeat):
        items = []
        for i in _indices(path, posted):
            item_path = f"{path}[{i}]"
            if isinstance(node.item, Group):
                items.append(_group(node.item, item_path, posted, force=True))
            else:
                items.append(_leaf(node.item, item_path, posted) if isinstance(node.item, Leaf) else None)
        items = [i for i in items if i is not None]
        return items or None
    return None


def _leaf(leaf: Leaf, path: str, posted: Posted) -> Any:
    if leaf.widget == "bool":
        values = posted.get(path)
        return None if not values else "true" in values
    if leaf.widget == "checkboxes":
        values = [v for v in posted.get(path) or [] if v]
        return values or None
    text = _first(posted, path) if leaf.widget != "textarea" else (posted.get(path) or [""])[-1].strip()
    if not text:
        return None
    if leaf.integer and text.isdigit():
        return int(text)
    return text.replace("\r\n", "\n")


def _group(group: Group, path: str, posted: Posted, *, force: bool) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    for node in group.fields:
        _put(out, node, f"{path}.{node.name}", posted)
    meaningful = any(v not in (False, None) for v in out.values())
    return out if (meaningful or force) else None


def _indices(path: str, posted: Posted) -> list[int]:
    """The item numbers posted for the list at ``path`` (a row keeps its number even if its fields are empty)."""
    prefix = f"{path}["
    found: set[int] = set()
    for name in posted:
        if name.startswith(prefix):
            m = _INDEX.match(name, len(path))
            if m:
                found.add(int(m.group(1)))
    return sorted(found)


def to_yaml(data: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=100)


# --- the other way: values for the fields of a stored draft ---------------------------------------------


def lookup(data: Any, path: str) -> Any:
    """The value at ``path`` (``a.b[2].c``) in nested data, or None."""
    cur = data
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            idx = int(part[1:-1])
            cur = cur[idx] if isinstance(cur, list) and idx < len(cur) else None
        else:
            cur = cur.get(part) if isinstance(cur, dict) else None
        if cur is None:
            return None
    return cur


def subject_of(data: Mapping[str, Any]) -> str:
    return next((s for s in SUBJECTS if s in data), "")


def edit_list(data: dict[str, Any], path: str, *, add: bool, index: int | None, spec: FormSpec) -> str:
    """Add an empty item to the list at ``path`` (or remove item ``index``); returns the focus path."""
    parent_path, _, name = path.rpartition(".")
    parent = lookup(data, parent_path) if parent_path else data
    if not isinstance(parent, dict):
        return path
    items = parent.get(name)
    if not isinstance(items, list):
        items = []
    if add:
        node = _node_at(spec, path)
        items.append({} if isinstance(node, Repeat) and isinstance(node.item, Group) else "")
        parent[name] = items
        return f"{path}[{len(items) - 1}]"
    if index is not None and 0 <= index < len(items):
        del items[index]
    if items:
        parent[name] = items
    else:
        parent.pop(name, None)
    return path


def _node_at(spec: FormSpec, path: str) -> Node | None:
    nodes: list[Node] = spec.fields
    found: Node | None = None
    for part in re.sub(r"\[\d+\]", "", path).split("."):
        found = next((n for n in nodes if n.name == part), None)
        if found is None:
            return None
        if isinstance(found, Repeat):
            nodes = found.item.fields if isinstance(found.item, Group) else []
        elif isinstance(found, Group):
            nodes = found.fields
    return found


def to_post(spec: FormSpec, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The fields a browser would post for ``data`` (the inverse of ``from_post``): for tests and uploads."""
    out: list[tuple[str, str]] = []
    subject = subject_of(data)
    if spec.has_subject and subject:
        out.append((SUBJECT_FIELD, subject))

    def emit(node: Node, path: str, value: Any) -> None:
        if value is None and isinstance(node, Leaf) and node.widget == "bool":
            value = node.default
        if value is None:
            return
        if isinstance(node, Leaf):
            if node.widget == "bool":
                out.append((path, "false"))
                if value is True:
                    out.append((path, "true"))
            elif node.widget == "checkboxes" and isinstance(value, list):
                out.extend((path, str(v)) for v in value)
            else:
                out.append((path, str(value)))
        elif isinstance(node, Group) and isinstance(value, dict):
            for child in node.fields:
                emit(child, f"{path}.{child.name}", value.get(child.name))
        elif isinstance(node, Repeat) and isinstance(value, list):
            for i, item in enumerate(value):
                item_path = f"{path}[{i}]"
                if isinstance(node.item, Group) and isinstance(item, dict) and not item:
                    out.append((f"{item_path}._row", ""))  # an empty row still counts
                emit(node.item, item_path, item)

    for node in spec.fields:
        if node.name != SUBJECT_FIELD:
            emit(node, node.name, data.get(node.name))
    return out
