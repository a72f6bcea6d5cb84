from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profiel/", views.profile, name="profile"),
    path(_("notifications/"), views.notification_list, name="notifications"),
    path(_("notifications/<int:pk>/"), views.notification_open, name="notification_open"),
    path(_("notifications/mark-all-read/"), views.notifications_read_all, name="notifications_read_all"),
    path(_("notifications/e-mail/"), views.notification_settings, name="notification_settings"),
    path(_("two-step-login/continue/"), views.mfa_continue, name="mfa_continue"),
    path(_("confirm-with-your-institution/"), views.reauthenticate_institution, name="reauthenticate_institution"),
]
