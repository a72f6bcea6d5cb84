"""What people can report (PRODUCT.md rule 9): one entry per kind of text people write that
others see. Each says how to load it, who can see it (only they can report it), its text for
the editors, where it stands on the site and whom to tell when it is hidden.

A new kind of user text is added here (the cms adds its stories from its own app config), gets
``core.models.Moderated`` and shows ``components/hidden_content.html`` while it is hidden; the
report link is ``{% report_link obj %}`` (``marketplace_tags``)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marketplace.choices import MembershipRole, TeamRole
from marketplace.models import ChallengePage, LogComment, LogEntry, Message, Organisation, Team
from marketplace.permissions import can_manage_challenge, conversation_access, project_access, team_access


@dataclass(frozen=True)
class Reportable:
    key: str
    """In the report page's address: ``/melden/<key>/<id>/``."""

    model: type[Model]
    noun: Promise
    """What it is, for the report page and the editors: "a comment"."""

    queryset: Callable[[], QuerySet]
    """The rows with what ``can_see``, ``text`` and ``authors`` read."""

    can_see: Callable[..., bool]
    """``(user, obj)``: whether ``user`` sees ``obj`` on the site."""

    text: Callable[[Model], str]
    authors: Callable[[Model], list]
    """The people told when it is hidden: who wrote it, or who speaks for it (a team's leads)."""

    url: Callable[[Model], str]
    """Where it stands on the site, for the reporter's way back and the editors' context."""

    place: Callable[[Model], str]
    """The name of where it stands (a challenge's title, a team's name), for the author's notification."""


REPORTABLE: dict[str, Reportable] = {}


def register(reportable: Reportable) -> None:
    REPORTABLE[reportable.key] = reportable


def reportable_of(obj) -> Reportable | None:
    """The kind ``obj`` is (a page of a reportable type counts, whatever its proxy)."""
    for reportable in REPORTABLE.values():
        if isinstance(obj, reportable.model):
            return reportable
    return None


def can_report(user, reportable: Reportable, obj) -> bool:
    """Anyone logged in who sees ``obj`` on the site, except the people it speaks for (who
    would rather change it); nothing hidden, which nobody sees."""
    if not getattr(user, "is_authenticated", False) or obj.is_hidden:
        return False
    if any(person.pk == user.pk for person in reportable.authors(obj)):
        return False
    return reportable.can_see(user, obj)


def might_report(user, obj) -> bool:
    """Whether to offer the report link beside ``obj`` on a page ``user`` sees it on: not to
    the person who wrote it. No query for text with an author (``can_report`` decides)."""
    author_id = getattr(obj, "author_id", None) or getattr(obj, "posted_by_id", None)
    return not (getattr(user, "is_authenticated", False) and author_id == user.pk)


def _one(person) -> list:
    return [person] if person is not None else []


register(Reportable(
    key="comment",
    model=LogComment,
    noun=_("a comment on a log entry"),
    queryset=lambda: LogComment.objects.select_related(
        "author", "entry__project__challenge__organisation", "entry__project__team"
    ),
    can_see=lambda user, comment: project_access(user, comment.entry.project).is_insider,
    text=lambda comment: comment.text,
    authors=lambda comment: _one(comment.author),
    url=lambda comment: comment.entry.get_absolute_url(),
    place=lambda comment: comment.entry.project.challenge.title,
))
register(Reportable(
    key="log-entry",
    model=LogEntry,
    noun=_("a log entry"),
    queryset=lambda: LogEntry.objects.select_related("author", "project__challenge__organisation", "project__team"),
    can_see=lambda user, entry: project_access(user, entry.project).can_view_entry(entry),
    text=lambda entry: entry.text,
    authors=lambda entry: _one(entry.author),
    url=lambda entry: entry.get_absolute_url(),
    place=lambda entry: entry.project.challenge.title,
))
register(Reportable(
    key="message",
    model=Message,
    noun=_("a message"),
    queryset=lambda: Message.objects.select_related(
        "author",
        "conversation__application__challenge__organisation",
        "conversation__application__team",
        "conversation__project__challenge__organisation",
        "conversation__project__team",
    ),
    can_see=lambda user, message: conversation_access(user, message.conversation).can_read,
    text=lambda message: message.text,
    authors=lambda message: _one(message.author),
    url=lambda message: message.get_absolute_url(),
    place=lambda message: (message.conversation.project or message.conversation.application).challenge.title,
))
register(Reportable(
    key="team",
    model=Team,
    noun=_("a team's description"),
    queryset=lambda: Team.objects.all(),
    can_see=lambda user, team: team_access(user, team).can_view,
    text=lambda team: "\n\n".join(part for part in (team.description, team.skills) if part),
    authors=lambda team: [m.user for m in team.memberships.filter(role=TeamRole.LEAD).select_related("user")],
    url=lambda team: team.get_absolute_url(),
    place=lambda team: team.name,
))
register(Reportable(
    key="organisation",
    model=Organisation,
    noun=_("an organisation's description"),
    queryset=lambda: Organisation.objects.all(),
    can_see=lambda user, organisation: True,  # its page is public
    text=lambda organisation: organisation.description,
    authors=lambda organisation: [
        m.user for m in organisation.memberships.filter(role=MembershipRole.ADMIN).select_related("user")
    ],
    url=lambda organisation: organisation.get_absolute_url(),
    place=lambda organisation: organisation.name,
))
register(Reportable(
    key="challenge",
    model=ChallengePage,
    noun=_("a challenge"),
    queryset=lambda: ChallengePage.objects.select_related("posted_by", "organisation"),
    can_see=lambda user, challenge: challenge.live or can_manage_challenge(user, challenge),
    text=lambda challenge: "\n\n".join(
        part for part in (challenge.title, challenge.summary, challenge.summary_en, challenge.outcome) if part
    ),
    authors=lambda challenge: _one(challenge.posted_by),
    url=lambda challenge: challenge.url or "",
    place=lambda challenge: challenge.title,
))
