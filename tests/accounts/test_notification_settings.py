"""The e-mail settings page: per kind, right away, once a day or not at all."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.choices import NotificationKind
from accounts.models import NotificationPreference
from accounts.notifications.centre import notification_settings_update
from accounts.notifications.kinds import default_email
from accounts.selectors import notification_settings_for
from accounts.services import AccountsError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def settings_url(language="en"):
    with translation.override(language):
        return reverse("accounts:notification_settings")


def everything(**changes):
    """The form as it comes: each kind at its default unless changed."""
    return {kind: changes.get(kind, default_email(kind)) for kind in NotificationKind.values}


def test_the_page_needs_a_login(client):
    assert client.get(settings_url("nl")).status_code == 302


def test_the_page_offers_each_kind_with_right_away_chosen_by_default(client):
    client.force_login(UserFactory(preferred_language="en"))
    html = client.get(settings_url()).content.decode()
    assert "<h1>E-mail settings</h1>" in html
    for kind in NotificationKind:
        assert f"<legend>{kind.label}:</legend>" in html
        assert f'name="{kind.value}" value="immediately"' in html
    assert html.count('value="immediately" required id="id_team_invitation_0" checked') == 1
    assert "Daily summary" in html
    assert "No e-mail" in html
    assert "A student invites you to join their team." in html  # the kind's description


def test_saving_stores_only_what_differs_from_each_kinds_default(client):
    sophie = UserFactory(preferred_language="en")
    client.force_login(sophie)
    data = everything(team_invitation="digest", application_new="off")
    response = client.post(settings_url(), data, follow=True)
    assert response.redirect_chain[-1][0] == settings_url()
    assert "Your e-mail settings have been saved." in response.content.decode()
    assert dict(NotificationPreference.objects.filter(user=sophie).values_list("kind", "email")) == {
        "team_invitation": "digest",
        "application_new": "off",
    }
    html = response.content.decode()
    assert 'value="digest" required id="id_team_invitation_1" checked' in html

    client.post(settings_url(), everything(application_new="off"))
    assert dict(NotificationPreference.objects.filter(user=sophie).values_list("kind", "email")) == {
        "application_new": "off",
    }


def test_bad_input_is_explained_in_the_users_language_and_nothing_is_lost_or_saved(client):
    sophie = UserFactory(preferred_language="en")
    client.force_login(sophie)
    data = everything(team_invitation="digest", application_new="weekly")
    del data["challenge_review"]
    response = client.post(settings_url(), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the choices marked below. Nothing has been saved yet." in html
    assert "Select a valid choice. weekly is not one of the available choices." in html
    assert "This field is required." in html
    assert 'value="digest" required id="id_team_invitation_1" checked' in html  # the other choices are kept
    assert not NotificationPreference.objects.exists()


def test_bad_input_in_dutch(client):
    """Django's own messages are in its Dutch catalogue already."""
    daan = UserFactory(preferred_language="nl")
    client.force_login(daan)
    html = client.post(settings_url("nl"), everything(application_new="weekly")).content.decode()
    assert '<html lang="nl">' in html
    assert "Selecteer een geldige keuze. weekly is geen beschikbare keuze." in html
    assert not NotificationPreference.objects.exists()


def test_only_the_person_changes_their_own_settings():
    sophie, daan = UserFactory(), UserFactory()
    with pytest.raises(AccountsError):
        notification_settings_update(user=sophie, actor=daan, settings_by_kind={"team_invitation": "off"})
    with pytest.raises(ValueError):
        notification_settings_update(user=sophie, actor=sophie, settings_by_kind={"team_invitation": "weekly"})
    with pytest.raises(ValueError):
        notification_settings_update(user=sophie, actor=sophie, settings_by_kind={"team_party": "off"})
    assert notification_settings_update(user=sophie, actor=sophie, settings_by_kind={"team_invitation": "off"}) == [
        "team_invitation"
    ]
    assert notification_settings_update(user=sophie, actor=sophie, settings_by_kind={"team_invitation": "off"}) == []
    assert notification_settings_for(sophie)["team_invitation"] == "off"
    assert notification_settings_for(sophie)["team_joined"] == "immediately"


def test_my_page_and_the_notifications_page_link_here(client):
    client.force_login(UserFactory(preferred_language="en"))
    assert f'href="{settings_url()}"' in client.get("/en/my-page/").content.decode()
    assert f'href="{settings_url()}"' in client.get("/en/my-page/notifications/").content.decode()
