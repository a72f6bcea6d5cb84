import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation

from accounts.defaults import BROKERS_GROUP, EDITORS_GROUP
from accounts.models import Institution
from cms import navigation
from core import page_cache
from demo.accounts import seed_institutions
from demo.site import seed_home_page
from marketplace.services.applications import application_accept, application_endorse
from tests.factories import ChallengeIndexPageFactory, UserFactory
from tests.marketplace.helpers import supervised_application


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """Rate limits live in the cache; every test starts without earlier attempts, and in
    the default language (a request handled in the test process may leave another active)."""
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def uncached_pages(settings, monkeypatch):
    """Query counts measure rendering the whole page: not the page cache (core.page_cache)
    answering it, nor the menu, footer and restricted sections kept from an earlier page."""
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(navigation, "cached_for_generation", lambda name, make: make())
    monkeypatch.setattr(page_cache, "cached_for_generation", lambda name, make: make())  # core.pages


@pytest.fixture(autouse=True)
def _query_counts_measure_the_whole_page(request):
    """Every query-count test (by its fixtures or its name) counts what rendering the whole page
    costs, not what the caches save."""
    counts = {"django_assert_num_queries", "django_assert_max_num_queries"} & set(request.fixturenames)
    if counts or "query_count" in request.node.name or "number_of_queries" in request.node.name:
        request.getfixturevalue("uncached_pages")


@pytest.fixture
def home_page(db):
    return seed_home_page()


@pytest.fixture
def institutions(db):
    """The partnership's institutions as the data migration creates them."""
    seed_institutions()
    return {institution.short_name: institution for institution in Institution.objects.all()}


@pytest.fixture
def challenge_index(home_page):
    return ChallengeIndexPageFactory(parent=home_page)


@pytest.fixture
def editor():
    user = UserFactory(mfa=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def project_world(challenge_index, institutions):
    """An active project made the way the site makes one: a mixed, supervised team applied and
    the resident chose it. ``people`` holds everyone of ``tests.marketplace.helpers.PROJECT_PEOPLE``
    but "anonymous"; the lecturers, the editor and the broker have two-step login on."""
    people = {
        "outsider": UserFactory(email="buurman@example.org", display_name="Buurman Bert"),
        "other_student": UserFactory(email="piet@student.hsleiden.nl", display_name="Piet Visser"),
        "lead": UserFactory(email="sanne@umail.leidenuniv.nl", display_name="Sanne de Vries"),
        "member": UserFactory(email="daan@student.hsleiden.nl", display_name="Daan Bakker"),
        "supervisor": UserFactory(email="k.jansen@hsleiden.nl", display_name="Karin Jansen", mfa=True),
        "other_lecturer": UserFactory(email="j.smit@leidenuniv.nl", display_name="Jan Smit", mfa=True),
        "poster": UserFactory(email="anneke@example.org", display_name="Anneke Vos"),
        "organisation_member": UserFactory(email="joost@example.org", display_name="Joost Meijer"),
        "editor": UserFactory(email="redactie@example.org", display_name="Eva Redactie", mfa=True),
        "broker": UserFactory(email="makelaar@example.org", display_name="Bram Makelaar", mfa=True),
    }
    people["editor"].groups.add(Group.objects.get(name=EDITORS_GROUP))
    people["broker"].groups.add(Group.objects.get(name=BROKERS_GROUP))
    challenge, team, application = supervised_application(challenge_index, institutions, people)
    if application.can_endorse():
        application_endorse(application=application, actor=people["supervisor"])
    project = application_accept(application=application, actor=people["poster"])
    return {"people": people, "challenge": challenge, "team": team, "project": project}


@pytest.fixture(scope="session", autouse=True)
def _empty_test_file_folders():
    """Photos and files the run stored are removed when it ends, so the test folders do not
    grow run after run. Only the test settings' own folders (named ``test-…``) are touched."""
    yield
    for folder in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        folder = Path(folder)
        if folder.name.startswith("test-") and folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
