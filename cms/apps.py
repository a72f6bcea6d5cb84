from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache
from core.translation import translate_stored_names


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        # The names of the story's workflow and tasks, shown translated; models load after the registry.
        # Stories join the kinds of text that can be reported (marketplace.reportable).
        import cms.reportable  # noqa: F401, PLC0415
        from cms.models.stories import OWNER_TASK, PUBLISH_TASK, STORY_WORKFLOW  # noqa: PLC0415

        translate_stored_names(STORY_WORKFLOW, OWNER_TASK, PUBLISH_TASK)
        # The menu and the footer are on every page (core.page_cache).
        page_cache.invalidate_on(self.get_model("NavigationSettings"), self.get_model("FooterSettings"))
