from wagtail import hooks

from .choosers import shared_photo_chooser_viewset


@hooks.register("register_admin_viewset")
def register_shared_photo_chooser():
    """The chooser of the story's "Team photo" block: its views need their admin URLs."""
    return shared_photo_chooser_viewset
