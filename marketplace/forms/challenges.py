import re
from html import unescape

from django import forms
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _

from accounts.choices import Level
from core.uploads import UploadLimits, UploadRefusalMixin
from marketplace.choices import ChallengeSort, ChallengeStatus, ContentLanguage
from marketplace.files.photos import MAX_BYTES as MAX_PHOTO_BYTES
from marketplace.forms.fields import DATE_INPUT
from marketplace.models import Neighbourhood, Organisation, Theme


class ChallengeFilterForm(forms.Form):
    """The index's filters, read from the URL so a filtered list can be shared."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighbourhood.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All neighbourhoods"),
    )
    level = forms.ChoiceField(label=_("Level"), choices=[("", _("All levels")), *Level.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Every status")), *ChallengeStatus.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Can be done in"), choices=[("", _("Any language")), *ContentLanguage.choices], required=False
    )
    mixed = forms.BooleanField(label=_("Only challenges for mixed teams"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=ChallengeSort.choices, required=False)


CONTACT_PATTERN = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+"  # an e-mail address
    r"|(?:\+31|0031|\b0)[\s-]?(?:6|[1-9]\d{1,2})(?:[\s-]?\d){6,8}\b"  # a Dutch phone number
)


PUBLIC_TEXT_FIELDS = ["title", "summary", "summary_en", "description", "outcome"]


def text_to_html(text: str) -> str:
    """Plain text typed by a poster as safe paragraphs: everything escaped, blank lines
    separate paragraphs, single newlines become line breaks."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()]
    return "".join(f"<p>{linebreaksbr(escape(part))}</p>" for part in paragraphs)


def html_to_text(html: str) -> str:
    paragraphs = re.findall(r"<p>(.*?)</p>", html, flags=re.S) or [html]
    return "\n\n".join(unescape(strip_tags(p.replace("<br>", "\n").replace("<br/>", "\n"))) for p in paragraphs)


class ChallengeForm(UploadRefusalMixin, forms.Form):
    """What a resident or organisation member fills in to post a challenge. The photo comes last
    on the page: a refused photo stops the request there, after every other field has arrived."""

    upload_limits = UploadLimits(file_bytes=MAX_PHOTO_BYTES, total_bytes=MAX_PHOTO_BYTES)

    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("A short question or goal, e.g. “A greener courtyard for the Merenwijk”."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
        help_text=_("In one or two sentences; at most 300 characters. Shown on the cards in the list."),
    )
    description = forms.CharField(
        label=_("Describe the question"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What is going on, who is involved, what has been tried already. Leave a blank line between paragraphs."
        ),
    )
    outcome = forms.CharField(
        label=_("What do you hope comes out of it?"), max_length=2_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(label=_("You write this challenge in"), choices=ContentLanguage.choices)
    summary_en = forms.CharField(
        label=_("Summary in English (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
        help_text=_("Helps international students who do not read Dutch."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}),
        help_text=_("A JPEG, PNG or WebP photo of at most 10 MB. Location data is removed from it."),
    )
    photo_alt = forms.CharField(
        label=_("What does the photo show?"),
        max_length=250,
        required=False,
        help_text=_("For people who cannot see the photo, e.g. “A paved courtyard between flats”."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.all(), empty_label=_("Choose a neighbourhood")
    )
    organisation = forms.ModelChoiceField(
        label=_("Post on behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself, as a resident"),
    )
    levels = forms.MultipleChoiceField(
        label=_("Suitable for students in"), choices=Level.choices, widget=forms.CheckboxSelectMultiple
    )
    team_size_min = forms.IntegerField(label=_("Smallest team"), min_value=1, max_value=20, initial=2)
    team_size_max = forms.IntegerField(label=_("Largest team"), min_value=1, max_value=20, initial=5)
    team_capacity = forms.IntegerField(label=_("How many teams can work on it?"), min_value=1, max_value=10, initial=1)
    mixed_institutions_required = forms.BooleanField(
        label=_("Teams must include students from more than one institution"), required=False, label_suffix=""
    )
    work_languages = forms.MultipleChoiceField(
        label=_("The work can be done in"),
        choices=ContentLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[ContentLanguage.DUTCH],
    )
    application_deadline = forms.DateField(
        label=_("Teams can apply until"), widget=DATE_INPUT
    )
    period_start = forms.DateField(label=_("Work can start on"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("Work should be finished by"), widget=DATE_INPUT)
    contact_name = forms.CharField(label=_("Contact name"), max_length=100)
    contact_email = forms.EmailField(label=_("Contact e-mail address"))
    contact_phone = forms.CharField(
        label=_("Contact phone number"),
        max_length=30,
        required=False,
        help_text=_("Optional. The team you choose can send you messages on this site, so you need not give it."),
    )
    show_phone_to_team = forms.BooleanField(
        label=_("The team I choose may see my phone number too"),
        required=False,
        label_suffix="",
    )
    keep_contact_in_text = forms.BooleanField(
        label=_("Yes, everyone may see the e-mail address or phone number in my text"),
        required=False,
        label_suffix="",
    )

    def __init__(self, *args, user, has_photo=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_photo = has_photo
        self.fields["organisation"].queryset = Organisation.objects.filter(memberships__user=user)
        if not self.fields["organisation"].queryset.exists():
            del self.fields["organisation"]

    def upload_refused_message(self, refusal):
        return _("This photo is larger than 10 MB. Choose a smaller photo.")

    @classmethod
    def initial_from(cls, challenge) -> dict:
        initial = {
            name: getattr(challenge, name)
            for name in [
                "title",
                "summary",
                "summary_en",
                "outcome",
                "language",
                "neighbourhood",
                "organisation",
                "team_size_min",
                "team_size_max",
                "team_capacity",
                "mixed_institutions_required",
                "application_deadline",
                "period_start",
                "period_end",
                "contact_name",
                "contact_email",
                "contact_phone",
                "show_phone_to_team",
            ]
        }
        initial["description"] = html_to_text(challenge.description)
        initial["themes"] = list(challenge.themes.all())
        initial["levels"] = [
            v
            for v, flag in zip(
                Level.values, (challenge.level_mbo, challenge.level_hbo, challenge.level_wo), strict=True
            )
            if flag
        ]
        initial["work_languages"] = [
            v
            for v, flag in zip(
                ContentLanguage.values, (challenge.can_be_done_in_dutch, challenge.can_be_done_in_english), strict=True
            )
            if flag
        ]
        images = list(challenge.images.all())
        initial["photo_alt"] = images[0].alt_text if images else ""
        return initial

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        if data.get("team_size_min") and data.get("team_size_max") and data["team_size_min"] > data["team_size_max"]:
            self.add_error("team_size_max", _("The largest team cannot be smaller than the smallest team."))
        deadline, start, end = data.get("application_deadline"), data.get("period_start"), data.get("period_end")
        if deadline and deadline < today:
            self.add_error("application_deadline", _("Choose a date from today on."))
        if deadline and start and start < deadline:
            self.add_error("period_start", _("Work can only start after teams have applied."))
        if start and end and end < start:
            self.add_error("period_end", _("The end must come after the start."))
        if (data.get("photo") or self.has_photo) and not data.get("photo_alt", "").strip():
            self.add_error("photo_alt", _("Describe in a few words what the photo shows."))
        found = [name for name in PUBLIC_TEXT_FIELDS if CONTACT_PATTERN.search(data.get(name) or "")]
        if found and not data.get("keep_contact_in_text"):
            labels = ", ".join(str(self.fields[name].label) for name in found)
            raise forms.ValidationError(
                _(
                    "Everyone can read these fields, and they seem to contain an e-mail address or phone "
                    "number: %(fields)s. Remove it (your contact details below stay private), or tick the box "
                    "to keep it."
                ),
                params={"fields": labels},
                code="contact_in_public_text",
            )
        return data

    def challenge_data(self) -> dict:
        """The cleaned form as the fields of a ChallengePage."""
        data = {name: value for name, value in self.cleaned_data.items() if name in CHALLENGE_FORM_TO_PAGE}
        data["description"] = text_to_html(self.cleaned_data["description"])
        levels, languages = self.cleaned_data["levels"], self.cleaned_data["work_languages"]
        data.update(level_mbo="mbo" in levels, level_hbo="hbo" in levels, level_wo="wo" in levels)
        data.update(can_be_done_in_dutch="nl" in languages, can_be_done_in_english="en" in languages)
        data.setdefault("organisation", None)
        return data


CHALLENGE_FORM_TO_PAGE = {
    "title",
    "summary",
    "summary_en",
    "outcome",
    "language",
    "neighbourhood",
    "organisation",
    "themes",
    "team_size_min",
    "team_size_max",
    "team_capacity",
    "mixed_institutions_required",
    "application_deadline",
    "period_start",
    "period_end",
    "contact_name",
    "contact_email",
    "contact_phone",
    "show_phone_to_team",
}

