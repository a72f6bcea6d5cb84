from django.urls import path

from marketplace.views import impact as impact_views

app_name = "impact"


urlpatterns = [
    path("", impact_views.impact, name="index"),
    path("impact.csv", impact_views.impact_csv, name="csv"),
]

