"""Every URL of the site is classified (PRODUCT.md rule 7): public, for anyone logged in, or for a
role. A new route fails here until someone decides who may open it, and a route that is not public
never answers 200 to a visitor who is not logged in, in either language.

The lists name routes by their URL name (with namespace); the few routes without a name by their
pattern. Wagtail's admin is one rule: everything under ``admin/`` needs the admin, except the two
redirects to the site's own login."""

import itertools
import uuid
from dataclasses import dataclass

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import translation

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = {
    "healthz",
    "readyz",  # the status for anyone; which part and how old only with the operator's token
    "set_language",
    "wagtail_serve",
    "wagtaildocs_serve",  # a document's own privacy setting decides (Wagtail's collection privacy)
    "wagtaildocs_authenticate_with_password",
    "wagtailcore_authenticate_with_password",
    "wagtailcore_login",  # shadowed by the redirect to allauth's login above it
    # allauth: the ways in, and the pages a person without a session needs
    "account_login",
    "account_logout",
    "account_signup",
    "account_inactive",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_confirm_login_code",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "mfa_authenticate",  # the second step of a login: the session holds the first
    # Log in with your institution (SURFconext): the way there and back, and what went wrong. The
    # sign-up page holds only a login the session began (allauth; not reached with our settings).
    "openid_connect_login",
    "openid_connect_callback",
    "socialaccount_login_cancelled",
    "socialaccount_login_error",
    "socialaccount_signup",
    # the public marketplace: what a challenge page and its feeds show
    "organisations:list",
    "organisations:detail",
    "organisations:invitation",  # explains the invitation and asks to log in
    "teams:join",  # likewise
    "feeds:challenges_rss",
    "feeds:challenges_atom",
    "feeds:theme_rss",
    "feeds:theme_atom",
    "feeds:neighbourhood_rss",
    "feeds:neighbourhood_atom",
    "feeds:challenges_ics",
    "feeds:theme_ics",
    "feeds:neighbourhood_ics",
    # A person's own dates: the secret in the address is the key (a calendar app cannot log in);
    # any other address answers 404.
    "feeds:personal_ics",
    "impact:index",
    "impact:csv",
    "stories:photo",  # a photo a team shared for a published story
}

# Wagtail's admin serves its icons and its translations of the admin's scripts to anyone:
# static files, the same for everybody.
PUBLIC_ADMIN = {"wagtailadmin_sprite", "wagtailadmin_javascript_catalog"}

# Routes without a name, by pattern: Wagtail's login and password screens and its front-end
# login, each sending people to allauth's.
PUBLIC_UNNAMED = {"admin/login/", "admin/password_reset/", "_util/login/"}
# allauth's old addresses of its institution-login pages, each redirecting to the new one.
PUBLIC_UNNAMED |= {
    "accounts/social/connections/",
    "accounts/social/login/cancelled/",
    "accounts/social/login/error/",
    "accounts/social/signup/",
}

LOGGED_IN = {
    "dashboard:my_page",
    "dashboard:for_you",
    "accounts:profile",
    "accounts:notifications",
    "accounts:notification_open",
    "accounts:notifications_read_all",
    "accounts:notification_settings",
    "account_email",
    "account_change_password",
    "account_set_password",
    "account_reauthenticate",
    "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
    "accounts:mfa_continue",
    "socialaccount_connections",  # the institution logins connected to one's account
    "accounts:reauthenticate_institution",  # confirming it is you at your institution
    # one's own data: the overview, and (after re-authentication) the download and the deletion
    "privacy:my_data",
    "privacy:download",
    "privacy:account_delete",
    # Posting a challenge and working in an organisation: any logged-in person; the object's own
    # rules (poster, organisation member or administrator) answer 404 to everyone else.
    "marketplace:challenge_new",
    "marketplace:challenge_similar",
    "marketplace:challenge_edit",
    "marketplace:challenge_preview",
    "marketplace:challenge_submit",
    "marketplace:challenge_manage",
    "marketplace:challenge_close",
    "marketplace:challenge_follow_up",
    "marketplace:application_decide",
    "organisations:invitation_accept",
    "organisations:members",
    "organisations:invitation_withdraw",
    "organisations:member_remove",
    "organisations:member_role",
    "teams:list",  # one's own teams; to others it explains who can make one
    "feeds:calendar_renew",
    "feeds:calendar_stop",
    "follows:follow",
    "follows:unfollow",
    "stories:sign_off",  # the poster of the story's challenge
    # A project's people: its team, its supervisor and the challenge's owners.
    "projects:detail",
    "projects:log_new",
    "projects:log_edit",
    "projects:comment",
    "projects:milestone_new",
    "projects:milestone_done",
    "projects:milestone_delete",
    "projects:deliver",
    "projects:feedback",
    "projects:cancel",
    "projects:certificate",
    "projects:file",
    "projects:thumbnail",
    # A project's conversation: its team, supervisor and the challenge's owners.
    "projects:messages",
    # An application's team, its supervisor and the challenge's owners.
    "applications:detail",
    # Questions about an application: the challenge's owners ask, its team answers.
    "applications:message",
    # Reporting what people wrote: anyone logged in who can see it.
    "moderation:report",
    # The files of messages: whoever may read the conversation.
    "messages:file",
    "messages:thumbnail",
}

ROLE = {
    # students (a verified student address of an institution)
    "teams:new",
    "teams:invitation_accept",
    "teams:detail",
    "teams:edit",
    "teams:link_new",
    "teams:invitation_withdraw",
    "teams:member_remove",
    "teams:member_role",
    "teams:supervisor_search",
    "teams:supervisor_ask",
    "teams:supervision_withdraw",
    "applications:new",
    "applications:edit",
    "applications:withdraw",
    # approved lecturers
    "teams:supervision_answer",
    "teams:supervision_end",
    "applications:endorse",
    "projects:hours",
    "projects:complete",
    "projects:hours_export",
    # knowledge brokers and editors
    "broker:desk",
    "broker:introduce",
}

# For the operator's monitoring only (core.operator: the OPERATOR_TOKEN bearer token); anyone
# else, logged in or not, gets 404 as for an address that does not exist.
OPERATOR = {"metrics"}

ADMIN_PREFIX = "admin/"


@dataclass(frozen=True)
class Route:
    pattern: str  # the full pattern, prefixes included
    name: str | None  # with its namespaces
    parts: tuple  # the pattern objects from the root down

    @property
    def key(self) -> str:
        return self.name or self.pattern


def _routes(patterns, prefix="", namespace=None, parts=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern), inner, (*parts, entry.pattern))
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(pattern=prefix + str(entry.pattern), name=name, parts=(*parts, entry.pattern))


ROUTES = list(_routes(get_resolver().url_patterns))


def classification(route: Route) -> str | None:
    if route.key in PUBLIC | PUBLIC_ADMIN or route.pattern in PUBLIC_UNNAMED:
        return "public"
    if route.pattern.startswith(ADMIN_PREFIX):
        return "admin"
    if route.key in LOGGED_IN:
        return "logged-in"
    if route.key in ROLE:
        return "role"
    if route.key in OPERATOR:
        return "operator"
    return None


def _arguments(route: Route) -> tuple[list[str], int]:
    """The names of the route's keyword arguments and the number of its positional ones."""
    names, positional = [], 0
    for pattern in route.parts:
        if isinstance(pattern, RoutePattern):
            names += list(pattern.converters)
        elif isinstance(pattern, RegexPattern):
            names += list(pattern.regex.groupindex)
            positional += pattern.regex.groups - len(pattern.regex.groupindex)
    return names, positional


SAMPLES = ["1", "x", str(uuid.UUID(int=1)), "x/"]  # "x/": a page path for Wagtail's pages


def sample_path(route: Route, language: str) -> str | None:
    """An address of the route with made-up arguments (an id, a slug or a uuid, whichever its
    converters take), in one language; None for a catch-all that has no address of its own."""
    names, positional = _arguments(route)
    if route.name is None:
        return None if "(" in route.pattern or "^" in route.pattern else "/" + route.pattern
    with translation.override(language):
        for values in itertools.product(SAMPLES, repeat=len(names) + positional):
            try:
                if names:
                    return reverse(route.name, kwargs=dict(zip(names, values, strict=True)))
                return reverse(route.name, args=values)
            except NoReverseMatch:
                continue
    raise AssertionError(f"no sample address for {route.key}")


def test_every_route_is_classified():
    unclassified = sorted({route.key for route in ROUTES if classification(route) is None})
    assert unclassified == [], (
        "Classify these routes in tests/config/test_url_coverage.py (public, logged-in or role):\n"
        + "\n".join(unclassified)
    )


def test_the_lists_name_only_routes_that_exist():
    known = {route.key for route in ROUTES} | {route.pattern for route in ROUTES}
    listed = PUBLIC | PUBLIC_ADMIN | PUBLIC_UNNAMED | LOGGED_IN | ROLE | OPERATOR
    assert sorted(listed - known) == []
    assert PUBLIC & LOGGED_IN == PUBLIC & ROLE == LOGGED_IN & ROLE == set()
    assert OPERATOR & (PUBLIC | LOGGED_IN | ROLE) == set()


def _addresses(classes):
    """One made-up address per route of the given classes and language (an admin route has
    the same address in both)."""
    addresses = {}
    for route in ROUTES:
        if classification(route) not in classes:
            continue
        for language in ("nl", "en"):
            path = sample_path(route, language)
            if path is not None:
                addresses.setdefault(path, f"{language}:{route.key}")
    return [pytest.param(path, id=name) for path, name in sorted(addresses.items(), key=lambda item: item[1])]


PROTECTED = _addresses({"logged-in", "role", "admin", "operator"})
FOR_ROLES = _addresses({"role", "admin", "operator"})
FOR_OPERATOR = _addresses({"operator"})


def test_admin_and_site_routes_are_all_walked():
    # The walk reaches Wagtail's admin, allauth and the site's own routes in both languages.
    ids = {param.id for param in PROTECTED}
    assert "nl:wagtailadmin_home" in ids
    assert "en:projects:hours" in ids
    assert "nl:account_email" in ids


@pytest.mark.parametrize("path", PROTECTED)
def test_a_visitor_who_is_not_logged_in_never_gets_a_protected_page(client, path):
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code != 200, (method.__name__, path)
        if response.status_code in (301, 302):
            # Sent to log in (the admin's own login redirects to allauth's), or to the same page
            # with its trailing slash or language added: never to the page's content.
            location = response["Location"]
            assert "login" in location or location.rstrip("/").endswith(path.rstrip("/")), (path, location)


@pytest.mark.parametrize("path", FOR_ROLES)
def test_a_resident_without_a_role_never_gets_a_page_for_a_role(client, path):
    """A logged-in resident (no student or staff address, no group) asks for every page of a
    role: the admin sends them away, the site answers 403, 404 or sends them on."""
    client.force_login(UserFactory(email="bewoner@example.org"))
    response = client.get(path)
    assert response.status_code != 200, path


@pytest.mark.parametrize("path", FOR_OPERATOR)
def test_the_operators_pages_are_not_found_by_anyone_else(client, settings, path):
    """Not by a visitor, not by the site's superuser, not with a wrong token."""
    settings.OPERATOR_TOKEN = "the-operators-token"  # noqa: S105
    assert client.get(path).status_code == 404
    assert client.get(path, headers={"Authorization": "Bearer not-the-token"}).status_code == 404
    client.force_login(UserFactory(email="beheerder@example.org", is_superuser=True, is_staff=True))
    assert client.get(path).status_code == 404


def _every_address():
    addresses = {}
    for route in ROUTES:
        for language in ("nl", "en"):
            path = sample_path(route, language)
            if path is not None:
                addresses.setdefault(path, route.key)
    return sorted(addresses)


def _credentials(email):
    """A login form's fields under every name a login view of Django, Wagtail or allauth reads."""
    return {
        "login": email,
        "username": email,
        "email": email,
        "password": PASSWORD,
        "password1": PASSWORD,
        "password2": PASSWORD,
    }


def _logged_in_anywhere(client, email):
    """POST the person's right credentials to every address of the site; the addresses where a
    session came out logged in."""
    logged_in = []
    for path in _every_address():
        client.post(path, _credentials(email))
        if SESSION_KEY in client.session:
            logged_in.append(path)
            client.logout()
    return logged_in


def test_the_only_way_in_is_allauths_login():
    """The control for the two tests below: a verified person with the right password logs in at
    allauth's login (in both languages) and nowhere else."""
    user = UserFactory(email="sanne@example.org")
    assert _logged_in_anywhere(Client(), user.email) == ["/accounts/login/", "/en/accounts/login/"]


def test_no_address_logs_in_a_person_who_never_verified_their_address(client):
    user = UserFactory(email="nog.niet.bevestigd@example.org", verified=False)
    assert _logged_in_anywhere(client, user.email) == []


def test_no_address_logs_in_a_person_whose_logins_are_limited(client):
    user = UserFactory(email="geraden@example.org")
    for attempt in range(5):  # ACCOUNT_RATE_LIMITS: five failed logins per account per five minutes
        client.post("/accounts/login/", {"login": user.email, "password": f"wrong-{attempt}"})
    assert SESSION_KEY not in client.session
    assert _logged_in_anywhere(client, user.email) == []
