"""Uploaded photos: only real JPEG, PNG or WebP within the limits, upright, without EXIF."""

import resource
import struct
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from marketplace.files.photos import clean_photo

GPS_IFD = 0x8825


def jpeg_with_gps(orientation=1, size=(40, 20)):
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 9.0, 36.0), 3: "E", 4: (4.0, 29.0, 24.0)})
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("straat.jpg", buffer.getvalue(), content_type="image/jpeg")


def png_bomb(width, height):
    """A greyscale PNG of zeros, written row by row so the test itself never holds the pixels."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def test_gps_and_all_exif_are_removed():
    upload = jpeg_with_gps()
    assert Image.open(BytesIO(upload.read())).getexif().get_ifd(GPS_IFD)  # the input really has GPS
    cleaned = clean_photo(upload)
    with Image.open(BytesIO(cleaned.read())) as result:
        assert result.format == "JPEG"
        assert len(result.getexif()) == 0
        assert "exif" not in result.info


def test_photo_is_turned_upright():
    cleaned = clean_photo(jpeg_with_gps(orientation=6, size=(40, 20)))  # 6: rotate 90° to show
    with Image.open(BytesIO(cleaned.read())) as result:
        assert result.size == (20, 40)


def test_the_stored_name_says_nothing_about_the_upload():
    assert not clean_photo(jpeg_with_gps()).name.startswith("straat")


@pytest.mark.parametrize("kind", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(kind):
    buffer = BytesIO()
    Image.new("RGBA", (10, 10), (0, 128, 0, 128)).save(buffer, format=kind)
    cleaned = clean_photo(SimpleUploadedFile(f"x.{kind.lower()}", buffer.getvalue()))
    assert Image.open(BytesIO(cleaned.read())).format == kind


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("brief.jpg", b"<html><script>alert(1)</script></html>", "unreadable"),
        ("leeg.jpg", b"", "unreadable"),
        ("plaatje.gif", None, "wrong_type"),
    ],
)
def test_files_that_are_not_allowed_photos_are_refused(name, content, code):
    if content is None:
        buffer = BytesIO()
        Image.new("RGB", (10, 10)).save(buffer, format="GIF")
        content = buffer.getvalue()
    with pytest.raises(ValidationError) as error:
        clean_photo(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_a_file_over_10_mb_is_refused_before_reading():
    upload = SimpleUploadedFile("groot.jpg", b"\xff" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as error:
        clean_photo(upload)
    assert error.value.code == "too_large"


def test_a_photo_over_40_megapixels_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_photo(SimpleUploadedFile("groot.png", png_bomb(8_000, 6_000)))  # 48 megapixels
    assert error.value.code == "too_many_pixels"


def test_a_decompression_bomb_is_refused_without_decoding_it():
    """A 20000×20000 PNG compresses to a few hundred kB but would need 1.2 GB to decode."""
    upload = SimpleUploadedFile("bom.png", png_bomb(20_000, 20_000))
    assert upload.size < 10 * 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ValidationError) as error:
        clean_photo(upload)
    assert error.value.code == "too_many_pixels"
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 100_000  # the pixels (400 MB as greyscale) were never decoded
