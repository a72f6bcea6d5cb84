"""Photos uploaded by residents and teams: checked, turned upright and stripped of EXIF (GPS
included) before anything is stored.

One implementation for every place that takes a photo: challenge photos (``clean_photo``) and
the photos and images of projects (``marketplace.uploads``), which word their messages
differently and so receive a ``PhotoRefused`` with a code instead of a finished message."""

import uuid
from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024


MAX_PIXELS = 40_000_000


THUMBNAIL_PIXELS = 640


FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


class PhotoRefused(Exception):
    """Why a photo cannot be used: ``too_large``, ``wrong_type``, ``too_many_pixels`` or
    ``unreadable``. The caller words the message for the person."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CleanPhoto:
    """A photo rebuilt from its pixels alone, in its own format (``JPEG``, ``PNG`` or ``WEBP``)."""

    format: str
    image: Image.Image

    @property
    def extension(self) -> str:
        return FORMATS[self.format]

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]

    def encode(self, *, name: str, max_pixels: int | None = None) -> ContentFile:
        """The photo as a file called ``name``; ``max_pixels`` shrinks it to fit that square."""
        image = self.image
        if max_pixels is not None and max(image.size) > max_pixels:
            image = image.copy()
            image.thumbnail((max_pixels, max_pixels))
        buffer = BytesIO()
        image.save(buffer, format=self.format, **({"quality": 88} if self.format in ("JPEG", "WEBP") else {}))
        return ContentFile(buffer.getvalue(), name=name)


def read_photo(upload, *, max_bytes: int) -> CleanPhoto:
    """The upright pixels of ``upload`` without any metadata, or ``PhotoRefused``. The size is
    read from the header before any pixel is decoded, so an oversized image (a decompression
    bomb) never reaches memory."""
    if upload.size > max_bytes:
        raise PhotoRefused("too_large")
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
            if kind not in FORMATS:
                raise PhotoRefused("wrong_type")
            if width * height > MAX_PIXELS:
                raise PhotoRefused("too_many_pixels")
            probe.load()
            upright = ImageOps.exif_transpose(probe)
    except PhotoRefused:
        raise
    # Pillow warns above ~89 MP and refuses above twice that, both before decoding; our own
    # limit is lower, so either means the same thing (the warning is an error in the tests).
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoRefused("too_many_pixels") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise PhotoRefused("unreadable") from error
    if upright.mode not in ("RGB", "RGBA", "L", "LA"):
        upright = upright.convert("RGBA" if "transparency" in upright.info or "A" in upright.mode else "RGB")
    if kind == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    # A new image from the pixels alone: no EXIF, no GPS, no comments, no text chunks.
    return CleanPhoto(format=kind, image=Image.frombytes(upright.mode, upright.size, upright.tobytes()))


def clean_photo(upload) -> ContentFile:
    """Return a fresh copy of ``upload`` without any metadata, or raise ValidationError with a
    message for the person who uploaded it."""
    try:
        photo = read_photo(upload, max_bytes=MAX_BYTES)
    except PhotoRefused as refused:
        messages = {
            "too_large": _("This photo is larger than 10 MB. Choose a smaller photo."),
            "wrong_type": _("Choose a JPEG, PNG or WebP photo."),
            "too_many_pixels": _("This photo has more than 40 megapixels. Choose a smaller photo."),
            "unreadable": _("This file is not a photo we can read. Choose a JPEG, PNG or WebP photo."),
        }
        raise ValidationError(messages[refused.code], code=refused.code) from refused
    return photo.encode(name=f"{uuid.uuid4().hex}.{photo.extension}")

