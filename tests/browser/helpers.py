"""Helpers the real-browser tests share: the viewports, axe-core's check of a page, logging in,
a phone photo on disk, and the title of the ``active_project`` fixture's challenge."""

import json
from io import BytesIO
from pathlib import Path

from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from tests.factories import PASSWORD

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}

JOURNEY_CHALLENGE = "Vlinders langs de singels tellen"  # the challenge of the ``active_project`` fixture


def _inject_axe(page):
    """Add axe-core to the page once it has loaded. On a busy machine Chromium can still be
    swapping documents when the test moves on (the head is briefly missing); the script is then
    added again once the new document is there. Only the injection is retried, never axe's verdict."""
    for attempt in range(3):
        page.wait_for_load_state()
        try:
            page.add_script_tag(path=str(AXE_JS))
            return
        except PlaywrightError:
            if attempt == 2:
                raise
            page.wait_for_timeout(250)


# Transitions still running (a dialog fading in) make axe measure half-transparent colours.
# Long or endless animations (a spinner, a badge's slow pulse) are not waited for.
ANIMATIONS_SETTLED = """() => document.getAnimations().every(
    (animation) => animation.playState !== "running"
        || animation.effect.getComputedTiming().endTime > 2000
)"""


def assert_accessible(page):
    """Run axe-core on the current page, once its transitions have ended; fail on any WCAG 2.1
    A/AA violation."""
    _inject_axe(page)
    page.wait_for_function(ANIMATIONS_SETTLED)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]
    assert violations == [], f"axe-core found violations on {page.url}:\n{json.dumps(violations, indent=2)}"
    return len(result["passes"])


def log_in(page, email):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.form").get_by_role("button", name="Inloggen").click()


def street_photo(tmp_path):
    image = Image.new("RGB", (800, 600), (90, 140, 90))
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 9.0, 36.0), 3: "E", 4: (4.0, 29.0, 24.0)})
    path = tmp_path / "IMG_2041.jpg"
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    path.write_bytes(buffer.getvalue())
    return path
