from django.urls import path
from django.utils.translation import gettext_lazy as _

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.my_page, name="my_page"),
    path(_("for-you/"), views.for_you_page, name="for_you"),
]
