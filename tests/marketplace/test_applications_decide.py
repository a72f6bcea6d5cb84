"""The owner decides: accepting makes a project, the last place puts the challenge in progress
and declines the teams still waiting; everyone concerned is told in their own language; the
owner's contact details go to the chosen team and its supervisor only."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry, PageLogEntry

from accounts.choices import LecturerStatus, NotificationKind
from accounts.models import Notification
from marketplace.choices import ApplicationStatus, ChallengeStatus, MembershipRole, ProjectStatus, TeamRole
from marketplace.models import Application, ChallengePage, Conversation, Message, Project
from marketplace.permissions import can_see_contact, challenge_access
from marketplace.services.applications import FILLED_MESSAGE, application_accept, application_decline
from marketplace.services.errors import MarketplaceError
from marketplace.templatetags.marketplace_tags import decision_message
from tests.factories import (
    ApplicationFactory,
    ChallengePageFactory,
    LecturerApprovalFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    TeamFactory,
    TeamMembershipFactory,
    UserFactory,
)
from tests.marketplace.helpers import fresh

pytestmark = pytest.mark.django_db

CONTACT_EMAIL = "anneke.prive@example.org"  # ChallengePageFactory's private contact details
CONTACT_PHONE = "06 12 34 56 78"


@pytest.fixture
def owner(institutions):
    return UserFactory(email="anneke@example.org", display_name="Anneke Vermeulen")


@pytest.fixture
def challenge(challenge_index, owner):
    return ChallengePageFactory(parent=challenge_index, posted_by=owner, title="Groene binnentuin", team_capacity=2)


_students = iter(range(10_000))


def make_team(name: str, *, languages=("nl", "nl")):
    """A team mixing Leiden University and Hogeschool Leiden, its first member the lead."""
    team = TeamFactory(name=name)
    domains = ["umail.leidenuniv.nl", "student.hsleiden.nl"]
    for index, language in enumerate(languages):
        number = next(_students)
        user = UserFactory(
            email=f"student{number}@{domains[index % 2]}",
            display_name=f"{name} lid {index + 1}",
            preferred_language=language,
        )
        TeamMembershipFactory(team=team, user=user, role=TeamRole.LEAD if index == 0 else TeamRole.MEMBER)
    return team


def members(team) -> list:
    return [m.user for m in team.memberships.select_related("user").order_by("pk")]


def apply(challenge, name: str, *, supervisor=None, **kwargs) -> Application:
    return ApplicationFactory(challenge=challenge, team=make_team(name), supervisor=supervisor, **kwargs)


def english(page) -> str:
    """The page's address in English (the language a request leaves active does not count)."""
    with translation.override("nl"):
        return "/en" + page.url


def logged(obj, action: str) -> bool:
    return ModelLogEntry.objects.filter(object_id=str(obj.pk), action=action).exists()


# Accepting and declining


def test_accepting_makes_a_project_with_the_team_and_its_supervisor(challenge, owner, lecturer):
    application = apply(challenge, "De Groene Vleugel", supervisor=lecturer)
    project = application_accept(application=application, actor=owner, message="Welkom! Bel me maar.")
    application = fresh(application)
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.decision_message == "Welkom! Bel me maar."
    assert application.decided_by == owner and application.decided_at is not None
    assert (project.challenge_id, project.team_id, project.application_id) == (
        challenge.pk, application.team_id, application.pk
    )
    assert project.supervisor == lecturer and project.status == ProjectStatus.ACTIVE
    assert logged(application, "marketplace.application.accepted")
    assert ModelLogEntry.objects.get(object_id=str(project.pk), action="marketplace.project.created").user == owner
    assert fresh(challenge).status == ChallengeStatus.OPEN  # one of two places taken


def test_declining_keeps_the_message_and_makes_no_project(challenge, owner):
    application = apply(challenge, "De Groene Vleugel")
    application_decline(application=application, actor=owner, message="Jullie periode past niet.")
    application = fresh(application)
    assert application.status == ApplicationStatus.DECLINED
    assert application.decision_message == "Jullie periode past niet."
    assert application.decided_by == owner
    assert not Project.objects.exists()
    assert logged(application, "marketplace.application.declined")


@pytest.mark.parametrize(
    "status",
    [
        ApplicationStatus.AWAITING_ENDORSEMENT,
        ApplicationStatus.RETURNED,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.DECLINED,
        ApplicationStatus.WITHDRAWN,
    ],
)
@pytest.mark.parametrize("decide", [application_accept, application_decline])
def test_only_applications_with_the_owner_can_be_decided(challenge, owner, status, decide):
    application = apply(challenge, "Team", status=status)
    with translation.override("en"), pytest.raises(MarketplaceError) as error:
        decide(application=application, actor=owner)
    expected = {
        ApplicationStatus.AWAITING_ENDORSEMENT: "still with the team and its supervisor",
        ApplicationStatus.RETURNED: "still with the team and its supervisor",
        ApplicationStatus.ACCEPTED: "already been accepted",
        ApplicationStatus.DECLINED: "already been declined",
        ApplicationStatus.WITHDRAWN: "withdrawn this application",
    }[status]
    assert expected in str(error.value)
    assert fresh(application).status == status
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"status": ChallengeStatus.IN_PROGRESS},
        {"status": ChallengeStatus.COMPLETED},
        {"status": ChallengeStatus.CLOSED},
        {"live": False},
    ],
)
def test_accepting_needs_a_live_open_challenge_but_declining_does_not(challenge, owner, change):
    application = apply(challenge, "Team")
    ChallengePage.objects.filter(pk=challenge.pk).update(**change)
    with translation.override("en"), pytest.raises(MarketplaceError, match="no longer open"):
        application_accept(application=application, actor=owner)
    assert not Project.objects.exists()
    application_decline(application=application, actor=owner)
    assert fresh(application).status == ApplicationStatus.DECLINED


def test_places_are_counted_again_after_locking(challenge, owner):
    """A place taken by a project the challenge's status does not show yet still counts."""
    first, second, third = (apply(challenge, name) for name in ("Een", "Twee", "Drie"))
    for taken in (first, second):
        Application.objects.filter(pk=taken.pk).update(status=ApplicationStatus.ACCEPTED)
        Project.objects.create(challenge=challenge, team=taken.team, application=taken)
    with translation.override("en"), pytest.raises(MarketplaceError, match="all the teams it can take"):
        application_accept(application=third, actor=owner)
    assert fresh(third).status == ApplicationStatus.SUBMITTED
    # A cancelled project gives its place up.
    Project.objects.filter(application=first).update(status=ProjectStatus.CANCELLED)
    application_accept(application=third, actor=owner)
    assert Project.objects.exclude(status=ProjectStatus.CANCELLED).count() == 2


def _people_who_may_not_decide(challenge, application, lecturer):
    other_org_member = OrganisationMembershipFactory(role=MembershipRole.ADMIN).user
    return {
        "anonymous": AnonymousUser(),
        "student in the applying team": members(application.team)[0],
        "another student": UserFactory(email="piet@umail.leidenuniv.nl"),
        "the team's supervisor": lecturer,
        "an administrator of another organisation": other_org_member,
        "a resident": UserFactory(email="buurman@example.org"),
    }


@pytest.mark.parametrize("decide", [application_accept, application_decline])
def test_nobody_but_the_owner_decides(challenge, lecturer, decide):
    organisation = OrganisationFactory()
    ChallengePage.objects.filter(pk=challenge.pk).update(organisation=organisation)
    application = apply(challenge, "Team", supervisor=lecturer)
    for who, person in _people_who_may_not_decide(challenge, application, lecturer).items():
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only the people who manage"):
            decide(application=application, actor=person)
        assert fresh(application).status == ApplicationStatus.SUBMITTED, who
    assert not Project.objects.exists()


def test_any_member_of_the_posting_organisation_decides(challenge):
    """The owner is the poster or any member of the organisation it was posted for, not only its
    administrators: one person's leave must not block the organisation (PRODUCT.md)."""
    organisation = OrganisationFactory()
    ChallengePage.objects.filter(pk=challenge.pk).update(organisation=organisation)
    colleague = OrganisationMembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    first, second = apply(challenge, "Een"), apply(challenge, "Twee")
    application_accept(application=first, actor=colleague)
    application_decline(application=second, actor=colleague)
    assert fresh(first).decided_by == colleague and fresh(second).status == ApplicationStatus.DECLINED


# The last place


def test_the_last_place_puts_the_challenge_in_progress_and_declines_the_others(challenge, owner, lecturer):
    revisions = challenge.revisions.count()
    chosen = apply(challenge, "Een")
    last = apply(challenge, "Twee")
    waiting = apply(challenge, "Drie")
    with_supervisor = apply(challenge, "Vier", supervisor=lecturer, status=ApplicationStatus.AWAITING_ENDORSEMENT,
                            submitted_at=None)
    sent_back = apply(challenge, "Vijf", status=ApplicationStatus.RETURNED, submitted_at=None)
    withdrawn = apply(challenge, "Zes", status=ApplicationStatus.WITHDRAWN)
    elsewhere = ApplicationFactory(challenge=ChallengePageFactory(parent=challenge.get_parent()), team=waiting.team)

    application_accept(application=chosen, actor=owner)
    assert fresh(challenge).status == ChallengeStatus.OPEN
    application_accept(application=last, actor=owner, message="Tot snel!")

    assert fresh(challenge).status == ChallengeStatus.IN_PROGRESS
    assert challenge.revisions.count() == revisions  # the live row changed, not the content
    assert PageLogEntry.objects.filter(page=challenge, action="marketplace.challenge.filled").exists()
    for declined in (waiting, with_supervisor, sent_back):
        declined = fresh(declined)
        assert declined.status == ApplicationStatus.DECLINED
        assert declined.decision_message == FILLED_MESSAGE
        entry = ModelLogEntry.objects.get(object_id=str(declined.pk), action="marketplace.application.declined")
        assert entry.data == {"reason": "challenge_filled"} and entry.user == owner
    assert fresh(withdrawn).status == ApplicationStatus.WITHDRAWN
    assert fresh(elsewhere).status == ApplicationStatus.SUBMITTED
    assert Project.objects.filter(challenge=challenge).count() == 2

    with translation.override("en"), pytest.raises(MarketplaceError):
        application_accept(application=waiting, actor=owner)
    # Publishing a revision later keeps the marketplace status.
    fresh(challenge).save_revision().publish()
    assert fresh(challenge).status == ChallengeStatus.IN_PROGRESS


def test_the_standard_message_is_read_in_the_readers_language(challenge, owner):
    first, second, other = apply(challenge, "Een"), apply(challenge, "Twee"), apply(challenge, "Drie")
    application_accept(application=first, actor=owner)
    application_accept(application=second, actor=owner)
    with translation.override("en"):
        assert decision_message(fresh(other)).startswith("Thank you for your application.")
    with translation.override("nl"):
        assert decision_message(fresh(other)).startswith("Bedankt voor jullie aanmelding.")
    assert decision_message(fresh(first)) == ""


# Telling people, after the transaction commits


def test_the_chosen_team_and_its_supervisor_are_told_in_their_language(
    challenge, owner, lecturer, django_capture_on_commit_callbacks
):
    lecturer.preferred_language = "en"
    lecturer.save(update_fields=["preferred_language"])
    application = ApplicationFactory(
        challenge=challenge, team=make_team("De Groene Vleugel", languages=("nl", "en")), supervisor=lecturer
    )
    with django_capture_on_commit_callbacks(execute=True):
        application_accept(application=application, actor=owner, message="Welkom! Bel me maar.")
        assert mail.outbox == []  # nothing leaves before the commit
    dutch, english = members(application.team)
    rows = Notification.objects.filter(kind=NotificationKind.APPLICATION_DECISION)
    assert {n.recipient for n in rows} == {dutch, english, lecturer}
    for notification in rows:
        assert notification.actor == owner
        assert notification.params == {
            "team": "De Groene Vleugel", "challenge": "Groene binnentuin", "challenge_language": "nl",
            "outcome": "accepted",
            "message": "Welkom! Bel me maar.",
        }
    project = Project.objects.get()
    assert rows.first().url == reverse("projects:detail", args=[project.pk])
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {dutch.email, english.email, lecturer.email}
    assert "Je team “De Groene Vleugel” is gekozen voor “Groene binnentuin”" in by_address[dutch.email].body
    assert "Your team “De Groene Vleugel” was chosen for “Groene binnentuin”" in by_address[english.email].body
    assert "Welkom! Bel me maar." in by_address[lecturer.email].body
    for message in mail.outbox:
        # The contact details are on the project page, never in a mail or a stored notification.
        assert CONTACT_EMAIL not in message.body and CONTACT_PHONE not in message.body
    assert CONTACT_EMAIL not in str(list(Notification.objects.values()))


def test_a_declined_team_is_told_with_the_owners_message(challenge, owner, django_capture_on_commit_callbacks):
    application = ApplicationFactory(challenge=challenge, team=make_team("Team", languages=("en", "nl")))
    with django_capture_on_commit_callbacks(execute=True):
        application_decline(application=application, actor=owner, message="Helaas, de periode past niet.")
    rows = Notification.objects.filter(kind=NotificationKind.APPLICATION_DECISION)
    assert {n.recipient for n in rows} == set(members(application.team))
    assert {n.params["outcome"] for n in rows} == {"declined"}
    assert rows.first().url == application.get_absolute_url()
    english = next(m for m in mail.outbox if m.to == [members(application.team)[0].email])
    assert "Your team’s application for “Groene binnentuin” was not chosen" in english.body
    assert "Helaas, de periode past niet." in english.body
    dutch = next(m for m in mail.outbox if m.to == [members(application.team)[1].email])
    assert "De aanmelding van je team voor “Groene binnentuin” is niet gekozen" in dutch.body


def test_the_teams_still_waiting_hear_that_the_challenge_is_full(
    challenge, owner, lecturer, django_capture_on_commit_callbacks
):
    ChallengePage.objects.filter(pk=challenge.pk).update(team_capacity=1)
    chosen = apply(challenge, "Een")
    waiting = ApplicationFactory(challenge=challenge, team=make_team("Twee", languages=("en", "nl")))
    preparing = apply(challenge, "Drie", supervisor=lecturer, status=ApplicationStatus.AWAITING_ENDORSEMENT,
                      submitted_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        application_accept(application=chosen, actor=owner)
    filled = Notification.objects.filter(kind=NotificationKind.CHALLENGE_FILLED)
    expected = set(members(waiting.team)) | set(members(preparing.team)) | {lecturer}
    assert {n.recipient for n in filled} == expected
    assert all(n.params == {"challenge": "Groene binnentuin", "challenge_language": "nl"} for n in filled)
    assert not Notification.objects.filter(kind=NotificationKind.APPLICATION_DECISION,
                                            recipient__in=expected).exists()
    english = next(m for m in mail.outbox if m.to == [members(waiting.team)[0].email])
    assert "“Groene binnentuin” has found all the teams it needs" in english.body
    dutch = next(m for m in mail.outbox if m.to == [members(waiting.team)[1].email])
    assert "“Groene binnentuin” heeft alle teams gevonden die nodig zijn" in dutch.body


def test_a_failed_decision_tells_nobody(challenge, owner, django_capture_on_commit_callbacks):
    application = apply(challenge, "Team", status=ApplicationStatus.WITHDRAWN)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(MarketplaceError):
        application_accept(application=application, actor=owner)
    assert not Notification.objects.exists() and mail.outbox == []


# The database keeps one application per team per challenge


def test_a_double_submitted_application_is_one_row(challenge):
    first = apply(challenge, "De Groene Vleugel")
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(challenge=challenge, team=first.team)
    assert Application.objects.filter(challenge=challenge, team=first.team).count() == 1
    # After withdrawing, the team may apply again.
    Application.objects.filter(pk=first.pk).update(status=ApplicationStatus.WITHDRAWN)
    ApplicationFactory(challenge=challenge, team=first.team)
    assert Application.objects.filter(challenge=challenge, team=first.team).count() == 2


# The manage page


def manage_url(challenge, language="en"):
    with translation.override(language):
        return reverse("marketplace:challenge_manage", args=[challenge.pk])


def decide_url(challenge, application):
    with translation.override("en"):
        return reverse("marketplace:application_decide", args=[challenge.pk, application.pk])


def test_only_the_people_who_manage_it_reach_the_manage_page(client, challenge, owner, lecturer):
    organisation = OrganisationFactory()
    ChallengePage.objects.filter(pk=challenge.pk).update(organisation=organisation)
    colleague = OrganisationMembershipFactory(organisation=organisation).user
    application = apply(challenge, "Team", supervisor=lecturer)
    url = manage_url(challenge)
    assert client.get(url).status_code == 302  # to the login page
    assert client.post(decide_url(challenge, application), {"decision": "accept"}).status_code == 302
    for person in _people_who_may_not_decide(challenge, application, lecturer).values():
        if not person.is_authenticated:
            continue
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(decide_url(challenge, application), {"decision": "accept"}).status_code == 404
    assert fresh(application).status == ApplicationStatus.SUBMITTED
    for person in (owner, colleague):
        client.force_login(person)
        assert client.get(url).status_code == 200
    assert client.get(manage_url(challenge, "nl")).status_code == 200


def test_the_manage_page_compares_the_applications(client, challenge, owner, lecturer):
    supervised = ApplicationFactory(
        challenge=challenge,
        team=make_team("De Groene Vleugel"),
        supervisor=lecturer,
        endorsement_note="Een sterk team; ik begeleid ze graag.",
        course_name="Wijkgericht werken",
        course_code="SW-3.1",
        ects="7.5",
    )
    alone = apply(challenge, "Het Buurtlab")
    apply(challenge, "Nog bezig", supervisor=lecturer, status=ApplicationStatus.AWAITING_ENDORSEMENT,
          submitted_at=None)
    client.force_login(owner)
    soup = BeautifulSoup(client.get(manage_url(challenge)).content, "html.parser")
    cards = {card.select_one(".application-card__title").get_text(strip=True): card
             for card in soup.select(".application-card")}
    assert set(cards) == {"De Groene Vleugel", "Het Buurtlab"}  # not the one still with its supervisor
    green = cards["De Groene Vleugel"].get_text(" ", strip=True)
    assert "Leiden University + Leiden University of Applied Sciences" in green
    assert "Karin Jansen" in green and "Een sterk team; ik begeleid ze graag." in green
    assert "Wijkgericht werken (SW-3.1) · 7.5 ECTS" in green
    assert supervised.motivation in green and supervised.approach in green
    assert "No supervisor yet" in cards["Het Buurtlab"].get_text(" ", strip=True)
    page = soup.get_text(" ", strip=True)
    assert "0 of 2 teams chosen" in page
    assert "1 more team is preparing an application with its supervisor." in page
    assert "There is no waiting list." in page
    assert alone.motivation in page
    assert len(soup.select("button[value=accept]")) == 2


def test_the_owner_accepts_the_last_place_from_the_manage_page(client, challenge, owner):
    ChallengePage.objects.filter(pk=challenge.pk).update(team_capacity=1)
    chosen, other = apply(challenge, "De Groene Vleugel"), apply(challenge, "Het Buurtlab")
    client.force_login(owner)
    html = client.get(manage_url(challenge)).content.decode()
    assert "This is the last place" in html
    prefix = f"application-{chosen.pk}"
    response = client.post(decide_url(challenge, chosen), {"decision": "accept", f"{prefix}-message": "Welkom!"},
                           follow=True)
    html = response.content.decode()
    assert "You have chosen De Groene Vleugel." in html
    assert "the challenge is now in progress" in html
    assert "1 of 1 team chosen" in html
    assert fresh(chosen).decision_message == "Welkom!"
    assert fresh(other).status == ApplicationStatus.DECLINED
    assert "Thank you for your application." in html  # the standard message, as the owner sees it
    assert BeautifulSoup(html, "html.parser").select(".application-grid button") == []  # nothing left to decide


def test_a_rejected_decision_keeps_what_the_owner_typed(client, challenge, owner):
    application = apply(challenge, "Team")
    client.force_login(owner)
    prefix = f"application-{application.pk}"
    response = client.post(decide_url(challenge, application), {"decision": "decline", f"{prefix}-message": "x" * 2001})
    assert response.status_code == 200
    assert "x" * 2001 in response.content.decode()
    assert fresh(application).status == ApplicationStatus.SUBMITTED
    # Decided meanwhile in another tab: the owner is told why, nothing changes.
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.WITHDRAWN)
    response = client.post(decide_url(challenge, application), {"decision": "accept", f"{prefix}-message": "Hoi"})
    assert response.status_code == 200
    assert "The team has withdrawn this application." in response.content.decode()
    assert not Project.objects.exists()


def test_applications_not_yet_with_the_owner_or_of_other_challenges_are_not_found(client, challenge, owner):
    client.force_login(owner)
    preparing = apply(challenge, "Bezig", status=ApplicationStatus.AWAITING_ENDORSEMENT, submitted_at=None)
    elsewhere = ApplicationFactory(challenge=ChallengePageFactory(parent=challenge.get_parent()))
    for application in (preparing, elsewhere):
        assert client.post(decide_url(challenge, application), {"decision": "accept"}).status_code == 404
    assert client.post(decide_url(challenge, apply(challenge, "Team")), {"decision": "maybe"}).status_code == 404


def _fill_applications(challenge, count, lecturer, owner=None):
    """``owner``: ask each application a question, which a member of the team answers."""
    for _ in range(count):
        number = next(_students)
        application = ApplicationFactory(
            challenge=challenge,
            team=make_team(f"Team {number}", languages=("nl", "en", "nl")),
            supervisor=lecturer if number % 2 else None,
            endorsement_note="Goed plan." if number % 2 else "",
        )
        if owner is not None:
            conversation = Conversation.objects.create(application=application)
            Message.objects.create(conversation=conversation, author=owner, text="Hoe pakken jullie het aan?")
            member = application.team.memberships.first().user
            Message.objects.create(conversation=conversation, author=member,
                                   text="Met interviews, zie www.example.org.")
        if number % 3 == 0:
            Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.DECLINED,
                                                                 decided_at=application.created_at)


def test_manage_page_query_count_does_not_grow(client, challenge, owner, lecturer):
    """The manage page reads 17 queries, whatever the number of applications, members and
    messages: the session and the user; the challenge with its organisation (and, for someone
    other than the poster, their membership of it); the applications with team, supervisor and
    who decided; the teams' members with their user; the members' confirmed addresses; the
    institutions; the conversations about the applications with how far the owner read each,
    their messages with the author, the messages' files; the places taken; the projects with
    their team; the challenge index for the navigation; the menu and footer settings (2); the
    header's unread notifications; the site, for the link to the challenge. Measured with 2 and
    with 8 applications of three members each, some with a supervisor and some decided, each
    with a question and an answer."""
    client.force_login(owner)
    url = manage_url(challenge)
    counts = []
    for added in (2, 6):
        _fill_applications(challenge, added, lecturer, owner)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1] == 17, counts
    assert html.count('<article class="application-card') == 8
    assert html.count("Met interviews, zie <a") == 8


def test_my_page_links_to_the_applications_in_a_constant_number_of_queries(client, challenge_index, owner):
    client.force_login(owner)
    counts = []
    for size in (1, 8):
        for _ in range(size):
            challenge = ChallengePageFactory(parent=challenge_index, posted_by=owner)
            for name in ("Een", "Twee"):
                apply(challenge, name)
            apply(challenge, "Bezig", status=ApplicationStatus.AWAITING_ENDORSEMENT, submitted_at=None)
        client.get("/en/my-page/")
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/en/my-page/").content.decode()
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts
    assert html.count(">Applications (2)<") == 9
    assert manage_url(challenge) in html


# Contact details: the chosen team and its supervisor, and nobody else


@pytest.fixture
def cast(challenge, owner, lecturer, institutions):
    """Everyone who might look at the challenge, with whether they may see the contact details."""
    organisation = OrganisationFactory()
    ChallengePage.objects.filter(pk=challenge.pk).update(organisation=organisation, team_capacity=2)
    challenge.refresh_from_db()
    colleague = OrganisationMembershipFactory(organisation=organisation).user
    other_lecturer = UserFactory(email="p.devries@hsleiden.nl", display_name="Pieter de Vries")
    LecturerApprovalFactory(user=other_lecturer, institution=institutions["HSL"], status=LecturerStatus.APPROVED)
    chosen = apply(challenge, "Gekozen", supervisor=lecturer)
    declined = apply(challenge, "Afgewezen")
    pending = apply(challenge, "Wacht nog", supervisor=other_lecturer)
    application_accept(application=chosen, actor=owner)
    application_decline(application=declined, actor=owner)
    return {
        "anonymous": (AnonymousUser(), False),
        "another student": (UserFactory(email="piet@umail.leidenuniv.nl"), False),
        "a resident": (UserFactory(email="buurman@example.org"), False),
        "a member of another organisation": (OrganisationMembershipFactory().user, False),
        "a member of a declined team": (members(declined.team)[0], False),
        "a member of a team still waiting": (members(pending.team)[1], False),
        "the waiting team's supervisor, before acceptance": (other_lecturer, False),
        "a member of the accepted team": (members(chosen.team)[0], True),
        "another member of the accepted team": (members(chosen.team)[1], True),
        "the accepted team's supervisor": (lecturer, True),
        "the poster": (owner, True),
        "a colleague in the posting organisation": (colleague, True),
    }


def test_contact_details_permission_matrix(challenge, cast):
    for who, (person, expected) in cast.items():
        assert can_see_contact(person, challenge) is expected, who


OWNERS = {"the poster", "a colleague in the posting organisation"}


@pytest.mark.parametrize("phone_shown", [False, True], ids=["phone kept by the owner", "phone shown to the team"])
def test_contact_details_on_the_challenge_page_matrix(client, challenge, cast, phone_shown):
    """The name and e-mail address reach the chosen team and its supervisor; the phone number
    only when the owner chose to show it (the team can send messages on the site)."""
    ChallengePage.objects.filter(pk=challenge.pk).update(show_phone_to_team=phone_shown)
    challenge.refresh_from_db()
    cells = 0
    for who, (person, expected) in cast.items():
        client.logout()
        if person.is_authenticated:
            client.force_login(person)
        html = client.get(english(challenge)).content.decode()
        assert (CONTACT_EMAIL in html) is expected, who
        assert (CONTACT_PHONE in html) is (expected and (phone_shown or who in OWNERS)), who
        if expected and challenge_access(person, challenge).in_accepted_team:
            assert "Only for your team and its supervisor." in html, who
            assert "Send a message" in html, who
        cells += 2
    assert cells == 24


def test_the_team_and_its_supervisor_see_the_contact_details_only_once_accepted(client, challenge, owner, lecturer):
    application = apply(challenge, "De Groene Vleugel", supervisor=lecturer)
    people = [*members(application.team), lecturer]
    for person in people:
        assert not can_see_contact(person, challenge)
        client.force_login(person)
        assert CONTACT_EMAIL not in client.get(english(challenge)).content.decode()
    application_accept(application=application, actor=owner)
    for person in people:
        assert can_see_contact(person, challenge)
        client.force_login(person)
        assert CONTACT_EMAIL in client.get(english(challenge)).content.decode()


def test_contact_details_go_once_a_project_is_cancelled(challenge, cast):
    person, _expected = cast["a member of the accepted team"]
    Project.objects.filter(challenge=challenge).update(status=ProjectStatus.CANCELLED)
    assert not can_see_contact(person, challenge)


def test_the_project_page_is_for_its_people_only(client, challenge, cast):
    project = Project.objects.get(challenge=challenge)
    with translation.override("en"):
        url = reverse("projects:detail", args=[project.pk])
    for who, (person, expected) in cast.items():
        client.logout()
        if person.is_authenticated:
            client.force_login(person)
        response = client.get(url)
        if not person.is_authenticated:
            assert response.status_code == 302, who
            continue
        assert response.status_code == (200 if expected else 404), who
        if expected:
            assert CONTACT_EMAIL in response.content.decode(), who


def test_the_challenge_page_shows_how_many_places_are_taken(client, challenge, owner):
    first = apply(challenge, "Een")
    assert "0 of 2 teams chosen" in client.get(english(challenge)).content.decode()
    application_accept(application=first, actor=owner)
    assert "1 of 2 teams chosen" in client.get(english(challenge)).content.decode()
    index = BeautifulSoup(client.get(english(challenge.get_parent())).content, "html.parser")
    assert "1 of 2 teams chosen" in index.select_one(".challenge-card").get_text(" ", strip=True)


def test_the_period_is_shown_as_dates(client, challenge, owner):
    period = {"period_start": datetime.date(2027, 2, 1), "period_end": datetime.date(2027, 6, 30)}
    application = apply(challenge, "Team", **period)
    client.force_login(owner)
    html = client.get(manage_url(challenge)).content.decode()
    assert "1 February 2027 – 30 June 2027" in html
    assert application.team.name in html


def test_the_owner_sees_what_waits_for_a_decision_first_on_my_page(client, challenge_index):
    resident = UserFactory()
    challenge = ChallengePageFactory(parent=challenge_index, posted_by=resident, title="Bankjes bij de bushalte")
    client.force_login(resident)
    assert "Aanmeldingen die op je besluit wachten" not in client.get("/mijn-pagina/").content.decode()
    ApplicationFactory(challenge=challenge, team=TeamFactory())
    ApplicationFactory(challenge=challenge, team=TeamFactory())
    html = client.get("/mijn-pagina/").content.decode()
    assert "Aanmeldingen die op je besluit wachten" in html
    assert "2 aanmeldingen wachten op je besluit" in html
    assert html.index("Aanmeldingen die op je besluit wachten") < html.index('id="roles-heading"')


def test_my_page_lists_the_projects_of_team_members_supervisor_and_owner(client, challenge_index):
    resident, student, lecturer, stranger = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    challenge = ChallengePageFactory(parent=challenge_index, posted_by=resident, title="Bankjes bij de bushalte")
    team = TeamFactory(name="Team Bankje")
    TeamMembershipFactory(team=team, user=student)
    application = ApplicationFactory(challenge=challenge, team=team, supervisor=lecturer)
    project = application_accept(application=application, actor=resident)
    assert project.get_absolute_url() == f"/projecten/{project.pk}/"
    for person in (resident, student, lecturer):
        client.force_login(person)
        html = client.get("/mijn-pagina/").content.decode()
        assert "Jouw projecten" in html and project.get_absolute_url() in html
    client.force_login(stranger)
    assert "Jouw projecten" not in client.get("/mijn-pagina/").content.decode()
    assert Project.objects.count() == 1
