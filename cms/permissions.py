from marketplace.permissions import can_manage_challenge


def can_sign_off_story(user, sign_off) -> bool:
    """The people who manage the challenge a story was sent for sign-off about (its poster,
    the members of its organisation) answer for it. ``sign_off`` is an OwnerSignOffTaskState."""
    return sign_off is not None and sign_off.challenge is not None and can_manage_challenge(user, sign_off.challenge)
