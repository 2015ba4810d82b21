// A deck.gl map that keeps its place and its WebGL context across reruns (app/deck_map.py):
// the element's first spec creates one Deck (deck.gl's Jupyter bundle, `createDeck`); each
// later one is handed to it (`updateDeck`: converted, then `setProps`), so deck.gl keeps
// its context, its shaders and the layers whose props did not change. Streamlit calls this
// function with every new `data` of the mounted element, and the cleanup it returns when
// the element goes. The map's outlines are painted on a canvas of their own over the deck's
// (app/flat_outlines.js, loaded before this file).
const DECK_URL = "@script_url@";

const CLICK_SLOP = 5; // px: a press that moves further is a drag of the map, not a click

function listen(box) {
  // A click selects the object under the pointer (nothing: the selection is cleared), as
  // st.pydeck_chart's "single-object" selection does; the view it was made on goes with it.
  // The click is the DOM's, picked with the deck (`pickObject`): deck.gl's own gesture
  // recogniser never reports a click in headless Chromium, where the page is tested.
  let down = null;
  box.addEventListener("pointerdown", (event) => {
    down = { x: event.clientX, y: event.clientY };
  });
  box.addEventListener("click", (event) => {
    const deck = box.__p8Deck;
    const moved = down
      ? Math.hypot(event.clientX - down.x, event.clientY - down.y) > CLICK_SLOP
      : false;
    if (!deck || moved || event.target.tagName !== "CANVAS") return;
    const rect = event.target.getBoundingClientRect();
    const info = deck.pickObject({ x: event.clientX - rect.left, y: event.clientY - rect.top });
    const picked = info?.object?.properties ?? info?.object;
    const objects = picked?.code != null && info.layer
      ? { [info.layer.id]: [{ code: String(picked.code) }] }
      : {};
    box.__p8SetState("selection", { view: box.__p8View, objects });
  });
}

function paint(box) {
  // After each frame deck.gl draws: the outlines, for the view it was drawn with.
  const viewport = box.__p8Deck?.getViewports()[0];
  if (viewport) {
    paintOutlines(box.parentElement.querySelector(".p8-deck-outlines"), viewport,
                  box.__p8Outlines);
  }
}

function draw(box, next) {
  box.querySelector(".p8-deck-error")?.remove();
  const [spec, outlines] = splitOutlines(JSON.parse(next.deck));
  box.__p8Outlines = outlines;
  if (box.__p8Deck && next.tooltip === box.__p8Shown?.tooltip) {
    window.updateDeck(spec, box.__p8Deck);
  } else {
    box.__p8Deck?.finalize();
    box.__p8Deck = window.createDeck({
      container: box,
      // No multisampling: every edge a fill has is stroked over it on the outlines' canvas
      // (antialiased there), and dots and names are smoothed by their own shaders; in a
      // browser drawing WebGL in software it costs a share of every redraw (docs/benchmarks.md).
      jsonInput: { ...spec, deviceProps: { webgl: { antialias: false } } },
      tooltip: JSON.parse(next.tooltip),
    });
    if (!box.__p8Deck) throw new Error("the deck could not be made");
    box.__p8Deck.setProps({ onAfterRender: () => paint(box) });
  }
  box.__p8Shown = next;
}

function fullscreenLabel(box) {
  // The full-screen button's label, in the page's language (from Python): to enter or exit.
  const frame = box.parentElement;
  frame.querySelector(".p8-deck-full").textContent =
    box.__p8FullLabels[document.fullscreenElement === frame ? 1 : 0];
}

function listenFullscreen(box) {
  // The map alone on the screen, and back (Escape, or the button); deck.gl follows the
  // box's size. The event is the frame's, so nothing outlives the element.
  const frame = box.parentElement;
  frame.querySelector(".p8-deck-full").addEventListener("click", () => {
    if (document.fullscreenElement === frame) document.exitFullscreen();
    else frame.requestFullscreen();
  });
  frame.addEventListener("fullscreenchange", () => fullscreenLabel(box));
}

export default function ({ data, parentElement, setStateValue }) {
  const box = parentElement.querySelector(".p8-deck");
  box.setAttribute("aria-label", data.label);
  box.style.height = `${data.height}px`;
  box.__p8View = data.view;
  box.__p8SetState = setStateValue;
  box.__p8FullLabels = data.fullscreen;
  if (!box.__p8Listening) {
    listen(box);
    listenFullscreen(box);
    box.__p8Listening = true;
  }
  fullscreenLabel(box);
  const shown = box.__p8Next ?? box.__p8Shown;
  if (!(shown && shown.deck === data.deck && shown.tooltip === data.tooltip)) {
    // One spec is drawn at a time, the newest: a second change while the first is drawn
    // (or while deck.gl loads) is drawn next, and any between them never.
    box.__p8Next = data;
    box.__p8Drawn = (box.__p8Drawn ?? Promise.resolve())
      .then(() => loadScript(DECK_URL))
      .then(() => {
        const next = box.__p8Next;
        if (!next) return; // an earlier turn drew it
        box.__p8Next = undefined;
        draw(box, next);
      })
      .catch((error) => {
        console.error(error);
        box.__p8Next = undefined;
        box.__p8Shown = undefined;
        showNotDrawn(box, "p8-deck-error", data.error);
      });
  }
  return () => {
    box.__p8Deck?.finalize();
    box.__p8Deck = undefined;
    box.__p8Shown = undefined;
  };
}
