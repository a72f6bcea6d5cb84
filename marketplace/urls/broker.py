from django.urls import path
from django.utils.translation import gettext_lazy as _

from marketplace.views import broker as views

app_name = "broker"


urlpatterns = [
    path("", views.desk, name="desk"),
    path(_("introduce/"), views.introduce, name="introduce"),
]

