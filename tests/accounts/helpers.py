"""Helpers the accounts tests share."""

import time
from io import StringIO

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command
from django.utils import translation


def run_digest() -> str:
    out = StringIO()
    call_command("send_notification_digests", stdout=out)
    return out.getvalue()


def dutch_translation(msgid: str) -> str:
    """The Dutch of ``msgid``; a msgid the Dutch catalogue lacks fails the test (so use it only
    for text whose Dutch differs from the English)."""
    with translation.override("nl"):
        text = translation.gettext(msgid)
    assert text != msgid, f"No Dutch translation for {msgid!r} in locale/nl/LC_MESSAGES/django.po"
    return text


def totp_code(secret: str, *, steps: int = 0) -> str:
    """The code an authenticator app holding ``secret`` shows now, or ``steps`` periods of 30
    seconds later (allauth accepts one either side); made with allauth's own functions."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + steps
    return format_hotp_value(hotp_value(secret, counter))
