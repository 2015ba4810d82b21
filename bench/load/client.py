"""One Streamlit session spoken to the way the browser speaks to it, without a browser.

The browser's side of Streamlit's protocol (``/_stcore/stream``, one WebSocket per session,
binary protobufs from the installed ``streamlit.proto``):

* it asks for the page's HTML first (through a proxy that sets the sticky-session cookie);
* it opens the WebSocket with the subprotocol ``streamlit`` and sends a ``BackMsg``
  ``rerun_script`` holding the URL's query string, the page's URL path and no widget states;
* the server answers with ``ForwardMsg``\\ s — ``new_session`` (the entry script's hash),
  ``navigation`` (the pages, and the hash of the page that ran), ``delta``\\ s (elements,
  widgets among them), ``page_info_changed`` (the query string the script wrote), and
  ``script_finished``. A run that ends with ``st.rerun()`` finishes
  ``FINISHED_EARLY_FOR_RERUN`` and another run follows; the view is ready at
  ``FINISHED_SUCCESSFULLY``;
* a widget change is another ``rerun_script`` with the page's script hash, the current query
  string and the value of every widget on the page (the browser's widget manager sends them
  all; widgets it does not know keep their server-side value, which is also what happens here).

:class:`Session` does that and times each run from the request to its ``script_finished``.
It only connects to the loopback address (the load driver's rule).
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
FINISHED = ForwardMsg.FINISHED_SUCCESSFULLY
EARLY_FOR_RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN
STREAM_PATH = "/_stcore/stream"
# Headers a proxy in front of the replicas adds to say which replica answered (deploy/).
UPSTREAM_HEADER = "X-P8-Upstream"


class ProtocolError(RuntimeError):
    """The server answered in a way a browser would show as an error."""


def check_loopback(base_url: str) -> None:
    """Raise ValueError unless ``base_url`` is on this machine (the driver sends no traffic
    anywhere else)."""
    host = urlsplit(base_url).hostname
    if host not in LOOPBACK:
        raise ValueError(f"load is only sent to this machine (127.0.0.1); got {base_url!r}")


@dataclass
class Widget:
    """A widget as the browser holds it: its element (the last delta) and its value.

    ``value`` is what the widget state carries: a string (selectbox), a list of strings
    (segmented control), a bool (toggle, checkbox) or None (no selection).
    """

    key: str
    kind: str
    options: list[str]
    value: object


@dataclass
class Run:
    """One script run as the client saw it: seconds from request to ``script_finished``,
    to the first message (``new_session``), bytes and messages received, runs that ended
    early for an ``st.rerun()``, errors shown on the page."""

    seconds: float
    first_message: float
    bytes: int
    messages: int
    early_reruns: int
    exceptions: list[str] = field(default_factory=list)


def _widget_from(element) -> tuple[str, Widget] | None:
    """The widget in a ``new_element`` delta (id, widget), or None for other elements."""
    kind = element.WhichOneof("type")
    if kind == "selectbox":
        box = element.selectbox
        options = list(box.options)
        if box.set_value:
            value = box.raw_value if box.HasField("raw_value") else None
        elif box.HasField("default") and 0 <= box.default < len(options):
            value = options[box.default]
        else:
            value = None
        return box.id, Widget(_user_key(box.id), kind, options, value)
    if kind == "checkbox":
        box = element.checkbox
        value = box.value if box.set_value else box.default
        return box.id, Widget(_user_key(box.id), kind, [], bool(value))
    if kind == "button_group":
        group = element.button_group
        options = [o.content for o in group.options]
        value = (list(group.raw_values) if group.set_value
                 else [options[i] for i in group.default if 0 <= i < len(options)])
        return group.id, Widget(_user_key(group.id), kind, options, value)
    return None


def _user_key(widget_id: str) -> str:
    """The ``key=`` a widget was given, from its id (``$$ID-<hash>-<key>``)."""
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 else ""


def _state(widget_id: str, widget: Widget) -> WidgetState:
    state = WidgetState(id=widget_id)
    if widget.kind == "selectbox":
        if widget.value is not None:
            state.string_value = str(widget.value)
    elif widget.kind == "checkbox":
        state.bool_value = bool(widget.value)
    elif widget.kind == "button_group":
        state.string_array_value.data.extend(widget.value or [])
    return state


class Session:
    """A browser-less Streamlit session on ``base_url`` showing ``/<page>?<query>``.

    Parameters
    ----------
    base_url : str
        ``http://127.0.0.1:<port>`` of a Streamlit server or of the proxy before replicas.
    page : str
        The page's URL path (``"overview"``; ``""`` for the default page).
    query : str
        The URL's query string without ``?`` (the view a link holds).
    timeout : float
        Seconds one run may take before :class:`TimeoutError`.

    Raises
    ------
    ValueError
        When ``base_url`` is not on this machine.
    """

    def __init__(self, base_url: str, page: str = "", query: str = "",
                 timeout: float = 30.0) -> None:
        check_loopback(base_url)
        self.base_url = base_url.rstrip("/")
        self.page = page.strip("/")
        self.query = query
        self.timeout = timeout
        self.page_script_hash = ""
        self.page_path = ""  # the URL path of the page the last run ran ("" the default)
        self.widgets: dict[str, Widget] = {}
        self.upstream: str | None = None  # the replica a proxy sent this session to
        self.runs: list[Run] = []
        self._cookies = http.cookiejar.CookieJar()
        self._ws: websockets.ClientConnection | None = None

    # -- connecting -------------------------------------------------------------------

    def _fetch_page(self) -> None:
        """GET the page as the browser does first (a proxy sets its cookie here)."""
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self._cookies))
        url = f"{self.base_url}/{self.page}" + (f"?{self.query}" if self.query else "")
        with opener.open(url, timeout=self.timeout) as answer:
            answer.read()

    def _cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self._cookies)

    async def open(self) -> Run:
        """Load the page: fetch it, open the WebSocket, run the script for this URL.

        Returns the first run (to ``FINISHED_SUCCESSFULLY``, through any ``st.rerun()``).
        """
        await asyncio.to_thread(self._fetch_page)
        return await self.connect()

    async def connect(self) -> Run:
        """Open the WebSocket and ask for the view this session holds (its URL, and the
        widget values it has, as the browser does when it reconnects)."""
        ws_url = "ws" + self.base_url[len("http"):] + STREAM_PATH
        headers = {"Cookie": self._cookie_header()} if len(self._cookies) else None
        self._ws = await websockets.connect(ws_url, subprotocols=["streamlit"],
                                            additional_headers=headers, max_size=None,
                                            open_timeout=self.timeout, ping_interval=None)
        tried = self._ws.response.headers.get(UPSTREAM_HEADER) if self._ws.response else None
        # "a, b" when the proxy tried replica a (down) before b
        self.upstream = tried.split(",")[-1].strip() if tried else None
        return await self.rerun()

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    @property
    def connected(self) -> bool:
        return self._ws is not None and self._ws.state == websockets.State.OPEN

    # -- running ----------------------------------------------------------------------

    def value(self, key: str) -> object:
        """The value of the widget given ``key=`` (KeyError when the page has none)."""
        for widget in self.widgets.values():
            if widget.key == key:
                return widget.value
        raise KeyError(f"no widget with key {key!r} on {self.page or 'the default page'!r}; "
                       f"keys: {sorted(w.key for w in self.widgets.values())}")

    def options(self, key: str) -> list[str]:
        """The options (as shown) of the widget given ``key=``."""
        for widget in self.widgets.values():
            if widget.key == key:
                return widget.options
        raise KeyError(f"no widget with key {key!r}")

    async def change(self, key: str, value: object) -> Run:
        """Set the widget given ``key=`` to ``value`` (an option as shown, or a bool) and
        run the script as the browser would."""
        for widget in self.widgets.values():
            if widget.key == key:
                widget.value = [value] if widget.kind == "button_group" else value
                return await self.rerun()
        raise KeyError(f"no widget with key {key!r}")

    def _back_msg(self) -> BackMsg:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_script_hash
        if not self.page_script_hash:
            state.page_name = self.page
        state.widget_states.widgets.extend(_state(i, w) for i, w in self.widgets.items())
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
        info.url = f"{self.base_url}/{self.page}"
        info.is_embedded, info.color_scheme = False, "light"
        return msg

    async def rerun(self) -> Run:
        """Send ``rerun_script`` with the current state; read until the run finished."""
        if self._ws is None:
            raise ProtocolError("not connected")
        start = time.perf_counter()
        await self._ws.send(self._back_msg().SerializeToString())
        run = await asyncio.wait_for(self._read_run(start), self.timeout)
        self.runs.append(run)
        return run

    async def _read_run(self, start: float) -> Run:
        first = None
        size = messages = early = 0
        exceptions: list[str] = []
        seen: dict[str, Widget] = {}
        while True:
            data = await self._ws.recv()
            if first is None:
                first = time.perf_counter() - start
            size += len(data)
            messages += 1
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                seen = {}
            elif kind == "navigation":
                # The page st.navigation ran. new_session names the entry script, not the
                # page: a rerun sent with it would run the default page.
                nav = msg.navigation
                self.page_script_hash = nav.page_script_hash
                self.page_path = next((p.url_pathname for p in nav.app_pages
                                       if p.page_script_hash == nav.page_script_hash), "")
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                if element.WhichOneof("type") == "exception":
                    exceptions.append(f"{element.exception.type}: {element.exception.message}")
                found = _widget_from(element)
                if found is not None:
                    widget_id, widget = found
                    held = self.widgets.get(widget_id)
                    # The browser keeps what the user chose unless the script set a value.
                    if held is not None and not _sets_value(element):
                        widget.value = held.value
                    seen[widget_id] = widget
            elif kind == "script_finished":
                status = msg.script_finished
                if status == EARLY_FOR_RERUN:
                    early += 1
                    continue
                if status != FINISHED and status != ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                    raise ProtocolError(f"script finished with status {status}")
                self.widgets = seen  # widgets no longer on the page are dropped, as in the browser
                return Run(time.perf_counter() - start, first or 0.0, size, messages, early,
                           exceptions)
            elif kind == "session_event" and msg.session_event.HasField(
                    "script_compilation_exception"):
                exc = msg.session_event.script_compilation_exception
                exceptions.append(f"{exc.type}: {exc.message}")


def _sets_value(element) -> bool:
    kind = element.WhichOneof("type")
    return bool(getattr(getattr(element, kind), "set_value", False))
