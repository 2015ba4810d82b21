"""The Data page in the browser: bad files get a clear message, a good report is previewed
and offered for publishing (published in tests/browser/test_publish.py), and text from a
file is shown as text (never run as HTML)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from p8lib.contract.i18n import t
from tests.browser.helpers import (
    open_app,
    save_screenshot,
    table_texts,
    upload,
    wait_idle,
)
from tests.reports import wide_xlsx

XSS = "<img src=x onerror=alert(1)>"
LONG_HEADER = ("province,district,commune,indicator_id,measure,period_start,period_end,value,"
               "unit,source_id,quote,note\n")


def open_data_page(page, server) -> None:
    open_app(page, f"{server.url}/data?lang=en", title=t("page_data", "en"))


def problems_after_upload(page, name: str, data: bytes, heading: str = "problems"
                          ) -> list[str]:
    """The cells of the table of problems (or, with ``heading="notes"``, of notes) after
    uploading ``data`` as ``name``."""
    upload(page, name, data)
    expect(page.get_by_role("heading", name=t(heading, "en"))).to_be_visible()
    wait_idle(page)
    return table_texts(page, t(heading, "en"), showing=name)


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("broken.xlsx", b"PK\x03\x04 this is not a workbook", "not an Excel .xlsx workbook"),
    ("notes.csv", "Ghi chú cuộc họp\nkhông có số liệu\n".encode(), "no header row found"),
])
def test_bad_file_gets_a_message_naming_the_problem(page, server, name, data, expected):
    open_data_page(page, server)
    cells = problems_after_upload(page, name, data)
    assert name in cells
    assert any(expected in cell for cell in cells), cells
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text(t("has_errors", "en"))
    expect(page.get_by_role("button", name=t("publish", "en"), exact=True)).to_have_count(0)
    if name == "broken.xlsx":
        save_screenshot(page, "data-upload-bad-en")


def test_good_report_shows_problems_and_preview_and_can_be_used(page, server):
    open_data_page(page, server)
    notes = problems_after_upload(page, "soc_trang_2024.xlsx", wide_xlsx(), "notes")
    expect(page.get_by_test_id("stAlertContentSuccess").filter(
        has_text=t("no_problems", "en"))).to_be_visible()
    assert any("Tổng cộng" in cell for cell in notes), notes  # the skipped totals row is named
    expect(page.get_by_role("heading", name=t("preview", "en"))).to_be_visible()
    preview = table_texts(page, t("preview", "en"))
    assert "12" in preview and "Vĩnh Châu Town" in " ".join(preview), preview
    save_screenshot(page, "data-upload-good-en")

    # The cleaned table downloads as CSV with a BOM (made on click, not on every rerun).
    with page.expect_download() as download:
        page.locator(".st-key-data_preview_downloads button").first.click()  # the popover
        page.locator(".st-key-data_preview_csv button").click()
    cleaned = Path(download.value.path()).read_bytes()
    assert cleaned.startswith(b"\xef\xbb\xbf"), cleaned[:20]
    text = cleaned.decode("utf-8-sig")
    # The table on screen, then its codes and ids (downloads = screen).
    header = text.splitlines()[0]
    assert header.startswith("Place,Indicator,Measure,Period,Value,Unit"), header
    assert header.endswith("province_code,district_code,commune_code,level,indicator_id,"
                           "measure,period_start,period_end,unit"), header
    assert ",950," in text and "comm_groups" in text, text[:400]  # TX. Vĩnh Châu, by code

    expect(page.get_by_role("button", name=t("publish", "en"), exact=True)).to_be_visible()


def test_unit_name_with_html_is_shown_as_text(page, server, recorder):
    open_data_page(page, server)
    report = (LONG_HEADER + f"Sóc Trăng,Mỹ Tú,{XSS},comm_groups,actual,2024,2024,5,groups,,q,\n")
    cells = problems_after_upload(page, "report.csv", report.encode())
    assert any(f"commune '{XSS}' not found" in cell for cell in cells), cells
    page.wait_for_timeout(500)  # an onerror handler would have fired by now
    assert recorder.dialogs == []
    expect(page.locator("img[src=x]")).to_have_count(0)
    assert not [url for url in recorder.urls if url.endswith("/x")]


def test_file_name_and_source_id_with_html_are_shown_as_text(page, server, recorder):
    open_data_page(page, server)
    name = f"{XSS}.xlsx"
    cells = problems_after_upload(page, name, wide_xlsx(), "notes")  # a report without problems
    assert name in cells, cells
    expect(page.get_by_role("button", name=f"Remove {name}", exact=True)).to_be_attached()
    # The source id after the file, its rerun redrawing the preview: given before the upload,
    # its rerun could still be under way when the file was set, and CI once saw the file not
    # taken.
    page.get_by_label(t("source_id", "en")).fill(XSS)
    page.get_by_label(t("source_id", "en")).press("Enter")
    wait_idle(page)
    assert XSS in table_texts(page, t("preview", "en"), showing=XSS)
    page.wait_for_timeout(500)
    assert recorder.dialogs == []
    expect(page.locator("img[src=x]")).to_have_count(0)
    assert not [url for url in recorder.urls if url.endswith("/x")]
