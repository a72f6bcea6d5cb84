from django import template

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
