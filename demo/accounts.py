"""Demo accounts, one per role, all with the same documented password; those who must use
two-step login have it on, with one documented authenticator key. Idempotent: an account that
exists is left exactly as it is.

Under production settings (a demo or acceptance site, seed_demo --allow-production) nothing is
published: each new account gets its own random password and authenticator key, shown once."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.choices import LecturerStatus
from accounts.defaults import BROKERS_GROUP, EDITORS_GROUP, INSTITUTIONS, SCHAC_HOME_ORGANIZATIONS
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
        organisation = SCHAC_HOME_ORGANIZATIONS.get(data["short_name"], "")
        Institution.objects.get_or_create(
            short_name=data["short_name"], defaults={**data, "schac_home_organization": organisation}
        )


@dataclass(frozen=True)
class Credentials:
    """How a new demo account can log in."""

    password: str
    totp_secret: str = ""  # only for an account that must use two-step login


def published_credentials() -> Credentials:
    return Credentials(password=DEMO_PASSWORD, totp_secret=DEMO_TOTP_SECRET)


def random_credentials() -> Credentials:
    return Credentials(password=secrets.token_urlsafe(18), totp_secret=generate_totp_secret())


@transaction.atomic
def seed_accounts(
    *, credentials: Callable[[], Credentials] = published_credentials
) -> tuple[dict[str, User], dict[str, Credentials]]:
    """The demo accounts by key, and the credentials of those made now (an account that existed
    keeps its own)."""
    seed_institutions()
    for name in (EDITORS_GROUP, BROKERS_GROUP):
        Group.objects.get_or_create(name=name)
    users = {}
    given = {}
    new_users = []
    new_lecturers = []
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            given[account.key] = credentials()
            user = User.objects.create_user(
                email=account.email,
                password=given[account.key].password,
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
    keys = {user.pk: key for key, user in users.items()}
    for user in new_users:
        key = keys[user.pk]
        # Fetched again: the roles of the object in hand were worked out before the approvals.
        if mfa_required_for(User.objects.get(pk=user.pk)):
            TOTP.activate(user, given[key].totp_secret)
        else:
            given[key] = Credentials(password=given[key].password)
    return users, given

