"""The storage of project photos and files: outside the public media path, with no URL of its
own. Files are served by ``marketplace.views.files`` after a permission check; a template that
asks a private file for its ``.url`` gets an error instead of a broken (or, worse, public) link."""

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no public URL; link to the attachment's get_absolute_url().")

