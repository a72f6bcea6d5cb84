"""The story pages' own views: the owner's sign-off on the site, and the team photos a story shows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cms.forms import StorySignOffForm
from cms.models import StoryPage
from cms.permissions import can_sign_off_story
from cms.services import story_sign_off
from core.pages import public
from core.views import form_errors
from marketplace.models import Attachment
from marketplace.permissions import can_view_attachment
from marketplace.views.files import serve


@require_safe
def story_photo(request, page_id, photo_id):
    """A team photo in a story: public while a live story shows it and the team still shares
    it; otherwise only for the people who may see the project's photos (the preview)."""
    photo = (
        Attachment.objects.select_related("entry", "project__challenge", "project__team").filter(pk=photo_id).first()
    )
    if photo is None or not photo.is_shared:
        raise Http404
    story = public(StoryPage.objects.live()).filter(pk=page_id).first()
    if story is not None and story.shows_photo(photo.pk):
        response = serve(photo, photo.file, inline=True)
        # Short: taken off the site or no longer shared, it should not linger in caches.
        response["Cache-Control"] = "public, max-age=300"
        response["Cross-Origin-Resource-Policy"] = "same-site"
        return response
    if can_view_attachment(request.user, photo):
        return serve(photo, photo.file, inline=True)
    raise Http404


@login_required
def sign_off(request, page_id):
    """The challenge's owner reads the version waiting for them and confirms it or asks for a
    change. Anyone else gets 404, as for a page that does not exist."""
    story = StoryPage.objects.filter(pk=page_id).first()
    sign_off = story.latest_owner_sign_off() if story is not None else None
    if not can_sign_off_story(request.user, sign_off):
        raise Http404
    current = story.get_owner_sign_off()
    waiting = current is not None and current.pk == sign_off.pk and story.owner_sign_off_is_current(sign_off)
    task_state = current if waiting else None
    if task_state is not None:
        # The version waiting for them; the hidden field always carries it, so after "the
        # editors changed it" the next answer is about the version now shown.
        revision = story.get_latest_revision()
    else:
        # Answered (or no longer theirs): the version they were asked about, never later drafts.
        revision = sign_off.revision
    preview = revision.as_object() if revision else story
    form = StorySignOffForm(request.POST or None)
    unsent_comment = ""
    if request.method == "POST" and task_state is None:
        # A colleague answered first: their own comment is shown back, not lost.
        unsent_comment = (request.POST.get("comment") or "").strip()
    elif request.method == "POST" and form.is_valid():
        with form_errors(form):
            story_sign_off(
                story=story,
                actor=request.user,
                confirm=form.cleaned_data["decision"] == StorySignOffForm.CONFIRM,
                comment=form.cleaned_data["comment"],
                revision_id=form.cleaned_data["revision"],
            )
            if form.cleaned_data["decision"] == StorySignOffForm.CONFIRM:
                messages.success(request, _("Thank you: the editors can now publish the story."))
            else:
                messages.success(request, _("Thank you: the editors will change the story and show it to you again."))
            return redirect("dashboard:my_page")
    return render(
        request,
        "cms/story_sign_off.html",
        {
            "story": story,
            "sign_off": sign_off,
            "page": preview,
            "form": form,
            "task_state": task_state,
            "revision_id": revision.pk if revision else "",
            "unsent_comment": unsent_comment,
        },
    )

