from functools import partial

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from marketplace.admin import moderation, reports
from marketplace.admin.viewsets import READ_ONLY_MODELS, MarketplaceReaderPolicy, MarketplaceViewSetGroup

# Before the viewsets are registered, or Wagtail falls back to Django's model permissions.
for _model in READ_ONLY_MODELS:
    register_permission_policy(_model, MarketplaceReaderPolicy(_model), exact_class=True)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return MarketplaceViewSetGroup()


@hooks.register("register_admin_urls")
def register_report_urls():
    return [reports.urls(), moderation.urls()]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return moderation.menu_item()


for _index in range(len(reports.REPORTS)):
    hooks.register("register_reports_menu_item", partial(reports.menu_item, _index))


@hooks.register("construct_homepage_panels")
def add_marketplace_panel(request, panels):
    for panel in (moderation.dashboard_panel_for(request), reports.dashboard_panel_for(request)):
        if panel is not None:
            panels.append(panel)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("marketplace.calendar.renewed", _("New calendar address"), _("Calendar address made anew"))
    actions.register_action("marketplace.calendar.stopped", _("Stop calendar address"), _("Calendar address stopped"))
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
    for action, label, message in [
        ("marketplace.team.created", _("Form team"), _("Team formed")),
        ("marketplace.team.edited", _("Edit team"), _("Team changed")),
        ("marketplace.team.invited", _("Invite to team"), _("Student invited by e-mail")),
        ("marketplace.team.link_created", _("Make invitation link"), _("Invitation link made")),
        ("marketplace.team.invitation_withdrawn", _("Withdraw invitation"), _("Invitation withdrawn")),
        ("marketplace.team.joined", _("Join team"), _("Student joined")),
        ("marketplace.team.member_removed", _("Remove team member"), _("Member left or was removed")),
        ("marketplace.team.role_changed", _("Change role"), _("Member's role changed")),
        ("marketplace.team.lead_handed_over", _("Hand over the lead"), _("Lead handed over")),
        ("marketplace.supervision.requested", _("Ask a lecturer"), _("Lecturer asked to supervise")),
        ("marketplace.supervision.accepted", _("Accept supervision"), _("Lecturer accepted supervision")),
        ("marketplace.supervision.declined", _("Decline supervision"), _("Lecturer declined supervision")),
        ("marketplace.supervision.withdrawn", _("Withdraw request"), _("Supervision request withdrawn")),
        ("marketplace.supervision.ended", _("End supervision"), _("Supervision ended")),
        ("marketplace.application.submitted", _("Apply"), _("Application sent")),
        ("marketplace.application.resubmitted", _("Apply again"), _("Changed application sent again")),
        ("marketplace.application.endorsed", _("Endorse"), _("Endorsed by the supervisor")),
        ("marketplace.application.returned", _("Send back"), _("Sent back by the supervisor")),
        ("marketplace.application.withdrawn", _("Withdraw application"), _("Withdrawn by the team")),
    ]:
        actions.register_action(action, label, message)


@hooks.register("register_log_actions")
def register_decision_log_actions(actions):
    for action, label, message in [
        ("marketplace.application.accepted", _("Accept application"), _("Application accepted by the owner")),
        ("marketplace.application.declined", _("Decline application"), _("Application declined")),
        ("marketplace.project.created", _("Start project"), _("Project started")),
        ("marketplace.challenge.filled", _("Challenge filled"), _("All places taken; the challenge is in progress")),
    ]:
        actions.register_action(action, label, message)


@hooks.register("register_log_actions")
def register_project_log_actions(actions):
    for action, label, message in [
        ("marketplace.log_entry.created", _("Log work"), _("Log entry written")),
        ("marketplace.log_entry.edited", _("Edit log entry"), _("Log entry changed; its hours wait for review again")),
        ("marketplace.log_comment.created", _("Comment"), _("Comment on a log entry")),
        ("marketplace.message.sent", _("Send message"), _("Message sent")),
        ("marketplace.content.reported", _("Report content"), _("Content reported")),
        ("marketplace.content.hide", _("Hide content"), _("Reported content hidden by an editor")),
        ("marketplace.content.restore", _("Restore content"), _("Reported content shown again by an editor")),
        ("marketplace.content.dismiss", _("Dismiss reports"), _("Reports dismissed by an editor")),
        ("marketplace.milestone.created", _("Add milestone"), _("Milestone added")),
        ("marketplace.milestone.done", _("Tick off milestone"), _("Milestone done")),
        ("marketplace.milestone.reopened", _("Reopen milestone"), _("Milestone not done after all")),
        ("marketplace.milestone.deleted", _("Delete milestone"), _("Milestone deleted")),
        ("marketplace.project.delivered", _("Deliver"), _("Result delivered by the team")),
        ("marketplace.project.feedback_given", _("Give feedback"), _("Receipt confirmed with feedback")),
        ("marketplace.hours.approved", _("Approve hours"), _("Hours approved by the supervisor")),
        ("marketplace.hours.disputed", _("Dispute hours"), _("Hours disputed by the supervisor")),
        ("marketplace.project.completed", _("Complete project"), _("Project completed")),
        ("marketplace.project.cancelled", _("Stop project"), _("Project stopped")),
        ("marketplace.project.supervisor_set", _("Supervise project"), _("The team's supervisor takes the project")),
        ("marketplace.challenge.completed", _("Challenge completed"), _("Every project of the challenge is done")),
        ("marketplace.challenge.closed", _("Close challenge"), _("Challenge closed without result")),
        ("marketplace.challenge.reopened", _("Reopen challenge"), _("A project stopped; the place is free again")),
        ("marketplace.challenge.continued", _("Continue challenge"), _("Follow-up drafted for a next semester")),
    ]:
        actions.register_action(action, label, message)


@hooks.register("register_log_actions")
def register_broker_log_actions(actions):
    actions.register_action(
        "marketplace.broker.introduced", _("Introduce"), _("Team or lecturer introduced by a knowledge broker")
    )
