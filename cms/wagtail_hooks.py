from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from .choosers import shared_photo_chooser_viewset
from .stories import StoryPage


@hooks.register("register_admin_viewset")
def register_shared_photo_chooser():
    """The chooser of the story's "Team photo" block: its views need their admin URLs."""
    return shared_photo_chooser_viewset


# A story goes online only through its workflow, where the challenge's owner confirms the very
# version the editors publish. Editors may publish pages, so the admin's own ways to publish
# directly are closed for stories: the button, the form post behind it, and bulk publishing.


def _story_message():
    return _(
        "A story goes online through its workflow: submit it, the challenge's owner confirms it on the site, "
        "then approve and publish it."
    )


@hooks.register("construct_page_action_menu")
def stories_have_no_publish_button(menu_items, request, context):
    page = context.get("page")
    if isinstance(page, StoryPage):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_publish_page")
def stories_are_not_published_directly(request, page):
    if isinstance(page, StoryPage):
        messages.error(request, _story_message())
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def stories_are_not_published_in_bulk(request, action_type, objects, action_class_instance):
    if action_type == "publish" and any(issubclass(page.specific_class, StoryPage) for page in objects):
        messages.error(request, _story_message())
        return redirect("wagtailadmin_explore_root")
    return None
