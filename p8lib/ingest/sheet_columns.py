"""Which columns of a sheet the import reads, and what it says of every other one.

A column the layout does not read is never dropped in silence: a second column of a role
already taken (two ``Huyện`` columns, two columns of one indicator) is an error; a header
close to a catalogue spelling is taken for a misspelt one (an error naming the spelling);
a total column is a note; any other column holding cells is a warning naming the column,
its cells and what to do. A column read by its spelling only ("comune" for the commune
column) is a warning too.
"""

from __future__ import annotations

import pandas as pd

from p8lib.contract import IndicatorLookup
from p8lib.ingest.layout import (
    INDICATOR_PREFIX,
    ROLE_MESSAGES,
    TYPO_THRESHOLD,
    Layout,
    closest_indicator,
    column_letter,
    is_total_label,
)
from p8lib.ingest.problems import Problem
from p8lib.ingest.readers import RawSheet


def unread_columns(sheet: RawSheet, layout: Layout, filled: pd.DataFrame, read: set[int],
                   lookup: IndicatorLookup, problems: list[Problem]) -> dict[int, str]:
    """The columns holding cells that the import does not read, each with the reason its
    cells are accounted under (:data:`p8lib.ingest.accounting.REASONS`); each is reported.

    Parameters
    ----------
    sheet : RawSheet
    layout : Layout
    filled : DataFrame of bool
        Which cells of the body rows are not empty (columns as in ``sheet.cells``).
    read : set of int
        The columns the import reads (labels and values).
    lookup : IndicatorLookup
    problems : list of Problem
        Appended to.
    """
    unread: dict[int, str] = {}
    where = (sheet.file, sheet.sheet, layout.header_row)
    for position, first in layout.duplicates.items():
        unread[position] = "problem"
        kind, meaning = _meaning(layout.roles[first])
        problems.append(Problem(f"duplicate_{kind}", "error", *where, layout.header(position),
                                params={"first": layout.header(first),
                                        "first_letter": column_letter(first),
                                        "letter": column_letter(position), **meaning}))
    counts = filled.sum()
    for position in filled.columns:
        if position in read or position in unread or not counts[position]:
            continue
        header = layout.headers.get(position, "")
        cells = int(counts[position])
        column = layout.header(position)
        if position in layout.roles:  # a role this layout does not read (an indicator
            unread[position] = "ignored_column"  # column in the long layout, a value in wide)
            problems.append(Problem("ignored_column", "warning", *where, column,
                                    params={"n": cells, "letter": column_letter(position)}))
            continue
        if header and is_total_label(header):
            unread[position] = "total"
            problems.append(Problem("total_column", "info", *where, column))
            continue
        indicator, score = closest_indicator(header, lookup)
        if header and score >= TYPO_THRESHOLD:
            unread[position] = "problem"
            problems.append(Problem("header_typo", "error", *where, column, params={
                "indicator": indicator, "score": f"{score:.0f}", "n": cells}))
            continue
        unread[position] = "ignored_column"
        problems.append(Problem("ignored_column" if header else "unnamed_column", "warning",
                                *where, column, params={"n": cells,
                                                        "letter": column_letter(position)}))
    for position, spelling in layout.by_spelling.items():
        kind, meaning = _meaning(layout.roles[position])
        problems.append(Problem(f"{kind}_by_spelling", "warning", *where,
                                layout.header(position), params={"spelling": spelling,
                                                                 **meaning}))
    return unread


def _meaning(role: str) -> tuple[str, dict[str, str]]:
    """What a column holds, for a message: ("indicator", its id) or ("role", the role's
    message key)."""
    if role.startswith(INDICATOR_PREFIX):
        return "indicator", {"indicator": role.removeprefix(INDICATOR_PREFIX)}
    return "role", {"role_key": ROLE_MESSAGES[role]}
