"""The notification list, opening a notification, marking all as read, and the bell."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.choices import NotificationKind
from accounts.models import Notification
from tests.accounts.helpers import dutch_translation
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def english(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def dutch(name, *args):
    with translation.override("nl"):
        return reverse(name, args=args)


def notification_queries(queries) -> list[str]:
    return [query["sql"] for query in queries if "accounts_notification" in query["sql"]]


def test_the_list_needs_a_login(client):
    response = client.get(dutch("accounts:notifications"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_list_shows_ones_own_notifications_newest_first_in_english_under_en(client):
    sophie = UserFactory(preferred_language="en")
    older = NotificationFactory(recipient=sophie, params={"team": "De Groene Vleugel"}, read_at=timezone.now())
    newer = NotificationFactory(
        recipient=sophie,
        kind=NotificationKind.SUPERVISION_ANSWER,
        actor__display_name="Karin Jansen",
        params={"team": "Stille Tuinen", "outcome": "accepted", "message": "Graag!"},
    )
    NotificationFactory(params={"team": "Iemand Anders"})  # someone else's
    client.force_login(sophie)
    response = client.get("/en/my-page/notifications/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "<h1>Notifications</h1>" in html
    assert html.index("Karin Jansen will supervise your team “Stille Tuinen”") < html.index(
        "Sophie Bakker invites you to join the team “De Groene Vleugel”"
    )
    assert "Iemand Anders" not in html
    assert "Graag!" in html
    # Unread is marked with a word, not only a colour; the read one has no such word.
    assert html.count(">New</span>") == 1
    assert html.count("notification-list__item--unread") == 1
    assert f'href="{english("accounts:notification_open", newer.pk)}"' in html
    assert f'href="{english("accounts:notification_open", older.pk)}"' in html
    assert "1 unread notification" in html
    assert "Mark all as read" in html
    assert f'href="{english("accounts:notification_settings")}"' in html


def test_the_list_follows_the_language_switch(client):
    sophie = UserFactory(preferred_language="nl")
    NotificationFactory(recipient=sophie)
    client.force_login(sophie)
    dutch_html = client.get(dutch("accounts:notifications")).content.decode()
    english_html = client.get(english("accounts:notifications")).content.decode()
    assert '<html lang="nl">' in dutch_html
    assert "Sophie Bakker nodigt je uit voor het team “De Groene Vleugel”" in dutch_html
    assert "Sophie Bakker invites you to join the team “De Groene Vleugel”" in english_html


def test_the_list_without_notifications_says_so(client):
    client.force_login(UserFactory())
    html = client.get("/en/my-page/notifications/").content.decode()
    assert "You have no notifications yet." in html
    assert "Mark all as read" not in html


def test_opening_a_notification_marks_it_read_and_goes_there_in_the_readers_language(client):
    sophie = UserFactory(preferred_language="en")
    notification = NotificationFactory(recipient=sophie, url="/mijn-pagina/profiel/")
    client.force_login(sophie)
    response = client.get(english("accounts:notification_open", notification.pk))
    assert response.status_code == 302
    assert response["Location"] == "/en/my-page/profiel/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    first_read = notification.read_at
    client.get(english("accounts:notification_open", notification.pk))
    notification.refresh_from_db()
    assert notification.read_at == first_read

    daan = UserFactory(preferred_language="nl")
    theirs = NotificationFactory(recipient=daan, url="/mijn-pagina/")
    client.force_login(daan)
    assert client.get(dutch("accounts:notification_open", theirs.pk))["Location"] == "/mijn-pagina/"


def test_another_persons_notification_is_not_found_and_stays_unread(client):
    notification = NotificationFactory()
    client.force_login(UserFactory(preferred_language="en"))
    assert client.get(english("accounts:notification_open", notification.pk)).status_code == 404
    assert client.get(english("accounts:notification_open", notification.pk + 99)).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_stored_link_to_another_site_is_never_followed(client):
    sophie = UserFactory(preferred_language="en")
    notification = NotificationFactory(recipient=sophie)
    for bad in ["https://evil.example/", "//evil.example/", "/\\evil.example/"]:
        # Only notify() writes notifications and it refuses these; a row changed by hand still
        # does not make the site an open redirect.
        Notification.objects.filter(pk=notification.pk).update(url=bad)
        client.force_login(sophie)
        response = client.get(english("accounts:notification_open", notification.pk))
        assert response["Location"] == english("accounts:notifications"), bad


def test_mark_all_as_read_is_a_post_and_touches_only_ones_own(client):
    sophie = UserFactory(preferred_language="en")
    mine = [NotificationFactory(recipient=sophie) for _ in range(3)]
    other = NotificationFactory()
    client.force_login(sophie)
    url = english("accounts:notifications_read_all")
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == english("accounts:notifications")
    html = response.content.decode()
    assert "All your notifications are marked as read." in html
    assert "You have read all your notifications." in html
    assert ">New</span>" not in html
    assert Notification.objects.filter(pk__in=[n.pk for n in mine], read_at__isnull=True).count() == 0
    other.refresh_from_db()
    assert other.read_at is None


def test_the_list_has_thirty_a_page(client):
    sophie = UserFactory(preferred_language="en")
    actor = UserFactory(display_name="Daan Visser")
    Notification.objects.bulk_create(
        [Notification(recipient=sophie, actor=actor, kind="team_joined", params={"team": f"Team {n}"}, url="/")
         for n in range(31)]
    )
    client.force_login(sophie)
    first = client.get("/en/my-page/notifications/").content.decode()
    assert first.count('class="notification-list__item') == 30
    assert "Team 30" in first and "Team 0”" not in first
    assert "Page 1 of 2" in first
    second = client.get("/en/my-page/notifications/?pagina=2").content.decode()
    assert second.count('class="notification-list__item') == 1
    assert "Team 0”" in second


def test_the_list_query_count_does_not_grow(client):
    """Session, user, the live challenge index (main menu), the menu and footer settings (2), the
    paginator's COUNT, one page of notifications with their actors (one JOIN), and the unread
    COUNT shared by the bell and the page: the same number of queries for 2 or 30 notifications
    from 30 people."""
    sophie = UserFactory(preferred_language="en")
    NotificationFactory.create_batch(2, recipient=sophie)
    client.force_login(sophie)
    client.get("/en/my-page/notifications/")
    with CaptureQueriesContext(connection) as small:
        client.get("/en/my-page/notifications/")
    NotificationFactory.create_batch(28, recipient=sophie)  # each by another person
    with CaptureQueriesContext(connection) as large:
        html = client.get("/en/my-page/notifications/").content.decode()
    assert html.count('class="notification-list__item') == 30
    assert len(large.captured_queries) == len(small.captured_queries) == 8
    assert len(notification_queries(large.captured_queries)) == 3  # paginator COUNT, page, unread COUNT


def test_the_bell_shows_the_unread_count_with_one_query(client):
    sophie = UserFactory(preferred_language="en")
    NotificationFactory.create_batch(3, recipient=sophie)
    NotificationFactory(recipient=sophie, read_at=timezone.now())
    client.force_login(sophie)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/en/my-page/").content.decode()
    assert '<span class="visually-hidden">Notifications, 3 unread</span>' in html
    assert '<span class="notification-bell__badge" aria-hidden="true">3</span>' in html
    assert f'<a class="notification-bell notification-bell--unread" href="{english("accounts:notifications")}"' in html
    [count] = notification_queries(queries.captured_queries)
    assert "COUNT(*)" in count

    Notification.objects.filter(recipient=sophie).update(read_at=timezone.now())
    html = client.get("/en/my-page/").content.decode()
    assert '<span class="visually-hidden">Notifications</span>' in html
    assert "notification-bell__badge" not in html


def test_the_bell_counts_ninety_nine_plus(client):
    sophie = UserFactory(preferred_language="en")
    Notification.objects.bulk_create(
        [Notification(recipient=sophie, kind="team_joined", params={"team": "T"}, url="/") for _ in range(120)]
    )
    client.force_login(sophie)
    html = client.get("/en/my-page/").content.decode()
    assert "Notifications, 120 unread" in html
    assert 'aria-hidden="true">99+</span>' in html


def test_no_bell_and_no_notification_query_for_visitors(client, home_page):
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/en/").content.decode()
    assert "notification-bell" not in html
    assert notification_queries(queries.captured_queries) == []


def test_my_page_links_to_notifications_and_email_settings(client):
    client.force_login(UserFactory(preferred_language="en"))
    html = client.get("/en/my-page/").content.decode()
    assert f'<a href="{english("accounts:notifications")}">Your notifications</a>' in html
    assert f'<a href="{english("accounts:notification_settings")}">Choose which e-mails you get</a>' in html


def test_dutch_bell_and_list(client):
    """As the Dutch catalogue has it; a missing translation fails the test."""
    sophie = UserFactory(preferred_language="nl")
    NotificationFactory.create_batch(3, recipient=sophie)
    client.force_login(sophie)
    dutch_translation("Notifications")
    dutch_translation("%(actor)s invites you to join the team “%(team)s”")
    html = client.get(dutch("accounts:notifications")).content.decode()
    assert dutch("accounts:notifications") == "/mijn-pagina/meldingen/"
    assert '<span class="visually-hidden">Meldingen, 3 ongelezen</span>' in html
    assert "<h1>Meldingen</h1>" in html
    assert "Sophie Bakker nodigt je uit voor het team “De Groene Vleugel”" in html
    assert "Alles als gelezen markeren" in html
