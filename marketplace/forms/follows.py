"""Following a theme or a neighbourhood from the filtered list of challenges, and stopping
again from there or from My page."""

from django import forms

from marketplace.models import Neighbourhood, Theme


class FollowForm(forms.Form):
    """What the buttons send: one theme or one neighbourhood, by slug as in the index's
    address, and the address to return to."""

    theme = forms.ModelChoiceField(queryset=Theme.objects.all(), to_field_name="slug", required=False)
    neighbourhood = forms.ModelChoiceField(queryset=Neighbourhood.objects.all(), to_field_name="slug", required=False)

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("theme") is None) == (cleaned.get("neighbourhood") is None):
            # Never shown: the buttons always send one, so the view answers 404 instead.
            raise forms.ValidationError("Choose a theme or a neighbourhood.", code="one_topic")
        return cleaned

