from django.urls import path
from django.utils.translation import gettext_lazy as _

from marketplace.views import organisations as views

app_name = "organisations"


urlpatterns = [
    path("", views.organisation_list, name="list"),
    path(_("invitation/<str:token>/"), views.organisation_invitation_view, name="invitation"),
    path(_("invitations/<int:invitation_pk>/accept/"), views.organisation_invitation_accept_view,
         name="invitation_accept"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path(_("<slug:slug>/members/"), views.organisation_members_view, name="members"),
    path(
        _("<slug:slug>/invitations/<int:pk>/withdraw/"),
        views.organisation_invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(_("<slug:slug>/members/<int:pk>/remove/"), views.organisation_member_remove_view, name="member_remove"),
    path(_("<slug:slug>/members/<int:pk>/role/"), views.organisation_member_role_view, name="member_role"),
]

