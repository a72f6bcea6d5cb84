"""Checking the photos and files of log entries and deliverables before anything is stored.

The type of a file is read from its contents, never from its name or the browser's word for it:
a page of HTML or SVG that calls itself ``.jpg`` or ``.pdf`` must never be stored, because the
site would later serve it back to the project's people. The name the person gave is kept only
for display; the stored file gets a generated name. Images lose their EXIF (GPS included) the
same way challenge photos do (``marketplace.photos``)."""

import struct
import unicodedata
import uuid
import zipfile
import zlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext as _

from marketplace.choices import AttachmentKind
from marketplace.files.photos import THUMBNAIL_PIXELS, PhotoRefused, read_photo

MAX_FILE_BYTES = 20 * 1024 * 1024


MAX_FILES_PER_ENTRY = 20


MAX_NAME_LENGTH = 200


# An office document has at most a few thousand parts; a bigger central directory is refused
# before zipfile parses it, since it builds an object per entry.
MAX_ZIP_ENTRIES = 10_000


MAX_ZIP_DIRECTORY_BYTES = 1024 * 1024


MAX_ZIP_MEMBER_READ = 256 * 1024


PDF_MAGIC = b"%PDF-"


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class FileType:
    extensions: tuple[str, ...]  # the first one is used for the stored file
    content_type: str
    image_format: str | None = None  # Pillow's name, for images


FILE_TYPES = {
    "pdf": FileType(("pdf",), "application/pdf"),
    "docx": FileType(("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": FileType(("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": FileType(("pptx",), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "odt": FileType(("odt",), "application/vnd.oasis.opendocument.text"),
    "ods": FileType(("ods",), "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": FileType(("odp",), "application/vnd.oasis.opendocument.presentation"),
    "doc": FileType(("doc",), "application/msword"),
    "xls": FileType(("xls",), "application/vnd.ms-excel"),
    "ppt": FileType(("ppt",), "application/vnd.ms-powerpoint"),
    "jpeg": FileType(("jpg", "jpeg"), "image/jpeg", "JPEG"),
    "png": FileType(("png",), "image/png", "PNG"),
    "webp": FileType(("webp",), "image/webp", "WEBP"),
}


IMAGE_TYPES = {key for key, file_type in FILE_TYPES.items() if file_type.image_format}


# The old binary formats share one container; which of the three it holds is in streams deep
# inside it, so the name decides between them.
OLE2_TYPES = ("doc", "xls", "ppt")


# The content type of the main part, as [Content_Types].xml declares it. Macro-enabled
# documents declare another one and are refused.
OOXML_MAIN_PARTS = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}


ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


@dataclass(frozen=True)
class CleanUpload:
    kind: str  # AttachmentKind value
    content: File  # the bytes to store, under a generated "<hex>.<ext>"
    thumbnail: ContentFile | None  # images only: at most 640 px, same format, "<hex>-thumb.<ext>"
    original_name: str  # the person's name for the file, safe to show and to send in headers
    content_type: str  # for the detected type, never the browser's
    size: int


def check_file_count(files) -> None:
    if len(files) > MAX_FILES_PER_ENTRY:
        raise ValidationError(
            _("You can add at most %(max)s files at once.") % {"max": MAX_FILES_PER_ENTRY}, code="too_many_files"
        )


def clean_upload(upload, *, kind: str) -> CleanUpload:
    """What to store for ``upload`` as a ``kind`` attachment, or ValidationError with a message
    that names the file."""
    kind = AttachmentKind(kind).value
    stem, extension = split_name(getattr(upload, "name", "") or "")
    shown = display_name(stem, extension)

    def refuse(message, code):
        return ValidationError(message % {"name": shown}, code=code)

    if kind == AttachmentKind.PHOTO:
        not_allowed = _("“%(name)s” is not a JPEG, PNG or WebP photo.")
    else:
        not_allowed = _("“%(name)s” is not a PDF, office document or photo.")

    if upload.size > MAX_FILE_BYTES:
        raise refuse(_("“%(name)s” is larger than 20 MB."), "too_large")
    if not upload.size:
        raise refuse(_("“%(name)s” is empty."), "empty")

    type_key = detect_type(upload, extension)
    if type_key is None or (kind == AttachmentKind.PHOTO and type_key not in IMAGE_TYPES):
        raise refuse(not_allowed, "wrong_type")
    file_type = FILE_TYPES[type_key]
    if extension.lower() not in file_type.extensions:
        expected = OLE2_TYPES if type_key in OLE2_TYPES else file_type.extensions
        raise ValidationError(
            _("The name of “%(name)s” does not fit its contents: it should end in %(extensions)s.")
            % {"name": shown, "extensions": ", ".join(f".{ext}" for ext in expected)},
            code="wrong_extension",
        )

    stored = uuid.uuid4().hex
    if file_type.image_format is None:
        # Stored from the upload itself, in chunks: a 20 MB document is never held in memory
        # (Django keeps uploads above 2.5 MB in a temporary file).
        upload.seek(0)
        content = File(upload, name=f"{stored}.{file_type.extensions[0]}")
        return CleanUpload(
            kind=kind, content=content, thumbnail=None, original_name=shown,
            content_type=file_type.content_type, size=upload.size,
        )

    try:
        photo = read_photo(upload, max_bytes=MAX_FILE_BYTES)
    except PhotoRefused as refused:
        messages = {
            "too_large": _("“%(name)s” is larger than 20 MB."),
            "wrong_type": not_allowed,
            "too_many_pixels": _("“%(name)s” has more than 40 megapixels."),
            "unreadable": _("“%(name)s” is damaged or not a photo we can read."),
        }
        raise refuse(messages[refused.code], refused.code) from refused
    if photo.format != file_type.image_format:
        raise refuse(_("“%(name)s” is damaged or not a photo we can read."), "unreadable")
    content = photo.encode(name=f"{stored}.{photo.extension}")
    # The thumbnail keeps the photo's format, so the row's content type is right for both.
    thumbnail = photo.encode(name=f"{stored}-thumb.{photo.extension}", max_pixels=THUMBNAIL_PIXELS)
    return CleanUpload(
        kind=kind, content=content, thumbnail=thumbnail, original_name=shown,
        content_type=photo.content_type, size=content.size,
    )


def detect_type(upload, extension: str) -> str | None:
    """The key in ``FILE_TYPES`` that the contents of ``upload`` are, or None."""
    upload.seek(0)
    head = upload.read(16)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        return extension.lower() if extension.lower() in OLE2_TYPES else "doc"
    if head.startswith(ZIP_MAGIC):
        return office_zip_type(upload)
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def office_zip_type(upload) -> str | None:
    """"docx", "xlsx", "pptx", "odt", "ods" or "odp" for a ZIP that is one, else None. Only the
    central directory and at most two small members are read; nothing is extracted."""
    if not zip_directory_is_small(upload):
        return None
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                declared = read_member(archive, "[Content_Types].xml")
                found = [key for key, main_part in OOXML_MAIN_PARTS.items() if main_part in declared]
                return found[0] if len(found) == 1 else None
            if "mimetype" in names:
                return ODF_MIMETYPES.get(read_member(archive, "mimetype").strip())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, RuntimeError, NotImplementedError,
            EOFError, OSError, ValueError):
        # Broken, encrypted or using a compression we do not know: not a document we take.
        return None
    return None


def zip_directory_is_small(upload) -> bool:
    """Whether the ZIP's end record promises a central directory zipfile may parse. A ZIP64
    record is refused: no document of at most 20 MB needs one, and it could override the
    small numbers of the ordinary record."""
    size = upload.size
    tail_length = min(size, 22 + 0xFFFF + 20)
    upload.seek(size - tail_length)
    tail = upload.read(tail_length)
    # Like zipfile: the record without a comment sits in the last 22 bytes, else search back.
    at = len(tail) - 22 if tail[-22:-18] == b"PK\x05\x06" and tail[-2:] == b"\0\0" else tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return False
    if tail[max(at - 20, 0):at].startswith(b"PK\x06\x07"):
        return False
    entries, directory_bytes = struct.unpack("<HI", tail[at + 10:at + 16])
    return entries <= MAX_ZIP_ENTRIES and directory_bytes <= MAX_ZIP_DIRECTORY_BYTES


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """The start of one member; decompressing stops after ``MAX_ZIP_MEMBER_READ`` bytes."""
    with archive.open(name) as member:
        return member.read(MAX_ZIP_MEMBER_READ)


def split_name(raw: str) -> tuple[str, str]:
    """The person's file name as (stem, extension): the last path part only (browsers on
    Windows send backslashes), without control or bidirectional formatting characters (they
    break headers or disguise ".exe" as ".pdf"), whitespace collapsed."""
    name = unicodedata.normalize("NFC", str(raw)).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        " " if unicodedata.category(char) == "Cc" else "" if unicodedata.category(char).startswith("C") else char
        for char in name
    )
    name = " ".join(name.split())
    stem, dot, extension = name.rpartition(".")
    if not dot or not extension.isalnum() or len(extension) > 10:
        stem, extension = name, ""
    return stem.strip(" ."), extension


def shown_name(raw: str) -> str:
    """The person's name for a file, as it is shown and sent back."""
    return display_name(*split_name(raw))


def display_name(stem: str, extension: str) -> str:
    """At most ``MAX_NAME_LENGTH`` characters, the extension kept; never empty, since it is
    shown and sent as the name of the download ("file.pdf" when nothing of the stem is left)."""
    stem = stem or _("file")
    if not extension:
        return stem[:MAX_NAME_LENGTH]
    return f"{stem[:MAX_NAME_LENGTH - len(extension) - 1].rstrip(' .')}.{extension}"

