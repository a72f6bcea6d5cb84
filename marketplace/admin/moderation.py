"""The editors' moderation queue in the Wagtail admin (PRODUCT.md rule 9): reported content in
context with its reports, and the decisions hide, show again or dismiss the reports; a count
on the dashboard. Only editors (``permissions.can_moderate``)."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from core.views import domain_errors
from marketplace.forms.moderation import ModerationForm
from marketplace.models import ModeratedItem
from marketplace.permissions import can_moderate
from marketplace.reportable import REPORTABLE
from marketplace.selectors.moderation import moderation_queue, moderation_waiting_count
from marketplace.services.moderation import DECISIONS, moderation_decide


def _moderator(request) -> None:
    if not can_moderate(request.user):
        raise PermissionDenied


def with_content(items: list) -> list:
    """Gives each item ``reportable`` and ``subject``, the reported content (None when it was
    deleted meanwhile), loaded with what the queue shows of it: one query per kind of content.
    (Not ``content``: assigning to the generic foreign key would rewrite the item's pointer.)"""
    wanted = defaultdict(list)
    kinds = {reportable.model: reportable for reportable in REPORTABLE.values()}
    for item in items:
        item.reportable = kinds.get(item.content_type.model_class())
        if item.reportable is not None:
            wanted[item.reportable.key].append(item.object_id)
    loaded = {
        key: {obj.pk: obj for obj in REPORTABLE[key].queryset().filter(pk__in=ids)} for key, ids in wanted.items()
    }
    for item in items:
        item.subject = loaded.get(item.reportable.key, {}).get(item.object_id) if item.reportable else None
        if item.subject is not None:
            item.text = item.reportable.text(item.subject)
            item.url = item.reportable.url(item.subject)
    return items


def queue(request):
    _moderator(request)
    decided = request.GET.get("show") == "decided"
    context = {
        "items": with_content(moderation_queue(waiting=not decided)),
        "decided": decided,
        "form": ModerationForm(),
        "header_title": _("Reported content"),
    }
    return TemplateResponse(request, "marketplace/admin/moderation_queue.html", context)


@require_POST
def decide(request, pk):
    _moderator(request)
    item = get_object_or_404(ModeratedItem, pk=pk)
    decision = request.POST.get("decision")
    form = ModerationForm(request.POST)
    if decision not in DECISIONS or not form.is_valid():
        messages.error(request, _("Choose what to do with the reported content."))
        return redirect("moderation_admin:queue")
    done = {
        "hide": _("Hidden. The author has been told why."),
        "restore": _("Shown again. The reports are handled."),
        "dismiss": _("The reports are dismissed; the content stays as it is."),
    }
    with domain_errors(request):
        moderation_decide(
            item=item, actor=request.user, decision=decision,
            reason=form.cleaned_data["reason"], note=form.cleaned_data["note"],
        )
        messages.success(request, done[decision])
    return redirect("moderation_admin:queue")


def urls():
    patterns = [path("", queue, name="queue"), path("<int:pk>/decide/", decide, name="decide")]
    return path("moderation/", include((patterns, "moderation_admin")))


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


def menu_item() -> MenuItem:
    return ModeratorMenuItem(
        gettext_lazy("Reported content"), reverse("moderation_admin:queue"), name="moderation", icon_name="warning",
        order=250,
    )


class ModerationPanel(Component):
    """How much reported content waits for an editor: one count query."""

    name = "moderation"
    template_name = "marketplace/admin/moderation_panel.html"
    order = 100

    def get_context_data(self, parent_context):
        return {"waiting": moderation_waiting_count(), "url": reverse("moderation_admin:queue")}


def dashboard_panel_for(request) -> ModerationPanel | None:
    return ModerationPanel() if can_moderate(request.user) else None
