"""HTML to PDF/A rendering, the resource fetcher and the shipped fonts, checked on real files."""

from __future__ import annotations

import re
import struct
import zlib
from datetime import UTC, datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest

from bti_docs.errors import RenderError
from bti_docs.pdfa import LEVELS, PdfaLevel, check_pdfa
from bti_docs.render.fonts import (
    FONT_FAMILY,
    FONT_FILES,
    describe_characters,
    fonts_css,
    fonts_dir,
    shipped_fonts,
    uncovered_characters,
)
from bti_docs.render.html import (
    RefusedResource,
    SafeUrlFetcher,
    harfbuzz_subset_available,
    html_to_pdf,
    visible_text,
)
from tools import pdftoppm_png, pdftotext, pikepdf_pdfa, preflight_1b, qpdf_check

NORWEGIAN = "Barnehagen på Ørnes: æøå ÆØÅ"
SAMI = "Sámi: Áá Čč Đđ Ŋŋ Šš Ŧŧ Žž ïÏ ǯǮ ǥǦ"
VIETNAMESE = "Tiếng Việt: Nguyễn Thị Hương ư ơ ạ ặ ễ ỹ"
OTHERS = "Türkçe ğ ı İ ş · Polski ąćęłńóśźż · Lietuvių ąčęėįšųūž · Soomaali: Cabdullaahi Xasan"
PUNCTUATION = "«sitat» – — ’ “ ” „ … § € 0123456789"
SAMPLES = (NORWEGIAN, SAMI, VIETNAMESE, OTHERS, PUNCTUATION)
CREATED = datetime(2024, 5, 1, 10, 20, 30, tzinfo=timezone(timedelta(hours=2)))
TITLE = "Stafettlogg – Eining Nord"


def png(width: int = 4, height: int = 4) -> bytes:
    """A small opaque RGB PNG (no alpha channel: PDF/A-1 forbids soft masks)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x20\x60\xa0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def document(body: str, head: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Stafettlogg</title>'
        f'<link rel="stylesheet" href="style.css">{head}</head><body>{body}</body></html>'
    )


GOOD_BODY = (
    f"<h1>{NORWEGIAN}</h1><p>{SAMI}</p><p><i>{VIETNAMESE}</i></p><p><b>{OTHERS}</b></p><p>{PUNCTUATION}</p>"
    "<table><tr><th>Tiltak</th><th>Ansvarlig</th></tr><tr><td>Samtale</td><td>Helsesykepleier</td></tr></table>"
    '<p><img src="img/logo.png" alt=""> <a href="https://www.example.org/">lenke</a></p>'
)


@pytest.fixture(scope="module")
def base_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("templates")
    (base / "style.css").write_text("body { font-size: 11pt } td, th { border: 1px solid #444 }", encoding="utf-8")
    (base / "img").mkdir()
    (base / "img" / "logo.png").write_bytes(png())
    (base.parent / f"{base.name}-secret.css").write_text("body { color: red }", encoding="utf-8")
    return base


def render(base_dir: Path, html: str, level: PdfaLevel = PdfaLevel.PDFA_2B) -> bytes:
    return html_to_pdf(
        html, base_dir=base_dir, level=level, title=TITLE, doc_type="stafettlogg", lang="nb", created=CREATED
    )


@pytest.fixture(scope="module")
def rendered(base_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[PdfaLevel, Path]:
    out = tmp_path_factory.mktemp("rendered")
    paths = {}
    for level in PdfaLevel:
        paths[level] = out / f"doc-{level}.pdf"
        paths[level].write_bytes(render(base_dir, document(GOOD_BODY), level))
    return paths


# --- rendering --------------------------------------------------------------------------------


@pytest.mark.parametrize("level", list(PdfaLevel))
def test_each_level_passes_the_gate_and_qpdf(rendered: dict[PdfaLevel, Path], level: PdfaLevel) -> None:
    path = rendered[level]
    assert check_pdfa(path, level) == []
    assert check_pdfa(path) == []  # the level it claims
    check = qpdf_check(path)
    assert check.ok, check.output
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version == LEVELS[level].pdf_version
        assert bool(pdf.Root.get("/MarkInfo", {}).get("/Marked", False)) is LEVELS[level].tagged


@pytest.mark.parametrize("level", list(PdfaLevel))
def test_text_comes_out_with_letters_intact(rendered: dict[PdfaLevel, Path], level: PdfaLevel) -> None:
    text = " ".join(pdftotext(rendered[level]).split())
    for sample in SAMPLES:
        assert " ".join(sample.split()) in text


def test_metadata_has_title_type_and_language_and_nothing_from_the_html(base_dir: Path, tmp_path: Path) -> None:
    head = '<meta name="author" content="Kari Nordmann"><meta name="keywords" content="Ola Nordmann 01017012345">'
    html = document("<p>Innhold</p>", head).replace("<title>Stafettlogg</title>", "<title>Ola Nordmann</title>")
    pdf = render(base_dir, html, PdfaLevel.PDFA_1B)
    assert check_pdfa(pdf, PdfaLevel.PDFA_1B) == []
    with pikepdf.open(BytesIO(pdf)) as doc:
        assert {str(k): str(v) for k, v in doc.trailer.Info.items()} == {
            "/Title": TITLE,
            "/Creator": doc.trailer.Info.Creator,
            "/CreationDate": "D:20240501102030+02'00'",
        }
        assert str(doc.Root.Lang) == "nb"
        meta = doc.open_metadata()  # pikepdf's own XMP parser: an independent reading
        assert meta["dc:title"] == TITLE
        assert meta["dc:type"] == {"stafettlogg"}
        assert meta["dc:language"] == {"nb"}
        assert meta["pdfaid:part"] == "1" and meta["pdfaid:conformance"] == "B"
        assert meta["xmp:CreateDate"] == "2024-05-01T10:20:30+02:00"
        plain = tmp_path / "plain.pdf"
        doc.save(plain, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.generalized)
    data = plain.read_bytes()
    for leak in ("Nordmann", "01017012345"):
        assert leak.encode() not in data and leak.encode("utf-16-be") not in data


def test_output_is_deterministic(base_dir: Path) -> None:
    html = document(GOOD_BODY)
    assert render(base_dir, html) == render(base_dir, html)


def test_only_shipped_fonts_are_embedded_and_the_page_shows_them(
    rendered: dict[PdfaLevel, Path], tmp_path: Path
) -> None:
    with pikepdf.open(rendered[PdfaLevel.PDFA_2B]) as pdf:
        fonts = {str(font.BaseFont) for page in pdf.pages for font in page.Resources.Font.values()}
    assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+Noto-Sans(-Bold|-Italic|-Bold-Italic)?", f) for f in fonts)
    pages = pdftoppm_png(rendered[PdfaLevel.PDFA_2B], tmp_path)
    assert len(pages) == 1 and pages[0].stat().st_size > 1000


@pytest.mark.slow
def test_pdfbox_preflight_accepts_1b(rendered: dict[PdfaLevel, Path]) -> None:
    verdict = preflight_1b(rendered[PdfaLevel.PDFA_1B])
    assert verdict.ok, verdict.messages


@pytest.mark.slow
@pytest.mark.parametrize("level", [PdfaLevel.PDFA_1B, PdfaLevel.PDFA_2B])
def test_pikepdf_validator_accepts(rendered: dict[PdfaLevel, Path], level: PdfaLevel) -> None:
    verdict = pikepdf_pdfa(rendered[level], str(level))
    assert verdict.ok, verdict.messages


def test_weasyprint_subsets_fonts_with_harfbuzz() -> None:
    assert harfbuzz_subset_available(), "install libharfbuzz-subset0: fontTools subsetting is much slower"


def test_created_must_have_a_time_zone(base_dir: Path) -> None:
    with pytest.raises(ValueError):
        html_to_pdf(
            document("<p>x</p>"), base_dir=base_dir, level=PdfaLevel.PDFA_2B, title=TITLE, doc_type="x",
            lang="nb", created=datetime(2024, 5, 1, 10, 0),
        )  # fmt: skip


# --- fonts and glyphs -------------------------------------------------------------------------


def test_uncovered_characters_accepts_the_samples_and_finds_the_rest() -> None:
    assert uncovered_characters("\n".join(SAMPLES) + "\t\u00a0\u202f\u00ad\u200b\r\n") == set()
    assert uncovered_characters("Hei 中文 😀 ok") == {"中", "文", "😀"}
    assert uncovered_characters("\ue000") == {"\ue000"}  # private use
    # NFC: e + U+0302 + U+0303 becomes ễ (covered); q + U+0307 has no precomposed form, the mark is covered
    assert uncovered_characters("e\u0302\u0303 q\u0307") == set()
    assert uncovered_characters("a\u20dd") == {"\u20dd"}  # a combining mark the fonts lack
    assert describe_characters({"文", "中"}) == "«中» (U+4E2D), «文» (U+6587)"


def test_text_the_fonts_cannot_show_is_refused(base_dir: Path) -> None:
    with pytest.raises(RenderError, match="U\\+4E2D"):
        render(base_dir, document("<p>Namn: 中</p>"))


def test_system_fonts_are_never_used(base_dir: Path) -> None:
    # ♔ is not in Noto Sans (DejaVu Sans, common on hosts, has it). It is not in the HTML text, so only
    # the glyph check after layout can catch it: WeasyPrint must not have found it in a system font.
    html = document('<p class="k">x</p>', '<style>.k::after { content: "\\2654"; font-family: "DejaVu Sans" }</style>')
    with pytest.raises(RenderError, match="U\\+2654"):
        render(base_dir, html)


def test_visible_text_skips_markup_head_and_styles() -> None:
    html = "<html><head><title>T</title><style>p{}</style></head><body><p>a &amp; &#x4E2D;</p><script>s</script>b"
    assert visible_text(html) == "a & 中b"
    assert visible_text("<title>T</title><body>x") == "x"


def test_shipped_fonts_and_stylesheet() -> None:
    css = fonts_css().read_text(encoding="utf-8")
    assert sorted(re.findall(r'url\("([^"]+)"\)', css)) == sorted(FONT_FILES)
    assert set(re.findall(r'font-family:\s*"([^"]+)"', css)) == {FONT_FAMILY}
    assert all(path.is_file() for path in shipped_fonts())
    assert sum(path.stat().st_size for path in fonts_dir().iterdir()) < 3_000_000
    assert "SIL OPEN FONT LICENSE" in (fonts_dir() / "OFL.txt").read_text(encoding="utf-8")


# --- the URL fetcher --------------------------------------------------------------------------


def test_fetcher_serves_files_under_base_dir(base_dir: Path) -> None:
    fetcher = SafeUrlFetcher(base_dir)
    assert fetcher.resolve((base_dir / "img" / "logo.png").as_uri()) == (base_dir / "img" / "logo.png").resolve()
    response = fetcher.fetch((base_dir / "style.css").as_uri())
    assert response.content_type == "text/css" and b"font-size" in response.read()


def test_fetcher_refuses_everything_else(base_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(png())
    (base_dir / "link.png").unlink(missing_ok=True)
    (base_dir / "link.png").symlink_to(outside)
    fetcher = SafeUrlFetcher(base_dir)
    urls = [
        "file:///etc/passwd",
        "http://example.com/x.png",
        "https://example.com/style.css",
        base_dir.as_uri() + "/../" + base_dir.name + "-secret.css",
        base_dir.as_uri() + "/img/../../" + base_dir.name + "-secret.css",
        (base_dir / "link.png").as_uri(),
        (base_dir / "missing.png").as_uri(),
        "file://otherhost" + (base_dir / "style.css").as_posix(),
        "data:image/png;base64,iVBORw0KGgo=",
    ]
    for url in urls:
        with pytest.raises(RefusedResource):
            fetcher.fetch(url)
    assert fetcher.refused == urls


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="file:///etc/passwd">',
        '<img src="http://example.com/x.png">',
        '<link rel="stylesheet" href="../{secret}">',
        '<img src="link.png">',
        '<img src="nope.png">',
        '<img src="data:image/png;base64,iVBORw0KGgo=">',
        '<div style="background: url(http://example.com/bg.png)">x</div>',
    ],
)
def test_a_refused_resource_fails_the_render(base_dir: Path, tmp_path: Path, markup: str) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(png())
    (base_dir / "link.png").unlink(missing_ok=True)
    (base_dir / "link.png").symlink_to(outside)
    html = document("<p>Tekst</p>" + markup.format(secret=f"{base_dir.name}-secret.css"))
    with pytest.raises(RenderError, match="ikkje finst eller ikkje er tillaten"):
        render(base_dir, html)


def test_user_text_that_looks_like_markup_is_only_text(base_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(render(base_dir, document('<p>&lt;img src="file:///etc/passwd"&gt;</p>')))
    assert '<img src="file:///etc/passwd">' in pdftotext(path)


def test_pdf_dates_are_utc_when_created_is(base_dir: Path) -> None:
    pdf = html_to_pdf(
        document("<p>x</p>"), base_dir=base_dir, level=PdfaLevel.PDFA_2U, title=TITLE, doc_type="samtykke",
        lang="se", created=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
    )  # fmt: skip
    with pikepdf.open(BytesIO(pdf)) as doc:
        assert str(doc.trailer.Info.CreationDate) == "D:20240102030405+00'00'"
        assert doc.open_metadata()["xmp:CreateDate"] == "2024-01-02T03:04:05+00:00"
    assert check_pdfa(pdf, PdfaLevel.PDFA_2U) == []


# --- stylesheets parsed once per process --------------------------------------------------------------


def test_stylesheets_are_parsed_once_and_again_when_the_file_changes(tmp_path: Path) -> None:
    import os

    from bti_docs.render.fonts import shared_font_config
    from bti_docs.render.html import document_stylesheets

    base = tmp_path / "html"
    base.mkdir()
    style = base / "style.css"
    style.write_text("p { color: #111 }", encoding="utf-8")
    config = shared_font_config()
    first = document_stylesheets(base, config)
    assert [a is b for a, b in zip(first, document_stylesheets(base, config), strict=True)] == [True] * 3
    html = document("<p>Tekst i dokumentet</p>")
    before = render(base, html)
    style.write_text("p { color: #c00 }", encoding="utf-8")  # a municipality adjusts its stylesheet
    stat = style.stat()
    os.utime(style, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert document_stylesheets(base, config)[2] is not first[2]
    after = render(base, html)
    assert after != before
    with pikepdf.open(BytesIO(before)) as pdf:
        assert b"0.8 0 0 rg" not in pdf.pages[0].Contents.read_bytes()
    with pikepdf.open(BytesIO(after)) as pdf:
        assert b"0.8 0 0 rg" in pdf.pages[0].Contents.read_bytes()  # the text in #c00


def test_a_stylesheet_that_reaches_outside_is_refused(tmp_path: Path) -> None:
    base = tmp_path / "html"
    base.mkdir()
    (base / "style.css").write_text('@import url("http://example.com/x.css"); p { color: #111 }', encoding="utf-8")
    with pytest.raises(RenderError, match="ikkje finst eller ikkje er tillaten"):
        render(base, document("<p>Tekst</p>"))


def test_each_thread_keeps_its_own_parsed_stylesheets(tmp_path: Path) -> None:
    """The web app and the watcher render on several threads: each keeps its own sheets (parsed with its own
    font configuration), and one thread's parsing never evicts another's."""
    import threading

    from bti_docs.render.fonts import shared_font_config
    from bti_docs.render.html import document_stylesheets

    base = tmp_path / "html"
    base.mkdir()
    (base / "style.css").write_text("p { color: #111 }", encoding="utf-8")
    seen: dict[str, list[list[object]]] = {"a": [], "b": []}
    a_parsed, b_parsed = threading.Event(), threading.Event()

    def first() -> None:  # parses, lets the other thread parse the same files, then asks again
        seen["a"].append(document_stylesheets(base, shared_font_config()))
        a_parsed.set()
        b_parsed.wait(10)
        seen["a"].append(document_stylesheets(base, shared_font_config()))

    def second() -> None:
        a_parsed.wait(10)
        for _ in range(2):
            seen["b"].append(document_stylesheets(base, shared_font_config()))
        b_parsed.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert all(x is y for x, y in zip(*seen["a"], strict=True))
    assert all(x is y for x, y in zip(*seen["b"], strict=True))
    assert not any(x is y for x, y in zip(seen["a"][0], seen["b"][0], strict=True))
