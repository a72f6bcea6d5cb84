from django.urls import path
from django.utils.translation import gettext_lazy as _

from marketplace.views import teams as views

app_name = "teams"


urlpatterns = [
    path("", views.team_list, name="list"),
    path(_("new/"), views.team_new, name="new"),
    path(_("join/<str:token>/"), views.team_join_view, name="join"),
    path(_("invitations/<int:invitation_pk>/accept/"), views.team_invitation_accept_view, name="invitation_accept"),
    path("<int:pk>/", views.team_detail, name="detail"),
    path(_("<int:pk>/edit/"), views.team_edit, name="edit"),
    path(_("<int:pk>/link/"), views.team_link_new, name="link_new"),
    path(_("<int:pk>/invitations/<int:invitation_pk>/withdraw/"), views.team_invitation_withdraw,
         name="invitation_withdraw"),
    path(_("<int:pk>/members/<int:member_pk>/remove/"), views.team_member_remove_view, name="member_remove"),
    path(_("<int:pk>/members/<int:member_pk>/role/"), views.team_member_role_view, name="member_role"),
    path(_("<int:pk>/supervisor/"), views.team_supervisor_search, name="supervisor_search"),
    path(_("<int:pk>/supervisor/<int:lecturer_pk>/ask/"), views.team_supervisor_ask, name="supervisor_ask"),
    path(_("supervision/<int:pk>/answer/"), views.supervision_answer_view, name="supervision_answer"),
    path(_("supervision/<int:pk>/withdraw/"), views.supervision_withdraw_view, name="supervision_withdraw"),
    path(_("supervision/<int:pk>/end/"), views.supervision_end_view, name="supervision_end"),
]

