import logging
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.reauthentication import STATE_SESSION_KEY as REAUTHENTICATION_STATE_SESSION_KEY
from allauth.account.models import EmailAddress
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthError, AuthProcess
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from requests import RequestException

from accounts.choices import Language, LecturerStatus
from accounts.claims import InstitutionClaims
from accounts.defaults import INSTITUTION_LOGIN_PROVIDER
from accounts.domains import email_domain
from accounts.models import User
from accounts.selectors import confirms_with_institution, institution_login_enabled, institution_lookalike
from accounts.services import InstitutionLoginOutcome, institution_login_sync, lecturer_candidacy_sync

logger = logging.getLogger(__name__)


# When the person last confirmed it is them by logging in with their institution again (a
# timestamp in the session): for who has no password or two-step login (confirms_with_institution).
INSTITUTION_REAUTHENTICATED_AT = "accounts_institution_reauthenticated_at"


def institution_reauthentication_record(request) -> None:
    request.session[INSTITUTION_REAUTHENTICATED_AT] = {"user": request.user.pk, "at": time.time()}


def institution_recently_reauthenticated(request) -> bool:
    """Whether the person logged in here confirmed it is them at their institution in the last
    few minutes. Counts only for who has no password or two-step login: anyone else confirms
    with those, as before (an institution login must not stand in for a second factor)."""
    record = request.session.get(INSTITUTION_REAUTHENTICATED_AT)
    user = getattr(request, "user", None)
    if not isinstance(record, dict) or not getattr(user, "is_authenticated", False) or record.get("user") != user.pk:
        return False
    fresh = time.time() - record.get("at", 0) < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
    return fresh and confirms_with_institution(user)


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

    def get_reauthentication_methods(self, user):
        """Someone whose only way in is their institution confirms it is them there."""
        methods = super().get_reauthentication_methods(user)
        if not methods and user.is_authenticated and institution_login_enabled() and confirms_with_institution(user):
            methods = [{
                "id": "institution_reauthenticate",
                "description": _("Log in with your institution again"),
                "url": reverse("accounts:reauthenticate_institution"),
            }]
        return methods

    def is_reauthentication_required(self, *, app, **kwargs):
        """allauth counts only a password or a two-step code as a recent confirmation; for who
        has neither, logging in with their institution again counts
        (``institution_recently_reauthenticated``)."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = self.request or context.request
        if required and request is not None and institution_recently_reauthenticated(request):
            return False
        return required

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


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Log in with your institution (SURFconext): who may come in this way, what their
    institution's answer makes of them, and what they are told when it goes wrong."""

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        claims = InstitutionClaims.from_extra_data(sociallogin.account.extra_data)
        user.display_name = claims.name or claims.email.split("@")[0]
        language = translation.get_language()
        user.preferred_language = language if language in Language.values else Language.DUTCH
        return user

    def pre_social_login(self, request, sociallogin):
        """Refuse an answer from another issuer than the one configured; a new person whose
        institution gives no e-mail address; and a new person with the (verified) address of an
        account that exists, which only its owner may connect, after logging in to it."""
        claims = InstitutionClaims.from_extra_data(sociallogin.account.extra_data)
        expected = sociallogin.account.get_provider().app.settings["server_url"].split("/.well-known/")[0]
        if claims.issuer != expected.rstrip("/"):
            logger.warning("Institution login refused: the ID token's issuer %r is not %r.", claims.issuer, expected)
            raise ImmediateHttpResponse(institution_login_error(request, "untrusted", status=401))
        process = sociallogin.state.get("process")
        if process == AuthProcess.REDIRECT:
            # Confirming it is them: only the institution login of the person logged in here
            # counts, only for who has no password or two-step login, and only if the institution
            # says they logged in there just now (accounts.views.reauthenticate_institution asks it to).
            if not (sociallogin.is_existing and sociallogin.user == request.user):
                raise ImmediateHttpResponse(institution_login_error(request, "other_person"))
            if not confirms_with_institution(request.user):
                raise ImmediateHttpResponse(institution_login_error(request, "untrusted", status=401))
            if not claims.logged_in_within(settings.ACCOUNT_REAUTHENTICATION_TIMEOUT):
                raise ImmediateHttpResponse(institution_login_error(request, "expired", status=401))
            institution_reauthentication_record(request)
            # A form that waited for this confirmation is not sent by itself afterwards (allauth
            # would replay it at the next confirmation): the person sends it again.
            request.session.pop(REAUTHENTICATION_STATE_SESSION_KEY, None)
            return
        if sociallogin.is_existing or process == AuthProcess.CONNECT:
            # What the institution said is recorded once the login is complete (institution_logged_in),
            # or once the connection is made (institution_connected).
            return
        if not claims.email:
            raise ImmediateHttpResponse(institution_login_error(request, "no_email"))
        taken = EmailAddress.objects.filter(email__iexact=claims.email, verified=True).exists()
        if claims.email_verified and taken:
            raise ImmediateHttpResponse(institution_login_error(request, "account_exists", email=claims.email))

    def save_user(self, request, sociallogin, form=None):
        """A new account: what the institution said counts from the start (the person may
        first have to confirm their address before they are logged in), and a verified staff
        address makes a lecturer candidate as it does at sign-up."""
        user = super().save_user(request, sociallogin, form=form)
        institution_login_sync(account=sociallogin.account)
        lecturer_candidacy_sync(user=user)
        return user

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        """Name what went wrong: a login begun too long ago or already used (the state is
        gone), an institution that refused, or an answer that could not be checked."""
        super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )
        if extra_context is None:
            return
        if error == AuthError.CANCELLED:
            reason = "cancelled"
        elif "state_id" in extra_context:
            reason = "expired"
        elif isinstance(exception, RequestException):
            reason = "unreachable"
        elif exception is not None:
            reason = "untrusted"
        else:
            reason = "refused"
        logger.warning("Institution login failed (%s): %s", reason, exception or request.GET.get("error", ""))
        extra_context["reason"] = reason


def institution_connected(sender, request, sociallogin, **kwargs) -> None:
    """allauth's ``social_account_added``: a logged-in person connected their institution."""
    tell_outcome(request, institution_login_sync(account=sociallogin.account))


def institution_logged_in(sender, request, user, sociallogin=None, **kwargs) -> None:
    """allauth's ``user_logged_in``, after every step of the login (two-step code included): a
    login through the institution records what it said this time and tells the person."""
    if sociallogin is not None and sociallogin.account.provider == INSTITUTION_LOGIN_PROVIDER:
        tell_outcome(request, institution_login_sync(account=sociallogin.account))


def institution_unreachable(request, error: RequestException):
    """The page for a step that could not ask the issuer something (its discovery document)."""
    logger.warning("Institution login: the issuer could not be reached: %s", error)
    return institution_login_error(request, "unreachable", status=503)


def institution_login_error(request, reason: str, *, status: int = 403, **details):
    return render(
        request, "socialaccount/authentication_error.html", {"reason": reason, **details}, status=status
    )


def tell_outcome(request, outcome: InstitutionLoginOutcome) -> None:
    """Say what the institution's answer made of the person: a student, a lecturer (or one
    waiting for approval), or, when it named no institution that takes part, a resident."""
    messages.info(request, outcome_message(outcome))


def outcome_message(outcome: InstitutionLoginOutcome) -> str:
    institution = outcome.institution
    if not outcome.claims.organisation:
        return _(
            "Your institution did not say where you study or work, so you take part as a resident. To take "
            "part as a student or lecturer, add and confirm the e-mail address of your institution."
        )
    if institution is None:
        return _(
            "Your institution (%(organisation)s) does not take part in Leren met de Stad, so you take part as a "
            "resident: you can post and follow challenges."
        ) % {"organisation": outcome.claims.organisation}
    parts = []
    if outcome.student:
        parts.append(_("%(institution)s says you study there: you take part as a student.") % {
            "institution": institution.display_name
        })
    if outcome.lecturer is not None:
        if outcome.lecturer.status == LecturerStatus.APPROVED:
            parts.append(_("%(institution)s says you work there: you can supervise teams as a lecturer.") % {
                "institution": institution.display_name
            })
        elif outcome.lecturer.status == LecturerStatus.PENDING:
            parts.append(_(
                "%(institution)s says you work there. An editor approves you as a lecturer; until then you "
                "cannot supervise teams."
            ) % {"institution": institution.display_name})
    if not parts:
        return _(
            "%(institution)s does not say that you study or work there, so you take part as a resident."
        ) % {"institution": institution.display_name}
    return " ".join(parts)
