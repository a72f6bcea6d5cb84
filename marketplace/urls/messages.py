from django.urls import path
from django.utils.translation import gettext_lazy as _

from marketplace.views import messages as views

app_name = "messages"


urlpatterns = [
    path(_("files/<uuid:pk>/"), views.message_file, name="file"),
    path(_("files/<uuid:pk>/thumbnail/"), views.message_thumbnail, name="thumbnail"),
]
