from django.urls import path
from django.utils.translation import gettext_lazy as _

from privacy import views

app_name = "privacy"

urlpatterns = [
    path(_("my-data/"), views.my_data, name="my_data"),
    path(_("my-data/download/"), views.my_data_download, name="download"),
    path(_("my-data/delete-account/"), views.account_delete, name="account_delete"),
]
