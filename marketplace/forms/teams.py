from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from marketplace.forms.fields import written_in_field
from marketplace.models import Theme


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=100)
    description = forms.CharField(
        label=_("Short description"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who you are and what drives you, in one or two sentences."),
    )
    skills = forms.CharField(
        label=_("What the team can do"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Methods, subjects and skills, for example “interviews, data analysis, design”."),
    )
    language = written_in_field(_("You write the description in"))
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes you would like to work on"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The knowledge broker uses these, with your skills, to point you to challenges that fit."),
    )


class TeamInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Your fellow student's e-mail address"),
        max_length=254,
        help_text=_("Preferably the address of their school, college or university."),
    )


class LecturerSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=None, required=False, empty_label=_("All institutions")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.order_by("name")


class SupervisionRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the lecturer"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the course you take and the kind of challenge you are looking for."),
    )


class SupervisionAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Message to the team (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

