from .models import OrganisationMembership


def memberships_for_user(user):
    if not user.is_authenticated:
        return OrganisationMembership.objects.none()
    return OrganisationMembership.objects.filter(user=user).select_related("organisation")
