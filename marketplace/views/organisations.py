"""Organisations: a public page with their live challenges, and their members' own pages to
invite colleagues and manage who belongs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import domain_errors, form_errors, get_allowed_or_404
from marketplace.choices import MembershipRole
from marketplace.forms.organisations import MembershipRoleForm, OrganisationInviteForm
from marketplace.models import Organisation, OrganisationInvitation, OrganisationMembership
from marketplace.permissions import can_manage_organisation, is_organisation_member
from marketplace.selectors.challenges import challenge_list
from marketplace.selectors.organisations import organisation_members, organisation_open_invitations
from marketplace.services.organisations import (
    organisation_invitation_accept,
    organisation_invitation_accept_for,
    organisation_invitation_for_token,
    organisation_invitation_revoke,
    organisation_invite,
    organisation_member_remove,
    organisation_member_set_role,
)

PAGE_SIZE = 12


def organisation_list(request):
    organisations = Organisation.objects.select_related("neighbourhood").order_by("name")
    return render(request, "marketplace/organisation_list.html", {"organisations": organisations})


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.select_related("neighbourhood", "logo"), slug=slug)
    paginator = Paginator(challenge_list(organisation=organisation), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("pagina"))
    context = {
        "organisation": organisation,
        "page_obj": page_obj,
        "challenges": page_obj.object_list,
        "query": "",
        "is_member": is_organisation_member(request.user, organisation),
    }
    return render(request, "marketplace/organisation_detail.html", context)


@login_required
def organisation_members_view(request, slug):
    # Only members reach the members' pages (the members are who may post for the
    # organisation); others get a 404, as if the page did not exist.
    organisation = get_allowed_or_404(Organisation, is_organisation_member, request.user, slug=slug)
    may_manage = can_manage_organisation(request.user, organisation)
    form = OrganisationInviteForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            raise Http404
        if form.is_valid():
            with form_errors(form, "email"):
                invitation = organisation_invite(
                    organisation=organisation, actor=request.user, **form.cleaned_data
                )
                messages.success(
                    request,
                    _("We have sent an invitation to %(email)s. The link works for 14 days.")
                    % {"email": invitation.email},
                )
                return redirect("organisations:members", slug=organisation.slug)
    members = organisation_members(organisation)
    membership = next((member for member in members if member.user_id == request.user.pk), None)
    admins = [member for member in members if member.role == MembershipRole.ADMIN]
    context = {
        "organisation": organisation,
        "membership": membership,
        "may_manage": may_manage,
        "members": members,
        # The only administrator can neither step down nor leave: someone must keep it going.
        "sole_admin": admins[0] if len(admins) == 1 else None,
        "invitations": organisation_open_invitations(organisation, timezone.now()) if may_manage else [],
        "now": timezone.now(),
        "form": form,
        "role_form": MembershipRoleForm(),
    }
    return render(request, "marketplace/organisation_members.html", context)


@login_required
@require_POST
def organisation_invitation_withdraw(request, slug, pk):
    organisation = get_allowed_or_404(Organisation, is_organisation_member, request.user, slug=slug)
    invitation = get_object_or_404(OrganisationInvitation, pk=pk, organisation=organisation)
    with domain_errors(request):
        organisation_invitation_revoke(invitation=invitation, actor=request.user)
        messages.success(request, _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email})
    return redirect("organisations:members", slug=organisation.slug)


@login_required
@require_POST
def organisation_member_remove_view(request, slug, pk):
    organisation = get_allowed_or_404(Organisation, is_organisation_member, request.user, slug=slug)
    membership = get_object_or_404(OrganisationMembership.objects.select_related("user"), pk=pk,
                                   organisation=organisation)
    leaving = membership.user_id == request.user.pk
    with domain_errors(request) as outcome:
        organisation_member_remove(membership=membership, actor=request.user)
    if outcome.failed:
        return redirect("organisations:members", slug=organisation.slug)
    if leaving:
        messages.success(request, _("You have left %(organisation)s.") % {"organisation": organisation.name})
        return redirect("dashboard:my_page")
    messages.success(
        request, _("%(name)s is no longer a member.") % {"name": membership.user.display_name}
    )
    return redirect("organisations:members", slug=organisation.slug)


@login_required
@require_POST
def organisation_member_role_view(request, slug, pk):
    organisation = get_allowed_or_404(Organisation, is_organisation_member, request.user, slug=slug)
    membership = get_object_or_404(OrganisationMembership.objects.select_related("user"), pk=pk,
                                   organisation=organisation)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("organisations:members", slug=organisation.slug)
    with domain_errors(request):
        organisation_member_set_role(membership=membership, actor=request.user, role=form.cleaned_data["role"])
        messages.success(
            request,
            _("%(name)s is now %(role)s.")
            % {"name": membership.user.display_name, "role": membership.get_role_display().lower()},
        )
    return redirect("organisations:members", slug=organisation.slug)


@login_required
@require_POST
def organisation_invitation_accept_view(request, invitation_pk):
    """Join from My page, for invitations sent to one of the person's confirmed addresses."""
    invitation = get_object_or_404(OrganisationInvitation.objects.select_related("organisation"), pk=invitation_pk)
    with domain_errors(request) as outcome:
        organisation_invitation_accept_for(invitation=invitation, user=request.user)
    if outcome.failed:
        return redirect("dashboard:my_page")
    messages.success(
        request,
        _("Welcome to %(organisation)s. You can now post and manage its challenges.")
        % {"organisation": invitation.organisation.name},
    )
    return redirect("organisations:members", slug=invitation.organisation.slug)


def organisation_invitation_view(request, token):
    """The link from the e-mail. Anyone may open it; joining needs the invited, confirmed address."""
    invitation = organisation_invitation_for_token(token)
    now = timezone.now()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        with domain_errors(request):
            organisation_invitation_accept(token=token, user=request.user)
            messages.success(
                request,
                _("Welcome to %(organisation)s. You can now post and manage its challenges.")
                % {"organisation": invitation.organisation.name},
            )
            return redirect("organisations:members", slug=invitation.organisation.slug)
    context = {
        "invitation": invitation,
        "pending": invitation is not None and invitation.is_pending(now),
        "expired": invitation is not None and invitation.is_expired(now),
        "already_member": invitation is not None and is_organisation_member(request.user, invitation.organisation),
    }
    status = 200 if invitation is not None else 404
    return render(request, "marketplace/organisation_invitation.html", context, status=status)

