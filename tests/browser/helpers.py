"""What the browser tests do over and over: open a page, wait for Streamlit, look at pixels."""

from __future__ import annotations

import io
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from PIL import Image
from playwright.sync_api import Locator, Page, expect

from tests.browser.server import IDLE, ROOT

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
NO_NETWORK_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension"}
DECK_CANVAS = ".p8-deck canvas"  # the dashboard's map (app/deck_map.py)
CHART = ".p8-plot"  # a plotly chart of the dashboard (app/plot.py)
# url_path (as in dashboard.py) -> (navigation label key, h1 key)
PAGES = {
    "overview": ("page_overview", "app_title"),
    "coverage_map": ("page_map", "page_map"),
    "province": ("page_province", "page_province"),
    "indicators": ("page_indicators", "page_indicators"),
    "data": ("page_data", "page_data"),
    "history": ("page_history", "page_history"),
    "sources": ("page_sources", "page_sources"),
}
LOAD_TIMEOUT = 60_000  # ms: a cold server's first run imports pandas, geopandas, plotly


def is_local(url: str) -> bool:
    """True for a URL that stays on this machine (or needs no network at all)."""
    parts = urlsplit(url)
    if parts.scheme in NO_NETWORK_SCHEMES:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in LOCAL_HOSTS


def wait_idle(page: Page, timeout: float = LOAD_TIMEOUT) -> None:
    """Wait until the script is not running, then check that no exception is shown."""
    page.wait_for_selector(IDLE, timeout=timeout)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # e.g. Streamlit's "Page not found", shown when a URL matches no page
    expect(page.get_by_role("dialog")).to_have_count(0)


def open_app(page: Page, url: str, title: str | None = None) -> None:
    """Open ``url`` and wait for the finished run (and for ``title`` as the page's h1)."""
    page.goto(url)
    wait_idle(page)
    if title is not None:
        expect(page.locator("h1").first).to_have_text(title, timeout=LOAD_TIMEOUT)
        wait_idle(page)


def query(page: Page) -> dict[str, str]:
    """The page's URL query parameters (last value of each)."""
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


def sidebar_combobox(page: Page, label: str) -> Locator:
    """The text box of the sidebar selectbox labelled ``label`` (a react-aria combobox)."""
    return page.get_by_test_id("stSidebar").get_by_role("combobox", name=label, exact=True)


def sidebar_select(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar selectbox labelled ``label``.

    The option is typed first: long option lists are virtualised (only some are in the DOM).
    """
    box = sidebar_combobox(page, label)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()


def selectbox_value(page: Page, label: str) -> str:
    """What the sidebar selectbox labelled ``label`` shows: its value, else its placeholder."""
    box = sidebar_combobox(page, label)
    return box.input_value() or box.get_attribute("placeholder") or ""


def non_background_share(png: bytes) -> float:
    """Share of pixels that differ from the image's most common colour (0 = blank)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height)
    most = max(count for count, _ in colours)
    return 1 - most / (image.width * image.height)


def drawn_canvas_share(canvas: Locator, timeout: float = 30.0, least: float = 0.01) -> float:
    """Wait until ``canvas`` shows something (>= ``least`` of its pixels not background).

    Returns the share reached; raises AssertionError with the last share after ``timeout`` s.
    """
    deadline = time.monotonic() + timeout
    share = 0.0
    while time.monotonic() < deadline:
        share = non_background_share(canvas.screenshot())
        if share >= least:
            return share
        time.sleep(0.2)
    raise AssertionError(f"canvas still blank after {timeout} s ({share:.4f} of pixels drawn)")


# The box of every element drawn in the page's main block, and the lowest and rightmost.
_EXTENT = """() => {
    let bottom = 0, right = 0, what = '';
    const main = document.querySelector('[data-testid=stMain]');
    for (const e of main.querySelectorAll('[data-testid=stElementContainer], h1, h2, h3, p, '
                                          + 'canvas, svg.main-svg, table, button')) {
        const box = e.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (getComputedStyle(e).visibility === 'hidden') continue;
        if (box.bottom > bottom) {
            bottom = box.bottom;
            what = (e.getAttribute('data-testid') || e.tagName) + ': '
                   + (e.innerText || '').trim().slice(0, 60);
        }
        right = Math.max(right, box.right);
    }
    return [bottom, right, what];
}"""


def lowest_element(page: Page) -> tuple[float, float, str]:
    """(bottom, right, description) of the lowest element drawn in the main block: the
    page fits the viewport when bottom <= its height and right <= its width."""
    bottom, right, what = page.evaluate(_EXTENT)
    return float(bottom), float(right), str(what)


def fully_drawn(page: Page, timeout: float = 30.0) -> None:
    """Wait until every chart of the page is drawn: no element is still a loading skeleton
    (a chart whose library is being fetched), each plotly chart has its SVG, each deck
    canvas shows more than its background."""
    skeletons = page.locator("[data-testid=stMain] [data-testid^=stSkeleton]:visible")
    expect(skeletons).to_have_count(0, timeout=timeout * 1000)
    charts = page.locator(f"{CHART}:not([hidden])")  # hidden: set aside, nothing to draw
    for index in range(charts.count()):
        expect(charts.nth(index).locator("svg.main-svg").first).to_be_visible(
            timeout=timeout * 1000)
    canvases = page.locator(DECK_CANVAS)
    for index in range(canvases.count()):
        # 2 %: the country on a presenter's 360 px slide covers ~3.4 % of its wide canvas;
        # a canvas not yet drawn is one colour (0 %).
        drawn_canvas_share(canvases.nth(index), timeout=timeout, least=0.02)


def save_screenshot(page: Page, name: str, full: bool = True) -> Path:
    """Save a PNG to ``artifacts/screenshots/<name>.png``.

    Streamlit scrolls inside its main block, so for a "full page" screenshot the viewport
    grows to the content's height first when the content is taller (and is restored after).
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    height = 0
    if full and size:
        height = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll("
            "'[data-testid=stMain], [data-testid=stSidebarContent]')].map(e => e.scrollHeight))")
        height = min(int(height), 6000)
    grow = size is not None and height > size["height"]
    if grow:
        page.set_viewport_size({"width": size["width"], "height": height})
        page.wait_for_timeout(300)  # let charts re-layout to the new size
    try:
        page.screenshot(path=path)
    finally:
        if grow:
            page.set_viewport_size(size)
    return path


def upload(page: Page, name: str, data: bytes) -> None:
    """Give the Data page's file uploader a file built in memory."""
    mime = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            if name.endswith(".xlsx") else "text/csv")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}])


def table_under(page: Page, heading: str):
    """The first table (``st.dataframe``, for a short one ``st.table``, or one HTML element,
    ``app.widgets.table(as_html=True)``) under the subheading or after the tab ``heading``.

    Under a subheading means no other subheading between them: while the page is still being
    drawn, the subheading can be there before its table, and the next section's table must
    not be taken for it (the locator waits for the right one instead).
    """
    tables = ("*[@data-testid='stDataFrame' or @data-testid='stTable'"
              " or contains(concat(' ', @class, ' '), ' p8-table-box ')]")
    under = f"//{tables}[preceding::h3[1][normalize-space()={heading!r}]]"
    after_tab = f"//*[@role='tab'][normalize-space()={heading!r}]/following::{tables}"
    return page.locator(f"xpath=({under} | {after_tab})[1]")


def table_texts(page: Page, heading: str, showing: str | None = None) -> list[str]:
    """Texts of the header and cells of the table shown under the subheading (or in the
    tab) ``heading``.

    ``st.dataframe`` draws on a canvas; its grid also keeps an accessible table of the cells
    in view, whose text is read here (an ``st.table`` is an HTML table: its cells). With
    ``showing``, wait until the table holds that text (a table is drawn before its rows).
    """
    frame = table_under(page, heading)
    if showing is not None:
        expect(frame).to_contain_text(showing)
    cells = frame.locator("[role=columnheader], [role=gridcell], th, td")
    expect(cells.first).to_be_attached()
    return cells.all_text_contents()
