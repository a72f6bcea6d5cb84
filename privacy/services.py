"""Writes about a person's data: deleting an account (the erasure every app's registry entry
describes, see core.privacy) and removing what is past its retention period."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User
from core import page_cache
from core.errors import DomainError
from core.privacy import Blocker, Entry, Erasure, Person, PersonalField, autodiscover, rows_of_field
from privacy.selectors import person_for

DELETED_ACTION = "accounts.user.deleted"


class PrivacyError(DomainError):
    """A rule stopped the change; the message is shown to the person as it is."""


def erasure_blockers(user) -> list[Blocker]:
    """Why ``user`` cannot delete their account yet, with what to hand over first."""
    return [blocker for check in autodiscover().blockers for blocker in check(user)]


@dataclass
class _Step:
    entry: Entry
    personal: PersonalField
    rows: object  # the queryset, filtered before anything changed


def account_erase(*, user: User, actor: User) -> None:
    """Delete ``user``'s account: every field in the registry is deleted, replaced or kept as it
    says, the files of deleted rows go, the account can never log in again (an unusable password
    changes the session hash, so every session of theirs ends; and it is inactive), and the
    site's history records the deletion by the account's id only. One transaction."""
    if actor.pk != user.pk:
        raise PrivacyError(_("You can only delete your own account."))
    files: list[tuple] = []
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_erased:
            raise PrivacyError(_("This account has already been deleted."))
        blockers = erasure_blockers(user)
        if blockers:
            raise PrivacyError(blockers[0].message)
        person = person_for(user)
        steps = _plan(person)
        # Other people's rows first, the rows that go next, the account itself last: its
        # name and addresses are what the steps before look for.
        for step in sorted(steps, key=_order):
            _apply(step, person, files)
        User.objects.filter(pk=user.pk).update(is_active=False, is_staff=False, is_superuser=False)
        user.refresh_from_db()
        log(user, DELETED_ACTION, user=user, data={"user": user.pk})
        # Their name on public pages (a challenge's poster, a team member) is anonymised by updates.
        page_cache.invalidate()
        transaction.on_commit(lambda: _delete_files(files))


def _plan(person: Person) -> list[_Step]:
    steps = []
    for entry in autodiscover().entries:
        model = entry.get_model()
        for personal in entry.fields:
            if personal.erasure is Erasure.KEEP:
                continue
            rows = model._base_manager.filter(rows_of_field(entry, personal, person))
            steps.append(_Step(entry=entry, personal=personal, rows=rows))
    return steps


def _order(step: _Step) -> int:
    if step.entry.model == User._meta.label:
        return 2
    return 1 if step.personal.erasure is Erasure.DELETE else 0


def _apply(step: _Step, person: Person, files: list[tuple]) -> None:
    personal, rows = step.personal, step.rows
    name = personal.name
    if personal.erasure is Erasure.DELETE:
        for field_name in (*step.entry.files, *step.entry.derived_files):
            model_field = step.entry.get_model()._meta.get_field(field_name)
            storage = model_field.storage
            files.extend((storage, stored) for stored in rows.values_list(field_name, flat=True) if stored)
        rows.delete()
    elif callable(personal.value):
        for row in rows.iterator(chunk_size=500):
            value = personal.value(row, person)
            if value != getattr(row, name):
                rows.model._base_manager.filter(pk=row.pk).update(**{name: value})
    else:
        rows.update(**{name: personal.value})


def _delete_files(files: list[tuple]) -> None:
    for storage, name in files:
        storage.delete(name)


# Retention


def data_purge(*, now, dry_run: bool = False, purges: list | None = None) -> dict[str, int]:
    """Remove what is past its retention period (``settings.PRIVACY_RETENTION_DAYS``), kind by
    kind, each in its own transaction; a second run removes nothing new. With ``dry_run``,
    only count. Returns the count per kind."""
    counts = {}
    for purge in autodiscover().purges if purges is None else purges:
        run: Callable[..., int] = purge.run
        if dry_run:
            counts[purge.kind] = run(now=now, dry_run=True)
        else:
            with transaction.atomic():
                counts[purge.kind] = run(now=now, dry_run=False)
    return counts
