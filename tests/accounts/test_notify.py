"""notify(): the row, then the e-mail after the transaction commits, in the recipient's language."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation

from accounts.choices import NotificationEmail, NotificationKind
from accounts.models import Notification, NotificationPreference
from accounts.notifications.centre import notify, notify_each
from accounts.notifications.kinds import KINDS, PLACEHOLDER
from accounts.tasks import send_notification_email
from tests.accounts.helpers import dutch_translation
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def invite(recipient, actor, **kwargs):
    return notify(
        recipient=recipient,
        kind=NotificationKind.TEAM_INVITATION,
        actor=actor,
        params={"team": "De Groene Vleugel"},
        url=kwargs.pop("url", "/mijn-pagina/"),
        **kwargs,
    )


def test_notify_stores_the_notification_and_emails_it_after_commit_in_the_recipients_language(
    django_capture_on_commit_callbacks,
):
    sophie = UserFactory(display_name="Sophie Bakker", preferred_language="en", email="sophie@example.org")
    daan = UserFactory(display_name="Daan Visser")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = invite(sophie, daan)
        assert mail.outbox == []  # nothing leaves before the change is committed
    assert len(callbacks) == 1
    notification.refresh_from_db()
    assert (notification.recipient, notification.kind, notification.actor) == (sophie, "team_invitation", daan)
    assert notification.params == {"team": "De Groene Vleugel"}
    assert notification.read_at is None
    assert notification.emailed_at is not None

    [email] = mail.outbox
    assert email.to == ["sophie@example.org"]
    # Dutch is active in this test; the e-mail is in Sophie's English all the same.
    assert email.subject == "[Leren met de Stad] Daan Visser invites you to join the team “De Groene Vleugel”"
    assert "Daan Visser invites you to join the team “De Groene Vleugel”" in email.body
    assert "Open it on the site: http://testserver/en/my-page/" in email.body
    assert "http://testserver/en/my-page/notifications/e-mail/" in email.body
    assert "Open the link to see the team and join it." in email.body  # the kind's own template
    assert email.body.startswith("Hello,")  # the site's e-mail frame (base_message.txt)


def test_a_dutch_recipient_gets_a_dutch_email_with_a_dutch_link(django_capture_on_commit_callbacks):
    daan = UserFactory(display_name="Daan Visser", preferred_language="nl")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        invite(daan, UserFactory(display_name="Sophie Bakker"), url="/en/my-page/")
    [email] = mail.outbox
    assert "http://testserver/mijn-pagina/\n" in email.body
    assert "/en/" not in email.body
    expected = dutch_translation("%(actor)s invites you to join the team “%(team)s”") % {
        "actor": "Sophie Bakker",
        "team": "De Groene Vleugel",
    }
    assert expected in email.body
    assert email.subject == f"[Leren met de Stad] {expected}"


def test_no_email_when_the_change_is_rolled_back(django_capture_on_commit_callbacks):
    sophie = UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            invite(sophie, None)
            raise RuntimeError("the change failed")
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_the_url_is_kept_in_the_default_language_and_must_be_a_path_of_this_site():
    sophie = UserFactory()
    assert invite(sophie, None, url="/en/my-page/profiel/?x=1").url == "/mijn-pagina/profiel/?x=1"
    assert invite(sophie, None, url="/uitdagingen/").url == "/uitdagingen/"
    for bad in ["https://evil.example/", "//evil.example/", "mijn-pagina/", "/\\evil.example", "javascript:alert(1)",
                "/" + "x" * 500]:
        with pytest.raises(ValueError):
            invite(sophie, None, url=bad)


def test_params_are_plain_strings_and_complete():
    sophie = UserFactory()
    kind = NotificationKind.TEAM_INVITATION
    with pytest.raises(TypeError):
        notify(recipient=sophie, kind=kind, params={"team": translation.gettext_lazy("Team")}, url="/")
    with pytest.raises(TypeError):
        notify(recipient=sophie, kind=kind, params={"team": 3}, url="/")
    with pytest.raises(ValueError, match="needs params"):
        notify(recipient=sophie, kind=kind, params={}, url="/")
    with pytest.raises(ValueError, match="leave them out"):
        notify(recipient=sophie, kind=kind, params={"team": "A", "actor": "B"}, url="/")
    with pytest.raises(ValueError, match="Unknown notification kind"):
        notify(recipient=sophie, kind="team_party", params={}, url="/")
    with pytest.raises(ValueError, match="no outcome"):
        notify(recipient=sophie, kind=NotificationKind.SUPERVISION_ANSWER, params={"team": "A", "outcome": "maybe"},
               url="/")
    assert not Notification.objects.exists()


def test_email_setting_off_sends_nothing_but_the_notification_is_listed(client, django_capture_on_commit_callbacks):
    sophie = UserFactory(preferred_language="en")
    NotificationPreference.objects.create(user=sophie, kind="team_invitation", email=NotificationEmail.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        notification = invite(sophie, UserFactory(display_name="Daan Visser"))
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is None
    client.force_login(sophie)
    assert "Daan Visser invites you to join the team “De Groene Vleugel”" in client.get(
        "/en/my-page/notifications/"
    ).content.decode()


def test_daily_summary_setting_sends_nothing_right_away(django_capture_on_commit_callbacks):
    sophie = UserFactory()
    NotificationPreference.objects.create(user=sophie, kind="team_invitation", email=NotificationEmail.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        invite(sophie, None)
        notify(recipient=sophie, kind=NotificationKind.TEAM_JOINED, params={"team": "X"}, url="/")
    assert len(mail.outbox) == 1  # only the kind still set to right away
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 1


def test_the_task_takes_an_id_sends_once_and_checks_the_setting_again(django_capture_on_commit_callbacks):
    sophie = UserFactory()
    notification = NotificationFactory(recipient=sophie)
    assert send_notification_email.enqueue(notification.pk).return_value is True
    assert send_notification_email.enqueue(notification.pk).return_value is False  # already e-mailed
    assert len(mail.outbox) == 1

    later = NotificationFactory(recipient=sophie)
    NotificationPreference.objects.create(user=sophie, kind=later.kind, email=NotificationEmail.OFF)
    assert send_notification_email.enqueue(later.pk).return_value is False
    assert send_notification_email.enqueue(later.pk + 1000).return_value is False  # gone meanwhile
    assert len(mail.outbox) == 1


def test_a_failed_email_is_not_marked_as_sent(monkeypatch, caplog):
    notification = NotificationFactory()

    def broken_send(self, fail_silently=False):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken_send)
    result = send_notification_email.enqueue(notification.pk)
    assert result.status == "FAILED"
    notification.refresh_from_db()
    assert notification.emailed_at is None
    assert "Could not e-mail notification" in caplog.text


def test_notify_each_tells_everyone_once_except_the_actor(
    django_capture_on_commit_callbacks, django_assert_num_queries
):
    lead = UserFactory(display_name="Yasmin Bouzid")
    members = [UserFactory(preferred_language=language) for language in ("nl", "en", "en")]
    NotificationPreference.objects.create(user=members[2], kind="supervision_answer", email=NotificationEmail.OFF)
    lecturer = UserFactory(display_name="Karin Jansen")
    with django_capture_on_commit_callbacks(execute=True):
        # The notifications in one INSERT, the e-mail settings in one SELECT.
        with django_assert_num_queries(2):
            notifications = notify_each(
                recipients=[lead, *members, members[0], lecturer],
                kind=NotificationKind.SUPERVISION_ANSWER,
                actor=lecturer,
                params={"team": "De Groene Vleugel", "outcome": "accepted"},
                url="/mijn-pagina/",
            )
    assert sorted(n.recipient_id for n in notifications) == sorted(u.pk for u in [lead, *members])
    assert sorted(email.to[0] for email in mail.outbox) == sorted(u.email for u in [lead, members[0], members[1]])
    english = next(email for email in mail.outbox if email.to == [members[1].email])
    assert "Karin Jansen will supervise your team “De Groene Vleugel”" in english.body


def test_the_text_follows_the_readers_language_and_the_actors_current_name():
    notification = NotificationFactory(
        kind=NotificationKind.CHALLENGE_REVIEW,
        params={"challenge": "Een groene binnentuin", "outcome": "changes_requested", "message": "Een foto graag."},
    )
    with translation.override("en"):
        assert notification.text == "The editors ask for changes to your challenge “Een groene binnentuin”"
    sophie = NotificationFactory(actor__display_name="Sophie Bakker")
    sophie.actor.display_name = "Sophie de Boer"
    sophie.actor.save()
    sophie.refresh_from_db()
    with translation.override("en"):
        assert sophie.text == "Sophie de Boer invites you to join the team “De Groene Vleugel”"
        sophie.actor.delete()
        sophie.refresh_from_db()
        assert sophie.text == "Someone invites you to join the team “De Groene Vleugel”"
        # A notification stored before its kind's sentence asked for more never breaks the list.
        assert NotificationFactory(params={}).text == "Sophie Bakker invites you to join the team “…”"


def test_every_kind_has_a_sentence_that_uses_only_its_declared_params():
    assert set(KINDS) == set(NotificationKind.values)
    for kind, spec in KINDS.items():
        for text in spec.format_strings():
            with translation.override(None):
                used = set(PLACEHOLDER.findall(str(text)))
            assert used <= {"actor", *spec.params}, (kind, text)
        assert str(spec.description), kind
