"""Who may see the operator's pages (readiness details, metrics): whoever sends the
``OPERATOR_TOKEN`` setting as a bearer token. No token configured means nobody: those pages
then answer 404 like any unknown address, so they never show up for a visitor."""

import hmac

from django.conf import settings
from django.http import HttpRequest

_BEARER = "bearer "


def is_operator(request: HttpRequest) -> bool:
    """True when the request carries ``Authorization: Bearer <OPERATOR_TOKEN>``.

    The comparison takes the same time whatever the token, so it cannot be guessed one
    character at a time. A session (even a superuser's) does not count: monitoring tools send
    a header, and a stolen browser session should not open the operator's view."""
    expected = getattr(settings, "OPERATOR_TOKEN", "")
    if not expected:
        return False
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith(_BEARER):
        return False
    given = header[len(_BEARER) :].strip()
    return hmac.compare_digest(given.encode(), expected.encode())
