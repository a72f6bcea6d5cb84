"""Student teams: forming one, inviting team-mates, leads, and asking a lecturer to supervise."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.selectors import approved_lecturers
from core.views import domain_errors, form_errors, get_access_or_404, get_allowed_or_404
from marketplace.choices import SupervisionStatus, TeamRole
from marketplace.forms.teams import (
    LecturerSearchForm,
    SupervisionAnswerForm,
    SupervisionRequestForm,
    TeamForm,
    TeamInviteForm,
)
from marketplace.models import Supervision, Team, TeamInvitation, TeamMembership
from marketplace.permissions import can_answer_supervision, can_create_team, is_team_member, team_access
from marketplace.selectors.applications import applications_of_team
from marketplace.selectors.teams import team_members, team_mix, team_supervisor, teams_for_user
from marketplace.services.teams import (
    supervision_accept,
    supervision_decline,
    supervision_end,
    supervision_request,
    supervision_withdraw,
    team_create,
    team_invitation_accept,
    team_invitation_for_token,
    team_invitation_revoke,
    team_invite_email,
    team_join,
    team_lead_hand_over,
    team_link_create,
    team_member_remove,
    team_member_set_role,
    team_update,
)

LECTURERS_PER_PAGE = 20


def _back(team):
    return redirect("teams:detail", pk=team.pk)


@login_required
def team_list(request):
    return render(
        request,
        "marketplace/team_list.html",
        {"memberships": teams_for_user(request.user), "may_create": can_create_team(request.user)},
    )


@login_required
def team_new(request):
    if not can_create_team(request.user):
        return render(request, "marketplace/team_not_student.html", status=403)
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            team = team_create(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Your team has been formed. Invite your team-mates below."))
            return _back(team)
    return render(request, "marketplace/team_form.html", {"form": form, "team": None})


@login_required
def team_edit(request, pk):
    team, _access = get_access_or_404(Team, team_access, request.user, needs="is_lead", pk=pk)
    initial = {
        "name": team.name,
        "description": team.description,
        "skills": team.skills,
        "language": team.language,
        "themes": list(team.themes.all()),
    }
    form = TeamForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            team_update(team=team, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The team has been saved."))
            return _back(team)
    return render(request, "marketplace/team_form.html", {"form": form, "team": team})


@login_required
def team_detail(request, pk):
    team, access = get_access_or_404(Team, team_access, request.user, needs="can_view", pk=pk)
    members = team_members(team)
    now = timezone.now()
    invite_form = TeamInviteForm(request.POST or None) if access.is_lead else None
    if request.method == "POST":
        if not access.is_lead:
            raise Http404
        if invite_form.is_valid():
            with form_errors(invite_form, "email"):
                invitation = team_invite_email(team=team, actor=request.user, email=invite_form.cleaned_data["email"])
                messages.success(
                    request,
                    _("We have sent an invitation to %(email)s. It works for 7 days.") % {"email": invitation.email},
                )
                return _back(team)
    leads = [member for member in members if member.role == TeamRole.LEAD]
    context = {
        "team": team,
        "access": access,
        "members": members,
        # The only lead of a team with others in it hands over before leaving.
        "sole_lead": leads[0] if len(leads) == 1 and len(members) > 1 else None,
        "mix": team_mix(members),
        "supervision": team_supervisor(team),
        "applications": applications_of_team(team) if access.is_member or access.is_supervisor else [],
        "invite_form": invite_form,
        "answer_form": SupervisionAnswerForm() if access.request else None,
    }
    if access.is_lead:
        invitations = list(team.invitations.filter(revoked_at__isnull=True, accepted_at__isnull=True))
        link = next((i for i in invitations if i.is_link and i.is_usable(now)), None)
        context.update(
            link=link,
            link_url=request.build_absolute_uri(reverse("teams:join", args=[link.link_token])) if link else "",
            email_invitations=[i for i in invitations if not i.is_link],
            open_requests=list(team.supervisions.filter(status=SupervisionStatus.REQUESTED).select_related("lecturer")),
            now=now,
        )
    return render(request, "marketplace/team_detail.html", context)


@login_required
@require_POST
def team_link_new(request, pk):
    team, _access = get_access_or_404(Team, team_access, request.user, needs="is_lead", pk=pk)
    team_link_create(team=team, actor=request.user)
    messages.success(request, _("There is a new link to share. The previous link no longer works."))
    return _back(team)


@login_required
@require_POST
def team_invitation_withdraw(request, pk, invitation_pk):
    team, _access = get_access_or_404(Team, team_access, request.user, needs="is_lead", pk=pk)
    invitation = get_object_or_404(TeamInvitation, pk=invitation_pk, team=team)
    team_invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(request, _("The invitation has been withdrawn."))
    return _back(team)


@login_required
@require_POST
def team_member_remove_view(request, pk, member_pk):
    team, _access = get_access_or_404(Team, team_access, request.user, needs="is_member", pk=pk)
    membership = get_object_or_404(TeamMembership.objects.select_related("user"), pk=member_pk, team=team)
    leaving = membership.user_id == request.user.pk
    with domain_errors(request) as outcome:
        team_member_remove(membership=membership, actor=request.user)
    if outcome.failed:
        return _back(team)
    if leaving:
        messages.success(request, _("You have left %(team)s.") % {"team": team.name})
        return redirect("teams:list")
    messages.success(request, _("%(name)s is no longer in the team.") % {"name": membership.user.display_name})
    return _back(team)


@login_required
@require_POST
def team_member_role_view(request, pk, member_pk):
    team, _access = get_access_or_404(Team, team_access, request.user, needs="is_lead", pk=pk)
    membership = get_object_or_404(TeamMembership.objects.select_related("user"), pk=member_pk, team=team)
    action = request.POST.get("action")
    with domain_errors(request):
        if action == "hand_over":
            team_lead_hand_over(team=team, actor=request.user, to=membership)
            messages.success(request, _("%(name)s is now the team's lead.") % {"name": membership.user.display_name})
        elif action in (TeamRole.LEAD, TeamRole.MEMBER):
            team_member_set_role(membership=membership, actor=request.user, role=action)
            messages.success(request, _("The team's roles have been changed."))
        else:
            raise Http404
    return _back(team)


@login_required
@require_POST
def team_invitation_accept_view(request, invitation_pk):
    """Join from My page, for invitations sent to one of the person's confirmed addresses."""
    invitation = get_object_or_404(TeamInvitation.objects.select_related("team"), pk=invitation_pk)
    if not invitation.email:
        raise Http404
    with domain_errors(request) as outcome:
        team_invitation_accept(invitation=invitation, user=request.user)
    if outcome.failed:
        return redirect("dashboard:my_page")
    messages.success(request, _("Welcome to %(team)s!") % {"team": invitation.team.name})
    return _back(invitation.team)


def team_join_view(request, token):
    """The invitation link. Anyone may open it; joining needs a student account (and, for an
    e-mail invitation, the invited address)."""
    invitation = team_invitation_for_token(token)
    if invitation is None:
        return render(request, "marketplace/team_join.html", {"invitation": None}, status=404)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        with domain_errors(request):
            team_join(token=token, user=request.user)
            messages.success(request, _("Welcome to %(team)s!") % {"team": invitation.team.name})
            return _back(invitation.team)
    now = timezone.now()
    context = {
        "invitation": invitation,
        "usable": invitation.is_usable(now),
        "already_member": is_team_member(request.user, invitation.team),
        "member_count": invitation.team.memberships.count(),
    }
    return render(request, "marketplace/team_join.html", context)


@login_required
def team_supervisor_search(request, pk):
    team, _access = get_access_or_404(Team, team_access, request.user, needs="is_lead", pk=pk)
    form = LecturerSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    paginator = Paginator(
        approved_lecturers(q=filters.get("q", ""), institution=filters.get("institution")), LECTURERS_PER_PAGE
    )
    page_obj = paginator.get_page(request.GET.get("pagina"))
    asked = set(team.supervisions.filter(status=SupervisionStatus.REQUESTED).values_list("lecturer_id", flat=True))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "team": team,
        "form": form,
        "page_obj": page_obj,
        "approvals": page_obj.object_list,
        "asked": asked,
        "query": query.urlencode(),
        "supervision": team_supervisor(team),
        "request_form": SupervisionRequestForm(),
    }
    return render(request, "marketplace/team_supervisor_search.html", context)


@login_required
@require_POST
def team_supervisor_ask(request, pk, lecturer_pk):
    team, _access = get_access_or_404(Team, team_access, request.user, needs="is_lead", pk=pk)
    lecturer = get_object_or_404(get_user_model(), pk=lecturer_pk)
    form = SupervisionRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your message is too long; keep it under 2000 characters."))
        return redirect("teams:supervisor_search", pk=team.pk)
    with domain_errors(request) as outcome:
        supervision_request(team=team, actor=request.user, lecturer=lecturer, message=form.cleaned_data["message"])
    if outcome.failed:
        return redirect("teams:supervisor_search", pk=team.pk)
    messages.success(
        request, _("We have asked %(name)s. You will hear when they answer.") % {"name": lecturer.display_name}
    )
    return _back(team)


@login_required
@require_POST
def supervision_answer_view(request, pk):
    supervision = get_allowed_or_404(
        Supervision.objects.select_related("team"), can_answer_supervision, request.user, pk=pk
    )
    form = SupervisionAnswerForm(request.POST)
    answer = form.cleaned_data["answer"] if form.is_valid() else ""
    with domain_errors(request):
        if request.POST.get("decision") == "accept":
            supervision_accept(supervision=supervision, actor=request.user, answer=answer)
            messages.success(request, _("You now supervise %(team)s.") % {"team": supervision.team.name})
        elif request.POST.get("decision") == "decline":
            supervision_decline(supervision=supervision, actor=request.user, answer=answer)
            messages.success(request, _("You have declined; the team has been told."))
        else:
            raise Http404
    supervision.refresh_from_db()
    if supervision.status == SupervisionStatus.ACCEPTED:
        return redirect("teams:detail", pk=supervision.team_id)
    return redirect("dashboard:my_page")  # a declined team's page is no longer theirs to see


@login_required
@require_POST
def supervision_withdraw_view(request, pk):
    supervision = get_object_or_404(Supervision.objects.select_related("team", "lecturer"), pk=pk)
    get_access_or_404(Team, team_access, request.user, needs="is_lead", pk=supervision.team_id)
    with domain_errors(request):
        supervision_withdraw(supervision=supervision, actor=request.user)
        messages.success(request, _("Your request to %(name)s has been withdrawn.")
                         % {"name": supervision.lecturer.display_name})
    return _back(supervision.team)


@login_required
@require_POST
def supervision_end_view(request, pk):
    supervision = get_object_or_404(Supervision.objects.select_related("team", "lecturer"), pk=pk)
    _team, access = get_access_or_404(
        Team, team_access, request.user, needs="can_end_supervision", pk=supervision.team_id
    )
    with domain_errors(request):
        supervision_end(supervision=supervision, actor=request.user)
        messages.success(request, _("The supervision has ended."))
    if access.is_supervisor:
        return redirect("dashboard:my_page")
    return _back(supervision.team)

