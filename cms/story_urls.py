from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import story_views

app_name = "stories"

urlpatterns = [
    path(_("<int:page_id>/confirm/"), story_views.sign_off, name="sign_off"),
    path(_("<int:page_id>/photo/<uuid:photo_id>/"), story_views.story_photo, name="photo"),
]
