"""Uploads refused while they arrive, not after.

Django reads a whole multipart request before a form sees it: a 200 MB file sent to a form that
takes 20 MB would be read and spooled to disk completely, only to be refused. The
``LimitedUploadHandler`` (first in ``FILE_UPLOAD_HANDLERS``) counts the bytes of every file as
they come in and stops reading the request, without taking in the rest, once one file passes its
limit or the files together pass the request's total; a request whose declared length is already
over the total stops at its first file. The fields before that file have been parsed by then, so
forms put their file inputs last and nothing typed is lost.

The limits belong to the view that takes the files: ``accepts_uploads(limits)`` names them, with
the numbers its form checks, and the form (``UploadRefusalMixin``) shows the refusal on the file
field. Wagtail's admin screens take the sizes Wagtail's own forms check (``WAGTAIL_UPLOADS``);
any other URL takes no more than ``DEFAULT_LIMITS``. A view that does not show refusals on a
form never runs with the half-read request: ``UploadRefusalMiddleware`` answers 413."""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import render
from django.utils.datastructures import MultiValueDict

MB = 1024 * 1024


@dataclass(frozen=True)
class UploadLimits:
    file_bytes: int  # the most any one file may have
    total_bytes: int  # the most all files of one request may have together

    @property
    def body_bytes(self) -> int:
        """The longest request that can carry files within these limits: the files and room for
        the form's text and the multipart framing. The proxy's body limit for the URL."""
        return self.total_bytes + BODY_ALLOWANCE


# Our forms take at most some tens of kilobytes of text; Django refuses text fields over
# DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) anyway.
BODY_ALLOWANCE = 1 * MB


# No page outside the upload forms takes files; a small allowance keeps a missed screen usable.
DEFAULT_LIMITS = UploadLimits(file_bytes=1 * MB, total_bytes=1 * MB)


# Wagtail's admin screens that take a file, one per request, by URL namespace (or name, for the
# avatar and the redirects import), and the setting whose size Wagtail's own form checks.
WAGTAIL_UPLOADS = {
    "wagtailimages": "WAGTAILIMAGES_MAX_UPLOAD_SIZE",
    "wagtailimages_chooser": "WAGTAILIMAGES_MAX_UPLOAD_SIZE",
    "wagtailadmin_account": "WAGTAILIMAGES_MAX_UPLOAD_SIZE",
    "wagtaildocs": "WAGTAILDOCS_MAX_UPLOAD_SIZE",
    "wagtaildocs_chooser": "WAGTAILDOCS_MAX_UPLOAD_SIZE",
    "wagtailredirects:start_import": "WAGTAILDOCS_MAX_UPLOAD_SIZE",
}


def accepts_uploads(limits: UploadLimits):
    """Mark a view as taking files within ``limits``; its form shows a refusal
    (``UploadRefusalMixin``). Put it under ``login_required`` and the like, which keep it."""

    def decorator(view):
        view.upload_limits = limits
        return view

    return decorator


def limits_for(request) -> UploadLimits:
    match = request.resolver_match
    if match is None:
        return DEFAULT_LIMITS
    declared = getattr(match.func, "upload_limits", None)
    if declared is not None:
        return declared
    setting = WAGTAIL_UPLOADS.get(match.view_name) or WAGTAIL_UPLOADS.get(match.namespace)
    size = getattr(settings, setting, None) if setting else None
    if size:
        return UploadLimits(file_bytes=size, total_bytes=size)
    return DEFAULT_LIMITS


@dataclass(frozen=True)
class UploadRefusal:
    """Why the site stopped reading a request: ``too_large`` is ``"file"`` (the file named
    passed ``limits.file_bytes``) or ``"request"`` (the files together passed
    ``limits.total_bytes``; the file named is where reading stopped)."""

    field: str
    file_name: str
    too_large: str
    limits: UploadLimits


def upload_refusal(request) -> UploadRefusal | None:
    """The refusal of this request's files, if there was one. Read it after ``request.POST``."""
    return getattr(request, "upload_refusal", None)


class LimitedUploadHandler(FileUploadHandler):
    """Stops reading the request as soon as it is known to be too large; passes every chunk on
    to the next handler otherwise (Django's, which keep the file in memory or on disk)."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limits = limits_for(self.request)
        self.declared_too_large = content_length > self.limits.body_bytes
        self.received = 0
        self.file_received = 0

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.file_received = 0
        if self.declared_too_large:
            self.refuse("request")

    def receive_data_chunk(self, raw_data, start):
        self.file_received += len(raw_data)
        self.received += len(raw_data)
        if self.file_received > self.limits.file_bytes:
            self.refuse("file")
        if self.received > self.limits.total_bytes:
            self.refuse("request")
        return raw_data

    def file_complete(self, file_size):
        return None

    def refuse(self, too_large: str):
        self.request.upload_refusal = UploadRefusal(
            field=self.field_name, file_name=self.file_name, too_large=too_large, limits=self.limits
        )
        # The rest of the body is not read; the files that did arrive are closed.
        raise StopUpload(connection_reset=True)


class UploadRefusalMixin:
    """For the form of a view that ``accepts_uploads``: given ``upload_refusal``, the form uses
    none of the files (they are incomplete) and says why on the file field, in words of its own
    (``upload_refused_message``); the text fields are checked as always."""

    def __init__(self, *args, upload_refusal: UploadRefusal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_refusal = upload_refusal
        if upload_refusal is not None:
            self.files = MultiValueDict()

    def clean(self):
        cleaned = super().clean()
        refusal = self.upload_refusal
        if refusal is not None:
            field = refusal.field if refusal.field in self.fields else None
            self.add_error(field, self.upload_refused_message(refusal))
        return cleaned

    def upload_refused_message(self, refusal: UploadRefusal) -> str:
        raise NotImplementedError


class UploadRefusalMiddleware:
    """A view that does not show refusals on its form (Wagtail's admin, any page that takes no
    files) never runs with a request whose files were cut off: it answers 413 with the reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.content_type != "multipart/form-data":
            return None
        _ = request.POST  # parsed now, with this view's limits, if CsrfViewMiddleware has not already
        refusal = upload_refusal(request)
        if refusal is None or getattr(view_func, "upload_limits", None) is not None:
            return None
        limit = refusal.limits.file_bytes if refusal.too_large == "file" else refusal.limits.total_bytes
        return render(request, "413.html", {"refusal": refusal, "max_mb": -(-limit // MB)}, status=413)
