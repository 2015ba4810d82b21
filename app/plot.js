// A plotly chart that keeps its place in the page (app/plot.py): each run's figure is drawn
// into the same plot with Plotly.react. Streamlit calls this function with every new
// `data` of the mounted element, and the cleanup it returns when the element goes.
const PLOTLY_URL = "@plotly_url@";

function loadPlotly() {
  // One copy of plotly.js for every chart of the page, fetched once.
  window.__p8Plotly ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = PLOTLY_URL;
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => {
      window.__p8Plotly = undefined; // the next run tries again
      reject(new Error(PLOTLY_URL));
    };
    document.head.appendChild(script);
  });
  return window.__p8Plotly;
}

function followWidth(plot) {
  // The page's column changes width without the window's (the sidebar, a fullscreen
  // slide): the plot is drawn again to its box's new width (not when only its height
  // changed, as it does with each figure).
  if (plot.__p8Resize) return;
  let width = plot.clientWidth;
  plot.__p8Resize = new ResizeObserver(() => {
    if (plot.clientWidth !== width) {
      width = plot.clientWidth;
      window.Plotly.Plots.resize(plot);
    }
  });
  plot.__p8Resize.observe(plot);
}

export default function ({ data, parentElement }) {
  const plot = parentElement.querySelector(".p8-plot");
  plot.setAttribute("aria-label", data.label);
  const figure = JSON.parse(data.figure);
  // Figures are drawn in the order they came: a quick second change waits for the first.
  plot.__p8Drawn = (plot.__p8Drawn ?? Promise.resolve())
    .then(loadPlotly)
    .then((Plotly) => {
      plot.querySelector(".p8-plot-error")?.remove();
      return Plotly.react(plot, figure.data, figure.layout, data.config);
    })
    .then(() => followWidth(plot))
    .catch(() => {
      if (!plot.querySelector(".p8-plot-error")) {
        const note = document.createElement("p");
        note.className = "p8-plot-error";
        note.textContent = data.error;
        plot.appendChild(note);
      }
    });
  return () => {
    plot.__p8Resize?.disconnect();
    window.Plotly?.purge(plot);
  };
}
