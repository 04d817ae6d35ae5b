"""Shared parts of the benchmark: the setup, the inputs, the pipeline split into timed stages, statistics, /proc.

Nothing here re-implements the pipeline: each stage calls the project's own function, in the order
``bti_docs.pipeline.render_document`` calls them, and the filing stage calls the archive package the way the
api does (``plan_filing`` → ``FilingPlan.documents`` → ``Archive.file``).
"""

from __future__ import annotations

import contextlib
import importlib
import math
import os
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from bti_docs import api
from bti_docs.config import Settings
from bti_docs.devcert import DevPki, create_dev_pki
from bti_docs.seal import SealConfig

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "archive_rules.yaml"
SAMPLES = REPO / "samples" / "sak-a"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    description: str
    sample: Path
    weight: float  # share in the document mix


KINDS: tuple[Kind, ...] = (
    Kind("consent", "samtykke", "short consent", SAMPLES / "02-samtykke-opprette-stafettlogg.yaml", 0.50),
    Kind("log", "stafettlogg", "long log, level 2, many measures and meetings",
         SAMPLES / "05-stafettlogg-niva2.yaml", 0.25),
    Kind("transfer", "overgang", "overgangsskjema (transfer form)",
         SAMPLES / "08-overgangsskjema-barnehage-skule.yaml", 0.25),
)
KIND_BY_KEY = {k.key: k for k in KINDS}


# --- setup ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    work: Path
    settings: Settings
    pki: DevPki
    seal: SealConfig

    def options(self) -> Any:
        """``pipeline.RenderOptions`` with the test certificate."""
        from bti_docs.pipeline import RenderOptions

        return RenderOptions(seal=self.seal)

    def file_options(self, archive: Path) -> api.FileOptions:
        """``api.FileOptions`` for filing into ``archive`` with the test certificate."""
        return api.FileOptions(archive=archive, cert=self.pki.unit_p12, trust=(self.pki.root_cert,),
                               password_file=self.pki.password_file)


def make_setup(work: Path) -> Setup:
    """Settings from the repository's ``archive_rules.yaml`` and a throw-away test PKI in ``work``."""
    pki = create_dev_pki(work / "pki")
    seal = SealConfig(p12=pki.unit_p12, password_file=pki.password_file, trust_roots=(pki.root_cert,))
    return Setup(work=work, settings=api.open_settings(RULES), pki=pki, seal=seal)


# --- inputs -----------------------------------------------------------------------------------------

# One case: a consent to establish the log, the long log, a renewed consent, the transfer form. Documents of
# a case are filed in this order, so the later ones also file a copy of the case's log (as in real use).
CASE_SEQUENCE: tuple[tuple[str, str], ...] = (
    ("consent", "opprette"),
    ("log", ""),
    ("consent", "fornya"),
    ("transfer", ""),
)


def _sample_data(kind: Kind) -> dict[str, Any]:
    data = yaml.safe_load(kind.sample.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def make_inputs(folder: Path, n: int, prefix: str, sequence: Sequence[tuple[str, str]] = CASE_SEQUENCE,
                ) -> list[tuple[str, Path]]:
    """``n`` distinct, valid forms (the three samples with another case key and consent id) in ``folder``.

    Returns (kind key, path) in filing order: whole cases of ``sequence``, the last one cut at ``n``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    samples = {k.key: _sample_data(k) for k in KINDS}
    out: list[tuple[str, Path]] = []
    case = 0
    renewed = any(v == "fornya" for _, v in sequence)
    while len(out) < n:
        case += 1
        consent_id = ""
        for step, (key, variant) in enumerate(sequence):
            if len(out) == n:
                break
            data = dict(samples[key])
            data["sak"] = f"{prefix}-{case:05d}"
            if key == "consent":
                consent_id = data["samtykke_id"] = f"{variant}-{case:05d}"
                if variant == "fornya" or not renewed:  # the consent covers the school the transfer goes to
                    data["tjenester"] = [*data["tjenester"], "skole"]
            if key == "transfer":  # the archive checks that the transfer's consent is in the case
                data["samtykke_id"] = consent_id
            path = folder / f"{prefix}-{case:05d}-{step}-{key}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            out.append((key, path))
    return out


# --- statistics ---------------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def p95(values: Sequence[float]) -> float:
    """Nearest-rank 95th percentile."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return "-" if math.isnan(seconds) else f"{seconds * 1000:.0f}"


# --- timing probes inside the project's functions -----------------------------------------------------


class Probe:
    """Adds the time spent in named project functions (wrapped for the run) to ``totals``.

    Diagnostic only: a probe whose function does not exist (renamed in src/) is skipped.
    """

    def __init__(self, targets: Sequence[tuple[str, str, str]]) -> None:
        self.targets = targets  # (module, attribute, label)
        self.totals: dict[str, float] = {}
        self.active: list[str] = []

    def reset(self) -> None:
        self.totals = dict.fromkeys(self.active, 0.0)

    @contextlib.contextmanager
    def installed(self) -> Iterator[Probe]:
        undo: list[tuple[Any, str, Any]] = []
        for module_name, attr, label in self.targets:
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            original = getattr(module, attr, None)
            if not callable(original):
                continue
            undo.append((module, attr, original))
            setattr(module, attr, self._wrap(original, label))
            self.active.append(label)
        self.reset()
        try:
            yield self
        finally:
            for module, attr, original in reversed(undo):
                setattr(module, attr, original)
            self.active.clear()

    def _wrap(self, fn: Callable[..., Any], label: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.totals[label] = self.totals.get(label, 0.0) + time.perf_counter() - start

        return timed


PROBES: tuple[tuple[str, str, str], ...] = (
    ("bti_docs.seal", "_load_credentials", "bti_docs.seal._load_credentials (PKCS#12 + RSA key check)"),
    ("cryptography.hazmat.primitives.serialization", "load_der_private_key",
     "private key parse in pyHanko's SimpleSigner (RSA key check)"),
    ("bti_docs.render.html", "finalize_pdfa", "finalize_pdfa (pikepdf, in PDF/A)"),
    ("os", "fsync", "os.fsync (in file; SQLite's own syncs not included)"),
)


# --- the pipeline, stage by stage ----------------------------------------------------------------------

STAGES: tuple[tuple[str, str], ...] = (
    ("validate", "validate (YAML + rules)"),
    ("prepare", "prepare (seal certificate, metadata, glyphs)"),
    ("html", "render HTML (Jinja)"),
    ("pdfa", "PDF/A (WeasyPrint + finalize_pdfa)"),
    ("gate_render", "gate: PDF/A after rendering"),
    ("seal", "seal (pyHanko)"),
    ("gate_seal", "gate: PDF/A + seals after sealing"),
    ("file", "file (plan + archive)"),
)


@dataclass
class StagedRun:
    times: dict[str, float] = field(default_factory=dict)
    html: str = ""
    pdf: bytes = b""
    filed: int = 0


class _Clock:
    def __init__(self, times: dict[str, float]) -> None:
        self.times = times

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.times[stage] = self.times.get(stage, 0.0) + time.perf_counter() - start


def run_staged(path: Path, setup: Setup, archive_root: Path) -> StagedRun:
    """One document through the pipeline, each step timed: the steps of ``render_document`` in its order, then
    filing as ``api.file_one`` does it (open the archive, plan, file)."""
    from bti_docs.archive.filing import Archive
    from bti_docs.archive.plan import plan_filing
    from bti_docs.paths import templates_dir
    from bti_docs.quality import gate_glyphs, gate_pdfa, gate_seals
    from bti_docs.render.context import DocumentMeta, document_title, metadata_title, resolve_lang
    from bti_docs.render.html import html_to_pdf
    from bti_docs.render.templating import render_html
    from bti_docs.seal import seal_ok, seal_pdf, signer_description
    from bti_docs.validate import require_valid

    settings, options = setup.settings, setup.options()
    run = StagedRun()
    clock = _Clock(run.times)
    with clock("validate"):
        validated = api.validate_file(path, settings)
        form = require_valid(validated)
    with clock("prepare"):
        templates = templates_dir()
        lang = options.lang or resolve_lang(form, api.messages_lang(settings))
        now = datetime.now(tz=UTC).replace(microsecond=0)
        sealed_by = signer_description(options.seal)
        meta = DocumentMeta(municipality=settings.kommune.navn, unit=settings.kommune.enheter[form.enhet].navn,
                            lang=lang, sealed_by=sealed_by, sealed_at=now, pdfa_level=options.level.value)
        title, doc_type = metadata_title(form, meta), document_title(form, lang)
        gate_glyphs(form, validated.file)
    with clock("html"):
        run.html = render_html(form, meta, templates / "html")
    with clock("pdfa"):
        pdf = html_to_pdf(run.html, base_dir=templates / "html", level=options.level, title=title,
                          doc_type=doc_type, lang=lang, created=now)
    with clock("gate_render"):
        gate_pdfa(pdf, options.level, stage="rendering")
    with clock("seal"):
        sealed = seal_pdf(pdf, options.seal, level=options.level.value, reason=doc_type,
                          location=settings.kommune.navn)
    with clock("gate_seal"):
        gate_pdfa(sealed, options.level, stage="forsegling")
        status = gate_seals(sealed, options.seal.trust_roots)
    with clock("file"), Archive(archive_root, settings) as archive:
        plan = plan_filing(form, settings, archive)
        if not plan.nothing_to_file:
            docs = plan.documents(pdf=sealed, pdfa_level=options.level.value, seal_signer=status.signer,
                                  seal_time=status.signing_time or now, seal_verified=seal_ok(status))
            run.filed = len(archive.file(docs))
    run.pdf = sealed
    return run


def bare_weasyprint(html: str) -> bytes:
    """The same HTML with plain WeasyPrint: default URL fetcher and font configuration, no PDF/A variant.

    With the same stylesheets (the shipped ``fonts.css`` and ``style.css``), parsed for each document as a
    plain WeasyPrint call does.
    """
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from bti_docs.paths import templates_dir

    folder = templates_dir() / "html"
    fonts = FontConfiguration()
    sheets = [weasyprint.CSS(filename=str(templates_dir() / "fonts" / "fonts.css"), font_config=fonts),
              weasyprint.CSS(filename=str(folder / "style.css"), font_config=fonts)]
    pdf: bytes = weasyprint.HTML(string=html, base_url=folder.resolve().as_uri() + "/").write_pdf(
        stylesheets=sheets, font_config=fonts)
    return pdf


# --- /proc -------------------------------------------------------------------------------------------


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak RSS) of ``pid`` in bytes; empty if the process is gone."""
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    out[key] = int(value.split()[0]) * 1024
    except OSError:
        return {}
    return out


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, grandchildren: the forkserver's workers), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def mib(n: float) -> str:
    return "-" if math.isnan(n) else f"{n / 2**20:.0f}"
