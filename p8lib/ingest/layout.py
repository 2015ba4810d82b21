"""Recognise a report's layout: where its header row is and what each column holds.

Two layouts are known:

* **long** — the data contract: one figure per row, with ``indicator_id`` (or an indicator
  name) and ``value`` columns, units by name (``province``/``Tỉnh``…) or code;
* **wide** — the layout real reports use: title rows, then a header with ``STT``, unit columns
  (Tỉnh/Huyện/Xã, Province/District/Commune, any spelling) and one column per indicator,
  recognised through the catalogue's header synonyms; total rows at the bottom or top.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from p8lib.contract import Figure, IndicatorLookup, header_key, header_keys

HEADER_SCAN_ROWS = 30

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
_ROLE_BY_KEY = {key: role for role, keys in COLUMN_ROLES.items() for key in keys}
UNIT_ROLES = ("province", "district", "commune")
CODE_ROLES = (Figure.province_code, Figure.district_code, Figure.commune_code)
TOTAL_KEYS = ("tongcong", "tong", "cong", "total", "tongso", "grandtotal", "toanquoc",
              "toantinh", "subtotal", "congdon")
INDICATOR_PREFIX = "indicator:"


@dataclass
class Layout:
    """What a sheet looks like: its header row, column roles and kind."""

    kind: str  # "long" or "wide"
    header_row: int
    roles: dict[int, str] = field(default_factory=dict)  # column position → role
    headers: dict[int, str] = field(default_factory=dict)  # column position → header text
    unknown: list[int] = field(default_factory=list)  # columns whose header is not recognised

    def column(self, role: str) -> int | None:
        """Position of the column with ``role``, if the sheet has one."""
        return next((pos for pos, r in self.roles.items() if r == role), None)

    def indicator_columns(self) -> dict[int, str]:
        """Column position → indicator id, for the wide layout."""
        return {pos: role.removeprefix(INDICATOR_PREFIX) for pos, role in self.roles.items()
                if role.startswith(INDICATOR_PREFIX)}


def column_role(header: str, lookup: IndicatorLookup) -> str | None:
    """The role of a column from its header text, or None if not recognised."""
    key = header_key(header)
    if not key:
        return None
    if key in _ROLE_BY_KEY:
        return _ROLE_BY_KEY[key]
    indicator, _ = lookup.resolve(header)
    return INDICATOR_PREFIX + indicator if indicator else None


def _roles_of(row: pd.Series, lookup: IndicatorLookup) -> dict[int, str]:
    roles: dict[int, str] = {}
    for pos, text in row.items():
        role = column_role(text, lookup)
        if role and role not in roles.values():
            roles[int(pos)] = role
    return roles


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
        roles = _roles_of(row, lookup)
        kind = _kind(roles)
        if kind:
            headers = {int(p): str(t) for p, t in row.items() if str(t).strip()}
            unknown = [p for p in headers if p not in roles]
            return Layout(kind, int(row_number), roles, headers, unknown)
    return None


def is_total_label(text: object) -> bool:
    """True for labels of total rows: "Tổng cộng", "Tổng", "Cộng", "Total"…"""
    return bool(is_total_many(pd.Series([text], dtype=object)).iloc[0])


def is_total_many(labels: pd.Series) -> pd.Series:
    """:func:`is_total_label` of every label of a column, folded column-wise."""
    keys = header_keys(labels)
    return keys.isin(TOTAL_KEYS) | keys.str.startswith(("tongcong", "total"))
