"""The kinds of notification: the sentence each is shown as and what its e-mail says.

A notification keeps only plain strings (``params``); its sentence is put together when it is
read, in the reader's language, from the kind's format string below. So a switch of language
changes the notification list too, and a renamed person shows under their new name.

A new kind needs a member of ``NotificationKind`` and an entry in ``KINDS``. Its e-mail uses
``templates/accounts/email/notification.txt`` unless ``notification_<kind>.txt`` (and
``notification_<kind>_subject.txt``) exist next to it.

Format strings use ``%(actor)s`` (the person who did it, filled in from the notification's
actor) and the names listed in ``params``. A kind with ``outcomes`` chooses its sentence by
``params["outcome"]`` (``{"outcome": "accepted"}``), so that one e-mail setting covers, say,
every answer to a supervision request. An optional ``params["message"]`` (a note the actor
wrote, such as an editor's comment) is quoted under the sentence, in the list and the e-mail.

User-written text whose language is known (a challenge's title) is given with ``written_in``,
which adds ``params["<name>_language"]``: the notification list marks that text with ``lang``,
so a screen reader reads an English title in a Dutch sentence in English (WCAG 3.1.2).
"""

import re
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.choices import NotificationEmail, NotificationKind
from core.translation import in_language as _in_language

OUTCOME = "outcome"


MESSAGE = "message"


RESERVED_PARAMS = {"actor"}


PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@dataclass(frozen=True)
class KindSpec:
    text: Promise
    """The sentence, e.g. ``_("%(actor)s invites you to join the team “%(team)s”")``."""

    params: tuple[str, ...] = ()
    """The names every notification of this kind must give in ``params``."""

    outcomes: dict[str, Promise] = field(default_factory=dict)
    """Sentences chosen by ``params["outcome"]``; ``text`` when there is no outcome."""

    description: Promise | str = ""
    """When this kind is sent, for the e-mail settings page."""

    default_email: str = NotificationEmail.IMMEDIATELY
    """How people are e-mailed about this kind until they choose otherwise."""

    def text_for(self, outcome: str | None) -> Promise:
        return self.outcomes.get(outcome, self.text) if outcome else self.text

    def format_strings(self) -> list[Promise]:
        return [self.text, *self.outcomes.values()]


KINDS: dict[str, KindSpec] = {
    NotificationKind.TEAM_INVITATION: KindSpec(
        text=_("%(actor)s invites you to join the team “%(team)s”"),
        params=("team",),
        description=_("A student invites you to join their team."),
    ),
    NotificationKind.TEAM_JOINED: KindSpec(
        text=_("%(actor)s joined your team “%(team)s”"),
        params=("team",),
        description=_("Someone accepts an invitation to a team you lead."),
    ),
    NotificationKind.SUPERVISION_REQUEST: KindSpec(
        text=_("%(actor)s asks you to supervise the team “%(team)s”"),
        params=("team",),
        description=_("A team asks you, as a lecturer, to supervise it."),
    ),
    NotificationKind.SUPERVISION_ANSWER: KindSpec(
        text=_("%(actor)s answered the request to supervise your team “%(team)s”"),
        params=("team",),
        outcomes={
            "accepted": _("%(actor)s will supervise your team “%(team)s”"),
            "declined": _("%(actor)s cannot supervise your team “%(team)s”"),
        },
        description=_("A lecturer accepts or declines supervising your team."),
    ),
    NotificationKind.ENDORSEMENT_REQUEST: KindSpec(
        text=_("The team “%(team)s” asks you to endorse its application for “%(challenge)s”"),
        params=("team", "challenge"),
        description=_("A team you supervise applies for a challenge and needs your endorsement."),
    ),
    NotificationKind.APPLICATION_NEW: KindSpec(
        text=_("The team “%(team)s” applied for your challenge “%(challenge)s”"),
        params=("team", "challenge"),
        description=_("A team applies for a challenge you posted or manage."),
    ),
    NotificationKind.APPLICATION_DECISION: KindSpec(
        text=_("There is news about your team’s application for “%(challenge)s”"),
        params=("team", "challenge"),
        outcomes={
            "endorsed": _("%(actor)s endorsed your team’s application for “%(challenge)s”"),
            "returned": _("%(actor)s sent your team’s application for “%(challenge)s” back with a note"),
            "accepted": _("Your team “%(team)s” was chosen for “%(challenge)s”"),
            "declined": _("Your team’s application for “%(challenge)s” was not chosen"),
            "withdrawn": _("%(actor)s withdrew your team’s application for “%(challenge)s”"),
        },
        description=_("Your team’s application is endorsed, sent back, accepted, declined or withdrawn."),
    ),
    NotificationKind.CHALLENGE_FILLED: KindSpec(
        text=_("“%(challenge)s” has found all the teams it needs; your team’s application was not chosen"),
        params=("challenge",),
        description=_("A challenge your team applied for has found all its teams."),
    ),
    NotificationKind.CHALLENGE_REVIEW: KindSpec(
        text=_("News from the editors about your challenge “%(challenge)s”"),
        params=("challenge",),
        outcomes={
            "submitted": _("Your challenge “%(challenge)s” was sent to the editors"),
            "published": _("Your challenge “%(challenge)s” is on the site"),
            "changes_requested": _("The editors ask for changes to your challenge “%(challenge)s”"),
        },
        description=_("The editors publish your challenge or ask for changes."),
    ),
    NotificationKind.ORGANISATION_INVITATION: KindSpec(
        text=_("%(actor)s invites you to join %(organisation)s"),
        params=("organisation",),
        description=_("A colleague invites you to join their organisation."),
    ),
    NotificationKind.ORGANISATION_JOINED: KindSpec(
        text=_("%(actor)s joined %(organisation)s"),
        params=("organisation",),
        description=_("A colleague you invited joins your organisation."),
    ),
    NotificationKind.LOG_ENTRY: KindSpec(
        text=_("%(actor)s logged work in the project “%(project)s”"),
        params=("project",),
        description=_("A team writes a log entry in a project you supervise or whose challenge you manage."),
        # Teams log often; owners and supervisors get one summary a day unless they ask for more.
        default_email=NotificationEmail.DIGEST,
    ),
    NotificationKind.LOG_COMMENT: KindSpec(
        text=_("%(actor)s commented on a log entry in “%(project)s”"),
        params=("project",),
        description=_("Someone comments on a log entry in one of your projects."),
    ),
    NotificationKind.MILESTONE_DUE: KindSpec(
        text=_("The milestone “%(milestone)s” of “%(project)s” is due on %(date)s"),
        params=("milestone", "project", "date"),
        description=_("A milestone of one of your projects is due in a few days."),
    ),
    NotificationKind.DELIVERABLE_SUBMITTED: KindSpec(
        text=_("The team “%(team)s” delivered its result for “%(challenge)s”"),
        params=("team", "challenge"),
        description=_("A team delivers the result of a project you supervise or whose challenge you manage."),
    ),
    NotificationKind.FEEDBACK_GIVEN: KindSpec(
        text=_("%(actor)s confirmed receiving your result for “%(challenge)s” and gave feedback"),
        params=("challenge",),
        description=_("The challenge owner confirms receiving your result and gives feedback."),
    ),
    NotificationKind.HOURS_REVIEWED: KindSpec(
        text=_("%(actor)s reviewed your hours in “%(project)s”"),
        params=("project",),
        outcomes={
            "approved": _("%(actor)s approved your hours in “%(project)s”"),
            "disputed": _("%(actor)s has a question about your hours in “%(project)s”"),
        },
        description=_("Your supervisor approves or disputes the hours you logged."),
    ),
    NotificationKind.PROJECT_CLOSED: KindSpec(
        text=_("The project “%(project)s” has ended"),
        params=("project",),
        outcomes={
            "completed": _("The project “%(project)s” is completed"),
            "cancelled": _("The project “%(project)s” was stopped"),
        },
        description=_("A project you take part in is completed or stopped."),
    ),
    NotificationKind.STORY_WAITING: KindSpec(
        text=_("A story waiting to be told: the project “%(project)s” is completed"),
        params=("project",),
        description=_("For editors: a project is completed and its story can be written."),
    ),
    NotificationKind.CHALLENGE_FOLLOWED: KindSpec(
        text=_("New challenge in %(topic)s: “%(challenge)s”"),
        params=("topic", "challenge"),
        description=_("A new challenge is published in a theme or neighbourhood you follow."),
        # A busy theme can bring several a week; one summary a day unless people ask for more.
        default_email=NotificationEmail.DIGEST,
    ),
    NotificationKind.INTRODUCTION: KindSpec(
        text=_("%(actor)s introduces you to %(other)s about the challenge “%(challenge)s”"),
        # ``other`` is the side the reader is introduced to: the team or lecturer for the
        # challenge's owners, the organisation (or poster) for the team or lecturer.
        params=("challenge", "other"),
        outcomes={
            "owner_team": _("%(actor)s invited the team “%(other)s” to look at your challenge “%(challenge)s”"),
            "owner_lecturer": _("%(actor)s invited the lecturer %(other)s to look at your challenge “%(challenge)s”"),
            "team": _("%(actor)s thinks your team would fit “%(challenge)s”, a challenge from %(other)s"),
            "lecturer": _("%(actor)s thinks “%(challenge)s”, a challenge from %(other)s, would suit your students"),
        },
        description=_("A knowledge broker brings you together with a challenge, a team or a lecturer."),
    ),
    NotificationKind.STORY_SIGN_OFF: KindSpec(
        text=_("%(actor)s wrote a story about your challenge “%(challenge)s”: read it and confirm it"),
        params=("challenge",),
        description=_("Before a story about your challenge goes online, you read it and confirm it."),
    ),
    NotificationKind.STORY_REVIEWED: KindSpec(
        text=_("%(actor)s answered about the story “%(story)s”"),
        params=("story",),
        outcomes={
            "confirmed": _("%(actor)s confirmed the story “%(story)s”: it can be published"),
            "changes_requested": _("%(actor)s asked for a change to the story “%(story)s”"),
        },
        description=_("For editors: the challenge's owner confirms your story or asks for a change."),
    ),
    NotificationKind.MESSAGE: KindSpec(
        text=_("%(actor)s sent a message about “%(challenge)s”"),
        params=("team", "challenge"),
        outcomes={
            "question": _("%(actor)s wrote about the application of “%(team)s” for “%(challenge)s”"),
            "project": _("%(actor)s sent a message in the project of “%(team)s” for “%(challenge)s”"),
        },
        description=_("Someone writes to you about an application or in one of your projects."),
    ),
    NotificationKind.CONTENT_MODERATED: KindSpec(
        text=_("The editors looked at what you wrote at “%(place)s”"),
        params=("place",),
        outcomes={
            "hidden_by_reports": _("What you wrote at “%(place)s” was reported by several people and is hidden "
                                   "until an editor has looked at it"),
            "hidden_spam": _("The editors hid what you wrote at “%(place)s”: it looks like spam or advertising"),
            "hidden_personal_data": _("The editors hid what you wrote at “%(place)s”: it contains personal data "
                                      "that should not be there"),
            "hidden_offensive": _("The editors hid what you wrote at “%(place)s”: it is offensive, hurtful or "
                                  "discriminating"),
            "hidden_other": _("The editors hid what you wrote at “%(place)s”"),
            "restored": _("The editors looked at what you wrote at “%(place)s”: it is shown again"),
        },
        description=_("What you wrote is hidden after reports, or shown again, with the editors' reason."),
    ),
}


def default_email(kind: str) -> str:
    spec = KINDS.get(kind)
    return spec.default_email if spec is not None else NotificationEmail.IMMEDIATELY


DIGEST_BY_DEFAULT = [kind for kind, spec in KINDS.items() if spec.default_email == NotificationEmail.DIGEST]


def kind_spec(kind: str) -> KindSpec:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"Unknown notification kind {kind!r}; add it to accounts.notifications.kinds.KINDS.") from None


class _Params(dict):
    """Fills a name that a stored notification lacks (a kind's sentence changed since) with an
    ellipsis, so that an old notification never breaks the list."""

    def __missing__(self, key):
        return "…"


def actor_name(notification) -> str:
    actor = notification.actor
    return (actor.display_name if actor is not None else "") or gettext("Someone")


LANGUAGE_SUFFIX = "_language"


def written_in(name: str, text: str, language: str) -> dict[str, str]:
    """The params for ``text`` written in ``language``: ``{**written_in("challenge", title, "en")}``."""
    return {name: str(text), f"{name}{LANGUAGE_SUFFIX}": str(language)}


def notification_text(notification) -> str:
    """The sentence of ``notification`` in the active language, as plain text (e-mails)."""
    return _sentence(notification, lambda value, language: value)


def notification_html(notification) -> SafeString:
    """The sentence for a page: escaped, with each text of a known language in a ``<span lang>``."""
    return mark_safe(_sentence(notification, _in_language, escape=conditional_escape))  # noqa: S308 (escaped here)


def _sentence(notification, mark, escape=str) -> str:
    spec = KINDS.get(notification.kind)
    if spec is None:
        return escape(gettext("A notification of a kind that no longer exists"))
    stored = {key: str(value) for key, value in (notification.params or {}).items()}
    params = _Params(
        {key: mark(escape(value), stored.get(f"{key}{LANGUAGE_SUFFIX}")) for key, value in stored.items()}
    )
    params["actor"] = escape(actor_name(notification))
    return escape(str(spec.text_for(stored.get(OUTCOME)))) % params

