"""One function per rule of the marketplace."""

from datetime import date

from django.utils.translation import gettext as _

from accounts.selectors import user_roles

from .choices import MembershipRole


def apply_blockers(user, challenge, today: date) -> list[str]:
    """Why ``user`` cannot apply to ``challenge`` yet, in words for that person; empty when
    nothing known so far stands in the way. Team rules join in with the apply flow."""
    reasons = []
    if challenge.status != "open" or not challenge.live:
        reasons.append(_("This challenge is not open for applications."))
    elif today > challenge.application_deadline:
        reasons.append(_("The deadline for applications has passed."))
    if not getattr(user, "is_authenticated", False):
        reasons.append(_("Log in with your student account to apply."))
    elif not user_roles(user).is_student:
        reasons.append(
            _("Only students can apply: add and confirm the e-mail address of your school, college or university.")
        )
    return reasons


def can_post_challenge(user) -> bool:
    """Anyone with a confirmed e-mail address may post a question from their street."""
    from allauth.account.models import EmailAddress

    return bool(getattr(user, "is_authenticated", False)) and EmailAddress.objects.filter(
        user=user, verified=True
    ).exists()


def can_post_for_organisation(user, organisation) -> bool:
    return organisation.memberships.filter(user=user).exists()


def can_manage_organisation(user, organisation) -> bool:
    """Administrators of an organisation invite colleagues and manage its members."""
    if not getattr(user, "is_authenticated", False):
        return False
    return organisation.memberships.filter(user=user, role=MembershipRole.ADMIN).exists()


def can_manage_challenge(user, challenge) -> bool:
    """The poster, or any member of the organisation it was posted for."""
    if not getattr(user, "is_authenticated", False):
        return False
    if challenge.posted_by_id == user.pk:
        return True
    return challenge.organisation_id is not None and challenge.organisation.memberships.filter(user=user).exists()
