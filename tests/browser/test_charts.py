"""The dashboard's charts (app/plot.py) in the browser: drawn by the plotly.js serve.py
serves, a filter change drawn into the same plot, and a clear note when that script cannot
be had."""

from __future__ import annotations

from playwright.sync_api import expect

from app import plot
from p8lib.contract import catalogue, t
from p8lib.present import labels
from tests.browser.helpers import CHART, fully_drawn, open_app, sidebar_select, wait_idle

_TITLE = f"{CHART} .gtitle"


def test_a_filter_change_draws_the_new_figure_into_the_same_plot(page, server):
    open_app(page, f"{server.url}/overview?lang=en", title=t("app_title", "en"))
    fully_drawn(page)
    chart = page.locator(CHART)
    expect(chart).to_have_count(1)
    expect(page.locator(_TITLE)).to_contain_text("National")
    chart.evaluate("plot => { plot.dataset.before = 'yes'; }")

    sidebar_select(page, t("province", "en"), f"{labels.unit_name('94', 'en')} (94)")
    wait_idle(page)
    expect(page.locator(_TITLE)).to_contain_text(labels.unit_name("94", "en"))
    fully_drawn(page)
    # The same element, not a new one drawn from nothing.
    assert page.locator(CHART).evaluate("plot => plot.dataset.before") == "yes"
    assert page.locator(f"{CHART} .main-svg").count() >= 1
    name = page.locator(CHART).get_attribute("aria-label")  # the title, in words
    assert labels.unit_name("94", "en") in name and "<" not in name


def test_a_chart_is_drawn_again_to_its_columns_new_width_when_the_sidebar_closes(own_page,
                                                                                server):
    page = own_page  # the sidebar stays closed for the context's later pages
    open_app(page, f"{server.url}/overview?lang=en", title=t("app_title", "en"))
    fully_drawn(page)
    svg = page.locator(f"{CHART} .main-svg").first
    before = svg.bounding_box()["width"]
    page.get_by_test_id("stSidebar").hover()  # its collapse button shows on hover
    page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    # The figure fills the wider column: the plot's box and its drawing agree again.
    page.wait_for_function(
        """([selector, before]) => {
            const plot = document.querySelector(selector);
            const drawn = plot.querySelector('.main-svg').getBoundingClientRect().width;
            return drawn > before + 100 && Math.abs(drawn - plot.clientWidth) <= 1;
        }""",
        arg=[CHART, before],
    )



def test_an_indicator_let_go_and_chosen_again_is_drawn_into_the_plot_set_aside(page, server):
    open_app(page, f"{server.url}/indicators?lang=en&indicator=comm_groups",
             title=t("page_indicators", "en"))
    fully_drawn(page)
    page.locator(CHART).evaluate("plot => { plot.dataset.before = 'yes'; }")
    sidebar_select(page, t("indicator", "en"), t("all_indicators", "en"))
    wait_idle(page)
    expect(page.get_by_text(t("choose_indicator", "en"))).to_be_visible()
    # Set aside: hidden, and its element leaves no room on the page.
    expect(page.locator(CHART)).to_be_hidden()
    assert page.locator("[data-testid=stElementContainer]:has(.p8-plot)").bounding_box() is None
    name = labels.indicator_label(catalogue.indicators(), "trusted_addresses", "en")
    sidebar_select(page, t("indicator", "en"), name)
    wait_idle(page)
    expect(page.locator(_TITLE)).to_contain_text(name)
    fully_drawn(page)
    expect(page.locator(CHART)).to_be_visible()
    assert page.locator(CHART).evaluate("plot => plot.dataset.before") == "yes"


def test_without_its_script_a_chart_says_so_in_the_users_language(page, server):
    page.route(f"**{plot.PLOTLY.url}", lambda route: route.abort())
    open_app(page, f"{server.url}/overview", title=t("app_title", "vi"))
    expect(page.locator(f"{CHART} .p8-plot-error")).to_have_text(t("chart_not_drawn", "vi"))
    assert page.locator(f"{CHART} .main-svg").count() == 0
