"""E-mail to an address that may have no account yet (invitations by e-mail): rendered in the
inviter's language and sent only after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_to_address(address: str, language: str, template: str, context: dict) -> None:
    """An e-mail to someone who may not have an account yet."""

    def send():
        with translation.override(language):
            subject = render_to_string(f"marketplace/email/{template}_subject.txt", context).strip()
            body = render_to_string(f"marketplace/email/{template}.txt", context)
        send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [address])

    transaction.on_commit(send)

