"""Helpers the privacy tests share: confirming the password again, and reading a download."""

import json
import zipfile
from io import BytesIO

from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD

CONFIRM = "/accounts/reauthenticate/"


def log_in_and_confirm(client, user):
    """Logged in, and the password confirmed again just now (allauth's re-authentication)."""
    client.force_login(user)
    client.post(CONFIRM, {"password": PASSWORD})


def download(client, language="nl"):
    """The person's download (asked for at the address in ``language``): the response, the ZIP
    and its JSON, decoded."""
    with translation.override(language):
        url = reverse("privacy:download")
    response = client.get(url)
    assert response.status_code == 200, response
    # Reading the content to its end closes the response (the test client wraps it); closing it
    # again would send request_finished, which closes the test's database connection.
    content = b"".join(response.streaming_content)
    archive = zipfile.ZipFile(BytesIO(content))
    return response, archive, json.loads(archive.read("data.json"))
