from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.viewsets import PeopleViewSetGroup


@hooks.register("register_admin_viewset")
def register_viewsets():
    return PeopleViewSetGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("accounts.lecturer.requested", _("Request lecturer role"), _("Asked to be a lecturer"))
    actions.register_action("accounts.lecturer.approved", _("Approve lecturer"), _("Lecturer approved"))
    actions.register_action(
        "accounts.lecturer.approved_by_institution",
        _("Lecturer through a trusted institution"),
        _("Lecturer approved: the institution's login says they work there"),
    )
    actions.register_action("accounts.lecturer.rejected", _("Reject lecturer"), _("Lecturer not approved"))
    actions.register_action("accounts.profile.updated", _("Update profile"), _("Profile updated"))
    actions.register_action(
        "accounts.administrator.created", _("Create administrator"), _("Administrator created on the server")
    )
    actions.register_action(
        "accounts.notification_settings.updated", _("Change e-mail settings"), _("E-mail settings changed")
    )
