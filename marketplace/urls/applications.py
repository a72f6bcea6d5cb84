from django.urls import path
from django.utils.translation import gettext_lazy as _

from marketplace.views import applications as views
from marketplace.views import messages as message_views

app_name = "applications"


urlpatterns = [
    path(_("apply/<int:challenge_pk>/"), views.application_new, name="new"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path(_("<int:pk>/edit/"), views.application_edit, name="edit"),
    path(_("<int:pk>/endorse/"), views.application_endorse_view, name="endorse"),
    path(_("<int:pk>/withdraw/"), views.application_withdraw_view, name="withdraw"),
    path(_("<int:pk>/messages/"), message_views.application_message_new, name="message"),
]

