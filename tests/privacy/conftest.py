import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.choices import MembershipRole, ReportReason
from marketplace.models import LogComment, Theme
from marketplace.reportable import REPORTABLE
from marketplace.services.follows import follow_create
from marketplace.services.messages import message_send
from marketplace.services.moderation import report_create
from marketplace.services.organisations import organisation_invite
from marketplace.services.projects import hours_review, log_comment_add, log_entry_create
from marketplace.services.teams import team_create, team_invite_email
from tests.factories import OrganisationMembershipFactory, ThemeFactory
from tests.marketplace.helpers import cleaned_photo, started_long_ago


@pytest.fixture
def busy_student(project_world):
    """``project_world``'s member (Daan Bakker) after a few weeks of work: two log entries with
    a photo each and comments, a message with a photo (and the lead's answer naming him), a
    report of the supervisor's comment, hours approved in the first and waiting in the second, a theme
    followed, an invitation to an organisation at his address and one he sent for a team of his
    own. Returns the world with ``entries`` added."""
    people, project = project_world["people"], started_long_ago(project_world["project"])
    daan, sanne, karin = people["member"], people["lead"], people["supervisor"]
    today = timezone.localdate()
    first = log_entry_create(
        project=project, actor=daan, date=today - datetime.timedelta(days=7), text="Interviews met bewoners.",
        hours={daan.pk: Decimal("3"), sanne.pk: Decimal("2")}, uploads=[cleaned_photo("binnentuin.jpg")],
        photo_description="De binnentuin met tegels",
    )
    log_comment_add(entry=first, actor=daan, text="De bewoners willen vooral schaduw.")
    log_comment_add(entry=first, actor=karin, text="Goed gedaan, Daan Bakker: noteer ook de bomen.")
    hours_review(project=project, actor=karin, person=daan, approve=True)
    second = log_entry_create(
        project=project, actor=daan, date=today, text="Ontwerp geschetst.", hours={daan.pk: Decimal("4")},
        uploads=[cleaned_photo("schets.jpg")], photo_description="Een schets van de tuin",
    )
    message_send(actor=daan, project=project, text="Zie de foto van de binnentuin.", language="nl",
                 uploads=[cleaned_photo("bericht.jpg")])
    message_send(actor=sanne, project=project, text="Dank je, Daan Bakker!", language="nl")
    report_create(reportable=REPORTABLE["comment"], obj=LogComment.objects.get(author=karin), reporter=daan,
                  reason=ReportReason.OTHER, note="Mijn naam staat erin.")
    follow_create(user=daan, theme=Theme.objects.first() or ThemeFactory())
    admin = OrganisationMembershipFactory(role=MembershipRole.ADMIN).user
    organisation = admin.organisation_memberships.get().organisation
    organisation_invite(organisation=organisation, actor=admin, email=daan.email, role=MembershipRole.MEMBER)
    own_team = team_create(actor=daan, name="Daans Denktank")
    team_invite_email(team=own_team, actor=daan, email="vriendin@example.org")
    return {**project_world, "project": project, "entries": [first, second], "organisation": organisation}
