from django import template
from wagtail.models import Page

from core.social import SocialCard, card_for_page, meta_tags, site_card
from core.translation import in_language as _in_language
from core.translation import language_of

register = template.Library()


@register.simple_tag
def field_language(instance, attribute_name):
    """The language a translated field is shown in, for a ``lang`` attribute."""
    return language_of(instance, attribute_name)


@register.filter
def in_language(text, language):
    """``{{ challenge.title|in_language:challenge.language }}``, also in ``blocktranslate with``."""
    return _in_language(text, language)


@register.filter
def asks_for_a_password(form) -> bool:
    """Whether a form has a password field: after an error it comes back empty (a password is never
    sent back to the browser), so the error summary says to type it again."""
    return any(field.widget_type == "password" for field in form.visible_fields())


@register.inclusion_tag("components/social_meta.html", takes_context=True)
def social_meta(context, title=None, description=""):
    """The Open Graph and Twitter card tags of the page (core.social): of the Wagtail ``page`` in
    the context, or of ``title`` and ``description`` for a page of our own views."""
    request = context.get("request")
    if request is None:
        return {"tags": []}
    page = context.get("page")
    url = request.build_absolute_uri(request.path)
    if title is not None:
        card = SocialCard(title=str(title), description=str(description))
    elif isinstance(page, Page):
        card = card_for_page(page)
        url = absolute_url(context, page.get_url(request))
    else:
        card = site_card()
    return {"tags": meta_tags(request, card, url)}


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """``path`` on this site as the person reached it (the host they asked for, which
    ALLOWED_HOSTS vouches for), e.g. for a link they share."""
    return context["request"].build_absolute_uri(path)
