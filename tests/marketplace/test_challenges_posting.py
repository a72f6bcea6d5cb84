"""Posting a challenge from the site: drafts, review by the editors, edits while live."""


import pytest
from PIL import Image
from wagtail.models import WorkflowState

from accounts.models import Notification
from marketplace.choices import PublicationState
from marketplace.models import ChallengePage
from marketplace.selectors.challenges import challenges_for_poster
from marketplace.services.challenges import challenge_save_draft, challenge_submit
from marketplace.services.errors import MarketplaceError
from tests.factories import OrganisationFactory, OrganisationMembershipFactory, UserFactory
from tests.marketplace.helpers import approve, challenge_data, phone_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return challenge_data(contact_phone="06 12 34 56 78")


@pytest.fixture
def resident():
    return UserFactory(email="anneke@example.org", display_name="Anneke")


def request_changes(challenge, editor, comment):
    state = WorkflowState.objects.for_instance(challenge).get(status=WorkflowState.STATUS_IN_PROGRESS)
    state.current_task_state.task.specific.on_action(state.current_task_state, editor, "reject", comment=comment)


def state_of(user, challenge):
    return next(c for c in challenges_for_poster(user) if c.pk == challenge.pk)


def test_a_draft_is_saved_privately(client, challenge_index, resident, data):
    challenge = challenge_save_draft(actor=resident, data=data)
    assert not challenge.live
    assert challenge.posted_by == resident and challenge.owner == resident
    assert state_of(resident, challenge).publication_state == PublicationState.DRAFT
    assert client.get(f"/uitdagingen/{challenge.slug}/").status_code == 404
    assert "Een groene binnentuin" not in client.get("/uitdagingen/").content.decode()


def test_submit_review_and_publish(client, challenge_index, resident, editor, data):
    challenge = challenge_save_draft(actor=resident, data=data, photo=phone_photo(), photo_alt="Tegels")
    challenge_submit(challenge=challenge, actor=resident)
    assert state_of(resident, challenge).publication_state == PublicationState.IN_REVIEW
    with pytest.raises(MarketplaceError):
        challenge_submit(challenge=challenge, actor=resident)
    with pytest.raises(MarketplaceError):
        challenge_save_draft(actor=resident, data=data, challenge=challenge)
    approve(challenge, editor)
    challenge.refresh_from_db()
    assert challenge.live
    assert state_of(resident, challenge).publication_state == PublicationState.PUBLISHED
    html = client.get(challenge.url).content.decode()
    assert "Een groene binnentuin" in html and "anneke.prive@example.org" not in html


def test_changes_requested_then_resubmitted(challenge_index, resident, editor, data):
    challenge = challenge_save_draft(actor=resident, data=data)
    challenge_submit(challenge=challenge, actor=resident)
    request_changes(challenge, editor, "Noem de straat niet bij naam.")
    mine = state_of(resident, challenge)
    assert mine.publication_state == PublicationState.CHANGES_REQUESTED
    assert mine.review_comment == "Noem de straat niet bij naam."
    challenge_save_draft(actor=resident, data={**data, "summary": "Een grijze binnentuin."}, challenge=challenge)
    challenge_submit(challenge=challenge, actor=resident)
    assert state_of(resident, challenge).publication_state == PublicationState.IN_REVIEW


def test_editing_a_live_challenge_keeps_the_live_version_until_approved(
    client, challenge_index, resident, editor, data
):
    challenge = challenge_save_draft(actor=resident, data=data)
    challenge_submit(challenge=challenge, actor=resident)
    approve(challenge, editor)
    challenge_save_draft(actor=resident, data={**data, "summary": "Nieuwe samenvatting."}, challenge=challenge)
    challenge_submit(challenge=challenge, actor=resident)
    challenge.refresh_from_db()
    assert state_of(resident, challenge).publication_state == PublicationState.PUBLISHED_CHANGES_IN_REVIEW
    assert "Onze binnentuin is grijs." in client.get(challenge.url).content.decode()
    approve(challenge, editor)
    assert "Nieuwe samenvatting." in client.get(challenge.url).content.decode()


def test_the_stored_photo_has_no_gps(challenge_index, resident, data):
    challenge = challenge_save_draft(actor=resident, data=data, photo=phone_photo(), photo_alt="Tegels")
    stored = challenge.images.get().image
    with stored.open_file() as file, Image.open(file) as image:
        assert len(image.getexif()) == 0
    assert "IMG_2041" not in stored.file.name


def test_only_members_post_for_an_organisation(challenge_index, resident, data):
    organisation = OrganisationFactory()
    with pytest.raises(MarketplaceError):
        challenge_save_draft(actor=resident, data={**data, "organisation": organisation})
    assert not ChallengePage.objects.exists()


def test_colleagues_manage_an_organisation_challenge(challenge_index, data):
    first = OrganisationMembershipFactory()
    colleague = OrganisationMembershipFactory(organisation=first.organisation)
    challenge = challenge_save_draft(actor=first.user, data={**data, "organisation": first.organisation})
    challenge_save_draft(actor=colleague.user, data={**data, "summary": "Aangevuld."}, challenge=challenge)
    assert ChallengePage.objects.get(pk=challenge.pk).get_latest_revision_as_object().summary == "Aangevuld."


def test_others_get_404_for_drafts_previews_and_edits(client, challenge_index, resident, data):
    challenge = challenge_save_draft(actor=resident, data=data)
    urls = [f"/mijn-uitdagingen/{challenge.pk}/bewerken/", f"/mijn-uitdagingen/{challenge.pk}/voorbeeld/"]
    client.force_login(UserFactory())
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/mijn-uitdagingen/{challenge.pk}/indienen/").status_code == 404
    client.logout()
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    client.force_login(resident)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_resident_cannot_reach_the_admin(client, resident):
    client.force_login(resident)
    assert client.get("/admin/").status_code == 302


def test_the_poster_is_mailed_at_each_step_in_their_language(
    challenge_index, editor, data, mailoutbox, django_capture_on_commit_callbacks
):
    poster = UserFactory(email="sam@example.org", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        challenge = challenge_save_draft(actor=poster, data=data)
        challenge_submit(challenge=challenge, actor=poster)
        request_changes(challenge, editor, "Please leave out the house number.")
        challenge_submit(challenge=challenge, actor=poster)
        approve(challenge, editor)
    mine = [m for m in mailoutbox if m.to == ["sam@example.org"]]
    assert [m.subject.removeprefix("[Leren met de Stad] ") for m in mine] == [
        "Your challenge “Een groene binnentuin” was sent to the editors",
        "The editors ask for changes to your challenge “Een groene binnentuin”",
        "Your challenge “Een groene binnentuin” was sent to the editors",
        "Your challenge “Een groene binnentuin” is on the site",
    ]
    assert "Please leave out the house number." in mine[1].body
    assert f"/en/my-challenges/{challenge.pk}/edit/" in mine[1].body
    assert "/en/uitdagingen/een-groene-binnentuin/" in mine[3].body
    # Wagtail's own review e-mails link into the admin, which a resident cannot open.
    assert not any("admin" in m.body for m in mine)
    # The same steps are in the poster's notifications on the site.

    notifications = Notification.objects.filter(recipient=poster).order_by("pk")
    outcomes = list(notifications.values_list("params__outcome", flat=True))
    assert outcomes == ["submitted", "changes_requested", "submitted", "published"]


def test_the_photo_description_can_be_changed_without_a_new_photo(challenge_index, resident, data):
    challenge = challenge_save_draft(actor=resident, data=data, photo=phone_photo(), photo_alt="Tegels")
    challenge_save_draft(actor=resident, data=data, photo_alt="Grijze tegels tussen flats", challenge=challenge)
    latest = ChallengePage.objects.get(pk=challenge.pk).get_latest_revision_as_object()
    assert [image.alt_text for image in latest.images.all()] == ["Grijze tegels tussen flats"]
