from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.translation import writer_language
from marketplace.choices import ContentLanguage
from marketplace.files.uploads import check_file_count, clean_upload, shown_name

# A browser's date field takes ISO dates only, whatever the language of the page.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WrittenInField(forms.ChoiceField):
    """The language a person writes a text in (WCAG 3.1.2: the page marks the text with it). It
    starts at the language of the page they write on, which is also what a form sent without
    it (a script, an older page) gets."""

    def clean(self, value):
        return super().clean(value) or writer_language()


def written_in_field(label) -> forms.ChoiceField:
    return WrittenInField(
        label=label,
        choices=ContentLanguage.choices,
        initial=writer_language,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("So that screen readers read it aloud in the right language."),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked by the form that uses it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def clean_uploads(form, field: str, kind: str) -> list:
    """The checked and cleaned uploads of ``field``; each refused file is an error on the field."""
    files = form.cleaned_data.get(field) or []
    try:
        check_file_count(files)
    except ValidationError as error:
        form.add_error(field, error)
        return []
    cleaned = []
    for upload in files:
        try:
            cleaned.append(clean_upload(upload, kind=kind))
        except ValidationError as error:
            form.add_error(field, error)
    return cleaned


def file_too_large(refusal) -> str:
    return _("“%(name)s” is larger than 20 MB.") % {"name": shown_name(refusal.file_name)}
