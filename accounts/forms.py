from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.socialaccount.forms import DisconnectForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.choices import NotificationEmail, NotificationKind
from accounts.models import User
from accounts.notifications.kinds import KINDS


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form with the name others see.

    An address that already has an account gets the same page as a new one
    (ACCOUNT_PREVENT_ENUMERATION) and one e-mail, to its owner. It gets the same work too: a new
    account costs a password hash, by far the slowest step of signing up (PBKDF2), and without
    one the quicker answer would tell that the address has an account. A new account is written
    in one transaction, which also keeps its few writes to one commit."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        help_text=_("The name others see on the site, for example “Sanne de Vries”."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["display_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
            return super().try_save(request)
        # The user, their name and their address are one write: all or nothing, one commit.
        with transaction.atomic():
            return super().try_save(request)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "preferred_language"]
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Fill in the name others will see."))
        return name


class StudentProfileForm(ProfileForm):
    study_year = forms.IntegerField(
        label=_("Study year"), min_value=1, max_value=8, required=False, help_text=_("A number from 1 to 8.")
    )

    class Meta(ProfileForm.Meta):
        fields = ["display_name", "preferred_language", "programme", "study_year", "skills"]
        widgets = {
            **ProfileForm.Meta.widgets,
            "skills": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "programme": _("For example “Biology” or “Social Work”."),
            "skills": _("What you are good at and what interests you; teams and challenges are matched on it."),
        }


class NotificationSettingsForm(forms.Form):
    """Per kind of notification: an e-mail right away, once a day in a summary, or none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                help_text=KINDS[kind].description,
                choices=NotificationEmail.choices,
                widget=forms.RadioSelect,
            )


class InstitutionDisconnectForm(DisconnectForm):
    """allauth's form on the connections page, with what each institution said at hand (one
    query for all of it, however many connections)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.accounts = self.accounts.prefetch_related("affiliations__institution").order_by("date_joined")
        self.fields["account"].queryset = self.accounts
