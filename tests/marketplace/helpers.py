"""Helpers the marketplace tests share (and the cms and browser tests that build on them):
the data a form or service is given, uploads, and small worlds made straight in the database."""

import datetime
import uuid
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from wagtail.models import WorkflowState

from accounts.choices import LecturerStatus
from marketplace.choices import (
    ApplicationStatus,
    AttachmentKind,
    ChallengeStatus,
    HoursStatus,
    MembershipRole,
    ProjectStatus,
    TeamRole,
)
from marketplace.files.uploads import clean_upload
from marketplace.models import ChallengePage, LogEntry, LogHours, Project
from marketplace.services.applications import application_accept, application_endorse, application_submit
from marketplace.services.projects import log_entry_create
from marketplace.services.teams import supervision_accept, supervision_request, team_create, team_join, team_link_create
from tests.factories import (
    ApplicationFactory,
    ChallengePageFactory,
    LecturerApprovalFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    TeamFactory,
    TeamMembershipFactory,
    ThemeFactory,
    UserFactory,
)

# Everyone of the ``project_world`` fixture, and the visitor who is not logged in.
PROJECT_PEOPLE = [
    "anonymous", "outsider", "other_student", "lead", "member", "supervisor", "other_lecturer",
    "poster", "organisation_member", "editor", "broker",
]

TODAY = timezone.localdate()
D1, D2, D3, D4 = (TODAY - datetime.timedelta(days=days) for days in (30, 20, 10, 5))


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


# What the forms and services are given


def proposal(**changes):
    today = timezone.localdate()
    return {
        "motivation": "Wij houden van groen.",
        "approach": "Interviews, ontwerp, proef.",
        "period_start": today + datetime.timedelta(days=40),
        "period_end": today + datetime.timedelta(days=100),
        "course_name": "Wijkgericht werken",
        "course_code": "SW-WGW",
        "ects": 5,
        **changes,
    }


def challenge_data(**changes):
    return {
        "title": "Een groene binnentuin",
        "summary": "Onze binnentuin is grijs.",
        "description": "<p>Veel tegels.</p>",
        "outcome": "Een ontwerp.",
        "language": "nl",
        "neighbourhood": NeighbourhoodFactory(),
        "themes": [ThemeFactory()],
        "application_deadline": timezone.localdate() + datetime.timedelta(days=20),
        "period_start": timezone.localdate() + datetime.timedelta(days=30),
        "period_end": timezone.localdate() + datetime.timedelta(days=90),
        "contact_name": "Anneke",
        "contact_email": "anneke.prive@example.org",
        **changes,
    }


def approve(challenge, editor, comment=""):
    """What an editor's "Approve" on a challenge in review does."""
    state = WorkflowState.objects.for_instance(challenge).get(status=WorkflowState.STATUS_IN_PROGRESS)
    state.current_task_state.task.specific.on_action(state.current_task_state, editor, "approve", comment=comment)


# Photos


def phone_photo(gps=True):
    """A JPEG as a phone uploads it, with its GPS position unless ``gps`` is false."""
    image = Image.new("RGB", (60, 40), (30, 120, 30))
    exif = Image.Exif()
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 9.0, 36.0)})
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("IMG_2041.jpg", buffer.getvalue(), content_type="image/jpeg")


def cleaned_photo(original_name="binnentuin.jpg"):
    """A phone photo with its GPS position, as ``marketplace.uploads`` hands it on: cleaned."""
    buffer = BytesIO()
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 9.0, 36.0)})
    Image.new("RGB", (40, 30), (30, 120, 30)).save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile(original_name, buffer.getvalue(), content_type="image/jpeg")
    return clean_upload(upload, kind=AttachmentKind.PHOTO)


# Teams and projects made through the services


def supervised_team(*, name, lead, members, supervisor):
    team = team_create(actor=lead, name=name)
    token = team_link_create(team=team, actor=lead).link_token
    for member in members:
        team_join(token=token, user=member)
    supervision_accept(supervision=supervision_request(team=team, actor=lead, lecturer=supervisor), actor=supervisor)
    return team


def supervised_application(challenge_index, institutions, people):
    """What ``project_world`` and the permission matrix's world share: ``people``'s supervisor
    (Hogeschool Leiden) and other lecturer (Leiden University) approved; the organisation member
    in an organisation the poster posts a challenge for (room for one team); the lead's team with
    the member, supervised, applied to it. Returns the challenge, the team and the application."""
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
    team = supervised_team(
        name="De Groene Vleugel", lead=people["lead"], members=[people["member"]], supervisor=people["supervisor"]
    )
    application = application_submit(challenge=challenge, team=team, actor=people["lead"], data=proposal())
    return challenge, team, application


def started_long_ago(project: Project) -> Project:
    """Log entries may not be dated before the project started; the world is made today, so
    its projects are moved back to make room for a history."""
    Project.objects.filter(pk=project.pk).update(created_at=timezone.now() - datetime.timedelta(days=60))
    project.refresh_from_db()
    return project


def apply_and_accept(challenge, team, lead, supervisor) -> Project:
    application = application_submit(challenge=challenge, team=team, actor=lead, data=proposal())
    if application.can_endorse():
        application_endorse(application=application, actor=supervisor)
    return started_long_ago(application_accept(application=application, actor=challenge.posted_by))


def log(project, author, day, hours_by_person):
    return log_entry_create(
        project=project, actor=author, date=day, text="Interviews in de wijk.",
        hours={person.pk: Decimal(value) for person, value in hours_by_person.items()},
    )


def second_project(challenge, name="Stille Tuinen") -> Project:
    """Another team of two students, chosen for ``challenge`` too."""
    team = TeamFactory(name=name)
    for index, domain in enumerate(["umail.leidenuniv.nl", "student.hsleiden.nl"]):
        TeamMembershipFactory(
            team=team,
            user=UserFactory(email=f"{uuid.uuid4().hex[:8]}@{domain}"),
            role=TeamRole.LEAD if index == 0 else TeamRole.MEMBER,
        )
    application = ApplicationFactory(challenge=challenge, team=team, status=ApplicationStatus.ACCEPTED)
    return Project.objects.create(challenge=challenge, team=team, application=application)


# The knowledge broker's desk: pages, teams and lecturers made straight in the database


def published_days_ago(challenge, days: int):
    """Factories save pages live without publishing them; the desk reads when they went live."""
    ChallengePage.objects.filter(pk=challenge.pk).update(first_published_at=days_ago(days))
    challenge.first_published_at = days_ago(days)
    return challenge


def team_with_skills(name: str, skills: str, *emails: str):
    """A team of new users with these addresses, the first its lead."""
    team = TeamFactory(name=name, skills=skills)
    for number, email in enumerate(emails):
        TeamMembershipFactory(
            team=team, user=UserFactory(email=email), role=TeamRole.LEAD if number == 0 else TeamRole.MEMBER
        )
    return team


def approved_lecturer(email: str, name: str, institution):
    user = UserFactory(email=email, display_name=name)
    LecturerApprovalFactory(user=user, institution=institution, status=LecturerStatus.APPROVED)
    return user


def accepted_project(challenge, team, *, supervisor=None, status=ProjectStatus.ACTIVE):
    application = ApplicationFactory(challenge=challenge, team=team, status=ApplicationStatus.ACCEPTED)
    return Project.objects.create(
        challenge=challenge, team=team, application=application, supervisor=supervisor, status=status
    )


# The Impact figures: challenges, projects and hours at known moments in Leiden

LEIDEN = ZoneInfo("Europe/Amsterdam")


def moment(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LEIDEN)


def dated_challenge(parent, *, themes, neighbourhood, published, status=ChallengeStatus.OPEN, live=True):
    """A challenge first published at ``published``."""
    page = ChallengePageFactory(parent=parent, themes=themes, neighbourhood=neighbourhood)
    ChallengePage.objects.filter(pk=page.pk).update(first_published_at=published, status=status, live=live)
    return page


def student(name: str, email: str, *, verified: bool = True):
    return UserFactory(email=email, display_name=name, verified=verified)


def team_of(name: str, *members):
    made = TeamFactory(name=name)
    for member in members:
        TeamMembershipFactory(team=made, user=member)
    return made


def dated_project(challenge_page, team_made, *, status, started, completed=None):
    """A project of ``team_made`` on ``challenge_page``, started (and completed) at these moments."""
    application = ApplicationFactory(challenge=challenge_page, team=team_made, status=ApplicationStatus.ACCEPTED)
    made = Project.objects.create(challenge=challenge_page, team=team_made, application=application, status=status)
    # ``created_at`` is set on insert; the semester a project counts in depends on it.
    Project.objects.filter(pk=made.pk).update(created_at=started, completed_at=completed)
    return made


def logged_hours(project_made, person, day: datetime.date, amount: str, status=HoursStatus.APPROVED):
    entry = LogEntry.objects.create(project=project_made, author=person, date=day, text="Interviews in de wijk.")
    LogHours.objects.create(entry=entry, person=person, hours=Decimal(amount), status=status)
