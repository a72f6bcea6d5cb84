"""Demo accounts, one per role, all with the same documented password; those who must use
two-step login have it on, with one documented authenticator key. Idempotent: an account that
exists is left exactly as it is."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.choices import LecturerStatus
from accounts.defaults import BROKERS_GROUP, EDITORS_GROUP, INSTITUTIONS
from accounts.models import Institution, LecturerApproval, User
from accounts.permissions import mfa_required_for
from accounts.services import lecturer_approve, lecturer_candidacy_sync

DEMO_PASSWORD = "leiden-demo-2026"  # noqa: S105 (documented demo password, never used in production)
# The authenticator app key (base32) of the demo accounts that must use two-step login. Documented
# in the README and printed by seed_demo; only ever used for demo data.
DEMO_TOTP_SECRET = "LEIDENDEMOTWEESTAPPENLEIDENDEMO2"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    key: str
    email: str
    display_name: str
    role: str
    language: str = "nl"
    groups: tuple[str, ...] = ()
    approve_lecturer: bool = False
    programme: str = ""
    study_year: int | None = None
    skills: str = ""
    is_superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("resident", "bewoner@example.org", "Anneke Vermeulen", "Resident (Merenwijk)"),
    DemoAccount("organisation", "wijkvereniging@example.org", "Joost de Graaf", "Organisation member"),
    DemoAccount(
        "student_ul", "demo.student@umail.leidenuniv.nl", "Sophie Bakker", "Student, Leiden University",
        language="en", programme="Biology", study_year=3,
        skills="Fieldwork, species counts, data analysis in R",
    ),
    DemoAccount(
        "student_hsl", "demo.student@student.hsleiden.nl", "Daan Visser", "Student, Hogeschool Leiden",
        programme="Social Work", study_year=2, skills="Interviewing residents, community work",
    ),
    DemoAccount(
        "student_mbo", "demo.student@student.mborijnland.nl", "Yasmin Bouzid", "Student, mboRijnland",
        programme="Groen, grond en infra", study_year=2, skills="Planting, garden design, building with wood",
    ),
    DemoAccount("lecturer", "demo.docent@hsleiden.nl", "Karin Jansen", "Lecturer, Hogeschool Leiden",
                approve_lecturer=True),
    DemoAccount("editor", "redactie@example.org", "Mila Hendriks", "Editor", groups=(EDITORS_GROUP,)),
    DemoAccount("broker", "kennismakelaar@example.org", "Ruben Smit", "Knowledge broker", groups=(BROKERS_GROUP,)),
    DemoAccount("admin", "beheer@example.org", "Beheer Leren met de Stad", "Site administrator",
                is_superuser=True),
]


def seed_institutions() -> None:
    for data in INSTITUTIONS:
        Institution.objects.get_or_create(short_name=data["short_name"], defaults=data)


@transaction.atomic
def seed_accounts() -> dict[str, User]:
    seed_institutions()
    for name in (EDITORS_GROUP, BROKERS_GROUP):
        Group.objects.get_or_create(name=name)
    users = {}
    new_users = []
    new_lecturers = []
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User.objects.create_user(
                email=account.email,
                password=DEMO_PASSWORD,
                display_name=account.display_name,
                preferred_language=account.language,
                programme=account.programme,
                study_year=account.study_year,
                skills=account.skills,
                is_superuser=account.is_superuser,
                is_staff=account.is_superuser,
            )
            EmailAddress.objects.create(user=user, email=account.email, primary=True, verified=True)
            for group_name in account.groups:
                user.groups.add(Group.objects.get(name=group_name))
            lecturer_candidacy_sync(user=user)
            new_users.append(user)
            if account.approve_lecturer:
                new_lecturers.append(user)
        users[account.key] = user
    for user in new_lecturers:
        for approval in LecturerApproval.objects.filter(user=user, status=LecturerStatus.PENDING):
            lecturer_approve(approval=approval, actor=users["admin"])
    for user in new_users:
        # Fetched again: the roles of the object in hand were worked out before the approvals.
        if mfa_required_for(User.objects.get(pk=user.pk)):
            TOTP.activate(user, DEMO_TOTP_SECRET)
    return users

