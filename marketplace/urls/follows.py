from django.urls import path
from django.utils.translation import gettext_lazy as _

from marketplace.views import follows as views

app_name = "follows"


urlpatterns = [
    path("", views.follow_view, name="follow"),
    path(_("stop/"), views.unfollow_view, name="unfollow"),
]

