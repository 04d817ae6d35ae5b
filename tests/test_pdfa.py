"""The PDF/A levels, finalize_pdfa and the check_pdfa gate, on real files: PDFs rendered by WeasyPrint,
then broken one rule at a time with pikepdf (or pyHanko's incremental writer) and checked again."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from bti_docs.pdfa import LEVELS, Finding, PdfaLevel, check_pdfa, finalize_pdfa
from bti_docs.render.html import html_to_pdf
from tools import preflight_1b

CREATED = dt.datetime(2024, 5, 1, 10, 20, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
HTML = (
    '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Samtykke</title></head><body>'
    "<h1>Samtykke til samarbeid</h1><p>Føresette: Áá Čč Đđ Ŋŋ Nguyễn</p>"
    '<p><a href="https://www.example.org/">Les meir</a></p></body></html>'
)
L1B, L2B, L2U, L2A = PdfaLevel.PDFA_1B, PdfaLevel.PDFA_2B, PdfaLevel.PDFA_2U, PdfaLevel.PDFA_2A


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[PdfaLevel, bytes]:
    base = tmp_path_factory.mktemp("base")
    return {
        level: html_to_pdf(
            HTML, base_dir=base, level=level, title="Samtykke", doc_type="samtykke", lang="nn", created=CREATED
        )
        for level in PdfaLevel
    }


def broken(pdf: bytes, level: PdfaLevel, change: Callable[[pikepdf.Pdf], object], **save: object) -> bytes:
    """``pdf`` with ``change`` applied, saved without touching anything else (PDF/A-1: PDF 1.4 structure)."""
    with pikepdf.open(BytesIO(pdf)) as doc:
        change(doc)
        out = BytesIO()
        if LEVELS[level].part == 1:
            save = {"object_stream_mode": pikepdf.ObjectStreamMode.disable, "force_version": "1.4", **save}
        if "encryption" not in save:  # keep stream data as it is (qpdf would re-encode LZW with Flate)
            save = {"stream_decode_level": pikepdf.StreamDecodeLevel.none, "compress_streams": False, **save}
        doc.save(out, fix_metadata_version=False, **save)  # type: ignore[arg-type]
        return out.getvalue()


def clauses(findings: list[Finding]) -> set[str]:
    return {finding.clause for finding in findings}


def replace_xmp(doc: pikepdf.Pdf, change: Callable[[str], str]) -> None:
    packet = change(doc.Root.Metadata.read_bytes().decode("utf-8")).encode("utf-8")
    doc.Root.Metadata = doc.make_stream(packet, Type=Name.Metadata, Subtype=Name.XML)


def font_descriptors(doc: pikepdf.Pdf) -> list[pikepdf.Object]:
    fonts = [font for page in doc.pages for font in page.Resources.Font.values()]
    return [d.FontDescriptor for font in fonts for d in font.get("/DescendantFonts", [font])]


def add_widget(doc: pikepdf.Pdf, rect: list[int]) -> None:
    widget = doc.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("felt"), Rect=rect, F=4)
    )
    widget.P = doc.pages[0].obj
    doc.pages[0].obj.Annots = Array([*doc.pages[0].obj.get("/Annots", []), widget])
    doc.Root.AcroForm = Dictionary(Fields=Array([widget]))


def links(doc: pikepdf.Pdf) -> list[pikepdf.Object]:
    return [a for a in doc.pages[0].obj.Annots if a.Subtype == Name.Link]


# --- levels -------------------------------------------------------------------------------------


def test_level_table() -> None:
    from weasyprint.pdf import VARIANTS

    assert {str(level): LEVELS[level].puid for level in PdfaLevel} == {
        "1b": "fmt/354", "2b": "fmt/477", "2u": "fmt/478", "2a": "fmt/476",
    }  # fmt: skip
    for level, spec in LEVELS.items():
        assert LEVELS[level] is spec
        assert spec.weasyprint_variant in VARIANTS
        assert f"{spec.part}{spec.conformance.lower()}" == str(level)
        assert spec.pdf_version == ("1.4" if spec.part == 1 else "1.7")
        assert spec.tagged is (spec.conformance == "A")
        assert spec.unicode is (spec.conformance in "AU")


def test_good_files_pass_and_claim_their_level(good: dict[PdfaLevel, bytes]) -> None:
    for level, pdf in good.items():
        assert check_pdfa(pdf, level) == []
        assert check_pdfa(pdf) == []
        other = L2B if level is L1B else L1B
        assert ("6.7.11" if other is L1B else "6.6.4") in clauses(check_pdfa(pdf, other))


def test_a_path_works_like_bytes(good: dict[PdfaLevel, bytes], tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(good[L1B])
    assert check_pdfa(path, L1B) == []


# --- broken files ---------------------------------------------------------------------------------


def _no_font_file(doc: pikepdf.Pdf) -> None:
    for descriptor in font_descriptors(doc):
        del descriptor["/FontFile2"]


def _no_output_intent(doc: pikepdf.Pdf) -> None:
    del doc.Root["/OutputIntents"]


def _no_identification(doc: pikepdf.Pdf) -> None:
    replace_xmp(doc, lambda xmp: re.sub(r"<pdfaid:(part|conformance)>[^<]*</pdfaid:\1>", "", xmp))


def _other_title(doc: pikepdf.Pdf) -> None:
    doc.trailer.Info.Title = String("Ein annan tittel")


def _widget_without_appearance(doc: pikepdf.Pdf) -> None:
    add_widget(doc, [100, 100, 200, 120])


def _javascript(doc: pikepdf.Pdf) -> None:
    doc.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))


def _transparency(doc: pikepdf.Pdf) -> None:
    doc.pages[0].Resources.ExtGState = Dictionary(GS9=Dictionary(Type=Name.ExtGState, ca=0.5))


def _hidden_link(doc: pikepdf.Pdf) -> None:
    links(doc)[0].F = 4 | 2


def _embedded_file(doc: pikepdf.Pdf) -> None:
    doc.attachments["vedlegg.txt"] = pikepdf.AttachedFileSpec(doc, b"hei", mime_type="text/plain")


def _lzw(doc: pikepdf.Pdf) -> None:
    stream = pikepdf.Stream(doc, b"")
    stream.write(b"\x80\x40\x40", filter=Name.LZWDecode)  # clear code (256), end code (257): 9-bit codes
    doc.Root.BtiTest = stream


def _interpolated_image(doc: pikepdf.Pdf) -> None:
    image = pikepdf.Stream(
        doc, b"\x80\x80\x80", Type=Name.XObject, Subtype=Name.Image, Width=1, Height=1,
        ColorSpace=Name.DeviceRGB, BitsPerComponent=8, Interpolate=True,
    )  # fmt: skip
    doc.pages[0].Resources.XObject = Dictionary(Im9=image)


def _undeclared_xmp_property(doc: pikepdf.Pdf) -> None:
    replace_xmp(doc, lambda xmp: xmp.replace(
        "</rdf:RDF>", '<rdf:Description rdf:about="" xmlns:bti="urn:x-bti:1/"><bti:barn>x</bti:barn>'
        "</rdf:Description></rdf:RDF>",
    ))  # fmt: skip


def _broken_xmp(doc: pikepdf.Pdf) -> None:
    replace_xmp(doc, lambda xmp: xmp.replace("</rdf:RDF>", "<rdf:Description></rdf:RDF>"))


def _page_aa(doc: pikepdf.Pdf) -> None:
    doc.pages[0].obj.AA = Dictionary(O=Dictionary(S=Name.URI, URI=String("https://example.org/")))


def _named_action(doc: pikepdf.Pdf) -> None:
    links(doc)[0].A = Dictionary(S=Name.Named, N=Name.Print)


BROKEN: dict[str, tuple[Callable[[pikepdf.Pdf], object], str | None, str | None]] = {
    # name: (change, clause for PDF/A-1b, clause for PDF/A-2b); None: no finding at that level
    "font not embedded": (_no_font_file, "6.3.4", "6.2.11.4.1"),
    "no output intent": (_no_output_intent, "6.2.2", "6.2.3"),
    "no identification": (_no_identification, "6.7.11", "6.6.4"),
    "Info and XMP disagree": (_other_title, "6.7.3", "19005-1 6.7.3"),
    "widget without appearance": (_widget_without_appearance, "6.9", "6.3.3"),
    "JavaScript": (_javascript, "6.6.1", "6.5.1"),
    "transparency": (_transparency, "6.4", None),
    "hidden annotation": (_hidden_link, "6.5.3", "6.3.2"),
    "embedded file": (_embedded_file, "6.1.11", "6.8"),
    "LZW": (_lzw, "6.1.10", "6.1.7.2"),
    "interpolated image": (_interpolated_image, "6.2.4", "6.2.8"),
    "undeclared XMP property": (_undeclared_xmp_property, "6.7.9", "6.6.2.3.1"),
    "malformed XMP": (_broken_xmp, "6.7.9", "6.6.2.1"),
    "page additional actions": (_page_aa, None, "6.5.2"),
    "named action Print": (_named_action, "6.6.1", "6.5.1"),
}


@pytest.mark.parametrize("name", list(BROKEN))
@pytest.mark.parametrize("level", [L1B, L2B])
def test_the_gate_rejects_a_broken_file_with_the_right_clause(
    good: dict[PdfaLevel, bytes], name: str, level: PdfaLevel
) -> None:
    change, clause_1, clause_2 = BROKEN[name]
    expected = clause_1 if level is L1B else clause_2
    findings = check_pdfa(broken(good[level], level, change), level)
    assert clauses(findings) == ({expected} if expected else set()), findings
    assert all(finding.message for finding in findings)


@pytest.mark.slow
@pytest.mark.parametrize("name", [name for name, (_, clause_1, _) in BROKEN.items() if clause_1])
def test_pdfbox_preflight_agrees_the_broken_1b_files_are_broken(
    good: dict[PdfaLevel, bytes], name: str, tmp_path: Path
) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(broken(good[L1B], L1B, BROKEN[name][0]))
    assert not preflight_1b(path).ok


@pytest.mark.slow
def test_pdfbox_preflight_accepts_the_unchanged_resave(good: dict[PdfaLevel, bytes], tmp_path: Path) -> None:
    # The control for the test above: saving through broken() alone breaks nothing.
    path = tmp_path / "same.pdf"
    path.write_bytes(broken(good[L1B], L1B, lambda doc: None))
    assert check_pdfa(path, L1B) == []
    verdict = preflight_1b(path)
    assert verdict.ok, verdict.messages


def test_encryption(good: dict[PdfaLevel, bytes]) -> None:
    encryption = pikepdf.Encryption(owner="eigar", user="", R=3, aes=False, metadata=False)  # RC4 (PDF 1.4)
    for level in (L1B, L2B):
        assert "6.1.3" in clauses(check_pdfa(broken(good[level], level, lambda d: None, encryption=encryption), level))
    locked = broken(good[L2B], L2B, lambda d: None, encryption=pikepdf.Encryption(owner="a", user="b", R=6))
    assert check_pdfa(locked, L2B) == [Finding("6.1.3", "pdfa.encrypted")]


def test_file_structure(good: dict[PdfaLevel, bytes]) -> None:
    assert clauses(check_pdfa(good[L1B] + b"\n% etterslep\n", L1B)) == {"6.1.3"}
    ascii_comment = re.sub(rb"^(%PDF-1\.4\n%)[^\n]{4}\n", rb"\1abcd\n", good[L1B])  # same length
    assert ascii_comment != good[L1B]
    assert clauses(check_pdfa(ascii_comment, L1B)) == {"6.1.2"}
    assert clauses(check_pdfa(b"dette er ikkje ein PDF", L2B)) == {"6.1"}


def test_level_u_and_a_rules(good: dict[PdfaLevel, bytes]) -> None:
    def no_to_unicode(doc: pikepdf.Pdf) -> None:
        for font in doc.pages[0].Resources.Font.values():
            del font["/ToUnicode"]

    assert clauses(check_pdfa(broken(good[L2U], L2U, no_to_unicode), L2U)) == {"6.2.11.7.2"}
    assert check_pdfa(broken(good[L2B], L2B, no_to_unicode), L2B) == []

    def not_marked(doc: pikepdf.Pdf) -> None:
        doc.Root.MarkInfo.Marked = False

    def no_structure(doc: pikepdf.Pdf) -> None:
        del doc.Root["/StructTreeRoot"]

    assert clauses(check_pdfa(broken(good[L2A], L2A, not_marked), L2A)) == {"6.7.2.2"}
    assert clauses(check_pdfa(broken(good[L2A], L2A, no_structure), L2A)) == {"6.7.3.3"}


def test_zero_size_widgets_need_an_appearance_only_in_pdfa_1(good: dict[PdfaLevel, bytes]) -> None:
    assert clauses(check_pdfa(broken(good[L1B], L1B, lambda d: add_widget(d, [0, 0, 0, 0])), L1B)) == {"6.9"}
    assert check_pdfa(broken(good[L2B], L2B, lambda d: add_widget(d, [0, 0, 0, 0])), L2B) == []


def test_declared_extension_schema_is_accepted(good: dict[PdfaLevel, bytes]) -> None:
    schema = (
        '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
        'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
        '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource"><pdfaSchema:schema>x</pdfaSchema:schema>'
        "<pdfaSchema:namespaceURI>urn:x-bti:1/</pdfaSchema:namespaceURI><pdfaSchema:prefix>bti</pdfaSchema:prefix>"
        '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource"><pdfaProperty:name>barn</pdfaProperty:name>'
        "<pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>"
        "<pdfaProperty:description>x</pdfaProperty:description></rdf:li></rdf:Seq></pdfaSchema:property>"
        "</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description></rdf:RDF>"
    )

    def declared(doc: pikepdf.Pdf) -> None:
        _undeclared_xmp_property(doc)
        replace_xmp(doc, lambda xmp: xmp.replace("</rdf:RDF>", schema))

    assert check_pdfa(broken(good[L2B], L2B, declared), L2B) == []


def test_dates_compare_as_instants(good: dict[PdfaLevel, bytes]) -> None:
    def same_instant(doc: pikepdf.Pdf) -> None:
        doc.trailer.Info.CreationDate = String("D:20240501082030Z")

    def other_instant(doc: pikepdf.Pdf) -> None:
        doc.trailer.Info.CreationDate = String("D:20240501102031+02'00'")

    assert check_pdfa(broken(good[L1B], L1B, same_instant), L1B) == []
    assert clauses(check_pdfa(broken(good[L1B], L1B, other_instant), L1B)) == {"6.7.3"}


# --- incremental updates (as pyHanko appends them when it seals) ----------------------------------


def append_revision(pdf: bytes, objects: dict[int, bytes]) -> bytes:
    """``pdf`` with an incremental update (classic xref section) that adds or replaces ``objects``."""
    with pikepdf.open(BytesIO(pdf)) as doc:
        trailer = b"/Size %d /Root %d 0 R /Info %d 0 R /ID %s" % (
            max(int(doc.trailer.Size), *(n + 1 for n in objects)), doc.Root.objgen[0],
            doc.trailer.Info.objgen[0], doc.trailer.ID.unparse(),
        )  # fmt: skip
    previous = re.findall(rb"startxref\s+(\d+)", pdf)[-1]
    out, offsets = bytearray(pdf), {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n" + b"".join(b"%d 1\n%010d 00000 n \n" % (n, offsets[n]) for n in sorted(offsets))
    out += b"trailer\n<< %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, previous, xref)
    return bytes(out)


def test_compressed_xmp_in_an_appended_revision(good: dict[PdfaLevel, bytes]) -> None:
    # qpdf always writes the catalog's XMP uncompressed, so the update is made by hand.
    for level in (L1B, L2B):
        with pikepdf.open(BytesIO(good[level])) as doc:
            packet, root, size = doc.Root.Metadata.read_bytes(), doc.Root, int(doc.trailer.Size)
            catalog = re.sub(rb"/Metadata \d+ 0 R", b"/Metadata %d 0 R" % size, root.unparse(resolved=True))
            number = root.objgen[0]
        data = zlib.compress(packet)
        stream = b"<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (
            len(data), data,
        )  # fmt: skip
        updated = append_revision(good[level], {number: catalog, size: stream})
        assert clauses(check_pdfa(updated, level)) == ({"6.7.2"} if level is L1B else set())


def incremental(pdf: bytes, change: Callable[[object], object]) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    change(writer)
    out = BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(pdf)
    return out.getvalue()


def test_the_final_revision_is_checked(good: dict[PdfaLevel, bytes]) -> None:
    from pyhanko.pdf_utils import generic

    def add_javascript(writer: object) -> None:
        root = writer.root  # type: ignore[attr-defined]
        root["/OpenAction"] = generic.DictionaryObject(
            {
                generic.NameObject("/S"): generic.NameObject("/JavaScript"),
                generic.NameObject("/JS"): generic.TextStringObject("x"),
            }
        )
        writer.update_root()  # type: ignore[attr-defined]

    for level in (L1B, L2B):
        assert check_pdfa(incremental(good[level], lambda w: None), level) == []
        assert clauses(check_pdfa(incremental(good[level], add_javascript), level)) == {
            "6.6.1" if level is L1B else "6.5.1"
        }


def _sign(pdf: bytes, tmp_path: Path) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(7).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    signer = signers.SimpleSigner.load(str(tmp_path / "key.pem"), str(tmp_path / "cert.pem"))
    out = BytesIO()
    signers.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(pdf)), signers.PdfSignatureMetadata(field_name="Segl"), signer=signer,
        output=out,
    )  # fmt: skip
    return out.getvalue()


def test_a_signed_file_is_checked_on_its_final_revision(good: dict[PdfaLevel, bytes], tmp_path: Path) -> None:
    sealed = _sign(good[L2B], tmp_path)
    assert check_pdfa(sealed, L2B) == []  # an invisible (zero-size) signature widget needs no appearance

    # The ByteRange must cover the whole signed revision: shorten the second range (same byte length).
    def shorter(match: re.Match[bytes]) -> bytes:
        text = b"/ByteRange [%s %s %s %d]" % (match[1], match[2], match[3], int(match[4]) - 10)
        return text.ljust(len(match[0]))

    tampered = re.sub(rb"/ByteRange ?\[ *(\d+) +(\d+) +(\d+) +(\d+) *\]", shorter, sealed)
    assert tampered != sealed
    assert "6.4.3" in clauses(check_pdfa(tampered, L2B))


# --- finalize_pdfa ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"created": dt.datetime(2024, 5, 1, 10, 0)},
        {"lang": "norsk bokmål"},
        {"title": " "},
        {"doc_type": "a\x00b"},
    ],
)
def test_finalize_refuses_bad_arguments(good: dict[PdfaLevel, bytes], kwargs: dict[str, object]) -> None:
    arguments: dict[str, object] = {"title": "T", "doc_type": "samtykke", "created": CREATED, "lang": "nb", **kwargs}
    with pytest.raises(ValueError):
        finalize_pdfa(good[L2B], L2B, **arguments)  # type: ignore[arg-type]


def test_finalize_is_idempotent_and_deterministic(good: dict[PdfaLevel, bytes]) -> None:
    again = finalize_pdfa(good[L1B], L1B, title="Samtykke", doc_type="samtykke", created=CREATED, lang="nn")
    assert again == finalize_pdfa(good[L1B], L1B, title="Samtykke", doc_type="samtykke", created=CREATED, lang="nn")
    assert check_pdfa(again, L1B) == []
    with pikepdf.open(BytesIO(again)) as doc:
        meta = doc.open_metadata()
        assert meta["dc:title"] == "Samtykke" and meta["dc:type"] == {"samtykke"} and meta["dc:language"] == {"nn"}


@pytest.mark.parametrize("level", [PdfaLevel.PDFA_1B, PdfaLevel.PDFA_2B])
def test_a_damaged_compressed_stream_is_a_finding_not_a_crash(good: dict[PdfaLevel, bytes], level: PdfaLevel) -> None:
    with pikepdf.open(BytesIO(good[level])) as pdf:
        pdf.Root.Metadata.write(b"\x78\x9c not deflate data at all", filter=Name.FlateDecode)
        out = BytesIO()
        pdf.save(out, fix_metadata_version=False)
    findings = check_pdfa(out.getvalue(), level)
    assert findings and findings[0].clause == "6.1"
