from django.urls import path
from django.utils.translation import gettext_lazy as _

from marketplace.views import exports as export_views
from marketplace.views import files
from marketplace.views import messages as message_views
from marketplace.views import projects as views

app_name = "projects"


urlpatterns = [
    path("<int:pk>/", views.project_detail, name="detail"),
    path(_("<int:pk>/log/new/"), views.log_entry_new, name="log_new"),
    path(_("log/<int:pk>/edit/"), views.log_entry_edit, name="log_edit"),
    path(_("log/<int:pk>/comment/"), views.log_comment_new, name="comment"),
    path(_("<int:pk>/milestones/new/"), views.milestone_new, name="milestone_new"),
    path(_("milestones/<int:pk>/done/"), views.milestone_done_view, name="milestone_done"),
    path(_("milestones/<int:pk>/delete/"), views.milestone_delete_view, name="milestone_delete"),
    path(_("<int:pk>/deliver/"), views.project_deliver_view, name="deliver"),
    path(_("<int:pk>/feedback/"), views.project_feedback_view, name="feedback"),
    path(_("<int:pk>/messages/"), message_views.project_messages, name="messages"),
    path(_("<int:pk>/hours/"), views.project_hours, name="hours"),
    path(_("<int:pk>/complete/"), views.project_complete_view, name="complete"),
    path(_("<int:pk>/cancel/"), views.project_cancel_view, name="cancel"),
    path(_("<int:pk>/certificate/"), export_views.certificate, name="certificate"),
    path(_("hours/"), export_views.hours_export, name="hours_export"),
    path(_("files/<uuid:pk>/"), files.attachment_file, name="file"),
    path(_("files/<uuid:pk>/thumbnail/"), files.attachment_thumbnail, name="thumbnail"),
]

