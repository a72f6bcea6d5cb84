"""Posting a challenge from the site: drafts, and sending them to the editors."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.images.models import Image
from wagtail.log_actions import log
from wagtail.models import Workflow, WorkflowState
from wagtail.users.models import UserProfile

from marketplace.choices import REVIEW_WORKFLOW, ApplicationStatus, ChallengeStatus
from marketplace.files.photos import clean_photo
from marketplace.models import Application, ChallengeIndexPage, ChallengePage, ChallengePageImage
from marketplace.models.applications import OPEN_STATUSES
from marketplace.models.projects import RUNNING_PROJECT_STATUSES
from marketplace.notifications.challenges import challenge_closed, challenge_submitted
from marketplace.permissions import can_manage_challenge, can_post_challenge, can_post_for_organisation
from marketplace.selectors.challenges import challenge_in_review
from marketplace.services.applications import _decide
from marketplace.services.challenge_status import challenge_status_change
from marketplace.services.errors import MarketplaceError
from marketplace.services.projects import _cancel

CHALLENGE_FIELDS = [
    "title", "summary", "summary_en", "language", "description", "outcome", "neighbourhood", "organisation",
    "level_mbo", "level_hbo", "level_wo", "team_size_min", "team_size_max", "team_capacity",
    "mixed_institutions_required", "application_deadline", "period_start", "period_end",
    "can_be_done_in_dutch", "can_be_done_in_english", "contact_name", "contact_email", "contact_phone",
    "show_phone_to_team", "follows",
]


def challenge_draft(challenge: ChallengePage) -> ChallengePage:
    """The newest version of a challenge: its latest revision, which may not be live yet."""
    return challenge.get_latest_revision_as_object()


def challenge_save_draft(
    *, actor, data: dict, photo=None, photo_alt: str = "", challenge: ChallengePage | None = None
) -> ChallengePage:
    """Save what the poster typed as a new revision. A live challenge stays as it is on the
    site until the revision has been reviewed and published."""
    if challenge is None and not can_post_challenge(actor):
        raise MarketplaceError(_("Confirm your e-mail address before you post a challenge."))
    if challenge is not None and not can_manage_challenge(actor, challenge):
        raise MarketplaceError(_("You cannot change this challenge."))
    organisation = data.get("organisation")
    if organisation is not None and not can_post_for_organisation(actor, organisation):
        raise MarketplaceError(_("You can only post on behalf of an organisation you are a member of."))
    if challenge is not None and challenge_in_review(challenge):
        raise MarketplaceError(_("This challenge is being reviewed; you can change it again after the review."))
    cleaned_photo = clean_photo(photo) if photo else None

    with transaction.atomic():
        if challenge is None:
            index = ChallengeIndexPage.objects.first()
            if index is None:
                raise MarketplaceError(_("Posting challenges is not possible yet; please try again later."))
            page = ChallengePage(posted_by=actor, owner=actor, live=False, **_page_values(data))
            page.slug = _free_slug(index, data["title"])
            index.add_child(instance=page)
            action = "marketplace.challenge.created"
        else:
            page = challenge_draft(ChallengePage.objects.get(pk=challenge.pk))
            for name, value in _page_values(data).items():
                setattr(page, name, value)
            action = "marketplace.challenge.edited"
        page.themes.set(data["themes"])
        if cleaned_photo is not None:
            image = Image(title=data["title"][:255], file=cleaned_photo, uploaded_by_user=actor)
            image.save()
            page.images = [ChallengePageImage(image=image, alt_text=photo_alt)]
        elif photo_alt and page.images.all():
            first = page.images.all()[0]
            first.alt_text = photo_alt
        revision = page.save_revision(user=actor, log_action=False)
        log(page, action, user=actor, revision=revision)
    return page


def challenge_submit(*, challenge: ChallengePage, actor) -> WorkflowState:
    """Send the latest version to the editors. Nothing is public until they approve it."""
    with transaction.atomic():
        challenge = ChallengePage.objects.select_for_update().get(pk=challenge.pk)
        if not can_manage_challenge(actor, challenge):
            raise MarketplaceError(_("You cannot submit this challenge."))
        if challenge_in_review(challenge):
            raise MarketplaceError(_("This challenge is already being reviewed."))
        if not challenge.has_unpublished_changes:
            raise MarketplaceError(_("There are no changes to review."))
        _quiet_admin_mail(actor)
        states = WorkflowState.objects.for_instance(challenge)
        waiting = states.filter(status=WorkflowState.STATUS_NEEDS_CHANGES).first()
        if waiting is not None:
            # Changes were requested: the same review picks up where it stopped.
            waiting.resume(user=actor)
            state = waiting
        else:
            state = Workflow.objects.get(name=REVIEW_WORKFLOW, active=True).start(challenge, actor)
        log(challenge, "marketplace.challenge.submitted", user=actor)
        challenge_submitted(challenge=challenge, user=actor)
    return state


def _quiet_admin_mail(user) -> None:
    """Someone without admin access gets our e-mails about the review, not Wagtail's, which
    link into an admin they cannot open."""
    if user.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


def _page_values(data: dict) -> dict:
    return {name: data[name] for name in CHALLENGE_FIELDS if name in data}


def _free_slug(index, title: str) -> str:
    base = slugify(title)[:70] or "uitdaging"
    taken = set(ChallengePage.objects.child_of(index).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def challenge_close(*, challenge: ChallengePage, actor, reason: str) -> ChallengePage:
    """Close a challenge without result, saying why; the reason is shown on the challenge as it
    is. Projects still running stop with the same reason, open applications are declined."""
    with transaction.atomic():
        challenge = ChallengePage.objects.select_for_update().get(pk=challenge.pk)
        if not can_manage_challenge(actor, challenge):
            raise MarketplaceError(_("Only the people who manage this challenge can close it."))
        if not challenge.can_close():
            raise MarketplaceError(_("This challenge has already been completed or closed."))
        reason = reason.strip()
        if not reason:
            raise MarketplaceError(_("Say why the challenge closes without result; it is shown on the challenge."))
        running = challenge.projects.filter(status__in=RUNNING_PROJECT_STATUSES)
        for project in running.select_related("challenge", "team").select_for_update(of=("self",)):
            _cancel(project, actor, reason)
        still_open = list(
            Application.objects.select_for_update(of=("self",))
            .filter(challenge_id=challenge.pk, status__in=OPEN_STATUSES)
            .select_related("team", "supervisor")
        )
        for application in still_open:
            _decide(application, actor, ApplicationStatus.DECLINED, reason)
            log(application, "marketplace.application.declined", user=actor, data={"reason": "challenge_closed"})
        challenge_status_change(challenge=challenge, status=ChallengeStatus.CLOSED, actor=actor, closed_reason=reason)
        if still_open:
            challenge_closed(challenge=challenge, applications=still_open, actor=actor)
    return challenge


def challenge_follow_up(*, challenge: ChallengePage, actor) -> ChallengePage:
    """A draft for the next semester that continues a completed challenge: the same question
    and details, new dates, and a link back so the next team reads what the last one did.
    It goes through the editors' review like any challenge."""
    if not can_manage_challenge(actor, challenge):
        raise MarketplaceError(_("Only the people who manage this challenge can continue it."))
    if not challenge.can_continue():
        raise MarketplaceError(_("A challenge can be continued once it is completed."))
    source = ChallengePage.objects.get(pk=challenge.pk)
    today = timezone.localdate()
    length = max((source.period_end - source.period_start).days, 28)
    data = {name: getattr(source, name) for name in CHALLENGE_FIELDS}
    organisation = source.organisation
    if organisation is not None and not can_post_for_organisation(actor, organisation):
        data["organisation"] = None
    if source.posted_by_id != actor.pk:
        # The colleague who carries the question on is its contact now; the earlier poster's
        # private details are not passed on unasked.
        data.update(
            contact_name=actor.display_name, contact_email=actor.email, contact_phone="", show_phone_to_team=False
        )
    data.update(
        follows=source,
        themes=list(source.themes.all()),
        application_deadline=today + timedelta(days=42),
        period_start=today + timedelta(days=56),
        period_end=today + timedelta(days=56 + length),
    )
    draft = challenge_save_draft(actor=actor, data=data)
    log(source, "marketplace.challenge.continued", user=actor, data={"follow_up": draft.pk})
    return draft
