from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.uploads import accepts_uploads, upload_refusal
from core.views import domain_errors, form_errors, get_allowed_or_404, user_passes_or_404
from marketplace.choices import ApplicationStatus
from marketplace.forms.applications import DecisionForm
from marketplace.forms.challenges import ChallengeForm
from marketplace.forms.projects import ReasonForm
from marketplace.models import ChallengePage
from marketplace.models.projects import RUNNING_PROJECT_STATUSES
from marketplace.permissions import apply_blockers, can_manage_challenge, can_post_challenge
from marketplace.selectors.applications import applications_for_owner
from marketplace.selectors.challenges import challenge_in_review, challenge_taken_places, similar_challenges
from marketplace.selectors.messages import application_threads
from marketplace.services.challenges import (
    challenge_close,
    challenge_draft,
    challenge_follow_up,
    challenge_save_draft,
    challenge_submit,
)

ACTIONS = {"draft", "preview", "submit"}


def challenges_with_organisation():
    """The challenges as the owner's pages load them, with the organisation that
    ``can_manage_challenge`` reads. Someone who may not manage one gets 404, so that others
    cannot even tell that a draft exists."""
    return ChallengePage.objects.select_related("organisation")


def _save(request, form, challenge=None):
    """Save the form as a draft, then preview or submit it; form errors stay on the form."""
    action = request.POST.get("action", "draft")
    with form_errors(form) as outcome:
        try:
            saved = challenge_save_draft(
                actor=request.user,
                data=form.challenge_data(),
                photo=form.cleaned_data.get("photo"),
                photo_alt=form.cleaned_data.get("photo_alt", ""),
                challenge=challenge,
            )
        except ValidationError as error:
            # The photo failed the image checks; Django's own message, under the photo field.
            form.add_error("photo", error)
            return None
    if outcome.failed:
        return None
    if action == "preview":
        return redirect("marketplace:challenge_preview", pk=saved.pk)
    if action == "submit":
        challenge_submit(challenge=saved, actor=request.user)
        messages.success(
            request,
            _("Thank you! Your challenge has been sent to the editors. We e-mail you when they have looked at it."),
        )
        return redirect("dashboard:my_page")
    messages.success(request, _("Your draft has been saved. You can come back to it from My page."))
    return redirect("marketplace:challenge_edit", pk=saved.pk)


@login_required
@user_passes_or_404(can_post_challenge)
@accepts_uploads(ChallengeForm.upload_limits)
def challenge_new(request):
    form = ChallengeForm(
        request.POST or None, request.FILES or None, user=request.user, upload_refusal=upload_refusal(request)
    )
    if request.method == "POST" and form.is_valid():
        response = _save(request, form)
        if response is not None:
            return response
    return render(request, "marketplace/challenge_form.html", {"form": form, "challenge": None})


@login_required
@accepts_uploads(ChallengeForm.upload_limits)
def challenge_edit(request, pk):
    challenge = get_allowed_or_404(challenges_with_organisation(), can_manage_challenge, request.user, pk=pk)
    draft = challenge_draft(challenge)
    if challenge_in_review(challenge):
        return render(request, "marketplace/challenge_form.html", {"form": None, "challenge": draft, "in_review": True})
    has_photo = bool(list(draft.images.all()))
    form = ChallengeForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        has_photo=has_photo,
        initial=ChallengeForm.initial_from(draft),
        upload_refusal=upload_refusal(request),
    )
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, challenge=challenge)
        if response is not None:
            return response
    return render(request, "marketplace/challenge_form.html", {"form": form, "challenge": draft})


@login_required
@user_passes_or_404(can_post_challenge)
def challenge_similar(request):
    """Live challenges like the title being typed, as a fragment for the posting form's script."""
    title = request.GET.get("title", "")[:255]
    exclude = request.GET.get("exclude")
    challenges = similar_challenges(title, exclude_pk=int(exclude) if exclude and exclude.isdigit() else None)
    return render(request, "marketplace/includes/similar_challenges.html", {"similar": challenges})


@login_required
def challenge_preview(request, pk):
    challenge = get_allowed_or_404(challenges_with_organisation(), can_manage_challenge, request.user, pk=pk)
    draft = challenge_draft(challenge)
    context = {
        "similar": [] if challenge.live else similar_challenges(draft.title, exclude_pk=challenge.pk),
        "page": draft,
        "self": draft,
        "preview": True,
        "in_review": challenge_in_review(challenge),
        "images": list(draft.images.all()),
        "themes": list(draft.themes.all()),
        "apply_blockers": apply_blockers(request.user, draft, timezone.localdate()),
    }
    return render(request, "marketplace/challenge_page.html", context)


@login_required
@require_POST
def challenge_submit_view(request, pk):
    challenge = get_allowed_or_404(challenges_with_organisation(), can_manage_challenge, request.user, pk=pk)
    with domain_errors(request) as outcome:
        challenge_submit(challenge=challenge, actor=request.user)
    if outcome.failed:
        return redirect("marketplace:challenge_preview", pk=challenge.pk)
    messages.success(
        request, _("Thank you! Your challenge has been sent to the editors. We e-mail you when they have looked at it.")
    )
    return redirect("dashboard:my_page")


def decision_form(application, data=None) -> DecisionForm:
    return DecisionForm(data, prefix=f"application-{application.pk}")


def render_manage_page(request, challenge, *, bound: DecisionForm | None = None, bound_pk: int | None = None):
    applications, preparing = applications_for_owner(challenge)
    application_threads(applications, request.user)
    placed = False
    for application in applications:
        if application.can_decide():
            placed = placed or application.pk == bound_pk
            application.form = bound if application.pk == bound_pk else decision_form(application)
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
        "free": challenge.free_places(taken),
        "waiting": sum(1 for a in applications if a.status == ApplicationStatus.SUBMITTED),
        "can_accept": challenge.can_accept_team(taken),
        "projects": list(challenge.projects.select_related("team").order_by("created_at", "pk")),
        "can_close": challenge.can_close(),
    }
    return render(request, "marketplace/challenge_manage.html", context)


@login_required
def challenge_manage(request, pk):
    return render_manage_page(
        request, get_allowed_or_404(challenges_with_organisation(), can_manage_challenge, request.user, pk=pk)
    )


@login_required
def challenge_close_view(request, pk):
    """Close without result, with a reason that is shown on the challenge as it is."""
    challenge = get_allowed_or_404(challenges_with_organisation(), can_manage_challenge, request.user, pk=pk)
    if not challenge.can_close():
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            challenge_close(challenge=challenge, actor=request.user, reason=form.cleaned_data["reason"])
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
    challenge = get_allowed_or_404(challenges_with_organisation(), can_manage_challenge, request.user, pk=pk)
    with domain_errors(request) as outcome:
        draft = challenge_follow_up(challenge=challenge, actor=request.user)
    if outcome.failed:
        return redirect("marketplace:challenge_manage", pk=challenge.pk)
    messages.success(
        request,
        _("A follow-up has been drafted with the same question and new dates. Check it, then send it to the "
          "editors. The next team will find what this team delivered."),
    )
    return redirect("marketplace:challenge_edit", pk=draft.pk)

