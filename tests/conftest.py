import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache; every test starts without earlier attempts."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    from cms.demo import seed_home_page

    return seed_home_page()


@pytest.fixture
def institutions(db):
    """The partnership's institutions as the data migration creates them."""
    from accounts.demo import seed_institutions
    from accounts.models import Institution

    seed_institutions()
    return {institution.short_name: institution for institution in Institution.objects.all()}
