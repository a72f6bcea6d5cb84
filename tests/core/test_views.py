"""The views' shared helpers: not found and not allowed both answer 404; a rule's refusal
becomes an error message or a form error with its own words."""

from dataclasses import dataclass

import pytest
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from accounts.services import AccountsError
from core.errors import DomainError
from core.views import domain_errors, form_errors, get_access_or_404, get_allowed_or_404, user_passes_or_404
from marketplace.services.errors import MarketplaceError
from tests.factories import UserFactory

User = get_user_model()


def is_same_person(user, other) -> bool:
    return user.pk == other.pk


@dataclass(frozen=True)
class PersonAccess:
    is_self: bool

    @property
    def can_view(self) -> bool:
        return self.is_self


def person_access(user, other) -> PersonAccess:
    return PersonAccess(is_self=user.pk == other.pk)


def refuse(message: str = "Dit kan nu niet."):
    """A service whose rule says no."""
    raise DomainError(message)


def request_with_messages():
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)
    return request


def sent(request) -> list[tuple[int, str]]:
    return [(message.level, message.message) for message in messages.get_messages(request)]


class NameForm(forms.Form):
    name = forms.CharField()


# get_allowed_or_404


@pytest.mark.django_db
def test_get_allowed_or_404_gives_the_allowed_object():
    person = UserFactory()
    assert get_allowed_or_404(User.objects.all(), is_same_person, person, pk=person.pk) == person


@pytest.mark.django_db
def test_get_allowed_or_404_answers_404_for_a_missing_object():
    person = UserFactory()
    with pytest.raises(Http404):
        get_allowed_or_404(User, is_same_person, person, pk=person.pk + 1000)


@pytest.mark.django_db
def test_get_allowed_or_404_answers_404_for_a_denied_object():
    person, other = UserFactory(), UserFactory()
    with pytest.raises(Http404):
        get_allowed_or_404(User, is_same_person, person, pk=other.pk)


@pytest.mark.django_db
def test_get_allowed_or_404_asks_the_rule_once_with_the_person_and_the_object():
    person = UserFactory()
    asked = []

    def rule(user, obj):
        asked.append((user, obj))
        return True

    get_allowed_or_404(User, rule, person, email=person.email)
    assert asked == [(person, person)]


# get_access_or_404


@pytest.mark.django_db
def test_get_access_or_404_gives_the_object_and_the_access():
    person = UserFactory()
    obj, access = get_access_or_404(User, person_access, person, needs="can_view", pk=person.pk)
    assert (obj, access) == (person, PersonAccess(is_self=True))


@pytest.mark.django_db
def test_get_access_or_404_answers_404_for_a_missing_object():
    person = UserFactory()
    with pytest.raises(Http404):
        get_access_or_404(User, person_access, person, needs="can_view", pk=person.pk + 1000)


@pytest.mark.django_db
def test_get_access_or_404_answers_404_when_the_access_does_not_allow_it():
    person, other = UserFactory(), UserFactory()
    with pytest.raises(Http404):
        get_access_or_404(User, person_access, person, needs="can_view", pk=other.pk)


@pytest.mark.django_db
def test_get_access_or_404_fails_loudly_on_a_predicate_the_access_does_not_have():
    person = UserFactory()
    with pytest.raises(AttributeError):
        get_access_or_404(User, person_access, person, needs="can_fly", pk=person.pk)


# user_passes_or_404


def test_user_passes_or_404_runs_the_view_for_an_allowed_person():
    view = user_passes_or_404(lambda user: user == "allowed")(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/")
    request.user = "allowed"
    assert view(request).content == b"ok"


def test_user_passes_or_404_answers_404_for_anyone_else():
    view = user_passes_or_404(lambda user: user == "allowed")(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/")
    request.user = "someone else"
    with pytest.raises(Http404):
        view(request)


# domain_errors


def test_domain_errors_shows_the_refusal_as_an_error_message_and_skips_the_rest():
    request = request_with_messages()
    with domain_errors(request) as outcome:
        refuse()
        messages.success(request, "Gelukt.")
    assert outcome.failed
    assert str(outcome.error) == "Dit kan nu niet."
    assert sent(request) == [(messages.ERROR, "Dit kan nu niet.")]


@pytest.mark.parametrize("error_class", [MarketplaceError, AccountsError])
def test_domain_errors_catches_every_app_s_domain_error(error_class):
    request = request_with_messages()
    with domain_errors(request) as outcome:
        raise error_class("Only editors can approve lecturers.")
    assert outcome.failed
    assert sent(request) == [(messages.ERROR, "Only editors can approve lecturers.")]


def test_domain_errors_lets_the_block_finish_when_nothing_is_refused():
    request = request_with_messages()
    with domain_errors(request) as outcome:
        messages.success(request, "Gelukt.")
    assert not outcome.failed
    assert sent(request) == [(messages.SUCCESS, "Gelukt.")]


def test_domain_errors_lets_other_errors_through():
    request = request_with_messages()
    with pytest.raises(ValueError), domain_errors(request):
        raise ValueError("a bug, not a rule")
    assert sent(request) == []


# form_errors


def test_form_errors_puts_the_refusal_above_the_form():
    form = NameForm({"name": "Groen"})
    assert form.is_valid()
    with form_errors(form) as outcome:
        raise MarketplaceError("Deze naam is al in gebruik.")
    assert outcome.failed
    assert form.non_field_errors() == ["Deze naam is al in gebruik."]
    assert not form.is_valid()
    assert form.data["name"] == "Groen"


def test_form_errors_puts_the_refusal_on_the_field_it_names():
    form = NameForm({"name": "Groen"})
    assert form.is_valid()
    with form_errors(form, "name"):
        refuse("Deze naam is al in gebruik.")
    assert form.errors == {"name": ["Deze naam is al in gebruik."]}


def test_form_errors_leaves_the_form_alone_when_nothing_is_refused():
    form = NameForm({"name": "Groen"})
    assert form.is_valid()
    with form_errors(form) as outcome:
        pass
    assert not outcome.failed
    assert form.errors == {}


def test_form_errors_lets_a_return_in_the_block_through():
    def view():
        form = NameForm({"name": "Groen"})
        form.is_valid()
        with form_errors(form):
            return "redirect"
        return "form again"

    assert view() == "redirect"
