"""The guard every browser test runs under (``tests.browser.helpers.BrowserGuard``) sees what it
must: inline code the site's Content-Security-Policy refused, and a request to another host,
which it also stops. axe-core's own check of a page is no violation."""

import pytest

from tests.browser.helpers import assert_accessible, guard_of

TRACKER = "https://tracker.example.org/pixel.gif"


def test_the_guard_reports_inline_code_the_sites_policy_refused(page, live_server, site):
    page.goto("/")
    assert_accessible(page)  # axe-core is added without breaking the policy
    # A page of the site's origin under the site's own policy, with an inline script and style.
    policy = page.request.get("/").headers["content-security-policy"]
    page.route(
        f"{live_server.url}/met-inline-code/",
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": policy},
            body='<main><h1 style="color: red">Hallo</h1><script>document.title = "uitgevoerd";</script></main>',
        ),
    )
    page.goto("/met-inline-code/")
    with pytest.raises(AssertionError) as refused:
        guard_of(page).check()
    address = f"{live_server.url}/met-inline-code/"
    assert str(refused.value).splitlines()[1:] == [
        f"Content-Security-Policy violation on {address}: style-src-attr blocked inline (from {address}:1)",
        f"Content-Security-Policy violation on {address}: script-src-elem blocked inline (from {address}:1)",
    ]
    assert page.title() == ""
    guard_of(page).check()  # each finding is reported once


def test_the_guard_reports_and_stops_a_request_to_another_host(page, live_server):
    # A page of the site's origin without the site's policy, so that the browser does ask the
    # other host, and only the guard stands in the way.
    page.route(
        f"{live_server.url}/zonder-beleid/",
        lambda route: route.fulfill(content_type="text/html", body=f'<img src="{TRACKER}" alt="">'),
    )
    with page.expect_event("requestfailed") as failed:
        page.goto("/zonder-beleid/")
    assert failed.value.url == TRACKER
    assert failed.value.failure == "net::ERR_BLOCKED_BY_CLIENT.Inspector"  # aborted by the guard
    with pytest.raises(AssertionError, match=rf"request to another host than {live_server.url}: GET {TRACKER}"):
        guard_of(page).check()


def test_the_guard_reports_a_form_whose_redirect_leaves_the_site(page, live_server, site):
    """form-action also holds for the redirect after a form is sent: a form of the site that
    lands elsewhere is refused, and the test fails."""
    policy = page.request.get("/").headers["content-security-policy"]
    elsewhere = live_server.url.replace("localhost", "127.0.0.1") + "/"
    page.route(
        f"{live_server.url}/formulier/",
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": policy},
            body='<form method="post" action="/doorsturen/"><button>Versturen</button></form>',
        ),
    )
    page.route(
        f"{live_server.url}/doorsturen/", lambda route: route.fulfill(status=302, headers={"Location": elsewhere})
    )
    page.goto("/formulier/")
    page.get_by_role("button", name="Versturen").click()
    # The browser names the form's own address (the redirect's target stays unsaid).
    with pytest.raises(AssertionError, match=rf"form-action blocked {live_server.url}/doorsturen/$"):
        guard_of(page).check()
