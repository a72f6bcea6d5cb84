"""Writes about people. Every change of a person's roles goes through here."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.choices import DomainKind, LecturerStatus
from accounts.claims import InstitutionClaims
from accounts.models import Institution, InstitutionAffiliation, LecturerApproval, User
from accounts.permissions import can_decide_lecturers
from accounts.selectors import institutions_for_domains, verified_email_domains
from core.errors import DomainError


class AccountsError(DomainError):
    """A rule stopped the change; the message is shown to the person as it is."""


def lecturer_candidacy_sync(*, user: User) -> list[LecturerApproval]:
    """Make a lecturer candidate of ``user`` at every institution under whose staff domain
    they have a verified address. Existing decisions are kept."""
    domains = verified_email_domains(user)
    institutions = institutions_for_domains(domains, DomainKind.STAFF, list(Institution.objects.all()))
    created = []
    for institution in institutions:
        approval, was_created = LecturerApproval.objects.get_or_create(user=user, institution=institution)
        if was_created:
            log(approval, "accounts.lecturer.requested", user=user)
            created.append(approval)
    return created


@dataclass(frozen=True)
class InstitutionLoginOutcome:
    """What a login through one's institution gave: the institution it named (``None`` when it named
    none, or one that does not take part), and the roles that follow."""

    claims: InstitutionClaims
    institution: Institution | None
    student: bool = False
    lecturer: LecturerApproval | None = None


def institution_login_sync(*, account: SocialAccount) -> InstitutionLoginOutcome:
    """Record what the person's institution said at this login (``account.extra_data``): they
    study or work at the institution it names. What it said at an earlier login and no longer
    says is forgotten. Staff become lecturer candidates there, approved at once where the
    institution is trusted for lecturers."""
    claims = InstitutionClaims.from_extra_data(account.extra_data)
    institution = None
    if claims.organisation:
        institution = Institution.objects.filter(schac_home_organization=claims.organisation).first()
    kinds = claims.kinds if institution else set()
    approval = None
    with transaction.atomic():
        current = InstitutionAffiliation.objects.filter(account=account)
        if institution:
            current = current.exclude(institution=institution, kind__in=kinds)
        current.delete()
        for kind in kinds:
            InstitutionAffiliation.objects.update_or_create(account=account, institution=institution, kind=kind)
        if DomainKind.STAFF in kinds:
            approval = _lecturer_candidacy_through_institution(user=account.user, institution=institution)
    # The person's roles are worked out again (on the user itself, also behind request.user's wrapper).
    user = getattr(account.user, "_wrapped", account.user)
    for cached in ("_roles_cache", "_institution_affiliations"):
        user.__dict__.pop(cached, None)
    return InstitutionLoginOutcome(
        claims=claims, institution=institution, student=DomainKind.STUDENT in kinds, lecturer=approval
    )


def _lecturer_candidacy_through_institution(*, user: User, institution: Institution) -> LecturerApproval:
    approval, created = LecturerApproval.objects.get_or_create(user=user, institution=institution)
    if created:
        log(approval, "accounts.lecturer.requested", user=user)
    if institution.trusted_for_lecturers and approval.status == LecturerStatus.PENDING:
        approval.status = LecturerStatus.APPROVED
        approval.decided_at = timezone.now()
        approval.save(update_fields=["status", "decided_at"])
        log(approval, "accounts.lecturer.approved_by_institution", user=user)
    return approval


def _decide(*, approval: LecturerApproval, actor: User, status: str, action: str) -> LecturerApproval:
    if not can_decide_lecturers(actor):
        raise AccountsError(_("Only editors can approve lecturers."))
    with transaction.atomic():
        approval = LecturerApproval.objects.select_for_update().get(pk=approval.pk)
        allowed = approval.can_approve() if status == LecturerStatus.APPROVED else approval.can_reject()
        if not allowed:
            raise AccountsError(_("This request has already been decided this way."))
        approval.status = status
        approval.decided_by = actor
        approval.decided_at = timezone.now()
        approval.save(update_fields=["status", "decided_by", "decided_at"])
        log(approval, action, user=actor)
    return approval


def lecturer_approve(*, approval: LecturerApproval, actor: User) -> LecturerApproval:
    return _decide(approval=approval, actor=actor, status=LecturerStatus.APPROVED, action="accounts.lecturer.approved")


def lecturer_reject(*, approval: LecturerApproval, actor: User) -> LecturerApproval:
    return _decide(approval=approval, actor=actor, status=LecturerStatus.REJECTED, action="accounts.lecturer.rejected")


def profile_update(*, user: User, actor: User, **fields) -> User:
    if actor.pk != user.pk:
        raise AccountsError(_("You can only change your own profile."))
    allowed = {"display_name", "preferred_language", "programme", "study_year", "skills"}
    changed = [name for name, value in fields.items() if name in allowed and getattr(user, name) != value]
    for name in changed:
        setattr(user, name, fields[name])
    if changed:
        user.save(update_fields=changed)
        log(user, "accounts.profile.updated", user=actor)
    return user


def user_set_language(*, user: User, language: str) -> None:
    if user.is_authenticated and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def administrator_create(*, email: str, display_name: str, password: str) -> User:
    """The site's first (or another) administrator, made on the server by whoever runs it: a
    superuser whose address counts as verified, since the person at the console vouches for
    it. Without that, allauth's mandatory verification would wait for an e-mail that a new
    server may not be able to send yet. The password must pass the site's own rules."""
    email = User.objects.normalize_email(email).strip().lower()
    display_name = display_name.strip()
    if not email or not display_name:
        raise AccountsError(_("Give an e-mail address and a display name."))
    user = User(email=email, display_name=display_name, is_staff=True, is_superuser=True)
    validate_password(password, user)
    with transaction.atomic():
        taken = User.objects.filter(email__iexact=email).exists()
        if taken or EmailAddress.objects.filter(email__iexact=email).exists():
            raise AccountsError(_("An account with this e-mail address already exists."))
        user.set_password(password)
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        log(user, "accounts.administrator.created")
    return user
