from django.apps import AppConfig
from django.db.models.signals import post_init, post_save, pre_save
from django.utils.translation import gettext_lazy as _
from django_tasks.signals import task_finished, task_started
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core import page_cache
from core.logs import bind_task_request_id, unbind_task_request_id
from core.translation import show_translated_name, store_name_key


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared foundations")

    def ready(self):
        # Every app's privacy.py declares its personal data (core.privacy); checked at start-up.
        from core.privacy import autodiscover  # noqa: PLC0415 — the registry imports the apps' models

        autodiscover()
        # A task's log lines carry the id of the request that queued it, in the worker too.
        task_started.connect(bind_task_request_id, dispatch_uid="core.logs.bind_task_request_id")
        task_finished.connect(unbind_task_request_id, dispatch_uid="core.logs.unbind_task_request_id")
        # What changes a public page starts a new generation of the page cache; each app names its
        # own models, Wagtail's pages, images and documents are named here.
        page_cache.connect_page_signals()
        page_cache.invalidate_on(
            self.apps.get_model("wagtailcore", "Page"),
            self.apps.get_model("wagtailcore", "PageViewRestriction"),  # also core.pages
            get_image_model(),
            get_document_model(),
        )
        # Wagtail shows the names of workflows and tasks verbatim, in its admin and its e-mails;
        # the ones our apps create are stored as message ids and shown translated
        # (core.translation.StoredName). A receiver per concrete model: Task is subclassed.
        named = (self.apps.get_model("wagtailcore", "Workflow"), self.apps.get_model("wagtailcore", "Task"))
        for model in self.apps.get_models():
            if issubclass(model, named):
                post_init.connect(show_translated_name, sender=model, dispatch_uid="core.name.shown")
                post_save.connect(show_translated_name, sender=model, dispatch_uid="core.name.saved")
                pre_save.connect(store_name_key, sender=model, dispatch_uid="core.name.stored")
