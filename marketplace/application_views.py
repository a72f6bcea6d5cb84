"""A team applies to a challenge; its supervisor endorses; the team can withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .choices import TeamRole
from .forms import ApplicationForm, EndorsementForm
from .models import Application, ChallengePage, TeamMembership
from .permissions import application_blockers, can_manage_challenge, can_view_application
from .selectors import application_history, team_members, team_mix
from .services import (
    MarketplaceError,
    application_endorse,
    application_resubmit,
    application_send_back,
    application_submit,
    application_withdraw,
)
from .services.applications import APPLICATION_FIELDS


def _application_for(request, pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("team", "challenge", "supervisor", "submitted_by"), pk=pk
    )
    if not can_view_application(request.user, application):
        raise Http404
    return application


@login_required
def application_new(request, challenge_pk):
    """Choose the team, see at once whether it may apply and why not, then write."""
    challenge = get_object_or_404(ChallengePage.objects.live(), pk=challenge_pk)
    leads = list(
        TeamMembership.objects.filter(user=request.user, role=TeamRole.LEAD)
        .select_related("team")
        .order_by("team__name")
    )
    chosen = None
    if len(leads) == 1:
        chosen = leads[0].team
    elif request.GET.get("team") or request.POST.get("team"):
        team_pk = request.GET.get("team") or request.POST.get("team")
        chosen = next((m.team for m in leads if str(m.team_id) == team_pk), None)
    today = timezone.localdate()
    blockers = application_blockers(request.user, challenge, chosen, today) if chosen else []
    form = None
    if chosen and not blockers:
        initial = {"period_start": challenge.period_start, "period_end": challenge.period_end}
        form = ApplicationForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                application = application_submit(
                    challenge=challenge, team=chosen, actor=request.user, data=form.cleaned_data
                )
            except MarketplaceError as error:
                form.add_error(None, str(error))
            else:
                if application.supervisor_id:
                    messages.success(
                        request,
                        _("Your application has been sent to %(name)s, your supervisor, to endorse.")
                        % {"name": application.supervisor.display_name},
                    )
                else:
                    messages.success(request, _("Your application has been sent to the challenge owner."))
                return redirect(application)
    members = team_members(chosen) if chosen else []
    context = {
        "challenge": challenge,
        "leads": leads,
        "team": chosen,
        "members": members,
        "mix": team_mix(members),
        "blockers": blockers,
        "form": form,
    }
    return render(request, "marketplace/application_form.html", context)


@login_required
def application_detail(request, pk):
    application = _application_for(request, pk)
    members = team_members(application.team)
    is_lead = any(m.user_id == request.user.pk and m.role == TeamRole.LEAD for m in members)
    context = {
        "application": application,
        "challenge": application.challenge,
        "members": members,
        "mix": team_mix(members),
        "history": application_history(application),
        "is_lead": is_lead,
        "is_supervisor": application.supervisor_id == request.user.pk,
        "is_owner": can_manage_challenge(request.user, application.challenge),
        "endorsement_form": EndorsementForm() if application.supervisor_id == request.user.pk else None,
    }
    return render(request, "marketplace/application_detail.html", context)


@login_required
def application_edit(request, pk):
    """The team changes an application its supervisor sent back, and asks again."""
    application = _application_for(request, pk)
    if not application.can_resubmit() or not application.team.memberships.filter(
        user=request.user, role=TeamRole.LEAD
    ).exists():
        raise Http404
    initial = {name: getattr(application, name) for name in APPLICATION_FIELDS}
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            application_resubmit(application=application, actor=request.user, data=form.cleaned_data)
        except MarketplaceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your changed application has been sent to your supervisor again."))
            return redirect(application)
    context = {"challenge": application.challenge, "team": application.team, "form": form, "application": application}
    return render(request, "marketplace/application_form.html", context)


@login_required
@require_POST
def application_endorse_view(request, pk):
    application = _application_for(request, pk)
    if application.supervisor_id != request.user.pk:
        raise Http404
    form = EndorsementForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if request.POST.get("decision") == "endorse":
            application_endorse(application=application, actor=request.user, note=note)
            messages.success(request, _("You endorsed the application; it is now with the challenge owner."))
        elif request.POST.get("decision") == "send_back":
            application_send_back(application=application, actor=request.user, note=note)
            messages.success(request, _("You sent the application back to the team with your note."))
        else:
            raise Http404
    except MarketplaceError as error:
        messages.error(request, str(error))
    return redirect(application)


@login_required
@require_POST
def application_withdraw_view(request, pk):
    application = _application_for(request, pk)
    try:
        application_withdraw(application=application, actor=request.user)
    except MarketplaceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your team's application has been withdrawn."))
    return redirect(application)
