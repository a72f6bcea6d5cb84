"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live
server, and every page visited is checked with axe-core. Every browser context is guarded
(``tests.browser.helpers.guarded_context``): a test fails on any Content-Security-Policy
violation and on any request to another host than the site."""

import os
import shutil
import threading
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright
from wagtail.models import Collection

from accounts.choices import LecturerStatus
from accounts.models import Institution
from demo.accounts import seed_institutions
from demo.marketplace import seed_marketplace
from demo.site import seed_home_page
from marketplace.models import Neighbourhood, Theme
from marketplace.services.applications import application_accept, application_endorse, application_submit
from tests.browser.helpers import AXE_JS, DESKTOP, GUARDS, JOURNEY_CHALLENGE, PHONE, guarded_context
from tests.factories import ChallengeIndexPageFactory, ChallengePageFactory, LecturerApprovalFactory, UserFactory
from tests.marketplace.helpers import proposal, supervised_team

# Playwright's synchronous API keeps an event loop running in this thread; Django's ORM
# refuses to run next to one unless told it is safe (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server, answering one request at a time. On SQLite every request thread of the
    live server shares the test's one in-memory connection, and a browser sends requests side
    by side (Wagtail's editor pings its editing session and releases it while the next page
    loads): a write in one thread next to an unfinished read in another fails with "database
    table is locked". Connections stay threaded (keep-alive works); only the application runs
    under a lock, its response read whole before the next request starts."""

    lock = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self.lock:
                response = application(environ, start_response)
                try:
                    return list(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()

        super().set_app(one_at_a_time)


LiveServerThread.server_class = OneRequestAtATimeServer


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)):
        pytest.fail(f"Chromium is missing at {CHROMIUM}; install it with: sudo apt-get install -y chromium")
    if not AXE_JS.exists():
        pytest.fail("axe-core is missing; install it with: npm ci")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _browser_guards():
    """Each test starts with no guards; ``pytest_runtest_call`` checks the ones it opened."""
    GUARDS.clear()
    yield
    GUARDS.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After the test's own steps (and only if they passed): fail on anything a guard found
    that no ``assert_accessible`` reported yet, e.g. on the last page of a journey."""
    result = yield
    for guard in GUARDS:
        guard.check()
    return result


@pytest.fixture
def page(browser, live_server):
    context = guarded_context(browser, live_server, viewport=DESKTOP, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = guarded_context(browser, live_server, viewport=PHONE, locale="nl-NL", is_mobile=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(transactional_db):
    """The demo's institutions, groups, themes and home page; the live-server tests run on
    a database emptied after every test, so they are made anew each time."""
    seed_institutions()
    seed_marketplace()
    home = seed_home_page()
    _restore_groups_and_review_workflow()
    return home


def _restore_groups_and_review_workflow():
    """Recreate what the data migrations made (the live-server database is emptied between
    tests; Django recreates permissions, not groups, workflows or Wagtail's root collection):
    the groups, and the workflows of challenges and of stories."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")  # images and documents live in a collection

    groups = import_module("accounts.migrations.0002_institutions_and_groups")
    wanted_by_group = {groups.EDITORS_GROUP: groups.EDITOR_PERMISSIONS, groups.BROKERS_GROUP: groups.BROKER_PERMISSIONS}
    for name, wanted in wanted_by_group.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    import_module("marketplace.migrations.0003_challenge_review_workflow").forwards(apps, None)
    import_module("marketplace.migrations.0005_organisation_member_permissions").grant(apps)
    import_module("accounts.migrations.0004_institution_login").grant(apps)
    import_module("cms.migrations.0004_story_sign_off_workflow").forwards(apps, None)


@pytest.fixture
def active_project(site):
    """An active project made the way the site makes one: a mixed team of a Leiden University
    and a Hogeschool Leiden student, supervised by a lecturer, applied and the resident chose it."""
    people = {
        "lead": UserFactory(email="sanne@umail.leidenuniv.nl", display_name="Sanne de Vries"),
        "member": UserFactory(email="daan@student.hsleiden.nl", display_name="Daan Bakker"),
        "supervisor": UserFactory(email="k.jansen@hsleiden.nl", display_name="Karin Jansen"),
        "owner": UserFactory(email="anneke@example.org", display_name="Anneke Vos"),
    }
    LecturerApprovalFactory(
        user=people["supervisor"],
        institution=Institution.objects.get(short_name="HSL"),
        status=LecturerStatus.APPROVED,
    )
    challenge = ChallengePageFactory(
        parent=ChallengeIndexPageFactory(parent=site),
        title=JOURNEY_CHALLENGE,
        slug="vlinders-langs-de-singels-tellen",
        summary="Hoeveel vlinders vliegen er langs de Leidse singels, en helpen vlinderstruiken?",
        posted_by=people["owner"],
        contact_name="Anneke Vos",
        contact_email="anneke.vos@example.org",
        team_capacity=1,
        themes=[Theme.objects.get(slug="duurzaamheid-biodiversiteit")],
        neighbourhood=Neighbourhood.objects.get(slug="binnenstad-zuid"),
    )
    team = supervised_team(
        name="De Groene Vleugel", lead=people["lead"], members=[people["member"]], supervisor=people["supervisor"]
    )
    application = application_submit(
        challenge=challenge,
        team=team,
        actor=people["lead"],
        data=proposal(
            motivation="Biologie en Social Work: we tellen vlinders en praten met de buurt.",
            approach="Drie telrondes langs de singels en een avond in het buurthuis.",
            course_name="Stadsecologie",
            course_code="BIO-SE",
        ),
    )
    if application.can_endorse():
        application_endorse(application=application, actor=people["supervisor"])
    project = application_accept(application=application, actor=people["owner"])
    return {"people": people, "challenge": challenge, "project": project}


@pytest.fixture
def contexts():
    """The browser contexts of the people in the journey (opened with ``guarded_context``),
    closed even when a step fails."""
    opened = []
    yield opened
    for context in opened:
        context.close()
