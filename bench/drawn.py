""""Fully drawn" in the browser, defined once, for every browser figure of the benchmarks.

A Streamlit page is **fully drawn** at the time of its last visible activity — the last DOM
change in the page (outside screen readers' live regions, ``[data-live-announcer]``, which are
clipped to nothing), or the first animation frame after a deck.gl canvas's last WebGL draw
(point 4) — provided that then:

1. the script is not running: ``[data-testid=stApp][data-test-script-state=notRunning]``,
   and for a widget change, a ``script_finished`` message has arrived since the change;
2. no element is stale: none carries ``data-stale="true"`` (Streamlit greys out, with this
   attribute on ``stElementContainer``, what the run has not redrawn yet) and no
   ``stSkeleton`` placeholder is left (an element whose code is still loading);
3. every plotly chart is drawn: each ``[data-testid=stPlotlyChart]`` (Streamlit's, the bare
   page's) holds a ``.js-plotly-plot``, and each ``.p8-plot`` (the dashboard's,
   ``app/plot.py``) is one, whose ``_fullLayout`` plotly has set and whose ``.main-svg``
   holds its plot area — but for one set aside (``hidden``: nothing to draw for now);
4. every deck.gl map is drawn: each ``canvas`` of a ``[data-testid=stDeckGlJsonChart]``
   (Streamlit's, the bare page's) or a ``.p8-deck`` (the dashboard's, ``app/deck_map.py``)
   has had at least one WebGL draw call (``drawArrays``/``drawElements`` and their instanced
   forms — clearing the canvas draws nothing), and the page has begun an animation frame
   after the frame of the last draw (the compositor has taken the canvas: with software WebGL
   that commit waits for the GPU process to run the draws, seconds for a new deck). A draw is
   WebGL's, or a stroke of the dashboard's outlines, which it paints on a 2D canvas over the
   deck's (``.p8-deck-outlines``, ``app/flat_outlines.js``). A counter is read at once, where
   a screenshot of the canvas (the older benchmark's signal) is slow to poll
   (docs/benchmarks.md);
5. nothing has changed for :data:`QUIET_MS` — plotly redraws its SVG, deck.gl its canvas,
   and Streamlit inserts elements over several frames after the last message.

The time reported is that of the last activity (not the end of the quiet window).

:data:`INIT_SCRIPT` (added to a browser context before any page loads) records what the
breakdown needs, on the page's clock (``performance.now()``, ms since navigation start):
WebSocket frames (time, bytes, the ``ForwardMsg`` type and ``script_finished`` status read
from the top-level protobuf fields), clicks, DOM changes (nodes added and removed), WebGL
draws, plotly's ``plotly_afterplot`` events, long tasks and layout shifts.
"""

from __future__ import annotations

from playwright.sync_api import Page
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

QUIET_MS = 300
_FIELDS = {f.name: f.number for f in ForwardMsg.DESCRIPTOR.fields}

INIT_SCRIPT = """
(() => {
  const P8 = window.__p8 = {frames: [], sends: [], clicks: [], draws: 0, lastActivity: 0,
                           added: 0, removed: 0, mutations: 0, afterplot: [],
                           lastDraw: 0, shownDraw: 0,
                           longtasks: [], shifts: []};
  const FIELD = {newSession: @new_session@, delta: @delta@,
                 scriptFinished: @script_finished@};
  const now = () => performance.now();
  const touch = () => { P8.lastActivity = now(); };

  // The top-level fields of a ForwardMsg: which type it is, and script_finished's status.
  function readVarint(b, i) {
    let v = 0, s = 0, x;
    do { x = b[i++]; v += (x & 127) * 2 ** s; s += 7; } while (x & 128);
    return [v, i];
  }
  function forwardType(buf) {
    const b = new Uint8Array(buf); let i = 0, type = 0, finished = -1;
    while (i < b.length) {
      let key; [key, i] = readVarint(b, i);
      const field = Math.floor(key / 8), wire = key & 7;
      if (wire === 0) { let v; [v, i] = readVarint(b, i);
                        if (field === FIELD.scriptFinished) { type = field; finished = v; } }
      else if (wire === 2) { let n; [n, i] = readVarint(b, i); i += n;
                             if (field > 2) type = field; }
      else if (wire === 5) i += 4; else if (wire === 1) i += 8; else break;
    }
    return [type, finished];
  }
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', (e) => {
      const bytes = e.data.byteLength ?? e.data.size ?? 0;
      const [type, finished] = e.data instanceof ArrayBuffer ? forwardType(e.data) : [0, -1];
      P8.frames.push([now(), bytes, type, finished]);
    });
    const send = ws.send.bind(ws);
    ws.send = (data) => { P8.sends.push([now(), data.byteLength ?? data.length ?? 0]);
                          send(data); };
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});

  document.addEventListener('click', () => P8.clicks.push(now()), true);

  // A draw on a map's canvas: counted on the canvas and for the page, the time kept.
  const drew = (canvas) => {
    canvas.__p8Draws = (canvas.__p8Draws || 0) + 1;
    P8.draws++; P8.lastDraw = now(); touch();
  };
  for (const Ctx of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!Ctx) continue;
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced',
                        'drawElementsInstanced', 'drawRangeElements']) {
      const native = Ctx.prototype[name];
      if (!native) continue;
      Ctx.prototype[name] = function (...a) { drew(this.canvas); return native.apply(this, a); };
    }
  }
  // The dashboard's map strokes its outlines on a 2D canvas of their own: a draw of the map.
  const stroke = CanvasRenderingContext2D.prototype.stroke;
  CanvasRenderingContext2D.prototype.stroke = function (...a) {
    if (this.canvas.classList?.contains('p8-deck-outlines')) drew(this.canvas);
    return stroke.apply(this, a);
  };
  // A WebGL frame is on screen only once the compositor has taken it: with software WebGL
  // (SwiftShader) the renderer waits in that commit, for seconds after a new deck's first
  // draws, while the GPU process runs them (docs/benchmarks.md, session 15). The first
  // animation frame begun after a tick that followed the last draw marks that moment.
  let previousTick = 0;
  const tick = () => {
    const at = now();
    if (P8.lastDraw > P8.shownDraw && P8.lastDraw < previousTick) {
      P8.shownDraw = P8.lastDraw; touch();
    }
    previousTick = at;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  const hookPlotly = () => {
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
      if (!gd.__p8Hooked && typeof gd.on === 'function') {
        gd.__p8Hooked = true;
        gd.on('plotly_afterplot', () => { P8.afterplot.push(now()); touch(); });
      }
    }
  };
  // Screen readers' live regions (react-aria's select boxes announce "6 options
  // available." there, and take it away hundreds of ms later) are clipped to nothing: a
  // change inside one draws no pixel.
  const unseen = (r) => {
    const element = r.target.nodeType === Node.ELEMENT_NODE ? r.target : r.target.parentElement;
    return Boolean(element?.closest('[data-live-announcer]'));
  };
  new MutationObserver((all) => {
    const records = all.filter(r => !unseen(r));
    if (!records.length) return;
    for (const r of records) { P8.added += r.addedNodes.length;
                               P8.removed += r.removedNodes.length; }
    P8.mutations += records.length; touch(); hookPlotly();
  }).observe(document, {subtree: true, childList: true, attributes: true,
                        characterData: true});

  for (const [type, list] of [['longtask', P8.longtasks], ['layout-shift', P8.shifts]]) {
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries())
        list.push([e.startTime, type === 'longtask' ? e.duration : e.value]); })
        .observe({type, buffered: true});
    } catch (e) { /* not supported */ }
  }
})();
"""

_STATE_JS = """
(since) => {
  const P8 = window.__p8;
  const app = document.querySelector('[data-testid=stApp]');
  const why = [];
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') why.push('running');
  const finished = P8.frames.some(f => f[2] === @script_finished@ && f[3] !== 2
                                       && f[0] >= since);
  if (!finished) why.push('no script_finished yet');
  if (document.querySelector('[data-stale=true]')) why.push('stale elements');
  if (document.querySelector('[data-testid=stSkeleton]')) why.push('skeleton');
  const plots = '[data-testid=stPlotlyChart], .p8-plot:not([hidden])';  // hidden: set aside
  for (const c of document.querySelectorAll(plots)) {
    const gd = c.matches('.js-plotly-plot') ? c : c.querySelector('.js-plotly-plot');
    if (!gd || !gd._fullLayout || !gd.querySelector('.main-svg .draglayer, .main-svg .plot'))
      why.push('plotly chart not drawn');
  }
  for (const c of document.querySelectorAll('[data-testid=stDeckGlJsonChart], .p8-deck')) {
    const canvas = c.querySelector('canvas');
    if (!canvas || !(canvas.__p8Draws > 0)) why.push('deck not drawn');
  }
  if (P8.lastDraw > P8.shownDraw) why.push('deck frame not on screen yet');
  return {ready: why.length === 0, why, now: performance.now(),
          lastActivity: P8.lastActivity};
}
"""

for _name in ("new_session", "delta", "script_finished"):  # the ForwardMsg field numbers
    INIT_SCRIPT = INIT_SCRIPT.replace(f"@{_name}@", str(_FIELDS[_name]))
    _STATE_JS = _STATE_JS.replace(f"@{_name}@", str(_FIELDS[_name]))
_TIMELINE_JS = "() => window.__p8"


def fully_drawn(page: Page, since: float, timeout: float = 60.0) -> float:
    """Wait until the page is fully drawn (module docstring) after ``since`` (ms on the
    page's clock) and return the time of its last activity, on the same clock.

    Raises
    ------
    TimeoutError
        With what was still missing, after ``timeout`` seconds.
    """
    deadline = page.evaluate("() => performance.now()") + timeout * 1000
    state: dict = {}
    while True:
        state = page.evaluate(_STATE_JS, since)
        if state["ready"] and state["now"] - state["lastActivity"] >= QUIET_MS:
            return max(state["lastActivity"], since)
        if state["now"] > deadline:
            raise TimeoutError(f"not fully drawn after {timeout} s: {state['why'] or 'busy'}")
        page.wait_for_timeout(25)


def timeline(page: Page) -> dict:
    """Everything :data:`INIT_SCRIPT` recorded so far (frames, sends, clicks, counts…)."""
    return page.evaluate(_TIMELINE_JS)


def breakdown(record: dict, start: float, drawn: float) -> dict:
    """Where the time between ``start`` (a click, a navigation) and ``drawn`` went.

    Returns ms and counts: ``to_send`` (the browser's reaction before its rerun request),
    ``to_first_message`` (server queueing and start), ``script`` (first to last message of
    the run: the server's rerun as streamed), ``after_finished`` (drawing after the last
    message: plotly, deck.gl, React layout), ``bytes`` and ``messages`` received, ``runs``
    (``new_session`` messages: more than one is an ``st.rerun()``), ``early_reruns``,
    ``afterplot`` events, DOM nodes ``added``/``removed``, ``layout_shift`` (the sum of
    layout-shift scores: elements that appear, move and disappear), ``long_tasks`` (count
    and ms).
    """
    frames = [f for f in record["frames"] if start <= f[0] <= drawn]
    sends = [s for s in record["sends"] if start <= s[0] <= drawn]
    finished = [f for f in frames if f[2] == _FIELDS["script_finished"] and f[3] != 2]
    end = finished[-1][0] if finished else drawn
    first = frames[0][0] if frames else end
    sent = sends[0][0] if sends else start
    tasks = [t for t in record["longtasks"] if start <= t[0] <= drawn]
    return {
        "total": drawn - start,
        "to_send": sent - start,
        "to_first_message": first - sent,
        "script": end - first,
        "after_finished": drawn - end,
        "bytes": sum(f[1] for f in frames),
        "messages": len(frames),
        "runs": sum(f[2] == _FIELDS["new_session"] for f in frames),
        "early_reruns": sum(f[2] == _FIELDS["script_finished"] and f[3] == 2 for f in frames),
        "afterplot": sum(start <= t <= drawn for t in record["afterplot"]),
        "layout_shift": sum(v for t, v in record["shifts"] if start <= t <= drawn),
        "long_tasks": len(tasks),
        "long_task_ms": sum(t[1] for t in tasks),
    }
