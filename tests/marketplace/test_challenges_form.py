"""The posting form as a resident meets it: bad input gets a message, nothing is lost or half-saved."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.timezone import localdate

from marketplace.models import ChallengePage
from marketplace.selectors.challenges import challenges_for_poster
from tests.factories import ChallengePageFactory, NeighbourhoodFactory, ThemeFactory, UserFactory
from tests.marketplace.helpers import phone_photo

pytestmark = pytest.mark.django_db
URL = "/mijn-uitdagingen/nieuw/"


@pytest.fixture
def form_data(challenge_index):
    return {
        "title": "Een groene binnentuin",
        "summary": "Onze binnentuin is grijs.",
        "description": "Veel tegels.\n\nWeinig schaduw.",
        "outcome": "Een ontwerp.",
        "language": "nl",
        "themes": [ThemeFactory().pk],
        "neighbourhood": NeighbourhoodFactory().pk,
        "levels": ["hbo", "wo"],
        "team_size_min": "2",
        "team_size_max": "4",
        "team_capacity": "1",
        "work_languages": ["nl"],
        "application_deadline": (localdate() + datetime.timedelta(days=20)).isoformat(),
        "period_start": (localdate() + datetime.timedelta(days=30)).isoformat(),
        "period_end": (localdate() + datetime.timedelta(days=90)).isoformat(),
        "contact_name": "Anneke",
        "contact_email": "anneke.prive@example.org",
        "action": "draft",
    }


@pytest.fixture
def resident(client):
    user = UserFactory(email="anneke@example.org")
    client.force_login(user)
    return user


def test_a_draft_is_saved_and_the_form_comes_back_filled_in(client, resident, form_data):
    response = client.post(URL, form_data)
    challenge = ChallengePage.objects.get()
    assert response["Location"] == f"/mijn-uitdagingen/{challenge.pk}/bewerken/"
    html = client.get(response["Location"]).content.decode()
    assert 'value="Een groene binnentuin"' in html
    assert "Veel tegels.\n\nWeinig schaduw." in html


def test_the_phone_number_stays_with_the_owner_unless_she_ticks_the_box(client, resident, form_data):
    client.post(URL, form_data)
    challenge = ChallengePage.objects.get()
    assert challenge.show_phone_to_team is False
    edit = f"/mijn-uitdagingen/{challenge.pk}/bewerken/"
    response = client.post(edit, {**form_data, "show_phone_to_team": "on"})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.get_latest_revision_as_object().show_phone_to_team is True
    assert 'name="show_phone_to_team" id="id_show_phone_to_team" checked' in client.get(edit).content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "verplicht"),
        ({"summary": "x" * 10_000}, "hoogstens 300 tekens"),
        ({"themes": []}, "verplicht"),
        ({"team_size_min": "5", "team_size_max": "3"}, "Het grootste team kan niet kleiner zijn"),
        (
            {"application_deadline": (localdate() - datetime.timedelta(days=1)).isoformat()},
            "Kies een datum vanaf vandaag",
        ),
        ({"period_end": localdate().isoformat()}, "Het einde moet na het begin liggen"),
        ({"summary": "Bel me op 06 12345678"}, "lijkt een e-mailadres of telefoonnummer in te staan"),
        ({"outcome": "Mail naar anneke@example.org"}, "lijkt een e-mailadres of telefoonnummer in te staan"),
    ],
)
def test_bad_input_gets_a_message_keeps_the_text_and_saves_nothing(client, resident, form_data, change, message):
    response = client.post(URL, {**form_data, **change})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Veel tegels." in html  # what was typed is still there
    assert not ChallengePage.objects.exists()


def test_contact_details_in_the_text_can_be_kept_on_purpose(client, resident, form_data):
    client.post(URL, {**form_data, "summary": "Bel 06 12345678", "keep_contact_in_text": "on"})
    assert ChallengePage.objects.get().get_latest_revision_as_object().summary == "Bel 06 12345678"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("foto.jpg", b"<html><script>alert(1)</script></html>"), "geen foto die we kunnen lezen"),
        (SimpleUploadedFile("foto.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "geen foto die we kunnen lezen"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_saved(client, resident, form_data, upload, message):
    response = client.post(URL, {**form_data, "photo": upload, "photo_alt": "Tegels"})
    html = response.content.decode()
    assert message in html
    assert "Kies die dan opnieuw" in html
    assert 'value="Een groene binnentuin"' in html
    assert not ChallengePage.objects.exists()


def test_a_photo_needs_a_description(client, resident, form_data):
    response = client.post(URL, {**form_data, "photo": phone_photo()})
    assert "Beschrijf in een paar woorden wat er op de foto staat" in response.content.decode()


def test_script_tags_are_shown_as_text_everywhere(client, resident, form_data, django_user_model):
    script = "<script>alert('x')</script>"
    client.post(
        URL,
        {
            **form_data,
            "title": f"Tuin {script}",
            "summary": f"Grijs {script}",
            "description": f"Tegels {script}",
            "outcome": f"Ontwerp {script}",
            "action": "preview",
        },
    )
    challenge = ChallengePage.objects.get()
    preview = client.get(f"/mijn-uitdagingen/{challenge.pk}/voorbeeld/").content.decode()
    assert script not in preview
    assert "&lt;script&gt;" in preview
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    listing = client.get(f"/admin/pages/{challenge.get_parent().pk}/").content.decode()
    assert script not in listing


def test_submitting_from_the_form_sends_it_for_review_and_mails_the_poster(
    client, resident, form_data, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**form_data, "action": "submit"})
    assert response["Location"] == "/mijn-pagina/"
    (mine,) = challenges_for_poster(resident)
    assert mine.publication_state == "in_review"
    assert [m.subject for m in mailoutbox if resident.email in m.to] == [
        f"[Leren met de Stad] Je uitdaging “{form_data['title']}” is naar de redactie gestuurd"
    ]


def test_date_fields_show_their_dates_in_the_browser_format(client, challenge_index):
    """A browser's date field shows only ISO dates; a Dutch-formatted value would show empty."""
    poster = UserFactory()
    challenge = ChallengePageFactory(parent=challenge_index, posted_by=poster, live=False)
    client.force_login(poster)
    html = client.get(f"/mijn-uitdagingen/{challenge.pk}/bewerken/").content.decode()
    assert f'value="{challenge.application_deadline.isoformat()}"' in html
    assert f'value="{challenge.period_end.isoformat()}"' in html
