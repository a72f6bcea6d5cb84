"""The knowledge broker's desk: one page that shows what is stuck and whom to bring together,
and the form to introduce a team or lecturer to a challenge's owners."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .broker import broker_desk
from .broker_forms import IntroductionForm
from .permissions import can_use_broker_desk
from .services import MarketplaceError, introduction_send


def _broker_only(request) -> None:
    """Anyone else is answered 404: the desk lists other people's teams and challenges."""
    if not can_use_broker_desk(request.user):
        raise Http404


@login_required
def desk(request):
    _broker_only(request)
    return render(request, "marketplace/broker_desk.html", {"desk": broker_desk()})


def _initial(query) -> dict:
    """What a link from the desk chose already (``?challenge=…&team=…``); anything else is ignored."""
    return {name: query[name] for name in ("challenge", "team", "lecturer") if query.get(name, "").isdigit()}


@login_required
def introduce(request):
    _broker_only(request)
    form = IntroductionForm(request.POST or None, initial=_initial(request.GET))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            introduction_send(
                broker=request.user,
                challenge=data["challenge"],
                team=data["team"],
                lecturer=data["lecturer"],
                message=data["message"],
            )
        except MarketplaceError as error:
            form.add_error(None, str(error))
        else:
            if data["team"] is not None:
                text = _("The team “%(team)s” and the owners of “%(challenge)s” have been told about each other.") % {
                    "team": data["team"].name, "challenge": data["challenge"].title
                }
            else:
                text = _("%(lecturer)s and the owners of “%(challenge)s” have been told about each other.") % {
                    "lecturer": data["lecturer"].display_name, "challenge": data["challenge"].title
                }
            messages.success(request, text)
            return redirect("broker:desk")
    return render(request, "marketplace/broker_introduce.html", {"form": form})
