"""Student teams: forming, joining by link or e-mail, leads, and supervision by a lecturer."""

import datetime
import re

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from accounts.choices import LecturerStatus
from accounts.models import Notification
from marketplace.choices import ApplicationStatus, SupervisionStatus, TeamRole
from marketplace.models import Supervision, TeamInvitation, TeamMembership
from marketplace.permissions import team_access
from marketplace.services.errors import MarketplaceError
from marketplace.services.teams import (
    supervision_accept,
    supervision_decline,
    supervision_end,
    supervision_request,
    supervision_withdraw,
    team_create,
    team_invitation_revoke,
    team_invite_email,
    team_join,
    team_lead_hand_over,
    team_link_create,
    team_member_remove,
    team_member_set_role,
)
from tests.factories import ApplicationFactory, ChallengePageFactory, LecturerApprovalFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lecturer(institutions):
    """Another lecturer than the marketplace tests' shared one (Karin Jansen)."""
    user = UserFactory(email="e.mulder@hsleiden.nl", display_name="Els Mulder")
    LecturerApprovalFactory(user=user, institution=institutions["HSL"], status=LecturerStatus.APPROVED)
    return user


@pytest.fixture
def team(sanne):
    return team_create(actor=sanne, name="De Groene Vleugel", description="Groen in de wijk.")


def _link_token(team, lead):
    return team_link_create(team=team, actor=lead).link_token


# Forming a team


def test_a_student_forms_a_team_and_leads_it(sanne, team):
    membership = TeamMembership.objects.get(team=team)
    assert membership.user == sanne and membership.role == TeamRole.LEAD
    assert ModelLogEntry.objects.filter(object_id=str(team.pk), action="marketplace.team.created").exists()


def test_only_students_form_teams(institutions):
    resident = UserFactory(email="anneke@example.org")
    with pytest.raises(MarketplaceError, match="Alleen studenten"):
        team_create(actor=resident, name="Buurtteam")
    unconfirmed = UserFactory(email="piet@umail.leidenuniv.nl", verified=False)
    with pytest.raises(MarketplaceError):
        team_create(actor=unconfirmed, name="Team Piet")


# Joining


def test_a_student_from_another_institution_joins_by_link(team, sanne, daan):
    token = _link_token(team, sanne)
    team_join(token=token, user=daan)
    assert team_access(daan, team).is_member and not team_access(daan, team).is_lead
    # The link works for more than one student until it expires or is stopped.
    third = UserFactory(email="mo@student.mborijnland.nl")
    team_join(token=token, user=third)
    assert team.memberships.count() == 3
    with pytest.raises(MarketplaceError, match="al in dit team"):
        team_join(token=token, user=daan)


def test_links_refuse_non_students_and_stop_when_withdrawn_renewed_or_expired(team, sanne, daan):
    first = team_link_create(team=team, actor=sanne)
    with pytest.raises(MarketplaceError, match="Alleen studenten"):
        team_join(token=first.link_token, user=UserFactory(email="buurman@example.org"))
    second = team_link_create(team=team, actor=sanne)  # a new link stops the old one
    with pytest.raises(MarketplaceError, match="ingetrokken"):
        team_join(token=first.link_token, user=daan)
    TeamInvitation.objects.filter(pk=second.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(MarketplaceError, match="verlopen"):
        team_join(token=second.link_token, user=daan)
    third = team_link_create(team=team, actor=sanne)
    team_invitation_revoke(invitation=third, actor=sanne)
    with pytest.raises(MarketplaceError, match="ingetrokken"):
        team_join(token=third.link_token, user=daan)
    with pytest.raises(MarketplaceError, match="niet geldig"):
        team_join(token="verzonnen", user=daan)
    assert not TeamMembership.objects.filter(user=daan).exists()


def test_an_e_mail_invitation_works_once_and_only_for_that_address(team, sanne, daan):
    with translation.override("nl"), TestCase.captureOnCommitCallbacks(execute=True):
        team_invite_email(team=team, actor=sanne, email="nieuw@student.hsleiden.nl")
    message = mail.outbox[-1]
    assert message.to == ["nieuw@student.hsleiden.nl"]
    assert "Sanne Bakker nodigt je uit" in message.body
    token = re.search(r"/teams/doe-mee/([\w-]+)/", message.body).group(1)
    assert token not in str(list(TeamInvitation.objects.values()))  # only a hash is kept
    with pytest.raises(MarketplaceError, match="nieuw@student.hsleiden.nl"):
        team_join(token=token, user=daan)
    invited = UserFactory(email="nieuw@student.hsleiden.nl")
    team_join(token=token, user=invited)
    with pytest.raises(MarketplaceError, match="al gebruikt"):
        team_join(token=token, user=UserFactory(email="ander@student.hsleiden.nl"))


def test_only_leads_invite_and_members_already_in_the_team_are_not_invited_again(team, sanne, daan):
    team_join(token=_link_token(team, sanne), user=daan)
    with pytest.raises(MarketplaceError, match="leads"):
        team_invite_email(team=team, actor=daan, email="x@student.hsleiden.nl")
    with pytest.raises(MarketplaceError, match="leads"):
        team_link_create(team=team, actor=daan)
    with pytest.raises(MarketplaceError, match="al in het team"):
        team_invite_email(team=team, actor=sanne, email="DAAN@student.hsleiden.nl")


# Leads


def test_the_last_lead_hands_over_before_leaving(team, sanne, daan):
    team_join(token=_link_token(team, sanne), user=daan)
    own = TeamMembership.objects.get(team=team, user=sanne)
    with pytest.raises(MarketplaceError, match="enige lead"):
        team_member_remove(membership=own, actor=sanne)
    with pytest.raises(MarketplaceError, match="enige lead"):
        team_member_set_role(membership=own, actor=sanne, role=TeamRole.MEMBER)
    team_lead_hand_over(team=team, actor=sanne, to=TeamMembership.objects.get(team=team, user=daan))
    assert team_access(daan, team).is_lead and not team_access(sanne, team).is_lead
    team_member_remove(membership=TeamMembership.objects.get(team=team, user=sanne), actor=sanne)
    assert list(team.memberships.values_list("user", flat=True)) == [daan.pk]
    with pytest.raises(MarketplaceError, match="enige lid"):
        team_member_remove(membership=TeamMembership.objects.get(team=team, user=daan), actor=daan)


def test_members_leave_but_only_leads_remove_others(team, sanne, daan):
    token = _link_token(team, sanne)
    team_join(token=token, user=daan)
    third = UserFactory(email="mo@student.mborijnland.nl")
    team_join(token=token, user=third)
    with pytest.raises(MarketplaceError, match="leads"):
        team_member_remove(membership=TeamMembership.objects.get(user=third), actor=daan)
    team_member_remove(membership=TeamMembership.objects.get(user=third), actor=sanne)
    team_member_remove(membership=TeamMembership.objects.get(user=daan), actor=daan)
    assert list(team.memberships.values_list("user", flat=True)) == [sanne.pk]


def test_a_team_may_have_several_leads(team, sanne, daan):
    team_join(token=_link_token(team, sanne), user=daan)
    membership = team_member_set_role(
        membership=TeamMembership.objects.get(user=daan), actor=sanne, role=TeamRole.LEAD
    )
    assert membership.role == TeamRole.LEAD
    team_member_remove(membership=TeamMembership.objects.get(user=sanne), actor=sanne)  # daan still leads


# Supervision


def test_a_lecturer_accepts_and_becomes_the_one_supervisor(team, sanne, lecturer, institutions):
    other = UserFactory(email="j.smit@leidenuniv.nl", display_name="Jan Smit")
    LecturerApprovalFactory(user=other, institution=institutions["UL"], status=LecturerStatus.APPROVED)
    asked = supervision_request(team=team, actor=sanne, lecturer=lecturer, message="Wij volgen Sociaal Werk.")
    asked_too = supervision_request(team=team, actor=sanne, lecturer=other)
    assert team_access(lecturer, team).can_view  # to decide, the lecturer may see the team
    supervision_accept(supervision=asked, actor=lecturer, answer="Graag!")
    asked.refresh_from_db()
    asked_too.refresh_from_db()
    assert asked.status == SupervisionStatus.ACCEPTED and asked.decided_at is not None
    assert asked_too.status == SupervisionStatus.WITHDRAWN  # one supervisor: the other request is closed
    assert team_access(lecturer, team).is_supervisor
    assert not team_access(other, team).can_view
    with pytest.raises(MarketplaceError, match="al een begeleider"):
        supervision_request(team=team, actor=sanne, lecturer=other)


def test_supervision_requests_refuse_what_cannot_be(team, sanne, daan, lecturer, institutions):
    with pytest.raises(MarketplaceError, match="geen goedgekeurde docent"):
        supervision_request(team=team, actor=sanne, lecturer=UserFactory(email="x@example.org"))
    pending = UserFactory(email="nieuw@hsleiden.nl")
    LecturerApprovalFactory(user=pending, institution=institutions["HSL"], status=LecturerStatus.PENDING)
    with pytest.raises(MarketplaceError, match="geen goedgekeurde docent"):
        supervision_request(team=team, actor=sanne, lecturer=pending)
    team_join(token=_link_token(team, sanne), user=daan)
    with pytest.raises(MarketplaceError, match="leads"):
        supervision_request(team=team, actor=daan, lecturer=lecturer)
    supervision_request(team=team, actor=sanne, lecturer=lecturer)
    with pytest.raises(MarketplaceError, match="al gevraagd"):
        supervision_request(team=team, actor=sanne, lecturer=lecturer)


def test_only_the_asked_lecturer_answers_and_only_once(team, sanne, lecturer):
    asked = supervision_request(team=team, actor=sanne, lecturer=lecturer)
    with pytest.raises(MarketplaceError, match="Alleen de docent"):
        supervision_accept(supervision=asked, actor=sanne)
    supervision_decline(supervision=asked, actor=lecturer, answer="Dit semester vol.")
    with pytest.raises(MarketplaceError, match="al beantwoord"):
        supervision_accept(supervision=asked, actor=lecturer)
    assert not team_access(lecturer, team).can_view


def test_a_request_is_withdrawn_and_a_supervision_ended(team, sanne, lecturer):
    asked = supervision_request(team=team, actor=sanne, lecturer=lecturer)
    supervision_withdraw(supervision=asked, actor=sanne)
    with pytest.raises(MarketplaceError):
        supervision_accept(supervision=asked, actor=lecturer)
    again = supervision_request(team=team, actor=sanne, lecturer=lecturer)
    supervision_accept(supervision=again, actor=lecturer)
    supervision_end(supervision=again, actor=lecturer)
    again.refresh_from_db()
    assert again.status == SupervisionStatus.ENDED
    supervision_request(team=team, actor=sanne, lecturer=lecturer)  # the team may ask again


def test_the_database_keeps_one_supervisor_per_team(team, lecturer, institutions):
    Supervision.objects.create(team=team, lecturer=lecturer, status=SupervisionStatus.ACCEPTED)
    other = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Supervision.objects.create(team=team, lecturer=other, status=SupervisionStatus.ACCEPTED)


# Pages


def test_the_team_page_is_for_members_supervisor_and_asked_lecturer_only(client, team, sanne, daan, lecturer):
    team_join(token=_link_token(team, sanne), user=daan)
    url = team.get_absolute_url()
    assert url == f"/teams/{team.pk}/"
    assert client.get(url).status_code == 302
    for outsider in (UserFactory(), lecturer):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    supervision_request(team=team, actor=sanne, lecturer=lecturer, message="Wij zoeken begeleiding.")
    client.force_login(lecturer)
    html = client.get(url).content.decode()
    assert "Dit team vraagt jou om begeleiding" in html and "Wij zoeken begeleiding." in html
    assert "Teamgenoten uitnodigen" not in html
    client.force_login(daan)
    html = client.get(url).content.decode()
    assert "Universiteit Leiden + Hogeschool Leiden" in html
    assert "Teamgenoten uitnodigen" not in html and "Team verlaten" in html
    client.force_login(sanne)
    html = client.get(url).content.decode()
    assert "Teamgenoten uitnodigen" in html and "Een docent vragen" in html
    assert client.get(f"/en/teams/{team.pk}/").status_code == 200


def test_the_invite_form_explains_bad_input_and_keeps_it(client, team, sanne):
    client.force_login(sanne)
    response = client.post(team.get_absolute_url(), {"email": "daan@student"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voer een geldig e-mailadres in." in html and 'value="daan@student"' in html
    assert not TeamInvitation.objects.exists()


def test_lecturers_are_found_by_name_and_institution(client, team, sanne, lecturer, institutions):
    other = UserFactory(display_name="Jan Smit")
    LecturerApprovalFactory(user=other, institution=institutions["UL"], status=LecturerStatus.APPROVED)
    LecturerApprovalFactory(user=UserFactory(display_name="Nog Niet"), institution=institutions["UL"])
    client.force_login(sanne)
    url = reverse("teams:supervisor_search", args=[team.pk])
    html = client.get(url).content.decode()
    assert "Els Mulder" in html and "Jan Smit" in html and "Nog Niet" not in html
    html = client.get(url, {"institution": institutions["HSL"].pk}).content.decode()
    assert "Els Mulder" in html and "Jan Smit" not in html
    html = client.get(url, {"q": "smit"}).content.decode()
    assert "Jan Smit" in html and "Els Mulder" not in html
    response = client.post(reverse("teams:supervisor_ask", args=[team.pk, lecturer.pk]), {"message": "Hallo"})
    assert response.status_code == 302
    assert Supervision.objects.get().message == "Hallo"


def test_the_lecturer_answers_from_my_page(client, team, sanne, lecturer):
    asked = supervision_request(team=team, actor=sanne, lecturer=lecturer)
    client.force_login(lecturer)
    html = client.get("/mijn-pagina/").content.decode()
    assert "1 team vraagt jou om begeleiding" in html and "De Groene Vleugel" in html
    response = client.post(reverse("teams:supervision_answer", args=[asked.pk]), {"decision": "accept"})
    assert response.url == team.get_absolute_url()
    html = client.get("/mijn-pagina/").content.decode()
    assert "Teams die je begeleidt" in html


def test_team_page_uses_a_constant_number_of_queries(client, team, sanne, django_assert_num_queries):
    """As the lead: session and user; the team; the visitor's membership and supervisions
    (access); the members with users; their verified addresses; the institutions; the
    supervisor; open invitations; open supervision requests. Measured at 2 and at 12 members."""
    client.force_login(sanne)
    counts = []
    token = _link_token(team, sanne)
    for extra in (1, 10):
        for number in range(extra):
            team_join(token=token, user=UserFactory(email=f"s{len(counts)}-{number}@student.hsleiden.nl"))
        client.get(team.get_absolute_url())
        with CaptureQueriesContext(connection) as captured:
            assert client.get(team.get_absolute_url()).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts


def test_a_student_with_an_account_is_invited_on_my_page_and_no_secret_is_stored(
    client, team, sanne, daan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = team_invite_email(team=team, actor=sanne, email="daan@student.hsleiden.nl")
    notification = Notification.objects.get(recipient=daan)
    assert notification.url == "/mijn-pagina/"
    assert "/doe-mee/" not in str(list(Notification.objects.values()))
    client.force_login(daan)
    html = client.get("/mijn-pagina/").content.decode()
    assert "1 uitnodiging voor een team" in html and "De Groene Vleugel" in html
    # Someone else cannot use it from their own My page.
    client.force_login(UserFactory(email="iemand@student.hsleiden.nl"))
    client.post(reverse("teams:invitation_accept", args=[invitation.pk]))
    assert not TeamMembership.objects.filter(team=team).exclude(user=sanne).exists()
    client.force_login(daan)
    response = client.post(reverse("teams:invitation_accept", args=[invitation.pk]))
    assert response.url == team.get_absolute_url()
    assert team_access(daan, team).is_member
    assert "uitnodiging voor een team" not in client.get("/mijn-pagina/").content.decode()


def test_owners_of_a_challenge_the_team_applied_to_see_the_team_page(client, challenge_index, team, sanne):
    resident = UserFactory()
    challenge = ChallengePageFactory(parent=challenge_index, posted_by=resident)
    client.force_login(resident)
    assert client.get(team.get_absolute_url()).status_code == 404
    application = ApplicationFactory(challenge=challenge, team=team)
    html = client.get(team.get_absolute_url()).content.decode()
    assert "De Groene Vleugel" in html and "Teamgenoten uitnodigen" not in html
    application.status = ApplicationStatus.WITHDRAWN
    application.save()
    assert client.get(team.get_absolute_url()).status_code == 404
    assert not team_access(UserFactory(), team).can_view
