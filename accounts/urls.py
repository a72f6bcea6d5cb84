from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.my_page, name="my_page"),
    path("profiel/", views.profile, name="profile"),
]
