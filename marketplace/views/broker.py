"""The knowledge broker's desk: one page that shows what is stuck and whom to bring together,
and the form to introduce a team or lecturer to a challenge's owners."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.mfa import mfa_required
from core.views import form_errors, user_passes_or_404
from marketplace.forms.broker import IntroductionForm
from marketplace.permissions import can_use_broker_desk
from marketplace.selectors.broker import broker_desk
from marketplace.services.broker import introduction_send


@login_required
@user_passes_or_404(can_use_broker_desk)
@mfa_required
def desk(request):
    """Only for brokers; anyone else is answered 404: the desk lists other people's teams and
    challenges."""
    return render(request, "marketplace/broker_desk.html", {"desk": broker_desk()})


def _initial(query) -> dict:
    """What a link from the desk chose already (``?challenge=…&team=…`` or ``&lecturer=…``);
    anything else is ignored."""
    initial = {"challenge": query["challenge"]} if query.get("challenge", "").isdigit() else {}
    for kind in ("team", "lecturer"):
        if query.get(kind, "").isdigit():
            initial["whom"] = f"{kind}:{query[kind]}"
            break
    return initial


@login_required
@user_passes_or_404(can_use_broker_desk)
@mfa_required
def introduce(request):
    form = IntroductionForm(request.POST or None, initial=_initial(request.GET))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form_errors(form):
            introduction_send(
                broker=request.user,
                challenge=data["challenge"],
                team=data["team"],
                lecturer=data["lecturer"],
                message=data["message"],
            )
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

