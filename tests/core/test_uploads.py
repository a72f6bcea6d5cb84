"""Upload limits outside the marketplace's forms: a page that takes no files stops reading a
request at its first megabyte of file and answers 413 without running; Wagtail's admin screens
take the sizes Wagtail's own forms check."""

import pytest
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from core.uploads import DEFAULT_LIMITS, UploadLimits, limits_for
from tests.core.helpers import post_streamed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/mijn-pagina/profiel/", "Wat je verstuurde is groter dan 1 MB, het meeste dat deze pagina aanneemt."),
        ("/en/my-page/profiel/", "What you sent is larger than 1 MB, the most this page takes."),
    ],
)
def test_a_file_sent_to_a_page_without_uploads_stops_the_request_and_changes_nothing(client, url, message):
    user = UserFactory(display_name="Sanne de Vries")
    client.force_login(user)
    parts = [("display_name", "Iemand anders"), ("preferred_language", "nl"), ("avatar", "foto.pdf", 50 * MB)]
    response, body = post_streamed(client, url, parts)
    assert response.status_code == 413
    assert message in response.content.decode()
    assert body.bytes_read < 2 * MB
    user.refresh_from_db()
    assert user.display_name == "Sanne de Vries"


def test_a_file_over_the_limit_in_a_request_within_it_is_named(client):
    """The request's length leaves room for a file of 1 MB; the file sent is a little more."""
    client.force_login(UserFactory())
    parts = [("display_name", "Iemand anders"), ("avatar", "foto.pdf", MB + 1)]
    response, body = post_streamed(client, "/mijn-pagina/profiel/", parts)
    assert response.status_code == 413
    assert "“foto.pdf” is groter dan 1 MB, het meeste dat deze pagina aanneemt." in response.content.decode()


def test_a_small_file_sent_to_a_page_without_uploads_is_ignored_as_before(client):
    user = UserFactory(display_name="Sanne de Vries")
    client.force_login(user)
    parts = [("display_name", "Sanne Visser"), ("preferred_language", "nl"), ("avatar", "foto.pdf", 1000)]
    response, _body = post_streamed(client, "/mijn-pagina/profiel/", parts)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Sanne Visser"


def _limits_at(path):
    request = RequestFactory().post(path)
    # As LocaleMiddleware does before the URL is resolved: English lives under /en/.
    with translation.override("en" if path.startswith("/en/") else "nl"):
        request.resolver_match = resolve(path)
    return limits_for(request)


@pytest.mark.parametrize(
    ("path", "limits"),
    [
        ("/admin/images/add/", UploadLimits(file_bytes=10 * MB, total_bytes=10 * MB)),
        ("/admin/images/multiple/add/", UploadLimits(file_bytes=10 * MB, total_bytes=10 * MB)),
        ("/admin/images/chooser/create/", UploadLimits(file_bytes=10 * MB, total_bytes=10 * MB)),
        ("/admin/account/", UploadLimits(file_bytes=10 * MB, total_bytes=10 * MB)),
        ("/admin/documents/add/", UploadLimits(file_bytes=20 * MB, total_bytes=20 * MB)),
        ("/admin/documents/multiple/add/", UploadLimits(file_bytes=20 * MB, total_bytes=20 * MB)),
        ("/admin/documents/chooser/create/", UploadLimits(file_bytes=20 * MB, total_bytes=20 * MB)),
        ("/admin/redirects/import/", UploadLimits(file_bytes=20 * MB, total_bytes=20 * MB)),
        ("/admin/pages/3/edit/", DEFAULT_LIMITS),
        ("/mijn-pagina/profiel/", DEFAULT_LIMITS),
        ("/projecten/7/logboek/nieuw/", UploadLimits(file_bytes=20 * MB, total_bytes=400 * MB)),
        ("/en/projects/log/7/edit/", UploadLimits(file_bytes=20 * MB, total_bytes=400 * MB)),
        ("/projecten/7/opleveren/", UploadLimits(file_bytes=20 * MB, total_bytes=20 * MB)),
        ("/mijn-uitdagingen/nieuw/", UploadLimits(file_bytes=10 * MB, total_bytes=10 * MB)),
        ("/en/my-challenges/7/edit/", UploadLimits(file_bytes=10 * MB, total_bytes=10 * MB)),
    ],
)
def test_each_url_has_the_limits_its_form_checks(path, limits):
    assert _limits_at(path) == limits
