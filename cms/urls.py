from django.urls import path
from django.utils.translation import gettext_lazy as _

from cms import views

app_name = "stories"


urlpatterns = [
    path(_("<int:page_id>/confirm/"), views.sign_off, name="sign_off"),
    path(_("<int:page_id>/photo/<uuid:photo_id>/"), views.story_photo, name="photo"),
]

