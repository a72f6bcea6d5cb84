"""Changes to editorial content made from the site (not the admin)."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site, TaskState

from cms.models import HomePage, NavigationSettings, OwnerSignOffTaskState, StoryIndexPage, StoryPage
from cms.notifications import story_signed_off
from cms.permissions import can_sign_off_story
from marketplace.models import ChallengeIndexPage
from marketplace.services.errors import MarketplaceError

# A new site's first pages: words editors change in the admin later, in both languages.
FIRST_HOME_PAGE = {
    "title": "Leren met de Stad",
    "title_en": "Learning with the City",
    "slug": "home",
    "hero_heading": "Leidse vragen, samen met studenten opgelost",
    "hero_heading_en": "Questions from Leiden, solved together with students",
    "hero_text": "Heb je een vraag uit je straat of wijk? Studenten werken er in gemengde teams aan, begeleid door "
    "hun docent.",
    "hero_text_en": "Do you have a question from your street or neighbourhood? Students work on it in mixed teams, "
    "supervised by their lecturer.",
}
FIRST_CHALLENGE_INDEX = {"title": "Uitdagingen", "title_en": "Challenges", "slug": "uitdagingen"}
FIRST_STORY_INDEX = {"title": "Verhalen", "title_en": "Stories", "slug": "verhalen"}


def story_sign_off(*, story: StoryPage, actor, confirm: bool, comment: str, revision_id: int) -> TaskState:
    """The challenge's owner confirms the version of the story they read, or asks for a change
    with a comment. Confirming passes the story on to the editors, who publish it; asking for
    a change sends it back to the editor who wrote it. Wagtail records who did it and when."""
    comment = (comment or "").strip()
    if not confirm and not comment:
        raise MarketplaceError(_("Tell the editors what should change."))
    if can_sign_off_story(actor, story.latest_owner_sign_off()) and story.restart_owner_sign_off(user=actor):
        # Outside the transaction below: the owners of the new challenge are asked, whatever happens next.
        raise MarketplaceError(_("The editors changed what this story is about: its challenge's owners are asked now."))
    with transaction.atomic():
        latest = story.latest_owner_sign_off()
        if not can_sign_off_story(actor, latest):
            raise MarketplaceError(_("Only the owner of the story's challenge can confirm it."))
        # Two owners (or two tabs) answering at once: the second finds the task finished.
        task_state = OwnerSignOffTaskState.objects.select_for_update().get(pk=latest.pk)
        current = story.get_owner_sign_off()
        if task_state.status != TaskState.STATUS_IN_PROGRESS or current is None or current.pk != task_state.pk:
            raise MarketplaceError(_("This story is not waiting for your confirmation (any more)."))
        story = StoryPage.objects.get(pk=story.pk)
        if revision_id != story.latest_revision_id:
            raise MarketplaceError(
                _("The editors changed the story while you were reading it. Please read the new version below.")
            )
        # The confirmation holds for exactly this version (see StoryPublishTask).
        task_state.revision_id = story.latest_revision_id
        task_state.save(update_fields=["revision"])
        if confirm:
            task_state.approve(user=actor, comment=comment)
        else:
            task_state.reject(user=actor, comment=comment)
        story_signed_off(
            story=story,
            actor=actor,
            editor=task_state.workflow_state.requested_by,
            confirmed=confirm,
            comment=comment,
        )
    return task_state


class SiteExistsError(Exception):
    pass


@transaction.atomic
def site_set_up(*, hostname: str, port: int, site_name: str = "Leren met de Stad") -> HomePage:
    """A new installation's site: the home page in place of Wagtail's placeholder, the challenge
    index residents post into, the story index, the site record for the host name and a main menu
    to the two indexes; all published, for editors to fill in. Refuses where a home page exists."""
    if HomePage.objects.exists():
        raise SiteExistsError("This site has a home page already; change it in the admin.")
    Locale.objects.get_or_create(language_code="nl")
    root = Page.get_first_root_node()
    home = HomePage(**FIRST_HOME_PAGE)
    for placeholder in root.get_children().filter(slug=home.slug):
        # Wagtail's "Welcome to your new Wagtail site!" page, which migrate leaves as the root page.
        if not placeholder.get_children().exists():
            placeholder.delete()
    root.add_child(instance=home)
    home.save_revision().publish()
    challenges = ChallengeIndexPage(**FIRST_CHALLENGE_INDEX)
    home.add_child(instance=challenges)
    challenges.save_revision().publish()
    stories = StoryIndexPage(**FIRST_STORY_INDEX)
    home.add_child(instance=stories)
    stories.save_revision().publish()
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname=hostname, port=port, site_name=site_name, root_page=home, is_default_site=True)
    navigation = NavigationSettings.load()
    navigation.links = [
        ("link", {"page": page, "url": "", "label": page.title, "label_en": page.title_en})
        for page in (challenges, stories)
    ]
    navigation.save()
    return home
