from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as account_views

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Wagtail's own login and password screens give way to the site's single allauth login.
    path("admin/login/", RedirectView.as_view(url=settings.WAGTAILADMIN_LOGIN_URL, query_string=True)),
    path("admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path(_("my-page/"), include("accounts.urls")),
    path(_("my-challenges/"), include("marketplace.urls")),
    path(_("organisations/"), include("marketplace.organisation_urls")),
    path(_("teams/"), include("marketplace.team_urls")),
    path(_("projects/"), include("marketplace.project_urls")),
    path(_("applications/"), include("marketplace.application_urls")),
    path(_("feeds/"), include("marketplace.feed_urls")),
    path(_("broker/"), include("marketplace.broker_urls")),
    path(_("impact/"), include("marketplace.impact_urls")),
    path(_("follow/"), include("marketplace.follow_urls")),
    path(_("story/"), include("cms.story_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
