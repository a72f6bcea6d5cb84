"""Organisations: their public page, and administrators inviting colleagues who then manage
the organisation's challenges too."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from accounts.models import Notification
from marketplace.choices import MembershipRole
from marketplace.models import OrganisationInvitation, OrganisationMembership
from marketplace.permissions import can_manage_challenge, can_manage_organisation
from marketplace.services.errors import MarketplaceError
from marketplace.services.organisations import (
    organisation_invitation_accept,
    organisation_invitation_accept_for,
    organisation_invitation_revoke,
    organisation_invite,
    organisation_member_remove,
    organisation_member_set_role,
)
from tests.factories import (
    PASSWORD,
    ChallengePageFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Buurthuis De Zijlhoek", description="Een buurthuis aan de Zijl.")


@pytest.fixture
def admin(organisation):
    user = UserFactory(email="voorzitter@example.org", display_name="Ineke de Vries")
    OrganisationMembershipFactory(organisation=organisation, user=user, role=MembershipRole.ADMIN)
    return user


def _invite(organisation, admin, email="collega@example.org", role=MembershipRole.MEMBER):
    """Invite and return the invitation with the token from the e-mail, as the colleague gets it."""
    with translation.override("nl"), TestCase.captureOnCommitCallbacks(execute=True):
        invitation = organisation_invite(organisation=organisation, actor=admin, email=email, role=role)
    token = re.search(r"http://testserver/organisaties/uitnodiging/([\w-]+)/", mail.outbox[-1].body).group(1)
    return invitation, token


# The public page


def test_public_page_lists_the_organisations_live_challenges_only(client, challenge_index, organisation, admin):
    live = ChallengePageFactory(parent=challenge_index, organisation=organisation, title="Groene binnentuin",
                                contact_email="geheim-adres@example.org", contact_phone="06 98765432")
    ChallengePageFactory(parent=challenge_index, organisation=organisation, title="Nog een concept", live=False)
    ChallengePageFactory(parent=challenge_index, title="Van een ander")
    response = client.get(organisation.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert organisation.get_absolute_url() == f"/organisaties/{organisation.slug}/"
    assert live.title in html and "Een buurthuis aan de Zijl." in html
    assert "Nog een concept" not in html and "Van een ander" not in html
    assert "geheim-adres@example.org" not in html and "98765432" not in html
    assert "voorzitter@example.org" not in html  # members are not listed in public
    assert client.get("/organisaties/bestaat-niet/").status_code == 404


def test_public_page_in_english_and_linked_from_the_challenge(client, challenge_index, organisation):
    challenge = ChallengePageFactory(parent=challenge_index, organisation=organisation)
    assert f'href="/organisaties/{organisation.slug}/"' in client.get(challenge.url).content.decode()
    english = client.get(f"/en/organisations/{organisation.slug}/")
    assert english.status_code == 200
    assert "All organisations" in english.content.decode()
    listing = client.get("/organisaties/").content.decode()
    assert organisation.name in listing


def test_slug_is_made_from_the_name_when_left_empty():
    first = OrganisationFactory(name="Stichting Groen Leiden", slug="")
    second = OrganisationFactory(name="Stichting Groen Leiden!", slug="")
    assert first.slug == "stichting-groen-leiden"
    assert second.slug == "stichting-groen-leiden-2"


@pytest.mark.parametrize("url", ["/organisaties/{slug}/", "/organisaties/"])
def test_public_pages_use_a_constant_number_of_queries(client, challenge_index, django_assert_num_queries, url):
    """Organisation page: session-less request, so no user query. The queries: the organisation
    with its neighbourhood and logo; the count and page of its live challenges; their themes,
    images with renditions (prefetch); Wagtail's site lookup for page URLs. The list: one query.
    Measured at 2 and at 30 challenges (and organisations)."""
    counts = []
    for size in (2, 30):
        organisation = OrganisationFactory()
        for _ in range(size):
            ChallengePageFactory(parent=challenge_index, organisation=organisation)
            OrganisationFactory()
        path = url.format(slug=organisation.slug)
        client.get(path)  # warm caches (site root paths, content types)

        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts


# Inviting colleagues


def test_admin_invites_a_colleague_who_joins_and_then_manages_the_organisations_challenges(
    client, challenge_index, organisation, admin, django_capture_on_commit_callbacks
):
    challenge = ChallengePageFactory(parent=challenge_index, organisation=organisation, posted_by=admin)

    invitation, token = _invite(organisation, admin)
    message = mail.outbox[-1]
    assert message.to == ["collega@example.org"]
    assert "Ineke de Vries nodigt je uit om lid te worden van Buurthuis De Zijlhoek" in message.body
    assert f"/organisaties/uitnodiging/{token}/" in message.body
    assert invitation.token_hash != token and token not in str(OrganisationInvitation.objects.values())
    # The colleague makes an account with that address, and reads the site in English.
    colleague = UserFactory(email="collega@example.org", display_name="Samir Haddou", preferred_language="en")
    assert not can_manage_challenge(colleague, challenge)

    client.login(email="collega@example.org", password=PASSWORD)
    page = client.get(f"/en/organisations/invitation/{token}/")
    assert "Ineke de Vries invites you to join Buurthuis De Zijlhoek as member" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/organisations/invitation/{token}/")
    assert response.status_code == 302
    membership = OrganisationMembership.objects.get(organisation=organisation, user=colleague)
    assert membership.role == MembershipRole.MEMBER
    assert can_manage_challenge(colleague, challenge)
    invitation.refresh_from_db()
    assert invitation.accepted_by == colleague and invitation.accepted_at is not None
    # The admin who invited is told, in Dutch.
    assert mail.outbox[-1].to == ["voorzitter@example.org"]
    assert "Samir Haddou is lid geworden van Buurthuis De Zijlhoek" in mail.outbox[-1].body
    actions = list(ModelLogEntry.objects.filter(object_id=str(organisation.pk)).values_list("action", "user_id"))
    assert ("marketplace.organisation.invited", admin.pk) in actions
    assert ("marketplace.organisation.joined", colleague.pk) in actions


def test_invitation_works_only_for_the_invited_confirmed_address(organisation, admin):
    _invitation, token = _invite(organisation, admin)
    stranger = UserFactory(email="iemand-anders@example.org")
    with pytest.raises(MarketplaceError, match="collega@example.org"):
        organisation_invitation_accept(token=token, user=stranger)
    unconfirmed = UserFactory(email="collega@example.org", verified=False)
    with pytest.raises(MarketplaceError, match="collega@example.org"):
        organisation_invitation_accept(token=token, user=unconfirmed)
    assert not OrganisationMembership.objects.filter(user__in=[stranger, unconfirmed]).exists()


def test_used_withdrawn_expired_and_unknown_links_say_what_happened(client, organisation, admin):
    _first, first_token = _invite(organisation, admin)
    second, second_token = _invite(organisation, admin)  # inviting again withdraws the first link
    colleague = UserFactory(email="collega@example.org")  # signs up after the e-mails
    with pytest.raises(MarketplaceError, match="ingetrokken"):
        organisation_invitation_accept(token=first_token, user=colleague)

    second.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    second.save()
    with pytest.raises(MarketplaceError, match="verlopen"):
        organisation_invitation_accept(token=second_token, user=colleague)

    # Now that the colleague has an account, a new invitation waits on their My page.
    third = organisation_invite(organisation=organisation, actor=admin, email="collega@example.org", role="member")
    organisation_invitation_accept_for(invitation=third, user=colleague)
    with pytest.raises(MarketplaceError, match="al gebruikt"):
        organisation_invitation_accept_for(invitation=third, user=colleague)

    fourth, fourth_token = _invite(organisation, admin, email="nog-iemand@example.org")
    organisation_invitation_revoke(invitation=fourth, actor=admin)
    client.force_login(colleague)
    assert "ingetrokken" in client.get(f"/organisaties/uitnodiging/{fourth_token}/").content.decode()
    assert client.get("/organisaties/uitnodiging/niet-geldig/").status_code == 404


def test_only_administrators_invite(organisation, admin):
    member = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=member, role=MembershipRole.MEMBER)
    assert can_manage_organisation(admin, organisation)
    assert not can_manage_organisation(member, organisation)
    with pytest.raises(MarketplaceError):
        organisation_invite(organisation=organisation, actor=member, email="x@example.org", role="member")
    assert not OrganisationInvitation.objects.exists()


def test_members_page_is_for_members_only(client, organisation, admin):
    url = reverse("organisations:members", args=[organisation.slug])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.post(url, {"email": "x@example.org", "role": "member"}).status_code == 404
    member = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=member)
    client.force_login(member)
    page = client.get(url).content.decode()
    assert "Ineke de Vries" in page and "Collega uitnodigen" not in page
    assert client.post(url, {"email": "x@example.org", "role": "member"}).status_code == 404
    assert not OrganisationInvitation.objects.exists()


def test_invite_form_explains_bad_input_and_keeps_what_was_typed(client, organisation, admin):
    client.force_login(admin)
    url = reverse("organisations:members", args=[organisation.slug])
    response = client.post(url, {"email": "collega@voorbeeld", "role": "member"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in." in html
    assert 'value="collega@voorbeeld"' in html
    response = client.post(url, {"email": "VOORZITTER@example.org", "role": "member"})
    assert "al lid" in response.content.decode()
    response = client.post(url, {"email": "nieuw@example.org", "role": "baas"})
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not OrganisationInvitation.objects.exists()
    response = client.post(url, {"email": "nieuw@example.org", "role": "admin"}, follow=True)
    assert "We hebben een uitnodiging gestuurd naar nieuw@example.org" in response.content.decode()
    assert OrganisationInvitation.objects.get().role == MembershipRole.ADMIN


def test_the_last_administrator_cannot_leave_or_step_down(organisation, admin):
    own = OrganisationMembership.objects.get(user=admin)
    with pytest.raises(MarketplaceError, match="enige beheerder"):
        organisation_member_remove(membership=own, actor=admin)
    with pytest.raises(MarketplaceError, match="enige beheerder"):
        organisation_member_set_role(membership=own, actor=admin, role=MembershipRole.MEMBER)
    colleague = OrganisationMembershipFactory(organisation=organisation, role=MembershipRole.MEMBER)
    organisation_member_set_role(membership=colleague, actor=admin, role=MembershipRole.ADMIN)
    organisation_member_remove(membership=own, actor=admin)  # now someone else keeps it going
    assert list(organisation.memberships.values_list("role", flat=True)) == [MembershipRole.ADMIN]


def test_members_leave_but_do_not_remove_others(organisation, admin):
    member = OrganisationMembershipFactory(organisation=organisation)
    other = OrganisationMembershipFactory(organisation=organisation)
    with pytest.raises(MarketplaceError):
        organisation_member_remove(membership=other, actor=member.user)
    organisation_member_remove(membership=member, actor=member.user)
    assert set(organisation.memberships.values_list("pk", flat=True)) == {
        OrganisationMembership.objects.get(user=admin).pk,
        other.pk,
    }


def test_members_page_offers_the_only_administrator_no_way_out(client, organisation, admin):
    colleague = OrganisationMembershipFactory(organisation=organisation, role=MembershipRole.MEMBER)
    client.force_login(admin)
    html = client.get(reverse("organisations:members", args=[organisation.slug])).content.decode()
    assert "De enige beheerder." in html
    assert "Organisatie verlaten" not in html and "Maak lid" not in html
    own = OrganisationMembership.objects.get(user=admin)
    assert reverse("organisations:member_remove", args=[organisation.slug, own.pk]) not in html
    assert reverse("organisations:member_remove", args=[organisation.slug, colleague.pk]) in html
    # Even a hand-made request cannot leave the organisation without an administrator.
    response = client.post(reverse("organisations:member_remove", args=[organisation.slug, own.pk]), follow=True)
    assert "enige beheerder" in response.content.decode()
    assert OrganisationMembership.objects.filter(pk=own.pk).exists()


def test_editors_manage_organisations_and_appoint_the_first_administrator_in_the_admin(client, organisation, admin):
    editor = UserFactory(mfa=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    edit = client.get(f"/admin/organisations/edit/{organisation.pk}/")
    assert edit.status_code == 200
    assert 'name="logo"' in edit.content.decode()
    members = client.get("/admin/organisation_members/")
    assert members.status_code == 200
    assert "Ineke de Vries" in members.content.decode()
    client.force_login(admin)  # an organisation's own administrator does not get the admin
    assert client.get("/admin/organisation_members/").status_code == 302



def test_someone_with_an_account_is_invited_on_my_page_and_no_secret_is_stored(
    client, organisation, admin, django_capture_on_commit_callbacks
):
    colleague = UserFactory(email="collega@example.org", display_name="Samir Haddou")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = organisation_invite(organisation=organisation, actor=admin, email=colleague.email, role="admin")
    notification = Notification.objects.get(recipient=colleague)
    assert notification.url == "/mijn-pagina/"
    assert "uitnodiging/" not in str(list(Notification.objects.values()))
    assert mail.outbox[-1].to == ["collega@example.org"]  # told by e-mail too, without the secret link
    client.force_login(UserFactory(email="iemand@example.org"))
    client.post(reverse("organisations:invitation_accept", args=[invitation.pk]))
    assert organisation.memberships.count() == 1
    client.force_login(colleague)
    html = client.get("/mijn-pagina/").content.decode()
    assert "1 uitnodiging voor een organisatie" in html and "Buurthuis De Zijlhoek" in html
    response = client.post(reverse("organisations:invitation_accept", args=[invitation.pk]))
    assert response.url == reverse("organisations:members", args=[organisation.slug])
    assert OrganisationMembership.objects.get(user=colleague).role == MembershipRole.ADMIN
