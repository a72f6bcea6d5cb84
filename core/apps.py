from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks.signals import task_finished, task_started
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core import page_cache
from core.logs import bind_task_request_id, unbind_task_request_id


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
