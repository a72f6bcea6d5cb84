"""Each kind of notification has its own default way of e-mailing: right away, except new log
entries, which teams write often and which reach owners and supervisors in the daily summary
until they choose otherwise (as does the news of new challenges people follow). Only a choice
that differs from the kind's default is stored."""


import pytest
from django.urls import reverse
from django.utils import translation

from accounts.choices import NotificationEmail, NotificationKind
from accounts.models import Notification, NotificationPreference
from accounts.notifications.centre import notification_settings_update, notify, notify_each
from accounts.notifications.kinds import DIGEST_BY_DEFAULT, KINDS, default_email
from accounts.selectors import email_setting, notification_settings_for
from accounts.tasks import send_notification_email
from tests.accounts.helpers import run_digest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROJECT = {"project": "De Groene Vleugel – Groene binnentuin"}


def log_entry(recipient, actor=None):
    return notify(recipient=recipient, kind=NotificationKind.LOG_ENTRY, actor=actor, params=PROJECT,
                  url="/projecten/1/#entry-1")


def test_log_entries_go_to_the_daily_summary_by_default_everything_else_right_away():
    assert DIGEST_BY_DEFAULT == [NotificationKind.LOG_ENTRY, NotificationKind.CHALLENGE_FOLLOWED]
    assert all(spec.default_email in NotificationEmail.values for spec in KINDS.values())
    assert default_email(NotificationKind.LOG_ENTRY) == NotificationEmail.DIGEST
    assert default_email(NotificationKind.TEAM_INVITATION) == NotificationEmail.IMMEDIATELY
    assert default_email("a_kind_that_was_removed") == NotificationEmail.IMMEDIATELY

    karin = UserFactory()
    settings = notification_settings_for(karin)
    assert settings.pop(NotificationKind.LOG_ENTRY) == NotificationEmail.DIGEST
    assert settings.pop(NotificationKind.CHALLENGE_FOLLOWED) == NotificationEmail.DIGEST
    assert set(settings.values()) == {NotificationEmail.IMMEDIATELY}
    assert email_setting(karin, NotificationKind.LOG_ENTRY) == NotificationEmail.DIGEST
    assert email_setting(karin, NotificationKind.LOG_COMMENT) == NotificationEmail.IMMEDIATELY


def test_a_log_entry_is_not_mailed_right_away_but_in_the_summary(django_capture_on_commit_callbacks, mailoutbox):
    karin = UserFactory(preferred_language="en", email="k.jansen@hsleiden.nl")
    anneke = UserFactory(email="anneke@example.org")
    sanne = UserFactory(display_name="Sanne de Vries")
    with django_capture_on_commit_callbacks(execute=True):
        log_entry(karin, sanne)
        notify_each(recipients=[karin, anneke], kind=NotificationKind.LOG_ENTRY, actor=sanne, params=PROJECT,
                    url="/projecten/1/#entry-2")
    assert mailoutbox == []
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 3
    # The task finds nothing to send either, should it run for one of them.
    assert send_notification_email.enqueue(Notification.objects.first().pk).return_value is False

    assert "Sent 2 summaries" in run_digest()
    by_address = {email.to[0]: email for email in mailoutbox}
    assert set(by_address) == {"k.jansen@hsleiden.nl", "anneke@example.org"}
    english = by_address["k.jansen@hsleiden.nl"]
    assert english.subject == "[Leren met de Stad] Your daily summary: 2 new notifications"
    assert "New log entries in projects you follow" in english.body
    assert english.body.count("Sanne de Vries logged work in the project “De Groene Vleugel – Groene binnentuin”") == 2
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()

    mailoutbox.clear()
    assert "Sent 0 summaries" in run_digest()
    assert mailoutbox == []


def test_someone_who_wants_log_entries_right_away_gets_them_right_away(
    django_capture_on_commit_callbacks, mailoutbox
):
    karin = UserFactory(preferred_language="en")
    changed = notification_settings_update(
        user=karin, actor=karin, settings_by_kind={NotificationKind.LOG_ENTRY: NotificationEmail.IMMEDIATELY}
    )
    assert changed == [NotificationKind.LOG_ENTRY]
    assert NotificationPreference.objects.get(user=karin).email == NotificationEmail.IMMEDIATELY
    with django_capture_on_commit_callbacks(execute=True):
        log_entry(karin, UserFactory(display_name="Sanne de Vries"))
        notify_each(recipients=[karin], kind=NotificationKind.LOG_ENTRY, params=PROJECT, url="/projecten/1/")
    assert [email.subject for email in mailoutbox] == [
        "[Leren met de Stad] Sanne de Vries logged work in the project “De Groene Vleugel – Groene binnentuin”",
        "[Leren met de Stad] Someone logged work in the project “De Groene Vleugel – Groene binnentuin”",
    ]
    mailoutbox.clear()
    assert "Sent 0 summaries" in run_digest()


def test_no_email_at_all_leaves_log_entries_out_of_the_summary(django_capture_on_commit_callbacks, mailoutbox):
    karin = UserFactory()
    notification_settings_update(
        user=karin, actor=karin, settings_by_kind={NotificationKind.LOG_ENTRY: NotificationEmail.OFF}
    )
    with django_capture_on_commit_callbacks(execute=True):
        log_entry(karin)
    assert "Sent 0 summaries" in run_digest()
    assert mailoutbox == []
    assert Notification.objects.get().emailed_at is None  # still listed on the site


def test_only_a_choice_that_differs_from_the_kinds_default_is_stored():
    karin = UserFactory()
    digest = {NotificationKind.LOG_ENTRY: NotificationEmail.DIGEST}
    assert notification_settings_update(user=karin, actor=karin, settings_by_kind=digest) == []
    assert not NotificationPreference.objects.exists()

    notification_settings_update(user=karin, actor=karin, settings_by_kind={
        NotificationKind.LOG_ENTRY: NotificationEmail.IMMEDIATELY,
        NotificationKind.LOG_COMMENT: NotificationEmail.DIGEST,
    })
    assert dict(NotificationPreference.objects.values_list("kind", "email")) == {
        "log_entry": "immediately",
        "log_comment": "digest",
    }
    # Back to the defaults: no rows left.
    assert sorted(notification_settings_update(user=karin, actor=karin, settings_by_kind={
        NotificationKind.LOG_ENTRY: NotificationEmail.DIGEST,
        NotificationKind.LOG_COMMENT: NotificationEmail.IMMEDIATELY,
    })) == ["log_comment", "log_entry"]
    assert not NotificationPreference.objects.exists()
    assert notification_settings_for(karin)[NotificationKind.LOG_ENTRY] == NotificationEmail.DIGEST


def test_the_settings_page_shows_each_kinds_default_and_saving_it_unchanged_stores_nothing(client):
    karin = UserFactory(preferred_language="en")
    client.force_login(karin)
    with translation.override("en"):
        url = reverse("accounts:notification_settings")
    html = client.get(url).content.decode()
    assert 'value="digest" required id="id_log_entry_1" checked' in html
    assert 'value="immediately" required id="id_log_comment_0" checked' in html
    assert "New log entries in projects you follow" in html

    response = client.post(url, {kind: default_email(kind) for kind in NotificationKind.values})
    assert response.status_code == 302
    assert not NotificationPreference.objects.exists()
