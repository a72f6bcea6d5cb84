"""Serving project photos and files to the people allowed to see them (PRODUCT.md rule 4).

The files live outside the public media path; this is the only way to them. Someone who may
not see a file learns nothing about it, not even that it exists: 404, also when logged out
(a redirect to the login page would confirm the id)."""

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from core.views import get_allowed_or_404
from marketplace.models import Attachment
from marketplace.permissions import can_view_attachment

# Shown in the browser; everything else is downloaded so it never runs in the site's origin.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp"}


# Even opened directly, a file may not run scripts, load anything or be read by other sites.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, max-age=3600",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@require_safe
def attachment_file(request, pk):
    return serve_file(get_allowed_or_404(attachments_with_project(), can_view_attachment, request.user, pk=pk))


@require_safe
def attachment_thumbnail(request, pk):
    return serve_thumbnail(get_allowed_or_404(attachments_with_project(), can_view_attachment, request.user, pk=pk))


def attachments_with_project():
    """The files with what ``can_view_attachment`` reads: the project, its challenge and team,
    and the log entry."""
    return Attachment.objects.select_related("project__challenge", "project__team", "entry")


def serve_file(row):
    """The file of ``row`` (a project's attachment or a message's file), the caller having checked who asks."""
    return serve(row, row.file, inline=row.content_type in INLINE_TYPES)


def serve_thumbnail(row):
    if not row.thumbnail:
        raise Http404
    # A thumbnail has the format of its photo (marketplace.uploads), so the row's type fits.
    return serve(row, row.thumbnail, inline=True)


def serve(attachment, field_file, *, inline: bool):
    if settings.PRIVATE_MEDIA_X_ACCEL_REDIRECT:
        # The web server sends the bytes from its internal location; the app only says which.
        response = HttpResponse(content_type=attachment.content_type)
        response["X-Accel-Redirect"] = settings.PRIVATE_MEDIA_X_ACCEL_REDIRECT + quote(field_file.name)
    else:
        response = FileResponse(field_file.open("rb"), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, attachment.original_name)
    for header, value in SECURITY_HEADERS.items():
        response[header] = value
    return response

