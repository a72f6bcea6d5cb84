"""The daily summary: one e-mail per person with what they chose to get once a day."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from accounts.choices import NotificationEmail, NotificationKind
from accounts.models import Notification, NotificationPreference
from accounts.notifications.centre import notify
from tests.accounts.helpers import run_digest
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def digest_for(user, *kinds):
    for kind in kinds:
        NotificationPreference.objects.create(user=user, kind=kind, email=NotificationEmail.DIGEST)


def test_the_summary_sends_one_email_with_everything_grouped_and_a_second_run_sends_nothing(
    django_capture_on_commit_callbacks,
):
    sophie = UserFactory(preferred_language="en", email="sophie@example.org")
    digest_for(sophie, NotificationKind.TEAM_INVITATION, NotificationKind.APPLICATION_DECISION)
    karin = UserFactory(display_name="Karin Jansen")
    daan = UserFactory(display_name="Daan Visser")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=sophie, kind=NotificationKind.TEAM_INVITATION, actor=daan,
               params={"team": "De Groene Vleugel"}, url="/mijn-pagina/")
        notify(recipient=sophie, kind=NotificationKind.APPLICATION_DECISION, actor=karin,
               params={"team": "De Groene Vleugel", "challenge": "Binnentuin Merenwijk", "outcome": "endorsed"},
               url="/uitdagingen/binnentuin-merenwijk/")
        notify(recipient=sophie, kind=NotificationKind.TEAM_INVITATION, actor=karin,
               params={"team": "Stille Tuinen"}, url="/mijn-pagina/")
        notify(recipient=sophie, kind=NotificationKind.TEAM_JOINED, actor=daan,
               params={"team": "De Groene Vleugel"}, url="/mijn-pagina/")  # still right away
    assert [email.subject for email in mail.outbox] == [
        "[Leren met de Stad] Daan Visser joined your team “De Groene Vleugel”"
    ]
    mail.outbox.clear()

    assert "Sent 1 summary" in run_digest()
    [email] = mail.outbox
    assert email.to == ["sophie@example.org"]
    assert email.subject == "[Leren met de Stad] Your daily summary: 3 new notifications"
    body = email.body
    # Grouped by kind, in the order of the settings page, each with its English link.
    assert body.index("Invitations to join a team") < body.index("Daan Visser invites you to join the team")
    assert body.index("Daan Visser invites you") < body.index("Karin Jansen invites you to join the team “Stille")
    assert body.index("Stille Tuinen") < body.index("News about your team’s application")
    assert "Karin Jansen endorsed your team’s application for “Binnentuin Merenwijk”" in body
    assert "http://testserver/en/uitdagingen/binnentuin-merenwijk/" in body
    assert "http://testserver/en/my-page/notifications/e-mail/" in body
    assert "joined your team" not in body  # e-mailed right away already
    assert not Notification.objects.filter(recipient=sophie, emailed_at__isnull=True).exists()

    mail.outbox.clear()
    assert "Sent 0 summaries" in run_digest()
    assert mail.outbox == []


def test_the_summary_is_per_person_in_their_language_and_leaves_out_what_they_read():
    sophie = UserFactory(preferred_language="en")
    daan = UserFactory(preferred_language="nl")
    anneke = UserFactory()  # wants everything right away
    for person in (sophie, daan):
        digest_for(person, NotificationKind.TEAM_INVITATION)
    NotificationFactory(recipient=sophie)
    NotificationFactory(recipient=sophie, read_at=timezone.now(), params={"team": "Al Gelezen"})
    old = NotificationFactory(recipient=sophie, params={"team": "Heel Oud"})
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    NotificationFactory(recipient=daan)
    NotificationFactory(recipient=anneke)
    with translation.override("en"):
        run_digest()
    by_address = {email.to[0]: email for email in mail.outbox}
    assert set(by_address) == {sophie.email, daan.email}
    english = by_address[sophie.email]
    assert english.subject == "[Leren met de Stad] Your daily summary: 1 new notification"
    assert "Al Gelezen" not in english.body
    assert "Heel Oud" not in english.body
    dutch = by_address[daan.email]
    assert dutch.subject == "[Leren met de Stad] Je dagelijkse samenvatting: 1 nieuwe melding"
    assert "nodigt je uit voor het team “De Groene Vleugel”" in dutch.body
    assert "http://testserver/mijn-pagina/\n" in dutch.body
    assert "/en/" not in dutch.body


def test_a_summary_that_cannot_be_sent_is_tried_again_next_time(monkeypatch):
    sophie = UserFactory()
    digest_for(sophie, NotificationKind.TEAM_INVITATION)
    notification = NotificationFactory(recipient=sophie)

    def broken_send(self, fail_silently=False):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken_send)
    assert "Sent 0 summaries" in run_digest()
    notification.refresh_from_db()
    assert notification.emailed_at is None
    monkeypatch.undo()
    assert "Sent 1 summary" in run_digest()
