from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks

from cms.choosers import shared_photo_chooser_viewset
from cms.models import StoryIndexPage, StoryPage


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
    page, parent = context.get("page"), context.get("parent_page")
    # A new page under the story index is a story (the only kind it takes).
    new_story = page is None and parent is not None and isinstance(parent.specific, StoryIndexPage)
    if isinstance(page, StoryPage) or new_story:
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_publish_page")
def stories_are_not_published_directly(request, page):
    if isinstance(page, StoryPage):
        messages.error(request, _story_message())
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def stories_are_not_published_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    stories = any(issubclass(page.specific_class, StoryPage) for page in objects)
    if not stories and request.POST.get("include_descendants"):
        # Publishing the story index or the home page "with its subpages" would publish drafts.
        stories = any(StoryPage.objects.descendant_of(page).exists() for page in objects)
    if stories:
        messages.error(request, _story_message())
        return redirect("wagtailadmin_explore_root")
    return None


@hooks.register("after_edit_page")
def owners_of_the_new_challenge_are_asked(request, page):
    """An editor chose another project or challenge while the owner's sign-off was waiting:
    the owners of the new one are asked instead."""
    if isinstance(page, StoryPage):
        page.restart_owner_sign_off(user=request.user)


@hooks.register("insert_editor_js")
def name_the_admin_fields():
    """Accessible names for the rich-text editor and StreamField blocks (static/js/admin-field-names.js)."""
    return format_html('<script src="{}" defer></script>', static("js/admin-field-names.js"))
