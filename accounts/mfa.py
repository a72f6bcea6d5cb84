"""Two-step login (allauth.mfa) on this site: how its set-up looks and behaves, and the gate in
front of the pages that need it. Who must have it is ``accounts.permissions.mfa_required_for``;
whether someone has it on is ``accounts.selectors.has_mfa``."""

from functools import wraps

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.forms import ActivateTOTPForm as BaseActivateTOTPForm
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.html import escape
from django.utils.translation import gettext as _

from accounts.permissions import mfa_required_for
from accounts.selectors import has_mfa

# Where a person was going when the gate sent them to set up two-step login.
SETUP_NEXT_SESSION_KEY = "accounts.mfa_setup_next"


class MFAAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url: str) -> str:
        """The QR code as an inline ``<svg>`` with a name for screen readers, instead of an
        ``<img>`` with a ``data:`` address that the Content-Security-Policy need not allow."""
        svg = super().build_totp_svg(url)
        svg = svg[svg.index("<svg") :]
        label = escape(_("QR code to scan with your authenticator app"))
        return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="mfa-setup__qr" ', 1)


class ActivateTOTPForm(BaseActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Code from the app")
        # The label says what to type; allauth's placeholder "Code" would only repeat it.
        self.fields["code"].widget.attrs.pop("placeholder", None)
        self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def clean_code(self) -> str:
        """The code that switches two-step login on cannot log in afterwards: allauth remembers
        a used code only at login, so it is marked used here with allauth's own marker."""
        code = super().clean_code()
        TOTP(Authenticator(user=self.user, type=Authenticator.Type.TOTP))._mark_code_used(code)
        return code


def mfa_setup_redirect(request):
    """A redirect to the set-up of two-step login, with a message saying why, for a person who
    must have it and has not; ``None`` for anyone else. A page asked for with GET is remembered,
    and the set-up ends with a link back to it (``accounts.views.mfa_continue``)."""
    user = request.user
    # Whether it is on first: one query, and the people these pages are for have it on.
    if has_mfa(user) or not mfa_required_for(user):
        return None
    if request.method in ("GET", "HEAD"):
        request.session[SETUP_NEXT_SESSION_KEY] = request.get_full_path()
    messages.warning(
        request,
        _(
            "You can approve hours, publish or see other people's work on this site, so your account "
            "needs two-step login: besides your password, a code from an app on your phone. Set it up "
            "here once; afterwards you go on to the page you wanted."
        ),
    )
    return redirect("mfa_activate_totp")


def mfa_required(view):
    """For the pages where hours become grades or everyone's work is in view: a person who must
    use two-step login and has not turned it on is sent to set it up first. Put it under
    ``login_required`` (and under a check that answers 404 to anyone else)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return mfa_setup_redirect(request) or view(request, *args, **kwargs)

    return wrapped
