"""Who reaches which page of teams, applications and projects, in each state: a matrix of
person × page × state → response. Pages a person may not know about answer 404; logged-out
visitors are sent to the login page (302)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from marketplace.choices import ApplicationStatus
from marketplace.services.applications import application_accept, application_endorse
from tests.factories import UserFactory
from tests.marketplace.helpers import supervised_application

pytestmark = pytest.mark.django_db

PEOPLE = [
    "anonymous", "outsider", "other_student", "lead", "member", "supervisor", "other_lecturer",
    "poster", "organisation_member", "editor",
]


@pytest.fixture
def world(challenge_index, institutions):
    people = {
        "outsider": UserFactory(email="buurman@example.org"),
        "other_student": UserFactory(email="piet@student.hsleiden.nl"),
        "lead": UserFactory(email="sanne@umail.leidenuniv.nl"),
        "member": UserFactory(email="daan@student.hsleiden.nl"),
        "supervisor": UserFactory(email="k.jansen@hsleiden.nl"),
        "other_lecturer": UserFactory(email="j.smit@leidenuniv.nl"),
        "poster": UserFactory(email="anneke@example.org"),
        "organisation_member": UserFactory(email="joost@example.org"),
        "editor": UserFactory(email="redactie@example.org"),
    }
    people["editor"].groups.add(Group.objects.get(name="Editors"))
    challenge, team, application = supervised_application(challenge_index, institutions, people)
    return {"people": people, "challenge": challenge, "team": team, "application": application}


def _status(client, person, url):
    client.logout()
    if person is not None:
        client.force_login(person)
    return client.get(url).status_code


# Expected answers per page and state; a person not listed gets 404 (or 302 when logged out).
ALLOWED = {
    ("team", ApplicationStatus.AWAITING_ENDORSEMENT): {"lead", "member", "supervisor"},
    ("application", ApplicationStatus.AWAITING_ENDORSEMENT): {"lead", "member", "supervisor", "poster",
                                                              "organisation_member"},
    ("manage", ApplicationStatus.AWAITING_ENDORSEMENT): {"poster", "organisation_member"},
    # Once the application reached the owner, the owners may also see the team.
    ("team", ApplicationStatus.SUBMITTED): {"lead", "member", "supervisor", "poster", "organisation_member"},
    ("application", ApplicationStatus.SUBMITTED): {"lead", "member", "supervisor", "poster", "organisation_member"},
    ("manage", ApplicationStatus.SUBMITTED): {"poster", "organisation_member"},
    ("team", ApplicationStatus.ACCEPTED): {"lead", "member", "supervisor", "poster", "organisation_member"},
    ("application", ApplicationStatus.ACCEPTED): {"lead", "member", "supervisor", "poster", "organisation_member"},
    ("manage", ApplicationStatus.ACCEPTED): {"poster", "organisation_member"},
    # Editors read a project's shareable entries (for stories), without its contact details.
    ("project", ApplicationStatus.ACCEPTED): {"lead", "member", "supervisor", "poster", "organisation_member",
                                              "editor"},
}


def test_the_matrix(client, world):
    people, application = world["people"], world["application"]
    urls = {
        "team": world["team"].get_absolute_url(),
        "application": application.get_absolute_url(),
        "manage": reverse("marketplace:challenge_manage", args=[world["challenge"].pk]),
    }
    cells = 0
    failures = []
    for state in (ApplicationStatus.AWAITING_ENDORSEMENT, ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED):
        if state == ApplicationStatus.SUBMITTED:
            application_endorse(application=application, actor=people["supervisor"])
        if state == ApplicationStatus.ACCEPTED:
            project = application_accept(application=application, actor=people["poster"])
            urls["project"] = reverse("projects:detail", args=[project.pk])
        for page, url in urls.items():
            allowed = ALLOWED[(page, state)]
            for key in PEOPLE:
                expected = 302 if key == "anonymous" else (200 if key in allowed else 404)
                got = _status(client, people.get(key), url)
                cells += 1
                if got != expected:
                    failures.append((state, page, key, expected, got))
    assert failures == []
    assert cells == 3 * 3 * len(PEOPLE) + len(PEOPLE)  # 100 cells


def test_contact_details_reach_only_the_chosen_team_and_its_supervisor(client, world):
    """The challenge page, before and after the owner chose the team."""
    people, application, challenge = world["people"], world["application"], world["challenge"]
    challenge.contact_email = "prive-adres@example.org"
    challenge.save()

    def seeing():
        found = set()
        for key in PEOPLE:
            client.logout()
            if people.get(key):
                client.force_login(people[key])
            if "prive-adres@example.org" in client.get(challenge.url).content.decode():
                found.add(key)
        return found

    assert seeing() <= {"poster", "organisation_member"}  # before a choice: the owners at most
    application_endorse(application=application, actor=people["supervisor"])
    application_accept(application=application, actor=people["poster"])
    assert seeing() == {"lead", "member", "supervisor", "poster", "organisation_member"}
