from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as account_views
from config import views
from core.metrics import metrics

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    # Wagtail's own login and password screens give way to the site's single allauth login.
    path("admin/login/", RedirectView.as_view(url=settings.WAGTAILADMIN_LOGIN_URL, query_string=True)),
    path("admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    # Before allauth's own, under its name: says so when the institution's issuer cannot be reached.
    path("accounts/oidc/<str:provider_id>/login/", account_views.institution_login, name="openid_connect_login"),
    path("accounts/", include("allauth.urls")),
    path(_("my-page/"), include("dashboard.urls")),
    path(_("my-page/"), include("accounts.urls")),
    path(_("my-page/"), include("privacy.urls")),
    path(_("my-challenges/"), include("marketplace.urls.challenges")),
    path(_("organisations/"), include("marketplace.urls.organisations")),
    path(_("teams/"), include("marketplace.urls.teams")),
    path(_("projects/"), include("marketplace.urls.projects")),
    path(_("applications/"), include("marketplace.urls.applications")),
    path(_("messages/"), include("marketplace.urls.messages")),
    path(_("report/"), include("marketplace.urls.moderation")),
    path(_("feeds/"), include("marketplace.urls.feeds")),
    path(_("broker/"), include("marketplace.urls.broker")),
    path(_("impact/"), include("marketplace.urls.impact")),
    path(_("follow/"), include("marketplace.urls.follows")),
    path(_("story/"), include("cms.urls")),
    # Wagtail's own front-end login is Django's plain LoginView: it would skip allauth's address
    # verification and rate limits. One way in, in both languages.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
