"""The Impact page: every figure computed exactly from a small, known world; the CSV cell by
cell; the page in both languages without a name or e-mail address in it; the number of queries
the same at two data sizes; the semesters' edges; and an empty site."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from marketplace.choices import ChallengeStatus, HoursStatus, ProjectStatus
from marketplace.models import ChallengePage
from marketplace.renderers.charts import bar_chart, render_bar_chart
from marketplace.renderers.impact import figure_text
from marketplace.selectors.impact import ImpactTotals, Semester, impact_figures
from tests.factories import (
    ChallengePageFactory,
    EmailAddressFactory,
    NeighbourhoodFactory,
    ThemeFactory,
)
from tests.marketplace.helpers import dated_challenge, dated_project, logged_hours, moment, student, team_of

pytestmark = pytest.mark.django_db

SITE_CONTACT = "info@lerenmetdestad.nl"  # the programme's own address in the footer


@pytest.fixture
def world(challenge_index, institutions):
    """Four live challenges and one taken down; four teams at work and one whose only project
    was cancelled; seven students, one of two institutions and one without a confirmed address.

    ====  ==================  ============  ==========================  ==========
    page  themes              place         first published (Leiden)    status
    ====  ==================  ============  ==========================  ==========
    C1    health, green       Merenwijk     1 Oct 2023                  completed
    C2    green               Merenwijk     15 Jan 2024                 in progress
    C3    heritage            Stevenshof    1 Mar 2024                  open
    C4    health              Stevenshof    1 Sep 2025 00:30            closed
    C5    health              Morsdistrict  (taken down)                open
    ====  ==================  ============  ==========================  ==========
    """
    health = ThemeFactory(name="Gezondheid & welzijn", name_en="Health & well-being", slug="health", sort_order=1)
    green = ThemeFactory(name="Duurzaamheid", name_en="Sustainability", slug="green", sort_order=2)
    heritage = ThemeFactory(name="Erfgoed", name_en="", slug="heritage", sort_order=3)
    merenwijk = NeighbourhoodFactory(name="Merenwijk", slug="merenwijk")
    stevenshof = NeighbourhoodFactory(name="Stevenshof", slug="stevenshof")
    morsdistrict = NeighbourhoodFactory(name="Morsdistrict", slug="morsdistrict")

    c1 = dated_challenge(challenge_index, themes=[health, green], neighbourhood=merenwijk,
                         published=moment(2023, 10, 1, 12), status=ChallengeStatus.COMPLETED)
    c2 = dated_challenge(challenge_index, themes=[green], neighbourhood=merenwijk,
                         published=moment(2024, 1, 15, 9), status=ChallengeStatus.IN_PROGRESS)
    c3 = dated_challenge(challenge_index, themes=[heritage], neighbourhood=stevenshof, published=moment(2024, 3, 1, 9))
    # Half past midnight in Leiden is still 31 August in UTC: the challenge counts in the new year.
    dated_challenge(challenge_index, themes=[health], neighbourhood=stevenshof,
                    published=datetime.datetime(2025, 8, 31, 22, 30, tzinfo=datetime.UTC),
                    status=ChallengeStatus.CLOSED)
    c5 = dated_challenge(challenge_index, themes=[health], neighbourhood=morsdistrict,
                         published=moment(2024, 2, 1, 9), live=False)

    people = {
        "ul1": student("Zoë de Vries", "zoe@umail.leidenuniv.nl"),
        "ul2": student("Lars Mulder", "lars@umail.leidenuniv.nl"),
        "hsl1": student("Daniël Bakker", "daniel@student.hsleiden.nl"),
        "hsl2": student("Fenna Smit", "fenna@student.hsleiden.nl"),
        "mbo": student("Yasmin Bouzid", "yasmin@student.mborijnland.nl"),
        "double": student("Noor Jansen", "noor@umail.leidenuniv.nl"),
        "unconfirmed": student("Tim Peters", "tim@umail.leidenuniv.nl", verified=False),
        "elsewhere": student("Ruben Kok", "ruben@umail.leidenuniv.nl"),
    }
    EmailAddressFactory(user=people["double"], email="noor@student.hsleiden.nl", verified=True)

    team_a = team_of("De Groene Vleugel", people["ul1"], people["hsl1"])
    team_b = team_of("Buurtbouwers", people["ul2"], people["double"])
    team_c = team_of("Samen Sterk", people["hsl2"], people["mbo"], people["ul1"])
    team_d = team_of("Erfgoedspeurders", people["hsl1"], people["hsl2"], people["unconfirmed"])
    team_e = team_of("Ontbijtclub", people["mbo"])
    team_f = team_of("Verdwenen", people["elsewhere"])

    p1 = dated_project(c1, team_a, status=ProjectStatus.COMPLETED, started=moment(2023, 11, 3, 10),
                       completed=moment(2024, 1, 20, 10))
    p2 = dated_project(c1, team_b, status=ProjectStatus.COMPLETED, started=moment(2023, 11, 10, 10),
                       completed=moment(2024, 2, 5, 10))
    p3 = dated_project(c2, team_c, status=ProjectStatus.ACTIVE, started=moment(2024, 2, 15, 10))
    p4 = dated_project(c3, team_d, status=ProjectStatus.DELIVERED, started=moment(2024, 9, 10, 10))
    p5 = dated_project(c3, team_e, status=ProjectStatus.CANCELLED, started=moment(2024, 3, 1, 10))
    p6 = dated_project(c5, team_f, status=ProjectStatus.ACTIVE, started=moment(2024, 2, 10, 10))

    logged_hours(p1, people["ul1"], datetime.date(2023, 11, 20), "3.5")
    logged_hours(p1, people["hsl1"], datetime.date(2023, 11, 20), "2")
    logged_hours(p1, people["hsl1"], datetime.date(2024, 1, 10), "1.25", HoursStatus.PENDING)
    logged_hours(p2, people["double"], datetime.date(2024, 2, 3), "4")
    logged_hours(p2, people["ul2"], datetime.date(2024, 1, 31), "1.5", HoursStatus.DISPUTED)
    logged_hours(p3, people["mbo"], datetime.date(2024, 3, 5), "2.5")
    logged_hours(p5, people["mbo"], datetime.date(2024, 3, 2), "1")  # the project stopped; the work was done
    logged_hours(p4, people["unconfirmed"], datetime.date(2024, 9, 15), "5")
    logged_hours(p6, people["elsewhere"], datetime.date(2024, 2, 20), "8")  # its challenge was taken down
    return {"people": people}


def values(breakdown):
    return {row.key: {measure: value for measure, value in row.values.items()} for row in breakdown.rows}


def figures(posted, completed, students, hours_):
    return {
        "challenges_posted": posted,
        "challenges_completed": completed,
        "students": students,
        "approved_hours": Decimal(hours_),
    }


# The figures


def test_totals(world):
    totals = impact_figures().totals
    assert totals == ImpactTotals(
        challenges_posted=4,
        challenges_completed=1,
        students=7,
        teams=4,
        mixed_teams=3,
        approved_hours=Decimal("18"),
    )
    assert totals.mixed_teams_percent == 75


def test_by_theme_counts_a_challenge_under_each_of_its_themes(world):
    breakdown = impact_figures().by_theme
    assert [row.key for row in breakdown.rows] == ["health", "green", "heritage"]
    assert values(breakdown) == {
        "health": figures(2, 1, 4, "9.5"),
        "green": figures(2, 1, 6, "12"),
        "heritage": figures(1, 0, 3, "6"),
    }


def test_by_neighbourhood(world):
    breakdown = impact_figures().by_neighbourhood
    assert [row.label for row in breakdown.rows] == ["Merenwijk", "Morsdistrict", "Stevenshof"]
    assert values(breakdown) == {
        "merenwijk": figures(2, 1, 6, "12"),
        "morsdistrict": figures(0, 0, 0, "0"),
        "stevenshof": figures(2, 0, 3, "6"),
    }


def test_by_institution_counts_a_student_of_two_institutions_under_each(world):
    breakdown = impact_figures().by_institution
    assert [row.label for row in breakdown.rows] == ["Hogeschool Leiden", "mboRijnland", "Universiteit Leiden"]
    assert values(breakdown) == {
        "HSL": {"students": 3, "approved_hours": Decimal("6")},
        "mboRijnland": {"students": 1, "approved_hours": Decimal("3.5")},
        "UL": {"students": 3, "approved_hours": Decimal("7.5")},
    }


def test_by_semester_in_order_with_the_quiet_semester_kept(world):
    with translation.override("en"):
        breakdown = impact_figures().by_semester
    assert [(row.key, row.label) for row in breakdown.rows] == [
        ("2023-2024-1", "2023–2024, semester 1"),
        ("2023-2024-2", "2023–2024, semester 2"),
        ("2024-2025-1", "2024–2025, semester 1"),
        ("2024-2025-2", "2024–2025, semester 2"),
        ("2025-2026-1", "2025–2026, semester 1"),
    ]
    assert values(breakdown) == {
        # C1 and C2; the teams of P1 and P2 started; hours of November.
        "2023-2024-1": figures(2, 0, 4, "5.5"),
        # C3; C1 completed when its last project was; P3's team; 4 + 2.5 + 1 hours.
        "2023-2024-2": figures(1, 1, 3, "7.5"),
        "2024-2025-1": figures(0, 0, 3, "5"),
        "2024-2025-2": figures(0, 0, 0, "0"),
        "2025-2026-1": figures(1, 0, 0, "0"),
    }


def test_labels_follow_the_language(world):
    with translation.override("en"):
        result = impact_figures()
    assert [(row.label, row.lang) for row in result.by_theme.rows] == [
        ("Health & well-being", "en"),
        ("Sustainability", "en"),
        ("Erfgoed", "nl"),  # no English name: the Dutch one is shown and marked as Dutch
    ]
    assert [row.label for row in result.by_institution.rows] == [
        "Leiden University", "Leiden University of Applied Sciences", "mboRijnland",
    ]


@pytest.mark.parametrize(
    ("day", "semester"),
    [
        (datetime.date(2026, 8, 31), Semester(2025, 2)),
        (datetime.date(2026, 9, 1), Semester(2026, 1)),
        (datetime.date(2026, 12, 31), Semester(2026, 1)),
        (datetime.date(2027, 1, 31), Semester(2026, 1)),
        (datetime.date(2027, 2, 1), Semester(2026, 2)),
        (datetime.datetime(2027, 1, 31, 23, 30, tzinfo=datetime.UTC), Semester(2026, 2)),  # 1 Feb in Leiden
    ],
)
def test_semester_edges(day, semester):
    assert Semester.of(day) == semester


def test_a_challenge_counts_in_the_semester_of_its_day_in_leiden_as_the_database_counts_it(challenge_index):
    """The database groups challenges by month in Leiden's time: 23:30 UTC on 31 January is
    1 February in Leiden, the second semester; 22:30 UTC is still 31 January, the first."""
    for moment_utc in (datetime.datetime(2027, 1, 31, 23, 30, tzinfo=datetime.UTC),
                       datetime.datetime(2027, 1, 31, 22, 30, tzinfo=datetime.UTC)):
        page = ChallengePageFactory(parent=challenge_index)
        ChallengePage.objects.filter(pk=page.pk).update(first_published_at=moment_utc)
    rows = {row.key: row.values["challenges_posted"] for row in impact_figures().by_semester.rows}
    assert rows == {"2026-2027-1": 1, "2026-2027-2": 1}


def test_semester_label_in_english():
    with translation.override("en"):
        assert Semester(2026, 1).label == "2026–2027, semester 1"
    assert Semester(2026, 2).next() == Semester(2027, 1)


@pytest.mark.parametrize(
    ("mixed", "teams", "percent"),
    [(0, 0, None), (0, 3, 0), (1, 3, 33), (2, 3, 67), (1, 8, 13), (3, 3, 100)],
)
def test_mixed_share_is_rounded_half_up_and_never_divides_by_zero(mixed, teams, percent):
    assert ImpactTotals(teams=teams, mixed_teams=mixed).mixed_teams_percent == percent


def test_an_empty_site(db):
    result = impact_figures()
    assert result.totals == ImpactTotals()
    assert result.is_empty
    assert result.by_semester.rows == []


# The page and the file


def test_page_shows_the_figures_in_charts_and_tables(client, world):
    response = client.get(reverse("impact:index"))
    assert response.status_code == 200
    html = response.content.decode()
    counters = dict(re.findall(r'class="impact-counter__value" data-measure="(\w+)">([^<]*)<', html))
    assert counters == {
        "challenges_posted": "4",
        "challenges_completed": "1",
        "students": "7",
        "mixed_teams_percent": "75%",
        "approved_hours": "18",
    }
    assert "3 van 4 teams" in html
    assert html.count('role="img"') == 14  # four charts for theme, neighbourhood and semester; two for institution
    assert html.count("<table") == 4
    theme = response.context["sections"][0]
    assert [row.cells[3].text for row in theme.rows] == ["9,5", "12", "6"]
    assert [bar.value_text for bar in theme.charts[3].chart.bars] == ["9,5", "12", "6"]
    assert reverse("impact:csv") in html


def test_page_in_english(client, world):
    response = client.get("/en/impact/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "How we count" in html
    assert "Health &amp; well-being" in html
    assert "3 of 4 teams" in html
    assert '<th scope="row" lang="nl">Erfgoed</th>' in html


def test_dutch_page_is_at_impact(client, world):
    assert reverse("impact:index") == "/impact/"
    response = client.get("/impact/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Gezondheid &amp; welzijn" in html


@pytest.mark.parametrize("path", ["/impact/", "/en/impact/", "/impact/impact.csv", "/en/impact/impact.csv"])
def test_no_personal_data(client, world, path):
    content = client.get(path).content.decode()
    people = world["people"].values()
    for person in people:
        assert person.display_name not in content
    assert "Anneke Vermeulen" not in content  # the challenges' private contact
    assert set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", content)) <= {SITE_CONTACT}
    for team_name in ("De Groene Vleugel", "Buurtbouwers", "Samen Sterk", "Erfgoedspeurders"):
        assert team_name not in content


def test_csv_cell_by_cell(client, world):
    response = client.get("/en/impact/impact.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="leren-met-de-stad-impact.csv"'
    assert not response.content.startswith(b"\xef\xbb\xbf")  # plain UTF-8, as open-data tools expect
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    everything = "All of Leiden"
    assert rows == [
        ["dimension", "group_key", "group", "measure", "value"],
        ["total", "all", everything, "challenges_posted", "4"],
        ["total", "all", everything, "challenges_completed", "1"],
        ["total", "all", everything, "students", "7"],
        ["total", "all", everything, "teams", "4"],
        ["total", "all", everything, "mixed_teams", "3"],
        ["total", "all", everything, "mixed_teams_percent", "75"],
        ["total", "all", everything, "approved_hours", "18"],
        *[
            ["theme", key, label, measure, value]
            for key, label, numbers in [
                ("health", "Health & well-being", ("2", "1", "4", "9.5")),
                ("green", "Sustainability", ("2", "1", "6", "12")),
                ("heritage", "Erfgoed", ("1", "0", "3", "6")),
            ]
            for measure, value in zip(
                ("challenges_posted", "challenges_completed", "students", "approved_hours"), numbers, strict=True
            )
        ],
        *[
            ["neighbourhood", key, label, measure, value]
            for key, label, numbers in [
                ("merenwijk", "Merenwijk", ("2", "1", "6", "12")),
                ("morsdistrict", "Morsdistrict", ("0", "0", "0", "0")),
                ("stevenshof", "Stevenshof", ("2", "0", "3", "6")),
            ]
            for measure, value in zip(
                ("challenges_posted", "challenges_completed", "students", "approved_hours"), numbers, strict=True
            )
        ],
        ["institution", "UL", "Leiden University", "students", "3"],
        ["institution", "UL", "Leiden University", "approved_hours", "7.5"],
        ["institution", "HSL", "Leiden University of Applied Sciences", "students", "3"],
        ["institution", "HSL", "Leiden University of Applied Sciences", "approved_hours", "6"],
        ["institution", "mboRijnland", "mboRijnland", "students", "1"],
        ["institution", "mboRijnland", "mboRijnland", "approved_hours", "3.5"],
        *[
            ["semester", key, label, measure, value]
            for key, label, numbers in [
                ("2023-2024-1", "2023–2024, semester 1", ("2", "0", "4", "5.5")),
                ("2023-2024-2", "2023–2024, semester 2", ("1", "1", "3", "7.5")),
                ("2024-2025-1", "2024–2025, semester 1", ("0", "0", "3", "5")),
                ("2024-2025-2", "2024–2025, semester 2", ("0", "0", "0", "0")),
                ("2025-2026-1", "2025–2026, semester 1", ("1", "0", "0", "0")),
            ]
            for measure, value in zip(
                ("challenges_posted", "challenges_completed", "students", "approved_hours"), numbers, strict=True
            )
        ],
    ]


def test_csv_keeps_a_formula_like_name_as_text(client, challenge_index):
    ChallengePageFactory(parent=challenge_index, themes=[ThemeFactory(name="=HYPERLINK(1)", slug="formula")])
    rows = list(csv.reader(io.StringIO(client.get(reverse("impact:csv")).content.decode())))
    assert ["theme", "formula", "'=HYPERLINK(1)", "challenges_posted", "1"] in rows


def test_empty_site_has_a_friendly_page_and_a_csv_without_a_made_up_share(client, db):
    response = client.get(reverse("impact:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "impact__empty" in html
    assert 'role="img"' not in html
    assert response.context["counters"]["mixed_teams_percent"] is None
    rows = list(csv.reader(io.StringIO(client.get(reverse("impact:csv")).content.decode())))
    assert [row[3] for row in rows[1:7]] == [
        "challenges_posted", "challenges_completed", "students", "teams", "mixed_teams", "approved_hours",
    ]
    # The institutions are there from the start, with nothing counted yet.
    assert {row[0] for row in rows[7:]} <= {"institution"}
    assert {row[4] for row in rows[1:]} == {"0"}


def test_only_reading_is_allowed(client, db):
    assert client.post(reverse("impact:index")).status_code == 405
    assert client.post(reverse("impact:csv")).status_code == 405


# Queries


def count_queries(function) -> int:
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


def grow(parent, institutions, size: int):
    """``size`` more challenges, each with a mixed team of three at work and approved hours."""
    theme, place = ThemeFactory(), NeighbourhoodFactory()
    for number in range(size):
        page = dated_challenge(parent, themes=[theme], neighbourhood=place, published=moment(2024, 10, 1 + number, 9))
        members = [
            student(f"Student {number}-{index}", f"s{number}-{index}@{domain}")
            for index, domain in enumerate(("umail.leidenuniv.nl", "student.hsleiden.nl", "student.mborijnland.nl"))
        ]
        made = dated_project(page, team_of(f"Team {number}", *members), status=ProjectStatus.ACTIVE,
                             started=moment(2024, 10, 2 + number, 9))
        for member in members:
            logged_hours(made, member, datetime.date(2024, 10, 3 + number), "2")


def test_figures_take_thirteen_queries_whatever_the_size(world, challenge_index, institutions, uncached_pages):
    """The challenges counted by the database: 1. in all; 2. per theme; 3. per neighbourhood;
    4. per month; 5. all themes; 6. all neighbourhoods; 7. the projects of live challenges; 8.
    their challenges' status and neighbourhood; 9. those challenges' themes; 10. the members of
    teams at work; 11. the approved hours per project, person and month; 12. the confirmed
    addresses of those people; 13. the institutions."""
    small = count_queries(impact_figures)
    grow(challenge_index, institutions, 6)
    large = count_queries(impact_figures)
    assert impact_figures().totals.challenges_posted == 10
    assert small == large == 13


def test_page_and_csv_queries_do_not_grow(client, world, challenge_index, institutions, uncached_pages):
    """The file takes the thirteen queries of ``impact_figures`` and nothing per row. The page adds
    only what every page of the site does (the header's link to the challenge index, and the menu
    and footer settings); Wagtail's site lookup is cached after the first request, so one request
    warms up first."""
    client.get(reverse("impact:index"))
    page_small = count_queries(lambda: client.get(reverse("impact:index")))
    csv_small = count_queries(lambda: client.get(reverse("impact:csv")))
    grow(challenge_index, institutions, 6)
    page_large = count_queries(lambda: client.get(reverse("impact:index")))
    csv_large = count_queries(lambda: client.get(reverse("impact:csv")))
    assert (page_small, csv_small) == (page_large, csv_large)
    assert csv_small == 13
    assert page_small == 13 + 3


@pytest.mark.parametrize(
    ("language", "value", "text"),
    [("nl", Decimal("1234.50"), "1.234,5"), ("en", Decimal("1234.50"), "1,234.5"), ("nl", 12000, "12.000"),
     ("nl", Decimal("10.00"), "10")],
)
def test_figures_are_written_the_way_the_language_writes_them(language, value, text):
    with translation.override(language):
        assert figure_text(value) == text


# The chart builder


@translation.override("en")
def test_bar_chart_scales_to_the_largest_value_and_says_so():
    chart = bar_chart(
        chart_id="c",
        title="Uren per wijk",
        measure="approved_hours",
        items=[("Merenwijk", Decimal("12"), "12", None), ("Stevenshof", Decimal("6"), "6", None),
               ("Morsdistrict", 0, "0", None)],
    )
    assert [bar.length for bar in chart.bars] == ["72.00", "36.00", "0.00"]
    assert "Merenwijk" in chart.description and "12" in chart.description
    svg = render_bar_chart(chart)
    assert svg.strip().startswith("<svg")
    assert 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Uren per wijk</title>' in svg
    assert svg.count('class="bar-chart__bar"') == 2  # a zero draws no bar, only its value


def test_bar_chart_wraps_a_long_label_and_keeps_numbers_unlocalised():
    with translation.override("nl"):
        chart = bar_chart(
            chart_id="c",
            title="t",
            items=[("Een heel lange naam voor een thema dat nooit ophoudt met doorgaan", 1500, "1.500", None)],
        )
        svg = render_bar_chart(chart)
    assert len(chart.bars[0].lines) == 2
    assert 'width="72.00%"' in svg  # a dot, never a Dutch comma, inside SVG attributes
    assert f'height="{chart.height}"' in svg


@translation.override("en")
def test_bar_chart_of_zeros_and_of_nothing():
    assert bar_chart(chart_id="z", title="t", items=[("A", 0, "0", None)]).description == "Every bar is 0 so far."
    empty = bar_chart(chart_id="e", title="t", items=[])
    assert (empty.bars, empty.description) == ((), "There are no figures yet.")


@pytest.mark.parametrize(("prefix", "delimiter", "decimal"), [("", ";", "3,5"), ("/en", ",", "3.5")])
def test_the_spreadsheet_csv_opens_as_columns_in_excel_of_the_pages_language(client, world, prefix, delimiter, decimal):
    """Dutch Excel splits on semicolons and reads decimal commas; any Excel needs the byte order
    mark to read UTF-8. The open-data file stays as it is (test_csv_cell_by_cell)."""
    response = client.get(f"{prefix}/impact/impact.csv?for=spreadsheet")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Disposition"] == 'attachment; filename="leren-met-de-stad-impact-spreadsheet.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=delimiter))
    plain = list(csv.reader(io.StringIO(client.get(f"{prefix}/impact/impact.csv").content.decode())))
    assert len(rows) == len(plain) > 1 and all(len(row) == 5 for row in rows)
    assert [row[:4] for row in rows] == [row[:4] for row in plain]
    assert [row[4] for row in rows] == [row[4].replace(".", decimal[1]) for row in plain]
    assert decimal in [row[4] for row in rows]  # mboRijnland's approved hours
    assert "?for=spreadsheet" in client.get(f"{prefix}/impact/").content.decode()
