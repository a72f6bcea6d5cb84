"""Storing photos and files that were checked and cleaned already (``marketplace.files.uploads``),
for log entries, deliverables and messages alike: all or nothing with the change they belong to."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.translation import gettext as _

from marketplace.services.errors import MarketplaceError

logger = logging.getLogger(__name__)


@contextmanager
def files_removed_on_failure() -> Iterator[list]:
    """Collects the files a change writes (as (storage, name)); if the change fails, they are
    removed again. Its rows are rolled back, so nothing would ever point at them."""
    stored = []
    try:
        yield stored
    except BaseException:
        for storage, name in stored:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not remove %s after a failed change.", name, exc_info=True)
        raise


def store_upload(row, upload, *, stored: list) -> None:
    """Write ``upload`` (a ``CleanUpload``) into ``row.file``, and its thumbnail into
    ``row.thumbnail``, without saving the row; each written file is added to ``stored``.

    A file the storage cannot write (a full disk) stops the whole change with a message: the
    person's text stays in the form, and ``files_removed_on_failure`` removes what was written."""
    try:
        row.file.save(upload.content.name, upload.content, save=False)
        stored.append((row.file.storage, row.file.name))
        if upload.thumbnail is not None:
            row.thumbnail.save(upload.thumbnail.name, upload.thumbnail, save=False)
            stored.append((row.thumbnail.storage, row.thumbnail.name))
    except OSError as error:
        logger.error("A %s could not be stored.", row._meta.model_name, exc_info=True)
        raise MarketplaceError(
            _(
                "Your photos and files could not be stored just now, so nothing has been saved. Your text "
                "is still here: try again later, or save it without photos and files."
            )
        ) from error
