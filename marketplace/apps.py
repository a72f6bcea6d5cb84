from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, workflow_approved, workflow_rejected

from core import page_cache
from core.translation import translate_stored_names
from marketplace.choices import REVIEW_TASK, REVIEW_WORKFLOW


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Marketplace")

    def ready(self):
        # The receivers' module imports models, which cannot load before the app registry is ready.
        from marketplace.notifications import challenges as notifications  # noqa: PLC0415

        translate_stored_names(REVIEW_WORKFLOW, REVIEW_TASK)
        # Posters never use the admin, so its own e-mails (which link into it) are replaced
        # by ours; see marketplace.services.challenges.challenge_submit.
        workflow_approved.connect(notifications.on_workflow_approved, dispatch_uid="marketplace_challenge_approved")
        workflow_rejected.connect(notifications.on_workflow_rejected, dispatch_uid="marketplace_challenge_rejected")
        # Followers hear of a new challenge however it was published.
        page_published.connect(notifications.on_page_published, dispatch_uid="marketplace_challenge_published")
        # What public pages show of the marketplace: a challenge's state (saved outside publishing),
        # places, themes, organisations, the teams and projects on a challenge page and the impact
        # figures (core.page_cache).
        page_cache.invalidate_on(
            *(
                self.get_model(name)
                for name in (
                    "ChallengePage", "Neighbourhood", "Theme", "Organisation", "OrganisationMembership", "Team",
                    "TeamMembership", "Supervision", "Application", "Project", "Attachment", "LogHours",
                )
            )
        )
