// A map's outlines drawn flat: on a 2D canvas over the deck, not by deck.gl (app/deck_map.js).
//
// The map builders mark every layer of lines (a PathLayer) and every stroked layer of
// polygons with `p8FlatOutline` (p8lib/maps/layers.py: FLAT_OUTLINE). A browser drawing
// WebGL in software (SwiftShader) redraws deck.gl's wide-line geometry for the national
// map's outlines many times slower than a 2D canvas strokes the same lines
// (docs/benchmarks.md, session 20). deck.gl is given the spec without them — a marked PathLayer
// removed, a marked polygon layer not stroked — and the lines are painted here, in the
// layers' order, with each layer's colour and width in pixels, after every frame deck.gl
// draws whose view has moved.

// The lines of a marked layer: its rings of [lon, lat] pairs, whether they close, its
// colour and its width in px, read from the props the builders write.
function outlineOf(layer) {
  switch (layer["@@type"]) {
    case "PathLayer":
      return { rings: layer.data.map((d) => d.path), closed: false,
               color: layer.getColor, width: layer.widthMinPixels };
    case "GeoJsonLayer": // a FeatureCollection of MultiPolygons
      return { rings: layer.data.features.flatMap((f) => f.geometry.coordinates.flat()),
               closed: true, color: layer.getLineColor, width: layer.lineWidthMinPixels };
    case "PolygonLayer": // records with their outer ring as `polygon`
      return { rings: layer.data.map((d) => d.polygon), closed: true,
               color: layer.getLineColor, width: layer.lineWidthMinPixels };
    default:
      throw new Error(`a flat outline of a ${layer["@@type"]} cannot be drawn`);
  }
}

// The spec deck.gl draws, and the outlines painted over it.
function splitOutlines(spec) {
  const outlines = [];
  const layers = [];
  for (const layer of spec.layers ?? []) {
    if (!layer.p8FlatOutline) {
      layers.push(layer);
      continue;
    }
    const { p8FlatOutline, ...props } = layer;
    outlines.push(outlineOf(layer));
    if (layer["@@type"] !== "PathLayer") layers.push({ ...props, stroked: false });
  }
  return [{ ...spec, layers }, outlines];
}

function rgba([r, g, b, a = 255]) {
  return `rgba(${r},${g},${b},${a / 255})`;
}

// Paint `outlines` on `canvas` for deck.gl's `viewport`, unless the same outlines are
// already painted for the same view (a hover redraws the deck, not the lines).
function paintOutlines(canvas, viewport, outlines) {
  const ratio = window.devicePixelRatio || 1;
  const { width, height } = viewport;
  const view = [width, height, ratio, ...viewport.viewMatrix, ...viewport.projectionMatrix]
    .join();
  if (canvas.__p8Painted?.outlines === outlines && canvas.__p8Painted.view === view) return;
  canvas.__p8Painted = { outlines, view };
  const [pixelsWide, pixelsHigh] = [Math.round(width * ratio), Math.round(height * ratio)];
  if (canvas.width !== pixelsWide) canvas.width = pixelsWide; // a new size reallocates
  if (canvas.height !== pixelsHigh) canvas.height = pixelsHigh;
  const context = canvas.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  context.lineJoin = "round";
  context.lineCap = "round";
  for (const { rings, closed, color, width: lineWidth } of outlines) {
    context.beginPath(); // one path a layer: a translucent colour is laid on once
    for (const ring of rings) {
      ring.forEach((point, i) => {
        const [x, y] = viewport.project(point);
        if (i === 0) context.moveTo(x, y);
        else context.lineTo(x, y);
      });
      if (closed) context.closePath();
    }
    context.strokeStyle = rgba(color);
    context.lineWidth = lineWidth;
    context.stroke();
  }
}
