"""The certificate of participation: what the PDF says, in Dutch and English, and who may
download it."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from marketplace.permissions import can_download_certificate
from marketplace.renderers.exports import certificate_pdf, pdf_text
from marketplace.services.projects import hours_review, project_complete, project_deliver, project_feedback
from tests.factories import ChallengePageFactory
from tests.marketplace.helpers import D1, D2, D3, apply_and_accept, log, started_long_ago, supervised_team


def pdf_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    width, height = (float(value) for value in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    return reader.pages[0].extract_text()


def day(value, language):
    with translation.override(language):
        return date_format(value, "j F Y")


@pytest.fixture
def certificate_world(project_world, challenge_index):
    """Zoë (Leiden University) and Daniël (Hogeschool Leiden) worked on the same days. Karin
    approved Zoë's 8 + 4.5 hours and disputed Daniël's 2 + 3; the project is completed. Zoë
    also has 6 approved hours in another, active project of Jan's."""
    people = project_world["people"]
    zoe, daniel, karin = people["lead"], people["member"], people["supervisor"]
    for person, name in ((zoe, "Zoë de Vries"), (daniel, "Daniël Bakker")):
        person.display_name = name
        person.save(update_fields=["display_name"])
    project = started_long_ago(project_world["project"])
    log(project, zoe, D1, {zoe: "8", daniel: "2"})
    log(project, daniel, D2, {zoe: "4.5", daniel: "3"})
    hours_review(project=project, actor=karin, person=zoe, approve=True)
    hours_review(project=project, actor=karin, person=daniel, approve=False, note="Wat deed je precies?")

    piet, jan = people["other_student"], people["other_lecturer"]
    other_team = supervised_team(name="Het Zwerfafvalteam", lead=piet, members=[zoe], supervisor=jan)
    other = apply_and_accept(ChallengePageFactory(parent=challenge_index, team_capacity=1), other_team, piet, jan)
    log(other, piet, D1, {zoe: "6"})
    hours_review(project=other, actor=jan, person=zoe, approve=True)
    return {**project_world, "zoe": zoe, "daniel": daniel, "karin": karin, "project": project, "other": other}


def complete(world):
    project, people = world["project"], world["people"]
    project_deliver(project=project, actor=world["zoe"], summary="Een plan voor de binnentuin.",
                    link="https://example.org/plan")
    project_feedback(project=project, actor=people["poster"], rating=5, text="Dank jullie wel!")
    project_complete(project=project, actor=world["karin"])
    project.refresh_from_db()
    return project


def certificate_url(project, language="nl"):
    with translation.override(language):
        return reverse("projects:certificate", args=[project.pk])


# What it says


@pytest.mark.parametrize(
    ("language", "title", "hours", "institution"),
    [
        ("nl", "Bewijs van deelname", "12,5", "Universiteit Leiden"),
        ("en", "Certificate of participation", "12.5", "Leiden University"),
    ],
)
def test_the_certificate_names_the_student_the_work_and_the_approved_hours(
    certificate_world, language, title, hours, institution
):
    w = certificate_world
    project = complete(w)
    with translation.override(language):
        text = pdf_of(certificate_pdf(project=project, student=w["zoe"]))
    for expected in (
        title, "Leren met de Stad", "Zoë de Vries", institution, w["challenge"].title, "De Groene Vleugel",
        "Karin Jansen", hours, f"{day(D1, language)} – {day(D2, language)}",
        day(timezone.localtime(project.completed_at).date(), language), "Wijkgericht werken (SW-WGW), 5 ECTS",
    ):
        assert expected in text, expected
    # Daniël's disputed hours were logged in the same entries, and Zoë's hours in Jan's
    # project are another project's: neither counts.
    for wrong in ("17,5", "17.5", "18,5", "18.5", "Daniël"):
        assert wrong not in text


def test_pending_hours_are_not_counted(certificate_world):
    w = certificate_world
    zoe = w["zoe"]
    log(w["project"], zoe, D3, {zoe: "7.25"})  # waits for the supervisor
    text = pdf_of(certificate_pdf(project=w["project"], student=zoe))
    assert "12,5" in text and "19,75" not in text
    # The period is that of the approved work, and an active project has no completion day.
    assert f"{day(D1, 'nl')} – {day(D2, 'nl')}" in text and day(D3, "nl") not in text


def words_up_to(phrase: str, limit: int) -> str:
    """``phrase`` repeated, cut at the last whole word within ``limit`` characters."""
    return (phrase * (limit // len(phrase) + 1))[: limit + 1].rsplit(" ", 1)[0]


@pytest.mark.parametrize(
    ("language", "studies_at", "last_line"),
    [
        (
            "nl",
            "Hogeschool Leiden, Universiteit Leiden",
            "Alleen uren die de begeleider heeft goedgekeurd, tellen mee. Uitgegeven op %(date)s.",
        ),
        (
            "en",
            "Leiden University of Applied Sciences, Leiden University",
            "Only hours approved by the supervisor are counted. Issued on %(date)s.",
        ),
    ],
)
def test_a_long_title_and_name_still_fit_on_one_page(certificate_world, language, studies_at, last_line):
    """Everything the certificate prints as long as the site lets anyone write it, for a student
    enrolled at two institutions, still makes one page, shrunk rather than cut off."""
    w = certificate_world
    project = complete(w)
    zoe = w["zoe"]
    zoe.emailaddress_set.create(email="zoe.devries@student.hsleiden.nl", verified=True)
    long = {
        "title": words_up_to("Een groene binnentuin voor de flats aan de Merenwijkse singel ", 255),  # Page.title
        "name": words_up_to("Zoë Wilhelmina Johanna van den Heuvel-Çelik de Vries ", 100),  # User.display_name
        "team": words_up_to("De Groene Vleugel van Leiden-Noord en de Merenwijk ", 100),  # Team.name
        "supervisor": words_up_to("Karin Maria Elisabeth Jansen-van der Zwaan ", 100),
        "course": words_up_to("Wijkgericht werken in de stad: onderzoek, ontwerp en participatie ", 200),
    }
    project.challenge.title, zoe.display_name = long["title"], long["name"]
    project.team.name, project.supervisor.display_name = long["team"], long["supervisor"]
    project.application.course_name = long["course"]
    project.application.course_code = words_up_to("SW-WGW-2026 ", 50)
    with translation.override(language):
        pdf = certificate_pdf(project=project, student=zoe)
    last_line %= {"date": day(timezone.localdate(), language)}  # the end of the page: nothing was cut off
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1
    text = " ".join(pages[0].extract_text().split())  # the lines as wrapped, joined again
    for expected in (*long.values(), studies_at, last_line):
        assert expected in text, expected


def test_names_beyond_the_standard_font_lose_only_their_accents(certificate_world):
    w = certificate_world
    project = complete(w)
    w["zoe"].display_name = "Łukasz D'Souza-Dvořák & <Zoë>"  # and no markup is read from a name
    text = pdf_of(certificate_pdf(project=project, student=w["zoe"]))
    assert "Lukasz D'Souza-Dvorák & <Zoë>" in text  # á is in Windows-1252, ř is not
    assert pdf_text("Nguyễn Daniël 李") == "Nguyen Daniël ?"


# Who may download it


def test_the_student_downloads_their_own_certificate(client, certificate_world):
    w = certificate_world
    project = complete(w)
    client.force_login(w["zoe"])
    response = client.get(certificate_url(project))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="bewijs-van-deelname-{w["challenge"].slug}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert "12,5" in pdf_of(response.content)


def test_in_english_at_the_english_address(client, certificate_world):
    w = certificate_world
    project = complete(w)
    client.force_login(w["zoe"])
    response = client.get(f"/en/projects/{project.pk}/certificate/")
    assert response.status_code == 200
    text = pdf_of(response.content)
    assert "12.5" in text and "Leiden University" in text and day(D1, "en") in text


def test_a_team_member_without_approved_hours_gets_none(client, certificate_world):
    w = certificate_world
    project = complete(w)
    assert not can_download_certificate(w["daniel"], project)
    client.force_login(w["daniel"])
    assert client.get(certificate_url(project)).status_code == 404


@pytest.mark.parametrize("person", ["supervisor", "poster", "organisation_member", "outsider", "other_student",
                                    "other_lecturer", "editor", "broker"])
def test_nobody_else_gets_one(client, certificate_world, person):
    project = complete(certificate_world)
    client.force_login(certificate_world["people"][person])
    assert client.get(certificate_url(project)).status_code == 404


def test_not_before_the_project_is_completed(client, certificate_world):
    w = certificate_world
    client.force_login(w["zoe"])
    assert not can_download_certificate(w["zoe"], w["project"])
    assert client.get(certificate_url(w["project"])).status_code == 404
    # Nor for the approved hours in Jan's project, which is still active.
    assert client.get(certificate_url(w["other"], "en")).status_code == 404


def test_anonymous_is_sent_to_log_in(client, certificate_world):
    project = complete(certificate_world)
    response = client.get(certificate_url(project))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not can_download_certificate(None, project)


def test_an_unknown_project_is_not_found(client, certificate_world):
    client.force_login(certificate_world["zoe"])
    assert client.get(reverse("projects:certificate", args=[999999])).status_code == 404
