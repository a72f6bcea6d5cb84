"""Reads about a person's data: what is held (the My data page), and the download — a ZIP with
one JSON of everything in the registry (core.privacy), labelled in the person's language, and
the files they uploaded.

The download runs one query per registered model whatever the amount of data, and streams the
files from their storage into a temporary file, never into memory."""

import datetime
import json
import posixpath
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from allauth.account.models import EmailAddress
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.selectors import user_roles
from core.privacy import Entry, Erasure, Person, autodiscover, rows_of_person

JSON_NAME = "data.json"


def person_for(user) -> Person:
    """The person with every name they are known by here; one query."""
    emails = [user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)]
    names = [str.__str__(user.display_name), *emails]
    return Person(user=user, names=tuple(dict.fromkeys(name for name in names if name)))


# What is held (the My data page)


@dataclass
class Section:
    title: str
    count: int
    erasures: list[tuple[str, str]] = field(default_factory=list)
    """What happens on deletion: (how, why) per different way."""


ERASURE_LABELS = {
    Erasure.DELETE: lambda: _("Deleted"),
    Erasure.ANONYMISE: lambda: _("Replaced"),
    Erasure.KEEP: lambda: _("Kept"),
}


def data_overview(user) -> list[Section]:
    """Each kind of data held about ``user`` (only kinds with something in them), how many, and
    what deleting the account does with it. One query per kind in the registry."""
    person = person_for(user)
    sections = []
    for entry in autodiscover().entries:
        if not entry.export:
            continue
        count = entry.get_model()._base_manager.filter(rows_of_person(entry, person)).distinct().count()
        if not count:
            continue
        erasures = []
        for personal in entry.fields:
            pair = (ERASURE_LABELS[personal.erasure](), str(personal.reason))
            if pair not in erasures:
                erasures.append(pair)
        sections.append(Section(title=str(capfirst(entry.section_title())), count=count, erasures=erasures))
    return sections


# The download


def personal_data_export(user):
    """The ZIP of everything held about ``user``, as an open temporary file (the caller closes
    it), and its file name. Labels and values are in the person's own language."""
    person = person_for(user)
    archive = tempfile.TemporaryFile()  # handed on open: the response closes it
    with translation.override(user.preferred_language), zipfile.ZipFile(archive, "w") as zipped:
        sections = {}
        for entry in autodiscover().entries:
            if entry.export:
                rows = _export_entry(entry, person, zipped)
                if rows:
                    title = str(capfirst(entry.section_title()))
                    sections.setdefault(title, []).extend(rows)
        document = {
            _("About this file"): _(
                "Everything Leren met de Stad holds about you, made on %(date)s. Files you uploaded are in the "
                "folder “files”; a value “files/…” names one of them."
            ) % {"date": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
            _("Roles"): _roles(user),
            **sections,
        }
        zipped.writestr(
            JSON_NAME, json.dumps(document, ensure_ascii=False, indent=2, default=str), zipfile.ZIP_DEFLATED
        )
        filename = _("leren-met-de-stad-my-data-%(date)s.zip") % {"date": timezone.localdate().isoformat()}
    archive.seek(0)
    return archive, filename


def _export_entry(entry: Entry, person: Person, zipped: zipfile.ZipFile) -> list[dict]:
    model = entry.get_model()
    columns = [_column(model, column) for column in entry.export]
    files = set(entry.files)
    rows = (
        model._base_manager.filter(pk__in=model._base_manager.filter(rows_of_person(entry, person)).values("pk"))
        .select_related(*entry.select_related)
        .order_by("pk")
    )
    exported = []
    for row in rows.iterator(chunk_size=500):
        item = {}
        for label, name, model_field in columns:
            if name in files:
                item[label] = _add_file(zipped, model, row, getattr(row, name))
            else:
                item[label] = _value(row, name, model_field)
        exported.append(item)
    return exported


def _column(model, column):
    """(label, attribute, model field or None) for a column of the download."""
    if isinstance(column, tuple):
        label, name = column
        return str(capfirst(label)), name, None
    model_field = model._meta.get_field(column)
    return str(capfirst(model_field.verbose_name)), column, model_field


def _value(row, name: str, model_field):
    if model_field is not None and model_field.choices and not model_field.is_relation:
        return _plain(getattr(row, f"get_{name}_display")())
    value = getattr(row, name)
    if callable(value) and not isinstance(value, models.Model):
        value = value()
    return _plain(value)


def _plain(value):
    """A value as JSON holds it: text for what is not a number, a truth or a list."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID | Promise | models.Model):
        return str(value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


def _add_file(zipped: zipfile.ZipFile, model, row, stored: FieldFile):
    """Copy a stored file into the ZIP under files/; its path there, or None when there is none."""
    if not stored:
        return None
    arcname = posixpath.join("files", model._meta.model_name, str(row.pk), posixpath.basename(stored.name))
    try:
        with stored.storage.open(stored.name, "rb") as source, zipped.open(arcname, "w") as target:
            shutil.copyfileobj(source, target, length=1024 * 1024)
    except FileNotFoundError:
        return None
    return arcname


def _roles(user) -> list[str]:
    roles = user_roles(user)
    described = [_("Student at %(institution)s") % {"institution": each.display_name} for each in roles.student_of]
    described += [_("Lecturer at %(institution)s") % {"institution": each.display_name} for each in roles.lecturer_of]
    described += [
        _("Lecturer at %(institution)s — waiting for approval") % {"institution": each.display_name}
        for each in roles.lecturer_candidate_of
    ]
    if roles.is_editor:
        described.append(_("Editor"))
    if roles.is_broker:
        described.append(_("Knowledge broker"))
    return described
