"""The filter of the lecturer's hours export."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from marketplace.models import Project


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.challenge.title} – {obj.team.name}"


class DateInput(forms.DateInput):
    """The browser's own date picker; it sends and shows ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class HoursFilterForm(forms.Form):
    """Every field is optional: an empty form means all approved hours of all one's projects.
    The project choices are the supervisor's own, so nobody can ask for another's project."""

    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.all(),
        required=False,
        empty_label=_("All institutions"),
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=DateInput(),
    )
    project = ProjectChoiceField(
        label=_("Project"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("All your projects"),
    )

    def __init__(self, *args, supervisor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = (
            Project.objects.filter(supervisor=supervisor)
            .select_related("challenge", "team")
            .order_by("challenge__title", "team__name", "pk")
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned

    def filters(self) -> dict:
        """Keyword arguments for ``approved_hours_rows``; call after ``is_valid()``."""
        return {key: self.cleaned_data.get(key) for key in ("institution", "start", "end", "project")}

