"""Someone who uses the keyboard sees where they are: every control Tab reaches on the longest
forms (posting a challenge, a log entry, signing up) shows a focus indicator, whatever its type
(text, e-mail, date, number, select, text area, checkbox, radio, file, button, link).
axe-core cannot see this (WCAG 2.4.7); the browser's computed style after each Tab can."""

import pytest

from tests.browser.helpers import DESKTOP, PHONE, assert_accessible, guarded_context, log_in
from tests.factories import ChallengeIndexPageFactory, UserFactory

# Whether anything shows that an element has the focus: an outline or a ring drawn with box-shadow.
SHOWS_FOCUS = """(element) => {
    const style = getComputedStyle(element);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
}"""

# After a Tab: the focused element, its kind and name, and whether it shows its focus.
FOCUSED = f"""() => {{
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    // Tab moves through a date field's day, month and year: the same element several times.
    if (element === window.focusWalkLast) return {{within: true}};
    if (element.dataset.focusWalk) return {{again: true}};
    element.dataset.focusWalk = "seen";
    window.focusWalkLast = element;
    const kind = element.tagName.toLowerCase() + (element.type ? `[type=${{element.type}}]` : "");
    const name = element.id || element.getAttribute("name") || (element.textContent || "").trim().slice(0, 30);
    return {{kind, name, shown: ({SHOWS_FOCUS})(element)}};
}}"""


TYPED_INTO = (
    "input[type=text], input[type=email], input[type=number], input[type=date], input[type=url], "
    "input[type=password], textarea"
)


def focus_walk(page, limit=200):
    """Tab from the top of the page until the focus leaves it or comes round again: what each
    element that got the focus looked like."""
    page.locator("body").focus()
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None or stop.get("again"):
            break
        if not stop.get("within"):
            stops.append(stop)
    return stops


def unmarked(stops):
    return [f"{stop['kind']} {stop['name']!r}" for stop in stops if not stop["shown"]]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_control_of_the_challenge_form_shows_its_focus(browser, live_server, site, viewport):
    ChallengeIndexPageFactory(parent=site)
    resident = UserFactory(email="anneke@example.org", display_name="Anneke Vermeulen")
    context = guarded_context(browser, live_server, viewport=viewport, locale="nl-NL")
    page = context.new_page()
    log_in(page, resident.email)
    page.goto("/mijn-uitdagingen/nieuw/")
    assert_accessible(page)
    stops = focus_walk(page)
    kinds = {stop["kind"] for stop in stops}
    # The walk reached every kind of control the form has, so the test sees what it claims to.
    assert {"input[type=text]", "textarea[type=textarea]", "input[type=checkbox]", "select[type=select-one]",
            "input[type=date]", "input[type=email]", "input[type=file]",
            "button[type=submit]", "a"} <= kinds, kinds
    assert unmarked(stops) == []

    # Focus moved by the page after a click or tap (a link in the error summary, a label): a field
    # one types in shows where the cursor is too. Chromium does not count that as visible focus
    # for a date field, so :focus-visible alone would leave it bare.
    bare = []
    for control in page.locator(TYPED_INTO).all():
        if control.is_visible():
            page.mouse.click(1, 1)
            control.evaluate("(element) => element.focus()")
            if not control.evaluate(SHOWS_FOCUS):
                bare.append(control.evaluate("(element) => `${element.type} ${element.id}`"))
    assert bare == []
    context.close()


def test_every_control_of_the_sign_up_form_shows_its_focus(page, site):
    page.goto("/accounts/signup/")
    assert_accessible(page)
    stops = focus_walk(page)
    assert {"input[type=email]", "input[type=password]", "button[type=submit]"} <= {stop["kind"] for stop in stops}
    assert unmarked(stops) == []
