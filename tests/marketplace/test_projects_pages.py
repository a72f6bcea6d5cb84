
"""The project's pages as people meet them: the project page for each person, logging work with
a photo, commenting, milestones, delivering, feedback, reviewing hours, completing and stopping.
Bad input gets a message on the form and loses the typed text nowhere."""

import io
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from marketplace.choices import AttachmentKind, HoursStatus, ProjectStatus
from marketplace.files.uploads import clean_upload
from marketplace.models import Attachment, LogComment, LogEntry, LogHours, Milestone, Project, Supervision
from marketplace.services.projects import (
    hours_review,
    log_comment_add,
    log_entry_create,
    milestone_add,
    project_deliver,
    project_feedback,
)
from marketplace.services.teams import supervision_accept, supervision_end, supervision_request

pytestmark = pytest.mark.django_db


def _photo(name="bankje.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 60)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _entry(world, **changes):
    people = world["people"]
    data = {
        "project": world["project"],
        "actor": people["lead"],
        "date": timezone.localdate(),
        "text": "Interviews gehouden bij het speeltuintje.",
        "hours": {people["lead"].pk: Decimal("3"), people["member"].pk: Decimal("2.5")},
        **changes,
    }
    return log_entry_create(**data)


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_the_project_page_shows_everything_to_its_people_and_only_shared_entries_to_editors(client, project_world):
    people, project = project_world["people"], project_world["project"]
    _entry(project_world, text="Een gewone werkdag.")
    shared = _entry(project_world, text="Het nieuwe bankje staat er!", hours={}, shareable=True, consent=True)
    url = project.get_absolute_url()
    for key in ("lead", "member", "supervisor", "poster", "organisation_member"):
        page = _get(client, people[key], url).content.decode()
        assert "Een gewone werkdag." in page
        assert project_world["challenge"].contact_email in page
        assert people["member"].email in page
    for key in ("editor", "broker"):
        page = _get(client, people[key], url).content.decode()
        assert "Het nieuwe bankje staat er!" in page
        assert "Een gewone werkdag." not in page
        assert project_world["challenge"].contact_email not in page
        assert people["member"].email not in page
        assert f'id="entry-{shared.pk}"' in page
    for key in ("outsider", "other_student", "other_lecturer"):
        assert _get(client, people[key], url).status_code == 404


def test_a_student_logs_work_with_hours_and_a_photo(client, project_world):
    people, project = project_world["people"], project_world["project"]
    client.force_login(people["member"])
    url = reverse("projects:log_new", args=[project.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "date": timezone.localdate().isoformat(),
            "text": "Bankjes geteld: 14, waarvan 3 kapot. Zie https://example.org/kaart",
            f"hours_{people['member'].pk}": "2.5",
            f"hours_{people['lead'].pk}": "",
            "photos": [_photo()],
            "photo_description": "Een kapot bankje bij de vijver",
        },
    )
    entry = LogEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#entry-{entry.pk}")
    assert list(entry.hours.values_list("person_id", "hours")) == [(people["member"].pk, Decimal("2.50"))]
    photo = Attachment.objects.get()
    assert photo.entry == entry and photo.description == "Een kapot bankje bij de vijver" and photo.thumbnail
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'href="https://example.org/kaart"' in page
    assert photo.get_thumbnail_url() in page


def test_a_log_entry_written_in_english_is_marked_so_on_the_dutch_page(client, project_world):
    people, project = project_world["people"], project_world["project"]
    client.force_login(people["member"])
    url = reverse("projects:log_new", args=[project.pk])
    form = client.get(url).content.decode()
    assert re.search(r'<input type="radio" name="language" value="nl"[^>]*checked', form)  # the page's language
    client.post(url, {"date": timezone.localdate().isoformat(), "text": "Counted the benches.", "language": "en"})
    entry = LogEntry.objects.get()
    assert entry.language == "en"
    page = client.get(project.get_absolute_url()).content.decode()
    assert '<div class="project__text" lang="en"><p>Counted the benches.</p></div>' in page
    edit = client.get(reverse("projects:log_edit", args=[entry.pk])).content.decode()
    assert re.search(r'<input type="radio" name="language" value="en"[^>]*checked', edit)


def test_bad_input_keeps_the_text_and_saves_nothing(client, project_world):
    """In the person's language: the English page here, so the messages are the source text."""
    people, project = project_world["people"], project_world["project"]
    client.force_login(people["lead"])
    with translation.override("en"):
        url = reverse("projects:log_new", args=[project.pk])
    text = "Een lange beschrijving die niet verloren mag gaan."
    cases = [
        ({f"hours_{people['lead'].pk}": "25"}, "less than or equal to 24"),
        ({"shareable": "on"}, "Tick this to share the entry"),
        ({"date": (timezone.localdate() + timezone.timedelta(days=2)).isoformat()}, "cannot be in the future"),
        ({"photos": [SimpleUploadedFile("x.jpg", b"<html><script>alert(1)</script></html>")]}, "“x.jpg” is not"),
    ]
    for changes, message in cases:
        data = {"date": timezone.localdate().isoformat(), "text": text, **changes}
        response = client.post(url, data)
        assert response.status_code == 200
        page = response.content.decode()
        assert text in page
        assert message in page, message
    assert not LogEntry.objects.exists() and not Attachment.objects.exists()


def test_too_many_files_at_once_is_a_message_on_the_form(client, project_world):
    people, project = project_world["people"], project_world["project"]
    client.force_login(people["lead"])
    files = [SimpleUploadedFile(f"f{i}.pdf", b"%PDF-1.4\n%%EOF\n") for i in range(101)]
    response = client.post(
        reverse("projects:log_new", args=[project.pk]),
        {"date": timezone.localdate().isoformat(), "text": "Alles gescand.", "files": files},
    )
    assert response.status_code == 200
    assert "Alles gescand." in response.content.decode()
    assert "errorlist" in response.content.decode()
    assert not LogEntry.objects.exists()


def test_in_english_the_form_errors_are_english(client, project_world):
    people, project = project_world["people"], project_world["project"]
    client.force_login(people["lead"])
    with translation.override("en"):
        with_prefix = reverse("projects:log_new", args=[project.pk])
    response = client.post(with_prefix, {"date": timezone.localdate().isoformat(), "text": "Met de buurt."})
    assert response.status_code == 302
    response = client.post(with_prefix, {"date": "", "text": "Kept text"})
    assert "This field is required." in response.content.decode()


def test_comment_and_a_failed_comment(client, project_world):
    people = project_world["people"]
    entry = _entry(project_world)
    client.force_login(people["poster"])
    url = reverse("projects:comment", args=[entry.pk])
    response = client.post(url, {"text": "Wat mooi, dank jullie wel!"})
    assert response.status_code == 302
    assert LogComment.objects.get().author == people["poster"]
    response = client.post(url, {"text": ""})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    client.force_login(people["editor"])
    assert client.post(url, {"text": "Ik ook"}).status_code == 404
    assert LogComment.objects.count() == 1


def test_milestones_from_the_page(client, project_world):
    people, project = project_world["people"], project_world["project"]
    client.force_login(people["supervisor"])
    due = timezone.localdate() + timezone.timedelta(days=10)
    response = client.post(
        reverse("projects:milestone_new", args=[project.pk]), {"title": "Interviews klaar", "due_date": due}
    )
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    client.post(reverse("projects:milestone_done", args=[milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.is_done
    response = client.post(reverse("projects:milestone_new", args=[project.pk]), {"title": "Zonder datum"})
    assert response.status_code == 200 and "Zonder datum" in response.content.decode()
    client.force_login(people["poster"])
    assert client.post(reverse("projects:milestone_delete", args=[milestone.pk])).status_code == 302
    assert Milestone.objects.filter(pk=milestone.pk).exists()


def test_from_delivery_to_completion_through_the_pages(client, project_world):
    people, project = project_world["people"], project_world["project"]
    _entry(project_world)
    client.force_login(people["lead"])
    url = reverse("projects:deliver", args=[project.pk])
    response = client.post(url, {"summary": "Ons advies.", "link": ""})
    assert response.status_code == 200 and "Ons advies." in response.content.decode()
    response = client.post(url, {"summary": "Ons advies.", "link": "https://example.org/advies"})
    assert response.status_code == 302
    client.force_login(people["poster"])
    url = reverse("projects:feedback", args=[project.pk])
    assert "Ons advies." in client.get(url).content.decode()
    response = client.post(url, {"text": "Heel fijn!"})
    assert response.status_code == 200 and "Heel fijn!" in response.content.decode()
    assert client.post(url, {"rating": "5", "text": "Heel fijn!"}).status_code == 302
    client.force_login(people["supervisor"])
    url = reverse("projects:hours", args=[project.pk])
    page = client.get(url).content.decode()
    assert "Sanne de Vries" in page and "Daan Bakker" in page
    response = client.post(url, {"person": people["lead"].pk, "decision": "dispute", "note": ""})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    for key in ("lead", "member"):
        assert client.post(url, {"person": people[key].pk, "decision": "approve"}).status_code == 302
    assert set(LogHours.objects.values_list("status", flat=True)) == {HoursStatus.APPROVED}
    response = client.post(reverse("projects:complete", args=[project.pk]))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    project_world["challenge"].refresh_from_db()
    assert project_world["challenge"].status == "completed"


def test_the_hours_page_shows_what_is_left_to_decide_per_student(client, project_world):
    """Approved: the state instead of the buttons; disputed: only approving is left; a second
    approval (an old tab) is told why nothing happened."""
    people, project = project_world["people"], project_world["project"]
    lead, member = people["lead"], people["member"]
    _entry(project_world)
    hours_review(project=project, actor=people["supervisor"], person=lead, approve=True)
    hours_review(project=project, actor=people["supervisor"], person=member, approve=False, note="Welke dag was dit?")
    client.force_login(people["supervisor"])
    url = reverse("projects:hours", args=[project.pk])
    page = BeautifulSoup(client.get(url).content, "html.parser")
    approved, disputed = page.find(id=f"person-{lead.pk}"), page.find(id=f"person-{member.pk}")
    assert f"Alle uren van {lead.display_name} zijn goedgekeurd" in approved.get_text()
    assert approved.find("button") is None
    assert f"Wachten tot {member.display_name} de betwiste regels verbetert" in disputed.get_text()
    assert [button["value"] for button in disputed.find_all("button")] == ["approve"]

    response = client.post(url, {"person": lead.pk, "decision": "approve"})
    assert response.status_code == 200
    again = BeautifulSoup(response.content, "html.parser").find(id=f"person-{lead.pk}")
    assert "Er zijn geen uren van deze student om te beoordelen." in again.find(role="alert").get_text()


def test_only_the_right_people_reach_each_step(client, project_world):
    people, project = project_world["people"], project_world["project"]
    pages = {
        "log_new": {"lead", "member"},
        "deliver": {"lead", "member"},
        "hours": {"supervisor"},
        "cancel": {"supervisor", "poster", "organisation_member"},
    }
    for name, allowed in pages.items():
        url = reverse(f"projects:{name}", args=[project.pk])
        for key, person in people.items():
            expected = 200 if key in allowed else 404
            assert _get(client, person, url).status_code == expected, (name, key)
    project_deliver(project=project, actor=people["lead"], summary="Klaar.", link="https://example.org")
    url = reverse("projects:feedback", args=[project.pk])
    for key, person in people.items():
        expected = 200 if key in {"poster", "organisation_member"} else 404
        assert _get(client, person, url).status_code == expected, ("feedback", key)


def test_stopping_a_project_needs_a_reason(client, project_world):
    people, project = project_world["people"], project_world["project"]
    client.force_login(people["poster"])
    url = reverse("projects:cancel", args=[project.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "De speeltuin wordt toch gesloopt."}).status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.CANCELLED
    page = client.get(project.get_absolute_url()).content.decode()
    assert "De speeltuin wordt toch gesloopt." in page


def test_an_edited_entry_asks_for_review_again(client, project_world):
    people, project = project_world["people"], project_world["project"]
    entry = _entry(project_world)
    hours_review(project=project, actor=people["supervisor"], person=people["lead"], approve=True)
    client.force_login(people["lead"])
    url = reverse("projects:log_edit", args=[entry.pk])
    page = client.get(url).content.decode()
    assert "Bewaar je een wijziging, dan worden ze opnieuw beoordeeld." in page
    response = client.post(
        url,
        {
            "date": entry.date.isoformat(),
            "text": "Interviews gehouden, en uitgewerkt.",
            f"hours_{people['lead'].pk}": "4",
            f"hours_{people['member'].pk}": "2.5",
        },
    )
    assert response.status_code == 302
    assert set(entry.hours.values_list("status", flat=True)) == {HoursStatus.PENDING}
    client.force_login(people["member"])
    assert client.get(url).status_code == 404


def test_feedback_is_shown_to_the_team(client, project_world):
    people, project = project_world["people"], project_world["project"]
    project_deliver(project=project, actor=people["lead"], summary="Klaar.", link="https://example.org")
    project_feedback(project=project, actor=people["poster"], rating=4, text="Dank jullie wel, heel bruikbaar.")
    page = _get(client, people["member"], project.get_absolute_url()).content.decode()
    assert "Dank jullie wel, heel bruikbaar." in page
    assert "★★★★☆" in page


def test_a_team_chosen_without_a_supervisor_gets_one_for_its_running_project(project_world):
    people, project, team = project_world["people"], project_world["project"], project_world["team"]
    supervision_end(supervision=Supervision.objects.get(team=team, status="accepted"), actor=people["lead"])
    Project.objects.filter(pk=project.pk).update(supervisor=None)
    request = supervision_request(team=team, actor=people["lead"], lecturer=people["other_lecturer"])
    supervision_accept(supervision=request, actor=people["other_lecturer"])
    project.refresh_from_db()
    assert project.supervisor == people["other_lecturer"]


def _fill_log(world, count):
    people = world["people"]
    for number in range(count):
        entry = _entry(
            world,
            text=f"Werkdag {number}",
            hours={people["lead"].pk: Decimal("1"), people["member"].pk: Decimal("1")},
            uploads=[
                clean_upload(_photo(f"foto{number}.jpg"), kind=AttachmentKind.PHOTO),
                clean_upload(
                    SimpleUploadedFile(f"verslag{number}.pdf", b"%PDF-1.4\n%%EOF\n"), kind=AttachmentKind.FILE
                ),
            ],
        )
        log_comment_add(entry=entry, actor=people["poster"], text="Mooi!")
        log_comment_add(entry=entry, actor=people["supervisor"], text="Goed bezig.")
        milestone_add(project=world["project"], actor=people["lead"], title=f"Stap {number}",
                      due_date=timezone.localdate() + timezone.timedelta(days=number))


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_project_page_query_count_does_not_grow(client, project_world):
    """The project page reads 21 queries for the supervisor, with 2 and with 8 log entries (each
    with hours of two people, a photo, a file and two comments) and milestones: the session and
    the user; the project with its challenge, organisation, team, supervisor and application; the
    person's team membership and organisation membership (who they are in the project); the log
    entries with author, then their hours with the person, attachments and comments with their
    author; the milestones; the team's members, their confirmed addresses and the institutions;
    the hours by person and status; the deliverable; the messages new to the person; the
    challenge index for the navigation, the
    menu and footer settings (2), the bell's unread count and the site."""
    counts = []
    client.force_login(project_world["people"]["supervisor"])
    url = project_world["project"].get_absolute_url()
    for added in (2, 6):
        _fill_log(project_world, added)
        counts.append(_count(client, url))
    assert counts[0] == counts[1] == 21, counts


def test_hours_page_query_count_does_not_grow(client, project_world):
    """The supervisor's hours page reads 18 queries with 2 and with 8 entries: the session, the
    user, whether two-step login is on, the project, the person's memberships (2), the members,
    addresses and institutions (3), the hours by person, the entries with their hours, attachments
    and comments (4), and the navigation, the menu and footer settings (2), bell and site (3)."""
    counts = []
    client.force_login(project_world["people"]["supervisor"])
    url = reverse("projects:hours", args=[project_world["project"].pk])
    for added in (2, 6):
        _fill_log(project_world, added)
        counts.append(_count(client, url))
    assert counts[0] == counts[1] == 18, counts
