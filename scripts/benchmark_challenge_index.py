"""Measure how fast the challenge index renders with many challenges.

Usage (from the project folder):
    .venv/bin/python scripts/benchmark_challenge_index.py --count 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench .venv/bin/python scripts/benchmark_challenge_index.py

Without DATABASE_URL it uses its own SQLite file, var/benchmark.sqlite3, never the site's
database. It fills the database up to --count live challenges (once; later runs reuse them),
then renders the index unfiltered, filtered, searched and sorted, and looks up challenges similar
to a title as the posting form does; it prints the median and
95th percentile render time and the number of SQL queries of each. It reports; it asserts
nothing.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'benchmark.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def fill(count: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from demo.accounts import seed_institutions
    from demo.marketplace import NEIGHBOURHOODS, seed_marketplace
    from demo.site import seed_home_page
    from marketplace.models import ChallengeIndexPage, ChallengePage, Neighbourhood, Theme

    seed_institutions()
    seed_marketplace()
    home = seed_home_page()
    index = ChallengeIndexPage.objects.first()
    if index is None:
        index = ChallengeIndexPage(title="Uitdagingen", slug="uitdagingen")
        home.add_child(instance=index)
    themes = list(Theme.objects.all())
    districts = list(Neighbourhood.objects.all())
    existing = ChallengePage.objects.count()
    today = timezone.localdate()
    words = ["binnentuin", "hofjes", "vlinders", "eenzaamheid", "speeltuin", "archief", "hittestress", "regenwater"]
    started = time.perf_counter()
    for number in range(existing, count):
        with transaction.atomic():
            page = ChallengePage(
                title=f"Uitdaging {number}: {words[number % len(words)]} in {NEIGHBOURHOODS[number % 10][0]}",
                slug=f"bench-{number}",
                summary=f"Een vraag over {words[number % len(words)]} uit de wijk.",
                description="<p>Wat we willen weten, en waarom.</p>",
                outcome="Een advies.",
                neighbourhood=districts[number % len(districts)],
                application_deadline=today + timedelta(days=number % 90),
                period_start=today + timedelta(days=100),
                period_end=today + timedelta(days=200),
                contact_name="Benchmark",
                contact_email="benchmark@example.org",
                level_wo=number % 2 == 0,
            )
            index.add_child(instance=page)
            page.themes.set([themes[number % len(themes)]])
            page.save()
        if (number + 1) % 500 == 0:
            rate = (number + 1 - existing) / (time.perf_counter() - started)
            print(f"  {number + 1} challenges ({rate:.0f} per second)", flush=True)


def measure(runs: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from marketplace.models import ChallengePage

    client = Client()
    total = ChallengePage.objects.live().count()
    print(f"{connection.vendor}: {total} live challenges, {runs} runs per page")
    for label, url in [
        ("index", "/uitdagingen/"),
        ("theme + level filter", "/uitdagingen/?theme=duurzaamheid-biodiversiteit&level=wo"),
        ("search", "/uitdagingen/?q=vlinders"),
        ("deadline sort, page 5", "/uitdagingen/?sort=deadline&pagina=5"),
    ]:
        client.get(url)  # warm up
        timings = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            query_count = len(queries.captured_queries)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"  {label:<24} median {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms   {query_count} queries")

    # The posting form asks for similar live challenges while a title is typed.
    from marketplace.selectors.challenges import similar_challenges

    similar_challenges("Vlinders langs de singels tellen")  # warm up
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            similar_challenges("Vlinders langs de singels tellen")
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    label = "similar titles"
    print(f"  {label:<24} median {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms   "
          f"{len(queries.captured_queries)} queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    settings.DEBUG = False  # DEBUG keeps every query in memory and slows rendering
    (BASE_DIR / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    fill(args.count)
    measure(args.runs)


if __name__ == "__main__":
    main()
