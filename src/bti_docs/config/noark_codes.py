"""Noark 5 code lists, as KS publishes them with Fiks Arkiv V1 (``kodelister/*.json`` beside this module).

Every code in the ``noark:`` settings is checked against these lists when the settings are loaded, and the
exports write a code's name (``kodebeskrivelse``) where the Noark 5 v5.0 extract wants the name and the code
(``kode``) where Fiks Arkiv wants a code.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

CODE_LISTS = Path(__file__).resolve().parent / "kodelister"


@cache
def code_list(name: str) -> dict[str, str]:
    """``{kodeverdi: kodebeskrivelse}`` of the Fiks Arkiv code list ``name`` (e.g. ``journalposttype``)."""
    path = CODE_LISTS / f"no.ks.fiks.arkiv.v1.kodelister.{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(item["kodeverdi"]): str(item["kodebeskrivelse"]) for item in data["kodeliste"]}


def code_name(name: str, code: str) -> str:
    """The name of ``code`` in the list ``name``; KeyError if the list does not have it."""
    return code_list(name)[code]
