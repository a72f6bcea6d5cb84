"""Measure how fast "For you" and the knowledge broker's desk match teams and challenges at the
size of a busy programme.

Usage (from the project folder):
    .venv/bin/python scripts/benchmark_matching.py
    .venv/bin/python scripts/benchmark_matching.py --challenges 10000 --teams 1000 --runs 10
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench_matching .venv/bin/python scripts/benchmark_matching.py

Without DATABASE_URL it uses its own SQLite file, var/benchmark-matching.sqlite3, never the
site's database. It fills the database once (later runs reuse it): the demo data (seed_demo),
then live, open challenges up to --challenges and teams of two verified students of different
institutions up to --teams, made in bulk (demo.bulk, as ``make bench`` does). Each bulk team can
do two of the eight things the bulk challenges are about, so it shares words with about a
quarter of them.

Then, --runs times each, with the median and 95th percentile time and the number of SQL queries:
the matching alone (``for_you``) for a student of a bulk team and for an MBO student without a
team who follows a theme and a neighbourhood; My page and the page "For you" of that bulk
student, rendered whole by Django's test client; and the broker's desk (``broker_desk``), which
uses the same matching the other way round. It reports; it asserts nothing.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'benchmark-matching.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def fill(challenges: int, teams: int) -> None:
    from django.core.management import call_command

    from demo.bulk import fill_challenges, fill_teams
    from marketplace.models import ChallengeIndexPage

    if not ChallengeIndexPage.objects.exists():
        call_command("seed_demo", verbosity=0, stdout=io.StringIO())  # not its list of demo accounts
    for what, make, total in (("challenges", fill_challenges, challenges), ("teams", fill_teams, teams)):
        started = time.perf_counter()
        made = make(total)
        if made:
            print(f"  {made} {what} made in bulk in {time.perf_counter() - started:.1f} s", flush=True)


def timed(runs: int, work) -> tuple[float, float, int]:
    """The median and 95th percentile milliseconds of ``work()``, and its number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    work()  # warm up
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            work()
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return statistics.median(timings), p95, len(queries.captured_queries)


def measure(runs: int) -> None:
    from allauth.account.models import EmailAddress
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone, translation

    from accounts.models import User
    from demo.bulk import BULK_SLUG
    from marketplace.models import ChallengePage, Neighbourhood, Team, Theme
    from marketplace.selectors.broker import broker_desk
    from marketplace.selectors.matching import for_you
    from marketplace.services.follows import follow_create

    today = timezone.localdate()
    open_challenges = ChallengePage.objects.live().filter(ChallengePage.open_for_applications_q(today))
    print(
        f"{connection.vendor}: {open_challenges.count()} open challenges "
        f"({open_challenges.filter(slug__startswith=BULK_SLUG).count()} made in bulk), "
        f"{Team.objects.count()} teams; {runs} runs each"
    )
    bulk_student = User.objects.filter(email__startswith="bench.student.").order_by("pk").first()
    # A student of mboRijnland without a team, who follows a theme and a neighbourhood.
    solo, made = User.objects.get_or_create(
        email="bench.solo@student.mborijnland.nl", defaults={"display_name": "Solo", "skills": "koken, tuinieren"}
    )
    if made:
        EmailAddress.objects.create(user=solo, email=solo.email, primary=True, verified=True)
        follow_create(user=solo, theme=Theme.objects.order_by("pk").first())
        follow_create(user=solo, neighbourhood=Neighbourhood.objects.order_by("pk").first())

    with translation.override("nl"):
        for label, user in (("team of two (bulk)", bulk_student), ("student without a team", solo)):
            parts = for_you(user, today, shown=3)
            counts = ", ".join(f"{len(part.fitting)} fit, {len(part.left_out)} left out" for part in parts)
            median, p95, queries = timed(runs, lambda user=user: for_you(user, today, shown=3))
            print(
                f"  for_you, {label:<24} median {median:7.1f} ms   p95 {p95:7.1f} ms   {queries} queries   ({counts})"
            )

        client = Client()
        client.force_login(bulk_student)
        for label, url in (("My page", reverse("dashboard:my_page")), ("page For you", reverse("dashboard:for_you"))):
            def render(url=url):
                response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}")
            median, p95, queries = timed(runs, render)
            label = f"{label}, team of two (bulk)"
            print(f"  {label:<33} median {median:7.1f} ms   p95 {p95:7.1f} ms   {queries} queries")

        median, p95, queries = timed(runs, broker_desk)
        desk = broker_desk()
        print(
            f"  {'broker_desk':<33} median {median:7.1f} ms   p95 {p95:7.1f} ms   {queries} queries   "
            f"({desk.matches.total} challenges with matches, {desk.matches_unchecked} not looked at)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--challenges", type=int, default=10_000)
    parser.add_argument("--teams", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    settings.DEBUG = False  # DEBUG keeps every query in memory and slows rendering
    (BASE_DIR / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    fill(args.challenges, args.teams)
    measure(args.runs)


if __name__ == "__main__":
    main()
