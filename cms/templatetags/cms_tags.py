from django import template

from cms.navigation import footer, menu_links
from cms.navigation import site_address as translate

register = template.Library()


@register.filter
def site_address(url):
    """An address on this site typed as the Dutch one (``/impact/``), in the visitor's language."""
    return translate(url or "")


@register.simple_tag(takes_context=True)
def main_menu_links(context):
    """The main menu links from the site settings; empty while editors have set none."""
    return menu_links(context.get("request"))


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer's text and links from the site settings (cms.navigation.Footer)."""
    return footer(context.get("request"))
