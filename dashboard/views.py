"""My page: what needs the person first, then their roles, teams, challenges and projects."""

from allauth.account.models import EmailAddress
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from accounts.selectors import institution_login_connections, institution_login_enabled, user_roles
from cms.selectors import stories_to_sign_off
from marketplace.selectors.applications import applications_awaiting_endorsement
from marketplace.selectors.calendars import calendar_feed_for
from marketplace.selectors.challenges import challenges_for_poster
from marketplace.selectors.follows import follows_for
from marketplace.selectors.matching import for_you
from marketplace.selectors.organisations import memberships_for_user, organisation_invitations_for
from marketplace.selectors.projects import projects_for_user
from marketplace.selectors.teams import supervised_teams, supervision_requests_for, team_invitations_for, teams_for_user

# The best fitting challenges My page shows per team; the page "For you" shows up to the limit.
FOR_YOU_ON_MY_PAGE = 3
FOR_YOU_PAGE_LIMIT = 50


@login_required
def my_page(request):
    challenges = challenges_for_poster(request.user)
    roles = user_roles(request.user)
    context = {
        "to_decide": [challenge for challenge in challenges if challenge.awaiting_decision],
        "stories_to_sign_off": stories_to_sign_off(request.user),
        "roles": roles,
        "memberships": memberships_for_user(request.user),
        "challenges": challenges,
        "team_memberships": teams_for_user(request.user),
        "team_invitations": team_invitations_for(request.user),
        "organisation_invitations": organisation_invitations_for(request.user),
        "supervision_requests": supervision_requests_for(request.user),
        "endorsements": applications_awaiting_endorsement(request.user),
        "supervised": supervised_teams(request.user),
        "projects": projects_for_user(request.user),
        "follows": follows_for(request.user),
        "has_unverified_email": EmailAddress.objects.filter(user=request.user, verified=False).exists(),
        "institution_login": institution_login_enabled(),
        "institution_logins": institution_login_connections(request.user),
        "calendar_feed": calendar_feed_for(request.user),
        "for_you": for_you(request.user, timezone.localdate(), shown=FOR_YOU_ON_MY_PAGE) if roles.is_student else [],
        "for_you_shown": FOR_YOU_ON_MY_PAGE,
    }
    return render(request, "dashboard/my_page.html", context)


@login_required
def for_you_page(request):
    """Every open challenge that fits each of the student's teams (or them, without a team), and
    those that share something with it but that it cannot apply to, with the reasons."""
    roles = user_roles(request.user)
    context = {
        "roles": roles,
        "for_you": for_you(request.user, timezone.localdate(), shown=FOR_YOU_PAGE_LIMIT) if roles.is_student else [],
        "limit": FOR_YOU_PAGE_LIMIT,
    }
    return render(request, "dashboard/for_you.html", context)
