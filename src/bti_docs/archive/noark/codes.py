"""Noark 5 code lists, as KS publishes them with Fiks Arkiv V1 (``xsd/fiks-arkiv-v1/kodelister/*.json``).

Every code in the ``noark:`` settings is checked against these lists when the settings are loaded, and the
exports write a code's name (``kodebeskrivelse``) where the Noark 5 v5.0 extract wants the name and the code
(``kode``) where Fiks Arkiv wants a code.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

XSD_DIR = Path(str(resources.files("bti_docs.archive.noark") / "xsd"))
CODE_LISTS = XSD_DIR / "fiks-arkiv-v1" / "kodelister"


@cache
def code_list(name: str) -> dict[str, str]:
    """``{kodeverdi: kodebeskrivelse}`` of the Fiks Arkiv code list ``name`` (e.g. ``journalposttype``)."""
    path = CODE_LISTS / f"no.ks.fiks.arkiv.v1.kodelister.{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(item["kodeverdi"]): str(item["kodebeskrivelse"]) for item in data["kodeliste"]}


def code_name(name: str, code: str) -> str:
    """The name of ``code`` in the list ``name``; KeyError if the list does not have it."""
    return code_list(name)[code]
