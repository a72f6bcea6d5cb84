"""Helpers the accounts tests share."""

from io import StringIO

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
