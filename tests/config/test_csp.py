"""The Content-Security-Policy: the site's strict policy on every response of the site (HTML,
errors, feeds, JSON), the admin's own policy in the Wagtail admin, and Wagtail's preview framed by
the admin under the site's policy. That the policy holds in a browser (no inline script, no third
party) is checked on every page the browser tests visit (tests/browser)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import override_settings

from core.middleware import ContentSecurityPolicyMiddleware
from tests.factories import UserFactory

BASE_DIR = Path(__file__).resolve().parents[2]

# The map of challenges' background tiles come from PDOK by default (settings.MAP_TILE_URL).
PDOK = "https://service.pdok.nl"
SITE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", PDOK],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
# Wagtail writes inline scripts and styles and shows uploads from blob: addresses; only its
# own pages may frame it (the page preview).
ADMIN_POLICY = {
    **SITE_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}


def policy(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as {directive: sources}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, *sources in directives}


@pytest.mark.django_db
def test_an_anonymous_page_has_the_sites_policy(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert policy(response) == SITE_POLICY


@pytest.mark.django_db
def test_a_logged_in_page_has_the_sites_policy(client, home_page):
    client.force_login(UserFactory())
    response = client.get("/mijn-pagina/")
    assert response.status_code == 200
    assert policy(response) == SITE_POLICY


@pytest.mark.django_db
def test_the_404_page_has_the_sites_policy(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert policy(response) == SITE_POLICY


@pytest.mark.django_db
def test_a_feed_has_the_sites_policy(client, challenge_index):
    response = client.get("/feeds/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert policy(response) == SITE_POLICY


@pytest.mark.django_db
def test_a_json_answer_has_the_sites_policy(client):
    response = client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    assert policy(response) == SITE_POLICY


@pytest.mark.django_db
def test_the_admin_has_the_admins_policy(client, home_page, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert policy(response) == ADMIN_POLICY


@pytest.mark.django_db
def test_the_admin_sends_a_visitor_to_log_in_under_the_admins_policy(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert policy(response) == ADMIN_POLICY


@pytest.mark.django_db
def test_a_page_preview_has_the_sites_policy_and_the_admin_may_frame_it(client, home_page, editor):
    client.force_login(editor)
    response = client.get(f"/admin/pages/{home_page.pk}/view_draft/")
    assert response.status_code == 200
    assert policy(response) == {**SITE_POLICY, "frame-ancestors": ["'self'"]}


@pytest.mark.django_db
def test_the_admin_dashboard_does_not_ask_wagtail_org_for_new_releases(client, home_page):
    """Wagtail's release check fetches from releases.wagtail.org in the superuser's browser."""
    client.force_login(UserFactory(is_superuser=True, mfa=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b'data-controller="w-upgrade' not in response.content


# What the site's policy refuses in a page: an inline script or event handler, a javascript:
# address, and inline style (a <style> element or a style attribute).
INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+\s*=|javascript:", re.IGNORECASE
)


def test_no_site_template_has_inline_script_or_style():
    """The site's templates (not the admin's screens, which live under their own policy)."""
    found = [
        f"{path.relative_to(BASE_DIR)}: {match.group(0)}"
        for path in sorted((BASE_DIR / "templates").rglob("*.html"))
        if "admin" not in path.relative_to(BASE_DIR / "templates").parts
        for match in INLINE_CODE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.django_db
def test_a_changed_policy_shows_on_the_next_response(client, home_page):
    assert policy(client.get("/")) == SITE_POLICY  # the policy is built and kept
    directives = {**SITE_POLICY, "img-src": ["'self'", "https://beelden.example.nl"]}
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": directives}):
        assert policy(client.get("/"))["img-src"] == ["'self'", "https://beelden.example.nl"]
    assert policy(client.get("/")) == SITE_POLICY


def test_a_response_that_changes_its_own_policy_keeps_the_change(rf):
    """As a view decorated with django-csp's ``csp_update`` does; the kept policy is not touched."""
    before, changed, after = HttpResponse("ok"), HttpResponse("ok"), HttpResponse("ok")
    changed._csp_update = {"img-src": ["https://kaart.example.nl"]}
    middleware = ContentSecurityPolicyMiddleware(lambda request: None)
    for response in (before, changed, after):
        middleware.process_response(rf.get("/"), response)
    assert policy(changed)["img-src"] == ["'self'", "data:", PDOK, "https://kaart.example.nl"]
    assert policy(before) == policy(after) == SITE_POLICY


def _settings_with(script: str, **env_vars) -> subprocess.CompletedProcess:
    """Run ``script`` after loading the test settings with ``env_vars`` in the environment."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env_vars}
    for name in ("MEDIA_ORIGIN", "MAP_TILE_URL", "MAP_TILE_ATTRIBUTION"):
        if name not in env_vars:
            env.pop(name, None)
    return subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; " + script],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False,
    )


IMG_SRC = (
    "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']); "
    "print(settings.CONTENT_SECURITY_POLICY_ADMIN['DIRECTIVES']['img-src'])"
)


def test_images_from_the_media_storage_are_allowed_where_it_has_its_own_address():
    result = _settings_with(IMG_SRC, MEDIA_ORIGIN="https://media.example.nl")
    assert result.stdout.splitlines() == [
        f"[\"'self'\", 'data:', 'https://media.example.nl', '{PDOK}']",
        "[\"'self'\", 'data:', 'blob:', 'https://media.example.nl']",
    ]


def test_the_maps_tiles_come_from_pdok_by_default_and_only_the_sites_pages_may_show_them():
    result = _settings_with("print(settings.MAP_TILE_URL); print(settings.MAP_TILE_ATTRIBUTION); " + IMG_SRC)
    assert result.stdout.splitlines() == [
        "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
        "Kaartgegevens © Kadaster (PDOK)",
        f"[\"'self'\", 'data:', '{PDOK}']",
        "[\"'self'\", 'data:', 'blob:']",
    ]


def test_images_are_allowed_from_exactly_the_tile_host_the_settings_name():
    result = _settings_with(
        "print(settings.MAP_TILE_ATTRIBUTION); " + IMG_SRC,
        MAP_TILE_URL="https://tegels.example.nl:8443/kaart/{z}/{x}/{y}.png",
        MAP_TILE_ATTRIBUTION="Kaart © Voorbeeld",
    )
    assert result.stdout.splitlines() == [
        "Kaart © Voorbeeld",
        "[\"'self'\", 'data:', 'https://tegels.example.nl:8443']",
        "[\"'self'\", 'data:', 'blob:']",
    ]


def test_without_a_tile_address_no_other_host_may_show_images():
    result = _settings_with(IMG_SRC, MAP_TILE_URL="")
    assert result.stdout.splitlines() == ["[\"'self'\", 'data:']", "[\"'self'\", 'data:', 'blob:']"]


def test_a_tile_address_that_is_not_a_web_address_is_refused_at_start():
    result = _settings_with(IMG_SRC, MAP_TILE_URL="service.pdok.nl/{z}/{x}/{y}.png")
    assert result.returncode != 0
    assert "ImproperlyConfigured: 'service.pdok.nl/{z}/{x}/{y}.png' is not a web address" in result.stderr
