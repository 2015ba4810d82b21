"""Numbers as the screen shows them: written the way each language writes them.

The table builders (:mod:`p8lib.present.tables`) keep numbers as numbers, for downloads;
:func:`display_frame` makes the on-screen copy. The headline tiles of the overview are
built here too, since a tile is text: (label, value, note), and so is their HTML
(:func:`tiles_html`: a row of tiles is one element on the page, not one per tile), and the
HTML of a table a page redraws on every filter change (:func:`table_html`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from p8lib.contract import N_, Figure, i18n, t
from p8lib.present.labels import indicator_labels

# The national phase-I targets the VWU review reports, shown as headline numbers.
HEADLINE_INDICATORS = ("comm_groups", "trusted_addresses", "leaders_of_change_clubs",
                       "em_women_officials_capacity")

Tile = tuple[str, str, str | None]


def display_frame(frame: pd.DataFrame, lang: str, percent: tuple[str, ...] = ()
                  ) -> pd.DataFrame:
    """A copy with numeric columns written as ``lang`` writes numbers and date columns as it
    writes dates (CLDR; missing → "–"), and missing text shown empty (not "None").

    Parameters
    ----------
    frame : DataFrame
        Any table; boolean and text columns are left as they are.
    lang : {"vi", "en"}
    percent : tuple of str
        Columns that get a "%" sign (:func:`p8lib.contract.i18n.fmt_pct`).

    Returns
    -------
    DataFrame
        For the screen only; ``frame`` itself is untouched (download the raw frame).

    Examples
    --------
    >>> display_frame(pd.DataFrame({"n": [10393.0]}), "vi")["n"][0]
    '10.393'
    """
    out = frame.copy()
    for col in out.columns:
        column = out[col]
        if pd.api.types.is_datetime64_any_dtype(column):
            out[col] = _formatted(column, lambda v: i18n.fmt_date(v, lang))
        elif pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            fmt = i18n.fmt_pct if col in percent else i18n.fmt_number
            out[col] = _formatted(column, lambda v, f=fmt: f(v, lang))
        elif column.dtype == object or isinstance(column.dtype, pd.CategoricalDtype):
            out[col] = column.astype(object).where(column.notna(), "")
        elif pd.api.types.is_string_dtype(column):
            out[col] = column.fillna("")  # stays text: no copy into Python objects
    return out


def _formatted(column: pd.Series, fmt) -> pd.Series:
    """``fmt`` of each value, called once per distinct value (figures repeat many values)."""
    codes, distinct = pd.factorize(column, use_na_sentinel=True)
    # The last slot is what a missing value (code -1) shows.
    texts = np.array([fmt(v) for v in distinct] + [fmt(None)], dtype=object)
    return pd.Series(texts[codes], index=column.index, dtype=object)


def headline(attain: pd.DataFrame, indicators: tuple[str, ...] = HEADLINE_INDICATORS,
             level: str = "national") -> pd.DataFrame:
    """Phase targets of the headline indicators at one level, with their results, in that
    order.

    Two sources may give the same national target (the VWU review and the project's ebook
    both give 9,000 groups): one row per indicator is kept, the first that compares with a
    result, else the first.

    Parameters
    ----------
    attain : DataFrame
        :func:`p8lib.analysis.targets.attainment` output (one province's, for
        ``level="province"``).
    indicators : tuple of str
        Indicator ids, in the order the tiles show them.
    level : str
        ``"national"`` (the country's targets) or ``"province"``.
    """
    rows = attain[(attain[Figure.level] == level)
                  & attain["indicator_id"].isin(indicators) & attain["target"].notna()]
    # A few rows (targets of one scope): chosen in a loop, not by sorting a frame.
    chosen: dict[str, tuple[bool, int]] = {}  # indicator → (no attainment, position)
    for position, (indicator, missing) in enumerate(zip(
            rows["indicator_id"].tolist(), rows["attainment_pct"].isna().tolist(),
            strict=True)):
        chosen[indicator] = min(chosen.get(indicator, (True, len(rows))), (missing, position))
    order = [chosen[i][1] for i in indicators if i in chosen]
    return rows.iloc[order].reset_index(drop=True)


# The reach tiles of a scope: the country counts provinces, a province what lies in it.
REACH_KEYS = {"national": ("provinces", "districts", "communes"),
              "province": ("districts", "communes", "figures")}
REACH_LABELS = {"provinces": N_("reached_provinces"), "districts": N_("reached_districts"),
                "communes": N_("reached_communes"), "figures": N_("reached_figures")}


def reach_metrics(counts: Mapping[str, int], lang: str, level: str = "national") -> list[Tile]:
    """Headline tiles (label, value, note) for :func:`p8lib.analysis.metrics.coverage_counts`
    (plus ``figures``, the number of figures, for a province) of a scope at ``level``."""
    return [(t(REACH_LABELS[key], lang), i18n.fmt_number(counts[key], lang), None)
            for key in REACH_KEYS[level]]


def headline_metrics(attain: pd.DataFrame, catalogue: pd.DataFrame, lang: str,
                     level: str = "national",
                     indicators: tuple[str, ...] = HEADLINE_INDICATORS) -> list[Tile]:
    """Headline tiles (indicator, result, "attainment · target (period)") of :func:`headline`.

    An indicator without a comparable attainment gets its status in words as the note,
    with the target, never "0 %".
    """
    tiles = []
    names = indicator_labels(catalogue, lang)
    for row in headline(attain, indicators, level).itertuples():
        period = (str(row.period_start) if row.period_start == row.period_end
                  else f"{row.period_start}–{row.period_end}")
        target = f"{t('target', lang)} {i18n.fmt_number(row.target, lang)} ({period})"
        head = (i18n.fmt_pct(row.attainment_pct, lang) if pd.notna(row.attainment_pct)
                else i18n.status_text(row.status, lang))
        tiles.append((names.get(row.indicator_id, row.indicator_id),
                      i18n.fmt_number(row.actual, lang), f"{head} · {target}"))
    return tiles


# What a row of tiles or a table may be named by (its CSS class, ``p8-tiles-<name>``).
_NAME = re.compile(r"[a-z][a-z0-9_-]*")
# A true flag as a table cell shows it (a false one is left empty), in either language.
TRUE_MARK = "✓"


def _check_name(name: str, what: str) -> None:
    if not _NAME.fullmatch(name):
        raise ValueError(f"{what} name {name!r} is not a CSS class name part "
                         "(lower-case letters, digits, '_' and '-', a letter first)")


def tiles_html(tiles: Sequence[Tile], name: str, per_row: int | None = None) -> str:
    """Tiles (label, value, note) as one HTML description list, for ``st.html``.

    A page draws a row of tiles as this one element: as ``st.metric`` in columns, each tile
    was five elements and a layout of its own for the browser to redraw on every filter
    change (docs/benchmarks.md, issue #19). The look — a bordered tile, a small label, a
    large value, the note in a grey pill; labels aligned, values aligned — is the page's
    style sheet's (``app.widgets.BASE_CSS``, classes ``p8-tiles``, ``p8-tile``,
    ``p8-tile-value``, ``p8-tile-note``). Every text is escaped: a label is never markup.

    Parameters
    ----------
    tiles : sequence of (str, str, str or None)
        Label, value and note of each tile (no note: None or "").
    name : str
        Names the row, for styles: the list gets the class ``p8-tiles-<name>``
        (lower-case letters, digits, ``_`` and ``-``; a letter first).
    per_row : int, optional
        Tiles per row (1: one above the other, for the side of a slide); default all in
        one row.

    Returns
    -------
    str
        ``<dl class="p8-tiles p8-tiles-<name>">``, a ``<div class="p8-tile">`` per tile
        holding ``<dt>`` (the label), ``<dd class="p8-tile-value">`` and, with a note,
        ``<dd class="p8-tile-note">``; no tiles: "".

    Raises
    ------
    ValueError
        When ``name`` is not such a name, or ``per_row`` is below 1.

    Examples
    --------
    >>> tiles_html([("Tỉnh <b>", "34", None)], "reach")  # doctest: +ELLIPSIS
    '<dl class="p8-tiles p8-tiles-reach" ...><dt>Tỉnh &lt;b&gt;</dt>...'
    """
    _check_name(name, "tiles")
    if per_row is not None and per_row < 1:
        raise ValueError(f"per_row {per_row!r} is below 1")
    if not tiles:
        return ""
    width = min(per_row or len(tiles), len(tiles))
    # Rows of tiles apart (the style sheet sets no gap between rows: within a tile its
    # label, value and note rows follow each other closely).
    gap = "; row-gap: 1rem" if width < len(tiles) else ""
    items = "".join(
        f'<div class="p8-tile"><dt>{html.escape(label)}</dt>'
        f'<dd class="p8-tile-value">{html.escape(value)}</dd>'
        + (f'<dd class="p8-tile-note"><span>{html.escape(note)}</span></dd>' if note else "")
        + "</div>"
        for label, value, note in tiles)
    return (f'<dl class="p8-tiles p8-tiles-{name}" '
            f'style="grid-template-columns: repeat({width}, minmax(0, 1fr)){gap}">{items}</dl>')


def _is_ids(cells: np.ndarray) -> bool:
    """True when ``cells`` (the texts of a column) are ids: one word each, some with ``_``
    (``qdnd_en_tran_de_soc_trang_2023``, ``comm_groups``)."""
    texts = [str(c) for c in cells]
    return (all(len(text.split()) <= 1 for text in texts)
            and any("_" in text for text in texts))


def table_html(frame: pd.DataFrame, name: str, lang: str, label: str = "",
               height: int | None = None) -> str:
    """A table for the screen as one HTML table, for ``st.html``.

    For the tables a page redraws on every filter change: ``st.table`` renders each cell
    through its Markdown renderer and the data grid (``st.dataframe``) updates its cells
    after a delay, where one HTML element is drawn at once (docs/benchmarks.md, issue #19).
    The look is ``st.table``'s (``app.widgets.BASE_CSS``: classes ``p8-table-box``,
    ``p8-table``, ``p8-num``).

    Parameters
    ----------
    frame : DataFrame
        The rows to show, headed in the page's language (codes and ids already left out).
        Numbers are written as ``lang`` writes them (:func:`display_frame`) and aligned
        right, a true flag is :data:`TRUE_MARK` and a false one empty, missing values empty.
        Every header and cell is escaped: a text is never markup. The cells of a column of
        ids (one word each, some with ``_``) get the class ``p8-id``: they may break anywhere.
    name : str
        Names the table, for styles: its box gets the class ``p8-table-<name>`` (as for
        :func:`tiles_html`).
    lang : {"vi", "en"}
    label : str
        What the table is, for screen readers (``aria-label`` of the box).
    height : int, optional
        The box's height in px at most: a longer table scrolls inside it, its header kept in
        view (the box can then take the keyboard's focus to be scrolled). Default: as tall as
        the table.

    Returns
    -------
    str
        ``<div class="p8-table-box p8-table-<name>" …><table class="p8-table">`` with a
        ``<thead>`` of ``<th scope="col">`` and a ``<tbody>`` of the rows.

    Raises
    ------
    ValueError
        When ``name`` is not such a name.

    Examples
    --------
    >>> shown = table_html(pd.DataFrame({"Nơi": ["<b>"], "Số": [10393]}), "t", "vi")
    >>> '<td>&lt;b&gt;</td><td class="p8-num">10.393</td>' in shown
    True
    """
    _check_name(name, "table")
    kinds = [frame.iloc[:, i].dtype for i in range(frame.shape[1])]
    flags = [pd.api.types.is_bool_dtype(kind) for kind in kinds]
    numeric = [pd.api.types.is_numeric_dtype(kind) and not flag
               for kind, flag in zip(kinds, flags, strict=True)]
    shown = display_frame(frame, lang)
    cells = [np.where(frame.iloc[:, i].fillna(False).astype(bool), TRUE_MARK, "") if flag
             else shown.iloc[:, i].to_numpy() for i, flag in enumerate(flags)]
    align = [' class="p8-num"' if num else "" for num in numeric]
    # An id is one word to the browser: its cells may break anywhere (p8-id), so that a
    # long one does not widen its column at the cost of the names beside it.
    kind = [cls or (' class="p8-id"' if _is_ids(column) else "")
            for cls, column in zip(align, cells, strict=True)]
    head = "".join(f'<th scope="col"{cls}>{html.escape(str(column))}</th>'
                   for column, cls in zip(frame.columns, align, strict=True))
    body = "".join(
        "<tr>" + "".join(f"<td{cls}>{html.escape(str(value))}</td>"
                         for cls, value in zip(kind, row, strict=True)) + "</tr>"
        for row in zip(*cells, strict=True))
    box = f'class="p8-table-box p8-table-{name}"'
    if label:
        box += f' role="region" aria-label="{html.escape(label)}"'
    if height:
        box += f' tabindex="0" style="max-height: {int(height)}px"'
    return (f'<div {box}><table class="p8-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")
