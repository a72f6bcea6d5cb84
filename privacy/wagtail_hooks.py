from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from privacy.services import DELETED_ACTION


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(DELETED_ACTION, _("Delete account"), _("Account deleted by its owner"))
