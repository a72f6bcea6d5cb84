"""The My data page: what the site holds about the person, kind by kind, and what deleting the
account does with each; in the reader's language, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_my_page_links_to_my_data(client):
    client.force_login(UserFactory())
    page = client.get(reverse("dashboard:my_page")).content.decode()
    assert 'href="/mijn-pagina/mijn-gegevens/"' in page


def test_the_page_lists_what_is_held_and_what_deleting_does(client, busy_student):
    client.force_login(busy_student["people"]["member"])
    response = client.get(reverse("privacy:my_data"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h3 class=\"member-list__name\">Logboekregels</h3>" in page
    assert "<strong>Bewaard</strong>: Logboekregels die je schreef: het verslag van het werk van het team" in page
    assert "<strong>Verwijderd</strong>: Foto&#x27;s en bestanden die je aan het logboek van een project" in page
    assert 'href="/mijn-pagina/mijn-gegevens/downloaden/"' in page
    assert 'href="/mijn-pagina/mijn-gegevens/account-verwijderen/"' in page
    # Kinds with nothing about the person are left out: Daan is in no organisation.
    assert "<h3 class=\"member-list__name\">Lidmaatschappen van organisaties</h3>" not in page


def test_the_page_in_english(client, busy_student):
    daan = busy_student["people"]["member"]
    User.objects.filter(pk=daan.pk).update(preferred_language="en")
    client.force_login(daan)
    with translation.override("en"):
        url = reverse("privacy:my_data")
    page = client.get(url).content.decode()
    assert url == "/en/my-page/my-data/"
    assert "<h3 class=\"member-list__name\">Log entries</h3>" in page
    assert "<strong>Kept</strong>: Approved hours: the record institutions grade on." in page


def test_the_page_needs_a_login(client):
    response = client.get(reverse("privacy:my_data"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_page_takes_the_same_number_of_queries_whatever_the_amount_of_data(client, busy_student):
    """The session, the user and the header, the person's addresses, then one count per kind of
    data in the registry."""
    people, project = busy_student["people"], busy_student["project"]
    daan = people["member"]
    client.force_login(daan)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("privacy:my_data")).status_code == 200
        return len(captured)

    queries()  # the site's settings and content types are cached after the first page
    few = queries()
    for number in range(5):
        entry = project.log_entries.create(author=daan, date=busy_student["entries"][0].date, text=f"Dag {number}")
        entry.hours.create(person=daan, hours=1)
    assert queries() == few
