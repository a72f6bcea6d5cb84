"""Field-by-field translation of editorial content, with a Dutch fallback.

A translatable field ``intro`` is stored as ``intro`` (Dutch, required where the field is)
and ``intro_en`` (English, optional). ``display_intro = TranslatedField("intro")`` reads the
English value on English pages and falls back to Dutch when it is empty; ``language_of()``
says which one was shown, so templates can mark fallback text with ``lang="nl"``.
"""

from django.utils.translation import get_language

DEFAULT_LANGUAGE = "nl"


def _current_language() -> str:
    return (get_language() or DEFAULT_LANGUAGE).split("-")[0]


class TranslatedField:
    def __init__(self, field_name: str):
        self.field_name = field_name

    def __set_name__(self, owner, name):
        self.attribute_name = name

    def language_for(self, instance) -> str:
        language = _current_language()
        if language != DEFAULT_LANGUAGE and getattr(instance, f"{self.field_name}_{language}", None):
            return language
        return DEFAULT_LANGUAGE

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        language = self.language_for(instance)
        if language == DEFAULT_LANGUAGE:
            return getattr(instance, self.field_name)
        return getattr(instance, f"{self.field_name}_{language}")


def language_of(instance, attribute_name: str) -> str:
    """The language in which ``instance.<attribute_name>`` (a TranslatedField) is shown now."""
    return getattr(type(instance), attribute_name).language_for(instance)
