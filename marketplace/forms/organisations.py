from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.choices import MembershipRole


class OrganisationInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Your colleague's e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,
        widget=forms.RadioSelect,
        help_text=_("Administrators can also invite and remove colleagues."),
    )


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)

