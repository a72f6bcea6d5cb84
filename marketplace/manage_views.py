"""The owner's side of a challenge: compare the applications side by side and decide, follow the
projects, close the challenge without result or continue it in a next semester."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .choices import ApplicationStatus, ChallengeStatus
from .forms import DecisionForm
from .models import Application
from .models.projects import RUNNING_PROJECT_STATUSES
from .project_forms import ReasonForm
from .selectors import applications_for_owner, challenge_taken_places
from .services import (
    MarketplaceError,
    application_accept,
    application_decline,
    challenge_close,
    challenge_follow_up,
)
from .views import _managed_challenge  # the one place that says who manages a challenge (404 for others)


def _form(application, data=None) -> DecisionForm:
    return DecisionForm(data, prefix=f"application-{application.pk}")


def _render(request, challenge, *, bound: DecisionForm | None = None, bound_pk: int | None = None):
    applications, preparing = applications_for_owner(challenge)
    placed = False
    for application in applications:
        if application.can_decide():
            placed = placed or application.pk == bound_pk
            application.form = bound if application.pk == bound_pk else _form(application)
    if bound is not None and not placed:
        # Decided meanwhile (say, by a colleague): the card has no form left to show why.
        for error in bound.non_field_errors():
            messages.error(request, error)
    taken = challenge_taken_places(challenge)
    context = {
        "challenge": challenge,
        "applications": applications,
        "preparing": preparing,
        "taken": taken,
        "free": max(challenge.team_capacity - taken, 0),
        "waiting": sum(1 for a in applications if a.status == ApplicationStatus.SUBMITTED),
        "can_accept": challenge.live and challenge.status == ChallengeStatus.OPEN and taken < challenge.team_capacity,
        "projects": list(challenge.projects.select_related("team").order_by("created_at", "pk")),
        "can_close": challenge.can_close(),
    }
    return render(request, "marketplace/challenge_manage.html", context)


@login_required
def challenge_manage(request, pk):
    return _render(request, _managed_challenge(request, pk))


@login_required
@require_POST
def application_decide(request, pk, application_pk):
    challenge = _managed_challenge(request, pk)
    # Only applications that reached the owner: one still with the team is none of theirs yet.
    application = get_object_or_404(
        Application.objects.select_related("team"), pk=application_pk, challenge=challenge, submitted_at__isnull=False
    )
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        raise Http404
    form = _form(application, request.POST)
    if not form.is_valid():
        return _render(request, challenge, bound=form, bound_pk=application.pk)
    message = form.cleaned_data["message"]
    try:
        if decision == "accept":
            application_accept(application=application, actor=request.user, message=message)
        else:
            application_decline(application=application, actor=request.user, message=message)
    except MarketplaceError as error:
        form.add_error(None, str(error))
        return _render(request, challenge, bound=form, bound_pk=application.pk)
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


@login_required
def challenge_close_view(request, pk):
    """Close without result, with a reason that is shown on the challenge as it is."""
    challenge = _managed_challenge(request, pk)
    if not challenge.can_close():
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            challenge_close(challenge=challenge, actor=request.user, reason=form.cleaned_data["reason"])
        except MarketplaceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The challenge is closed. Everyone involved has been told."))
            return redirect("marketplace:challenge_manage", pk=challenge.pk)
    running = challenge.projects.filter(status__in=RUNNING_PROJECT_STATUSES).count()
    return render(
        request, "marketplace/challenge_close.html", {"challenge": challenge, "form": form, "running": running}
    )


@login_required
@require_POST
def challenge_follow_up_view(request, pk):
    """A new draft that continues a completed challenge; the owner checks it before sending it
    to the editors."""
    challenge = _managed_challenge(request, pk)
    try:
        draft = challenge_follow_up(challenge=challenge, actor=request.user)
    except MarketplaceError as error:
        messages.error(request, str(error))
        return redirect("marketplace:challenge_manage", pk=challenge.pk)
    messages.success(
        request,
        _("A follow-up has been drafted with the same question and new dates. Check it, then send it to the "
          "editors. The next team will find what this team delivered."),
    )
    return redirect("marketplace:challenge_edit", pk=draft.pk)
