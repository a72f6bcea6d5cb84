"""Oversized uploads are refused while they arrive: the site stops reading the request once one
file passes its limit or the files together pass the form's total, and the form says why in the
person's language with everything typed still in it. The bodies are streamed as a browser sends
them, fields in the order of the form, through an input that counts what the site read."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from marketplace.models import Attachment, ChallengePage, LogEntry
from tests.core.helpers import post_streamed
from tests.factories import NeighbourhoodFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
TEXT = "Vandaag de bankjes in het park geteld."
PHOTO_DESCRIPTION = "Bewoners wijzen de kapotte bank aan"


def _url(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


def _log_entry_parts(member, *files):
    """The log entry form's fields in the order of the page: text, hours and sharing first,
    the photos and files last."""
    return [
        ("date", timezone.localdate().isoformat()),
        ("text", TEXT),
        (f"hours_{member.pk}", "3.5"),
        ("shareable", "on"),
        ("consent", "on"),
        ("photo_description", PHOTO_DESCRIPTION),
        *files,
    ]


def _value_of(page: str, name: str) -> str:
    start = page.index(f'name="{name}"')
    tag = page[page.rindex("<", 0, start):page.index(">", start)]
    return tag


@pytest.mark.parametrize(
    ("language", "message"),
    [("nl", "“rapport.pdf” is groter dan 20 MB."), ("en", "“rapport.pdf” is larger than 20 MB.")],
)
def test_a_200_mb_file_is_refused_after_its_first_20_mb(client, project_world, language, message):
    member = project_world["people"]["member"]
    client.force_login(member)
    url = _url("projects:log_new", language, project_world["project"].pk)
    response, body = post_streamed(client, url, _log_entry_parts(member, ("files", "rapport.pdf", 200 * MB)))
    print(f"log entry, 200 MB file: read {body.bytes_read / MB:.1f} MB of {body.size / MB:.1f} MB")
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert TEXT in page and PHOTO_DESCRIPTION in page
    assert 'value="3.5"' in _value_of(page, f"hours_{member.pk}")
    assert "checked" in _value_of(page, "consent")
    # The limit is 20 MB a file: what was read is that and the parser's last chunk, not 200 MB.
    assert body.bytes_read < 21 * MB
    assert body.size > 200 * MB
    assert not LogEntry.objects.exists() and not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "De foto's en bestanden zijn samen groter dan 400 MB. Kies minder of kleinere bestanden."),
        ("en", "The photos and files together are larger than 400 MB. Choose fewer or smaller files."),
    ],
)
def test_a_request_over_the_entrys_total_is_refused_at_its_first_file(client, project_world, language, message):
    """21 files of 20 MB each: every one within its own limit, but the request says it is larger
    than an entry can take (20 files of 20 MB), so not one file byte is read."""
    member = project_world["people"]["member"]
    client.force_login(member)
    url = _url("projects:log_new", language, project_world["project"].pk)
    files = [("files", f"scan{n}.pdf", 20 * MB) for n in range(21)]
    response, body = post_streamed(client, url, _log_entry_parts(member, *files))
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(message) in page
    assert TEXT in page and PHOTO_DESCRIPTION in page
    assert body.bytes_read < MB
    assert body.size > 420 * MB
    assert not LogEntry.objects.exists() and not Attachment.objects.exists()


def test_an_entry_within_the_limits_is_still_stored(client, project_world):
    member = project_world["people"]["member"]
    client.force_login(member)
    url = _url("projects:log_new", "nl", project_world["project"].pk)
    response, body = post_streamed(client, url, _log_entry_parts(member, ("files", "verslag.pdf", 20 * MB)))
    assert response.status_code == 302
    assert body.bytes_read == body.size
    assert Attachment.objects.get().size == 20 * MB


def test_editing_an_entry_refuses_an_oversized_photo_and_keeps_the_text(client, project_world):
    member = project_world["people"]["member"]
    client.force_login(member)
    url = _url("projects:log_new", "nl", project_world["project"].pk)
    post_streamed(client, url, _log_entry_parts(member))
    entry = LogEntry.objects.get()
    edit_url = _url("projects:log_edit", "en", entry.pk)
    parts = _log_entry_parts(member, ("photos", "bank.jpg", 50 * MB))
    parts[1] = ("text", "Toch twee bankjes meer.")
    response, body = post_streamed(client, edit_url, parts)
    assert response.status_code == 200
    page = response.content.decode()
    assert "“bank.jpg” is larger than 20 MB." in page and "Toch twee bankjes meer." in page
    assert body.bytes_read < 21 * MB
    entry.refresh_from_db()
    assert entry.text == TEXT


def test_a_deliverable_over_20_mb_is_refused_while_it_arrives(client, project_world):
    client.force_login(project_world["people"]["member"])
    url = _url("projects:deliver", "nl", project_world["project"].pk)
    parts = [("summary", "Ons advies aan de buurt."), ("link", ""), ("file", "eindrapport.pdf", 200 * MB)]
    response, body = post_streamed(client, url, parts)
    assert response.status_code == 200
    page = response.content.decode()
    assert "“eindrapport.pdf” is groter dan 20 MB." in page and "Ons advies aan de buurt." in page
    assert body.bytes_read < 21 * MB
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "Deze foto is groter dan 10 MB. Kies een kleinere foto."),
        ("en", "This photo is larger than 10 MB. Choose a smaller photo."),
    ],
)
def test_a_challenge_photo_over_10_mb_is_refused_with_everything_typed_kept(
    client, challenge_index, language, message
):
    client.force_login(UserFactory(email="anneke@example.org"))
    today = timezone.localdate()
    theme, neighbourhood = ThemeFactory(), NeighbourhoodFactory()
    parts = [
        ("title", "Een groene binnentuin"),
        ("summary", "Onze binnentuin is grijs."),
        ("description", "Veel tegels."),
        ("outcome", "Een ontwerp."),
        ("language", "nl"),
        ("summary_en", ""),
        ("themes", theme.pk),
        ("neighbourhood", neighbourhood.pk),
        ("levels", "hbo"),
        ("team_size_min", "2"),
        ("team_size_max", "4"),
        ("team_capacity", "1"),
        ("work_languages", "nl"),
        ("application_deadline", (today + datetime.timedelta(days=20)).isoformat()),
        ("period_start", (today + datetime.timedelta(days=30)).isoformat()),
        ("period_end", (today + datetime.timedelta(days=90)).isoformat()),
        ("contact_name", "Anneke"),
        ("contact_email", "anneke.prive@example.org"),
        ("contact_phone", ""),
        ("photo_alt", "Tegels tussen de flats"),
        ("photo", "binnentuin.jpg", 200 * MB),
    ]
    response, body = post_streamed(client, _url("marketplace:challenge_new", language), parts)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    for typed in ("Een groene binnentuin", "Onze binnentuin is grijs.", "anneke.prive@example.org",
                  "Tegels tussen de flats"):
        assert typed in page
    assert body.bytes_read < 11 * MB
    assert not ChallengePage.objects.exists()
