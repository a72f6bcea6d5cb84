"""Words of django-allauth's and Django's screens that we say differently in Dutch.

allauth's own Dutch says "Aanmelden" for logging in, which on this site means applying to
a challenge (aanmelding), and Django's password rules say "u" where the site says "je".
Listing the phrases here puts them in our catalogue, which takes precedence over theirs.
"""

from django.utils.translation import gettext_noop

WORDING = [
    gettext_noop("Sign In"),
    gettext_noop("Sign Up"),
    gettext_noop("Sign Out"),
    gettext_noop("Sign in"),
    gettext_noop("Sign up"),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Don't have an account? %(link)sSign up%(end_link)s"),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
]
