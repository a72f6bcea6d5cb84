"""A project: what an accepted application became. Its people see it, with the owner's private
contact details; nobody else learns it exists."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Project
from .permissions import challenge_access
from .selectors import team_members, team_mix


@login_required
def project_detail(request, pk):
    project = get_object_or_404(
        Project.objects.select_related("challenge", "team", "supervisor", "application"), pk=pk
    )
    access = challenge_access(request.user, project.challenge)
    members = team_members(project.team)
    is_team_or_supervisor = project.supervisor_id == request.user.pk or any(
        member.user_id == request.user.pk for member in members
    )
    if not (is_team_or_supervisor or access.can_manage):
        raise Http404
    context = {
        "project": project,
        "challenge": project.challenge,
        "access": access,
        "is_team_or_supervisor": is_team_or_supervisor,
        "members": members,
        "mix": team_mix(members),
    }
    return render(request, "marketplace/project_detail.html", context)
