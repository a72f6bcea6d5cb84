"""Calendar feeds, read back as a calendar app reads them (icalendar): the open challenges'
application deadlines, all of them and per theme and neighbourhood, and a person's own dates at
their secret address, made anew and stopped from My page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from marketplace.choices import ApplicationStatus, ChallengeStatus
from marketplace.models import CalendarFeed, ChallengePage, Milestone, Project
from tests.factories import (
    ApplicationFactory,
    ChallengePageFactory,
    NeighbourhoodFactory,
    TeamMembershipFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def read(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def deadlines(challenge_index):
    today = timezone.localdate()
    green = ThemeFactory(name="Duurzaamheid", name_en="Sustainability", slug="duurzaamheid")
    merenwijk = NeighbourhoodFactory(name="Merenwijk", slug="merenwijk")
    open_one = ChallengePageFactory(
        parent=challenge_index, title="Tegels eruit, groen erin", themes=[green], neighbourhood=merenwijk,
        application_deadline=today + datetime.timedelta(days=10), summary="Minder tegels in de Merenwijk.",
        summary_en="Fewer tiles in the Merenwijk.",
    )
    other = ChallengePageFactory(parent=challenge_index, title="Het archief van de wijkkrant",
                                 application_deadline=today + datetime.timedelta(days=20))
    ChallengePageFactory(
        parent=challenge_index, title="Al gesloten", application_deadline=today - datetime.timedelta(days=1)
    )
    ChallengePageFactory(parent=challenge_index, title="Al bezig", status=ChallengeStatus.IN_PROGRESS)
    hidden = ChallengePageFactory(parent=challenge_index, title="Gemeld")
    ChallengePage.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    return {"open": open_one, "other": other, "green": green, "merenwijk": merenwijk}


def test_the_public_calendar_holds_the_deadlines_teams_can_still_make(client, deadlines):
    calendar = read(client.get(reverse("feeds:challenges_ics")))
    assert str(calendar["x-wr-timezone"]) == "Europe/Amsterdam"
    assert str(calendar["x-wr-calname"]) == "Leren met de Stad – nieuwe uitdagingen"
    found = events(calendar)
    assert set(found) == {"Aanmelden vóór: Tegels eruit, groen erin", "Aanmelden vóór: Het archief van de wijkkrant"}
    event = found["Aanmelden vóór: Tegels eruit, groen erin"]
    deadline = deadlines["open"].application_deadline
    # All-day, on the deadline itself: a date, with no time zone to shift it.
    assert event.decoded("dtstart") == deadline and not isinstance(event.decoded("dtstart"), datetime.datetime)
    assert event.decoded("dtend") == deadline + datetime.timedelta(days=1)
    assert str(event["url"]) == f"http://testserver{deadlines['open'].url}"
    assert "Minder tegels in de Merenwijk." in str(event["description"])
    assert str(event["uid"]) == f"deadline-{deadlines['open'].pk}@lerenmetdestad.nl"
    assert b"anneke.prive@example.org" not in client.get(reverse("feeds:challenges_ics")).content
    assert b"06 12 34 56 78" not in client.get(reverse("feeds:challenges_ics")).content


def test_a_calendar_per_theme_and_per_neighbourhood_in_english(client, deadlines):
    with translation.override("en"):
        address = reverse("feeds:theme_ics", kwargs={"slug": "duurzaamheid"})
    theme = read(client.get(address))
    assert str(theme["x-wr-calname"]) == "Leren met de Stad – theme: Sustainability"
    assert set(events(theme)) == {"Apply before: Tegels eruit, groen erin"}
    event = events(theme)["Apply before: Tegels eruit, groen erin"]
    assert "Fewer tiles in the Merenwijk." in str(event["description"])
    with translation.override("nl"):
        address = reverse("feeds:neighbourhood_ics", kwargs={"slug": "merenwijk"})
    neighbourhood = read(client.get(address))
    assert set(events(neighbourhood)) == {"Aanmelden vóór: Tegels eruit, groen erin"}
    assert client.get(reverse("feeds:theme_ics", kwargs={"slug": "bestaat-niet"})).status_code == 404


def test_the_challenge_list_links_its_calendar_next_to_its_feed(client, deadlines):
    page = client.get("/uitdagingen/?theme=duurzaamheid").content.decode()
    assert f'href="{reverse("feeds:theme_ics", kwargs={"slug": "duurzaamheid"})}" type="text/calendar"' in page
    assert "Deadlines over Duurzaamheid in je agenda" in page


def test_the_public_calendar_takes_the_same_queries_for_two_challenges_and_ten(
    client, deadlines, challenge_index, uncached_pages
):
    client.get(reverse("feeds:challenges_ics"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("feeds:challenges_ics"))
    for number in range(8):
        ChallengePageFactory(parent=challenge_index, title=f"Nog een {number}")
    with CaptureQueriesContext(connection) as many:
        assert len(events(read(client.get(reverse("feeds:challenges_ics"))))) == 10
    assert len(many.captured_queries) == len(few.captured_queries)


# A person's own calendar


def personal_url(feed: CalendarFeed) -> str:
    return reverse("feeds:personal_ics", kwargs={"token": feed.token})


def test_a_student_makes_a_calendar_address_and_finds_their_dates_in_their_language(client, project_world):
    people, project = project_world["people"], project_world["project"]
    member = people["member"]
    member.preferred_language = "en"
    member.save()
    Milestone.objects.create(
        project=project, title="Interviews klaar", due_date=timezone.localdate() + datetime.timedelta(days=7),
        created_by=people["lead"],
    )
    Milestone.objects.create(project=project, title="Al gedaan", due_date=timezone.localdate(), done_at=timezone.now(),
                             created_by=people["lead"])
    elsewhere = ChallengePageFactory(parent=project_world["challenge"].get_parent(), title="Schaduw op het plein")
    ApplicationFactory(challenge=elsewhere, team=project_world["team"], status=ApplicationStatus.AWAITING_ENDORSEMENT)

    client.force_login(member)
    assert client.post(reverse("feeds:calendar_renew")).status_code == 302
    feed = CalendarFeed.objects.get(user=member)
    with translation.override("en"):
        address = personal_url(feed)  # as her (English) My page shows it
    assert f'value="http://testserver{address}"' in client.get("/en/my-page/").content.decode()
    client.logout()

    with translation.override("nl"):
        address = personal_url(feed)
    response = client.get(address)  # the calendar app: not logged in; even at the Dutch address
    calendar = read(response)
    assert response["Cache-Control"] == "private, no-store" and "Set-Cookie" not in response.headers
    found = events(calendar)
    title, team = project.challenge.title, project.team.name
    application = project.application
    assert set(found) == {
        f"Project: {title} ({team})",
        f"Deliver: {title} ({team})",
        f"Milestone: Interviews klaar ({title})",
        f"Applications close: Schaduw op het plein ({team})",
    }
    period = found[f"Project: {title} ({team})"]
    assert period.decoded("dtstart") == application.period_start
    assert period.decoded("dtend") == application.period_end + datetime.timedelta(days=1)
    with translation.override("en"):
        project_page = project.get_absolute_url()  # in her language, whatever the address
    assert str(period["url"]) == f"http://testserver{project_page}"
    for private in (project.challenge.contact_email, project.challenge.contact_phone, people["poster"].email):
        assert private.encode() not in response.content


def test_the_owner_finds_the_deadline_of_their_open_challenge_and_the_project(client, project_world):
    people = project_world["people"]
    own = ChallengePageFactory(parent=project_world["challenge"].get_parent(), title="Bankjes in het park",
                               posted_by=people["poster"])
    client.force_login(people["poster"])
    client.post(reverse("feeds:calendar_renew"))
    client.logout()
    found = events(read(client.get(personal_url(CalendarFeed.objects.get(user=people["poster"])))))
    assert f"Sluiting aanmelden voor je uitdaging: {own.title}" in found
    assert any(summary.startswith("Project: ") for summary in found)


def test_a_new_address_stops_the_old_one_and_stopping_stops_it(client, project_world):
    member = project_world["people"]["member"]
    client.force_login(member)
    client.post(reverse("feeds:calendar_renew"))
    old = personal_url(CalendarFeed.objects.get(user=member))
    client.post(reverse("feeds:calendar_renew"))
    new = personal_url(CalendarFeed.objects.get(user=member))
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    client.post(reverse("feeds:calendar_stop"))
    assert client.get(new).status_code == 404
    assert not CalendarFeed.objects.filter(user=member).exists()
    assert "Maak een agenda-adres" in client.get("/mijn-pagina/").content.decode()


def test_only_a_logged_in_person_makes_or_stops_their_own_address_and_only_by_post(client, project_world):
    member = project_world["people"]["member"]
    assert client.post(reverse("feeds:calendar_renew")).status_code == 302  # to log in
    assert not CalendarFeed.objects.exists()
    client.force_login(member)
    assert client.get(reverse("feeds:calendar_renew")).status_code == 405
    assert client.get(reverse("feeds:personal_ics", kwargs={"token": "geraden"})).status_code == 404


def test_an_address_of_a_deleted_account_answers_404(client, project_world):
    member = project_world["people"]["member"]
    feed = CalendarFeed.objects.create(user=member)
    member.is_active = False
    member.save()
    assert client.get(personal_url(feed)).status_code == 404


def test_the_personal_calendar_takes_the_same_queries_for_one_project_and_three(client, project_world):
    people, challenge_index = project_world["people"], project_world["challenge"].get_parent()
    lead = people["lead"]
    waiting = ChallengePageFactory(parent=challenge_index, title="Nog open")
    ApplicationFactory(challenge=waiting, team=project_world["team"])
    feed = CalendarFeed.objects.create(user=lead)
    client.get(personal_url(feed))
    with CaptureQueriesContext(connection) as few:
        client.get(personal_url(feed))
    for number in range(2):
        team_membership = TeamMembershipFactory(user=lead)
        challenge = ChallengePageFactory(parent=challenge_index, title=f"Extra {number}")
        application = ApplicationFactory(challenge=challenge, team=team_membership.team)
        project = Project.objects.create(challenge=challenge, team=team_membership.team, application=application)
        Milestone.objects.create(project=project, title="Eerste", due_date=timezone.localdate(), created_by=lead)
    with CaptureQueriesContext(connection) as many:
        found = events(read(client.get(personal_url(feed))))
    assert sum(summary.startswith("Project: ") for summary in found) == 3
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_supervisor_finds_the_application_waiting_for_their_endorsement(client, challenge_index, institutions):
    from tests.marketplace.helpers import approved_lecturer  # noqa: PLC0415

    lecturer = approved_lecturer("k.jansen@hsleiden.nl", "Karin Jansen", institutions["HSL"])
    challenge = ChallengePageFactory(parent=challenge_index, title="Schaduw op het plein")
    application = ApplicationFactory(challenge=challenge, status=ApplicationStatus.AWAITING_ENDORSEMENT,
                                     supervisor=lecturer)
    feed = CalendarFeed.objects.create(user=lecturer)
    found = events(read(client.get(personal_url(feed))))
    event = found[f"Aanmelden sluit: Schaduw op het plein ({application.team.name})"]
    assert str(event["url"]) == f"http://testserver{application.get_absolute_url()}"


def test_a_hidden_challenge_keeps_its_title_out_of_calendars(client, project_world):
    project = project_world["project"]
    ChallengePage.objects.filter(pk=project.challenge_id).update(hidden_at=timezone.now())
    feed = CalendarFeed.objects.create(user=project_world["people"]["member"])
    response = client.get(personal_url(feed))
    found = events(read(response))
    assert f"Project: Verborgen uitdaging ({project.team.name})" in found
    assert project.challenge.title.encode() not in response.content


def test_a_delivered_project_has_no_delivery_date_left(client, project_world):
    project = project_world["project"]
    project.delivered_at = timezone.now()
    project.save(update_fields=["delivered_at"])
    feed = CalendarFeed.objects.create(user=project_world["people"]["member"])
    found = events(read(client.get(personal_url(feed))))
    assert not any(summary.startswith("Opleveren: ") for summary in found)
    assert any(summary.startswith("Project: ") for summary in found)


def test_every_calendar_declares_its_time_zone_even_when_empty(client, challenge_index):
    calendar = read(client.get(reverse("feeds:challenges_ics")))
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert calendar.walk("VEVENT") == []
