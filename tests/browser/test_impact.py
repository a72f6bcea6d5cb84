"""The Impact page in a real browser, at desktop and phone width: axe-clean with its tables
closed and open, every chart an image with a title, and every bar drawn to the same figure
that its table gives, read from the page itself."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from marketplace.choices import ChallengeStatus, HoursStatus, ProjectStatus
from marketplace.models import Neighbourhood, Theme
from tests.browser.helpers import assert_accessible
from tests.factories import ChallengeIndexPageFactory
from tests.marketplace.helpers import dated_challenge, dated_project, logged_hours, moment, student, team_of

READ_CHARTS = """() => [...document.querySelectorAll('section[data-dimension]')].map(section => ({
    dimension: section.dataset.dimension,
    charts: [...section.querySelectorAll('svg.bar-chart')].map(svg => ({
        measure: svg.dataset.measure,
        role: svg.getAttribute('role'),
        title: svg.querySelector('title')?.textContent.trim(),
        named: (svg.getAttribute('aria-labelledby') || '').split(' ')
            .every(id => id && document.getElementById(id) && svg.contains(document.getElementById(id))),
        width: svg.getBoundingClientRect().width,
        bars: [...svg.querySelectorAll('.bar-chart__row')].map(row => ({
            label: [...row.querySelectorAll('.bar-chart__label tspan')].map(t => t.textContent).join(' '),
            value: row.querySelector('.bar-chart__value').textContent.trim(),
            length: row.querySelector('.bar-chart__bar')?.getBoundingClientRect().width || 0,
        })),
    })),
    columns: [...section.querySelectorAll('table thead th[data-measure]')].map(th => th.dataset.measure),
    rows: [...section.querySelectorAll('table tbody tr')].map(tr => ({
        label: tr.querySelector('th').textContent.trim(),
        cells: Object.fromEntries(
            [...tr.querySelectorAll('td')].map(td => [td.dataset.measure, td.textContent.trim()])),
    })),
}))"""


def number(text: str) -> Decimal:
    """A Dutch figure as the page writes it: 1.234,5."""
    return Decimal(text.replace(".", "").replace(",", "."))


@pytest.fixture
def impact_world(site, institutions):
    index = ChallengeIndexPageFactory(parent=site)
    health, green, heritage = (Theme.objects.get(slug=slug) for slug in (
        "gezondheid-welzijn", "duurzaamheid-biodiversiteit", "erfgoed-collecties"))
    merenwijk, stevenshof = (Neighbourhood.objects.get(slug=slug) for slug in ("merenwijk", "stevenshof"))
    tuin = dated_challenge(index, themes=[green, health], neighbourhood=merenwijk, published=moment(2025, 10, 1, 9),
                           status=ChallengeStatus.COMPLETED)
    hofjes = dated_challenge(index, themes=[heritage], neighbourhood=stevenshof, published=moment(2026, 2, 10, 9),
                             status=ChallengeStatus.IN_PROGRESS)
    dated_challenge(index, themes=[green], neighbourhood=stevenshof, published=moment(2026, 9, 2, 9))
    zoe = student("Zoë de Vries", "zoe@umail.leidenuniv.nl")
    daan = student("Daan Bakker", "daan@student.hsleiden.nl")
    yasmin = student("Yasmin Bouzid", "yasmin@student.mborijnland.nl")
    first = dated_project(tuin, team_of("De Groene Vleugel", zoe, daan), status=ProjectStatus.COMPLETED,
                          started=moment(2025, 10, 20, 9), completed=moment(2026, 1, 25, 9))
    second = dated_project(hofjes, team_of("Hofjesploeg", yasmin, daan), status=ProjectStatus.ACTIVE,
                           started=moment(2026, 3, 2, 9))
    logged_hours(first, zoe, datetime.date(2025, 11, 4), "12.5")
    logged_hours(first, daan, datetime.date(2025, 11, 4), "8")
    logged_hours(second, yasmin, datetime.date(2026, 3, 9), "4.25")
    logged_hours(second, daan, datetime.date(2026, 3, 9), "2", HoursStatus.PENDING)
    return site


def check_charts_match_tables(page):
    sections = page.evaluate(READ_CHARTS)
    assert [section["dimension"] for section in sections] == ["theme", "neighbourhood", "institution", "semester"]
    charts = 0
    for section in sections:
        table = {row["label"]: row["cells"] for row in section["rows"]}
        assert table, section["dimension"]
        assert [chart["measure"] for chart in section["charts"]] == section["columns"]
        for chart in section["charts"]:
            charts += 1
            assert chart["role"] == "img"
            assert chart["title"]
            assert chart["named"]
            drawn = {bar["label"]: bar["value"] for bar in chart["bars"]}
            assert drawn == {label: cells[chart["measure"]] for label, cells in table.items()}, chart["title"]
            # The bars are drawn to scale: each as long, relative to the longest, as its figure.
            largest = max(number(bar["value"]) for bar in chart["bars"])
            longest = max(bar["length"] for bar in chart["bars"])
            for bar in chart["bars"]:
                expected = float(number(bar["value"]) / largest) * longest if largest else 0
                assert abs(bar["length"] - expected) < 1, (chart["title"], bar)
    return charts


@pytest.mark.parametrize("fixture", ["page", "phone_page"])
def test_impact_page_charts_render_and_match_their_tables(request, impact_world, fixture):
    page = request.getfixturevalue(fixture)
    page.goto("/impact/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Impact")
    expect(page.locator('.impact-counter__value[data-measure="approved_hours"]')).to_have_text("24,75")
    expect(page.locator('.impact-counter__value[data-measure="mixed_teams_percent"]')).to_have_text("100%")
    assert_accessible(page)
    assert check_charts_match_tables(page) == 14
    for chart in page.locator("svg.bar-chart").all():
        expect(chart).to_be_visible()

    for summary in page.locator(".impact-section__summary").all():
        summary.click()
    expect(page.locator("table").first).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    content = page.content()
    for name in ("Zoë de Vries", "Daan Bakker", "Yasmin Bouzid", "zoe@", "De Groene Vleugel"):
        assert name not in content


def test_impact_page_in_english_and_its_csv(page, impact_world):
    page.goto("/en/impact/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="How we count")).to_be_visible()
    expect(page.get_by_role("img", name="Hours logged by institution")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all figures (CSV, open data)").first.click()
    download = download_info.value
    assert download.suggested_filename == "leren-met-de-stad-impact.csv"
    with open(download.path(), encoding="utf-8") as file:
        first_lines = file.read().splitlines()[:3]
    assert first_lines == [
        "dimension,group_key,group,measure,value",
        "total,all,All of Leiden,challenges_posted,3",
        "total,all,All of Leiden,challenges_completed,1",
    ]
