"""Sending messages about an application or in a project, and keeping track of what each
person has read. Photos and files reach these functions already checked and cleaned
(``marketplace.files.uploads``), as for log entries."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from marketplace.choices import ContentLanguage
from marketplace.models import Application, Conversation, ConversationRead, Message, MessageFile, Project
from marketplace.notifications.messages import message_sent
from marketplace.permissions import (
    ConversationAccess,
    application_conversation_access,
    project_access,
    project_conversation_access,
)
from marketplace.services.errors import MarketplaceError
from marketplace.services.files import files_removed_on_failure, store_upload


def _conversation_of(*, application: Application | None, project: Project | None, actor) -> tuple:
    """The conversation (None before its first message) and what ``actor`` may do in it, with
    the application or project locked, so that two first messages make one conversation."""
    if (application is None) == (project is None):
        raise ValueError("A message is about an application or a project: give one of the two.")
    if application is not None:
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("challenge", "team", "supervisor")
            .get(pk=application.pk)
        )
        conversation = Conversation.objects.filter(application=application).first()
        access = application_conversation_access(actor, application, asked=conversation is not None)
        return application, conversation, access
    project = (
        Project.objects.select_for_update(of=("self",))
        .select_related("challenge", "team", "supervisor")
        .get(pk=project.pk)
    )
    conversation = Conversation.objects.filter(project=project).first()
    return project, conversation, project_conversation_access(project_access(actor, project), project)


def _refusal(subject, access: ConversationAccess) -> str:
    if isinstance(subject, Project):
        if access.can_read:
            return _("This project has ended; its messages can still be read, but no new ones sent.")
        return _("Only the team, its supervisor and the challenge's owners send messages in this project.")
    if access.can_read and not subject.can_decide():
        return _("The owner has decided on this application; its questions can still be read, but no new ones sent.")
    if access.can_read:
        return _("The challenge's owners ask the first question; the team can answer it here.")
    return _("Only the challenge's owners and the team send messages about this application.")


def message_send(
    *,
    actor,
    text: str,
    language: str,
    application: Application | None = None,
    project: Project | None = None,
    uploads: Iterable = (),
) -> Message:
    """Send a message about ``application`` (the owners ask, the team answers) or in
    ``project``. Everyone else who reads the conversation is told; the sender has read it."""
    text = text.strip()
    if not text:
        raise MarketplaceError(_("Write your message."))
    if language not in ContentLanguage.values:
        raise MarketplaceError(_("Choose the language you write in."))
    with files_removed_on_failure() as stored, transaction.atomic():
        subject, conversation, access = _conversation_of(application=application, project=project, actor=actor)
        if not access.can_write:
            raise MarketplaceError(_refusal(subject, access))
        if conversation is None:
            conversation = Conversation.objects.create(**{"application" if application else "project": subject})
        message = Message.objects.create(conversation=conversation, author=actor, text=text, language=language)
        for upload in uploads:
            row = MessageFile(
                message=message,
                original_name=upload.original_name,
                content_type=upload.content_type,
                size=upload.size,
                uploaded_by=actor,
            )
            store_upload(row, upload, stored=stored)
            row.save()
        conversation.last_message_at = message.created_at
        conversation.save(update_fields=["last_message_at"])
        ConversationRead.objects.update_or_create(
            conversation=conversation, user=actor, defaults={"read_at": message.created_at}
        )
        log(conversation, "marketplace.message.sent", user=actor, data={"message": message.pk})
        message_sent(message=message, conversation=conversation, subject=subject, actor=actor)
    return message


def conversation_mark_read(*, conversation: Conversation, user) -> None:
    """``user`` has seen the messages of ``conversation`` as it was loaded (with ``read_at``,
    ``selectors.messages.conversation_thread``): one sent after that stays new. Nothing is
    written when they had read it all already. The caller has checked that they may read it."""
    seen = conversation.last_message_at
    if seen is None or (conversation.read_at is not None and conversation.read_at >= seen):
        return
    if not ConversationRead.objects.filter(conversation=conversation, user=user).update(read_at=seen):
        ConversationRead.objects.get_or_create(conversation=conversation, user=user, defaults={"read_at": seen})
