"""What every view does the same way: answer 404 for what a person may not see, and show a
rule's refusal (a ``DomainError``) as a message or on the form.

A denied object the person may not know exists answers 404, exactly as a missing one, so a
guessed URL tells nothing (STYLE.md, Permissions). The rules themselves are the permission
functions of each app; these helpers only apply them."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.errors import DomainError


def get_allowed_or_404(queryset, rule: Callable[..., bool], user, /, **lookup):
    """The object ``lookup`` finds in ``queryset`` (a model or a queryset), if ``rule(user, obj)``
    allows it; 404 when it is missing or not allowed."""
    obj = get_object_or_404(queryset, **lookup)
    if not rule(user, obj):
        raise Http404
    return obj


def get_access_or_404(queryset, access_rule: Callable, user, /, *, needs: str, **lookup) -> tuple:
    """For the rules that work out at once what a person may do with an object
    (``team_access``, ``project_access``): the object and that access, if the access's
    ``needs`` (a predicate on it, such as ``"can_view"`` or ``"is_lead"``) holds; 404 when the
    object is missing or it does not hold. The view keeps the access for the rest of the request."""
    obj = get_object_or_404(queryset, **lookup)
    access = access_rule(user, obj)
    if not getattr(access, needs):
        raise Http404
    return obj, access


def user_passes_or_404(rule: Callable[..., bool]):
    """A view for the people ``rule(user)`` allows; anyone else gets 404, as for a page that
    does not exist. Put it under ``login_required`` so that a visitor who is not logged in is
    still sent to the login page first."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


@dataclass
class Outcome:
    """What became of the code in a ``domain_errors`` or ``form_errors`` block: ``error`` is
    the refusal that stopped it, if one did."""

    error: DomainError | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


@contextmanager
def domain_errors(request) -> Iterator[Outcome]:
    """Run a service; if a rule refuses, show its message as an error message and go on after
    the block (the rest of the block is skipped). Put the success message in the block, after
    the call, and check ``outcome.failed`` where the two ways part::

        with domain_errors(request) as outcome:
            challenge_submit(challenge=challenge, actor=request.user)
            messages.success(request, _("Sent to the editors."))
    """
    outcome = Outcome()
    try:
        yield outcome
    except DomainError as error:
        outcome.error = error
        messages.error(request, str(error))


@contextmanager
def form_errors(form, field: str | None = None) -> Iterator[Outcome]:
    """Run a service with a form's data; if a rule refuses, its message goes on the form (on
    ``field``, or above the form) and the view renders the form again with what was typed::

        with form_errors(form):
            team = team_create(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Your team has been formed."))
            return redirect(team)
        # the form, with the error, is rendered below
    """
    outcome = Outcome()
    try:
        yield outcome
    except DomainError as error:
        outcome.error = error
        form.add_error(field, str(error))
