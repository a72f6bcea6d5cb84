from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import manage_views, views

app_name = "marketplace"

urlpatterns = [
    path(_("new/"), views.challenge_new, name="challenge_new"),
    path(_("similar/"), views.challenge_similar, name="challenge_similar"),
    path(_("<int:pk>/edit/"), views.challenge_edit, name="challenge_edit"),
    path(_("<int:pk>/preview/"), views.challenge_preview, name="challenge_preview"),
    path(_("<int:pk>/submit/"), views.challenge_submit_view, name="challenge_submit"),
    path(_("<int:pk>/manage/"), manage_views.challenge_manage, name="challenge_manage"),
    path(_("<int:pk>/close/"), manage_views.challenge_close_view, name="challenge_close"),
    path(_("<int:pk>/follow-up/"), manage_views.challenge_follow_up_view, name="challenge_follow_up"),
    path(_("<int:pk>/applications/<int:application_pk>/decide/"), manage_views.application_decide,
         name="application_decide"),
]
