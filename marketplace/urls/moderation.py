from django.urls import path

from marketplace.views import moderation as views

app_name = "moderation"


urlpatterns = [
    path("<slug:kind>/<int:pk>/", views.report_new, name="report"),
]
