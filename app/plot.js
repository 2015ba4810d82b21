// A plotly chart that keeps its place in the page (app/plot.py): each run's figure is drawn
// into the same plot with Plotly.react; with no figure (`null`), the plot is hidden and
// kept for the next. Streamlit calls this function with every new `data` of the mounted
// element, and the cleanup it returns when the element goes.
const PLOTLY_URL = "@script_url@";
const loadPlotly = () => loadScript(PLOTLY_URL).then(() => window.Plotly);

function followWidth(plot) {
  // The page's column changes width without the window's (the sidebar, a fullscreen
  // slide): the plot is drawn again to its box's new width (not when only its height
  // changed, as it does with each figure). The width is the observer's own reading, so
  // nothing here makes the browser lay the page out again to answer it.
  if (plot.__p8Resize) return;
  let width; // the first reading, right after observe(), is the width it was drawn to
  plot.__p8Resize = new ResizeObserver(([entry]) => {
    const now = entry.contentRect.width;
    if (now === 0) return; // hidden: drawn to its width again when it is shown
    if (width !== undefined && now !== width) window.Plotly.Plots.resize(plot);
    width = now;
  });
  plot.__p8Resize.observe(plot);
}

export default function ({ data, parentElement }) {
  const plot = parentElement.querySelector(".p8-plot");
  const cleanup = () => {
    plot.__p8Resize?.disconnect();
    window.Plotly?.purge(plot);
  };
  if (data.figure === null) {
    plot.hidden = true; // its element too (app/widgets.py's BASE_CSS): no room is left
    plot.__p8Next = undefined; // a figure sent before is not drawn
    return cleanup;
  }
  plot.setAttribute("aria-label", data.label);
  const figure = JSON.parse(data.figure);
  // A plot not drawn yet is shown at once, its figure's room kept while plotly.js loads:
  // nothing below it moves. One that holds an earlier figure is shown as the new one is
  // drawn into it, not before (the earlier one would show for a moment).
  if (!plot.classList.contains("js-plotly-plot")) {
    plot.hidden = false;
    if (figure.layout.height) plot.style.minHeight = `${figure.layout.height}px`;
  }
  // One figure is drawn at a time, the newest: a second change while the first is drawn
  // (or while plotly.js loads) is drawn next, and any between them never.
  plot.__p8Next = { figure, config: data.config };
  plot.__p8Drawn = (plot.__p8Drawn ?? Promise.resolve())
    .then(loadPlotly)
    .then((Plotly) => {
      const next = plot.__p8Next;
      if (!next) return undefined; // an earlier turn drew it
      plot.__p8Next = undefined;
      plot.hidden = false;
      plot.querySelector(".p8-plot-error")?.remove();
      return Plotly.react(plot, next.figure.data, next.figure.layout, next.config);
    })
    .then(() => {
      plot.style.minHeight = "";
      followWidth(plot);
    })
    .catch(() => {
      plot.style.minHeight = "";
      plot.__p8Next = undefined;
      showNotDrawn(plot, "p8-plot-error", data.error);
    });
  return cleanup;
}
