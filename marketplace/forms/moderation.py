from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.choices import ReportReason


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong with it?"), choices=ReportReason.choices,
                               widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Explanation"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional, unless you chose “Something else”. Only the editors read it."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ReportReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say in a few words what is wrong with it."))
        return cleaned


class ModerationForm(forms.Form):
    """An editor's decision on reported content; the reason is needed to hide it."""

    reason = forms.ChoiceField(label=_("Why it is hidden"), choices=[("", "—"), *ReportReason.choices],
                               required=False)
    note = forms.CharField(
        label=_("Note to the author (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Sent with the notification, in the words you write here."),
    )
