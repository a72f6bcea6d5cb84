"""Project photos and files are served only to the people who may see them (PRODUCT.md rule 4):
everyone else, logged out included, gets the same 404 as for an id that does not exist, and
the files are never reachable under the public media URL."""

import uuid
from email.message import Message
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from marketplace.choices import AttachmentKind, ProjectStatus
from marketplace.files.uploads import clean_upload
from marketplace.models import Attachment, LogEntry, Project
from tests.factories import ChallengePageFactory, UserFactory
from tests.marketplace.helpers import PROJECT_PEOPLE

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"

INSIDERS = {"lead", "member", "supervisor", "poster", "organisation_member"}
READERS = {"editor", "broker"}  # only what the team marked shareable
ATTACHMENTS = ["private_photo", "shared_photo", "entry_pdf", "deliverable"]
WITHOUT_THUMBNAIL = {"entry_pdf"}
URLS = ["file", "thumbnail"]


def image_upload(name, format="JPEG", size=(800, 600)):
    buffer = BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, format=format)
    return SimpleUploadedFile(name, buffer.getvalue())


def pdf_upload(name):
    return ContentFile(PDF, name=name)


def attach(project, upload, *, kind, entry=None, author=None):
    """An attachment made from what ``clean_upload`` hands over, as the log entry form does."""
    cleaned = clean_upload(upload, kind=kind)
    return Attachment.objects.create(
        project=project,
        entry=entry,
        kind=cleaned.kind,
        file=cleaned.content,
        thumbnail=cleaned.thumbnail,
        original_name=cleaned.original_name,
        content_type=cleaned.content_type,
        size=cleaned.size,
        uploaded_by=author,
    )


@pytest.fixture
def files(project_world):
    project, lead = project_world["project"], project_world["people"]["lead"]
    today = timezone.localdate()
    private_entry = LogEntry.objects.create(project=project, author=lead, date=today, text="Interviews in de wijk.")
    shared_entry = LogEntry.objects.create(
        project=project, author=lead, date=today, text="Plantdag met de buurt.",
        shareable=True, consent_by=lead, consent_at=timezone.now(),
    )
    return {
        "private_photo": attach(
            project, image_upload("interview.jpg"), kind=AttachmentKind.PHOTO, entry=private_entry, author=lead
        ),
        "shared_photo": attach(
            project, image_upload("plantdag.jpg"), kind=AttachmentKind.PHOTO, entry=shared_entry, author=lead
        ),
        "entry_pdf": attach(
            project, pdf_upload("vragenlijst.pdf"), kind=AttachmentKind.FILE, entry=private_entry, author=lead
        ),
        "deliverable": attach(
            project, image_upload("poster.png", format="PNG"), kind=AttachmentKind.DELIVERABLE, author=lead
        ),
    }


def url(attachment, which):
    return reverse(f"projects:{which}", args=[attachment.pk])


def body(response):
    """The bytes of a response. A streamed one is read to the end, which closes its file (the
    test client's wrapper does, without closing the test's database connection as a second
    ``response.close()`` would on PostgreSQL)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def expected_status(person, attachment_key, which):
    if which == "thumbnail" and attachment_key in WITHOUT_THUMBNAIL:
        return 404
    if person in INSIDERS or (person in READERS and attachment_key == "shared_photo"):
        return 200
    return 404


CELLS = [(key, which) for key in ATTACHMENTS for which in URLS]


def test_the_matrix_covers_every_person_and_url():
    assert len(PROJECT_PEOPLE) * len(CELLS) == 88


def _check_cell(client, attachment, which, status) -> list[str]:
    response = client.get(url(attachment, which))
    content = body(response)
    if response.status_code != status:
        return [f"status {response.status_code}, expected {status}"]
    if status == 404:
        # Not a redirect to the login page either: that would confirm the file exists.
        return ["redirects"] if "Location" in response else []
    stored = attachment.file if which == "file" else attachment.thumbnail
    with stored.open("rb") as handle:
        problems = [] if content == handle.read() else ["other bytes than stored"]
    expected_headers = {
        "Content-Type": attachment.content_type,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, max-age=3600",
        "Content-Security-Policy": CSP,
        "Cross-Origin-Resource-Policy": "same-origin",
    }
    problems += [f"{header}: {response.get(header)!r}" for header, value in expected_headers.items()
                 if response.get(header) != value]
    return problems


@pytest.mark.parametrize("person", PROJECT_PEOPLE)
def test_who_gets_which_file(client, project_world, files, person):
    """One person against every photo, file and thumbnail URL: 8 cells of the 88-cell matrix
    (the project is built once per person, not once per cell)."""
    if person != "anonymous":
        client.force_login(project_world["people"][person])
    failures = {}
    for attachment_key, which in CELLS:
        problems = _check_cell(client, files[attachment_key], which, expected_status(person, attachment_key, which))
        if problems:
            failures[f"{attachment_key}-{which}"] = problems
    assert failures == {}


def disposition(response):
    message = Message()
    message["Content-Disposition"] = response["Content-Disposition"]
    return message.get_content_disposition(), message.get_filename()


def test_photos_and_images_are_shown_and_documents_downloaded(client, project_world, files):
    client.force_login(project_world["people"]["member"])
    seen = {}
    for key in ATTACHMENTS:
        response = client.get(url(files[key], "file"))
        body(response)
        seen[key] = disposition(response)
    assert seen == {
        "private_photo": ("inline", "interview.jpg"),
        "shared_photo": ("inline", "plantdag.jpg"),
        "entry_pdf": ("attachment", "vragenlijst.pdf"),
        "deliverable": ("inline", "poster.png"),
    }
    response = client.get(url(files["shared_photo"], "thumbnail"))
    body(response)
    assert disposition(response) == ("inline", "plantdag.jpg")
    with files["shared_photo"].thumbnail.open("rb") as stored, Image.open(stored) as thumbnail:
        assert max(thumbnail.size) == 640


@pytest.mark.parametrize(
    ("upload", "header", "name"),
    [
        (
            lambda: pdf_upload('"quoted" name.pdf'),
            'attachment; filename="\\"quoted\\" name.pdf"',
            '"quoted" name.pdf',
        ),
        (
            lambda: image_upload("naïve café.jpg"),
            "inline; filename*=utf-8''na%C3%AFve%20caf%C3%A9.jpg",
            "naïve café.jpg",
        ),
        (
            lambda: pdf_upload("verslag\r\nSet-Cookie: x=1.pdf"),
            'attachment; filename="verslag Set-Cookie: x=1.pdf"',
            "verslag Set-Cookie: x=1.pdf",
        ),
    ],
    ids=["quotes", "non-ascii", "newline"],
)
def test_the_name_in_content_disposition_is_encoded(client, project_world, upload, header, name):
    upload = upload()
    kind = AttachmentKind.PHOTO if upload.name.endswith(".jpg") else AttachmentKind.FILE
    attachment = attach(project_world["project"], upload, kind=kind)
    client.force_login(project_world["people"]["lead"])
    response = client.get(url(attachment, "file"))
    body(response)
    assert response.status_code == 200
    assert response["Content-Disposition"] == header
    assert disposition(response)[1] == name


def test_behind_nginx_the_web_server_sends_the_bytes(client, project_world, files, settings):
    settings.PRIVATE_MEDIA_X_ACCEL_REDIRECT = "/protected/"
    client.force_login(project_world["people"]["poster"])
    photo = files["shared_photo"]
    response = client.get(url(photo, "file"))
    assert response.status_code == 200
    assert not response.streaming
    assert response.content == b""
    project_id = project_world["project"].pk
    assert response["X-Accel-Redirect"] == f"/protected/{photo.file.name}"
    assert response["X-Accel-Redirect"].startswith(f"/protected/projects/{project_id}/")
    assert response["X-Accel-Redirect"].removeprefix(f"/protected/projects/{project_id}/") == (
        Path(photo.file.name).name
    )
    assert response["Content-Type"] == "image/jpeg"
    assert disposition(response) == ("inline", "plantdag.jpg")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert response["Content-Security-Policy"] == CSP
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"

    thumbnail = client.get(url(photo, "thumbnail"))
    assert thumbnail["X-Accel-Redirect"] == f"/protected/{photo.thumbnail.name}"
    # The permission check still comes first.
    client.logout()
    assert client.get(url(photo, "file")).status_code == 404


def test_files_are_stored_under_a_generated_name_outside_the_public_media(client, project_world, files):
    photo = files["private_photo"]
    assert photo.file.name.startswith(f"projects/{project_world['project'].pk}/")
    assert Path(photo.file.name).stem != "interview"
    private_root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    assert not private_root.is_relative_to(media_root)
    assert Path(photo.file.path).resolve().is_relative_to(private_root)
    assert not Path(photo.file.path).resolve().is_relative_to(media_root)
    assert not photo.get_absolute_url().startswith(settings.MEDIA_URL)
    assert not photo.get_thumbnail_url().startswith(settings.MEDIA_URL)

    # The private storage has no URL of its own: asking for one is a mistake, and says so.
    with pytest.raises(ValueError, match="no public URL"):
        photo.file.url  # noqa: B018
    client.force_login(project_world["people"]["lead"])
    for guess in (
        settings.MEDIA_URL + photo.file.name,
        settings.MEDIA_URL + "private/" + photo.file.name,
        settings.MEDIA_URL + photo.thumbnail.name,
    ):
        assert client.get(guess).status_code == 404


def test_the_english_address_serves_the_same_file(client, project_world, files):
    client.force_login(project_world["people"]["supervisor"])
    with translation.override("en"):
        address = url(files["entry_pdf"], "file")
    assert address.startswith("/en/projects/")
    response = client.get(address)
    assert response.status_code == 200
    assert body(response) == PDF


def test_an_unknown_id_is_404(client, project_world, files):
    client.force_login(project_world["people"]["lead"])
    for which in URLS:
        assert client.get(reverse(f"projects:{which}", args=[uuid.uuid4()])).status_code == 404


def test_files_are_only_read_not_posted_to(client, project_world, files):
    client.force_login(project_world["people"]["lead"])
    assert client.post(url(files["entry_pdf"], "file")).status_code == 405
    response = client.head(url(files["entry_pdf"], "file"))
    body(response)
    assert response.status_code == 200


def test_a_follow_up_challenge_builds_on_the_deliverable_only(client, project_world, files, challenge_index):
    """The owner of a challenge that continues this one reads the deliverable of a completed
    project, not the log."""
    next_owner = UserFactory(email="opvolger@example.org")
    ChallengePageFactory(parent=challenge_index, posted_by=next_owner, follows=project_world["challenge"])
    client.force_login(next_owner)
    assert client.get(url(files["deliverable"], "file")).status_code == 404  # the project still runs
    Project.objects.filter(pk=project_world["project"].pk).update(status=ProjectStatus.COMPLETED)
    statuses = {}
    for key in ATTACHMENTS:
        response = client.get(url(files[key], "file"))
        body(response)
        statuses[key] = response.status_code
    assert statuses == {"private_photo": 404, "shared_photo": 404, "entry_pdf": 404, "deliverable": 200}
