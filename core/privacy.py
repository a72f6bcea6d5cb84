"""The AVG (GDPR) registry: which fields hold personal data or point at a person, how each is
exported in the data download and what happens to it when the person deletes their account;
why a person cannot be deleted yet; and what is removed when its retention period is over.

Every app declares its own models in ``<app>/privacy.py`` (found the way the admin finds
``admin.py``, see ``autodiscover``). The download, the erasure and the purge that read the
registry compose every app, so they sit on top (the ``privacy`` app); nothing here imports an
app of this project. PRODUCT.md rule 8: a field that holds personal data or points at a person
and is missing here fails the coverage test.

How a field is erased:

- ``DELETE``: the rows go (with their files, see ``Entry.files``).
- ``ANONYMISE``: the field is set to a fixed value (or, for a text that mentions the person,
  a value worked out from the row: see ``scrub_text``/``scrub_json``).
- ``KEEP``: the field stays, for the reason given (and, where the reason is a retention period,
  until a purge removes it). A pointer that is kept points at the erased account, which holds
  nothing but "former participant".
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

# What an erased person's e-mail address becomes in rows that must hold one (an invitation, a
# challenge's contact). ".invalid" is reserved (RFC 2606): nothing is ever sent there.
ERASED_EMAIL_DOMAIN = "erased.invalid"
ERASED_EMAIL = f"former.participant@{ERASED_EMAIL_DOMAIN}"
# What an erased person's name becomes in stored texts; the account's own display name is
# shown in the reader's language instead (accounts.models.DisplayNameField).
ERASED_NAME = "voormalig deelnemer"


class Erasure(enum.StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"
    KEEP = "keep"


@dataclass(frozen=True)
class Person:
    """The person being exported or erased, with what identifies them in stored texts. Made
    once, before anything changes (their addresses are deleted during the erasure)."""

    user: Any
    names: tuple[str, ...]
    """Their display name and every e-mail address they have or had here, as stored."""

    @property
    def emails(self) -> tuple[str, ...]:
        return tuple(name for name in self.names if "@" in name)


RowsOf = Callable[[Person], Q]
Value = Any  # a fixed value, or a callable (row, person) -> value


@dataclass(frozen=True)
class PersonalField:
    name: str
    erasure: Erasure
    reason: str | Promise
    """Why this field is held and why it is erased this way (shown on the person's My data
    page and read as the record of processing)."""

    value: Value = None
    """ANONYMISE: the value the field gets, or a callable ``(row, person) -> value``."""

    rows: RowsOf | None = None
    """The rows this applies to. Default: where the field is the person (for a field that
    points at a person), else the entry's rows of the person."""

    exported: bool = True
    """In the download: a field that points at a person puts the rows where it is the person in
    the download; another field is one of its columns. A secret (an authenticator's key) is not."""


@dataclass(frozen=True)
class Entry:
    """One model's personal fields, declared by the app that owns the data."""

    model: str
    """``app_label.ModelName``."""

    fields: tuple[PersonalField, ...]

    person: tuple[str, ...] = ()
    """Lookups that tie a row to the person (``"team__memberships__user"``): the rows in the
    download, besides those where a personal pointer field is the person."""

    person_q: RowsOf | None = None
    """Rows of the person that lookups cannot say (an invitation to one of their addresses)."""

    export: tuple[str | tuple[str | Promise, str], ...] = ()
    """Columns of the download, in order: field names, or ``(label, attribute)`` for a value
    worked out by the model. Empty: the model is not in the download."""

    select_related: tuple[str, ...] = ()
    """What the exported columns (and the related objects' names) need, so the download runs
    one query per model."""

    files: tuple[str, ...] = ()
    """File fields: in the download for the exported rows; deleted with the rows."""

    derived_files: tuple[str, ...] = ()
    """File fields made from ``files`` (a thumbnail): deleted with the rows, not downloaded."""

    title: str | Promise = ""
    """The section's title; default: the model's plural name."""

    def get_model(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def section_title(self) -> str | Promise:
        return self.title or self.get_model()._meta.verbose_name_plural


@dataclass(frozen=True)
class Blocker:
    """Why a person cannot delete their account yet, and what to hand over first."""

    message: str | Promise
    url: str = ""
    link_text: str | Promise = ""


@dataclass(frozen=True)
class Purge:
    """Data whose retention period is over. ``run(now=..., dry_run=...)`` returns how many
    were (or, in a dry run, would be) removed; a second run removes nothing new."""

    kind: str
    label: str | Promise
    run: Callable[..., int]


@dataclass
class Registry:
    entries: list[Entry] = field(default_factory=list)
    blockers: list[Callable[[Any], list[Blocker]]] = field(default_factory=list)
    purges: list[Purge] = field(default_factory=list)

    def register(self, *entries: Entry) -> None:
        for entry in entries:
            self.entries.append(entry)

    def register_blockers(self, function: Callable[[Any], list[Blocker]]) -> Callable[[Any], list[Blocker]]:
        self.blockers.append(function)
        return function

    def register_purge(self, kind: str, label: str | Promise):
        def decorator(function):
            self.purges.append(Purge(kind=kind, label=label, run=function))
            return function

        return decorator

    def fields_of(self, model: type[models.Model]) -> dict[str, list[PersonalField]]:
        label = model._meta.label
        registered: dict[str, list[PersonalField]] = {}
        for entry in self.entries:
            if entry.model == label:
                for personal in entry.fields:
                    registered.setdefault(personal.name, []).append(personal)
        return registered


registry = Registry()
_discovered = False


def autodiscover() -> Registry:
    """Import every installed app's ``privacy`` module once, and check what they declared."""
    global _discovered
    if not _discovered:
        autodiscover_modules("privacy")
        _discovered = True
        check(registry)
    return registry


# Checks


def is_person_pointer(model_field) -> bool:
    return bool(model_field.is_relation and model_field.related_model is apps.get_model(settings.AUTH_USER_MODEL))


def _check_lookup(model: type[models.Model], lookup: str) -> None:
    current = model
    for part in lookup.split("__"):
        try:
            found = current._meta.get_field(part)
        except FieldDoesNotExist as error:
            raise ImproperlyConfigured(f"privacy registry: {model._meta.label} has no {lookup!r}") from error
        if found.is_relation:
            current = found.related_model


def check(checked: Registry) -> None:
    """Fail at start-up for a model or field that does not exist, a kept field without a reason,
    or an exported personal field that is not among the download's columns."""
    for entry in checked.entries:
        try:
            model = entry.get_model()
        except LookupError as error:
            raise ImproperlyConfigured(f"privacy registry: no model {entry.model!r}") from error
        for lookup in entry.person:
            _check_lookup(model, lookup)
        for name in (*entry.files, *entry.derived_files):
            _check_lookup(model, name)
        columns = set()
        for column in entry.export:
            if isinstance(column, str):
                _check_lookup(model, column)
                columns.add(column)
        for personal in entry.fields:
            model_field = _field(model, personal.name)
            if personal.erasure not in Erasure:
                raise ImproperlyConfigured(f"privacy registry: {entry.model}.{personal.name}: unknown erasure")
            if not personal.reason:
                raise ImproperlyConfigured(f"privacy registry: {entry.model}.{personal.name} needs a reason")
            if personal.erasure is Erasure.DELETE and model_field.many_to_many:
                raise ImproperlyConfigured(f"privacy registry: {entry.model}.{personal.name}: delete its through rows")
            pointer = is_person_pointer(model_field)
            if personal.exported and entry.export and not pointer and personal.name not in columns:
                raise ImproperlyConfigured(
                    f"privacy registry: {entry.model}.{personal.name} is exported but not a column of the download"
                )
            goes_with_the_row = personal.erasure is Erasure.DELETE and any(
                other.erasure is Erasure.DELETE and is_person_pointer(_field(model, other.name))
                for other in entry.fields
            )
            if personal.rows is None and not pointer and not (entry.person or entry.person_q or goes_with_the_row):
                raise ImproperlyConfigured(f"privacy registry: {entry.model}.{personal.name}: whose rows?")


def _field(model: type[models.Model], name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist as error:
        raise ImproperlyConfigured(f"privacy registry: {model._meta.label} has no field {name!r}") from error


# Rows of a person


def rows_of_person(entry: Entry, person: Person) -> Q:
    """The rows of ``entry``'s model in the person's download: by the entry's lookups, its extra
    filter, and every exported field that points at a person."""
    model = entry.get_model()
    condition = _lookups(entry, person)
    for personal in entry.fields:
        if personal.exported and is_person_pointer(model._meta.get_field(personal.name)):
            condition |= personal.rows(person) if personal.rows else Q(**{personal.name: person.user})
    return condition


def rows_of_field(entry: Entry, personal: PersonalField, person: Person) -> Q:
    """The rows whose ``personal`` field is erased the way it says: by default where it is the
    person; for another field, the entry's rows of the person, or else the rows that go with
    the person (those of the entry's fields that delete them)."""
    if personal.rows is not None:
        return personal.rows(person)
    model = entry.get_model()
    if is_person_pointer(model._meta.get_field(personal.name)):
        return Q(**{personal.name: person.user})
    if entry.person or entry.person_q:
        return _lookups(entry, person)
    condition = Q(pk__in=[])
    for other in entry.fields:
        if other.erasure is Erasure.DELETE and is_person_pointer(model._meta.get_field(other.name)):
            condition |= other.rows(person) if other.rows else Q(**{other.name: person.user})
    return condition


def _lookups(entry: Entry, person: Person) -> Q:
    condition = Q(pk__in=[])
    for lookup in entry.person:
        condition |= Q(**{lookup: person.user})
    if entry.person_q is not None:
        condition |= entry.person_q(person)
    return condition


# Values that mention the person


def scrub_text(text: str, names: Iterable[str], replacement: str = ERASED_NAME) -> str:
    """``text`` with every mention of ``names`` (as a whole word, any case) replaced."""
    for name in sorted((name for name in names if name), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", lambda _match: replacement, text, flags=re.IGNORECASE)
    return text


def scrub_json(value: Any, names: Sequence[str], replacement: str = ERASED_NAME) -> Any:
    """``value`` (decoded JSON) with every string that mentions ``names`` scrubbed."""
    if isinstance(value, str):
        return scrub_text(value, names, replacement)
    if isinstance(value, list):
        return [scrub_json(item, names, replacement) for item in value]
    if isinstance(value, dict):
        return {key: scrub_json(item, names, replacement) for key, item in value.items()}
    return value


def retention_cutoff(now: datetime, kind: str) -> datetime:
    """The moment before which data of ``kind`` is past its retention period
    (``settings.PRIVACY_RETENTION_DAYS``, named in the privacy statement)."""
    return now - timedelta(days=settings.PRIVACY_RETENTION_DAYS[kind])


def names_of(person: Person) -> list[str]:
    """The person's names worth looking for; very short ones would match other people's words."""
    return [name for name in person.names if len(name) >= 3]


def mentioning(field_name: str) -> RowsOf:
    """``rows`` for a text or JSON field that may name the person: the rows that do."""

    def rows(person: Person) -> Q:
        condition = Q(pk__in=[])
        for name in names_of(person):
            # A JSON column may hold "Daniëlle" as "Dani\u00eblle".
            for form in {name, json.dumps(name)[1:-1]}:
                condition |= Q(**{f"{field_name}__icontains": form})
        return condition

    return rows


def scrubbed(field_name: str) -> Callable[[Any, Person], Any]:
    """ANONYMISE ``value`` for such a field: its text with the person's names replaced."""
    return lambda row, person: scrub_json(getattr(row, field_name), names_of(person))
