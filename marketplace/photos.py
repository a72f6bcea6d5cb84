"""Photos uploaded by residents: checked, turned upright and stripped of EXIF (GPS included)
before anything is stored."""

import uuid
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def clean_photo(upload) -> ContentFile:
    """Return a fresh copy of ``upload`` without any metadata, or raise ValidationError with a
    message for the person who uploaded it. The size is read from the header before any pixel
    is decoded, so an oversized image (a decompression bomb) never reaches memory."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("This photo is larger than 10 MB. Choose a smaller photo."), code="too_large")
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
            if kind not in FORMATS:
                raise ValidationError(_("Choose a JPEG, PNG or WebP photo."), code="wrong_type")
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("This photo has more than 40 megapixels. Choose a smaller photo."), code="too_many_pixels"
                )
            probe.load()
            upright = ImageOps.exif_transpose(probe)
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("This photo has more than 40 megapixels. Choose a smaller photo."), code="too_many_pixels"
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This file is not a photo we can read. Choose a JPEG, PNG or WebP photo."), code="unreadable"
        ) from error
    if upright.mode not in ("RGB", "RGBA", "L", "LA"):
        upright = upright.convert("RGBA" if "transparency" in upright.info or "A" in upright.mode else "RGB")
    if kind == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    # A new image from the pixels alone: no EXIF, no GPS, no comments, no text chunks.
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    buffer = BytesIO()
    clean.save(buffer, format=kind, **({"quality": 88} if kind in ("JPEG", "WEBP") else {}))
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[kind]}")
