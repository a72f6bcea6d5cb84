"""The lecturer's export of approved hours: the rows, the CSV and XLSX files cell by cell, the
filters, the number of queries, and the page with who may see it."""

import csv
import datetime
import io
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.choices import LecturerStatus
from marketplace.choices import ProjectStatus
from marketplace.permissions import can_export_hours
from marketplace.renderers.exports import hours_csv, hours_xlsx
from marketplace.selectors.exports import HoursRow, approved_hours_rows
from marketplace.services.projects import hours_review, project_deliver
from tests.factories import ChallengePageFactory, LecturerApprovalFactory, UserFactory
from tests.marketplace.helpers import D1, D2, D3, D4, TODAY, apply_and_accept, log, started_long_ago, supervised_team

COURSE = ["Wijkgericht werken", "SW-WGW"]


@pytest.fixture
def hours_world(project_world, challenge_index):
    """Karin supervises two projects of the team of Zoë (Leiden University) and Daniël
    (Hogeschool Leiden); Jan supervises a third, of Piet and Zoë, that Karin must never see.

    Project 1 ("Uitdaging …", active): Zoë 3 + 4.25 approved on D1 and D2, 2 pending on D3;
    Daniël 2.5 + 5 approved on D1 and D2.
    Project 2 ("Bijen in de Merenwijk", delivered): Zoë 1.5 approved on D2; Daniël 6 and 2
    disputed on D2 and D4."""
    people = project_world["people"]
    zoe, daniel, piet = people["lead"], people["member"], people["other_student"]
    karin, jan = people["supervisor"], people["other_lecturer"]
    for person, name in ((zoe, "Zoë de Vries"), (daniel, "Daniël Bakker")):
        person.display_name = name
        person.save(update_fields=["display_name"])
    team = project_world["team"]
    first = started_long_ago(project_world["project"])
    second = apply_and_accept(
        ChallengePageFactory(parent=challenge_index, title="Bijen in de Merenwijk", team_capacity=1),
        team, zoe, karin,
    )
    other_team = supervised_team(name="Het Zwerfafvalteam", lead=piet, members=[zoe], supervisor=jan)
    third = apply_and_accept(ChallengePageFactory(parent=challenge_index, team_capacity=1), other_team, piet, jan)

    log(first, zoe, D1, {zoe: "3", daniel: "2.5"})
    log(first, daniel, D2, {zoe: "4.25", daniel: "5"})
    hours_review(project=first, actor=karin, person=zoe, approve=True)
    hours_review(project=first, actor=karin, person=daniel, approve=True)
    log(first, zoe, D3, {zoe: "2"})

    log(second, zoe, D2, {zoe: "1.5", daniel: "6"})
    log(second, daniel, D4, {daniel: "2"})
    hours_review(project=second, actor=karin, person=zoe, approve=True)
    hours_review(project=second, actor=karin, person=daniel, approve=False, note="Welke dag was dit?")
    project_deliver(project=second, actor=zoe, summary="Een telling van de bijen.", link="https://example.org/bijen")

    log(third, piet, D1, {zoe: "8", piet: "3"})
    hours_review(project=third, actor=jan, person=zoe, approve=True)
    hours_review(project=third, actor=jan, person=piet, approve=True)
    return {
        **project_world, "zoe": zoe, "daniel": daniel, "karin": karin, "jan": jan,
        "first": first, "second": second, "third": third,
    }


def summary(rows):
    """What identifies a row and what it counts."""
    return [(row.student_name, row.project_id, row.hours, row.entries, row.first_date, row.last_date) for row in rows]


# The rows


def test_rows_sum_only_approved_hours_of_the_supervisors_own_projects(hours_world):
    w = hours_world
    rows = approved_hours_rows(supervisor=w["karin"])
    assert summary(rows) == [
        ("Daniël Bakker", w["first"].pk, Decimal("7.50"), 2, D1, D2),
        ("Zoë de Vries", w["second"].pk, Decimal("1.50"), 1, D2, D2),
        ("Zoë de Vries", w["first"].pk, Decimal("7.25"), 2, D1, D2),
    ]
    first = rows[0]
    assert (first.student_email, first.institution, first.team_name) == (
        "daan@student.hsleiden.nl", "Hogeschool Leiden", "De Groene Vleugel"
    )
    assert (first.course_name, first.course_code, first.ects) == ("Wijkgericht werken", "SW-WGW", Decimal("5.0"))
    assert [row.status for row in rows] == [ProjectStatus.ACTIVE, ProjectStatus.DELIVERED, ProjectStatus.ACTIVE]


def test_the_other_lecturer_sees_only_their_project(hours_world):
    w = hours_world
    assert summary(approved_hours_rows(supervisor=w["jan"])) == [
        ("Piet Visser", w["third"].pk, Decimal("3.00"), 1, D1, D1),
        ("Zoë de Vries", w["third"].pk, Decimal("8.00"), 1, D1, D1),
    ]


def test_sorting_follows_the_institution_names_of_the_active_language(hours_world):
    with translation.override("en"):
        rows = approved_hours_rows(supervisor=hours_world["karin"])
    # "Leiden University" comes before "Leiden University of Applied Sciences".
    assert [(row.student_name, row.institution) for row in rows] == [
        ("Zoë de Vries", "Leiden University"),
        ("Zoë de Vries", "Leiden University"),
        ("Daniël Bakker", "Leiden University of Applied Sciences"),
    ]


def test_filter_by_institution(hours_world, institutions):
    w = hours_world

    def rows(short_name):
        return approved_hours_rows(supervisor=w["karin"], institution=institutions[short_name])

    assert [row.student_name for row in rows("HSL")] == ["Daniël Bakker"]
    assert [(row.student_name, row.project_id) for row in rows("UL")] == [
        ("Zoë de Vries", w["second"].pk), ("Zoë de Vries", w["first"].pk)
    ]
    assert rows("mboRijnland") == []


def test_filter_by_period_counts_the_days_within_both_ends(hours_world):
    w = hours_world
    assert summary(approved_hours_rows(supervisor=w["karin"], start=D2, end=D2)) == [
        ("Daniël Bakker", w["first"].pk, Decimal("5.00"), 1, D2, D2),
        ("Zoë de Vries", w["second"].pk, Decimal("1.50"), 1, D2, D2),
        ("Zoë de Vries", w["first"].pk, Decimal("4.25"), 1, D2, D2),
    ]
    assert summary(approved_hours_rows(supervisor=w["karin"], end=D1)) == [
        ("Daniël Bakker", w["first"].pk, Decimal("2.50"), 1, D1, D1),
        ("Zoë de Vries", w["first"].pk, Decimal("3.00"), 1, D1, D1),
    ]
    # After D2 there are only Zoë's pending hours and Daniël's disputed ones.
    assert approved_hours_rows(supervisor=w["karin"], start=D2 + datetime.timedelta(days=1)) == []


def test_filter_by_project(hours_world):
    w = hours_world
    assert summary(approved_hours_rows(supervisor=w["karin"], project=w["second"])) == [
        ("Zoë de Vries", w["second"].pk, Decimal("1.50"), 1, D2, D2),
    ]
    # Another lecturer's project yields nothing, even when asked for by name.
    assert approved_hours_rows(supervisor=w["karin"], project=w["third"]) == []


def add_supervised_projects(challenge_index, supervisor, count):
    """``count`` more projects of ``supervisor``, each with two new students and two approved entries."""
    for number in range(count):
        lead = UserFactory(email=f"lead{number}@umail.leidenuniv.nl")
        member = UserFactory(email=f"member{number}@student.hsleiden.nl")
        team = supervised_team(name=f"Team {number}", lead=lead, members=[member], supervisor=supervisor)
        challenge = ChallengePageFactory(parent=challenge_index, team_capacity=1)
        project = apply_and_accept(challenge, team, lead, supervisor)
        log(project, lead, D1, {lead: "2", member: "3"})
        log(project, member, D2, {lead: "1", member: "1"})
        hours_review(project=project, actor=supervisor, person=lead, approve=True)
        hours_review(project=project, actor=supervisor, person=member, approve=True)


def count_queries(function):
    with CaptureQueriesContext(connection) as queries:
        result = function()
    return len(queries), result


@pytest.mark.parametrize("extra_projects", [0, 3])
def test_rows_take_three_queries_whatever_the_size(hours_world, challenge_index, extra_projects):
    add_supervised_projects(challenge_index, hours_world["karin"], extra_projects)
    count, rows = count_queries(lambda: approved_hours_rows(supervisor=hours_world["karin"]))
    assert len(rows) == 3 + 2 * extra_projects
    # 1. the approved hours summed per student and project, with the student, challenge, team
    #    and course joined in; 2. the students' confirmed e-mail addresses; 3. the institutions.
    assert count == 3


def test_no_rows_take_one_query(hours_world, institutions):
    lecturer = UserFactory(email="p.de.boer@hsleiden.nl")
    count, rows = count_queries(lambda: approved_hours_rows(supervisor=lecturer))
    assert (count, rows) == (1, [])


# The files


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel needs for UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def expected_cells(w, first_title):
    return [
        ["Daniël Bakker", "daan@student.hsleiden.nl", "Hogeschool Leiden", first_title, "De Groene Vleugel",
         *COURSE, "5", D1.isoformat(), D2.isoformat(), "7.5", "2"],
        ["Zoë de Vries", "sanne@umail.leidenuniv.nl", "Universiteit Leiden", "Bijen in de Merenwijk",
         "De Groene Vleugel", *COURSE, "5", D2.isoformat(), D2.isoformat(), "1.5", "1"],
        ["Zoë de Vries", "sanne@umail.leidenuniv.nl", "Universiteit Leiden", first_title, "De Groene Vleugel",
         *COURSE, "5", D1.isoformat(), D2.isoformat(), "7.25", "2"],
    ]


def test_csv_cell_by_cell(hours_world):
    w = hours_world
    with translation.override("en"):
        content = hours_csv(approved_hours_rows(supervisor=w["karin"]))
    rows = csv_rows(content)
    assert rows[0] == [
        "Student", "E-mail address", "Institution", "Challenge", "Team", "Course", "Course code", "ECTS",
        "First date", "Last date", "Approved hours", "Log entries", "Project status",
    ]
    zoe = ["Zoë de Vries", "sanne@umail.leidenuniv.nl", "Leiden University"]
    daniel = ["Daniël Bakker", "daan@student.hsleiden.nl", "Leiden University of Applied Sciences"]
    first, team = w["first"].challenge.title, "De Groene Vleugel"
    assert rows[1:] == [
        [*zoe, "Bijen in de Merenwijk", team, *COURSE, "5", D2.isoformat(), D2.isoformat(), "1.5", "1", "Delivered"],
        [*zoe, first, team, *COURSE, "5", D1.isoformat(), D2.isoformat(), "7.25", "2", "Active"],
        [*daniel, first, team, *COURSE, "5", D1.isoformat(), D2.isoformat(), "7.5", "2", "Active"],
    ]
    assert content.count(b"\r\n") == 4  # the header and three rows, no total: the file is for importing


def test_csv_in_dutch(hours_world):
    w = hours_world
    rows = csv_rows(hours_csv(approved_hours_rows(supervisor=w["karin"])))
    assert rows[0][2] == "Onderwijsinstelling"  # the header follows the active language
    assert [row[:-1] for row in rows[1:]] == expected_cells(w, w["first"].challenge.title)
    assert [row[-1] for row in rows[1:]] == ["Actief", "Opgeleverd", "Actief"]


def test_xlsx_cell_by_cell(hours_world):
    w = hours_world
    workbook = load_workbook(io.BytesIO(hours_xlsx(approved_hours_rows(supervisor=w["karin"]))))
    sheet = workbook.active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][2] == "Onderwijsinstelling"
    assert len(values) == 5  # the header, three rows and the total
    for got, expected in zip(values[1:4], expected_cells(w, w["first"].challenge.title), strict=True):
        assert got[:7] == expected[:7]
        # Numbers are numbers and dates are dates, so the lecturer can sum and sort them.
        assert got[7] == 5
        assert (got[8].date().isoformat(), got[9].date().isoformat()) == (expected[8], expected[9])
        assert got[10] == float(expected[10])
        assert got[11] == int(expected[11])
    assert [row[12] for row in values[1:4]] == ["Actief", "Opgeleverd", "Actief"]
    assert values[4][0] == "Totaal"
    assert (values[4][10], values[4][11]) == (16.25, 5)
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1]) and sheet["A5"].font.bold
    assert sheet["I2"].number_format == "yyyy-mm-dd" and sheet["K2"].number_format == "0.00"
    assert sheet.column_dimensions["A"].width >= len("Daniël Bakker")


def test_text_that_looks_like_a_formula_stays_text():
    row = HoursRow(
        project_id=1, student_id=1, student_name="@Zoë", student_email="zoe@example.org", institution="",
        challenge_title='=HYPERLINK("https://example.org","klik")', challenge_language="nl", team_name="-Team",
        course_name="+1", course_code="", ects=None, first_date=D1, last_date=D1, hours=Decimal("1"), entries=1,
        status=ProjectStatus.ACTIVE,
    )
    cells = csv_rows(hours_csv([row]))[1]
    assert cells[0] == "'@Zoë" and cells[3] == "'=HYPERLINK(\"https://example.org\",\"klik\")"
    assert (cells[4], cells[5], cells[7]) == ("'-Team", "'+1", "")
    sheet = load_workbook(io.BytesIO(hours_xlsx([row]))).active
    assert sheet["D2"].value == '=HYPERLINK("https://example.org","klik")'
    assert sheet["D2"].data_type == "s"


# The page


def url(language="nl", **query):
    with translation.override(language):
        path = reverse("projects:hours_export")
    if query:

        path += "?" + urlencode(query)
    return path


def test_only_approved_lecturers_may_export(hours_world):
    w = hours_world
    assert can_export_hours(w["karin"]) and can_export_hours(w["jan"])
    assert not can_export_hours(w["zoe"]) and not can_export_hours(w["people"]["poster"])
    candidate = UserFactory(email="w.de.wit@hsleiden.nl")
    LecturerApprovalFactory(user=candidate, status=LecturerStatus.PENDING)
    assert not can_export_hours(candidate)


def test_the_page_shows_the_lecturers_rows_and_totals(client, hours_world):
    w = hours_world
    client.force_login(w["karin"])
    response = client.get(url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Daniël Bakker", "Zoë de Vries", "Bijen in de Merenwijk", "7,5", "7,25", "1,5", "16,25"):
        assert text in html
    assert "Het Zwerfafvalteam" not in html  # Jan's project
    assert "<caption" in html and 'aria-labelledby="hours-caption"' in html and '<th scope="row"' in html
    assert response.context["total_entries"] == 5
    assert 'href="?format=csv"' in html and 'href="?format=xlsx"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_page_in_english(client, hours_world):
    client.force_login(hours_world["karin"])
    response = client.get("/en/projects/hours/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "16.25" in html and "7.25" in html and "Leiden University of Applied Sciences" in html


def test_the_filter_narrows_the_table_and_the_download_links_keep_it(client, hours_world, institutions):
    w = hours_world
    client.force_login(w["karin"])
    response = client.get(url(institution=institutions["HSL"].pk, start=D1.isoformat()))
    assert [row.student_name for row in response.context["rows"]] == ["Daniël Bakker"]
    csv_url = response.context["csv_url"]
    assert f"institution={institutions['HSL'].pk}" in csv_url and f"start={D1.isoformat()}" in csv_url
    assert "format=csv" in csv_url
    download = client.get(url() + csv_url)
    assert [row[0] for row in csv_rows(download.content)[1:]] == ["Daniël Bakker"]


@pytest.mark.parametrize(
    ("extension", "content_type"),
    [("csv", "text/csv; charset=utf-8"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")],
)
def test_downloads_are_attachments_named_after_the_day(client, hours_world, extension, content_type):
    client.force_login(hours_world["karin"])
    response = client.get(url(format=extension, project=hours_world["second"].pk))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="uren-{TODAY.isoformat()}.{extension}"'
    assert "no-store" in response["Cache-Control"]
    if extension == "xlsx":
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
            "Zoë de Vries", "Totaal"
        ]
    else:
        assert [row[0] for row in csv_rows(response.content)[1:]] == ["Zoë de Vries"]


@pytest.mark.parametrize(
    ("language", "query", "field", "message"),
    [
        ("nl", {"start": D2.isoformat(), "end": D1.isoformat()}, "end", None),
        ("en", {"start": D2.isoformat(), "end": D1.isoformat()}, "end", "The end date is before the start date."),
        ("nl", {"start": "2025-02-30"}, "start", "Voer een geldige datum in."),
        ("en", {"start": "gisteren"}, "start", "Enter a valid date."),
        ("en", {"project": "999999"}, "project", None),
    ],
)
def test_an_invalid_filter_is_explained_on_the_form(client, hours_world, language, query, field, message):
    client.force_login(hours_world["karin"])
    for with_format in (False, True):  # a download with a bad filter shows the page too
        response = client.get(url(language, **query, **({"format": "csv"} if with_format else {})))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        form = response.context["form"]
        assert field in form.errors
        if message:
            assert message in form.errors[field]
            assert message in response.content.decode()
        assert response.context["rows"] is None


def test_dutch_error_follows_the_catalogue(client, hours_world):
    client.force_login(hours_world["karin"])
    response = client.get(url(start=D2.isoformat(), end=D1.isoformat()))
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()


def test_another_lecturers_project_cannot_be_chosen(client, hours_world):
    client.force_login(hours_world["karin"])
    response = client.get(url(project=hours_world["third"].pk))
    assert "project" in response.context["form"].errors


def test_a_lecturer_without_projects_sees_an_empty_state(client, hours_world, institutions):
    lecturer = UserFactory(email="p.de.boer@hsleiden.nl", mfa=True)
    LecturerApprovalFactory(user=lecturer, institution=institutions["HSL"], status=LecturerStatus.APPROVED)
    client.force_login(lecturer)
    response = client.get(url())
    assert response.status_code == 200
    assert response.context["has_projects"] is False
    assert 'class="card hours-export__empty"' in response.content.decode()
    assert client.get(url(format="csv"))["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("person", ["lead", "member", "poster", "outsider", "editor", "broker"])
def test_others_get_not_found(client, hours_world, person):
    client.force_login(hours_world["people"][person])
    assert client.get(url()).status_code == 404
    assert client.get(url("en", format="csv")).status_code == 404


def test_anonymous_is_sent_to_log_in(client, hours_world):
    response = client.get(url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("extra_projects", [0, 3])
def test_the_page_takes_the_same_queries_whatever_the_size(
    client, hours_world, challenge_index, extra_projects, uncached_pages
):
    add_supervised_projects(challenge_index, hours_world["karin"], extra_projects)
    client.force_login(hours_world["karin"])
    client.get(url())  # the first request creates the menu and footer settings and caches the site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url())
    assert len(response.context["rows"]) == 3 + 2 * extra_projects
    # The session and the user (2); the lecturer's roles: addresses, what an institution login
    # said, institutions, approvals and groups (5); whether two-step login is on (1); whether they
    # supervise a project (1); the rows (3); the site header: the menu's pages and the unread
    # notifications (2; the site is cached since the first request); the menu and footer settings
    # (2); the choices of the filter: institutions and projects (2).
    assert len(queries) == 18
