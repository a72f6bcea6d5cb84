from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import ChallengeForm
from .models import ChallengePage
from .permissions import apply_blockers, can_manage_challenge, can_post_challenge
from .selectors import challenge_in_review, similar_challenges
from .services import MarketplaceError, challenge_draft, challenge_save_draft, challenge_submit

ACTIONS = {"draft", "preview", "submit"}


def _managed_challenge(request, pk) -> ChallengePage:
    """The challenge, if this person may manage it; 404 otherwise, so that others cannot
    even tell that a draft exists."""
    challenge = get_object_or_404(ChallengePage.objects.select_related("organisation"), pk=pk)
    if not can_manage_challenge(request.user, challenge):
        raise Http404
    return challenge


def _save(request, form, challenge=None):
    """Save the form as a draft, then preview or submit it; form errors stay on the form."""
    action = request.POST.get("action", "draft")
    try:
        saved = challenge_save_draft(
            actor=request.user,
            data=form.challenge_data(),
            photo=form.cleaned_data.get("photo"),
            photo_alt=form.cleaned_data.get("photo_alt", ""),
            challenge=challenge,
        )
    except ValidationError as error:
        form.add_error("photo", error)
        return None
    except MarketplaceError as error:
        form.add_error(None, str(error))
        return None
    if action == "preview":
        return redirect("marketplace:challenge_preview", pk=saved.pk)
    if action == "submit":
        challenge_submit(challenge=saved, actor=request.user)
        messages.success(
            request,
            _("Thank you! Your challenge has been sent to the editors. We e-mail you when they have looked at it."),
        )
        return redirect("accounts:my_page")
    messages.success(request, _("Your draft has been saved. You can come back to it from My page."))
    return redirect("marketplace:challenge_edit", pk=saved.pk)


@login_required
def challenge_new(request):
    if not can_post_challenge(request.user):
        raise Http404
    form = ChallengeForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        response = _save(request, form)
        if response is not None:
            return response
    return render(request, "marketplace/challenge_form.html", {"form": form, "challenge": None})


@login_required
def challenge_edit(request, pk):
    challenge = _managed_challenge(request, pk)
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
    )
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, challenge=challenge)
        if response is not None:
            return response
    return render(request, "marketplace/challenge_form.html", {"form": form, "challenge": draft})


@login_required
def challenge_similar(request):
    """Live challenges like the title being typed, as a fragment for the posting form's script."""
    if not can_post_challenge(request.user):
        raise Http404
    title = request.GET.get("title", "")[:255]
    exclude = request.GET.get("exclude")
    challenges = similar_challenges(title, exclude_pk=int(exclude) if exclude and exclude.isdigit() else None)
    return render(request, "marketplace/includes/similar_challenges.html", {"similar": challenges})


@login_required
def challenge_preview(request, pk):
    challenge = _managed_challenge(request, pk)
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
    challenge = _managed_challenge(request, pk)
    try:
        challenge_submit(challenge=challenge, actor=request.user)
    except MarketplaceError as error:
        messages.error(request, str(error))
        return redirect("marketplace:challenge_preview", pk=challenge.pk)
    messages.success(
        request, _("Thank you! Your challenge has been sent to the editors. We e-mail you when they have looked at it.")
    )
    return redirect("accounts:my_page")
