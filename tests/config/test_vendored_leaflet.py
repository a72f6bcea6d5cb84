"""Leaflet, the map library of the map of challenges, is served by the site itself from
static/vendor/leaflet/ (no CDN; production builds do not run npm). The copy there is exactly the
release package.json pins: upgrading is ``npm install --save-exact leaflet@X`` and copying the files
below again, and this test says when the two differ."""

import json
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
VENDORED = BASE_DIR / "static" / "vendor" / "leaflet"
PACKAGE = BASE_DIR / "node_modules" / "leaflet"

# What the site serves, by its place in the npm package. The source map and the images are
# there because leaflet.js and leaflet.css name them, and collectstatic's manifest refuses a
# file that names a missing one.
FILES = {
    "leaflet.js": "dist/leaflet.js",
    "leaflet.js.map": "dist/leaflet.js.map",
    "leaflet.css": "dist/leaflet.css",
    "images/layers.png": "dist/images/layers.png",
    "images/layers-2x.png": "dist/images/layers-2x.png",
    "images/marker-icon.png": "dist/images/marker-icon.png",
    "images/marker-icon-2x.png": "dist/images/marker-icon-2x.png",
    "images/marker-shadow.png": "dist/images/marker-shadow.png",
    "LICENSE": "LICENSE",
}


@pytest.fixture(scope="module")
def pinned_version() -> str:
    version = json.loads((BASE_DIR / "package.json").read_text())["dependencies"]["leaflet"]
    if not (PACKAGE / "package.json").exists():
        pytest.fail("Leaflet is missing from node_modules; install it with: npm ci")
    return version


def test_package_json_pins_one_exact_leaflet_release_and_npm_installed_it(pinned_version):
    assert pinned_version.replace(".", "").isdigit(), f"pin an exact release, not {pinned_version!r}"
    assert json.loads((PACKAGE / "package.json").read_text())["version"] == pinned_version
    lock = json.loads((BASE_DIR / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/leaflet"]["version"] == pinned_version


@pytest.mark.parametrize(("served", "released"), FILES.items())
def test_the_served_file_is_the_pinned_release_byte_for_byte(pinned_version, served, released):
    assert (VENDORED / served).read_bytes() == (PACKAGE / released).read_bytes(), (
        f"static/vendor/leaflet/{served} differs from Leaflet {pinned_version}'s {released}: copy it again"
    )


def test_nothing_else_is_served_from_the_vendored_folder():
    served = {path.relative_to(VENDORED).as_posix() for path in VENDORED.rglob("*") if path.is_file()}
    assert served == set(FILES)


def test_the_release_says_its_version_in_its_code(pinned_version):
    assert f't.version="{pinned_version}"' in (VENDORED / "leaflet.js").read_text(encoding="utf-8")
