from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from wagtail.models import Page, Revision

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from accounts.models import Institution, LecturerApproval, Notification, User
from accounts.selectors import user_roles
from marketplace.choices import ApplicationStatus
from marketplace.models import (
    Application,
    Neighbourhood,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    Project,
    Supervision,
    Team,
    TeamInvitation,
    TeamMembership,
    Theme,
)

pytestmark = pytest.mark.django_db

MODELS = [User, EmailAddress, Institution, LecturerApproval, Neighbourhood, Theme, Organisation,
          OrganisationMembership, OrganisationInvitation, Page, Revision, Team, TeamMembership, TeamInvitation,
          Supervision, Application, Project, Notification]


def snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    first = snapshot()
    passwords = dict(User.objects.values_list("email", "password"))
    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == first
    assert dict(User.objects.values_list("email", "password")) == passwords


def test_seed_demo_gives_every_role_a_verified_login():
    call_command("seed_demo", stdout=StringIO())
    assert Neighbourhood.objects.count() == 10
    assert Theme.objects.count() == 3
    users = {account.key: User.objects.get(email=account.email) for account in DEMO_ACCOUNTS}
    for user in users.values():
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
    assert [i.short_name for i in user_roles(users["student_ul"]).student_of] == ["UL"]
    assert [i.short_name for i in user_roles(users["student_hsl"]).student_of] == ["HSL"]
    assert [i.short_name for i in user_roles(users["student_mbo"]).student_of] == ["mboRijnland"]
    assert [i.short_name for i in user_roles(users["lecturer"]).lecturer_of] == ["HSL"]
    assert user_roles(users["editor"]).is_editor
    assert user_roles(users["broker"]).is_broker
    assert OrganisationMembership.objects.filter(user=users["organisation"]).exists()



def test_seed_demo_has_applications_in_every_state():
    call_command("seed_demo", stdout=StringIO())
    assert set(Application.objects.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert Project.objects.count() == 1
    assert not user_roles(User.objects.get(email="demo.student@umail.leidenuniv.nl")).lecturer_candidate_of
