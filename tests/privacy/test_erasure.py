"""Deleting one's account (AVG: right to erasure): blocked while others depend on the person;
otherwise every personal field goes or is replaced, what they made with others stays under
"former participant", approved hours stay for grading, private files go, every session ends,
and the site's history records the deletion by the account's id only."""

from io import BytesIO

import openpyxl
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry, Revision

from accounts.models import Notification, NotificationPreference, User
from core.privacy import ERASED_EMAIL, ERASED_NAME
from marketplace.choices import ChallengeStatus, HoursStatus, MembershipRole, ProjectStatus, TeamRole
from marketplace.models import (
    Attachment,
    ChallengePage,
    ConversationRead,
    Follow,
    LogComment,
    LogEntry,
    LogHours,
    Message,
    MessageFile,
    OrganisationInvitation,
    Project,
    Report,
    TeamInvitation,
    TeamMembership,
)
from marketplace.renderers.exports import hours_csv, hours_xlsx
from marketplace.selectors.exports import approved_hours_rows
from privacy.services import PrivacyError, account_erase, erasure_blockers
from tests.factories import (
    PASSWORD,
    ChallengePageFactory,
    OrganisationMembershipFactory,
    TeamFactory,
    TeamMembershipFactory,
    UserFactory,
)
from tests.privacy.helpers import log_in_and_confirm

pytestmark = pytest.mark.django_db

DELETE = "/mijn-pagina/mijn-gegevens/account-verwijderen/"


def _finished(project):
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.COMPLETED, completed_at=timezone.now())


def _messages(user) -> list[str]:
    return [str(blocker.message) for blocker in erasure_blockers(user)]


# Who cannot go yet


def test_the_only_administrator_of_an_organisation_hands_it_over_first(client):
    admin = OrganisationMembershipFactory(
        role=MembershipRole.ADMIN, organisation__name="Buurthuis De Kooi", organisation__slug="buurthuis-de-kooi"
    ).user
    OrganisationMembershipFactory(organisation=admin.organisation_memberships.get().organisation)

    assert _messages(admin) == [
        "Je bent de enige beheerder van Buurthuis De Kooi. Maak eerst een ander lid beheerder, of nodig een collega "
        "uit die het overneemt."
    ]
    log_in_and_confirm(client, admin)
    page = client.get(DELETE).content.decode()
    assert "Je kunt je account nog niet verwijderen" in page
    assert 'href="/organisaties/buurthuis-de-kooi/leden/"' in page
    assert 'name="confirm"' not in page
    with pytest.raises(PrivacyError):
        account_erase(user=admin, actor=admin)
    assert User.objects.get(pk=admin.pk).is_active


def test_one_of_two_administrators_may_go():
    admin = OrganisationMembershipFactory(role=MembershipRole.ADMIN).user
    OrganisationMembershipFactory(organisation=admin.organisation_memberships.get().organisation,
                                  role=MembershipRole.ADMIN)
    assert _messages(admin) == []


def test_the_only_lead_of_a_team_hands_the_lead_over_first():
    team = TeamFactory(name="Stille Tuinen")
    lead = TeamMembershipFactory(team=team, role=TeamRole.LEAD).user
    TeamMembershipFactory(team=team)
    assert _messages(lead) == [
        "Je bent de enige teamleider van Stille Tuinen. Draag de leiding over, of maak een ander lid ook teamleider."
    ]


def test_the_lead_of_a_team_of_one_may_go():
    lead = TeamMembershipFactory(role=TeamRole.LEAD).user
    assert _messages(lead) == []


def test_a_student_and_the_supervisor_of_a_running_project_wait_until_it_ends(project_world):
    people = project_world["people"]
    title = project_world["project"].challenge.title
    running = (
        f"Het project “{title}” van De Groene Vleugel loopt nog. Je kunt je account verwijderen zodra het is "
        "afgerond of gestopt."
    )
    assert _messages(people["member"]) == [running]
    assert _messages(people["supervisor"]) == [running]
    _finished(project_world["project"])
    assert _messages(people["member"]) == []
    assert _messages(people["supervisor"]) == []


def test_the_poster_of_an_open_challenge_closes_it_first(challenge_index):
    poster = UserFactory()
    challenge = ChallengePageFactory(parent=challenge_index, posted_by=poster, title="Schaduw op het plein")
    assert _messages(poster) == [
        "Je uitdaging “Schaduw op het plein” staat open voor aanmeldingen en alleen jij kunt een team kiezen. "
        "Sluit haar eerst."
    ]
    ChallengePage.objects.filter(pk=challenge.pk).update(status=ChallengeStatus.CLOSED)
    assert _messages(poster) == []


# The deletion


@pytest.fixture
def erased(client, busy_student, django_capture_on_commit_callbacks):
    """Daan deletes his account from the site once the project is completed; Sanne's browser
    and a second browser of Daan's were logged in."""
    people = busy_student["people"]
    daan = people["member"]
    _finished(busy_student["project"])
    elsewhere = Client()
    elsewhere.force_login(daan)
    assert elsewhere.get(reverse("dashboard:my_page")).status_code == 200
    photos = list(Attachment.objects.filter(uploaded_by=daan))
    message_photos = list(MessageFile.objects.filter(uploaded_by=daan))
    log_in_and_confirm(client, daan)
    TOTP.activate(daan, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE, {"confirm": "on"})
    return {
        **busy_student, "response": response, "elsewhere": elsewhere, "photos": photos,
        "message_photos": message_photos, "daan": daan,
    }


def test_the_account_keeps_nothing_about_the_person(erased):
    daan = erased["daan"]
    account = User.objects.get(pk=daan.pk)
    assert account.email == f"former.participant.{daan.pk}@erased.invalid"
    assert str.__str__(account.display_name) == ERASED_NAME
    assert (account.programme, account.skills, account.study_year, account.last_login) == ("", "", None, None)
    assert not account.is_active
    assert not account.has_usable_password()
    assert not account.emailaddress_set.exists()
    assert not Authenticator.objects.filter(user=daan).exists()
    assert not TeamMembership.objects.filter(user=daan).exists()
    assert not Follow.objects.filter(user=daan).exists()
    assert not Notification.objects.filter(recipient=daan).exists()
    assert not NotificationPreference.objects.filter(user=daan).exists()


def test_the_person_is_logged_out_and_told(erased):
    response = erased["response"]
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = erased["response"].client.get(reverse("dashboard:my_page"))
    assert home.status_code == 302
    assert home["Location"].startswith("/accounts/login/")


def test_every_other_session_of_the_person_ends(erased):
    response = erased["elsewhere"].get(reverse("dashboard:my_page"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_person_cannot_log_in_again(erased):
    browser = Client()
    browser.post("/accounts/login/", {"login": "daan@student.hsleiden.nl", "password": PASSWORD})
    assert browser.get(reverse("dashboard:my_page")).status_code == 302


def test_what_the_person_made_with_others_stays_under_former_participant(erased):
    daan = erased["daan"]
    entries = LogEntry.objects.filter(author=daan)
    assert sorted(entries.values_list("text", flat=True)) == ["Interviews met bewoners.", "Ontwerp geschetst."]
    assert LogComment.objects.filter(author=daan).count() == 1
    assert LogComment.objects.get(author=erased["people"]["supervisor"]).text == (
        "Goed gedaan, voormalig deelnemer: noteer ook de bomen."
    )
    with translation.override("en"):
        assert str(User.objects.get(pk=daan.pk)) == "former participant"
        assert str(LogEntry.objects.select_related("author").first().author.display_name) == "former participant"
    with translation.override("nl"):
        assert str(User.objects.get(pk=daan.pk).display_name) == "voormalig deelnemer"


def test_the_project_page_shows_former_participant_in_the_readers_language(erased):
    sanne = erased["people"]["lead"]
    project = erased["project"]
    reader = Client()
    reader.force_login(sanne)
    dutch = reader.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "door voormalig deelnemer" in dutch
    assert "Daan Bakker" not in dutch
    User.objects.filter(pk=sanne.pk).update(preferred_language="en")
    with translation.override("en"):
        english = reader.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "by former participant" in english
    assert "Daan Bakker" not in english


def test_messages_stay_under_former_participant_and_their_files_reads_and_reports_go(erased):
    daan = erased["daan"]
    assert list(Message.objects.filter(author=daan).values_list("text", flat=True)) == [
        "Zie de foto van de binnentuin."
    ]
    assert Message.objects.get(author=erased["people"]["lead"]).text == "Dank je, voormalig deelnemer!"
    assert not MessageFile.objects.filter(uploaded_by=daan).exists()
    for photo in erased["message_photos"]:
        assert not photo.file.storage.exists(photo.file.name)
    assert not ConversationRead.objects.filter(user=daan).exists()
    assert not Report.objects.filter(reporter=daan).exists()


def test_approved_hours_stay_for_grading_and_the_others_go(erased):
    daan = erased["daan"]
    assert list(LogHours.objects.filter(person=daan).values_list("status", "hours")) == [
        (HoursStatus.APPROVED, pytest.approx(3))
    ]


def test_the_persons_private_files_are_deleted(erased):
    assert not Attachment.objects.filter(uploaded_by=erased["daan"]).exists()
    for photo in erased["photos"]:
        assert not photo.file.storage.exists(photo.file.name)
        assert not photo.thumbnail or not photo.thumbnail.storage.exists(photo.thumbnail.name)


def test_invitations_keep_no_address_of_the_person(erased):
    assert list(OrganisationInvitation.objects.values_list("email", flat=True)) == [ERASED_EMAIL]
    sent = TeamInvitation.objects.get(email="vriendin@example.org")
    assert sent.created_by_id == erased["daan"].pk


def test_the_history_records_the_deletion_by_id_only_and_names_the_person_nowhere(erased):
    daan = erased["daan"]
    deleted = ModelLogEntry.objects.get(action="accounts.user.deleted")
    assert deleted.object_id == str(daan.pk)
    assert deleted.user_id == daan.pk
    assert deleted.data == {"user": daan.pk}
    for name in ("Daan Bakker", "daan@student.hsleiden.nl"):
        assert not ModelLogEntry.objects.filter(Q(label__icontains=name) | Q(data__icontains=name)).exists()
        assert not Notification.objects.filter(params__icontains=name).exists()


def test_other_peoples_notifications_name_a_former_participant(erased):
    sanne = erased["people"]["lead"]
    joined = Notification.objects.filter(recipient=sanne, actor=erased["daan"]).select_related("actor")
    assert joined
    with translation.override("en"):
        assert all(text.startswith("former participant") for text in (n.text for n in joined))


def test_deleting_asks_for_the_password_again(client, busy_student):
    daan = busy_student["people"]["member"]
    _finished(busy_student["project"])
    client.force_login(daan)
    response = client.post(DELETE, {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/reauthenticate/?next={DELETE.replace('/', '%2F')}"
    assert User.objects.get(pk=daan.pk).is_active
    assert client.get(DELETE).status_code == 302


def test_without_ticking_the_box_nothing_is_deleted(client, busy_student):
    daan = busy_student["people"]["member"]
    _finished(busy_student["project"])
    log_in_and_confirm(client, daan)
    response = client.post(DELETE, {})
    assert response.status_code == 200
    assert "Vink het vakje aan om te bevestigen dat je je account wilt verwijderen." in response.content.decode()
    assert User.objects.get(pk=daan.pk).is_active


def test_the_contact_details_of_a_posters_challenges_are_replaced_in_every_version(challenge_index):
    poster = UserFactory(display_name="Anneke Vermeulen")
    challenge = ChallengePageFactory(parent=challenge_index, posted_by=poster, status=ChallengeStatus.COMPLETED)
    challenge.save_revision(user=poster)
    account_erase(user=poster, actor=poster)

    challenge = ChallengePage.objects.get(pk=challenge.pk)
    assert (challenge.contact_name, challenge.contact_email, challenge.contact_phone) == (ERASED_NAME, ERASED_EMAIL, "")
    assert challenge.posted_by_id == poster.pk
    content = Revision.objects.get(object_id=str(challenge.pk)).content
    assert (content["contact_name"], content["contact_email"], content["contact_phone"]) == (
        ERASED_NAME, ERASED_EMAIL, ""
    )


def test_only_the_person_deletes_their_own_account():
    person, other = UserFactory(), UserFactory()
    with pytest.raises(PrivacyError):
        account_erase(user=person, actor=other)
    assert User.objects.get(pk=person.pk).is_active


def test_an_account_is_deleted_once():
    person = UserFactory()
    account_erase(user=person, actor=person)
    with pytest.raises(PrivacyError):
        account_erase(user=person, actor=person)


def test_the_supervisor_still_exports_the_approved_hours_for_grading(erased):
    """The hours export (CSV and Excel) lists the kept hours under "former participant"."""
    rows = approved_hours_rows(supervisor=erased["people"]["supervisor"])
    kept = [row for row in rows if row.student_id == erased["daan"].pk]
    assert [(str(row.student_name), row.hours) for row in kept] == [("voormalig deelnemer", 3)]
    assert "voormalig deelnemer" in hours_csv(rows).decode("utf-8-sig")
    workbook = openpyxl.load_workbook(BytesIO(hours_xlsx(rows)))
    assert "voormalig deelnemer" in [cell.value for row in workbook.active.iter_rows() for cell in row]
