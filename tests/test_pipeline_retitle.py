"""A document rendered ahead (a batch's workers) under a title the archive later changes is given the new
title, a new seal and the gates again, on the same laid-out pages: no second layout."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from bti_docs import pipeline
from bti_docs.config import Settings
from bti_docs.devcert import DevPki
from bti_docs.options import FileOptions, PdfaLevel
from bti_docs.pdfa import check_pdfa
from bti_docs.pipeline import RenderedDocument
from bti_docs.seal import seal_ok, validate_seals
from bti_docs.validate import Validated, load
from tools import qpdf_check

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "samples" / "sak-a"


@pytest.fixture
def options(tmp_path: Path, dev_pki: DevPki) -> FileOptions:
    return FileOptions(archive=tmp_path / "arkiv", cert=dev_pki.unit_p12, trust=(dev_pki.root_cert,),
                       password_file=dev_pki.password_file)


def count_layouts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML of every layout from now on (WeasyPrint's part of a render)."""
    layouts: list[str] = []
    real = pipeline.lay_out

    def counted(html: str, **kwargs: object) -> bytes:
        layouts.append(html)
        return real(html, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "lay_out", counted)
    return layouts


def render_log_ahead_then_file_its_case(repo_settings: Settings, options: FileOptions) -> tuple[Validated,
                                                                                            RenderedDocument]:
    """The level-2 log rendered ahead while the archive knows nothing of the case (its title says periodic
    filing), then the case's earlier forms filed: now it is a change of level, and its title says so."""
    validated, ahead = pipeline.render_valid(load(CASE / "05-stafettlogg-niva2.yaml", repo_settings),
                                             repo_settings, options)
    for earlier in ("02-samtykke-opprette-stafettlogg", "03-stafettlogg-niva1", "04-samtykke-samarbeid"):
        pipeline.file_one(CASE / f"{earlier}.yaml", repo_settings, options)
    return validated, ahead


def test_a_log_rendered_before_its_consent_was_filed_is_retitled_not_laid_out_again(
    repo_settings: Settings, options: FileOptions, dev_pki: DevPki, monkeypatch: pytest.MonkeyPatch,
) -> None:
    layouts = count_layouts(monkeypatch)
    validated, ahead = render_log_ahead_then_file_its_case(repo_settings, options)
    assert len(layouts) == 4
    outcome = pipeline.file_validated(validated, repo_settings, options, rendered=ahead)
    assert len(layouts) == 4  # the log's pages were reused
    assert outcome.events == ["nivaaendring"]

    pdf_path = options.archive / outcome.filed[0]
    with pikepdf.open(pdf_path) as pdf:
        title = str(pdf.docinfo["/Title"])
        assert title != ahead.title
        assert pdf.open_metadata().get("dc:title") == title
    filed = pdf_path.read_bytes()
    assert not check_pdfa(filed, PdfaLevel.PDFA_2B)
    statuses = validate_seals(filed, [dev_pki.root_cert])
    assert len(statuses) == 1 and seal_ok(statuses[0])
    qpdf_check(pdf_path)


def test_a_render_that_waited_longer_than_a_minute_is_laid_out_again(
    repo_settings: Settings, options: FileOptions, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The page states when it was sealed: a retitle minutes later would seal it under an older time."""
    from dataclasses import replace
    from datetime import timedelta

    validated, ahead = render_log_ahead_then_file_its_case(repo_settings, options)
    layouts = count_layouts(monkeypatch)
    stale = replace(ahead, sealed_at=ahead.sealed_at - timedelta(minutes=5))
    outcome = pipeline.file_validated(validated, repo_settings, options, rendered=stale)
    assert len(layouts) == 1 and outcome.events == ["nivaaendring"]
