from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.choices import Language
from accounts.domains import email_domain
from accounts.models import User
from accounts.selectors import institution_lookalike
from accounts.services import lecturer_candidacy_sync


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        language = translation.get_language()
        user.preferred_language = language if language in Language.values else Language.DUTCH
        return super().save_user(request, user, form, commit=commit)

    def post_login(self, request, user, **kwargs):
        """Greet someone in the language of the page they land on: their language cookie, or
        else the preference on their account (which LanguagePreferenceMiddleware follows)."""
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or user.preferred_language
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            return super().post_login(request, user, **kwargs)

    def clean_email(self, email):
        email = super().clean_email(email).strip().lower()
        domain = email_domain(email)
        if not domain.isascii():
            raise forms.ValidationError(
                _(
                    "This address contains letters that only look like ordinary letters. "
                    "Type the address with the letters a–z."
                )
            )
        lookalike = institution_lookalike(domain)
        if lookalike is not None:
            institution, own = lookalike
            raise forms.ValidationError(
                _(
                    "“%(domain)s” looks like an address of %(institution)s but is not one. "
                    "Check the spelling: their addresses end in “%(own)s”."
                ),
                params={"domain": domain, "institution": institution.display_name, "own": own},
            )
        return email

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        lecturer_candidacy_sync(user=email_address.user)
        return confirmed

    def send_mail(self, template_prefix, email, context):
        """Render every account e-mail in the recipient's own language."""
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        language = user.preferred_language if user else translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
