"""The owner's side of a challenge: compare the applications side by side and decide, follow the
projects, close the challenge without result or continue it in a next semester."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import domain_errors, form_errors, get_allowed_or_404
from marketplace.choices import ChallengeStatus, TeamRole
from marketplace.forms.applications import ApplicationForm, EndorsementForm
from marketplace.forms.messages import MessageForm
from marketplace.models import Application, ChallengePage, TeamMembership
from marketplace.permissions import (
    application_blockers,
    application_conversation_access,
    can_endorse_application,
    can_lead_team,
    can_manage_challenge,
    can_view_application,
    leads_among,
)
from marketplace.selectors.applications import application_history
from marketplace.selectors.messages import conversation_thread
from marketplace.selectors.teams import team_members, team_mix
from marketplace.services.applications import (
    APPLICATION_FIELDS,
    application_accept,
    application_decline,
    application_endorse,
    application_resubmit,
    application_send_back,
    application_submit,
    application_withdraw,
)
from marketplace.services.messages import conversation_mark_read
from marketplace.views.challenges import challenges_with_organisation, decision_form, render_manage_page


@login_required
@require_POST
def application_decide(request, pk, application_pk):
    challenge = get_allowed_or_404(challenges_with_organisation(), can_manage_challenge, request.user, pk=pk)
    # Only applications that reached the owner: one still with the team is none of theirs yet.
    application = get_object_or_404(
        Application.objects.select_related("team"), pk=application_pk, challenge=challenge, submitted_at__isnull=False
    )
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        raise Http404
    form = decision_form(application, request.POST)
    if not form.is_valid():
        return render_manage_page(request, challenge, bound=form, bound_pk=application.pk)
    message = form.cleaned_data["message"]
    with form_errors(form) as outcome:
        if decision == "accept":
            application_accept(application=application, actor=request.user, message=message)
        else:
            application_decline(application=application, actor=request.user, message=message)
    if outcome.failed:
        return render_manage_page(request, challenge, bound=form, bound_pk=application.pk)
    if decision == "accept":
        challenge.refresh_from_db(fields=["status"])
        messages.success(
            request,
            _("You have chosen %(team)s. The team and its supervisor have been told and can now see your contact "
              "details.") % {"team": application.team.name},
        )
        if challenge.status == ChallengeStatus.IN_PROGRESS:
            messages.info(
                request,
                _("All places are taken: the challenge is now in progress, and the teams still waiting have been "
                  "told kindly that it is full."),
            )
    else:
        messages.success(
            request, _("You have declined the application of %(team)s. The team has been told.")
            % {"team": application.team.name},
        )
    return redirect("marketplace:challenge_manage", pk=challenge.pk)


def applications_with_people():
    """The applications as their pages load them: with the team, the challenge, the supervisor
    and who sent it, which ``can_view_application`` and the pages read."""
    return Application.objects.select_related("team", "challenge", "supervisor", "submitted_by")


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
            with form_errors(form):
                application = application_submit(
                    challenge=challenge, team=chosen, actor=request.user, data=form.cleaned_data
                )
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
    application = get_allowed_or_404(applications_with_people(), can_view_application, request.user, pk=pk)
    return render_application(request, application)


def render_application(request, application, *, message_form: MessageForm | None = None):
    """The application's page, with its questions and answers; ``message_form``: a message that
    could not be sent, with what was typed."""
    members = team_members(application.team)
    is_lead = leads_among(request.user, members)
    conversation, thread = conversation_thread(application=application, user=request.user)
    conversation_access = application_conversation_access(request.user, application, asked=conversation is not None)
    if message_form is None and conversation_access.can_write:
        message_form = MessageForm()
    if request.method == "GET" and conversation is not None and conversation_access.can_read:
        conversation_mark_read(conversation=conversation, user=request.user)
    context = {
        "application": application,
        "challenge": application.challenge,
        "members": members,
        "mix": team_mix(members),
        "history": application_history(application),
        "is_lead": is_lead,
        "is_supervisor": can_endorse_application(request.user, application),
        "is_owner": can_manage_challenge(request.user, application.challenge),
        "endorsement_form": EndorsementForm() if can_endorse_application(request.user, application) else None,
        "conversation_access": conversation_access,
        "thread": thread,
        "form": message_form,
    }
    return render(request, "marketplace/application_detail.html", context)


@login_required
def application_edit(request, pk):
    """The team changes an application its supervisor sent back, and asks again."""
    application = get_allowed_or_404(applications_with_people(), can_view_application, request.user, pk=pk)
    if not application.can_resubmit() or not can_lead_team(request.user, application.team):
        raise Http404
    initial = {name: getattr(application, name) for name in APPLICATION_FIELDS}
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            application_resubmit(application=application, actor=request.user, data=form.cleaned_data)
            messages.success(request, _("Your changed application has been sent to your supervisor again."))
            return redirect(application)
    context = {"challenge": application.challenge, "team": application.team, "form": form, "application": application}
    return render(request, "marketplace/application_form.html", context)


@login_required
@require_POST
def application_endorse_view(request, pk):
    application = get_allowed_or_404(applications_with_people(), can_endorse_application, request.user, pk=pk)
    form = EndorsementForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    with domain_errors(request):
        if request.POST.get("decision") == "endorse":
            application_endorse(application=application, actor=request.user, note=note)
            messages.success(request, _("You endorsed the application; it is now with the challenge owner."))
        elif request.POST.get("decision") == "send_back":
            application_send_back(application=application, actor=request.user, note=note)
            messages.success(request, _("You sent the application back to the team with your note."))
        else:
            raise Http404
    return redirect(application)


@login_required
@require_POST
def application_withdraw_view(request, pk):
    application = get_allowed_or_404(applications_with_people(), can_view_application, request.user, pk=pk)
    with domain_errors(request):
        application_withdraw(application=application, actor=request.user)
        messages.success(request, _("Your team's application has been withdrawn."))
    return redirect(application)

