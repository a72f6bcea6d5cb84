"""The shared invitation service, for each kind of invitation: a secret link that is found by its
hash, accepted once by the invited, confirmed address, and withdrawn only by who may."""

import datetime
import re
from dataclasses import dataclass, field

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from marketplace.choices import MembershipRole, TeamRole
from marketplace.models import TeamMembership
from marketplace.services.errors import MarketplaceError
from marketplace.services.invitations import (
    InvitationKind,
    invitation_accept,
    invitation_accept_by_token,
    invitation_create,
    invitation_for_token,
    invitation_send,
    invitation_withdraw,
)
from marketplace.services.organisations import ORGANISATION_INVITATIONS
from marketplace.services.teams import TEAM_INVITATIONS, team_create
from tests.factories import OrganisationFactory, OrganisationMembershipFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

USED = "Deze uitnodiging is al gebruikt."


@dataclass
class Kind:
    """One kind of invitation with the people around it, and what it says in Dutch."""

    kind: InvitationKind
    target: object
    inviter: object  # may invite and withdraw
    bystander: object  # belongs to the target, but may not withdraw
    email: str  # an address that may join, with no account yet
    link_in_mail: str
    withdrawn: str
    expired: str
    not_valid: str
    may_not_withdraw: str
    fields: dict = field(default_factory=dict)


@pytest.fixture(params=["team", "organisation"])
def kind(request, institutions):
    if request.param == "team":
        lead = UserFactory(email="sanne@umail.leidenuniv.nl", display_name="Sanne Bakker")
        team = team_create(actor=lead, name="De Groene Vleugel")
        member = TeamMembershipFactory(team=team, user=UserFactory(email="daan@student.hsleiden.nl")).user
        return Kind(
            kind=TEAM_INVITATIONS,
            target=team,
            inviter=lead,
            bystander=member,
            email="nieuw@student.hsleiden.nl",
            link_in_mail=r"/teams/doe-mee/([\w-]+)/",
            withdrawn="Deze uitnodiging is ingetrokken. Vraag het team om een nieuwe.",
            expired="Deze uitnodiging is verlopen. Vraag het team om een nieuwe.",
            not_valid="Deze uitnodigingslink is niet geldig. Vraag het team om een nieuwe.",
            may_not_withdraw="Alleen de leads van het team kunnen dit doen.",
        )
    organisation = OrganisationFactory(name="Buurthuis De Zijlhoek")
    admin = UserFactory(email="voorzitter@example.org", display_name="Ineke de Vries")
    OrganisationMembershipFactory(organisation=organisation, user=admin, role=MembershipRole.ADMIN)
    member = OrganisationMembershipFactory(organisation=organisation, role=MembershipRole.MEMBER).user
    return Kind(
        kind=ORGANISATION_INVITATIONS,
        target=organisation,
        inviter=admin,
        bystander=member,
        email="collega@example.org",
        link_in_mail=r"/organisaties/uitnodiging/([\w-]+)/",
        withdrawn="Deze uitnodiging is ingetrokken. Vraag je collega om een nieuwe.",
        expired="Deze uitnodiging is verlopen. Vraag je collega om een nieuwe.",
        not_valid="Deze uitnodigingslink is niet geldig. Vraag je collega om een nieuwe.",
        may_not_withdraw="Alleen beheerders van de organisatie kunnen uitnodigingen intrekken.",
        fields={"role": MembershipRole.MEMBER},
    )


def _send(kind: Kind):
    """Invite ``kind.email``; return the invitation and the secret from the e-mail, as the invited
    person gets it."""
    with translation.override("nl"), TestCase.captureOnCommitCallbacks(execute=True):
        invitation = invitation_send(
            kind=kind.kind, target=kind.target, actor=kind.inviter, email=kind.email, **kind.fields
        )
    assert mail.outbox[-1].to == [kind.email]
    return invitation, re.search(kind.link_in_mail, mail.outbox[-1].body).group(1)


def _refused(call) -> str:
    with pytest.raises(MarketplaceError) as refusal:
        call()
    return str(refusal.value)


# Finding an invitation by its secret


def test_only_the_hash_of_the_secret_is_kept_and_finds_the_invitation(kind):
    invitation, token = _send(kind)
    assert invitation.token_hash == kind.kind.model.hash_token(token) != token
    assert token not in str(list(kind.kind.model.objects.values()))
    found = invitation_for_token(kind=kind.kind, token=token)
    assert found.pk == invitation.pk
    valid_for = invitation.expires_at - invitation.created_at
    assert abs(valid_for - kind.kind.model.VALID_FOR) < datetime.timedelta(seconds=5)
    assert invitation_for_token(kind=kind.kind, token="verzonnen") is None


def test_a_valid_secret_joins_and_marks_the_invitation_used(kind):
    invitation, token = _send(kind)
    invited = UserFactory(email=kind.email)
    membership = invitation_accept_by_token(kind=kind.kind, token=token, user=invited)
    assert membership.user == invited and membership.pk in kind.target.memberships.values_list("pk", flat=True)
    invitation.refresh_from_db()
    assert invitation.accepted_by == invited and invitation.accepted_at is not None
    assert ModelLogEntry.objects.filter(
        object_id=str(kind.target.pk), action=kind.kind.joined_action, user=invited
    ).exists()


def test_an_expired_secret_says_it_has_expired(kind):
    invitation, token = _send(kind)
    kind.kind.model.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    invited = UserFactory(email=kind.email)
    assert _refused(lambda: invitation_accept_by_token(kind=kind.kind, token=token, user=invited)) == kind.expired
    assert not kind.target.memberships.filter(user=invited).exists()


def test_a_withdrawn_secret_says_it_was_withdrawn(kind):
    invitation, token = _send(kind)
    invitation_withdraw(kind=kind.kind, invitation=invitation, actor=kind.inviter)
    invited = UserFactory(email=kind.email)
    assert _refused(lambda: invitation_accept_by_token(kind=kind.kind, token=token, user=invited)) == kind.withdrawn
    assert not kind.target.memberships.filter(user=invited).exists()


def test_an_already_used_secret_says_it_was_used(kind):
    _invitation, token = _send(kind)
    invitation_accept_by_token(kind=kind.kind, token=token, user=UserFactory(email=kind.email))
    again = UserFactory(email="ook-uitgenodigd@student.hsleiden.nl")
    assert _refused(lambda: invitation_accept_by_token(kind=kind.kind, token=token, user=again)) == USED


def test_an_unknown_secret_is_not_valid(kind):
    assert _refused(
        lambda: invitation_accept_by_token(kind=kind.kind, token="verzonnen", user=UserFactory(email=kind.email))
    ) == kind.not_valid


def test_inviting_the_same_address_again_withdraws_the_earlier_invitation(kind):
    first, first_token = _send(kind)
    second, _second_token = _send(kind)
    first.refresh_from_db()
    assert first.revoked_by == kind.inviter and second.revoked_at is None
    assert _refused(
        lambda: invitation_accept_by_token(kind=kind.kind, token=first_token, user=UserFactory(email=kind.email))
    ) == kind.withdrawn


# Accepting


def test_an_invitation_is_accepted_once(kind):
    invitation, _token = _send(kind)
    invited = UserFactory(email=kind.email)
    invitation_accept(kind=kind.kind, invitation=invitation, user=invited)
    assert _refused(lambda: invitation_accept(kind=kind.kind, invitation=invitation, user=invited)) == USED
    assert kind.target.memberships.filter(user=invited).count() == 1
    assert ModelLogEntry.objects.filter(action=kind.kind.joined_action).count() == 1


def test_only_the_invited_address_accepts(kind):
    invitation, _token = _send(kind)
    someone_else = UserFactory(email="iemand-anders@student.hsleiden.nl")  # a student: may join a team
    refusal = _refused(lambda: invitation_accept(kind=kind.kind, invitation=invitation, user=someone_else))
    assert refusal == (
        f"Deze uitnodiging is gestuurd naar {kind.email}. Log in met dat adres, of voeg het eerst toe aan je "
        "account en bevestig het."
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not kind.target.memberships.filter(user=someone_else).exists()


# Withdrawing


def test_only_who_may_invite_withdraws(kind):
    invitation, _token = _send(kind)
    refusal = _refused(lambda: invitation_withdraw(kind=kind.kind, invitation=invitation, actor=kind.bystander))
    assert refusal == kind.may_not_withdraw
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert not ModelLogEntry.objects.filter(action=kind.kind.withdrawn_action).exists()

    invitation_withdraw(kind=kind.kind, invitation=invitation, actor=kind.inviter)
    invitation.refresh_from_db()
    assert invitation.revoked_by == kind.inviter and invitation.revoked_at is not None
    entry = ModelLogEntry.objects.get(action=kind.kind.withdrawn_action)
    assert entry.user_id == kind.inviter.pk and entry.data == {"email": kind.email}


def test_withdrawing_a_used_or_withdrawn_invitation_changes_nothing(kind):
    used, _token = _send(kind)
    invitation_accept(kind=kind.kind, invitation=used, user=UserFactory(email=kind.email))
    invitation_withdraw(kind=kind.kind, invitation=used, actor=kind.inviter)
    used.refresh_from_db()
    assert used.revoked_at is None

    kind.email = "nog-iemand@student.hsleiden.nl"
    withdrawn, _token = _send(kind)
    invitation_withdraw(kind=kind.kind, invitation=withdrawn, actor=kind.inviter)
    withdrawn.refresh_from_db()
    first_withdrawn_at = withdrawn.revoked_at
    invitation_withdraw(kind=kind.kind, invitation=withdrawn, actor=kind.inviter)
    withdrawn.refresh_from_db()
    assert withdrawn.revoked_at == first_withdrawn_at
    assert ModelLogEntry.objects.filter(action=kind.kind.withdrawn_action).count() == 1


# A team's link: used by several students, never used up


def test_a_link_is_used_by_several_and_stays_open_until_withdrawn(institutions):
    lead = UserFactory(email="sanne@umail.leidenuniv.nl")
    team = team_create(actor=lead, name="De Groene Vleugel")
    link = invitation_create(
        kind=TEAM_INVITATIONS, target=team, actor=lead, action="marketplace.team.link_created",
        replacing=team.invitations.filter(email="", revoked_at__isnull=True),
    )
    assert link.is_link and link.token_hash == TEAM_INVITATIONS.model.hash_token(link.link_token)
    assert not mail.outbox  # a link is shown to the leads, not sent
    for address in ("daan@student.hsleiden.nl", "mo@student.mborijnland.nl"):
        invitation_accept_by_token(kind=TEAM_INVITATIONS, token=link.link_token, user=UserFactory(email=address))
    link.refresh_from_db()
    assert link.accepted_at is None
    assert team.memberships.filter(role=TeamRole.MEMBER).count() == 2
    assert TeamMembership.objects.filter(team=team).count() == 3
    invitation_withdraw(kind=TEAM_INVITATIONS, invitation=link, actor=lead)
    assert _refused(
        lambda: invitation_accept_by_token(
            kind=TEAM_INVITATIONS, token=link.link_token, user=UserFactory(email="piet@student.hsleiden.nl")
        )
    ) == "Deze uitnodiging is ingetrokken. Vraag het team om een nieuwe."
