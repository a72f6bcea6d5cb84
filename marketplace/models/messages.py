"""Messages on the site, so that nobody has to hand out a private phone number.

Two kinds of conversation, each private to the people of one thing: the questions a challenge's
owners ask a team about its application (before they decide; the supervisor reads along), and
the one conversation of a project (its team, its supervisor and the challenge's owners).
Editors and knowledge brokers do not read them. Who may read and write is decided in
``marketplace.permissions`` (``conversation_access``); files go through the same checks as a
log entry's and are served only through ``messages:file``."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Moderated
from marketplace.choices import ContentLanguage
from marketplace.models.applications import Application
from marketplace.models.projects import Project, private_storage

MAX_MESSAGE_LENGTH = 5000


def message_upload_path(instance, filename: str) -> str:
    """Files are stored under a generated name; the name the person gave is kept in the row."""
    return f"messages/{instance.message.conversation_id}/{filename}"


class Conversation(models.Model):
    """The messages about one application, or about one project: exactly one of the two."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="conversation",
        verbose_name=_("application"),
    )
    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="conversation",
        verbose_name=_("project"),
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("last message at"), null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(application__isnull=True, project__isnull=False)
                | models.Q(application__isnull=False, project__isnull=True),
                name="conversation_about_one_thing",
            ),
        ]

    def __str__(self):
        return str(self.project or self.application)

    def get_absolute_url(self):
        anchor = "#messages" if self.application_id is not None else ""
        return self.page_url() + anchor

    def page_url(self) -> str:
        """The page the conversation is on: the application's, or the project's messages."""
        if self.application_id is not None:
            return reverse("applications:detail", args=[self.application_id])
        return reverse("projects:messages", args=[self.project_id])


class Message(Moderated, models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages", verbose_name=_("conversation")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("message"), max_length=MAX_MESSAGE_LENGTH)
    language = models.CharField(
        _("written in"), max_length=2, choices=ContentLanguage.choices, default=ContentLanguage.DUTCH
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"], name="message_by_conversation")]

    def __str__(self):
        return self.text[:50]

    def get_absolute_url(self):
        return f"{self.conversation.page_url()}#message-{self.pk}"


class MessageFile(models.Model):
    """A photo or file sent with a message. Served only through ``messages:file`` to the
    people who may read the conversation; the id is random so it tells nothing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="files", verbose_name=_("message"))
    file = models.FileField(_("file"), storage=private_storage, upload_to=message_upload_path, max_length=255)
    thumbnail = models.FileField(
        _("thumbnail"), storage=private_storage, upload_to=message_upload_path, max_length=255, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("file of a message")
        verbose_name_plural = _("files of messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("messages:file", args=[self.pk])

    def get_thumbnail_url(self):
        return reverse("messages:thumbnail", args=[self.pk])


class ConversationRead(models.Model):
    """How far one person has read one conversation: messages after ``read_at`` are new to them."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="reads", verbose_name=_("conversation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_reads", verbose_name=_("person")
    )
    read_at = models.DateTimeField(_("read until"))

    class Meta:
        verbose_name = _("read conversation")
        verbose_name_plural = _("read conversations")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="conversation_read_once_per_person"),
        ]

    def __str__(self):
        return f"{self.user} – {self.conversation}"
