"""The document kinds: one module per kind, and this registry, the one place that lists them.

A kind's module holds everything specific to it (model, rules, render-context builder, archive events, its
facts for the case ledger and its checks against the rest of the case, names in nynorsk and bokmål) and exports
it as one ``Kind`` (``bti_docs.kinds.shared``). The engines (the rule runner, the renderer, the archive and its
case ledger, the JSON Schema generator) look a kind up here and never list kinds themselves. Adding a kind: a
module here, its templates, its name in ``bti_docs.fields.Skjema`` and one line in ``_REGISTERED``
(docs/architecture.md walks through it); ``tests/test_kinds.py`` fails until every part is there.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

from pydantic import Field, TypeAdapter

from bti_docs.fields import Skjema
from bti_docs.kinds import (
    avslutning,
    overgangsskjema,
    referat_undringssamtale,
    samtykke,
    stafettlogg,
    tilbaketrekking_samtykke,
)
from bti_docs.kinds.shared import Kind, MedBarn

__all__ = ["KINDS", "Form", "Kind", "MedBarn", "Skjema", "kind_of", "parse_form_data"]

_REGISTERED: tuple[Kind, ...] = (
    referat_undringssamtale.KIND,
    samtykke.KIND,
    tilbaketrekking_samtykke.KIND,
    stafettlogg.KIND,
    overgangsskjema.KIND,
    avslutning.KIND,
)



def registry(registered: tuple[Kind, ...]) -> Mapping[Skjema, Kind]:
    """The registry of ``registered``; RuntimeError unless every ``Skjema`` has exactly one kind."""
    found = {kind.skjema: kind for kind in registered}
    missing = sorted(set(Skjema) - found.keys())
    if missing or len(found) != len(registered):
        raise RuntimeError(f"kinds: every Skjema needs exactly one registered Kind (missing: {missing})")
    return MappingProxyType(found)


KINDS: Mapping[Skjema, Kind] = registry(_REGISTERED)

if TYPE_CHECKING:
    Form: TypeAlias = MedBarn  # any kind's form; statically the fields every kind shares
else:
    # At run time: the discriminated union of every registered kind's model, so pydantic picks the model by
    # ``skjema`` (and its errors name the fields of that model).
    Form = Annotated[functools.reduce(operator.or_, (k.model for k in _REGISTERED)), Field(discriminator="skjema")]

_FORM_ADAPTER: TypeAdapter[Form] = TypeAdapter(Form)


def kind_of(form: MedBarn) -> Kind:
    """The kind of a parsed form."""
    return KINDS[form.skjema]


def parse_form_data(data: Any) -> Form:
    """A form from plain data (a mapping as YAML gives it); raises pydantic's ValidationError."""
    return _FORM_ADAPTER.validate_python(data)
