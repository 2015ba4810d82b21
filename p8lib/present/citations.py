"""What the figures cite: the sources with their notes, one source's rows, a quote in context.

* :func:`sources_table` — every source with its data note (publisher, date or "undated",
  language, machine translation) and how many figures and coverage rows cite it;
* :func:`sources_used` — the sources and quotes behind some figures (a province's tab);
* :func:`source_details` — one source's notes as (field, value) rows, to read in full;
* :func:`rows_citing` — the figures and coverage rows of one source;
* :func:`quote_in_context` — where a quote sits in its source's text, with the text around,
  and :func:`context_html` to show it (the quote marked, every text escaped);
* :func:`unused_table` — the source files read and left unused, with why.

Quotes are found in a source's text as the shipped-data tests check them: after
:func:`normal_text` (Unicode NFC, typographic quotes made plain, white space collapsed), each
part of a quote cut with "…" in turn.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd

from p8lib.contract import N_, Coverage, Figure, Source, t
from p8lib.present.labels import notes_in
from p8lib.present.tables import _plain
from p8lib.units import nfc

# A quote leaves text out with an ellipsis ("A … B"): its parts are found one after another.
QUOTE_CUT = re.compile(r"…|\.\.\.")
# Typographic quotes are written plain in some quotes and not in others.
_PLAIN_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
# How much of the text around a quote is shown, at most, on each side.
CONTEXT_CHARS = 320
# A source's language (Source.language) in words.
LANGUAGE_NAMES = {"vi": N_("lang_vi"), "en": N_("lang_en"), "ms": N_("lang_ms")}
# The header the excerpt files open with ("id: …", "url: …", … then a line "---").
_HEADER = re.compile(r"\A(?:[a-z_]+:[^\n]*\n)+---[ \t]*\n")


def normal_text(text: str) -> str:
    """``text`` as quotes are compared with it: NFC, plain quotes, single spaces, and no
    markdown block-quote markers (``>``) at the start of lines.

    >>> normal_text("“Tổ”\\n>  truyền   thông")
    '"Tổ" truyền thông'
    """
    text = re.sub(r"\n>\s?", "\n", text)
    return re.sub(r"\s+", " ", nfc(text).translate(_PLAIN_QUOTES))


def quote_parts(quote: str) -> list[str]:
    """The parts of a quote that appear verbatim, in order (a quote may cut text with "…").

    >>> quote_parts("đã thành lập … 3 địa chỉ tin cậy.")
    ['đã thành lập', '3 địa chỉ tin cậy']
    """
    parts = (normal_text(part).strip(" ;,.") for part in QUOTE_CUT.split(quote))
    return [part for part in parts if part]


@dataclass(frozen=True)
class QuoteInContext:
    """A quote found in its source's text: the text before it, the text from its first to
    its last part (``pieces``: (text, is_quote) in order) and the text after it."""

    before: str
    pieces: tuple[tuple[str, bool], ...]
    after: str


def quote_in_context(text: str, quote: str, margin: int = CONTEXT_CHARS
                     ) -> QuoteInContext | None:
    """Where ``quote`` sits in ``text``, with up to ``margin`` characters on each side (cut at
    a space, "…" marking a cut), in :func:`normal_text` form; None when a part is not found.
    An excerpt file's header (its id, address, title… up to a line "---") is not context.

    Examples
    --------
    >>> found = quote_in_context("Một. Hai ba bốn. Năm.", "ba", margin=6)
    >>> found.before, found.pieces, found.after
    ('… Hai ', (('ba', True),), ' bốn. …')
    """
    text = normal_text(_HEADER.sub("", text))
    parts = quote_parts(quote)
    if not parts:
        return None
    pieces: list[tuple[str, bool]] = []
    start = end = None
    for part in parts:
        at = text.find(part, 0 if end is None else end)
        if at < 0:
            return None
        if end is not None and at > end:
            pieces.append((text[end:at], False))
        pieces.append((part, True))
        start = at if start is None else start
        end = at + len(part)
    return QuoteInContext(_cut_left(text[:start], margin), tuple(pieces),
                          _cut_right(text[end:], margin))


def context_html(found: QuoteInContext) -> str:
    """A quote in its context as HTML: the quote's parts in ``<mark>``, all text escaped (a
    source's text is not trusted markup).

    >>> context_html(QuoteInContext("a <b> ", (("c", True),), ""))
    '<blockquote>a &lt;b&gt; <mark>c</mark></blockquote>'
    """
    pieces = "".join(f"<mark>{html.escape(text)}</mark>" if marked else html.escape(text)
                     for text, marked in found.pieces)
    return (f"<blockquote>{html.escape(found.before)}{pieces}"
            f"{html.escape(found.after)}</blockquote>")


def _cut_left(text: str, margin: int) -> str:
    if len(text) <= margin:
        return text
    tail = text[-margin:]
    return "… " + tail[tail.find(" ") + 1:] if " " in tail else "… " + tail


def _cut_right(text: str, margin: int) -> str:
    if len(text) <= margin:
        return text
    head = text[:margin]
    return head[:head.rfind(" ")] + " …" if " " in head else head + " …"


def _counts(column: pd.Series, ids: pd.Series) -> pd.Series:
    """How many rows of ``column`` name each id of ``ids`` (0 for none)."""
    counts = _plain(column).value_counts()
    return ids.map(counts).fillna(0).astype(int)


def sources_table(sources: pd.DataFrame, lang: str, figures: pd.DataFrame | None = None,
                  coverage: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every source with its data note, headed in ``lang``.

    Parameters
    ----------
    sources : DataFrame
        :func:`p8lib.contract.catalogue.sources`.
    lang : {"vi", "en"}
    figures, coverage : DataFrame, optional
        When given, a column each says how many of their rows cite the source.

    Returns
    -------
    DataFrame
        Source id, title, publisher (else the author, else "unknown"), date (or "undated"),
        language, machine translation (yes/no), the counts, where to read it (URL, else
        file) and the note.
    """
    ids = sources[Source.source_id]
    machine = sources[Source.machine_translation] if Source.machine_translation in sources \
        else pd.Series(False, index=sources.index)
    date = sources[Source.date].fillna("undated")
    table = {
        t("source", lang): ids,
        t("title", lang): sources[Source.title],
        t("publisher", lang): sources[Source.publisher].fillna(sources[Source.author]).fillna(
            t("unknown", lang)),
        t("date", lang): date.where(date != "undated", t("undated", lang)),
        t("language", lang): sources[Source.language].map(
            lambda code: t(LANGUAGE_NAMES[code], lang)),
        t("machine_translation", lang): machine.map({True: t("yes", lang),
                                                     False: t("no", lang)}),
    }
    if figures is not None:
        table[t("figures_n", lang)] = _counts(figures[Figure.source_id], ids)
    if coverage is not None:
        table[t("coverage_n", lang)] = _counts(coverage[Coverage.source_id], ids)
    table[t("link", lang)] = sources[Source.url].fillna(sources[Source.file])
    table[t("note", lang)] = notes_in(sources[Source.note], lang)
    return pd.DataFrame(table).reset_index(drop=True)


def source_details(table: pd.DataFrame, source_id: str, lang: str) -> pd.DataFrame:
    """One source's row of :func:`sources_table` as a list of (field, value) rows, to read
    its title, publisher, date, language, translation and note in full.

    Raises
    ------
    KeyError
        ``source_id`` is not in ``table``.
    """
    rows = table[table[t("source", lang)] == source_id]
    if rows.empty:
        raise KeyError(f"source {source_id!r} not in the sources table")
    row = rows.iloc[0].drop(t("source", lang))
    return pd.DataFrame({t("field", lang): row.index,
                         t("value", lang): [("" if pd.isna(v) else str(v)) for v in row]})


def sources_used(figures: pd.DataFrame, coverage: pd.DataFrame, sources: pd.DataFrame,
                 lang: str) -> pd.DataFrame:
    """The sources cited by these figures and coverage rows, each with its quotes (once each)."""
    # Each table's distinct pairs first: a large table repeats a few quotes many times.
    cited = figures[[Figure.source_id, Figure.quote]].drop_duplicates()
    cited = pd.DataFrame({col: _plain(cited[col]) for col in cited.columns})
    quotes = pd.concat([cited, coverage[[Coverage.source_id, Coverage.quote]]])
    quotes = quotes.dropna().drop_duplicates()
    merged = quotes.merge(sources[[Source.source_id, Source.title, Source.url]],
                          on=Source.source_id, how="left")
    return merged.rename(columns={Source.source_id: t("source", lang),
                                  Source.title: t("title", lang), Source.url: t("link", lang),
                                  Figure.quote: t("quote", lang)}).reset_index(drop=True)


def rows_citing(figures: pd.DataFrame, coverage: pd.DataFrame, source_id: str
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The figures and the coverage rows that cite ``source_id``, in their order."""
    return (figures[(_plain(figures[Figure.source_id]) == source_id).to_numpy(bool)],
            coverage[(coverage[Coverage.source_id] == source_id).to_numpy(bool)])


def quotes_of(figures: pd.DataFrame, coverage: pd.DataFrame) -> list[str]:
    """The distinct quotes of some figures and coverage rows, in their first order."""
    quotes = pd.concat([_plain(figures[Figure.quote]), coverage[Coverage.quote]])
    return list(dict.fromkeys(quotes.dropna().astype(str)))


def unused_table(unused: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The source files left unused (:func:`p8lib.contract.catalogue.unused_sources`) and why."""
    return pd.DataFrame({t("source", lang): unused["source_id"], t("file", lang): unused["file"],
                         t("reason", lang): unused["reason"]}).reset_index(drop=True)
