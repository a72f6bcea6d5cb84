from django import forms
from django.utils.translation import gettext_lazy as _


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good and cannot be brought back."),
        error_messages={"required": _("Tick the box to confirm that you want to delete your account.")},
    )
