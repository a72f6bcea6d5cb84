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
    actions.register_action("marketplace.organisation.invited", _("Invite colleague"), _("Colleague invited"))
    actions.register_action("marketplace.organisation.joined", _("Join organisation"), _("Colleague joined"))
    actions.register_action(
        "marketplace.organisation.invitation_withdrawn", _("Withdraw invitation"), _("Invitation withdrawn")
    )
    actions.register_action("marketplace.organisation.member_removed", _("Remove member"), _("Member removed"))
    actions.register_action("marketplace.organisation.role_changed", _("Change role"), _("Member's role changed"))
