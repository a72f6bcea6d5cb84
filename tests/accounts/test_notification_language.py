"""Text in another language than the sentence around it is marked ``lang`` (WCAG 3.1.2): a
challenge's title in a notification, on a project page, a team's description."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.choices import NotificationKind
from accounts.notifications.kinds import notification_html, notification_text, written_in
from core.translation import in_language as mark_language
from tests.factories import NotificationFactory, TeamFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def sign_off(title, language, actor_name="Anneke <Vos>"):
    return NotificationFactory(
        kind=NotificationKind.STORY_SIGN_OFF,
        actor=UserFactory(display_name=actor_name),
        params=written_in("challenge", title, language),
    )


def test_the_title_of_a_challenge_in_english_is_marked_in_a_dutch_sentence():
    notification = sign_off("Lonely in Leiden's <north>", "en")
    with translation.override("nl"):
        html = notification_html(notification)
    assert html == (
        "Anneke &lt;Vos&gt; schreef een verhaal over je uitdaging "
        "“<span lang=\"en\">Lonely in Leiden&#x27;s &lt;north&gt;</span>”: lees het en bevestig het"
    )


def test_the_plain_text_for_e_mail_has_no_markup_and_no_escaping():
    notification = sign_off("Lonely in Leiden's <north>", "en")
    with translation.override("en"):
        assert notification_text(notification) == (
            "Anneke <Vos> wrote a story about your challenge “Lonely in Leiden's <north>”: read it and confirm it"
        )


def test_a_notification_stored_before_languages_were_recorded_is_shown_unmarked():
    notification = NotificationFactory(params={"team": "De <Groene> Vleugel"})
    with translation.override("en"):
        html = notification_html(notification)
    assert "De &lt;Groene&gt; Vleugel" in html
    assert "lang=" not in html


def test_the_notification_list_marks_the_title(client):
    notification = sign_off("Lonely in Leiden", "en")
    client.force_login(notification.recipient)
    with translation.override("nl"):
        response = client.get(reverse("accounts:notifications"))
    assert '“<span lang="en">Lonely in Leiden</span>”' in response.content.decode()


def test_mark_language_escapes_and_leaves_text_of_unknown_language_alone():
    assert mark_language("A & B", "en") == '<span lang="en">A &amp; B</span>'
    assert mark_language("A & B", "") == "A & B"


def test_a_team_records_the_language_of_its_description_defaulting_to_the_writers(client, institutions):
    student = UserFactory(email="sophie@umail.leidenuniv.nl", preferred_language="en")
    client.force_login(student)
    with translation.override("en"):
        url = reverse("teams:new")
    form = client.get(url).content.decode()
    checked = re.findall(r'<input type="radio" name="language" value="(\w+)"[^>]* checked>', form)
    assert checked == ["en"]

    response = client.post(url, {"name": "Green Wing", "description": "We map shade in Leiden.", "language": "en"})
    team = student.team_memberships.get().team
    assert response.status_code == 302 and team.language == "en"
    with translation.override("nl"):
        page = client.get(team.get_absolute_url(), follow=True).content.decode()
    assert '<p class="page-header__lead" lang="en">We map shade in Leiden.</p>' in page


def test_a_team_page_marks_a_dutch_description_on_an_english_page(client):
    team = TeamFactory(name="De Groene Vleugel", description="Wij meten schaduw.", language="nl")
    client.force_login(TeamMembershipFactory(team=team).user)
    with translation.override("en"):
        page = client.get(team.get_absolute_url(), follow=True).content.decode()
    assert 'lang="nl">Wij meten schaduw.</p>' in page
