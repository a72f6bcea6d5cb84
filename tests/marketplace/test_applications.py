"""A team applies to a challenge; its supervisor endorses or sends it back; the team may
withdraw until the owner decides. Each rule of PRODUCT.md rule 2 is explained before writing."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.choices import LecturerStatus
from accounts.models import Notification
from marketplace.choices import ApplicationStatus, ChallengeStatus
from marketplace.models import Application
from marketplace.permissions import application_blockers, can_view_application
from marketplace.services.applications import (
    application_endorse,
    application_resubmit,
    application_send_back,
    application_submit,
    application_withdraw,
)
from marketplace.services.errors import MarketplaceError
from marketplace.services.teams import supervision_accept, supervision_request, team_create, team_join, team_link_create
from tests.factories import (
    ApplicationFactory,
    ChallengePageFactory,
    LecturerApprovalFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    UserFactory,
)
from tests.marketplace.helpers import proposal, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(sanne, daan):
    team = team_create(actor=sanne, name="De Groene Vleugel")
    team_join(token=team_link_create(team=team, actor=sanne).link_token, user=daan)
    return team


@pytest.fixture
def resident():
    return UserFactory(email="anneke@example.org", display_name="Anneke Vermeulen")


@pytest.fixture
def challenge(challenge_index, resident):
    return ChallengePageFactory(
        parent=challenge_index, title="Groene binnentuin", posted_by=resident,
        team_size_min=2, team_size_max=4, mixed_institutions_required=True,
    )


# Eligibility: each rule on its own, with the message the team reads


def test_a_fitting_team_has_nothing_in_its_way(challenge, team, sanne):
    assert application_blockers(sanne, challenge, team, today()) == []


def test_each_rule_explains_itself(challenge_index, team, sanne, daan, institutions):
    def blockers(actor=sanne, **fields):
        return application_blockers(actor, ChallengePageFactory(parent=challenge_index, **fields), team, today())

    assert blockers(status=ChallengeStatus.IN_PROGRESS) == ["Deze uitdaging staat niet open voor aanmeldingen."]
    assert blockers(live=False) == ["Deze uitdaging staat niet open voor aanmeldingen."]
    assert blockers(application_deadline=today() - datetime.timedelta(days=1)) == [
        "De deadline voor aanmeldingen is voorbij."
    ]
    assert blockers(actor=daan) == ["Alleen een lead van het team kan het team aanmelden."]
    assert blockers(team_size_min=3, team_size_max=5) == [
        "Je team heeft 2 leden; deze uitdaging vraagt 3–5."
    ]
    single = team_create(actor=daan, name="Alleen Daan")
    assert application_blockers(daan, ChallengePageFactory(parent=challenge_index, team_size_min=2), single, today())[
        0
    ] == "Je team heeft 1 lid; deze uitdaging vraagt 2–5."
    hsl_only = team_create(actor=daan, name="Hogeschoolteam")
    team_join(
        token=team_link_create(team=hsl_only, actor=daan).link_token,
        user=UserFactory(email="mo@student.hsleiden.nl"),
    )
    mixed = ChallengePageFactory(parent=challenge_index, mixed_institutions_required=True)
    assert application_blockers(daan, mixed, hsl_only, today()) == [
        "Deze uitdaging vraagt om een team met studenten van verschillende onderwijsinstellingen; al je leden "
        "studeren aan Hogeschool Leiden."
    ]


def test_a_member_without_a_confirmed_student_address_blocks_the_team(challenge, team, sanne):
    EmailAddress.objects.filter(email="daan@student.hsleiden.nl").update(verified=False)
    reasons = application_blockers(sanne, challenge, team, today())
    assert "Elk lid heeft een bevestigd studentadres nodig; nog niet: Daan Visser." in reasons


def test_a_team_applies_once(challenge, team, sanne):
    application_submit(challenge=challenge, team=team, actor=sanne, data=proposal())
    with pytest.raises(MarketplaceError, match="al aangemeld"):
        application_submit(challenge=challenge, team=team, actor=sanne, data=proposal())
    assert Application.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(challenge=challenge, team=team, **proposal())


# Submitting, endorsing, sending back, withdrawing


def test_without_a_supervisor_it_goes_straight_to_the_owner(challenge, team, sanne, resident):
    member_of_org = UserFactory()
    organisation = OrganisationFactory()
    OrganisationMembershipFactory(organisation=organisation, user=member_of_org)
    challenge.organisation = organisation
    challenge.save()
    application = application_submit(challenge=challenge, team=team, actor=sanne, data=proposal())
    assert application.status == ApplicationStatus.SUBMITTED and application.supervisor is None
    assert application.submitted_at is not None
    told = set(Notification.objects.filter(kind="application_new").values_list("recipient", flat=True))
    assert told == {resident.pk, member_of_org.pk}


def test_with_a_supervisor_it_waits_for_the_endorsement(challenge, team, sanne, daan, lecturer, resident):
    supervision_accept(supervision=supervision_request(team=team, actor=sanne, lecturer=lecturer), actor=lecturer)
    application = application_submit(challenge=challenge, team=team, actor=sanne, data=proposal())
    assert application.status == ApplicationStatus.AWAITING_ENDORSEMENT and application.supervisor == lecturer
    assert Notification.objects.filter(recipient=lecturer, kind="endorsement_request").exists()
    assert not Notification.objects.filter(recipient=resident).exists()  # not yet for the owner

    with pytest.raises(MarketplaceError, match="Vertel het team"):
        application_send_back(application=application, actor=lecturer, note="  ")
    application_send_back(application=application, actor=lecturer, note="Maak de aanpak concreter.")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED
    assert Notification.objects.filter(recipient=daan, kind="application_decision", params__outcome="returned").exists()

    application_resubmit(application=application, actor=sanne, data=proposal(approach="Week 1: interviews."))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_ENDORSEMENT
    assert application.approach == "Week 1: interviews."

    application_endorse(application=application, actor=lecturer, note="Sterk team.")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.endorsed_at is not None
    assert Notification.objects.filter(recipient=resident, kind="application_new").exists()
    with pytest.raises(MarketplaceError, match="wacht niet op jouw akkoord"):
        application_endorse(application=application, actor=lecturer)


def test_only_the_supervisor_endorses_and_only_leads_apply_change_or_withdraw(
    challenge, team, sanne, daan, lecturer, institutions
):
    with pytest.raises(MarketplaceError, match="lead"):
        application_submit(challenge=challenge, team=team, actor=daan, data=proposal())
    supervision_accept(supervision=supervision_request(team=team, actor=sanne, lecturer=lecturer), actor=lecturer)
    application = application_submit(challenge=challenge, team=team, actor=sanne, data=proposal())
    other = UserFactory(email="j.smit@leidenuniv.nl")
    LecturerApprovalFactory(user=other, institution=institutions["UL"], status=LecturerStatus.APPROVED)
    for person in (other, sanne):
        with pytest.raises(MarketplaceError, match="Alleen de begeleider"):
            application_endorse(application=application, actor=person)
    with pytest.raises(MarketplaceError, match="leads"):
        application_withdraw(application=application, actor=daan)
    with pytest.raises(MarketplaceError, match="kan nu niet"):
        application_resubmit(application=application, actor=sanne, data=proposal())


def test_the_team_withdraws_until_the_owner_decides(challenge, team, sanne, daan):
    application = application_submit(challenge=challenge, team=team, actor=sanne, data=proposal())
    application_withdraw(application=application, actor=sanne)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN and application.withdrawn_at is not None
    assert Notification.objects.filter(recipient=daan, params__outcome="withdrawn").exists()
    again = application_submit(challenge=challenge, team=team, actor=sanne, data=proposal())  # may apply again
    Application.objects.filter(pk=again.pk).update(status=ApplicationStatus.ACCEPTED)
    with pytest.raises(MarketplaceError, match="al besloten"):
        application_withdraw(application=again, actor=sanne)


# Pages


def test_who_sees_an_application(client, challenge, team, sanne, daan, lecturer, resident):
    supervision_accept(supervision=supervision_request(team=team, actor=sanne, lecturer=lecturer), actor=lecturer)
    application = application_submit(challenge=challenge, team=team, actor=sanne, data=proposal())
    for person in (sanne, daan, lecturer, resident):
        assert can_view_application(person, application)
    assert not can_view_application(UserFactory(), application)
    url = application.get_absolute_url()
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(lecturer)
    html = client.get(url).content.decode()
    assert "Het team vraagt je akkoord op deze aanmelding" in html
    response = client.post(reverse("applications:endorse", args=[application.pk]), {"decision": "endorse"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    client.force_login(resident)
    html = client.get(url).content.decode()
    assert "Akkoord van de begeleider" in html and "Karin Jansen" in html  # the history


def test_the_apply_page_explains_before_writing_and_keeps_what_was_typed(client, challenge_index, team, sanne):
    too_big = ChallengePageFactory(parent=challenge_index, team_size_min=3, team_size_max=5)
    client.force_login(sanne)
    html = client.get(reverse("applications:new", args=[too_big.pk])).content.decode()
    assert "Je team heeft 2 leden; deze uitdaging vraagt 3–5." in html
    assert 'name="motivation"' not in html
    fitting = ChallengePageFactory(parent=challenge_index)
    url = reverse("applications:new", args=[fitting.pk])
    response = client.post(url, {**proposal(motivation="Wij willen graag!", approach=""), "ects": "abc"})
    html = response.content.decode()
    assert response.status_code == 200 and "Wij willen graag!" in html
    # Django's "This field is required." as Wagtail's Dutch catalogue, which comes first, words it.
    assert '<ul class="errorlist" id="id_approach_error"><li>Dit is een verplicht veld.</li></ul>' in html
    assert not Application.objects.exists()
    response = client.post(url, proposal())
    assert response.status_code == 302
    assert Application.objects.get().course_code == "SW-WGW"


def test_the_challenge_page_invites_students_to_apply(client, challenge, sanne):
    client.force_login(sanne)
    html = client.get(challenge.url).content.decode()
    assert reverse("applications:new", args=[challenge.pk]) in html


def test_the_lecturer_sees_what_waits_for_endorsement_on_my_page(client, challenge, team, sanne, lecturer):
    supervision_accept(supervision=supervision_request(team=team, actor=sanne, lecturer=lecturer), actor=lecturer)
    application_submit(challenge=challenge, team=team, actor=sanne, data=proposal())
    client.force_login(lecturer)
    html = client.get("/mijn-pagina/").content.decode()
    assert "1 aanmelding wacht op je akkoord" in html


def test_the_factory_makes_an_application_with_the_owner(challenge, team):
    assert ApplicationFactory(challenge=challenge, team=team).status == ApplicationStatus.SUBMITTED
