"""One function per rule about people."""

from accounts.selectors import user_roles


def can_decide_lecturers(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or user.has_perm("accounts.change_lecturerapproval")
    )


def can_edit_student_profile(user) -> bool:
    return user_roles(user).is_student
