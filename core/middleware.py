from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with one policy for the site and another for the Wagtail admin.

    The site's policy (``CONTENT_SECURITY_POLICY``) allows no inline script or style at all. The
    admin is Wagtail's own code, which still writes inline scripts and styles; it gets
    ``CONTENT_SECURITY_POLICY_ADMIN`` instead, so that loosening it never loosens the site. A
    response that brings its own header (private files, Wagtail's documents) keeps it.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if getattr(request, "is_preview", False):
            # Wagtail renders a preview through the whole middleware stack with the page's own
            # path, and shows it in a frame of the admin: the site's policy, framed by the admin.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        elif self.is_admin(request):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts

    @staticmethod
    def is_admin(request) -> bool:
        return request.path_info.startswith(reverse("wagtailadmin_home"))
