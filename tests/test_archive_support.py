"""Shared material for the archive tests (no tests here): forms, settings and real sealed PDF/A files.

The PDFs are made once per test session: WeasyPrint PDF/A-2b, our metadata (``finalize_pdfa``), sealed with a
throw-away test PKI (``create_dev_pki``). All people are invented; no national id numbers are used.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from bti_docs.archive.filing import Archive
from bti_docs.archive.plan import FiledDocument, FilingPlan, plan_filing
from bti_docs.config import Settings, load_settings
from bti_docs.devcert import DevPki, create_dev_pki
from bti_docs.kinds import Form

REPO = Path(__file__).resolve().parents[1]
DEFAULT_RULES = REPO / "archive_rules.yaml"
BOKMAL_RULES = REPO / "tests" / "data" / "rules-bokmal-16.yaml"
FONT = REPO / "templates" / "fonts" / "NotoSans-Regular.ttf"
CHILD = {"fornavn": "Testa", "etternavn": "Oppdiktasen", "fodselsdato": "2019-03-14"}
_FORM = TypeAdapter(Form)


def settings(path: Path = DEFAULT_RULES) -> Settings:
    return load_settings(path)


def units(s: Settings) -> list[str]:
    return list(s.kommune.enheter)


def form(kind: str, s: Settings, *, case: str = "SAK-2024-0001", unit: int = 0, **extra: Any) -> Form:
    """A valid form of ``kind`` for a unit of ``s``; ``extra`` replaces top-level fields."""
    consent = {"samtykke_id": "s-1", "type": "opprette_stafettlogg", "tjenester": ["barnehage", "skole"],
               "gyldig_fra": "2024-01-05", "gyldig_til": "2025-12-31"}
    head = {"sak": case, "enhet": units(s)[unit], "barn": CHILD}
    bodies: dict[str, dict[str, Any]] = {
        "stafettlogg": {
            "dato": "2024-05-10", "niva": 1, "oppmerksomhet": "Sein språkutvikling.",
            "stafettholdere": [{"navn": "Hilde Haldar", "enhet": "Eining A", "fra_dato": "2024-01-10"}],
            "samtykker": [consent],
        },
        "overgangsskjema": {
            "dato": "2024-08-15",
            "fra": {"enhet": "Eining A", "tjeneste": "barnehage", "niva": 1},
            "til": {"enhet": "Eining B", "tjeneste": "skole", "niva": 1},
            "familiens_syn": "Trygg overgang.", "interesser_og_styrker": "Teiknar gjerne.",
            "avtroppende_stafettholder": {"navn": "Hilde Haldar"}, "ny_stafettholder": {"navn": "Sigurd Skule"},
            "akseptert_dato": "2024-08-15", "samtykke_id": "s-1",
        },
        "samtykke": {
            "dato": "2024-01-05", **consent,
            "gitt_av": [{"navn": "Forelder Oppdiktasen", "rolle": "foresatt", "signert_dato": "2024-01-05"}],
            "opplysninger_som_kan_deles": "Det som trengst for tiltaka.", "avgitt_form": "papir_signatur",
            "original_oppbevart": "Mappa til barnet i arkivet til eininga.",
        },
        "tilbaketrekking_samtykke": {
            "dato": "2024-10-01", "samtykke_id": "s-1",
            "trukket_av": {"navn": "Forelder Oppdiktasen", "rolle": "foresatt"},
        },
        "avslutning": {"dato": "2024-11-01", "arsak": "mal_nadd", "vurdering": "Måla er nådde.",
                       "konklusjon": "Loggen blir avslutta."},
        "referat_undringssamtale": {
            "dato": "2023-11-20", "undring": "Trekkjer seg unna leik.", "konklusjon": "niva1_stafettlogg",
            "samtaler": [{"type": "med_foresatte", "dato": "2023-11-20", "deltakere": [{"navn": "Hilde Haldar"}]}],
        },
    }
    return _FORM.validate_python({"skjema": kind, **head, **bodies[kind], **extra})


def handover_holders() -> list[dict[str, str]]:
    return [
        {"navn": "Hilde Haldar", "enhet": "Eining A", "fra_dato": "2024-01-10", "til_dato": "2024-08-15"},
        {"navn": "Sigurd Skule", "enhet": "Eining B", "fra_dato": "2024-08-01", "akseptert_dato": "2024-08-15"},
    ]


# --- sealed PDF/A ------------------------------------------------------------------------------------

@functools.cache
def _work() -> Path:
    work = Path(tempfile.mkdtemp(prefix="bti-archive-tests-"))
    atexit.register(shutil.rmtree, work, True)
    return work


@functools.cache
def pki() -> DevPki:
    return create_dev_pki(_work() / "pki")


@functools.cache
def sealed_pdf(label: str) -> bytes:
    """A sealed PDF/A-2b whose text is ``label`` (so different labels give different files)."""
    from weasyprint import HTML

    from bti_docs.pdfa import PdfaLevel, finalize_pdfa
    from bti_docs.seal import SealConfig, seal_pdf

    html = (f"<html lang='nn'><head><style>@font-face{{font-family:T;src:url({FONT.as_uri()})}}"
            f"body{{font-family:T}}</style></head><body><p>Testdokument {label}</p></body></html>")
    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/a-2b")
    pdf = finalize_pdfa(pdf, PdfaLevel.PDFA_2B, title="Testdokument", doc_type="Testdokument",
                        created=datetime(2024, 5, 10, tzinfo=UTC), lang="nn")
    config = SealConfig(p12=pki().unit_p12, password_file=pki().password_file)
    return seal_pdf(pdf, config, level="2b", reason="Test", location="Testkommune")


def trust_roots() -> list[Path]:
    return [pki().root_cert]


def documents(plan: FilingPlan, label: str) -> list[Any]:
    return plan.documents(pdf=sealed_pdf(label), pdfa_level="2b", seal_signer="Testeining segl (TEST)",
                          seal_time=datetime(2024, 5, 10, 12, 0, tzinfo=UTC), seal_verified=True)


def file_form(archive: Archive, s: Settings, f: Form, label: str | None = None,
              override: str | None = None) -> tuple[FilingPlan, list[FiledDocument]]:
    """Plan and file ``f`` the way the pipeline does.

    Sealing takes most of a second, so forms share one sealed PDF; logs get one per date, so that copies of
    different snapshots differ.
    """
    plan = plan_filing(f, s, archive, event_override=override)
    default = f"log-{f.dato}" if f.skjema.value == "stafettlogg" else "form"
    return plan, archive.file(documents(plan, label or default))


def tree(root: Path) -> list[str]:
    """Every file under ``root`` outside the journal, as sorted relative paths."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and ".bti-journal" not in p.parts)


def flip_byte(path: Path, offset: int) -> None:
    path.chmod(0o640)
    data = bytearray(path.read_bytes())
    data[offset % len(data)] ^= 0x01
    path.write_bytes(bytes(data))
    path.chmod(0o440)


def codes(problems: Sequence[Any]) -> set[str]:
    return {p.code for p in problems}


def scenario(s: Settings) -> list[Form]:
    """One case's life: wondering talk, consent, log, transition (new holder), log, withdrawal, closure."""
    return [
        form("referat_undringssamtale", s),
        form("samtykke", s),
        form("stafettlogg", s),
        form("overgangsskjema", s, unit=1),
        form("stafettlogg", s, unit=1, dato="2024-09-01", stafettholdere=handover_holders()),
        form("tilbaketrekking_samtykke", s, unit=1),
        form("avslutning", s, unit=1),
    ]


def build_archive(root: Path, s: Settings) -> list[tuple[FilingPlan, list[FiledDocument]]]:
    with Archive(root, s) as archive:
        return [file_form(archive, s, f) for f in scenario(s)]
