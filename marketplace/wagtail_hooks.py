from wagtail import hooks

from .viewsets import MarketplaceViewSetGroup


@hooks.register("register_admin_viewset")
def register_viewsets():
    return MarketplaceViewSetGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    from django.utils.translation import gettext_lazy as _

    actions.register_action("marketplace.challenge.created", _("Create challenge"), _("Challenge posted as a draft"))
    actions.register_action("marketplace.challenge.edited", _("Edit challenge"), _("Challenge changed by its poster"))
    actions.register_action("marketplace.challenge.submitted", _("Submit challenge"), _("Challenge sent for review"))
