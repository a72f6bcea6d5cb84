import re

from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible
from tests.factories import PASSWORD, UserFactory


def test_home_page_in_dutch_then_english_via_the_switcher(page, site):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leidse vragen, samen met studenten opgelost")
    expect(page.get_by_role("heading", name="Gezondheid & welzijn")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Questions from Leiden, solved together with students")
    expect(page.get_by_role("heading", name="Health & well-being")).to_be_visible()
    assert_accessible(page)

    # The choice sticks: the Dutch address now leads to the English page.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_student_signs_up_verifies_and_sees_the_student_role(page, site):
    page.goto("/en/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Your name").fill("Sophie Bakker")
    page.locator("#id_email").fill("sophie.van.den.berg-bakker@umail.leidenuniv.nl")
    page.locator("#id_password1").fill("vlinders-langs-de-singel")
    page.locator("#id_password2").fill("vlinders-langs-de-singel")
    page.get_by_role("button", name="Sign Up").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    assert_accessible(page)

    (message,) = mail.outbox
    assert message.to == ["sophie.van.den.berg-bakker@umail.leidenuniv.nl"]
    link = re.search(r"https?://\S+/en/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Sophie Bakker")
    expect(page.get_by_role("heading", name="Student at Leiden University")).to_be_visible()
    assert_accessible(page)


def test_bad_sign_up_keeps_what_was_typed_and_explains_in_dutch(page, site):
    page.goto("/accounts/signup/")
    page.get_by_label("Je naam").fill("Daan Visser")
    page.locator("#id_email").fill("d.visser@student.hsleidem.nl")
    page.locator("#id_password1").fill("kort")
    page.locator("#id_password2").fill("kort")
    page.get_by_role("button", name="Account aanmaken").click()
    # The summary has the focus, says what to type again, and links each error to its field.
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Er is een probleem")
    expect(summary).to_contain_text("Alleen het wachtwoord moet je opnieuw typen.")
    assert page.title().startswith("Fout:")
    email_error = re.compile("^E-mail.*lijkt op een adres van Hogeschool Leiden")
    expect(summary.get_by_role("link", name=email_error)).to_be_visible()
    summary.get_by_role("link", name=re.compile("Dit wachtwoord is te kort")).click()
    expect(page.locator("#id_password1")).to_be_focused()
    expect(page.get_by_label("Je naam")).to_have_value("Daan Visser")
    expect(page.locator("#id_email")).to_have_value("d.visser@student.hsleidem.nl")
    assert_accessible(page)


def test_too_many_wrong_passwords_in_both_languages(page, site):
    UserFactory(email="bram@example.org")
    for language, prefix, button, message in [
        ("nl", "", "Inloggen", "Te veel mislukte inlogpogingen"),
        ("en", "/en", "Sign In", "Too many failed login attempts"),
    ]:

        cache.clear()
        page.goto(f"{prefix}/accounts/login/")
        for _ in range(6):
            page.locator("#id_login").fill("bram@example.org")
            page.locator("#id_password").fill("niet-het-goede-wachtwoord")
            page.locator("form.form").get_by_role("button", name=button).click()
        expect(page.get_by_text(message)).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert_accessible(page)


def test_pages_at_phone_width(phone_page, site):
    user = UserFactory(email="k.jansen@hsleiden.nl", display_name="Karin Jansen")
    public_pages = [
        "/",
        "/en/",
        "/accounts/login/",
        "/en/accounts/signup/",
        "/accounts/password/reset/",
        "/bestaat-niet/",
    ]
    for path in public_pages:
        phone_page.goto(path)
        assert_accessible(phone_page)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways at 360 px ({width} px wide)"
    phone_page.goto("/accounts/login/")
    phone_page.locator("#id_login").fill(user.email)
    phone_page.locator("#id_password").fill(PASSWORD)
    phone_page.locator("form.form").get_by_role("button", name="Inloggen").click()
    expect(phone_page.get_by_role("heading", level=1)).to_contain_text("Karin Jansen")
    for path in ["/mijn-pagina/", "/mijn-pagina/profiel/", "/accounts/email/", "/en/accounts/password/change/"]:
        phone_page.goto(path)
        assert_accessible(phone_page)
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360, path


def tab_to(page, selector, limit=40):
    """Press Tab until the element matching ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_log_in_and_switch_language_by_keyboard_alone(page, site):
    UserFactory(email="bram@example.org", display_name="Bram Koster")
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    tab_to(page, "#id_login")
    page.keyboard.type("bram@example.org")
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bram Koster")
    tab_to(page, "button[lang=en]")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Bram Koster")
    assert_accessible(page)
