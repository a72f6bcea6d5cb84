"""What the site's pages and the Wagtail admin hold about a person (the AVG registry, see
core.privacy), and the retention of project files, which ends where a live story still shows a
team photo.

Wagtail's own records (revisions, the audit log, workflows, comments, uploads) keep who did what:
the editors' history of the site. The person's name in them reads "former participant" after the
erasure; names written into log texts are replaced. Wagtail's form submissions are not used."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.models import StoryPage
from core.privacy import Entry, Erasure, PersonalField, mentioning, registry, retention_cutoff, scrubbed
from marketplace.choices import ProjectStatus
from marketplace.models import Attachment

DELETE, KEEP, ANONYMISE = Erasure.DELETE, Erasure.KEEP, Erasure.ANONYMISE

EDITORS_HISTORY = _(
    "Who did this in the editors' history of the site; it then reads “former participant”."
)
NAMES_IN_LOGS = _("Names written into the history's texts are replaced by “former participant”.")

# The site's history (ModelLogEntry and PageLogEntry): who did it stays, names written into it go.
LOG_ENTRY_FIELDS = (
    PersonalField("user", KEEP, EDITORS_HISTORY),
    PersonalField("label", ANONYMISE, NAMES_IN_LOGS, rows=mentioning("label"), value=scrubbed("label"), exported=False),
    PersonalField("data", ANONYMISE, NAMES_IN_LOGS, rows=mentioning("data"), value=scrubbed("data"), exported=False),
)

registry.register(
    Entry(
        "wagtailcore.Page",
        title=_("Pages you own"),
        export=("title", "live", "first_published_at", "last_published_at"),
        fields=(
            PersonalField("owner", KEEP, EDITORS_HISTORY),
            PersonalField("locked_by", KEEP, _("Who locked a page for editing; editors unlock it."),
                          exported=False),
        ),
    ),
    Entry(
        "wagtailcore.Revision",
        title=_("Saved versions of pages"),
        export=("object_str", "created_at"),
        fields=(PersonalField("user", KEEP, EDITORS_HISTORY),),
    ),
    Entry(
        "wagtailcore.ModelLogEntry",
        title=_("What you did (the site's history)"),
        export=("timestamp", (_("What happened"), "message"), "label"),
        fields=LOG_ENTRY_FIELDS,
    ),
    Entry(
        "wagtailcore.PageLogEntry",
        title=_("What you did with pages (the site's history)"),
        export=("timestamp", (_("What happened"), "message"), "label"),
        fields=LOG_ENTRY_FIELDS,
    ),
    Entry(
        "wagtailcore.WorkflowState",
        export=("workflow", "status", "created_at"),
        select_related=("workflow",),
        fields=(PersonalField("requested_by", KEEP, EDITORS_HISTORY),),
    ),
    Entry(
        "wagtailcore.TaskState",
        export=("task", "status", "started_at", "finished_at", "comment"),
        select_related=("task",),
        fields=(PersonalField("finished_by", KEEP, EDITORS_HISTORY),),
    ),
    Entry(
        "wagtailcore.Comment",
        export=("page", "text", "created_at", "resolved_at"),
        select_related=("page",),
        fields=(
            PersonalField("user", KEEP, _("Editors' comments on a page: part of their conversation, so "
                                                     "they stay, by “former participant”.")),
            PersonalField("resolved_by", KEEP, EDITORS_HISTORY, exported=False),
        ),
    ),
    Entry(
        "wagtailcore.CommentReply",
        export=("text", "created_at"),
        fields=(PersonalField("user", KEEP, _("Editors' replies to a comment: part of their "
                                                         "conversation, so they stay, by “former participant”.")),),
    ),
    Entry(
        "wagtailcore.PageSubscription",
        export=("page", "comment_notifications"),
        select_related=("page",),
        fields=(PersonalField("user", DELETE, _("Which pages' comments you are told about.")),),
    ),
    Entry(
        "wagtailcore.UploadedFile",
        files=("file",),
        fields=(PersonalField("uploaded_by_user", DELETE, _("An upload the admin holds until it is "
                                                                       "saved: deleted."), exported=False),),
    ),
    Entry(
        "wagtailcore.APIToken",
        export=("name", "created", "last_used_at", "revoked_at"),
        fields=(PersonalField("user", DELETE, _("Keys you made to reach the site's data.")),),
    ),
    Entry(
        "wagtailadmin.EditingSession",
        fields=(PersonalField("user", DELETE, _("Who is editing a page right now, to warn others."),
                              exported=False),),
    ),
    Entry(
        "wagtailadmin.FormState",
        fields=(PersonalField("user", DELETE, _("A form in the admin kept while it is being filled "
                                                           "in."), exported=False),),
    ),
    Entry(
        "wagtailusers.UserProfile",
        title=_("Settings of the editors' environment"),
        export=("preferred_language", "current_time_zone", "theme", "avatar"),
        files=("avatar",),
        fields=(PersonalField("user", DELETE, _("Your settings in the editors' environment, with your "
                                                           "picture.")),),
    ),
    Entry(
        "wagtailimages.Image",
        title=_("Images you uploaded"),
        export=("title", "created_at", "file"),
        files=("file",),
        fields=(PersonalField("uploaded_by_user", KEEP, _("A picture on a page or challenge, without "
                                                                     "its hidden location data: it stays with the "
                                                                     "page.")),),
    ),
    Entry(
        "wagtaildocs.Document",
        title=_("Documents you uploaded"),
        export=("title", "created_at", "file"),
        files=("file",),
        fields=(PersonalField("uploaded_by_user", KEEP, _("A document linked from a page: it stays "
                                                                     "with the page.")),),
    ),
    Entry(
        "cms.StoryPage",
        fields=(
            PersonalField("authors", KEEP, _("The credits under a story are the editors' text, not linked "
                                                        "to an account; editors change them on request."),
                          rows=mentioning("authors"), exported=False),
        ),
    ),
)


def photos_in_live_stories() -> set[str]:
    """The team photos a live story shows: public until the story goes offline."""
    shown = set()
    for story in StoryPage.objects.live().only("body", "body_en"):
        for stream in (story.body, story.body_en):
            for block in stream.raw_data:
                if block.get("type") == "shared_photo" and (block.get("value") or {}).get("photo"):
                    shown.add(str(block["value"]["photo"]))
    return shown


@registry.register_purge("project_files", _("Photos and files of projects that ended long ago"))
def purge_project_files(*, now, dry_run: bool) -> int:
    """The photos and files of projects completed or stopped before the retention period, files
    and all; a photo a live story shows stays."""
    cutoff = retention_cutoff(now, "project_files")
    ended = Q(project__status=ProjectStatus.COMPLETED, project__completed_at__lt=cutoff) | Q(
        project__status=ProjectStatus.CANCELLED, project__cancelled_at__lt=cutoff
    )
    attachments = list(
        Attachment.objects.filter(ended).exclude(pk__in=photos_in_live_stories()).only("pk", "file", "thumbnail")
    )
    if not dry_run and attachments:
        with transaction.atomic():
            Attachment.objects.filter(pk__in=[attachment.pk for attachment in attachments]).delete()
            # Files are not part of the transaction: they go once the rows are gone for good.
            transaction.on_commit(lambda: files_delete(attachments))
    return len(attachments)


def files_delete(attachments) -> None:
    for attachment in attachments:
        for stored in (attachment.file, attachment.thumbnail):
            if stored:
                stored.storage.delete(stored.name)
