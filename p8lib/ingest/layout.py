"""Recognise a report's layout: where its header row is and what each column holds.

Two layouts are known:

* **long** — the data contract: one figure per row, with ``indicator_id`` (or an indicator
  name) and ``value`` columns, units by name (``province``/``Tỉnh``…) or code;
* **wide** — the layout real reports use: title rows, then a header with ``STT``, unit columns
  (Tỉnh/Huyện/Xã, Province/District/Commune, any spelling) and one column per indicator,
  recognised through the catalogue's header synonyms; total rows at the bottom or top.

A header is recognised exactly (its folded key is a role's or a catalogue spelling), after
a leading "Tên" ("Tên xã/phường" is the commune column), or by its spelling (a close fuzzy
match: "comune"); the last is reported, so is a second column of a role already taken
(two ``Huyện`` columns, two columns of one indicator) and every column the import does not
read — nothing in a sheet is left out without a word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz, process

from p8lib.contract import N_, Figure, IndicatorLookup, header_key, header_keys

HEADER_SCAN_ROWS = 30
# A header this close (rapidfuzz ratio) to a role's spelling takes the role, with a warning;
# only headers at least this long are compared (short keys are too alike: "xa", "tt").
ROLE_FUZZY_THRESHOLD = 85.0
ROLE_FUZZY_MIN_LENGTH = 5
# An unrecognised header this close to a catalogue spelling is taken for a misspelt one.
TYPO_THRESHOLD = 75.0
# "Tên xã", "Tên huyện": the name of a unit; the rest of the key says which.
_NAME_PREFIX = "ten"

# Folded header spellings of the non-indicator columns. Order matters only for readability.
COLUMN_ROLES: dict[str, tuple[str, ...]] = {
    "province": ("province", "provincename", "tinh", "tentinh", "tinhthanhpho", "tinhthanh",
                 "tinhtp", "provincecity"),
    "district": ("district", "districtname", "huyen", "tenhuyen", "quanhuyen", "huyenthixa",
                 "huyenthixathanhpho", "huyenquanthixathanhpho", "huyentx", "huyentxtp"),
    "commune": ("commune", "communename", "ward", "communeward", "xa", "tenxa", "xaphuong",
                "phuongxa", "xaphuongthitran"),
    Figure.province_code: ("provincecode", "matinh"),
    Figure.district_code: ("districtcode", "mahuyen"),
    Figure.commune_code: ("communecode", "maxa", "wardcode"),
    "stt": ("stt", "tt", "no", "sothutu", "number"),
    "year": ("year", "nam", "nambaocao", "reportyear"),
    Figure.period_start: ("periodstart", "tunam"),
    Figure.period_end: ("periodend", "dennam"),
    Figure.measure: ("measure", "loaisolieu"),
    Figure.indicator_id: ("indicatorid", "indicator", "chitieu", "machitieu", "tenchitieu"),
    Figure.value: ("value", "giatri", "solieu"),
    Figure.unit: ("unit", "donvitinh", "dvt"),
    Figure.source_id: ("sourceid", "source", "nguon"),
    Figure.quote: ("quote", "trichdan"),
    Figure.note: ("note", "ghichu"),
}
# What a column of each role holds, in words: the role's message (for problems naming it).
ROLE_MESSAGES: dict[str, str] = {
    "province": N_("colrole_province"), "district": N_("colrole_district"),
    "commune": N_("colrole_commune"), Figure.province_code: N_("colrole_province_code"),
    Figure.district_code: N_("colrole_district_code"),
    Figure.commune_code: N_("colrole_commune_code"), "stt": N_("colrole_stt"),
    "year": N_("colrole_year"), Figure.period_start: N_("colrole_period_start"),
    Figure.period_end: N_("colrole_period_end"), Figure.measure: N_("colrole_measure"),
    Figure.indicator_id: N_("colrole_indicator_id"), Figure.value: N_("colrole_value"),
    Figure.unit: N_("colrole_unit"), Figure.source_id: N_("colrole_source_id"),
    Figure.quote: N_("colrole_quote"), Figure.note: N_("colrole_note"),
}
_ROLE_BY_KEY = {key: role for role, keys in COLUMN_ROLES.items() for key in keys}
_FUZZY_ROLE_KEYS = [key for key in _ROLE_BY_KEY if len(key) >= ROLE_FUZZY_MIN_LENGTH]
UNIT_ROLES = ("province", "district", "commune")
CODE_ROLES = (Figure.province_code, Figure.district_code, Figure.commune_code)
TOTAL_KEYS = ("tongcong", "tong", "cong", "total", "tongso", "grandtotal", "toanquoc",
              "toantinh", "subtotal", "congdon")
INDICATOR_PREFIX = "indicator:"


@dataclass
class Layout:
    """What a sheet looks like: its header row, column roles and kind.

    Columns are positions in :attr:`p8lib.ingest.readers.RawSheet.cells` (0 = column A).
    """

    kind: str  # "long" or "wide"
    header_row: int
    roles: dict[int, str] = field(default_factory=dict)  # column → role (first of each role)
    headers: dict[int, str] = field(default_factory=dict)  # column → header text
    duplicates: dict[int, int] = field(default_factory=dict)  # column → the one it repeats
    by_spelling: dict[int, str] = field(default_factory=dict)  # column → spelling it matched
    unknown: list[int] = field(default_factory=list)  # columns whose header is not recognised

    def column(self, role: str) -> int | None:
        """Position of the column with ``role``, if the sheet has one."""
        return next((pos for pos, r in self.roles.items() if r == role), None)

    def indicator_columns(self) -> dict[int, str]:
        """Column position → indicator id, for the wide layout."""
        return {pos: role.removeprefix(INDICATOR_PREFIX) for pos, role in self.roles.items()
                if role.startswith(INDICATOR_PREFIX)}

    def header(self, position: int | None) -> str:
        """The header of a column as a person finds it: its text, or its letter when the
        header cell is empty ("" for no column)."""
        if position is None:
            return ""
        return self.headers.get(position) or column_letter(position)


def column_letter(position: int) -> str:
    """Spreadsheet letters of a 0-based column position (0 → "A", 27 → "AB")."""
    letters, number = "", position + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_role(header: str, lookup: IndicatorLookup) -> tuple[str | None, str]:
    """The role of a column from its header text, and the spelling it was matched to when
    only by a fuzzy match (``""`` when exact); ``(None, "")`` if not recognised."""
    key = header_key(header)
    if not key:
        return None, ""
    for candidate in (key, key.removeprefix(_NAME_PREFIX)):
        if candidate in _ROLE_BY_KEY:
            return _ROLE_BY_KEY[candidate], ""
    indicator, score = lookup.resolve(header)
    if indicator:
        return INDICATOR_PREFIX + indicator, "" if score >= 100 else indicator
    if len(key) >= ROLE_FUZZY_MIN_LENGTH:
        best = process.extractOne(key, _FUZZY_ROLE_KEYS, scorer=fuzz.ratio,
                                  score_cutoff=ROLE_FUZZY_THRESHOLD)
        if best:
            return _ROLE_BY_KEY[best[0]], best[0]
    return None, ""


def closest_indicator(header: str, lookup: IndicatorLookup) -> tuple[str, float]:
    """The catalogue indicator whose spelling is closest to ``header``, and the score
    (rapidfuzz ratio, 0–100); ``("", 0)`` for an empty header."""
    key = header_key(header)
    if not key or not lookup.exact:
        return "", 0.0
    spelling, score, _ = process.extractOne(key, list(lookup.exact), scorer=fuzz.ratio)
    return lookup.exact[spelling], float(score)


def _roles_of(row: pd.Series, lookup: IndicatorLookup) -> Layout:
    """The roles of a candidate header row (kind and row left to the caller)."""
    layout = Layout("", 0)
    first_of: dict[str, int] = {}
    for pos, text in row.items():
        role, spelling = column_role(text, lookup)
        if role is None:
            continue
        if role in first_of:
            layout.duplicates[int(pos)] = first_of[role]
            continue
        first_of[role] = int(pos)
        layout.roles[int(pos)] = role
        if spelling:
            layout.by_spelling[int(pos)] = spelling
    return layout


def _kind(roles: dict[int, str]) -> str | None:
    values = set(roles.values())
    if {Figure.indicator_id, Figure.value} <= values:
        return "long"
    has_unit = bool(values & set(UNIT_ROLES + CODE_ROLES))
    if has_unit and any(v.startswith(INDICATOR_PREFIX) for v in values):
        return "wide"
    return None


def detect_layout(cells: pd.DataFrame, lookup: IndicatorLookup) -> Layout | None:
    """Find the header row among the first :data:`HEADER_SCAN_ROWS` rows.

    The header is the first row whose recognised columns make a long or a wide table.
    Returns None when no such row exists.
    """
    for row_number, row in cells.head(HEADER_SCAN_ROWS).iterrows():
        layout = _roles_of(row, lookup)
        kind = _kind(layout.roles)
        if kind:
            layout.kind, layout.header_row = kind, int(row_number)
            layout.headers = {int(p): str(t) for p, t in row.items() if str(t).strip()}
            layout.unknown = [p for p in layout.headers
                              if p not in layout.roles and p not in layout.duplicates]
            return layout
    return None


def is_total_label(text: object) -> bool:
    """True for labels of total rows: "Tổng cộng", "Tổng", "Cộng", "Total"…"""
    return bool(is_total_many(pd.Series([text], dtype=object)).iloc[0])


def is_total_many(labels: pd.Series) -> pd.Series:
    """:func:`is_total_label` of every label of a column, folded column-wise."""
    keys = header_keys(labels)
    return keys.isin(TOTAL_KEYS) | keys.str.startswith(("tongcong", "total"))
