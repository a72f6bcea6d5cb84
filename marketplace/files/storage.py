"""The storage of project photos and files: outside the public media path, with no URL of its
own. Files are served by ``marketplace.views.files`` after a permission check; a template that
asks a private file for its ``.url`` gets an error instead of a broken (or, worse, public) link."""

import os
from contextlib import suppress

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no public URL; link to the attachment's get_absolute_url().")

    def _save(self, name, content):
        """A write that fails halfway (a full disk) leaves no truncated file behind: nobody would
        ever learn its name, so nothing could serve or remove it."""
        path = self.path(name)
        existed = os.path.lexists(path)
        try:
            return super()._save(name, content)
        except OSError as error:
            # Stored names are generated (marketplace.files.uploads), so a file at this path that
            # was not there before is the one this write began.
            if not existed and not isinstance(error, FileExistsError):
                with suppress(FileNotFoundError):
                    os.remove(path)
            raise
