import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from accounts.models import Institution
from demo.accounts import seed_institutions
from demo.site import seed_home_page
from tests.factories import ChallengeIndexPageFactory


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


@pytest.fixture(scope="session", autouse=True)
def _empty_test_file_folders():
    """Photos and files the run stored are removed when it ends, so the test folders do not
    grow run after run. Only the test settings' own folders (named ``test-…``) are touched."""

    yield
    for folder in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        folder = Path(folder)
        if folder.name.startswith("test-") and folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
