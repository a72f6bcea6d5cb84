"""Field-by-field translation of editorial content, with a Dutch fallback.

A translatable field ``intro`` is stored as ``intro`` (Dutch, required where the field is)
and ``intro_en`` (English, optional). ``display_intro = TranslatedField("intro")`` reads the
English value on English pages and falls back to Dutch when it is empty; ``language_of()``
says which one was shown, so templates can mark fallback text with ``lang="nl"``.
"""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, override

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


def writer_language() -> str:
    """The language someone writes in by default: the language of the page they write on. Forms
    offer it as the initial choice of a text's language, which the writer can change."""
    return _current_language()


def language_of(instance, attribute_name: str) -> str:
    """The language in which ``instance.<attribute_name>`` (a TranslatedField) is shown now."""
    return getattr(type(instance), attribute_name).language_for(instance)


def in_language(text, language: str | None):
    """``text`` (escaped) in a ``<span lang>`` when its language is known: user-written text inside
    a sentence in the page's language, such as a challenge's title in "Project: …" (WCAG 3.1.2)."""
    if not language:
        return text
    return format_html('<span lang="{}">{}</span>', language, text)


class StoredName(str):
    """A name kept in the database as the English message id of a translation and shown in the
    reader's language wherever it becomes text: templates, ``%`` formatting and f-strings all
    call ``__str__``. It compares, hashes and queries as the stored key, so a lookup by name
    keeps working in every language. Used for the names of the workflows and tasks our
    migrations create, which Wagtail shows verbatim in its admin and its e-mails."""

    __slots__ = ()

    def __str__(self):
        return gettext(str.__str__(self))

    def __format__(self, format_spec):
        return format(str(self), format_spec)


_stored_names: set[str] = set()


def translate_stored_names(*keys: str) -> None:
    """Each app names the stored names it created (marked with ``gettext_noop``)."""
    _stored_names.update(keys)


def name_for_display(value):
    return StoredName(value) if isinstance(value, str) and value in _stored_names else value


def name_to_store(value):
    """What an admin form sends back unchanged is the name in the editor's language; it is
    stored as its key again, so the other language keeps its translation. A name an editor
    typed themselves is stored as typed and shown as typed."""
    if not isinstance(value, str) or value in _stored_names:
        return value
    for key in _stored_names:
        for code, _name in settings.LANGUAGES:
            with override(code):
                if gettext(key) == value:
                    return key
    return value


def show_translated_name(sender, instance, **kwargs):
    """post_init and post_save receiver for a model with a ``name`` (Wagtail's Workflow and Task)."""
    if "name" in instance.__dict__:
        instance.name = name_for_display(instance.name)


def store_name_key(sender, instance, **kwargs):
    """pre_save receiver: the database gets the plain key (or the name as typed)."""
    if isinstance(instance.name, str):
        instance.name = name_to_store(str.__str__(instance.name))


def lazy_percent(text, values: dict):
    """``text % values`` for a lazily translated ``text``, worked out when it is shown: ``%`` on a
    lazy string translates it at once, in the language of that moment (at import, for a form's
    help text), so an English page would show the Dutch sentence."""
    return lazy(lambda: text % values, str)()
