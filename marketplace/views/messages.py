"""Messages: the questions about an application (on its page; the owner's decision page shows
them too) and a project's conversation, and the files sent with them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.uploads import accepts_uploads, upload_refusal
from core.views import form_errors, get_access_or_404, get_allowed_or_404
from marketplace.forms.messages import MessageForm
from marketplace.models import MessageFile
from marketplace.permissions import (
    can_view_application,
    can_view_message_file,
    project_access,
    project_conversation_access,
)
from marketplace.selectors.messages import conversation_thread
from marketplace.services.messages import conversation_mark_read, message_send
from marketplace.views.applications import applications_with_people, render_application
from marketplace.views.files import serve_file, serve_thumbnail
from marketplace.views.projects import projects_with_people


def _message_form(request):
    return MessageForm(request.POST or None, request.FILES or None, upload_refusal=upload_refusal(request))


def _send(request, form, **about):
    """Send what ``form`` holds; the redirect to the new message, or None with the reason on the form."""
    with form_errors(form):
        message = message_send(
            actor=request.user,
            text=form.cleaned_data["text"],
            language=form.cleaned_data["language"],
            uploads=form.uploads,
            **about,
        )
        messages.success(request, _("Your message has been sent."))
        return redirect(message.get_absolute_url())
    return None


@login_required
@accepts_uploads(MessageForm.upload_limits)
def project_messages(request, pk):
    """The project's conversation, for its team, its supervisor and the challenge's owners."""
    project, access = get_access_or_404(projects_with_people(), project_access, request.user, needs="is_insider", pk=pk)
    conversation_access = project_conversation_access(access, project)
    form = _message_form(request) if conversation_access.can_write else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid() and (sent := _send(request, form, project=project)):
            return sent
    conversation, thread = conversation_thread(project=project, user=request.user)
    if request.method == "GET" and conversation is not None:
        conversation_mark_read(conversation=conversation, user=request.user)
    context = {
        "project": project,
        "challenge": project.challenge,
        "access": access,
        "thread": thread,
        "form": form,
    }
    return render(request, "marketplace/project_messages.html", context)


@login_required
@require_POST
@accepts_uploads(MessageForm.upload_limits)
def application_message_new(request, pk):
    """A question of the challenge's owners about an application, or the team's answer; the
    application's page again, with the form and what was typed, when it cannot be sent."""
    application = get_allowed_or_404(applications_with_people(), can_view_application, request.user, pk=pk)
    form = _message_form(request)
    if form.is_valid() and (sent := _send(request, form, application=application)):
        return sent
    return render_application(request, application, message_form=form)


def message_files():
    """The files with what ``can_view_message_file`` reads."""
    return MessageFile.objects.select_related(
        "message__conversation__application__challenge",
        "message__conversation__application__team",
        "message__conversation__project__challenge",
        "message__conversation__project__team",
    )


@require_safe
def message_file(request, pk):
    return serve_file(get_allowed_or_404(message_files(), can_view_message_file, request.user, pk=pk))


@require_safe
def message_thumbnail(request, pk):
    return serve_thumbnail(get_allowed_or_404(message_files(), can_view_message_file, request.user, pk=pk))
