"""Upload abuse as the site meets it: through the log entry and delivery forms, with real HTTP
requests. Every case gets a clear message on the form (or is stored under a safe name), the
typed text stays, nothing half-saved, and never a 5xx. The decompression bomb is a real
20000×20000 PNG (400 megapixels, 400 MB once decoded) whose peak memory in this process is
measured by the kernel's high-water mark."""

import re
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from marketplace.models import Attachment, LogEntry

pytestmark = pytest.mark.django_db

TEXT = "Vandaag de bankjes in het park geteld."


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@pytest.fixture(scope="module")
def png_bomb() -> bytes:
    """A valid, fully compressed 20000×20000 greyscale PNG of zeros: about 400 KB on the wire."""
    width = height = 20_000
    compressor = zlib.compressobj(9)
    row = b"\0" * (width + 1)  # filter byte + pixels
    block = row * 500
    data = b"".join(compressor.compress(block) for _ in range(height // 500)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def _high_water_mark_kb() -> int:
    return int(re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text()).group(1))


def _reset_high_water_mark() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _log_url(project):
    with translation.override("en"):
        return reverse("projects:log_new", args=[project.pk])


def _post(client, project, **files):
    data = {"date": timezone.localdate().isoformat(), "text": TEXT, **files}
    return client.post(_log_url(project), data)


CASES = {
    "html renamed .jpg (photo)": ("photos", "kat.jpg", b"<!doctype html><script>alert(document.cookie)</script>",
                                  "“kat.jpg” is not a JPEG, PNG or WebP photo."),
    "svg renamed .jpg (photo)": ("photos", "logo.jpg",
                                 b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
                                 "“logo.jpg” is not a JPEG, PNG or WebP photo."),
    "html renamed .jpg (file)": ("files", "kat.jpg", b"<html><body onload=alert(1)></body></html>",
                                 "“kat.jpg” is not a PDF, office document or photo."),
    "svg renamed .pdf (file)": ("files", "plan.pdf", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
                                "“plan.pdf” is not a PDF, office document or photo."),
    "program (file)": ("files", "setup.exe", b"MZ\x90\x00\x03\x00\x00\x00", "“setup.exe” is not a PDF"),
    "empty (file)": ("files", "leeg.pdf", b"", None),
}


@pytest.mark.parametrize("case", CASES)
def test_disguised_files_are_refused_with_a_message(client, project_world, case):
    field, name, content, message = CASES[case]
    client.force_login(project_world["people"]["member"])
    response = _post(client, project_world["project"], **{field: [SimpleUploadedFile(name, content)]})
    assert response.status_code == 200
    page = response.content.decode()
    assert TEXT in page and "errorlist" in page
    if message:
        assert message in page
    assert not LogEntry.objects.exists() and not Attachment.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["../../x.pdf", "..\\..\\..\\windows\\x.pdf", 'Verslag "definitief".pdf', "Verslag 'v2'.pdf",
     "notulen\tjuni.pdf", "café naïef.pdf"],
)
def test_dangerous_names_are_stored_under_a_generated_name_and_sent_back_safely(client, project_world, name):
    client.force_login(project_world["people"]["member"])
    response = _post(client, project_world["project"], files=[SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n")])
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    stored = Path(attachment.file.path)
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", stored.name)
    assert stored.resolve().is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    for forbidden in ("/", "\\", "\r", "\n", ".."):
        assert forbidden not in attachment.original_name
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "\r" not in disposition and "\n" not in disposition and "Set-Cookie" not in download.headers
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n%%EOF\n"


def test_a_line_break_in_a_file_name_cannot_inject_a_header(client, project_world):
    """A raw line break ends the part's header in the request itself; what arrives is a name
    that does not fit its contents, refused with a message. Nothing is stored."""
    client.force_login(project_world["people"]["member"])
    name = "notulen\r\nSet-Cookie: a=b.pdf"
    response = _post(client, project_world["project"], files=[SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n")])
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() and TEXT in response.content.decode()
    assert "Set-Cookie" not in response.headers and not Attachment.objects.exists()


def test_101_files_in_one_request_is_a_clear_message(client, project_world):
    client.force_login(project_world["people"]["member"])
    files = [SimpleUploadedFile(f"scan{n}.pdf", b"%PDF-1.4\n%%EOF\n") for n in range(101)]
    response = _post(client, project_world["project"], files=files)
    assert response.status_code == 200
    page = response.content.decode()
    assert "You can add at most 20 files at once." in page and TEXT in page
    assert not LogEntry.objects.exists() and not Attachment.objects.exists()


def test_a_file_over_20_mb_is_refused(client, project_world):
    client.force_login(project_world["people"]["member"])
    big = SimpleUploadedFile("rapport.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024))
    response = _post(client, project_world["project"], files=[big])
    assert response.status_code == 200
    assert "“rapport.pdf” is larger than 20 MB." in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("field", ["photos", "files"])
def test_a_decompression_bomb_is_refused_with_bounded_memory(client, project_world, png_bomb, field):
    assert len(png_bomb) < 1024 * 1024
    client.force_login(project_world["people"]["member"])
    measured = _reset_high_water_mark()
    before = _high_water_mark_kb()
    response = _post(client, project_world["project"], **{field: [SimpleUploadedFile("bom.png", png_bomb)]})
    grown_mb = (_high_water_mark_kb() - before) / 1024
    assert response.status_code == 200
    assert "“bom.png” has more than 40 megapixels." in response.content.decode()
    assert not Attachment.objects.exists()
    if measured:
        # Decoding would take 400 MB; the request as a whole stays within a few MB.
        print(f"peak memory growth during the bomb request ({field}): {grown_mb:.1f} MB")
        assert grown_mb < 50


def test_a_bomb_as_the_deliverable_is_refused_too(client, project_world, png_bomb):
    client.force_login(project_world["people"]["member"])
    with translation.override("en"):
        url = reverse("projects:deliver", args=[project_world["project"].pk])
    response = client.post(url, {"summary": "Ons advies.", "file": SimpleUploadedFile("bom.png", png_bomb)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "“bom.png” has more than 40 megapixels." in page and "Ons advies." in page
    assert not Attachment.objects.exists()
