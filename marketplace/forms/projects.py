"""Forms of a project: log entries with hours, photos and files, comments, milestones, the
deliverable, feedback, the supervisor's review of hours, stopping a project or a challenge.

Forms check shape; photos and files are checked and cleaned here (``uploads.clean_upload``)
so that a bad file is a message on its own field and the typed text stays in the form. The
rules of the marketplace stay in the services."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.translation import lazy_percent
from core.uploads import MB, UploadLimits, UploadRefusalMixin
from marketplace.choices import AttachmentKind
from marketplace.files.uploads import MAX_FILE_BYTES, MAX_FILES_PER_ENTRY, clean_upload
from marketplace.forms.fields import (
    DATE_INPUT,
    MultipleFileField,
    MultipleFileInput,
    clean_uploads,
    file_too_large,
    written_in_field,
)
from marketplace.models.projects import MAX_HOURS_A_DAY


class LogEntryForm(UploadRefusalMixin, forms.Form):
    # The file inputs come last on the page: a refused upload stops the request there, after
    # every other field has arrived.
    upload_limits = UploadLimits(file_bytes=MAX_FILE_BYTES, total_bytes=MAX_FILE_BYTES * MAX_FILES_PER_ENTRY)

    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    text = forms.CharField(
        label=_("What did you do?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text; web addresses become links. Leave a blank line between paragraphs."),
    )
    language = written_in_field(_("You write in"))
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP, at most 20 MB each. Location data is removed."),
    )
    photo_description = forms.CharField(
        label=_("What do the photos show?"),
        max_length=250,
        required=False,
        help_text=_("For people who cannot see them, e.g. “Residents pointing out the broken bench”."),
    )
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=lazy_percent(
            _("PDF, office documents or images, at most 20 MB each and %(max)s at once."), {"max": MAX_FILES_PER_ENTRY}
        ),
    )
    shareable = forms.BooleanField(
        label=_("The editors may use this entry and its photos in a story"),
        required=False,
    )
    consent = forms.BooleanField(
        label=_("Everyone who can be recognised in the photos agreed to that"),
        required=False,
    )

    def __init__(self, *args, members, entry=None, **kwargs):
        """``members``: the team's people as (user, label) pairs; one hours field each."""
        super().__init__(*args, **kwargs)
        self.members = members
        self.hours_fields = []
        for user, label in members:
            name = f"hours_{user.pk}"
            self.fields[name] = forms.DecimalField(
                label=label,
                min_value=Decimal(0),
                max_value=Decimal(MAX_HOURS_A_DAY),
                max_digits=4,
                decimal_places=2,
                required=False,
                widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
            )
            self.hours_fields.append(name)
        if entry is not None:
            choices = [(str(a.pk), a.original_name) for a in entry.attachments.all()]
            if choices:
                self.fields["remove"] = forms.MultipleChoiceField(
                    label=_("Remove files"), choices=choices, required=False, widget=forms.CheckboxSelectMultiple
                )
        self.uploads = []

    def upload_refused_message(self, refusal):
        if refusal.too_large == "file":
            return file_too_large(refusal)
        return _("The photos and files together are larger than %(max)s MB. Choose fewer or smaller files.") % {
            "max": self.upload_limits.total_bytes // MB
        }

    def hours_boundfields(self):
        return [self[name] for name in self.hours_fields]

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("shareable") and not cleaned.get("consent"):
            self.add_error("consent", _("Tick this to share the entry, or leave the entry unshared."))
        photos = clean_uploads(self, "photos", AttachmentKind.PHOTO)
        files = clean_uploads(self, "files", AttachmentKind.FILE)
        if len(photos) + len(files) > MAX_FILES_PER_ENTRY:
            self.add_error(
                "files", _("Add at most %(max)s photos and files to one entry.") % {"max": MAX_FILES_PER_ENTRY}
            )
        self.uploads = photos + files
        return cleaned

    def hours(self) -> dict[int, Decimal]:
        return {
            user.pk: self.cleaned_data[f"hours_{user.pk}"]
            for user, _label in self.members
            if self.cleaned_data.get(f"hours_{user.pk}")
        }


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200, help_text=_("e.g. “Interviews done”"))
    due_date = forms.DateField(label=_("Due date"), widget=DATE_INPUT)


class DeliverForm(UploadRefusalMixin, forms.Form):
    upload_limits = UploadLimits(file_bytes=MAX_FILE_BYTES, total_bytes=MAX_FILE_BYTES)

    summary = forms.CharField(
        label=_("Summary of the result"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you did, what you found and what you recommend, for the resident and the next team."),
    )
    link = forms.URLField(
        label=_("Link to the result"),
        max_length=500,
        required=False,
        help_text=_("For example a report in the cloud, a website or a video."),
    )
    file = forms.FileField(
        label=_("Or the result as a file"),
        required=False,
        help_text=_("PDF, office document or image, at most 20 MB."),
    )

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_file = has_file
        self.upload = None

    def upload_refused_message(self, refusal):
        return file_too_large(refusal)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            try:
                self.upload = clean_upload(upload, kind=AttachmentKind.DELIVERABLE)
            except ValidationError as error:
                self.add_error("file", error)
                return cleaned
        if not cleaned.get("link") and self.upload is None and not self.has_file and not self.errors:
            self.add_error("link", _("Add the result as a link or a file."))
        return cleaned


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How happy are you with the result?"),
        coerce=int,
        choices=[
            (5, _("5 – Very happy")),
            (4, _("4 – Happy")),
            (3, _("3 – All right")),
            (2, _("2 – Not quite")),
            (1, _("1 – Not happy")),
        ],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your feedback for the team"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What did the work bring you? The team and its supervisor read this."),
    )


class HoursReviewForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("dispute", _("Dispute"))])
    note = forms.CharField(
        label=_("Note to the student"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when you dispute: say what is unclear."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "dispute" and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Say what is unclear about the hours, so the student can correct them."))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Be honest and kind: the reason is shown to everyone involved."),
    )

