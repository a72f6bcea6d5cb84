"""Reading conversations: the messages with their authors and files, and what is new to the
reader. A bounded number of queries whatever the number of messages or conversations."""

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery

from marketplace.models import Conversation, ConversationRead, Message


def _messages():
    return Message.objects.select_related("author").prefetch_related("files").order_by("created_at", "pk")


def _mark_new(messages, *, read_at, user) -> list:
    for message in messages:
        message.is_new = message.author_id != user.pk and (read_at is None or message.created_at > read_at)
    return messages


def _with_read_at(conversations, user):
    """Each conversation with ``read_at``: how far ``user`` has read it (None: not at all)."""
    read = ConversationRead.objects.filter(conversation=OuterRef("pk"), user=user).values("read_at")[:1]
    return conversations.annotate(read_at=Subquery(read))


def conversation_thread(*, application=None, project=None, user) -> tuple:
    """The conversation about ``application`` or in ``project`` (None before its first
    message), with ``read_at`` for ``user``, and its messages, oldest first, each with
    ``is_new`` for ``user``. Three queries: the conversation with how far ``user`` read it, the
    messages with their authors, their files."""
    lookup = {"application": application} if application is not None else {"project": project}
    conversation = _with_read_at(Conversation.objects.filter(**lookup), user).first()
    if conversation is None:
        return None, []
    messages = list(_messages().filter(conversation=conversation))
    return conversation, _mark_new(messages, read_at=conversation.read_at, user=user)


def application_threads(applications, user) -> None:
    """Gives each of ``applications`` its ``messages`` (oldest first, each with ``is_new`` for
    ``user``): three queries for all of them: the conversations with how far ``user`` read
    each, the messages with their authors, their files."""
    conversations = _with_read_at(
        Conversation.objects.filter(application__in=[a.pk for a in applications]), user
    ).prefetch_related(Prefetch("messages", queryset=_messages()))
    by_application = {c.application_id: c for c in conversations}
    for application in applications:
        conversation = by_application.get(application.pk)
        application.messages = (
            _mark_new(list(conversation.messages.all()), read_at=conversation.read_at, user=user)
            if conversation is not None
            else []
        )
        application.new_messages = sum(1 for message in application.messages if message.is_new)


def unread_message_count(*, project, user) -> int:
    """How many messages in ``project``'s conversation are new to ``user``. One query."""
    read = ConversationRead.objects.filter(conversation__project=project, user=user)
    return (
        Message.objects.filter(conversation__project=project)
        .exclude(author=user)
        .filter(Q(created_at__gt=Subquery(read.values("read_at")[:1])) | ~Exists(read))
        .count()
    )
