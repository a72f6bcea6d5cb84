from django import template

from core.translation import language_of

register = template.Library()


@register.simple_tag
def field_language(instance, attribute_name):
    """The language a translated field is shown in, for a ``lang`` attribute."""
    return language_of(instance, attribute_name)
