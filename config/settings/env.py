"""Small helpers that read settings from the environment."""

import os
from email.utils import getaddresses
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def email_settings_from_url(url: str) -> dict:
    """Turn ``smtp://user:password@host:587/?tls=1`` (or ``smtps://``, ``console://``)
    into Django's e-mail settings."""
    parsed = urlparse(url)
    if parsed.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(f"EMAIL_URL must start with smtp://, smtps:// or console://, not {parsed.scheme}://")
    query = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    use_ssl = parsed.scheme == "smtps"
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed.hostname or "localhost",
        "EMAIL_PORT": parsed.port or (465 if use_ssl else 587),
        "EMAIL_HOST_USER": unquote(parsed.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_USE_TLS": not use_ssl and query.get("tls", "1") not in {"0", "false"},
    }


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_admins(name: str) -> list[tuple[str, str]]:
    """``ADMINS="Beheer <beheer@example.nl>, ict@example.nl"`` as Django's (name, address) pairs."""
    pairs = []
    for display_name, address in getaddresses([os.environ.get(name, "")]):
        if not address:
            continue
        if "@" not in address:
            raise ImproperlyConfigured(f"{name} must list e-mail addresses, comma-separated; {address!r} is not one.")
        pairs.append((display_name or address, address))
    return pairs


def origin_of(url: str) -> str:
    """``https://connect.surfconext.nl/oidc`` → ``https://connect.surfconext.nl``."""
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise ImproperlyConfigured(f"{url!r} is not a web address (https://…).")
    return f"{parsed.scheme}://{parsed.netloc}"


def institution_login_app(issuer: str, client_id: str, secret: str) -> dict:
    """allauth's OpenID Connect app for SURFconext (``SOCIALACCOUNT_PROVIDERS``)."""
    return {
        "provider_id": "surfconext",
        "name": "SURFconext",
        "client_id": client_id,
        "secret": secret,
        "settings": {
            "server_url": issuer,
            # SURFconext releases schac_home_organization and eduperson_affiliation by the
            # attributes registered for the site in its dashboard, not by a scope of their own.
            "scope": ["openid", "email", "profile"],
            "oauth_pkce_enabled": True,
            "fetch_userinfo": True,
        },
    }
