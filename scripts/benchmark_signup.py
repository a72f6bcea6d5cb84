"""Measure whether signing up tells, by its time, which addresses have an account.

Usage (from the project folder):
    .venv/bin/python scripts/benchmark_signup.py
    .venv/bin/python scripts/benchmark_signup.py --runs 50

Without DATABASE_URL it uses its own SQLite file, var/benchmark-signup.sqlite3, never the site's
database. It posts the sign-up form --runs times with an address that has an account and --runs
times with a new one, taking turns, with the password hasher production uses (Django's default,
PBKDF2) and the rate limits reset before each sign-up, as for a visitor trying each address
once. It prints the median time of each and their ratio; the pages look the same either way, so
the times should too (within 20 %). It reports; it asserts nothing.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'benchmark-signup.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

PASSWORD = "groene-binnentuin-2026"  # noqa: S105 (the demo sign-ups' password, in a scratch database)


def known_addresses(count: int) -> list[str]:
    """``count`` addresses with a verified account, made once (later runs reuse them)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    addresses = [f"bekend{number}@example.org" for number in range(count)]
    password = make_password(PASSWORD)
    for address in addresses:
        user, created = User.objects.get_or_create(
            email=address, defaults={"display_name": "Bekende bewoner", "password": password}
        )
        if created:
            EmailAddress.objects.create(user=user, email=address, primary=True, verified=True)
    return addresses


def sign_up(address: str) -> float:
    """Seconds for one sign-up of ``address`` from a fresh visitor."""
    from django.core.cache import cache
    from django.test import Client

    cache.clear()  # the rate limits, so that every try is a first one
    client = Client()
    data = {"display_name": "Sanne de Vries", "email": address, "password1": PASSWORD, "password2": PASSWORD}
    started = time.perf_counter()
    response = client.post("/accounts/signup/", data)
    elapsed = time.perf_counter() - started
    if response.status_code != 302 or "/accounts/confirm-email/" not in response["Location"]:
        raise SystemExit(f"signing up {address} answered {response.status_code}, not the page that asks to check mail")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import django
    from django.conf import settings
    from django.contrib.auth.hashers import get_hasher
    from django.core import mail
    from django.core.management import call_command

    django.setup()
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    (BASE_DIR / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)

    from demo.accounts import seed_institutions

    seed_institutions()
    known = known_addresses(args.runs)
    hasher = get_hasher()
    print(f"password hasher: {hasher.algorithm}, {getattr(hasher, 'iterations', '?')} iterations")

    sign_up(f"opwarmen-{uuid.uuid4().hex[:8]}@example.org")  # warm up: templates, translations
    timings = {"known": [], "new": []}
    mail.outbox = []
    for number in range(args.runs):
        timings["known"].append(sign_up(known[number]))
        timings["new"].append(sign_up(f"nieuw-{uuid.uuid4().hex[:12]}@example.org"))
    known_median = statistics.median(timings["known"]) * 1000
    new_median = statistics.median(timings["new"]) * 1000
    print(f"  address with an account  median {known_median:7.1f} ms   ({args.runs} sign-ups)")
    print(f"  new address              median {new_median:7.1f} ms   ({args.runs} sign-ups)")
    print(f"  ratio new / known        {new_median / known_median:.2f}")
    print(f"  e-mails sent             {len(mail.outbox)} for {2 * args.runs} sign-ups")


if __name__ == "__main__":
    main()
