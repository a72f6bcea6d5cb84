"""One function per rule about people."""

from accounts.selectors import user_roles


def can_decide_lecturers(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or user.has_perm("accounts.change_lecturerapproval")
    )


def can_edit_student_profile(user) -> bool:
    return user_roles(user).is_student


def mfa_required_for(user) -> bool:
    """Who must use two-step login: superusers, editors and knowledge brokers, who see and
    change the whole site, and approved lecturers, whose sign-off of hours becomes a grade."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    roles = user_roles(user)
    return roles.is_editor or roles.is_broker or roles.is_lecturer
