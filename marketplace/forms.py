from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.choices import Level

from .choices import ChallengeSort, ChallengeStatus, ContentLanguage
from .models import Neighbourhood, Theme


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
