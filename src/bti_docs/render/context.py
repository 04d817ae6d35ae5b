"""A validated form → plain template data (str, list, dict) in nynorsk or bokmål.

The parts every document has are built here; each kind's own part comes from its ``context`` builder in
``bti_docs.kinds`` (looked up in the registry).

The data is used for the HTML templates and later for DOCX, so it holds no markup: every value is text
exactly as the form has it, and the templates escape it. Long texts become ``prose``: a list of paragraphs,
each a list of lines. Absent optional values are ``""``, ``[]`` or ``{}``, never ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from pydantic import BaseModel

from bti_docs.errors import RefusedCaseError
from bti_docs.kinds import Form, kind_of
from bti_docs.kinds.shared import Data, age_on, render_subject
from bti_docs.options import lang_of
from bti_docs.render.labels import Lang, label, labels_for
from bti_docs.text.format import Prose, format_date, format_datetime, format_national_id, prose

__all__ = [
    "Data", "DocumentMeta", "FormModel", "Prose", "age_on", "build_context", "document_title", "format_date",
    "format_datetime", "format_national_id", "metadata_title", "prose", "resolve_lang", "with_unit_names",
]

FormModel = Form  # any kind's form

_M = TypeVar("_M", bound=BaseModel)
_HTML_LANG: dict[Lang, str] = {"nn": "nn-NO", "nb": "nb-NO"}


@dataclass(frozen=True)
class DocumentMeta:
    """What the document needs beyond the form: the municipality's settings and the seal."""

    municipality: str
    unit: str
    lang: Lang
    sealed_by: str
    sealed_at: datetime
    pdfa_level: str
    unit_names: Mapping[str, str] = field(default_factory=dict)  # unit id → name, from the settings


# --- formatting -------------------------------------------------------------------------------------


def with_unit_names(model: _M, names: Mapping[str, str], *, root: bool = True) -> _M:
    """``model`` with every nested ``enhet`` that is a known unit id replaced by the unit's name, for display.

    The form's own ``enhet`` (the root's) stays an id: it is the archive's key, shown via ``meta.unit``.
    """
    if not names:
        return model
    update: dict[str, object] = {}
    for field_name in type(model).model_fields:
        value = getattr(model, field_name)
        if field_name == "enhet" and not root and isinstance(value, str) and value in names:
            update[field_name] = names[value]
        elif isinstance(value, BaseModel):
            update[field_name] = with_unit_names(value, names, root=False)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[field_name] = [with_unit_names(v, names, root=False) for v in value]
    return model.model_copy(update=update) if update else model



# --- titles -----------------------------------------------------------------------------------------


def document_title(form: FormModel, lang: Lang) -> str:
    """The document's title: ``Referat frå undringssamtale``, ``Stafettlogg``, …"""
    return kind_of(form).title[lang]


def metadata_title(form: FormModel, meta: DocumentMeta) -> str:
    """A title safe to show anywhere (PDF metadata, window title): no names, no id numbers."""
    return f"{document_title(form, meta.lang)} – {meta.unit}"


def resolve_lang(form: FormModel, default: Lang) -> Lang:
    """The form's own language when it names one, otherwise the municipality's."""
    return lang_of(form.malform, default)


# --- the whole context ------------------------------------------------------------------------------


def build_context(form: FormModel, meta: DocumentMeta) -> Data:
    """Everything a template needs, as plain data in ``meta.lang``.

    ``meta.lang`` is the language the caller resolved (``resolve_lang``, or an explicit choice); it wins
    over the form's ``malform``. Raises ``RefusedCaseError`` for a form marked with suspected violence or
    sexual abuse: no BTI document is made for it.
    """
    lang = meta.lang
    if form.mistanke_vold_overgrep:
        raise RefusedCaseError(label("text.refused_case", lang))
    form = with_unit_names(form, meta.unit_names)
    common: Data = {
        "kind": form.skjema.value,
        "lang": lang,
        "html_lang": _HTML_LANG[lang],
        "t": labels_for(lang),
        "title": document_title(form, lang),
        "metadata_title": metadata_title(form, meta),
        "municipality": meta.municipality,
        "unit": meta.unit,
        "document_date": format_date(form.dato, lang),
        "reference": form.sak,
        "subject": render_subject(form, lang),
        "child_participation": prose(form.barnets_medvirkning),
        "seal": {
            "text": label("doc.seal", lang).format(by=meta.sealed_by, when=format_datetime(meta.sealed_at, lang)),
            "note": label("doc.seal_note", lang),
        },
    }
    specific = kind_of(form).context(form, lang)
    clash = common.keys() & specific.keys()
    if clash:
        raise ValueError(f"context keys defined twice: {sorted(clash)}")
    return common | specific
