from django import forms
from django.utils.translation import gettext_lazy as _


class StorySignOffForm(forms.Form):
    CONFIRM = "confirm"
    CHANGE = "change"

    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (CONFIRM, _("Yes, the story may go online like this")),
            (CHANGE, _("No, I would like something changed")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the story may go online.")},
    )
    comment = forms.CharField(
        label=_("Your comment for the editors"),
        help_text=_("Needed when you ask for a change: say what should be different."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        required=False,
    )
    # The version the owner read: if the editors changed the story meanwhile, they read again.
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.CHANGE and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Tell the editors what should change."))
        return data
