"""What the marketplace holds about a person (the AVG registry, see core.privacy): memberships,
teams, invitations, applications, projects and their log, follows and posted challenges; why a
person cannot delete their account yet; and what is removed when its retention period is over.

Organisations, places and themes hold nothing about a person. What people wrote together (log
entries, comments, applications, a team's name) stays when one of them leaves: it is the work
of the others too. It then reads "former participant" (accounts.models.DisplayNameField)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from core.privacy import (
    ERASED_EMAIL,
    ERASED_EMAIL_DOMAIN,
    ERASED_NAME,
    Blocker,
    Entry,
    Erasure,
    PersonalField,
    mentioning,
    registry,
    retention_cutoff,
    scrubbed,
)
from marketplace.choices import AttachmentKind, ChallengeStatus, HoursStatus, MembershipRole, ProjectStatus, TeamRole
from marketplace.models import (
    ChallengePage,
    LogHours,
    OrganisationInvitation,
    OrganisationMembership,
    Project,
    TeamInvitation,
    TeamMembership,
)
from marketplace.models.projects import RUNNING_PROJECT_STATUSES

DELETE, ANONYMISE, KEEP = Erasure.DELETE, Erasure.ANONYMISE, Erasure.KEEP

# Every state change records who did it (PRODUCT.md rule 5): that record stays for the others.
WHO_DID_IT = gettext_lazy("Who did this, so that the others know what happened; it then reads “former participant”.")
NAMED_IN_TEXT = gettext_lazy("Your name where someone wrote it in their text is replaced by “former participant”.")
PROJECT_STR = ("project__challenge", "project__team")
CONVERSATION_STR = (
    "conversation__project__challenge", "conversation__project__team",
    "conversation__application__challenge", "conversation__application__team",
)
CONTACT_FIELDS = {"contact_name": ERASED_NAME, "contact_email": ERASED_EMAIL, "contact_phone": ""}


def named_in(*names: str) -> tuple[PersonalField, ...]:
    """The free texts people write to each other here, where they may have named the person."""
    return tuple(
        PersonalField(name, ANONYMISE, NAMED_IN_TEXT, rows=mentioning(name), value=scrubbed(name), exported=False)
        for name in names
    )


def invited_at_an_address_of(person) -> Q:
    condition = Q(pk__in=[])
    for email in person.emails:
        condition |= Q(email__iexact=email)
    return condition


# Both kinds of invitation (marketplace.models.invitations.InvitationBase), beside who sent them.
INVITATION_FIELDS = (
    PersonalField("accepted_by", KEEP, WHO_DID_IT),
    PersonalField("revoked_by", KEEP, WHO_DID_IT),
    PersonalField(
        "email",
        ANONYMISE,
        gettext_lazy(
            "The address an invitation was sent to. Your addresses are replaced; expired invitations are "
            "deleted after the period the privacy statement names."
        ),
        value=ERASED_EMAIL,
        rows=invited_at_an_address_of,
    ),
)


def revisions_of_challenges_posted_by(person) -> Q:
    """Every saved version of the person's challenges holds the contact details too."""
    posted = [str(pk) for pk in ChallengePage.objects.filter(posted_by=person.user).values_list("pk", flat=True)]
    return Q(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=posted)


def content_without_contact(revision, person) -> dict:
    content = dict(revision.content)
    for name, value in CONTACT_FIELDS.items():
        if name in content:
            content[name] = value
    return content


registry.register(
    Entry(
        "marketplace.OrganisationMembership",
        export=("organisation", "role", "joined_at"),
        select_related=("organisation",),
        fields=(PersonalField("user", DELETE, gettext_lazy("The organisations you post challenges for.")),),
    ),
    Entry(
        "marketplace.OrganisationInvitation",
        person_q=invited_at_an_address_of,
        export=("organisation", "email", "role", "created_at", "expires_at", "accepted_at", "revoked_at",
                "invited_by"),
        select_related=("organisation", "invited_by"),
        fields=(
            PersonalField("invited_by", KEEP, WHO_DID_IT),
            *INVITATION_FIELDS,
        ),
    ),
    Entry(
        "marketplace.Team",
        person=("memberships__user",),
        export=("name", "description", "skills", "created_at", "created_by"),
        select_related=("created_by",),
        fields=(PersonalField("created_by", KEEP, WHO_DID_IT),),
    ),
    Entry(
        "marketplace.TeamMembership",
        export=("team", "role", "joined_at"),
        select_related=("team",),
        fields=(PersonalField("user", DELETE, gettext_lazy("The teams you are in, and your role.")),),
    ),
    Entry(
        "marketplace.TeamInvitation",
        person_q=invited_at_an_address_of,
        export=("team", "email", "created_at", "expires_at", "accepted_at", "revoked_at", "created_by"),
        select_related=("team", "created_by"),
        fields=(
            PersonalField("created_by", KEEP, WHO_DID_IT),
            *INVITATION_FIELDS,
        ),
    ),
    Entry(
        "marketplace.Supervision",
        person=("team__memberships__user",),
        export=("team", "lecturer", "status", "message", "answer", "requested_at", "decided_at", "requested_by"),
        select_related=("team", "lecturer", "requested_by"),
        fields=(
            PersonalField("lecturer", DELETE, gettext_lazy("Teams' requests to you as a lecturer, and your "
                                                           "answers.")),
            PersonalField("requested_by", KEEP, WHO_DID_IT),
            *named_in("message", "answer"),
        ),
    ),
    Entry(
        "marketplace.Application",
        person=("team__memberships__user",),
        export=(
            "challenge", "team", "status", "motivation", "approach", "period_start", "period_end", "course_name",
            "course_code", "ects", "supervisor", "submitted_by", "created_at", "endorsement_note", "endorsed_at",
            "submitted_at", "decision_message", "decided_at", "decided_by", "withdrawn_at",
        ),
        select_related=("challenge", "team", "supervisor", "submitted_by", "decided_by"),
        fields=(
            PersonalField("supervisor", KEEP, gettext_lazy("The supervisor when the team applied; the application "
                                                           "is the team's.")),
            PersonalField("submitted_by", KEEP, WHO_DID_IT),
            PersonalField("decided_by", KEEP, WHO_DID_IT),
            *named_in("motivation", "approach", "endorsement_note", "decision_message"),
        ),
    ),
    Entry(
        "marketplace.Project",
        person=("team__memberships__user", "challenge__posted_by"),
        export=(
            "challenge", "team", "status", "created_at", "supervisor", "deliverable_summary", "deliverable_link",
            "delivered_at", "delivered_by", "feedback_rating", "feedback_text", "feedback_at", "feedback_by",
            "completed_at", "completed_by", "cancelled_at", "cancelled_by", "cancel_reason",
        ),
        select_related=(
            "challenge", "team", "supervisor", "delivered_by", "feedback_by", "completed_by", "cancelled_by",
        ),
        fields=(
            PersonalField("supervisor", ANONYMISE, gettext_lazy("The project's supervisor, shown with their e-mail "
                                                                "address to the project's people; taken off."),
                          value=None),
            PersonalField("delivered_by", KEEP, WHO_DID_IT),
            PersonalField("feedback_by", KEEP, WHO_DID_IT),
            PersonalField("completed_by", KEEP, WHO_DID_IT),
            PersonalField("cancelled_by", KEEP, WHO_DID_IT),
            *named_in("deliverable_summary", "feedback_text", "cancel_reason"),
        ),
    ),
    Entry(
        "marketplace.LogEntry",
        export=("project", "date", "text", "language", "author", "shareable", "consent_by", "consent_at", "created_at",
                "edited_at"),
        select_related=(*PROJECT_STR, "author", "consent_by"),
        fields=(
            PersonalField("author", KEEP, gettext_lazy("Log entries you wrote: the team's record of its work, so "
                                                       "they stay, by “former participant”.")),
            PersonalField("consent_by", KEEP, gettext_lazy("Who confirmed that the people on an entry's photos "
                                                           "agreed to share them: the record of that consent.")),
            *named_in("text"),
        ),
    ),
    Entry(
        "marketplace.LogHours",
        export=("entry", "hours", "status", "reviewed_by", "reviewed_at", "review_note"),
        select_related=("entry__project__challenge", "entry__project__team", "reviewed_by"),
        fields=(
            PersonalField("person", KEEP, gettext_lazy("Approved hours: the record institutions grade on. Kept, by "
                                                       "“former participant”, for the period the privacy statement "
                                                       "names after the project ended."),
                          rows=lambda person: Q(person=person.user, status=HoursStatus.APPROVED)),
            PersonalField("person", DELETE, gettext_lazy("Hours that were not approved are no record of anything: "
                                                         "deleted."),
                          rows=lambda person: Q(person=person.user) & ~Q(status=HoursStatus.APPROVED)),
            PersonalField("reviewed_by", KEEP, WHO_DID_IT),
            *named_in("review_note"),
        ),
    ),
    Entry(
        "marketplace.Attachment",
        export=("project", "kind", "original_name", "content_type", "size", "description", "created_at", "file"),
        select_related=PROJECT_STR,
        files=("file",),
        derived_files=("thumbnail",),
        fields=(
            PersonalField("uploaded_by", DELETE, gettext_lazy("Photos and files you added to a project's log: "
                                                              "deleted, files included."),
                          rows=lambda person: Q(uploaded_by=person.user) & ~Q(kind=AttachmentKind.DELIVERABLE)),
            PersonalField("uploaded_by", KEEP, gettext_lazy("A project's result, handed to the challenge's owner: "
                                                            "it stays with the project until its files are deleted "
                                                            "(see the privacy statement)."),
                          rows=lambda person: Q(uploaded_by=person.user, kind=AttachmentKind.DELIVERABLE)),
        ),
    ),
    Entry(
        "marketplace.LogComment",
        export=("entry", "text", "created_at"),
        select_related=("entry__project__challenge", "entry__project__team"),
        fields=(
            PersonalField("author", KEEP, gettext_lazy("Comments you wrote on a log: part of the conversation with "
                                                       "the others, so they stay, by “former participant”.")),
            *named_in("text"),
        ),
    ),
    Entry(
        "marketplace.Message",
        export=("conversation", "text", "language", "created_at"),
        select_related=CONVERSATION_STR,
        fields=(
            PersonalField("author", KEEP, gettext_lazy("Messages you sent about an application or in a project: "
                                                       "part of the conversation with the others, so they stay, "
                                                       "by “former participant”.")),
            *named_in("text"),
        ),
    ),
    Entry(
        "marketplace.MessageFile",
        export=("message", "original_name", "content_type", "size", "created_at", "file"),
        select_related=("message",),
        files=("file",),
        derived_files=("thumbnail",),
        fields=(
            PersonalField("uploaded_by", DELETE, gettext_lazy("Photos and files you sent with a message: deleted, "
                                                              "files included.")),
        ),
    ),
    Entry(
        "marketplace.ConversationRead",
        export=("conversation", "read_at"),
        select_related=CONVERSATION_STR,
        fields=(PersonalField("user", DELETE, gettext_lazy("How far you have read each conversation, to mark "
                                                           "new messages.")),),
    ),
    Entry(
        "marketplace.Report",
        title=gettext_lazy("Content you reported"),
        export=("item", "reason", "note", "created_at", "handled_at"),
        select_related=("item__content_type",),
        fields=(
            PersonalField("reporter", DELETE, gettext_lazy("What you reported, and why: deleted. An editor's "
                                                           "decision about it stays.")),
        ),
    ),
    Entry(
        "marketplace.ModeratedItem",
        fields=(
            PersonalField("decided_by", KEEP, WHO_DID_IT),
            *named_in("decision_note"),
        ),
    ),
    Entry(
        "marketplace.Milestone",
        export=("project", "title", "due_date", "done_at", "created_at"),
        select_related=PROJECT_STR,
        fields=(
            PersonalField("created_by", KEEP, WHO_DID_IT),
            PersonalField("done_by", KEEP, WHO_DID_IT),
        ),
    ),
    Entry(
        "marketplace.Follow",
        export=("theme", "neighbourhood", "created_at"),
        select_related=("theme", "neighbourhood"),
        fields=(PersonalField("user", DELETE, gettext_lazy("The themes and neighbourhoods you follow.")),),
    ),
    Entry(
        "marketplace.CalendarFeed",
        title=gettext_lazy("Your calendar address"),
        export=("created_at",),
        fields=(
            PersonalField("user", DELETE, gettext_lazy("The secret address of your own calendar, if you made one; "
                                                       "it stops working with your account.")),
            PersonalField("token", DELETE, gettext_lazy("The secret of the address: never in the download, so "
                                                        "that the download cannot open your calendar."),
                          exported=False),
        ),
    ),
    Entry(
        "marketplace.ChallengePage",
        title=gettext_lazy("Challenges you posted"),
        person=("posted_by",),
        export=("title", "summary", "status", "organisation", "contact_name", "contact_email", "contact_phone",
                "show_phone_to_team", "first_published_at", "live"),
        select_related=("organisation",),
        fields=(
            PersonalField("posted_by", KEEP, gettext_lazy("Who posted a challenge. A challenge stays as the "
                                                          "question the teams worked on, posted by “former "
                                                          "participant”.")),
            PersonalField("contact_name", ANONYMISE, gettext_lazy("Private contact details for the chosen team: "
                                                                  "replaced, in every saved version."),
                          value=ERASED_NAME),
            PersonalField("contact_email", ANONYMISE, gettext_lazy("Private contact details for the chosen team: "
                                                                   "replaced, in every saved version."),
                          value=ERASED_EMAIL),
            PersonalField("contact_phone", ANONYMISE, gettext_lazy("Private contact details for the chosen team: "
                                                                   "replaced, in every saved version."),
                          value=""),
        ),
    ),
    Entry(
        "wagtailcore.Revision",
        fields=(
            PersonalField("content", ANONYMISE, gettext_lazy("Saved versions of your challenges hold their contact "
                                                             "details too: replaced."),
                          rows=revisions_of_challenges_posted_by, value=content_without_contact, exported=False),
        ),
    ),
)


# Why a person cannot go yet


@registry.register_blockers
def marketplace_blockers(user) -> list[Blocker]:
    """Whom the others would be left without: an organisation's only administrator, a team's
    only lead, someone in a running project, the only owner of an open challenge. Four queries."""
    blockers = []
    memberships = (
        OrganisationMembership.objects.filter(user=user, role=MembershipRole.ADMIN)
        .select_related("organisation")
        .annotate(
            admins=Count("organisation__memberships", filter=Q(organisation__memberships__role=MembershipRole.ADMIN))
        )
        .filter(admins=1)
        .order_by("organisation__name")
    )
    for membership in memberships:
        organisation = membership.organisation
        blockers.append(Blocker(
            _("You are the only administrator of %(organisation)s. Make another member administrator first, or "
              "invite a colleague to take over.") % {"organisation": organisation.name},
            reverse("organisations:members", args=[organisation.slug]),
            _("Members of %(organisation)s") % {"organisation": organisation.name},
        ))
    leads = (
        TeamMembership.objects.filter(user=user, role=TeamRole.LEAD)
        .select_related("team")
        .annotate(
            leads=Count("team__memberships", filter=Q(team__memberships__role=TeamRole.LEAD), distinct=True),
            members=Count("team__memberships", distinct=True),
        )
        .filter(leads=1, members__gt=1)
        .order_by("team__name")
    )
    for membership in leads:
        team = membership.team
        blockers.append(Blocker(
            _("You are the only lead of the team %(team)s. Hand over the lead, or make another member lead too.")
            % {"team": team.name},
            team.get_absolute_url(),
            _("The team %(team)s") % {"team": team.name},
        ))
    running = (
        Project.objects.filter(status__in=RUNNING_PROJECT_STATUSES)
        .filter(Q(team__memberships__user=user) | Q(supervisor=user) | Q(challenge__posted_by=user,
                                                                           challenge__organisation__isnull=True))
        .distinct()
        .select_related("challenge", "team")
        .order_by("pk")
    )
    for project in running:
        blockers.append(Blocker(
            _("The project “%(challenge)s” of %(team)s is still running. You can delete your account once it is "
              "completed or stopped.") % {"challenge": project.challenge.title, "team": project.team.name},
            project.get_absolute_url(),
            _("The project “%(challenge)s”") % {"challenge": project.challenge.title},
        ))
    open_challenges = ChallengePage.objects.live().filter(
        posted_by=user, organisation__isnull=True, status=ChallengeStatus.OPEN
    ).order_by("pk")
    for challenge in open_challenges:
        blockers.append(Blocker(
            _("Your challenge “%(challenge)s” is open for applications and only you can choose a team. Close it "
              "first.") % {"challenge": challenge.title},
            reverse("marketplace:challenge_manage", args=[challenge.pk]),
            _("Manage “%(challenge)s”") % {"challenge": challenge.title},
        ))
    return blockers


# Retention


@registry.register_purge("expired_invitations", gettext_lazy("Invitations that expired or were withdrawn unused"))
def purge_expired_invitations(*, now, dry_run: bool) -> int:
    """Used invitations stay: they record who joined through whom."""
    cutoff = retention_cutoff(now, "expired_invitations")
    count = 0
    for model in (OrganisationInvitation, TeamInvitation):
        unused = model.objects.filter(accepted_at__isnull=True).filter(
            Q(expires_at__lt=cutoff) | Q(revoked_at__lt=cutoff)
        )
        count += unused.count()
        if not dry_run:
            unused.delete()
    return count


@registry.register_purge("hours_of_deleted_accounts", gettext_lazy("Approved hours of deleted accounts"))
def purge_hours_of_deleted_accounts(*, now, dry_run: bool) -> int:
    """Kept for grading after the person left (see the registry above) until this period has
    passed since their project ended."""
    cutoff = retention_cutoff(now, "hours_of_deleted_accounts")
    ended = Q(entry__project__status=ProjectStatus.COMPLETED, entry__project__completed_at__lt=cutoff) | Q(
        entry__project__status=ProjectStatus.CANCELLED, entry__project__cancelled_at__lt=cutoff
    )
    hours = LogHours.objects.filter(ended, person__email__endswith=f"@{ERASED_EMAIL_DOMAIN}")
    count = hours.count()
    if not dry_run and count:
        hours.delete()
    return count
