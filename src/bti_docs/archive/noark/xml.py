"""Building and checking XML against the official schemas copied into ``xsd/`` (see ``xsd/SOURCES.md``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from bti_docs.archive.noark.codes import XSD_DIR

XSI = "http://www.w3.org/2001/XMLSchema-instance"

SCHEMAS: dict[str, Path] = {
    "arkivstruktur": XSD_DIR / "noark5-v5.0" / "arkivstruktur.xsd",
    "endringslogg": XSD_DIR / "noark5-v5.0" / "endringslogg.xsd",
    "loependeJournal": XSD_DIR / "noark5-v5.0" / "loependeJournal.xsd",
    "offentligJournal": XSD_DIR / "noark5-v5.0" / "offentligJournal.xsd",
    "addml": XSD_DIR / "addml-v8.3" / "addml.xsd",
    "arkivmelding": XSD_DIR / "fiks-arkiv-v1" / "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd",
    "arkivmeldingKvittering": XSD_DIR / "fiks-arkiv-v1"
    / "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.kvittering.xsd",
}


class SchemaError(ValueError):
    """An XML document does not validate; the message lists the first errors with their lines."""


@cache
def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS[name])))


def validate(name: str, data: bytes) -> None:
    """Raise SchemaError unless ``data`` is valid against the schema ``name``."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(data, parser)
    xsd = schema(name)
    if not xsd.validate(doc):
        log: Any = xsd.error_log  # lxml-stubs lacks its iterator
        errors = [f"linje {e.line}: {e.message}" for e in log][:5]
        raise SchemaError(f"{name}: " + "; ".join(errors))


def sub(parent: etree._Element, tag: str, text: object | None = None, **attrib: str) -> etree._Element:
    """A child element in the parent's namespace, with text (dates and numbers as their ISO/decimal form)."""
    ns = etree.QName(parent).namespace
    el = etree.SubElement(parent, f"{{{ns}}}{tag}" if ns else tag, attrib)
    if text is not None:
        el.text = text.isoformat() if hasattr(text, "isoformat") else str(text)
    return el


def typed(parent: etree._Element, tag: str, xsi_type: str) -> etree._Element:
    """A child with ``xsi:type`` (``saksmappe``, ``journalpost``)."""
    return sub(parent, tag, **{f"{{{XSI}}}type": xsi_type})


def to_bytes(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))
