"""Photos and files of log entries and deliverables: the type is read from the contents, the
name is only for display, images lose their EXIF, and nothing large is decoded or unpacked."""

import re
import struct
import tracemalloc
import zipfile
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageFile
from PIL.PngImagePlugin import PngInfo

from marketplace.choices import AttachmentKind
from marketplace.files.uploads import MAX_FILE_BYTES, MAX_FILES_PER_ENTRY, check_file_count, clean_upload

GPS_IFD = 0x8825
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.[a-z]+$")
THUMBNAIL_NAME = re.compile(r"^[0-9a-f]{32}-thumb\.[a-z]+$")
FILE_KINDS = [AttachmentKind.FILE, AttachmentKind.DELIVERABLE]


def image_bytes(format, size=(40, 20), mode="RGB", **save_options):
    buffer = BytesIO()
    colour = {"RGB": (200, 30, 30), "RGBA": (0, 128, 0, 128), "L": 90}[mode]
    Image.new(mode, size, colour).save(
        buffer, format=format, **save_options
    )
    return buffer.getvalue()


def gps_exif(orientation=1):
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 9.0, 36.0), 3: "E", 4: (4.0, 29.0, 24.0)})
    return exif


def zip_bytes(members):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ooxml(main_part_type):
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/main.xml" ContentType="{main_part_type}"/></Types>'
    )
    return zip_bytes({"[Content_Types].xml": content_types, "_rels/.rels": "<Relationships/>", "main.xml": "<x/>"})


def odf(mimetype):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def png_header_only(width, height):
    """A real 1×1 PNG whose header claims ``width``×``height``: a few dozen bytes that would
    need width×height bytes of memory if anyone decoded it."""
    data = bytearray(image_bytes("PNG", size=(1, 1), mode="L"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture(autouse=True)
def _english():
    """The messages are compared in their source language."""
    with translation.override("en"):
        yield


# --- accepted types --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", FILE_KINDS)
@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("verslag.pdf", PDF, "application/pdf"),
        ("verslag.docx", ooxml(DOCX_TYPE + ".main+xml"), DOCX_TYPE),
        (
            "cijfers.xlsx",
            ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "presentatie.pptx",
            ooxml("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("verslag.odt", odf("application/vnd.oasis.opendocument.text"), "application/vnd.oasis.opendocument.text"),
        (
            "cijfers.ods",
            odf("application/vnd.oasis.opendocument.spreadsheet"),
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
        (
            "presentatie.odp",
            odf("application/vnd.oasis.opendocument.presentation"),
            "application/vnd.oasis.opendocument.presentation",
        ),
        ("oud.doc", OLE2, "application/msword"),
        ("oud.xls", OLE2, "application/vnd.ms-excel"),
        ("oud.ppt", OLE2, "application/vnd.ms-powerpoint"),
    ],
)
def test_documents_are_stored_as_they_are_under_a_generated_name(kind, name, content, content_type):
    cleaned = clean_upload(upload(name, content), kind=kind)
    assert cleaned.kind == kind
    assert cleaned.content.read() == content
    assert cleaned.content.name.endswith("." + name.rsplit(".", 1)[1])
    assert STORED_NAME.match(cleaned.content.name)
    assert cleaned.thumbnail is None
    assert cleaned.content_type == content_type  # not the browser's application/octet-stream
    assert cleaned.original_name == name
    assert cleaned.size == len(content)


@pytest.mark.parametrize("kind", [AttachmentKind.PHOTO, *FILE_KINDS])
@pytest.mark.parametrize(
    ("name", "format", "content_type"),
    [("foto.jpg", "JPEG", "image/jpeg"), ("foto.JPEG", "JPEG", "image/jpeg"),
     ("foto.png", "PNG", "image/png"), ("foto.webp", "WEBP", "image/webp")],
)
def test_images_are_rebuilt_with_a_thumbnail_of_at_most_640_pixels(kind, name, format, content_type):
    cleaned = clean_upload(upload(name, image_bytes(format, size=(1600, 900))), kind=kind)
    assert cleaned.kind == kind
    assert cleaned.content_type == content_type
    assert cleaned.original_name == name
    assert STORED_NAME.match(cleaned.content.name)
    assert THUMBNAIL_NAME.match(cleaned.thumbnail.name)
    assert cleaned.thumbnail.name.split("-")[0] == cleaned.content.name.split(".")[0]
    with Image.open(BytesIO(cleaned.content.read())) as stored:
        assert (stored.format, stored.size) == (format, (1600, 900))
    with Image.open(BytesIO(cleaned.thumbnail.read())) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == (format, (640, 360))
    assert cleaned.size == cleaned.content.size


def test_a_small_image_keeps_its_size_in_the_thumbnail():
    cleaned = clean_upload(upload("klein.png", image_bytes("PNG", size=(30, 10))), kind=AttachmentKind.PHOTO)
    with Image.open(BytesIO(cleaned.thumbnail.read())) as thumbnail:
        assert thumbnail.size == (30, 10)


# --- refused types ---------------------------------------------------------------------------


def refusal(name, content, kind):
    with pytest.raises(ValidationError) as error:
        clean_upload(upload(name, content), kind=kind)
    return error.value


@pytest.mark.parametrize(
    ("name", "content", "kind", "message"),
    [
        ("foto.jpg", HTML, AttachmentKind.PHOTO, "“foto.jpg” is not a JPEG, PNG or WebP photo."),
        ("foto.jpg", HTML, AttachmentKind.FILE, "“foto.jpg” is not a PDF, office document or photo."),
        ("foto.jpg", SVG, AttachmentKind.PHOTO, "“foto.jpg” is not a JPEG, PNG or WebP photo."),
        ("foto.jpg", SVG, AttachmentKind.FILE, "“foto.jpg” is not a PDF, office document or photo."),
        ("foto.svg", SVG, AttachmentKind.FILE, "“foto.svg” is not a PDF, office document or photo."),
        ("verslag.pdf", HTML, AttachmentKind.FILE, "“verslag.pdf” is not a PDF, office document or photo."),
        ("verslag.pdf", HTML, AttachmentKind.DELIVERABLE, "“verslag.pdf” is not a PDF, office document or photo."),
        ("setup.exe", b"MZ\x90\x00\x03" + bytes(200), AttachmentKind.FILE,
         "“setup.exe” is not a PDF, office document or photo."),
        ("archief.docx", zip_bytes({"readme.txt": "hallo", "page.html": HTML}), AttachmentKind.FILE,
         "“archief.docx” is not a PDF, office document or photo."),
        # A macro-enabled workbook declares another main part: refused even when named .xlsx.
        ("macro.xlsx", ooxml("application/vnd.ms-excel.sheet.macroEnabled.main+xml"), AttachmentKind.FILE,
         "“macro.xlsx” is not a PDF, office document or photo."),
        ("plaatje.gif", image_bytes("GIF"), AttachmentKind.PHOTO, "“plaatje.gif” is not a JPEG, PNG or WebP photo."),
        ("verslag.pdf", PDF, AttachmentKind.PHOTO, "“verslag.pdf” is not a JPEG, PNG or WebP photo."),
    ],
)
def test_contents_that_are_not_allowed_are_refused_whatever_their_name(name, content, kind, message):
    error = refusal(name, content, kind)
    assert error.code == "wrong_type"
    assert error.messages == [message]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("verslag.docx", PDF, ".pdf"),
        ("verslag.exe", PDF, ".pdf"),
        ("verslag", PDF, ".pdf"),
        ("foto.pdf", image_bytes("JPEG"), ".jpg, .jpeg"),
        ("foto.png", image_bytes("JPEG"), ".jpg, .jpeg"),
        ("oud.pdf", OLE2, ".doc, .xls, .ppt"),
        ("verslag.odt", ooxml(DOCX_TYPE + ".main+xml"), ".docx"),
    ],
)
def test_the_name_must_fit_the_contents(name, content, expected):
    error = refusal(name, content, AttachmentKind.FILE)
    assert error.code == "wrong_extension"
    assert error.messages == [f"The name of “{name}” does not fit its contents: it should end in {expected}."]


def test_a_file_over_20_mb_is_refused_before_reading():
    content = PDF + bytes(MAX_FILE_BYTES + 1 - len(PDF))
    error = refusal("groot.pdf", content, AttachmentKind.FILE)
    assert error.code == "too_large"
    assert error.messages == ["“groot.pdf” is larger than 20 MB."]


def test_a_file_of_exactly_20_mb_is_accepted():
    content = PDF + bytes(MAX_FILE_BYTES - len(PDF))
    assert clean_upload(upload("precies.pdf", content), kind=AttachmentKind.FILE).size == MAX_FILE_BYTES


def test_an_empty_file_is_refused():
    error = refusal("leeg.pdf", b"", AttachmentKind.FILE)
    assert error.code == "empty"
    assert error.messages == ["“leeg.pdf” is empty."]


def test_a_damaged_image_is_refused():
    error = refusal("kapot.jpg", image_bytes("JPEG")[:30], AttachmentKind.PHOTO)
    assert error.code == "unreadable"
    assert error.messages == ["“kapot.jpg” is damaged or not a photo we can read."]


def test_a_zip_with_a_huge_central_directory_is_not_parsed():
    """An end record promising a directory of a few MB is refused before zipfile builds an
    object per entry."""
    content = bytearray(zip_bytes({"[Content_Types].xml": "<Types/>"}))
    end = content.rfind(b"PK\x05\x06")
    content[end + 10:end + 16] = struct.pack("<HI", 60_000, 5 * 1024 * 1024)
    error = refusal("groot.docx", bytes(content), AttachmentKind.FILE)
    assert error.code == "wrong_type"


def test_an_encrypted_or_broken_zip_is_refused_without_an_error():
    content = bytearray(ooxml(DOCX_TYPE + ".main+xml"))
    content[40:80] = bytes(40)  # inside the first member's compressed data
    assert refusal("kapot.docx", bytes(content), AttachmentKind.FILE).code == "wrong_type"


# --- decompression bombs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (20_000, 20_000),  # 400 MP: Pillow itself refuses to open it
        (10_000, 10_000),  # 100 MP: Pillow only warns
        (8_000, 6_000),  # 48 MP: only our own limit stops it
    ],
)
@pytest.mark.parametrize("kind", [AttachmentKind.PHOTO, AttachmentKind.FILE])
def test_a_decompression_bomb_is_refused_before_its_pixels_are_decoded(monkeypatch, kind, width, height):
    decoded = []
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image.size) or real_load(image))
    bomb = upload("bom.png", png_header_only(width, height))
    assert bomb.size < 1024

    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as error:
            clean_upload(bomb, kind=kind)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert error.value.code == "too_many_pixels"
    assert error.value.messages == ["“bom.png” has more than 40 megapixels."]
    # tracemalloc sees Python's allocations, not Pillow's pixel buffers; that no decoding
    # started at all is what shows those were never allocated.
    assert decoded == []
    assert peak < 50 * 1024 * 1024
    clean_upload(upload("klein.png", image_bytes("PNG", size=(4, 4))), kind=kind)
    assert (4, 4) in decoded  # the spy does see decoding


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "original_name"),
    [
        ("../../x.pdf", "x.pdf"),
        ("..\\..\\x.pdf", "x.pdf"),
        ("C:\\Users\\sanne\\Documents\\x.pdf", "x.pdf"),
        ('"quoted" name.pdf', '"quoted" name.pdf'),
        ("naïve café.pdf", "naïve café.pdf"),
        ("nai\u0308ve.pdf", "naïve.pdf"),  # decomposed, as macOS sends it
        ("regel een\nregel twee\r\n.pdf", "regel een regel twee.pdf"),
        ("kop\x00\x1b[31m.pdf", "kop [31m.pdf"),
        ("foto\u202egpj.pdf", "fotogpj.pdf"),  # a right-to-left override would show "fotofdp.jpg"
        (".pdf", "file.pdf"),
        ("   .pdf", "file.pdf"),
        ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
    ],
)
def test_the_name_is_kept_for_display_only_and_made_safe(name, original_name):
    # A ContentFile keeps the name as given; an UploadedFile would already cut off the path.
    cleaned = clean_upload(ContentFile(PDF, name=name), kind=AttachmentKind.FILE)
    assert cleaned.original_name == original_name
    assert len(cleaned.original_name) <= 200
    assert STORED_NAME.match(cleaned.content.name)
    assert not any(char in cleaned.original_name for char in "/\\\r\n\x00")


@pytest.mark.parametrize(
    ("name", "original_name"),
    [("naïve café.jpg", "naïve café.jpg"), ("../../foto.jpg", "foto.jpg"), ("foto\n.jpg", "foto.jpg")],
)
def test_a_photo_is_stored_under_a_generated_name(name, original_name):
    cleaned = clean_upload(ContentFile(image_bytes("JPEG"), name=name), kind=AttachmentKind.PHOTO)
    assert STORED_NAME.match(cleaned.content.name)
    assert cleaned.content.name.endswith(".jpg")
    assert cleaned.original_name == original_name


# --- how many at once ------------------------------------------------------------------------


def test_at_most_20_files_at_once():
    files = [upload(f"{number}.pdf", PDF) for number in range(MAX_FILES_PER_ENTRY + 1)]
    check_file_count(files[:MAX_FILES_PER_ENTRY])
    with pytest.raises(ValidationError) as error:
        check_file_count(files)
    assert error.value.code == "too_many_files"
    assert error.value.messages == ["You can add at most 20 files at once."]


# --- metadata --------------------------------------------------------------------------------


def assert_without_metadata(data):
    with Image.open(BytesIO(data)) as image:
        assert len(image.getexif()) == 0
        assert not image.getexif().get_ifd(GPS_IFD)
        assert "exif" not in image.info
        assert not {"Comment", "comment", "Author", "GPS"} & set(image.info)
        return image.size


@pytest.mark.parametrize("kind", [AttachmentKind.PHOTO, *FILE_KINDS])
def test_gps_and_all_exif_are_removed_from_the_photo_and_its_thumbnail(kind):
    content = image_bytes("JPEG", exif=gps_exif())
    with Image.open(BytesIO(content)) as original:
        assert original.getexif().get_ifd(GPS_IFD)  # the input really carries GPS
    cleaned = clean_upload(upload("straat.jpg", content), kind=kind)
    assert_without_metadata(cleaned.content.read())
    assert_without_metadata(cleaned.thumbnail.read())


def test_text_chunks_and_exif_are_removed_from_a_png():
    text = PngInfo()
    text.add_text("Comment", "Achter het huis van Anneke, Breestraat 12")
    text.add_text("Author", "Sanne")
    content = image_bytes("PNG", pnginfo=text, exif=gps_exif())
    with Image.open(BytesIO(content)) as original:
        assert original.info["Comment"] and original.getexif().get_ifd(GPS_IFD)
    cleaned = clean_upload(upload("tuin.png", content), kind=AttachmentKind.PHOTO)
    for data in (cleaned.content.read(), cleaned.thumbnail.read()):
        assert_without_metadata(data)
        assert b"Breestraat" not in data


def test_a_photo_taken_sideways_is_stored_upright():
    content = image_bytes("JPEG", size=(1200, 800), exif=gps_exif(orientation=6))  # 6: turn 90° to show
    cleaned = clean_upload(upload("staand.jpg", content), kind=AttachmentKind.PHOTO)
    assert assert_without_metadata(cleaned.content.read()) == (800, 1200)
    assert assert_without_metadata(cleaned.thumbnail.read()) == (427, 640)
