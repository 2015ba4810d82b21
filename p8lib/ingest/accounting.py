"""Where every non-empty cell of a report went.

The import's one principle: each non-empty cell of the input becomes a figure or is named
in the report — a label (unit names, years, row numbers…), a title or header, a skipped total,
an ignored column (with the reason and what to do), a cell the reader cannot see (a formula
without a saved value), or a problem. :class:`Accounting` counts the cells read and, apart,
where each went; an import whose counts do not add up is an error
(:func:`p8lib.ingest.importer.import_report`), never silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from p8lib.contract import N_, fmt_number, t

# Where a cell that is not a figure went, in the order a summary lists them, and the
# summary's words for it.
REASONS: dict[str, str] = {
    "label": N_("accounting_label"), "title": N_("accounting_title"),
    "header": N_("accounting_header"), "total": N_("accounting_total"),
    "ignored_column": N_("accounting_ignored_column"), "no_table": N_("accounting_no_table"),
    "unreadable": N_("accounting_unreadable"), "problem": N_("accounting_problem"),
}


@dataclass
class Accounting:
    """Cells read and where they went.

    Attributes
    ----------
    cells : int
        Non-empty cells read (a formula cell without a saved value counts: it is in the
        file though the reader sees it empty).
    figures : int
        Cells that became a figure.
    skipped : dict of str to int
        Cells that did not, by reason (:data:`REASONS`).
    """

    cells: int = 0
    figures: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def read(self, cells: int) -> None:
        """Count ``cells`` non-empty cells as read."""
        self.cells += int(cells)

    def skip(self, reason: str, cells: int) -> None:
        """Count ``cells`` cells as gone for ``reason`` (one of :data:`REASONS`)."""
        if reason not in REASONS:
            raise ValueError(f"reason {reason!r} not in {tuple(REASONS)}")
        if cells:
            self.skipped[reason] = self.skipped.get(reason, 0) + int(cells)

    def add(self, other: Accounting) -> None:
        """Add the counts of ``other`` (another sheet) to these."""
        self.read(other.cells)
        self.figures += other.figures
        for reason, cells in other.skipped.items():
            self.skip(reason, cells)

    @property
    def accounted(self) -> int:
        """Figures plus every skipped cell: equals :attr:`cells` when nothing is lost."""
        return self.figures + sum(self.skipped.values())

    @property
    def balanced(self) -> bool:
        """True when every cell read is a figure or has a reason."""
        return self.accounted == self.cells

    def summary(self, lang: str) -> str:
        """One sentence in ``lang``: "1,234 cells read: 900 figures, 300 labels, …"."""
        parts = [t("accounting_figures", lang, n=fmt_number(self.figures, lang))]
        parts += [t(message, lang, n=fmt_number(self.skipped[reason], lang))
                  for reason, message in REASONS.items() if self.skipped.get(reason)]
        return t("accounting_summary", lang, n=fmt_number(self.cells, lang),
                 parts=", ".join(parts))
