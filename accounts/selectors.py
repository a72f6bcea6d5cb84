"""Reads about people: which roles follow from the facts we hold about them."""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.db.models import Q

from accounts.choices import DomainKind, LecturerStatus, NotificationKind
from accounts.defaults import BROKERS_GROUP, EDITORS_GROUP, INSTITUTION_LOGIN_PROVIDER
from accounts.domains import email_domain, looks_like
from accounts.models import (
    Institution,
    InstitutionAffiliation,
    LecturerApproval,
    Notification,
    NotificationPreference,
    User,
)
from accounts.notifications.kinds import default_email
from core import page_cache


@dataclass(frozen=True)
class Roles:
    student_of: list[Institution] = field(default_factory=list)
    lecturer_of: list[Institution] = field(default_factory=list)
    lecturer_candidate_of: list[Institution] = field(default_factory=list)
    is_editor: bool = False
    is_broker: bool = False

    @property
    def is_student(self) -> bool:
        return bool(self.student_of)

    @property
    def is_lecturer(self) -> bool:
        return bool(self.lecturer_of)

    @property
    def has_institution_role(self) -> bool:
        """Studies or teaches (or asked to) at one of the institutions."""
        return bool(self.student_of or self.lecturer_of or self.lecturer_candidate_of)

    @property
    def is_resident(self) -> bool:
        """Everyone with an account may post a challenge from their street."""
        return True


def editors_and_brokers_q() -> Q:
    """``is_editor_or_broker`` as a filter on users; use it with ``.distinct()``."""
    return Q(is_superuser=True) | Q(groups__name__in=[EDITORS_GROUP, BROKERS_GROUP])


def is_editor_or_broker(user) -> bool:
    """Superusers, editors and knowledge brokers: the people who keep an eye on the whole site.
    Worked out once per user object (one query at most), however often it is asked."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    cached = getattr(user, "_editor_or_broker", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name__in=[EDITORS_GROUP, BROKERS_GROUP]).exists()
        user._editor_or_broker = cached
    return cached


def is_editor(user) -> bool:
    """Superusers and editors (``Roles.is_editor`` without the rest of the roles): asked on every
    admin page (the moderation menu), so one query per user object at most."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    cached = getattr(user, "_is_editor", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()
        user._is_editor = cached
    return cached


def has_mfa(user) -> bool:
    """Whether ``user`` has two-step login on: an authenticator that allauth asks for at every
    login (recovery codes alone are not one). One query per user object, however often asked."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_has_mfa", None)
    if cached is None:
        cached = is_mfa_enabled(user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])
        user._has_mfa = cached
    return cached


def all_institutions() -> list[Institution]:
    """The partnership's institutions: a handful of rows that every logged-in page needs (for the
    roles), kept until a change to one starts the page cache's next generation."""
    return page_cache.cached_for_generation("institutions", lambda: list(Institution.objects.all()))


def verified_addresses(user: User) -> list[str]:
    """The person's confirmed e-mail addresses: one query per user object, however often asked
    (their roles, the invitations waiting for them, …)."""
    cached = getattr(user, "_verified_addresses", None)
    if cached is None:
        cached = list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))
        user._verified_addresses = cached
    return cached


def verified_email_domains(user: User) -> list[str]:
    return [email_domain(address) for address in verified_addresses(user)]


def institutions_for_domains(domains: list[str], kind: str, institutions: list[Institution]) -> list[Institution]:
    return [
        institution
        for institution in institutions
        if institution.matches_any(domains, kind)
    ]


def institution_affiliations(user: User) -> dict[str, set[int]]:
    """The institutions (their ids) whose login said ``user`` studies there (``DomainKind.STUDENT``)
    or works there (``DomainKind.STAFF``): one query per user object."""
    cached = getattr(user, "_institution_affiliations", None)
    if cached is None:
        cached = {DomainKind.STUDENT: set(), DomainKind.STAFF: set()}
        rows = InstitutionAffiliation.objects.filter(account__user=user).order_by()
        for kind, institution_id in rows.values_list("kind", "institution_id"):
            cached[kind].add(institution_id)
        user._institution_affiliations = cached
    return cached


def institution_login_connections(user: User) -> list[SocialAccount]:
    """The person's institution logins, each with what their institution said (``affiliations``)."""
    return list(
        SocialAccount.objects.filter(user=user, provider=INSTITUTION_LOGIN_PROVIDER)
        .prefetch_related("affiliations__institution")
        .order_by("date_joined")
    )


def confirms_with_institution(user: User) -> bool:
    """Whether ``user`` proves it is them only by logging in with their institution: no password
    and no two-step login, but an institution login. Such a person confirms it is them (before
    changing their account or downloading their data) by logging in there again."""
    return (
        not user.has_usable_password()
        and not has_mfa(user)
        and SocialAccount.objects.filter(user=user, provider=INSTITUTION_LOGIN_PROVIDER).exists()
    )


def institution_login_enabled() -> bool:
    """Whether the site offers "Log in with your institution" (it is configured)."""
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    return any(app.get("provider_id") == INSTITUTION_LOGIN_PROVIDER for app in apps)


def user_roles(user) -> Roles:
    """The roles of ``user``, computed once per user object (five queries at most)."""
    if not getattr(user, "is_authenticated", False):
        return Roles()
    cached = getattr(user, "_roles_cache", None)
    if cached is not None:
        return cached
    domains = verified_email_domains(user)
    affiliated = institution_affiliations(user)
    institutions = all_institutions() if domains or affiliated[DomainKind.STUDENT] else []
    approvals = list(LecturerApproval.objects.filter(user=user).select_related("institution"))
    group_names = set(user.groups.values_list("name", flat=True))
    roles = Roles(
        student_of=[
            institution
            for institution in institutions
            if institution.matches_any(domains, DomainKind.STUDENT) or institution.pk in affiliated[DomainKind.STUDENT]
        ],
        lecturer_of=[
            approval.institution
            for approval in approvals
            if approval.status == LecturerStatus.APPROVED
            and (
                approval.institution.matches_any(domains, DomainKind.STAFF)
                or approval.institution_id in affiliated[DomainKind.STAFF]
            )
        ],
        lecturer_candidate_of=[a.institution for a in approvals if a.status == LecturerStatus.PENDING],
        is_editor=user.is_superuser or EDITORS_GROUP in group_names,
        is_broker=BROKERS_GROUP in group_names,
    )
    user._roles_cache = roles
    return roles


def institution_lookalike(domain: str) -> tuple[Institution, str] | None:
    """The institution and its domain that ``domain`` imitates or mistypes, if any. A domain
    that belongs to any institution is never a look-alike of another."""
    institutions = list(Institution.objects.all())
    kinds = (DomainKind.STUDENT, DomainKind.STAFF)
    if any(institution.matches(domain, kind) for institution in institutions for kind in kinds):
        return None
    for institution in institutions:
        for kind in kinds:
            for own in institution.domains(kind):
                if looks_like(domain, own):
                    return institution, own
    return None


def pending_lecturer_approvals():
    return LecturerApproval.objects.filter(status=LecturerStatus.PENDING).select_related("user", "institution")


def student_institutions_by_user(user_ids) -> dict[int, list[Institution]]:
    """For many people at once, the institutions where each is a verified student: two queries
    whatever the number of people."""
    user_ids = list(user_ids)
    if not user_ids:
        return {}
    domains: dict[int, list[str]] = {user_id: [] for user_id in user_ids}
    for user_id, address in EmailAddress.objects.filter(user_id__in=user_ids, verified=True).values_list(
        "user_id", "email"
    ):
        domains[user_id].append(email_domain(address))
    institutions = all_institutions()
    # Thousands of students share a handful of domains: work each set of domains out once.
    by_domains: dict[tuple[str, ...], list[Institution]] = {}
    for user_domains in domains.values():
        key = tuple(sorted(user_domains))
        if key not in by_domains:
            by_domains[key] = institutions_for_domains(list(key), DomainKind.STUDENT, institutions)
    return {user_id: by_domains[tuple(sorted(user_domains))] for user_id, user_domains in domains.items()}


def approved_lecturers(*, q: str = "", institution=None):
    """Lecturers whom an editor approved, for teams looking for a supervisor."""
    approvals = LecturerApproval.objects.filter(status=LecturerStatus.APPROVED).select_related("user", "institution")
    if institution is not None:
        approvals = approvals.filter(institution=institution)
    if q:
        approvals = approvals.filter(user__display_name__icontains=q.strip())
    return approvals.order_by("user__display_name", "pk")


def notifications_for(user):
    """A person's notifications, newest first, with who did it (the sentence names them)."""
    return Notification.objects.filter(recipient=user).select_related("actor").order_by("-created_at", "-pk")


def unread_notification_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_settings_for(user) -> dict[str, str]:
    """How ``user`` is e-mailed about each kind; the kind's default unless they chose otherwise."""
    stored = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind: stored.get(kind, default_email(kind)) for kind in NotificationKind.values}


def email_setting(user, kind: str) -> str:
    """How ``user`` is e-mailed about ``kind``: one query."""
    stored = NotificationPreference.objects.filter(user=user, kind=kind).values_list("email", flat=True).first()
    return stored or default_email(kind)
