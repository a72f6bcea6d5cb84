from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.my_page, name="my_page"),
]
