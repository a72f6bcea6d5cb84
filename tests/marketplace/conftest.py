import pytest
from django.contrib.auth.models import Group

from accounts.choices import LecturerStatus
from accounts.defaults import BROKERS_GROUP, EDITORS_GROUP
from marketplace.choices import MembershipRole
from marketplace.services.applications import application_accept, application_endorse, application_submit
from marketplace.services.teams import supervision_accept, supervision_request, team_create, team_join, team_link_create
from tests.factories import (
    ChallengePageFactory,
    LecturerApprovalFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    UserFactory,
)
from tests.marketplace.test_applications import proposal

PROJECT_PEOPLE = [
    "anonymous", "outsider", "other_student", "lead", "member", "supervisor", "other_lecturer",
    "poster", "organisation_member", "editor", "broker",
]


@pytest.fixture
def project_world(challenge_index, institutions):
    """An active project made the way the site makes one: a mixed, supervised team applied and
    the resident chose it. ``people`` holds everyone of ``PROJECT_PEOPLE`` but "anonymous"."""

    people = {
        "outsider": UserFactory(email="buurman@example.org", display_name="Buurman Bert"),
        "other_student": UserFactory(email="piet@student.hsleiden.nl", display_name="Piet Visser"),
        "lead": UserFactory(email="sanne@umail.leidenuniv.nl", display_name="Sanne de Vries"),
        "member": UserFactory(email="daan@student.hsleiden.nl", display_name="Daan Bakker"),
        "supervisor": UserFactory(email="k.jansen@hsleiden.nl", display_name="Karin Jansen"),
        "other_lecturer": UserFactory(email="j.smit@leidenuniv.nl", display_name="Jan Smit"),
        "poster": UserFactory(email="anneke@example.org", display_name="Anneke Vos"),
        "organisation_member": UserFactory(email="joost@example.org", display_name="Joost Meijer"),
        "editor": UserFactory(email="redactie@example.org", display_name="Eva Redactie"),
        "broker": UserFactory(email="makelaar@example.org", display_name="Bram Makelaar"),
    }
    people["editor"].groups.add(Group.objects.get(name=EDITORS_GROUP))
    people["broker"].groups.add(Group.objects.get(name=BROKERS_GROUP))
    for key, short_name in (("supervisor", "HSL"), ("other_lecturer", "UL")):
        LecturerApprovalFactory(
            user=people[key], institution=institutions[short_name], status=LecturerStatus.APPROVED
        )
    organisation = OrganisationFactory()
    OrganisationMembershipFactory(
        organisation=organisation, user=people["organisation_member"], role=MembershipRole.MEMBER
    )
    challenge = ChallengePageFactory(
        parent=challenge_index, posted_by=people["poster"], organisation=organisation, team_capacity=1
    )
    team = team_create(actor=people["lead"], name="De Groene Vleugel")
    team_join(token=team_link_create(team=team, actor=people["lead"]).link_token, user=people["member"])
    supervision_accept(
        supervision=supervision_request(team=team, actor=people["lead"], lecturer=people["supervisor"]),
        actor=people["supervisor"],
    )
    application = application_submit(challenge=challenge, team=team, actor=people["lead"], data=proposal())
    if application.can_endorse():

        application_endorse(application=application, actor=people["supervisor"])
    project = application_accept(application=application, actor=people["poster"])
    return {"people": people, "challenge": challenge, "team": team, "project": project}
