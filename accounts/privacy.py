"""What the accounts app holds about a person (the AVG registry, see core.privacy): the account,
its addresses and two-step login, roles, notifications and e-mail settings; and what is
removed when its retention period is over."""

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Notification, User
from core.privacy import (
    ERASED_EMAIL_DOMAIN,
    ERASED_NAME,
    Entry,
    Erasure,
    PersonalField,
    mentioning,
    registry,
    retention_cutoff,
    scrubbed,
)

DELETE, ANONYMISE, KEEP = Erasure.DELETE, Erasure.ANONYMISE, Erasure.KEEP

GOES_WITH_THE_ROW = _("Deleted with the rest of the row.")
UNUSED_NAME = _("Empty: the site uses your display name instead.")


def erased_email(row, person) -> str:
    # Unique, as the column must be, and reaching nobody.
    return f"former.participant.{row.pk}@{ERASED_EMAIL_DOMAIN}"


registry.register(
    Entry(
        "accounts.User",
        title=_("Your account"),
        person_q=lambda person: Q(pk=person.user.pk),
        export=(
            "email", "display_name", "preferred_language", "programme", "study_year", "skills",
            "date_joined", "last_login",
        ),
        fields=(
            PersonalField("email", ANONYMISE, _("To log in and to be e-mailed. Replaced by an address that reaches "
                                                "nobody."), value=erased_email),
            PersonalField("display_name", ANONYMISE, _("The name others see. Becomes “former participant”, so "
                                                       "what you wrote with others stays readable."),
                          value=ERASED_NAME),
            PersonalField("first_name", ANONYMISE, UNUSED_NAME, value="", exported=False),
            PersonalField("last_name", ANONYMISE, UNUSED_NAME, value="", exported=False),
            PersonalField("programme", ANONYMISE, _("Shown to teams and lecturers looking for students."), value=""),
            PersonalField("study_year", ANONYMISE, _("Shown to teams and lecturers looking for students."),
                          value=None),
            PersonalField("skills", ANONYMISE, _("Shown to teams and lecturers looking for students."), value=""),
            PersonalField("last_login", ANONYMISE, _("When you last logged in, for security."), value=None),
            PersonalField("password", ANONYMISE, _("Only a one-way hash, never the password. Made unusable, which "
                                                   "also ends every session."),
                          value=lambda row, person: make_password(None), exported=False),
        ),
    ),
    Entry(
        "accounts.User_groups",
        title=_("Roles given by the editors"),
        export=("group",),
        select_related=("group",),
        fields=(PersonalField("user", DELETE, _("Editors and knowledge brokers are a group; an erased account has "
                                                "no role.")),),
    ),
    Entry(
        "accounts.User_user_permissions",
        fields=(PersonalField("user", DELETE, _("Permissions given to one person; an erased account has none."),
                              exported=False),),
    ),
    Entry(
        "account.EmailAddress",
        export=("email", "verified", "primary"),
        fields=(
            PersonalField("user", DELETE, _("Your addresses: to log in, and to know where you study or teach.")),
            PersonalField("email", DELETE, GOES_WITH_THE_ROW),
        ),
    ),
    Entry(
        "account.EmailConfirmation",
        fields=(
            PersonalField("email_address", DELETE, _("A link to confirm one of your addresses; deleted with it."),
                          rows=lambda person: Q(email_address__user=person.user), exported=False),
        ),
    ),
    Entry(
        "accounts.LecturerApproval",
        export=("institution", "status", "requested_at", "decided_at", "decided_by"),
        select_related=("institution", "decided_by"),
        fields=(
            PersonalField("user", DELETE, _("Your request to act as a lecturer and the editors' decision.")),
            PersonalField("decided_by", KEEP, _("Which editor decided a request; the request is someone else's."),
                          exported=False),
        ),
    ),
    Entry(
        "accounts.Notification",
        export=("kind", (_("notification"), "text"), "actor", "url", "created_at", "read_at", "emailed_at"),
        select_related=("actor",),
        fields=(
            PersonalField("recipient", DELETE, _("What happened that concerns you. Read notifications are deleted "
                                                 "after the period the privacy statement names.")),
            PersonalField("actor", KEEP, _("Who did what a notification tells someone else; it then reads “former "
                                           "participant”."), exported=False),
            PersonalField("params", ANONYMISE, _("Names in other people's notifications are replaced by “former "
                                                 "participant”."),
                          rows=mentioning("params"), value=scrubbed("params"), exported=False),
        ),
    ),
    Entry(
        "accounts.NotificationPreference",
        export=("kind", "email"),
        fields=(
            PersonalField("user", DELETE, _("How you want to be e-mailed about each kind of notification.")),
            PersonalField("email", DELETE, GOES_WITH_THE_ROW),
        ),
    ),
)

if apps.is_installed("allauth.socialaccount"):
    registry.register(
        Entry(
            "socialaccount.SocialAccount",
            title=_("Log in with your institution"),
            # allauth's own names of the columns: provider, uid, extra data (what the institution said).
            export=("provider", "uid", "date_joined", "last_login", "extra_data"),
            fields=(
                PersonalField("user", DELETE, _("Your institution's login (SURFconext), connected to your account: "
                                                "who you are there and what your institution said about you at "
                                                "your last login through it.")),
                PersonalField("uid", DELETE, GOES_WITH_THE_ROW),
                PersonalField("extra_data", DELETE, GOES_WITH_THE_ROW),
            ),
        ),
        Entry(
            "accounts.InstitutionAffiliation",
            title=_("What your institution said about you"),
            person=("account__user",),
            export=("institution", "kind", "asserted_at"),
            select_related=("institution",),
            fields=(
                PersonalField("kind", DELETE, _("That you study or work at an institution, as it said at your "
                                                "last login through it; your role follows from it.")),
            ),
        ),
    )

if apps.is_installed("allauth.mfa"):
    registry.register(
        Entry(
            "mfa.Authenticator",
            title=_("Two-step login"),
            export=("type", "created_at", "last_used_at"),
            fields=(
                PersonalField("user", DELETE, _("Your authenticator app and recovery codes.")),
                PersonalField("data", DELETE, _("The secret of your authenticator app: never in the download."),
                              exported=False),
            ),
        )
    )


# Retention


@registry.register_purge("unverified_accounts", _("Accounts never confirmed"))
def purge_unverified_accounts(*, now, dry_run: bool) -> int:
    """Sign-ups whose address was never confirmed: nobody could ever log in with them. Staff
    accounts made on the command line have no address here and are never touched."""
    cutoff = retention_cutoff(now, "unverified_accounts")
    accounts = User.objects.filter(
        date_joined__lt=cutoff, last_login__isnull=True, is_staff=False, is_superuser=False, is_active=True
    ).exclude(email__endswith=f"@{ERASED_EMAIL_DOMAIN}").filter(
        Exists(EmailAddress.objects.filter(user=OuterRef("pk"))),
        ~Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
    )
    count = accounts.count()
    if not dry_run and count:
        accounts.delete()
    return count


@registry.register_purge("read_notifications", _("Read notifications"))
def purge_read_notifications(*, now, dry_run: bool) -> int:
    old = Notification.objects.filter(read_at__lt=retention_cutoff(now, "read_notifications"))
    count = old.count()
    if not dry_run and count:
        old.delete()
    return count


@registry.register_purge("task_results", _("Results of finished background tasks"))
def purge_task_results(*, now, dry_run: bool) -> int:
    """Only a database queue keeps results (django-tasks-db, see the README); the in-process
    default keeps none. A result holds a task's arguments: ids, never texts."""
    if not apps.is_installed("django_tasks_db"):
        return 0
    # The app's module is django_tasks_db, its label django_tasks_database.
    results = apps.get_model("django_tasks_database", "DBTaskResult").objects.filter(
        finished_at__lt=retention_cutoff(now, "task_results")
    )
    count = results.count()
    if not dry_run and count:
        results.delete()
    return count
