"""Following a theme or a neighbourhood: the services, the news of a new challenge there (once,
at its first publication, in the daily summary unless chosen otherwise) and the buttons on
the filtered list of challenges and on My page."""


import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.choices import NotificationEmail, NotificationKind
from accounts.models import Notification
from accounts.notifications.centre import notification_settings_update
from accounts.notifications.emails import notification_digests_send
from marketplace.models import Follow
from marketplace.notifications.follows import challenge_new_for_followers
from marketplace.services.challenges import challenge_save_draft, challenge_submit
from marketplace.services.errors import MarketplaceError
from marketplace.services.follows import follow_create, follow_delete
from tests.factories import ChallengePageFactory, NeighbourhoodFactory, ThemeFactory, UserFactory
from tests.marketplace.helpers import approve, challenge_data

pytestmark = pytest.mark.django_db


def followed(kind=NotificationKind.CHALLENGE_FOLLOWED):
    return Notification.objects.filter(kind=kind).select_related("recipient").order_by("pk")


@pytest.fixture
def merenwijk():
    return NeighbourhoodFactory(name="Merenwijk", slug="merenwijk")


@pytest.fixture
def green():
    return ThemeFactory(
        name="Duurzaamheid & biodiversiteit", name_en="Sustainability & biodiversity", slug="duurzaamheid", sort_order=2
    )


@pytest.fixture
def health():
    return ThemeFactory(name="Gezondheid & welzijn", name_en="Health & well-being", slug="gezondheid", sort_order=1)


@pytest.fixture
def editor():
    """An editor with a name of her own (the shared ``editor`` has the factory's)."""
    user = UserFactory(display_name="Mila Redactie")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def poster(challenge_index):
    """A resident; their challenges go under the challenge index."""
    return UserFactory(email="anneke@example.org", display_name="Anneke Vermeulen")


@pytest.fixture
def sanne():
    """Sanne of these tests reads the site in English."""
    return UserFactory(email="sanne@umail.leidenuniv.nl", display_name="Sanne de Vries", preferred_language="en")


def publish(poster, editor, data, challenge=None):
    """Post (or edit) a challenge and have the editors approve it, as the site does."""
    challenge = challenge_save_draft(actor=poster, data=data, challenge=challenge)
    challenge_submit(challenge=challenge, actor=poster)
    approve(challenge, editor)
    challenge.refresh_from_db()
    return challenge


# Following and stopping


def test_following_twice_is_one_follow(sanne, green, merenwijk):
    first = follow_create(user=sanne, theme=green)
    assert follow_create(user=sanne, theme=green) == first
    follow_create(user=sanne, neighbourhood=merenwijk)
    follow_create(user=sanne, neighbourhood=merenwijk)
    assert Follow.objects.filter(user=sanne).count() == 2
    assert first.topic == green and first.topic_name == "Duurzaamheid & biodiversiteit"
    with translation.override("en"):
        assert first.topic_name == "Sustainability & biodiversity"
    assert first.filter_query == "theme=duurzaamheid"


def test_exactly_one_theme_or_neighbourhood(sanne, green, merenwijk):
    with pytest.raises(ValueError):
        follow_create(user=sanne)
    with pytest.raises(ValueError):
        follow_create(user=sanne, theme=green, neighbourhood=merenwijk)
    with pytest.raises(ValueError):
        follow_delete(user=sanne)
    assert not Follow.objects.exists()


def test_only_people_with_a_confirmed_address_follow(green):
    with pytest.raises(MarketplaceError):
        follow_create(user=UserFactory(verified=False), theme=green)
    with pytest.raises(MarketplaceError):
        follow_create(user=AnonymousUser(), theme=green)
    assert not Follow.objects.exists()


@pytest.mark.parametrize(
    "rows",
    [
        [{"theme": None, "neighbourhood": None}],
        [{"theme": "green", "neighbourhood": "merenwijk"}],
        [{"theme": "green", "neighbourhood": None}, {"theme": "green", "neighbourhood": None}],
        [{"theme": None, "neighbourhood": "merenwijk"}, {"theme": None, "neighbourhood": "merenwijk"}],
    ],
    ids=["nothing", "both", "theme twice", "neighbourhood twice"],
)
def test_the_database_refuses_impossible_follows(sanne, green, merenwijk, rows):
    topics = {"green": green, "merenwijk": merenwijk, None: None}
    with pytest.raises(IntegrityError), transaction.atomic():
        for row in rows:
            Follow.objects.create(user=sanne, theme=topics[row["theme"]], neighbourhood=topics[row["neighbourhood"]])


def test_two_people_follow_the_same_theme(sanne, green):
    follow_create(user=sanne, theme=green)
    follow_create(user=UserFactory(), theme=green)
    assert green.follows.count() == 2


def test_unfollow_stops_only_that_follow(sanne, green, merenwijk):
    follow_create(user=sanne, theme=green)
    follow_create(user=sanne, neighbourhood=merenwijk)
    other = follow_create(user=UserFactory(), theme=green)
    assert follow_delete(user=sanne, theme=green) is True
    assert follow_delete(user=sanne, theme=green) is False  # stopping twice changes nothing
    assert list(Follow.objects.filter(user=sanne).values_list("neighbourhood", flat=True)) == [merenwijk.pk]
    assert Follow.objects.filter(pk=other.pk).exists()
    assert follow_delete(user=AnonymousUser(), theme=green) is False


# News of a new challenge


def test_followers_hear_of_a_new_challenge_once_each_in_their_language(poster, editor, sanne, green, health, merenwijk):
    daan = UserFactory(display_name="Daan Bakker")  # Dutch; follows the neighbourhood and a theme
    follow_create(user=daan, theme=green)
    follow_create(user=daan, neighbourhood=merenwijk)
    follow_create(user=sanne, theme=green)  # English
    follow_create(user=sanne, theme=health)  # both themes match; named by the first in the site's order
    piet = UserFactory()
    follow_create(user=piet, theme=green)
    follow_create(user=piet, neighbourhood=NeighbourhoodFactory())  # another neighbourhood: no match
    follow_create(user=UserFactory(), theme=ThemeFactory())  # another theme: not told
    follow_create(user=UserFactory(is_active=False), theme=green)  # a closed account: not told
    follow_create(user=poster, theme=green)  # the poster knows already

    challenge = publish(poster, editor, challenge_data(neighbourhood=merenwijk, themes=[green, health]))

    topics = {}
    for notification in followed():
        topics[notification.recipient] = notification.params["topic"]
        assert notification.url == f"/uitdagingen/{challenge.slug}/"
        assert notification.actor is None
        assert notification.params["challenge"] == "Een groene binnentuin"
    # Sanne reads English: the theme is named in English for her, the others in Dutch.
    assert topics == {daan: "Merenwijk", sanne: "Health & well-being", piet: "Duurzaamheid & biodiversiteit"}
    with translation.override("en"):
        assert followed().get(recipient=sanne).text == "New challenge in Health & well-being: “Een groene binnentuin”"
    # The poster heard from the editors' review, as before.
    assert list(Notification.objects.filter(recipient=poster).values_list("kind", flat=True)) == [
        NotificationKind.CHALLENGE_REVIEW,
        NotificationKind.CHALLENGE_REVIEW,
    ]


def test_an_approved_edit_is_no_news(poster, editor, sanne, green):
    follow_create(user=sanne, theme=green)
    data = challenge_data(themes=[green])
    challenge = publish(poster, editor, data)
    assert followed().count() == 1
    assert challenge.first_published_at == challenge.last_published_at

    publish(poster, editor, {**data, "summary": "Een nieuwe samenvatting."}, challenge=challenge)
    challenge.refresh_from_db()
    assert challenge.summary == "Een nieuwe samenvatting."
    assert challenge.last_published_at > challenge.first_published_at
    assert followed().count() == 1

    # Nor is putting it back on the site after it was taken off.
    challenge.unpublish()
    challenge.save_revision().publish()
    challenge.refresh_from_db()
    challenge_new_for_followers(challenge=challenge)
    assert followed().count() == 1


def test_followers_hear_of_a_challenge_an_editor_publishes_directly_in_the_admin(challenge_index, sanne, green):
    follow_create(user=sanne, theme=green)
    challenge = ChallengePageFactory(parent=challenge_index, themes=[green], live=False)
    assert not followed().exists()
    challenge.save_revision().publish()
    assert list(followed().values_list("recipient", flat=True)) == [sanne.pk]
    challenge.refresh_from_db()
    challenge.save_revision().publish()  # a later edit is no news
    assert followed().count() == 1


def test_nothing_is_sent_for_a_challenge_that_is_not_live(challenge_index, sanne, green):
    challenge = ChallengePageFactory(parent=challenge_index, themes=[green], live=False)
    challenge_new_for_followers(challenge=challenge)
    assert not followed().exists()


def test_a_follower_gets_the_news_in_the_daily_summary_not_right_away(
    poster, editor, sanne, green, mailoutbox, django_capture_on_commit_callbacks
):
    follow_create(user=sanne, theme=green)
    with django_capture_on_commit_callbacks(execute=True):
        publish(poster, editor, challenge_data(themes=[green]))
    assert mailoutbox  # the poster and the editors heard of the review
    assert not [email for email in mailoutbox if email.to == ["sanne@umail.leidenuniv.nl"]]
    mailoutbox.clear()

    assert notification_digests_send() == 1
    [email] = mailoutbox
    assert email.to == ["sanne@umail.leidenuniv.nl"]
    assert "New challenges in themes and neighbourhoods you follow" in email.body
    assert "New challenge in Sustainability & biodiversity: “Een groene binnentuin”" in email.body
    assert "http://testserver/en/uitdagingen/een-groene-binnentuin/" in email.body


def test_a_follower_who_chose_right_away_is_mailed_right_away(
    poster, editor, sanne, green, mailoutbox, django_capture_on_commit_callbacks
):
    notification_settings_update(
        user=sanne, actor=sanne, settings_by_kind={NotificationKind.CHALLENGE_FOLLOWED: NotificationEmail.IMMEDIATELY}
    )
    follow_create(user=sanne, theme=green)
    with django_capture_on_commit_callbacks(execute=True):
        publish(poster, editor, challenge_data(themes=[green]))
    [email] = [email for email in mailoutbox if email.to == ["sanne@umail.leidenuniv.nl"]]
    assert email.subject == (
        "[Leren met de Stad] New challenge in Sustainability & biodiversity: “Een groene binnentuin”"
    )
    assert "You can stop following it on My page." in email.body
    assert "http://testserver/en/uitdagingen/een-groene-binnentuin/" in email.body
    mailoutbox.clear()
    assert notification_digests_send() == 0


def test_telling_followers_takes_the_same_queries_for_few_and_many(
    challenge_index, green, health, merenwijk, django_assert_num_queries
):
    """One query for the followers; then, for each topic and language named (here Merenwijk,
    and the theme in Dutch and in English), one INSERT and one look at the e-mail settings."""
    now = timezone.now()
    challenge = ChallengePageFactory(
        parent=challenge_index,
        themes=[green, health],
        neighbourhood=merenwijk,
        first_published_at=now,
        last_published_at=now,
    )
    challenge.get_url()  # the site's root paths are cached from the first page URL on

    def add_followers(count):
        for _ in range(count):
            follow_create(user=UserFactory(), neighbourhood=merenwijk)
            both = UserFactory(preferred_language="en")
            follow_create(user=both, theme=green)
            follow_create(user=both, theme=health)
            follow_create(user=UserFactory(), theme=health)

    add_followers(2)
    with django_assert_num_queries(7):
        challenge_new_for_followers(challenge=challenge)
    assert followed().count() == 6

    add_followers(20)
    with django_assert_num_queries(7):
        challenge_new_for_followers(challenge=challenge)
    assert followed().count() == 6 + 66


# The buttons, in English: the words of the page stay the same once the Dutch catalogue has them.

INDEX = "/en/uitdagingen/"
FOLLOW_URL = "/en/follow/"
UNFOLLOW_URL = "/en/follow/stop/"
MY_PAGE = "/en/my-page/"


def log_in(client, user=None):
    user = user or UserFactory(preferred_language="en")
    client.force_login(user)
    return user


def test_follow_and_stop_from_the_filtered_list(client, challenge_index, green):
    sanne = log_in(client)
    listing = f"{INDEX}?theme={green.slug}&level=hbo"
    html = client.get(listing).content.decode()
    assert f'action="{FOLLOW_URL}"' in html
    assert f'<input type="hidden" name="next" value="{INDEX}?theme={green.slug}&amp;level=hbo">' in html
    assert 'Follow this theme<span class="visually-hidden"> (Sustainability &amp; biodiversity)</span>' in html

    response = client.post(FOLLOW_URL, {"theme": green.slug, "next": listing})
    assert response.status_code == 302 and response["Location"] == listing
    assert Follow.objects.get(user=sanne).theme == green
    html = client.get(listing).content.decode()
    assert "You follow Sustainability &amp; biodiversity." in html  # the message after the redirect
    assert "Following this theme ✓" in html and "Stop following" in html
    assert f'action="{UNFOLLOW_URL}"' in html

    response = client.post(UNFOLLOW_URL, {"theme": green.slug, "next": listing})
    assert response.status_code == 302 and response["Location"] == listing
    assert not Follow.objects.exists()
    html = client.get(listing).content.decode()
    assert "You no longer follow Sustainability &amp; biodiversity." in html
    assert "Follow this theme" in html


def test_the_dutch_list_posts_to_the_dutch_address_and_comes_back_to_it(client, challenge_index, green):
    log_in(client, UserFactory(preferred_language="nl"))
    with translation.override("nl"):
        follow_url = reverse("follows:follow")
    listing = f"/uitdagingen/?theme={green.slug}"
    assert f'action="{follow_url}"' in client.get(listing).content.decode()
    assert client.post(follow_url, {"theme": green.slug, "next": listing})["Location"] == listing
    assert Follow.objects.exists()


def test_both_a_theme_and_a_neighbourhood_get_a_button(client, challenge_index, green, merenwijk):
    log_in(client)
    listing = f"{INDEX}?theme={green.slug}&neighbourhood=merenwijk"
    html = client.get(listing).content.decode()
    assert "Follow this theme" in html and "Follow Merenwijk" in html
    client.post(FOLLOW_URL, {"neighbourhood": "merenwijk", "next": listing})
    html = client.get(listing).content.decode()
    assert "Following Merenwijk ✓" in html and "Follow this theme" in html


def test_no_buttons_without_a_theme_or_neighbourhood_in_the_filter(client, challenge_index):
    log_in(client)
    for url in [INDEX, f"{INDEX}?level=hbo", f"{INDEX}?theme=does-not-exist"]:
        assert FOLLOW_URL not in client.get(url).content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/uitdagingen/", "//evil.example/", "", "javascript:alert(1)"])
def test_the_way_back_stays_on_the_site(client, challenge_index, green, target):
    log_in(client)
    response = client.post(FOLLOW_URL, {"theme": green.slug, "next": target})
    assert response.status_code == 302 and response["Location"] == INDEX


def test_someone_logged_out_is_asked_to_log_in(client, challenge_index, green):
    listing = f"{INDEX}?theme={green.slug}"
    login = f"/en/accounts/login/?next=/en/uitdagingen/%3Ftheme%3D{green.slug}"
    html = client.get(listing).content.decode()
    assert f'<a href="{login}">Log in to follow this theme</a>' in html
    assert FOLLOW_URL not in html

    response = client.post(FOLLOW_URL, {"theme": green.slug, "next": listing})
    assert response.status_code == 302 and response["Location"] == login
    assert client.post(UNFOLLOW_URL, {"theme": green.slug, "next": listing})["Location"] == login
    assert not Follow.objects.exists()


def test_someone_without_a_confirmed_address_is_asked_to_confirm_it(client, challenge_index, green, merenwijk):
    log_in(client, UserFactory(verified=False, preferred_language="en"))
    listing = f"{INDEX}?theme={green.slug}&neighbourhood=merenwijk"
    html = client.get(listing).content.decode()
    assert html.count("Confirm your e-mail address to follow new challenges here") == 1
    assert FOLLOW_URL not in html
    response = client.post(FOLLOW_URL, {"theme": green.slug, "next": listing}, follow=True)
    assert "Confirm your e-mail address first" in response.content.decode()
    assert not Follow.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{}, {"theme": "does-not-exist"}, {"theme": "duurzaamheid", "neighbourhood": "merenwijk"}],
    ids=["nothing", "unknown theme", "both"],
)
def test_a_request_without_exactly_one_known_topic_is_not_found(client, challenge_index, green, merenwijk, data):
    log_in(client)
    assert client.post(FOLLOW_URL, {**data, "next": INDEX}).status_code == 404
    assert client.post(UNFOLLOW_URL, {**data, "next": INDEX}).status_code == 404
    assert not Follow.objects.exists()


def test_only_a_post_with_the_csrf_token_follows(challenge_index, green):
    client = Client(enforce_csrf_checks=True)
    log_in(client)
    assert client.get(FOLLOW_URL).status_code == 405
    assert client.post(FOLLOW_URL, {"theme": green.slug}).status_code == 403
    assert not Follow.objects.exists()


# My page


def test_my_page_lists_what_someone_follows_with_a_way_to_stop(client, challenge_index, green, merenwijk):
    sanne = log_in(client)
    html = client.get(MY_PAGE).content.decode()
    assert "What you follow" in html and "You follow nothing yet." in html

    follow_create(user=sanne, theme=green)
    follow_create(user=sanne, neighbourhood=merenwijk)
    html = client.get(MY_PAGE).content.decode()
    # Neighbourhoods first, then themes; each opens the list filtered by it.
    assert html.index(f'href="{INDEX}?neighbourhood=merenwijk">Merenwijk</a>') < html.index(
        f'href="{INDEX}?theme={green.slug}">Sustainability &amp; biodiversity</a>'
    )
    assert html.count("Stop following") == 2
    with translation.override("en"):
        settings_url = reverse("accounts:notification_settings")
    assert f'<a href="{settings_url}">Choose how often we e-mail you about new challenges there</a>' in html

    response = client.post(UNFOLLOW_URL, {"neighbourhood": "merenwijk", "next": MY_PAGE})
    assert response["Location"] == MY_PAGE
    assert list(Follow.objects.values_list("theme", flat=True)) == [green.pk]


def test_my_page_takes_the_same_queries_for_one_follow_and_many(client, challenge_index, django_assert_num_queries):
    """What someone follows is one query, however much they follow."""
    sanne = log_in(client)
    follow_create(user=sanne, theme=ThemeFactory())
    client.get(MY_PAGE)
    with CaptureQueriesContext(connection) as few:
        client.get(MY_PAGE)
    few_count = len(few.captured_queries)  # read now: the next request clears the log
    for _ in range(8):
        follow_create(user=sanne, theme=ThemeFactory())
        follow_create(user=sanne, neighbourhood=NeighbourhoodFactory())
    with django_assert_num_queries(few_count):
        client.get(MY_PAGE)
