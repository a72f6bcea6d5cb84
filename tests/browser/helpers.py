"""Helpers the real-browser tests share: the viewports, a guarded browser context, axe-core's check
of a page, logging in, a phone photo on disk, and the title of the ``active_project`` fixture's
challenge."""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from pathlib import Path

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from tests.accounts.helpers import totp_code
from tests.factories import PASSWORD

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}

JOURNEY_CHALLENGE = "Vlinders langs de singels tellen"  # the challenge of the ``active_project`` fixture

# Every Content-Security-Policy violation in any document or frame of a context goes to Python.
# Playwright adds this script and the binding through the browser's debugging protocol, so the
# page's own policy does not apply to them.
REPORT_POLICY_VIOLATIONS = """window.addEventListener("securitypolicyviolation", (event) => {
    window.reportPolicyViolation({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        page: event.documentURI,
        source: event.sourceFile ? `${event.sourceFile}:${event.lineNumber}` : "",
    });
}, true);"""


@dataclass
class BrowserGuard:
    """What a browser context did that the site must never make it do: break the site's
    Content-Security-Policy, or ask any host but the site itself for anything (such requests
    are aborted, so nothing leaves)."""

    context: object
    origin: str
    # Another site the journey goes to on purpose (the institution's login): its requests go
    # through; what its pages ask of third hosts is stopped without counting against our site.
    elsewhere: tuple[str, ...] = ()
    violations: list[dict] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def is_elsewhere(self, url: str) -> bool:
        return any(url == origin or url.startswith(f"{origin}/") for origin in self.elsewhere)

    def refuse(self, route):
        request = route.request
        if self.is_elsewhere(request.url):
            route.continue_()
            return
        try:
            asked_by_elsewhere = self.is_elsewhere(request.frame.url)
        except PlaywrightError:
            asked_by_elsewhere = False
        if not asked_by_elsewhere:
            self.foreign_requests.append(f"{request.method} {request.url}")
        route.abort("blockedbyclient")

    def report_violation(self, violation: dict) -> None:
        if not self.is_elsewhere(violation.get("page", "")):
            self.violations.append(violation)

    def findings(self) -> list[str]:
        return [
            *(
                f"Content-Security-Policy violation on {v['page']}: {v['directive']} blocked {v['blocked']}"
                + (f" (from {v['source']})" if v["source"] else "")
                for v in self.violations
            ),
            *(f"request to another host than {self.origin}: {request}" for request in self.foreign_requests),
        ]

    def check(self):
        """Fail on what was found since the last check; each finding is reported once."""
        for page in self.context.pages:
            _let_reports_arrive(page)
        findings = self.findings()
        self.violations.clear()
        self.foreign_requests.clear()
        assert findings == [], "The browser did what the site must never make it do:\n" + "\n".join(findings)


# The guards of the contexts the running test opened (emptied before each test by an autouse
# fixture in conftest.py, and checked after it).
GUARDS: list[BrowserGuard] = []


def guarded_context(browser, live_server, *, elsewhere=(), **options):
    """A new browser context on the live server, with the guard of ``BrowserGuard``. Every
    browser test opens its contexts with this (the ``page`` and ``phone_page`` fixtures too).
    ``elsewhere``: origins of other sites the journey visits on purpose."""
    context = browser.new_context(base_url=live_server.url, **options)
    guard = BrowserGuard(context=context, origin=live_server.url, elsewhere=tuple(elsewhere))
    context.expose_binding("reportPolicyViolation", lambda source, violation: guard.report_violation(violation))
    context.add_init_script(REPORT_POLICY_VIOLATIONS)
    context.route(re.compile(rf"^(?!{re.escape(live_server.url)}/)"), guard.refuse)
    GUARDS.append(guard)
    return context


def guard_of(page) -> BrowserGuard:
    for guard in GUARDS:
        if guard.context is page.context:
            return guard
    raise AssertionError("This page's browser context is not guarded: open it with guarded_context().")


def _let_reports_arrive(page):
    """A violation reaches Python a moment after the browser fired it: one turn of the page's
    event loop there and back lets the reports already on their way arrive."""
    try:
        page.evaluate("() => new Promise((done) => setTimeout(done, 0))")
    except PlaywrightError:
        pass  # the page is closing or between two documents: nothing left to wait for


@cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def _inject_axe(page):
    """Add axe-core to the page once it has loaded: evaluated through the debugging protocol, to
    which the page's Content-Security-Policy does not apply (a <script> tag would be refused).
    On a busy machine Chromium can still be swapping documents when the test moves on; the
    script is then added again once the new document is there. Only the injection is retried,
    never axe's verdict."""
    for attempt in range(3):
        page.wait_for_load_state()
        try:
            if not page.evaluate("() => 'axe' in window"):
                page.evaluate(_axe_source())
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


# Whether the page scrolls sideways, and if so, the deepest elements that stick out on the right.
WIDER_THAN_THE_WINDOW = """() => {
    const width = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return null;
    const describe = (element) => {
        const classes = [...element.classList].map((name) => "." + name).join("");
        const text = (element.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
        const right = Math.round(element.getBoundingClientRect().right);
        return `${element.tagName.toLowerCase()}${classes} (${right} px) "${text}"`;
    };
    const sticking = [...document.body.querySelectorAll("*")].filter(
        (element) => element.getBoundingClientRect().right > width + 0.5
            && ![...element.children].some((child) => child.getBoundingClientRect().right > width + 0.5)
    );
    return {scrollWidth, width, sticking: sticking.slice(0, 5).map(describe)};
}"""


def assert_fits_a_phone(page):
    """The page as it is now, narrowed to a 360 px phone (and back): nothing makes it scroll
    sideways. Long words and e-mail addresses must wrap."""
    size = page.viewport_size
    if size["width"] != PHONE["width"]:
        page.set_viewport_size(PHONE)
    try:
        overflow = page.evaluate(WIDER_THAN_THE_WINDOW)
    finally:
        if page.viewport_size != size:
            page.set_viewport_size(size)
    assert overflow is None, (
        f"{page.url} is {overflow['scrollWidth']} px wide on a {overflow['width']} px phone; "
        f"sticking out: {overflow['sticking']}"
    )


def assert_accessible(page):
    """Run axe-core on the current page, once its transitions have ended; fail on any WCAG 2.1
    A/AA violation, on anything the page's guard found so far (``BrowserGuard``), and on a page
    that scrolls sideways at 360 px (``assert_fits_a_phone``; not in Wagtail's admin, whose
    layout is Wagtail's)."""
    guard = guard_of(page)
    _inject_axe(page)
    page.wait_for_function(ANIMATIONS_SETTLED)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    guard.check()
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
    if "/admin/" not in page.url:
        assert_fits_a_phone(page)
    return len(result["passes"])


def log_in(page, email):
    """Log in with the password and, for an account with two-step login, a code of its
    authenticator app (made with allauth's own functions from the stored key)."""
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.form").get_by_role("button", name="Inloggen").click()
    authenticator = Authenticator.objects.filter(user__email=email, type=Authenticator.Type.TOTP).first()
    if authenticator is not None:
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/$"))
        page.locator("#id_code").fill(fresh_totp_code(authenticator.user_id, decrypt(authenticator.data["secret"])))
        page.locator("form.form").get_by_role("button", name=re.compile("^(Inloggen|Sign In)$")).click()
        page.wait_for_url(lambda url: "/accounts/2fa/" not in url)


# The codes this test run typed, per person: each code works once, and someone may log in again
# within the same 30 seconds (in another browser); allauth also accepts the next period's code.
_CODES_TYPED: set[tuple[int, str]] = set()


def fresh_totp_code(user_id: int, secret: str) -> str:
    """A code of ``secret`` that is valid now and not typed before in this run."""
    for steps in (0, 1, -1):
        code = totp_code(secret, steps=steps)
        if (user_id, code) not in _CODES_TYPED:
            _CODES_TYPED.add((user_id, code))
            return code
    raise AssertionError("Three logins within 30 seconds: no unused two-step code left.")


def street_photo(tmp_path):
    image = Image.new("RGB", (800, 600), (90, 140, 90))
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 9.0, 36.0), 3: "E", 4: (4.0, 29.0, 24.0)})
    path = tmp_path / "IMG_2041.jpg"
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    path.write_bytes(buffer.getvalue())
    return path
