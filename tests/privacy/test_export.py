"""The data download (AVG: right of access and to data portability): one ZIP with a JSON of
everything held about the person, labelled in their language, and the files they uploaded."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from marketplace.models import Attachment
from privacy.selectors import personal_data_export
from tests.factories import UserFactory
from tests.privacy.helpers import download, log_in_and_confirm

pytestmark = pytest.mark.django_db


def test_the_download_holds_a_students_teams_applications_log_hours_comments_notifications_follows_and_invitations(
    client, busy_student
):
    daan = busy_student["people"]["member"]
    log_in_and_confirm(client, daan)

    response, archive, data = download(client)

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="leren-met-de-stad-mijn-gegevens-')
    assert "private" in response["Cache-Control"]
    assert data["Je account"] == [
        {
            "E-mailadres": "daan@student.hsleiden.nl",
            "Weergavenaam": "Daan Bakker",
            "Voorkeurstaal": "Nederlands",
            "Opleiding": "",
            "Studiejaar": None,
            "Vaardigheden en interesses": "",
            "Datum toegetreden": data["Je account"][0]["Datum toegetreden"],
            "Laatst ingelogd": data["Je account"][0]["Laatst ingelogd"],
        }
    ]
    assert data["Rollen"] == ["Student bij Hogeschool Leiden"]
    assert [row["Team"] for row in data["Teamlidmaatschappen"]] == ["De Groene Vleugel", "Daans Denktank"]
    assert [row["Status"] for row in data["Aanmeldingen"]] == ["Gekozen"]
    assert sorted(row["Wat er is gedaan"] for row in data["Logboekregels"]) == [
        "Interviews met bewoners.", "Ontwerp geschetst."
    ]
    assert sorted((row["Uren"], row["Status"]) for row in data["Uren"]) == [
        ("3.00", "Goedgekeurd"), ("4.00", "Wacht op de begeleider")
    ]
    assert [row["Reactie"] for row in data["Reacties"]] == ["De bewoners willen vooral schaduw."]
    assert [(row["Bericht"], row["Geschreven in"]) for row in data["Berichten"]] == [
        ("Zie de foto van de binnentuin.", "Nederlands")
    ]
    assert [(row["Reden"], row["Toelichting"]) for row in data["Inhoud die je meldde"]] == [
        ("Iets anders", "Mijn naam staat erin.")
    ]
    message_photo = data["Bestanden bij berichten"][0]["Bestand"]
    assert archive.read(message_photo)[:2] == b"\xff\xd8"
    assert len(data["Gevolgde onderwerpen"]) == 1
    assert data["Meldingen"]
    assert [row["E-mailadres"] for row in data["Uitnodigingen voor organisaties"]] == ["daan@student.hsleiden.nl"]
    assert [row["E-mailadres"] for row in data["Teamuitnodigingen"]] == ["vriendin@example.org"]

    photos = [row["Bestand"] for row in data["Bijlagen"]]
    assert len(photos) == 2
    for name in photos:
        assert name.startswith("files/attachment/")
        assert archive.read(name)[:2] == b"\xff\xd8"  # a JPEG, as stored (without its GPS position)
    stored = {attachment.file.name.rsplit("/", 1)[-1] for attachment in Attachment.objects.filter(uploaded_by=daan)}
    assert {name.rsplit("/", 1)[-1] for name in photos} == stored


def test_an_english_speaking_student_gets_the_download_in_english(client, busy_student):
    daan = busy_student["people"]["member"]
    User.objects.filter(pk=daan.pk).update(preferred_language="en")
    log_in_and_confirm(client, daan)

    response, _archive, data = download(client, "en")

    assert response["Content-Disposition"].startswith('attachment; filename="leren-met-de-stad-my-data-')
    assert data["Your account"][0]["Display name"] == "Daan Bakker"
    assert data["Your account"][0]["Preferred language"] == "English"
    assert data["Roles"] == ["Student at Leiden University of Applied Sciences"]
    assert [row["Status"] for row in data["Applications"]] == ["Accepted"]
    assert sorted(row["Status"] for row in data["Hours"]) == ["Approved", "Waiting for the supervisor"]


def test_the_download_of_someone_else_never_holds_another_persons_rows(client, busy_student):
    """Sanne is in the same team: she gets the team's application, but not Daan's hours."""
    sanne = busy_student["people"]["lead"]
    log_in_and_confirm(client, sanne)

    _response, _archive, data = download(client)

    assert [row["E-mailadres"] for row in data["Je account"]] == ["sanne@umail.leidenuniv.nl"]
    assert [row["Uren"] for row in data["Uren"]] == ["2.00"]
    assert "Bijlagen" not in data
    assert "Uitnodigingen voor organisaties" not in data


def test_the_download_asks_for_the_password_again(client, busy_student):
    daan = busy_student["people"]["member"]
    client.force_login(daan)
    response = client.get(reverse("privacy:download"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/reauthenticate/?next=%2Fmijn-pagina%2Fmijn-gegevens%2Fdownloaden%2F"


def test_the_download_needs_a_login(client):
    response = client.get(reverse("privacy:download"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def _queries_of_a_download(user) -> int:
    with CaptureQueriesContext(connection) as queries:
        archive, _filename = personal_data_export(user)
        archive.close()
    return len(queries)


def test_the_download_takes_the_same_number_of_queries_whatever_the_amount_of_data(busy_student):
    """One query per kind of data in the registry (and the person's addresses and roles),
    however many log entries, hours and photos there are."""
    people, project = busy_student["people"], busy_student["project"]
    daan = people["member"]
    _queries_of_a_download(daan)  # content types and the like are cached after the first
    few = _queries_of_a_download(daan)
    for number in range(5):
        more = busy_student["entries"][0].__class__.objects.create(
            project=project, author=daan, date=busy_student["entries"][0].date, text=f"Nog een dag {number}"
        )
        more.hours.create(person=daan, hours=1)
        more.comments.create(author=daan, text="En nog iets.")
    UserFactory()  # someone else's data changes nothing either
    assert _queries_of_a_download(daan) == few
