"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live
server, and every page visited is checked with axe-core."""

import json
import os
import shutil
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from wagtail.models import Collection

from demo.accounts import seed_institutions
from demo.marketplace import seed_marketplace
from demo.site import seed_home_page

# Playwright's synchronous API keeps an event loop running in this thread; Django's ORM
# refuses to run next to one unless told it is safe (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


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


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="nl-NL", is_mobile=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def _inject_axe(page):
    """Add axe-core to the page once it has loaded. On a busy machine Chromium can still be
    swapping documents when the test moves on (the head is briefly missing); the script is then
    added again once the new document is there. Only the injection is retried, never axe's verdict."""

    for attempt in range(3):
        page.wait_for_load_state()
        try:
            page.add_script_tag(path=str(AXE_JS))
            return
        except PlaywrightError:
            if attempt == 2:
                raise
            page.wait_for_timeout(250)


# Transitions still running (a dialog fading in) make axe measure half-transparent colours.
# Long or endless animations (a spinner, a badge's slow pulse) are not waited for.
ANIMATIONS_SETTLED = """() => document.getAnimations().every(
    (animation) => animation.playState !== "running"
        || animation.effect.getComputedTiming().endTime > 2000
)"""


def assert_accessible(page):
    """Run axe-core on the current page, once its transitions have ended; fail on any WCAG 2.1
    A/AA violation."""
    _inject_axe(page)
    page.wait_for_function(ANIMATIONS_SETTLED)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]
    assert violations == [], f"axe-core found violations on {page.url}:\n{json.dumps(violations, indent=2)}"
    return len(result["passes"])


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
    import_module("cms.migrations.0004_story_sign_off_workflow").forwards(apps, None)
