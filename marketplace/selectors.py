from .models import OrganisationMembership


def memberships_for_user(user):
    if not user.is_authenticated:
        return OrganisationMembership.objects.none()
    return OrganisationMembership.objects.filter(user=user).select_related("organisation")


def challenge_list(
    *,
    parent=None,
    q: str = "",
    theme=None,
    neighbourhood=None,
    level: str = "",
    status: str = "",
    language: str = "",
    mixed: bool = False,
    sort: str = "",
):
    """Live challenges for the index, filtered and sorted, with everything a card shows
    fetched in a fixed number of queries."""
    from django.db.models import Prefetch

    from .choices import ChallengeSort
    from .models import ChallengePage, ChallengePageImage

    challenges = ChallengePage.objects.live()
    if parent is not None:
        challenges = challenges.child_of(parent)
    if theme is not None:
        challenges = challenges.filter(themes=theme)
    if neighbourhood is not None:
        challenges = challenges.filter(neighbourhood=neighbourhood)
    if level:
        challenges = challenges.filter(**{f"level_{level}": True})
    if status:
        challenges = challenges.filter(status=status)
    if language:
        field = "can_be_done_in_dutch" if language == "nl" else "can_be_done_in_english"
        challenges = challenges.filter(**{field: True})
    if mixed:
        challenges = challenges.filter(mixed_institutions_required=True)
    if q:
        # Search on its own, then filter by the matches: the search backends cannot filter on
        # many-to-many fields such as themes.
        matches = ChallengePage.objects.live().search(q, fields=None, operator="and")
        challenges = challenges.filter(pk__in=[page.pk for page in matches])
    order = ("application_deadline", "pk") if sort == ChallengeSort.DEADLINE else ("-first_published_at", "-pk")
    return (
        challenges.order_by(*order)
        .distinct()
        .select_related("neighbourhood", "organisation", "posted_by")
        .prefetch_related(
            "themes",
            Prefetch(
                "images",
                queryset=ChallengePageImage.objects.order_by("sort_order").select_related("image")
                .prefetch_related("image__renditions"),
            ),
        )
    )
