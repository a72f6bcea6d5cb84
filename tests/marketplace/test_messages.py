"""Messages on the site: the questions about an application before the owner decides, and a
project's conversation. Who may read and write each in each state (as the pages answer them),
what the services refuse, the files, what is new to whom, and the notifications."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import translation
from PIL import Image

from accounts.choices import NotificationEmail, NotificationKind
from accounts.defaults import BROKERS_GROUP
from accounts.models import Notification, NotificationPreference
from accounts.notifications.kinds import notification_text
from marketplace.choices import ApplicationStatus, ProjectStatus
from marketplace.models import Conversation, ConversationRead, Message, MessageFile, Project
from marketplace.selectors.messages import unread_message_count
from marketplace.services.applications import application_accept, application_endorse
from marketplace.services.errors import MarketplaceError
from marketplace.services.messages import message_send
from tests.factories import UserFactory
from tests.marketplace.helpers import cleaned_photo, phone_photo, supervised_application
from tests.marketplace.test_files_private import body

pytestmark = pytest.mark.django_db

PEOPLE = [
    "anonymous", "outsider", "other_student", "lead", "member", "supervisor", "other_lecturer",
    "poster", "organisation_member", "editor", "broker",
]
TEAM = {"lead", "member"}
OWNERS = {"poster", "organisation_member"}


@pytest.fixture
def world(challenge_index, institutions):
    people = {
        "outsider": UserFactory(email="buurman@example.org", display_name="Buurman Bert"),
        "other_student": UserFactory(email="piet@student.hsleiden.nl", display_name="Piet Visser"),
        "lead": UserFactory(email="sanne@umail.leidenuniv.nl", display_name="Sanne de Vries"),
        "member": UserFactory(email="daan@student.hsleiden.nl", display_name="Daan Bakker"),
        "supervisor": UserFactory(email="k.jansen@hsleiden.nl", display_name="Karin Jansen"),
        "other_lecturer": UserFactory(email="j.smit@leidenuniv.nl", display_name="Jan Smit"),
        "poster": UserFactory(email="anneke@example.org", display_name="Anneke Vos"),
        "organisation_member": UserFactory(email="joost@example.org", display_name="Joost Meijer"),
        "editor": UserFactory(email="redactie@example.org", display_name="Eva Redactie"),
        "broker": UserFactory(email="makelaar@example.org", display_name="Bram Makelaar"),
    }
    people["editor"].groups.add(Group.objects.get(name="Editors"))
    people["broker"].groups.add(Group.objects.get(name=BROKERS_GROUP))
    challenge, team, application = supervised_application(challenge_index, institutions, people)
    return {"people": people, "challenge": challenge, "team": team, "application": application}


def _as(client, person):
    client.logout()
    if person is not None:
        client.force_login(person)


def _who_reads_and_writes(client, people, page_url, post_url) -> tuple[set, set]:
    """Who sees the conversation on ``page_url``, and whose message posted to ``post_url`` is sent."""
    readers, writers = set(), set()
    for key in PEOPLE:
        person = people.get(key)
        _as(client, person)
        page = client.get(page_url)
        assert page.status_code in (200, 302, 404), (key, page.status_code)
        if page.status_code == 200 and 'class="conversation' in page.content.decode():
            readers.add(key)
        before = Message.objects.count()
        answer = client.post(post_url, {"text": f"Bericht van {key}", "language": "nl"})
        assert answer.status_code in (200, 302, 404), (key, answer.status_code)
        if Message.objects.count() > before:
            writers.add(key)
    return readers, writers


def test_the_questions_about_an_application_in_each_state(client, world):
    """Readers and writers of an application's questions: nobody asks before the application
    reaches the owners; the owners ask, the team answers once asked, the supervisor reads
    along; after the decision everyone reads and nobody writes. Editors and brokers never."""
    people, application = world["people"], world["application"]
    page = application.get_absolute_url()
    post = reverse("applications:message", args=[application.pk])
    expected = []
    seen = []

    # With the supervisor (not yet with the owners): the team and its supervisor see an empty
    # conversation; nobody can start it.
    assert application.status == ApplicationStatus.AWAITING_ENDORSEMENT
    seen.append(_who_reads_and_writes(client, people, page, post))
    expected.append((TEAM | {"supervisor"}, set()))
    Message.objects.all().delete()
    Conversation.objects.all().delete()

    # With the owners: the team (who come first in PEOPLE) cannot start; the owners ask.
    application_endorse(application=application, actor=people["supervisor"])
    seen.append(_who_reads_and_writes(client, people, page, post))
    expected.append((TEAM | {"supervisor"} | OWNERS, OWNERS))
    # Once asked, the team answers too.
    seen.append(_who_reads_and_writes(client, people, page, post))
    expected.append((TEAM | {"supervisor"} | OWNERS, OWNERS | TEAM))

    # A team member alone, before any question, is refused with a reason.
    Message.objects.all().delete()
    Conversation.objects.all().delete()
    _as(client, people["lead"])
    response = client.post(_in_english(post), {"text": "Mogen wij iets vragen?", "language": "nl"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The challenge&#x27;s owners ask the first question; the team can answer it here." in html
    assert "Mogen wij iets vragen?" in html  # the typed text is kept
    assert not Message.objects.exists()

    # After the decision: read, not written.
    message_send(actor=people["poster"], application=application, text="Nog één vraag", language="nl")
    application_accept(application=application, actor=people["poster"])
    seen.append(_who_reads_and_writes(client, people, page, post))
    expected.append((TEAM | {"supervisor"} | OWNERS, set()))

    assert seen == expected  # 4 states × 11 people × (read, write): 88 cells


def _in_english(path: str) -> str:
    """The same page on the English site."""
    with translation.override("nl"):
        match = resolve(path)
    with translation.override("en"):
        return reverse(f"{match.namespace}:{match.url_name}", kwargs=match.kwargs)


def test_the_project_conversation_in_each_state(client, world):
    """A project's conversation: its team, supervisor and owners read and write while it runs,
    and read after it ended; editors and brokers (who read shareable log entries) do not."""
    people, application = world["people"], world["application"]
    application_endorse(application=application, actor=people["supervisor"])
    project = application_accept(application=application, actor=people["poster"])
    url = reverse("projects:messages", args=[project.pk])
    insiders = TEAM | OWNERS | {"supervisor"}
    seen = [_who_reads_and_writes(client, people, url, url)]
    for status in (ProjectStatus.COMPLETED, ProjectStatus.CANCELLED):
        Project.objects.filter(pk=project.pk).update(status=status)
        seen.append(_who_reads_and_writes(client, people, url, url))
    assert seen == [(insiders, insiders), (insiders, set()), (insiders, set())]


def test_an_owner_asks_and_everyone_else_is_told_in_their_language(world, django_capture_on_commit_callbacks):
    people, application = world["people"], world["application"]
    people["member"].preferred_language = "en"
    people["member"].save()
    application_endorse(application=application, actor=people["supervisor"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message = message_send(
            actor=people["poster"], application=application, text="Hoe gaan jullie bewoners bereiken?",
            language="nl",
        )
    told = set(
        Notification.objects.filter(kind=NotificationKind.MESSAGE).values_list("recipient__email", flat=True)
    )
    assert told == {people[key].email for key in ("lead", "member", "supervisor", "organisation_member")}
    english = Notification.objects.get(kind=NotificationKind.MESSAGE, recipient=people["member"])
    with translation.override("en"):
        assert notification_text(english) == (
            f"Anneke Vos wrote about the application of “De Groene Vleugel” for “{world['challenge'].title}”"
        )
    assert english.params["message"] == "Hoe gaan jullie bewoners bereiken?"
    assert english.params["message_language"] == "nl"
    assert english.url.endswith(f"#message-{message.pk}")
    # Right away by default: one e-mail each, after the commit.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(told)
    member_mail = next(m for m in mail.outbox if m.to == [people["member"].email])
    assert "Hoe gaan jullie bewoners bereiken?" in member_mail.body
    # The sender has read their own message; the others have not.
    assert ConversationRead.objects.get(user=people["poster"]).read_at == message.created_at


def test_someone_who_chose_no_email_for_messages_is_told_on_the_site_only(world, django_capture_on_commit_callbacks):
    people, application = world["people"], world["application"]
    application_endorse(application=application, actor=people["supervisor"])
    NotificationPreference.objects.create(user=people["lead"], kind=NotificationKind.MESSAGE,
                                          email=NotificationEmail.OFF)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message_send(actor=people["poster"], application=application, text="Een vraag", language="nl")
    assert len(mail.outbox) == 3  # the member, the supervisor and the colleague
    assert Notification.objects.filter(kind=NotificationKind.MESSAGE, recipient=people["lead"]).exists()
    assert people["lead"].email not in [m.to[0] for m in mail.outbox]


@pytest.mark.parametrize(
    ("text", "language", "refusal"),
    [("   ", "nl", "Write your message."), ("Hallo", "fr", "Choose the language you write in.")],
)
def test_an_empty_message_or_an_unknown_language_is_refused(world, text, language, refusal):
    people, application = world["people"], world["application"]
    application_endorse(application=application, actor=people["supervisor"])
    with translation.override("en"), pytest.raises(MarketplaceError, match=refusal):
        message_send(actor=people["poster"], application=application, text=text, language=language)
    assert not Conversation.objects.exists()


def test_a_message_is_about_one_thing(world):
    with pytest.raises(ValueError, match="one of the two"):
        message_send(actor=world["people"]["poster"], text="Hallo", language="nl")


@pytest.fixture
def project(world):
    people = world["people"]
    application_endorse(application=world["application"], actor=people["supervisor"])
    return application_accept(application=world["application"], actor=people["poster"])


def test_a_photo_sent_with_a_message_loses_its_location_and_is_served_only_to_the_projects_people(
    client, world, project
):
    people = world["people"]
    message = message_send(
        actor=people["lead"], project=project, text="De binnentuin vandaag", language="nl", uploads=[cleaned_photo()]
    )
    row = MessageFile.objects.get(message=message)
    with row.file.open("rb") as stored:
        assert 0x8825 not in Image.open(stored).getexif()
    assert not row.file.path.startswith(str(settings.MEDIA_ROOT))
    url = row.get_absolute_url()
    answers = {}
    for key in PEOPLE:
        _as(client, people.get(key))
        response = client.get(url)
        answers[key] = response.status_code
        body(response)
    assert {key for key, status in answers.items() if status == 200} == TEAM | OWNERS | {"supervisor"}
    assert set(answers.values()) == {200, 404}
    _as(client, people["member"])
    response = client.get(row.get_thumbnail_url())
    body(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_sending_a_file_through_the_page_and_a_refused_file_keeps_the_text(client, world, project):
    people = world["people"]
    url = reverse("projects:messages", args=[project.pk])
    _as(client, people["member"])
    page = client.post(_in_english(url), {"text": "Zie de bijlage", "language": "nl",
                                     "files": [_html_pretending_to_be_a_pdf()]})
    html = page.content.decode()
    assert page.status_code == 200
    assert "is not a PDF, office document or photo" in html
    assert "Zie de bijlage" in html
    assert html.count("<title>Error:") == 1
    assert not Message.objects.exists()
    response = client.post(url, {"text": "Zie de foto", "language": "nl", "files": [phone_photo()]})
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{url}#message-{message.pk}"
    assert message.files.get().original_name == "IMG_2041.jpg"


def _html_pretending_to_be_a_pdf():
    return SimpleUploadedFile("verslag.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")


def test_what_is_new_to_whom(client, world, project):
    people = world["people"]
    url = reverse("projects:messages", args=[project.pk])
    message_send(actor=people["poster"], project=project, text="Welkom!", language="nl")
    message_send(actor=people["supervisor"], project=project, text="Fijn dat we starten.", language="nl")
    assert unread_message_count(project=project, user=people["lead"]) == 2
    assert unread_message_count(project=project, user=people["poster"]) == 1
    _as(client, people["lead"])
    detail = client.get(_in_english(project.get_absolute_url())).content.decode()
    assert '<span class="tag tag--pending">2 new</span>' in detail
    page = client.get(_in_english(url)).content.decode()
    assert page.count('<span class="tag tag--pending">New</span>') == 2
    assert unread_message_count(project=project, user=people["lead"]) == 0
    message_send(actor=people["member"], project=project, text="Ik maak de planning.", language="nl")
    assert unread_message_count(project=project, user=people["lead"]) == 1
    assert unread_message_count(project=project, user=people["member"]) == 0


@pytest.mark.parametrize(("language", "help_text"), [
    ("nl", "PDF, kantoordocumenten of foto's, elk hoogstens 20 MB en 5 tegelijk."),
    ("en", "PDF, office documents or photos, at most 20 MB each and 5 at once."),
])
def test_the_file_fields_help_is_in_the_pages_language(client, world, project, language, help_text):
    client.force_login(world["people"]["lead"])
    with translation.override(language):
        url = reverse("projects:messages", args=[project.pk])
    assert help_text in client.get(url).content.decode()


def test_links_are_made_clickable_and_nothing_else_is_html(client, world, project):
    people = world["people"]
    message_send(actor=people["lead"], project=project, language="nl",
                 text="Zie https://www.leiden.nl/wijken <b>vet</b>")
    _as(client, people["poster"])
    html = client.get(reverse("projects:messages", args=[project.pk])).content.decode()
    assert '<a href="https://www.leiden.nl/wijken" rel="nofollow">https://www.leiden.nl/wijken</a>' in html
    assert "&lt;b&gt;vet&lt;/b&gt;" in html


def _fill(project, people, count):
    for number in range(count):
        message = message_send(actor=people["lead" if number % 2 else "poster"], project=project,
                               text=f"Bericht {number}", language="nl")
        MessageFile.objects.create(message=message, file="messages/x.pdf", original_name="plan.pdf",
                                   content_type="application/pdf", size=10, uploaded_by=message.author)


def test_the_conversation_page_reads_a_constant_number_of_queries(client, world, project):
    """The conversation page reads 13 queries with 3 and with 12 messages (each with a file):
    the session and the user; the project with its challenge, organisation, team, supervisor
    and application; the person's team membership and organisation membership (who they are in
    the project); the conversation with how far the person read it, the messages with their
    author, their files; the earlier questions about the application; the challenge index for
    the navigation, the menu and footer settings (2), the bell's unread count. A second visit
    with nothing new writes nothing (the first marks the conversation read)."""
    people = world["people"]
    url = reverse("projects:messages", args=[project.pk])
    _as(client, people["supervisor"])
    counts = []
    for added in (3, 9):
        _fill(project, people, added)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        counts.append(len(captured.captured_queries))
    assert html.count('class="conversation__message"') == 12
    assert counts[0] == counts[1], counts
    assert counts[0] == 13, "\n".join(q["sql"][:150] for q in captured.captured_queries)
