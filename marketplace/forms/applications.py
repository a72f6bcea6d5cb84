from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.forms.fields import DATE_INPUT


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why your team?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What draws you to this question, and what your team brings to it."),
    )
    approach = forms.CharField(
        label=_("How would you go about it?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The steps you have in mind, and what you would deliver."),
    )
    period_start = forms.DateField(label=_("We can start on"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("We finish by"), widget=DATE_INPUT)
    course_name = forms.CharField(label=_("Course it counts for (optional)"), max_length=200, required=False)
    course_code = forms.CharField(label=_("Course code (optional)"), max_length=50, required=False)
    ects = forms.DecimalField(
        label=_("ECTS (optional)"), max_digits=4, decimal_places=1, min_value=0.5, max_value=60, required=False
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end must come after the start."))
        return cleaned


class EndorsementForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the team and the challenge owner"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When you send it back, say what the team should change."),
    )


class DecisionForm(forms.Form):
    """The owner's message with a decision on one application; the button says which."""

    message = forms.CharField(
        label=_("Message to the team"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. The team and its supervisor read it with your decision."),
    )

