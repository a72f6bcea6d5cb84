from django import template

from cms.models import FooterSettings, NavigationSettings
from cms.navigation import resolve_links
from cms.navigation import site_address as translate

register = template.Library()


@register.filter
def site_address(url):
    """An address on this site typed as the Dutch one (``/impact/``), in the visitor's language."""
    return translate(url or "")


@register.simple_tag(takes_context=True)
def main_menu_links(context):
    """The main menu links from the site settings; empty while editors have set none."""
    request = context.get("request")
    return resolve_links(NavigationSettings.load(request_or_site=request).links, request)


@register.simple_tag(takes_context=True)
def footer_settings(context):
    """The footer's settings (text and links), loaded once per request."""
    return FooterSettings.load(request_or_site=context.get("request"))


@register.simple_tag(takes_context=True)
def resolved_links(context, stream_value):
    """The live links of a settings' link stream, in the visitor's language."""
    return resolve_links(stream_value, context.get("request"))
