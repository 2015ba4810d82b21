"""Publish in one browser, see it in another: the figures and the "data as of" line follow
the store on the next rerun of every open session; a withdrawal takes them away again."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from p8lib.contract.i18n import t
from tests.browser.helpers import (
    open_app,
    save_screenshot,
    sidebar_select,
    table_texts,
    table_under,
    upload,
    wait_idle,
)
from tests.browser.server import StreamlitServer
from tests.reports import wide_xlsx

PROVINCE = "/province?province=94&lang=en"


@pytest.fixture
def own_server() -> Iterator[StreamlitServer]:
    """A server with a store of its own (fresh, seeded with the shipped tables)."""
    running = StreamlitServer().start()
    try:
        yield running.wait_healthy()
    finally:
        running.stop()


def as_of(page: Page) -> str:
    caption = page.get_by_test_id("stSidebar").get_by_text(re.compile(r"^Data as of "))
    expect(caption).to_be_visible()
    return caption.inner_text()


def province_figures(page: Page) -> str:
    return " ".join(table_texts(page, t("targets_results", "en")))


def test_a_publish_reaches_another_browser_and_a_withdrawal_takes_it_back(
        page, own_page, own_server):
    viewer = own_page
    open_app(viewer, f"{own_server.url}{PROVINCE}", title=t("page_province", "en"))
    assert as_of(viewer).endswith("(batch 1)")
    # the table is redrawn a moment after the sidebar: wait for it
    expect(table_under(viewer, t("targets_results", "en"))).not_to_contain_text("Vĩnh Châu Town")

    open_app(page, f"{own_server.url}/data?lang=en", title=t("page_data", "en"))
    upload(page, "soc_trang_2024.xlsx", wide_xlsx())
    expect(page.get_by_role("heading", name=t("publish", "en"))).to_be_visible()
    wait_idle(page)
    page.get_by_label(t("publish_note", "en")).fill("quarterly report")
    page.get_by_role("button", name=t("publish", "en"), exact=True).click()
    expect(page.get_by_test_id("stAlertContentSuccess").filter(
        has_text=t("published", "en", batch=2, n=9))).to_be_visible()
    wait_idle(page)
    assert as_of(page).endswith("(batch 2)")
    save_screenshot(page, "data-published-en")

    # The other session shows the new figures at its next rerun (any widget change).
    sidebar_select(viewer, t("year", "en"), "2024")
    wait_idle(viewer)
    expect(viewer.get_by_test_id("stSidebar").get_by_text(re.compile(r"\(batch 2\)$"))
           ).to_be_visible()
    assert "Vĩnh Châu Town" in " ".join(table_texts(viewer, t("targets_results", "en"),
                                             showing="Vĩnh Châu Town"))
    save_screenshot(viewer, "province-after-publish-en")

    open_app(page, f"{own_server.url}/history?lang=en", title=t("page_history", "en"))
    assert "soc_trang_2024.xlsx" in " ".join(table_texts(page, t("batches", "en"),
                                                       showing="soc_trang_2024.xlsx"))
    assert "quarterly report" in " ".join(table_texts(page, t("events", "en"),
                                                    showing="quarterly report"))
    page.get_by_label(t("withdraw_reason", "en")).fill("sent twice")
    page.get_by_label(t("withdraw_reason", "en")).press("Enter")
    wait_idle(page)
    page.get_by_role("button", name=t("withdraw", "en"), exact=True).click()
    expect(page.get_by_test_id("stAlertContentSuccess").filter(
        has_text=t("withdrawn_done", "en", batch=2))).to_be_visible()
    wait_idle(page)
    assert "sent twice" in " ".join(table_texts(page, t("events", "en"), showing="sent twice"))
    save_screenshot(page, "history-withdrawn-en")

    sidebar_select(viewer, t("year", "en"), t("all_years", "en"))
    wait_idle(viewer)
    expect(viewer.get_by_test_id("stSidebar").get_by_text(re.compile(r"\(batch 1\)$"))
           ).to_be_visible()
    # the table is redrawn a moment after the sidebar: wait for it
    expect(table_under(viewer, t("targets_results", "en"))).not_to_contain_text("Vĩnh Châu Town")
