from django.urls import path
from django.utils.translation import gettext_lazy as _

from marketplace.views import applications, challenges

app_name = "marketplace"


urlpatterns = [
    path(_("new/"), challenges.challenge_new, name="challenge_new"),
    path(_("similar/"), challenges.challenge_similar, name="challenge_similar"),
    path(_("<int:pk>/edit/"), challenges.challenge_edit, name="challenge_edit"),
    path(_("<int:pk>/preview/"), challenges.challenge_preview, name="challenge_preview"),
    path(_("<int:pk>/submit/"), challenges.challenge_submit_view, name="challenge_submit"),
    path(_("<int:pk>/manage/"), challenges.challenge_manage, name="challenge_manage"),
    path(_("<int:pk>/close/"), challenges.challenge_close_view, name="challenge_close"),
    path(_("<int:pk>/follow-up/"), challenges.challenge_follow_up_view, name="challenge_follow_up"),
    path(_("<int:pk>/applications/<int:application_pk>/decide/"), applications.application_decide,
         name="application_decide"),
]

