"""PRODUCT.md rule 8: every field that holds personal data or points at a person is in the AVG
registry (core.privacy), so it is in the download or the erasure. This walks every concrete
model of every installed app — ours, Wagtail's, allauth's, Django's."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import translation

from accounts.models import Notification, User
from core.privacy import (
    Entry,
    Erasure,
    Person,
    PersonalField,
    Registry,
    autodiscover,
    check,
    mentioning,
    scrub_json,
    scrub_text,
)
from tests.factories import NotificationFactory

# Field names that hold a person's data wherever they occur.
PERSONAL_NAME = re.compile(
    r"(^|_)(e?mail|email_address|phone|contact|display_name|first_name|last_name|ip_address|user_agent|authors?)(_|$)"
)

# Fields whose names look personal but hold nothing about a person of this site, and why.
NOT_PERSONAL = {
    ("wagtailembeds.Embed", "author_name"): "the author an embedded page's provider names: public, not our users",
    ("marketplace.ChallengePage", "show_phone_to_team"): "a yes or no about the number in contact_phone (which is "
    "registered); in the download beside it",
}


def personal_fields():
    """(model, field) for every concrete field that points at the user model or looks personal."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy:
            continue
        for model_field in model._meta.get_fields():
            # Inherited fields belong to the model that declares them (Page.owner, not ChallengePage.owner).
            if not getattr(model_field, "concrete", False) or model_field.model is not model:
                continue
            points_at_a_person = model_field.is_relation and model_field.related_model is user_model
            looks_personal = not model_field.is_relation and (
                isinstance(model_field, models.EmailField | models.GenericIPAddressField)
                or PERSONAL_NAME.search(model_field.name)
            )
            if points_at_a_person or looks_personal:
                yield model, model_field


def test_every_field_that_holds_personal_data_or_points_at_a_person_is_in_the_registry():
    registry = autodiscover()
    missing = [
        f"{model._meta.label}.{model_field.name}"
        for model, model_field in personal_fields()
        if (model._meta.label, model_field.name) not in NOT_PERSONAL
        and model_field.name not in registry.fields_of(model)
    ]
    assert missing == []


def test_the_walk_sees_our_wagtails_allauths_and_djangos_models():
    """So that the test above cannot pass by looking at nothing."""
    seen = {f"{model._meta.label}.{model_field.name}" for model, model_field in personal_fields()}
    assert {
        "accounts.User.email",
        "marketplace.ChallengePage.contact_phone",
        "marketplace.LogHours.person",
        "wagtailcore.Revision.user",
        "wagtailimages.Image.uploaded_by_user",
        "account.EmailAddress.user",
        "mfa.Authenticator.user",
        "accounts.User_groups.user",
    } <= seen


def test_every_registered_field_is_downloaded_or_erased():
    """A field is in the download (its rows or its column), or deleting the account deletes or
    replaces it, or it is kept for a stated reason."""
    unaccounted = [
        f"{entry.model}.{personal.name}"
        for entry in autodiscover().entries
        for personal in entry.fields
        if not (personal.exported and entry.export)
        and personal.erasure not in (Erasure.DELETE, Erasure.ANONYMISE)
        and not (personal.erasure is Erasure.KEEP and str(personal.reason))
    ]
    assert unaccounted == []


def test_the_exceptions_name_fields_that_exist():
    for label, name in NOT_PERSONAL:
        apps.get_model(label)._meta.get_field(name)


@pytest.mark.parametrize(
    "entry",
    [
        Entry("marketplace.Follow", fields=(PersonalField("follower", Erasure.DELETE, "gone"),)),
        Entry("marketplace.Follow", person=("user__nickname",), fields=(PersonalField("user", Erasure.DELETE, "x"),)),
        Entry("marketplace.Follow", export=("topic_slug",), fields=(PersonalField("user", Erasure.DELETE, "x"),)),
        Entry("marketplace.Follower", fields=(PersonalField("user", Erasure.DELETE, "x"),)),
        Entry("marketplace.Follow", fields=(PersonalField("user", Erasure.DELETE, ""),)),
    ],
    ids=["field", "lookup", "column", "model", "no reason"],
)
def test_an_entry_naming_what_does_not_exist_fails(entry):
    with pytest.raises(ImproperlyConfigured):
        check(Registry(entries=[entry]))


def test_a_well_formed_entry_passes():
    check(Registry(entries=[Entry("marketplace.Follow", fields=(PersonalField("user", Erasure.DELETE, "x"),))]))


def test_names_are_replaced_as_whole_words_in_any_case():
    names = ["Jan de Boer", "jan@example.org"]
    assert scrub_text("Goed gedaan, jan de boer! Mail jan@example.org in januari.", names) == (
        "Goed gedaan, voormalig deelnemer! Mail voormalig deelnemer in januari."
    )
    assert scrub_json({"member": "Jan de Boer", "entries": 3, "notes": ["Jan de Boer belde"]}, names) == {
        "member": "voormalig deelnemer", "entries": 3, "notes": ["voormalig deelnemer belde"]
    }


@pytest.mark.django_db
def test_an_erased_name_reads_in_the_readers_language():
    erased = User.objects.get(pk=User.objects.create_user(email="x@example.org", display_name="voormalig deelnemer").pk)
    with translation.override("en"):
        assert str(erased.display_name) == "former participant"
        assert str(erased) == "former participant"
    with translation.override("nl"):
        assert str(erased.display_name) == "voormalig deelnemer"


@pytest.mark.django_db
def test_a_name_with_an_accent_is_found_in_a_json_column_too():
    notification = NotificationFactory(params={"team": "Het team van Daniëlle Öztürk"})
    person = Person(user=notification.recipient, names=("Daniëlle Öztürk",))
    assert list(Notification.objects.filter(mentioning("params")(person))) == [notification]
