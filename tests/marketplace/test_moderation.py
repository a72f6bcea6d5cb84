"""Reporting what people wrote, and the editors' decisions (PRODUCT.md rule 9): who can report
each kind of text (as the report page answers), the threshold that hides it, one report per
person, the rate limit, who may decide, what the author is told, and the editors' queue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Revision

from accounts.choices import NotificationKind
from accounts.models import Notification
from accounts.notifications.kinds import notification_text
from marketplace.choices import ModerationStatus, ReportReason
from marketplace.models import ModeratedItem, Organisation, Report
from marketplace.reportable import REPORTABLE
from marketplace.services.errors import MarketplaceError
from marketplace.services.messages import message_send
from marketplace.services.moderation import moderation_decide, report_create
from marketplace.services.projects import log_comment_add
from tests.factories import OrganisationMembershipFactory, UserFactory
from tests.marketplace.helpers import PROJECT_PEOPLE, log, today

pytestmark = pytest.mark.django_db

INSIDERS = {"lead", "member", "supervisor", "poster", "organisation_member"}


@pytest.fixture
def content(project_world):
    """One piece of each kind of user text in the project world, and who wrote it."""
    people, project = project_world["people"], project_world["project"]
    entry = log(project, people["lead"], today(), {people["lead"]: "2"})
    comment = log_comment_add(entry=entry, actor=people["member"], text="Wat een slecht idee, sukkels.")
    message = message_send(actor=people["poster"], project=project, text="Bel me op 06 11 22 33 44", language="nl")
    organisation = project_world["challenge"].organisation
    organisation.description = "Wij zijn de wijkvereniging."
    organisation.save()
    team = project_world["team"]
    team.description = "Wij tellen vlinders."
    team.save()
    return {
        "comment": (comment, "member"),
        "log-entry": (entry, "lead"),
        "message": (message, "poster"),
        "team": (team, "lead"),
        "organisation": (organisation, None),
        "challenge": (project_world["challenge"], "poster"),
    }


def _report_url(kind, obj):
    return reverse("moderation:report", args=[kind, obj.pk])


def test_who_can_report_each_kind_of_text(client, project_world, content):
    """The report page offers its form to whoever sees the text, except who wrote it (or
    speaks for it); everyone else gets 404, visitors who are not logged in the login page."""
    people = project_world["people"]
    expected = {
        # Editors and brokers read no comments or messages; a log entry only when shareable.
        "comment": INSIDERS - {"member"},
        "log-entry": INSIDERS - {"lead"},
        "message": INSIDERS - {"poster"},
        # A team's page: its members, its supervisor and owners of a challenge it applied to.
        "team": INSIDERS - {"lead"},
        # Public pages: everyone logged in.
        "organisation": set(PROJECT_PEOPLE) - {"anonymous"},
        "challenge": set(PROJECT_PEOPLE) - {"anonymous", "poster"},
    }
    authors = {kind: {author} if author else set() for kind, (_obj, author) in content.items()}
    seen = {}
    for kind, (obj, _author) in content.items():
        offered, yours = set(), set()
        for key in PROJECT_PEOPLE:
            client.logout()
            if key != "anonymous":
                client.force_login(people[key])
            response = client.get(_report_url(kind, obj))
            if key == "anonymous":
                assert response.status_code == 302, kind
                continue
            assert response.status_code in (200, 404), (kind, key, response.status_code)
            html = response.content.decode()
            if response.status_code == 200 and 'name="reason"' in html:
                offered.add(key)
            elif response.status_code == 200:
                yours.add(key)
        seen[kind] = offered
        assert yours == authors[kind] & (expected[kind] | authors[kind]), kind
    assert seen == expected  # 6 kinds × 11 people: 66 cells


def test_an_unknown_kind_or_id_is_not_found(client, project_world):
    client.force_login(project_world["people"]["lead"])
    assert client.get(reverse("moderation:report", args=["nothing", 1])).status_code == 404
    assert client.get(reverse("moderation:report", args=["comment", 999])).status_code == 404


def _reporters(count):
    return [UserFactory(email=f"melder{number}@example.org") for number in range(count)]


def test_reported_by_enough_people_it_is_hidden_and_the_author_is_told(client, project_world, settings):
    settings.MODERATION_HIDE_AFTER_REPORTS = 3
    people, organisation = project_world["people"], project_world["challenge"].organisation
    Organisation.objects.filter(pk=organisation.pk).update(description="Koop goedkope horloges op www.spam.example")
    organisation.refresh_from_db()
    admin = OrganisationMembershipFactory(organisation=organisation, role="admin").user
    kind = REPORTABLE["organisation"]
    first, second, third = _reporters(3)
    report_create(reportable=kind, obj=organisation, reporter=first, reason=ReportReason.SPAM)
    report_create(reportable=kind, obj=organisation, reporter=second, reason=ReportReason.SPAM)
    organisation.refresh_from_db()
    assert not organisation.is_hidden
    assert "goedkope horloges" in client.get(organisation.get_absolute_url()).content.decode()
    report_create(reportable=kind, obj=organisation, reporter=third, reason=ReportReason.OTHER, note="Reclame")
    organisation.refresh_from_db()
    assert organisation.is_hidden
    item = ModeratedItem.objects.get()
    assert (item.status, item.open_reports) == (ModerationStatus.HIDDEN_PENDING, 3)
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "goedkope horloges" not in html
    assert "Verborgen tot de redactie ernaar heeft gekeken." in html
    told = Notification.objects.get(kind=NotificationKind.CONTENT_MODERATED)
    assert told.recipient == admin
    with translation.override("en"):
        assert notification_text(told) == (
            f"What you wrote at “{organisation.name}” was reported by several people and is hidden until an editor "
            "has looked at it"
        )
    # Hidden, it can no longer be reported (nobody sees it).
    client.force_login(people["lead"])
    assert client.get(_report_url("organisation", organisation)).status_code == 404


def test_one_report_per_person_and_a_limit_per_hour(project_world, content, settings):
    settings.MODERATION_REPORTS_PER_HOUR = 2
    people = project_world["people"]
    comment, _author = content["comment"]
    report_create(reportable=REPORTABLE["comment"], obj=comment, reporter=people["lead"], reason=ReportReason.OFFENSIVE)
    with translation.override("en"), pytest.raises(MarketplaceError, match="You have reported this already"):
        report_create(reportable=REPORTABLE["comment"], obj=comment, reporter=people["lead"], reason=ReportReason.SPAM)
    message, _author = content["message"]
    report_create(reportable=REPORTABLE["message"], obj=message, reporter=people["lead"], reason=ReportReason.SPAM)
    organisation, _author = content["organisation"]
    with translation.override("en"), pytest.raises(MarketplaceError, match="You have reported a lot in the past hour"):
        report_create(reportable=REPORTABLE["organisation"], obj=organisation, reporter=people["lead"],
                      reason=ReportReason.SPAM)
    assert Report.objects.filter(reporter=people["lead"]).count() == 2
    # Someone else is not held back by the lead's reports.
    report_create(reportable=REPORTABLE["organisation"], obj=organisation, reporter=people["member"],
                  reason=ReportReason.SPAM)


def test_the_report_form_asks_why_and_keeps_what_was_typed(client, project_world, content):
    people = project_world["people"]
    comment, _author = content["comment"]
    client.force_login(people["supervisor"])
    with translation.override("en"):
        url = _report_url("comment", comment)
    response = client.post(url, {"reason": "other", "note": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Say in a few words what is wrong with it." in html
    assert "<title>Error:" in html
    response = client.post(url, {"note": "Scheldwoorden"})
    assert "This field is required." in response.content.decode()
    assert "Scheldwoorden" in response.content.decode()
    assert not Report.objects.exists()
    response = client.post(url, {"reason": "offensive", "note": "Scheldwoorden"})
    assert response.status_code == 302
    assert response["Location"] == comment.entry.get_absolute_url()
    report = Report.objects.get()
    assert (report.reporter, report.reason, report.note) == (people["supervisor"], "offensive", "Scheldwoorden")
    assert "You have reported this already." in client.get(url).content.decode()


@pytest.fixture
def editor_user(project_world):
    return project_world["people"]["editor"]


def _reported(content, people, kind="comment"):
    obj, _author = content[kind]
    report_create(reportable=REPORTABLE[kind], obj=obj, reporter=people["supervisor"], reason=ReportReason.OFFENSIVE)
    return obj, ModeratedItem.objects.get()


def test_only_editors_decide(project_world, content):
    people = project_world["people"]
    _obj, item = _reported(content, people)
    for key in ("broker", "poster", "supervisor", "outsider"):
        with pytest.raises(MarketplaceError):
            moderation_decide(item=item, actor=people[key], decision="hide", reason=ReportReason.OFFENSIVE)
    superuser = UserFactory(email="beheer@example.org", is_superuser=True)
    moderation_decide(item=item, actor=superuser, decision="dismiss")
    item.refresh_from_db()
    assert item.status == ModerationStatus.DISMISSED


def test_an_editor_hides_a_comment_and_its_author_is_told_why_in_their_language(
    client, project_world, content, editor_user
):
    people = project_world["people"]
    author = people["member"]
    author.preferred_language = "en"
    author.save()
    comment, item = _reported(content, people)
    with pytest.raises(MarketplaceError):
        moderation_decide(item=item, actor=editor_user, decision="hide")  # a reason is needed
    moderation_decide(item=item, actor=editor_user, decision="hide", reason=ReportReason.OFFENSIVE,
                      note="Schelden hoort hier niet.")
    comment.refresh_from_db()
    item.refresh_from_db()
    assert comment.is_hidden
    assert (item.status, item.open_reports, item.decided_by) == (ModerationStatus.HIDDEN, 0, editor_user)
    assert item.reports.get().handled_at is not None
    told = Notification.objects.get(kind=NotificationKind.CONTENT_MODERATED, recipient=author)
    assert told.params["message"] == "Schelden hoort hier niet."
    with translation.override("en"):
        assert notification_text(told) == (
            f"The editors hid what you wrote at “{project_world['challenge'].title}”: it is offensive, hurtful or "
            "discriminating"
        )
    client.force_login(people["lead"])
    html = client.get(project_world["project"].get_absolute_url()).content.decode()
    assert "sukkels" not in html
    assert "Verborgen tot de redactie ernaar heeft gekeken." in html

    # Shown again: visible, and the author hears so.
    moderation_decide(item=item, actor=editor_user, decision="restore")
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert Notification.objects.filter(
        kind=NotificationKind.CONTENT_MODERATED, recipient=author, params__outcome="restored"
    ).exists()


def test_dismissed_reports_leave_the_text_and_new_reports_count_afresh(project_world, content, editor_user, settings):
    settings.MODERATION_HIDE_AFTER_REPORTS = 2
    people = project_world["people"]
    message, item = _reported(content, people, kind="message")
    moderation_decide(item=item, actor=editor_user, decision="dismiss")
    assert not Notification.objects.filter(kind=NotificationKind.CONTENT_MODERATED).exists()
    report_create(reportable=REPORTABLE["message"], obj=message, reporter=people["lead"], reason=ReportReason.SPAM)
    message.refresh_from_db()
    item.refresh_from_db()
    assert not message.is_hidden  # one new report since the decision; two are needed
    assert (item.status, item.open_reports) == (ModerationStatus.REPORTED, 1)
    report_create(reportable=REPORTABLE["message"], obj=message, reporter=people["member"], reason=ReportReason.SPAM)
    message.refresh_from_db()
    assert message.is_hidden


def test_a_hidden_challenge_shows_a_neutral_page_and_leaves_the_feed(client, project_world, content, editor_user):
    challenge, item = _reported(content, project_world["people"], kind="challenge")
    moderation_decide(item=item, actor=editor_user, decision="hide", reason=ReportReason.PERSONAL_DATA)
    client.logout()
    html = client.get(challenge.url).content.decode()
    assert challenge.title not in html
    assert "<h1>Verborgen uitdaging</h1>" in html
    assert challenge.title not in client.get("/feeds/uitdagingen/rss/").content.decode()


def test_publishing_a_revision_made_before_the_hiding_keeps_the_challenge_hidden(project_world, content, editor_user):
    challenge, item = _reported(content, project_world["people"], kind="challenge")
    challenge.summary = "Een aanpassing van de eigenaar, nog niet gepubliceerd."
    revision = challenge.save_revision(user=project_world["people"]["poster"])
    moderation_decide(item=item, actor=editor_user, decision="hide", reason=ReportReason.PERSONAL_DATA)
    Revision.objects.get(pk=revision.pk).publish(user=editor_user)  # as the editors' workflow loads it
    published = type(challenge).objects.get(pk=challenge.pk)
    assert published.summary == "Een aanpassing van de eigenaar, nog niet gepubliceerd."
    assert published.is_hidden


def _fill_queue(project_world, count):
    people = project_world["people"]
    for number in range(count):
        entry = log(project_world["project"], people["lead"], today(), {})
        comment = log_comment_add(entry=entry, actor=people["member"], text=f"Reactie {number}")
        for reporter in ("supervisor", "poster"):
            report_create(reportable=REPORTABLE["comment"], obj=comment, reporter=people[reporter],
                          reason=ReportReason.SPAM)


def test_the_editors_queue_reads_a_constant_number_of_queries(client, project_world, editor_user):
    """The queue reads 16 queries with 2 and with 8 reported comments (and a reported team),
    each with two reports: the items with their kind and who decided, their reports with the
    reporter, one query per kind of content with what the queue shows of it (two here), and
    the rest the admin's own (session, user, groups and permissions, the menu, the sidebar)."""
    client.force_login(editor_user)
    url = reverse("moderation_admin:queue")
    people = project_world["people"]
    report_create(reportable=REPORTABLE["team"], obj=project_world["team"], reporter=people["poster"],
                  reason=ReportReason.SPAM)
    counts = []
    for added in (2, 6):
        _fill_queue(project_world, added)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counts.append(len(captured.captured_queries))
    html = response.content.decode()
    assert html.count('class="w-panel moderation-item"') == 9
    assert counts[0] == counts[1] == 16, counts


def test_only_editors_reach_the_queue(client, project_world, editor_user):
    people = project_world["people"]
    url = reverse("moderation_admin:queue")
    client.force_login(people["broker"])
    assert client.get(url).status_code in (302, 403)
    client.force_login(editor_user)
    assert client.get(url).status_code == 200
