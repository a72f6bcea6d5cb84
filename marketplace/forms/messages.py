"""The form to write a message. Files are checked and cleaned here, as a log entry's are, so a
refused file is a message on its own field and the typed text stays in the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.translation import lazy_percent
from core.uploads import MB, UploadLimits, UploadRefusalMixin
from marketplace.choices import AttachmentKind
from marketplace.files.uploads import MAX_FILE_BYTES
from marketplace.forms.fields import MultipleFileField, clean_uploads, file_too_large, written_in_field
from marketplace.models.messages import MAX_MESSAGE_LENGTH

MAX_FILES_PER_MESSAGE = 5


class MessageForm(UploadRefusalMixin, forms.Form):
    # The file input comes last on the page: a refused upload stops the request there, after
    # the text has arrived.
    upload_limits = UploadLimits(file_bytes=MAX_FILE_BYTES, total_bytes=MAX_FILE_BYTES * MAX_FILES_PER_MESSAGE)

    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text; web addresses become links."),
    )
    language = written_in_field(_("You write in"))
    files = MultipleFileField(
        label=_("Photos or files (optional)"),
        required=False,
        help_text=lazy_percent(
            _("PDF, office documents or photos, at most 20 MB each and %(max)s at once. Location data is removed "
              "from photos."),
            {"max": MAX_FILES_PER_MESSAGE},
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.uploads = []

    def upload_refused_message(self, refusal):
        if refusal.too_large == "file":
            return file_too_large(refusal)
        return _("The files together are larger than %(max)s MB. Choose fewer or smaller files.") % {
            "max": self.upload_limits.total_bytes // MB
        }

    def clean(self):
        cleaned = super().clean()
        files = cleaned.get("files") or []
        if len(files) > MAX_FILES_PER_MESSAGE:
            self.add_error("files", _("You can send at most %(max)s files with a message.")
                           % {"max": MAX_FILES_PER_MESSAGE})
        else:
            self.uploads = clean_uploads(self, "files", AttachmentKind.FILE)
        return cleaned
