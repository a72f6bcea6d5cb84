"""A full disk while a log entry's photos and files are written (PRODUCT.md rule 6): the form
comes back with the typed text and a message in the person's language, and nothing is left
behind: no entry, no hours, no attachment row, no file (whole or truncated)."""

import errno
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from marketplace.files.storage import PrivateFileSystemStorage
from marketplace.models import Attachment, LogEntry, LogHours
from marketplace.services.errors import MarketplaceError
from marketplace.services.projects import project_deliver
from tests.marketplace.helpers import cleaned_photo

pytestmark = pytest.mark.django_db

MESSAGE_NL = "Je foto&#x27;s en bestanden konden nu niet worden opgeslagen, dus er is niets bewaard."
TEXT = "Vandaag 14 bankjes geteld in het Rembrandtpark; drie zijn kapot."


def no_space():
    return OSError(errno.ENOSPC, "No space left on device")


class FillsUpStorage(PrivateFileSystemStorage):
    """Writes `room` files whole, then the disk is full."""

    def __init__(self, room, **kwargs):
        super().__init__(**kwargs)
        self.room = room

    def _save(self, name, content):
        if self.room == 0:
            raise no_space()
        self.room -= 1
        return super()._save(name, content)


class HalfWritten:
    """Content of which the disk takes the first half, then reports itself full."""

    def __init__(self, content):
        self.content = content

    def chunks(self, chunk_size=None):
        self.content.seek(0)
        data = self.content.read()
        yield data[: len(data) // 2]
        raise no_space()


class TruncatingStorage(PrivateFileSystemStorage):
    def _save(self, name, content):
        return super()._save(name, HalfWritten(content))


@pytest.fixture
def storage(monkeypatch, settings):
    """Puts a storage of the test's choice under both file fields of an attachment."""

    def use(storage_class, **kwargs):
        chosen = storage_class(location=str(settings.PRIVATE_MEDIA_ROOT), base_url=None, **kwargs)
        for field in ("file", "thumbnail"):
            monkeypatch.setattr(Attachment._meta.get_field(field), "storage", chosen)
        return chosen

    return use


def photo(name):
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (40, 120, 60)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def stored_files(project):
    folder = Path(Attachment._meta.get_field("file").storage.location) / "projects" / str(project.pk)
    return sorted(path.name for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def post_entry(client, project_world):
    people, project = project_world["people"], project_world["project"]
    client.force_login(people["member"])
    return client.post(
        reverse("projects:log_new", args=[project.pk]),
        {
            "date": timezone.localdate().isoformat(),
            "text": TEXT,
            f"hours_{people['member'].pk}": "2",
            "photos": [photo("bankje.jpg"), photo("vijver.jpg")],
            "photo_description": "Kapotte bankjes",
        },
    )


def test_a_full_disk_partway_keeps_the_typed_entry_and_leaves_no_file_or_row(client, project_world, storage):
    storage(FillsUpStorage, room=3)  # two photos with a thumbnail each: the fourth write fails
    # Other tests on this worker may have left files of a project with the same id.
    before = stored_files(project_world["project"])

    response = post_entry(client, project_world)

    assert response.status_code == 200
    page = response.content.decode()
    assert MESSAGE_NL in page
    assert TEXT in page
    assert (LogEntry.objects.count(), LogHours.objects.count(), Attachment.objects.count()) == (0, 0, 0)
    assert stored_files(project_world["project"]) == before


def test_a_file_written_halfway_is_removed(client, project_world, storage):
    storage(TruncatingStorage)
    before = stored_files(project_world["project"])

    response = post_entry(client, project_world)

    assert response.status_code == 200
    assert MESSAGE_NL in response.content.decode()
    assert (LogEntry.objects.count(), Attachment.objects.count()) == (0, 0)
    assert stored_files(project_world["project"]) == before


def test_a_full_disk_while_delivering_again_keeps_the_first_result(project_world, storage):
    people, project = project_world["people"], project_world["project"]
    project_deliver(project=project, actor=people["lead"], summary="Ons advies.", upload=cleaned_photo("advies.jpg"))
    first = Attachment.objects.get()
    before = stored_files(project)
    storage(FillsUpStorage, room=1)  # the new file fits, its thumbnail does not

    with pytest.raises(MarketplaceError):
        project_deliver(project=project, actor=people["lead"], summary="Beter advies.", upload=cleaned_photo("v2.jpg"))

    assert list(Attachment.objects.all()) == [first]
    assert stored_files(project) == before
