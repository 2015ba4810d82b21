"""The words a map shows: tooltip lines per unit, the legend's title, notes under the map.

Everything in Vietnamese or English through :func:`p8lib.contract.t`; numbers in each
language's format. Tooltip lines are plain text here (the builders escape them). Pure
functions of map tables (:mod:`p8lib.maps.map_values`), no streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from p8lib.contract import N_, fmt_number, i18n, t

TOOLTIP_FIELDS = ("value", "target", "source", "note")
MAX_SOURCES = 2  # named in a tooltip; more are counted ("+3")
SOURCE_CHARS = 48  # a source's name in a tooltip is cut here
# Counted units in words, one and many, by level; other things counted by their
# ``count_of`` (data/coverage.csv).
UNIT_COUNTS = {"province": (N_("n_province_one"), N_("n_provinces")),
               "district": (N_("n_district_one"), N_("n_districts")),
               "commune": (N_("n_commune_one"), N_("n_communes"))}
COUNTED = {"commune_2025": N_("count_of_commune_2025"), "village": N_("count_of_village"),
           "hamlet": N_("count_of_hamlet")}
# A coverage class in words (map_values.COVERAGE_CLASSES); "pilot" by the level drawn.
COVERAGE_WORDS = {"not_reported": N_("coverage_not_reported"),
                  "implementing": N_("coverage_implementing")}
PILOT_WORDS = {"province": N_("coverage_pilot_province"),
               "district": N_("coverage_pilot_district"),
               "commune": N_("coverage_pilot_commune")}
# The archipelagos' names, by their key in geo/ (p8lib.maps.geo.load_archipelagos).
ARCHIPELAGO_NAMES = {"hoang_sa": N_("archipelago_hoang_sa"),
                     "truong_sa": N_("archipelago_truong_sa")}


def source_labels(sources: pd.DataFrame) -> dict[str, str]:
    """Source id → a short name for a tooltip: its publisher, else its title (cut)."""
    out = {}
    for row in sources.itertuples():
        name = row.publisher if isinstance(row.publisher, str) and row.publisher else row.title
        name = str(name)
        out[row.source_id] = name if len(name) <= SOURCE_CHARS else name[:SOURCE_CHARS - 1] + "…"
    return out


def _sources(ids: str, labels: Mapping[str, str], lang: str) -> str:
    named = [labels.get(i, i) for i in dict.fromkeys(p for p in str(ids).split(", ") if p)]
    if not named:
        return ""
    shown = ", ".join(dict.fromkeys(named[:MAX_SOURCES]))
    more = len(named) - MAX_SOURCES
    return t("tip_source", lang, source=shown + (f" +{more}" if more > 0 else ""))


def _number(value: object, lang: str, unit: str = "") -> str:
    text = fmt_number(value, lang, 1 if pd.notna(value) and abs(float(value)) < 10
                      and float(value) != round(float(value)) else 0)
    return f"{text} {unit}".strip()


def count_words(n: int, level: str, lang: str) -> str:
    """"1 district", "42 communes", "42 xã"; other units counted ("318 villages") as the
    coverage table names them (``count_of``)."""
    if level in UNIT_COUNTS:
        one, many = UNIT_COUNTS[level]
        return t(one if n == 1 else many, lang, n=fmt_number(n, lang))
    return f"{fmt_number(n, lang)} {t(COUNTED[level], lang)}"


def coverage_word(status: str, level: str) -> str:
    """The message id of a coverage class (a pilot unit's by ``level``, the units drawn)."""
    return PILOT_WORDS[level] if status == "pilot" else COVERAGE_WORDS[status]


def _rolled_up(row, lang: str) -> str:
    if not row.rolled_up_units:
        return ""
    levels = [i18n.level_text(lv, lang) for lv in str(row.rolled_up_from).split(", ") if lv]
    units_ = (count_words(int(row.rolled_up_units), levels and str(row.rolled_up_from), lang)
              if len(levels) == 1 else t("tip_units", lang,
                                         n=fmt_number(row.rolled_up_units, lang),
                                         levels=" / ".join(levels)))
    return t("tip_rolled_up", lang, units=units_)


def _parts(row, lang: str, names: Mapping[str, str]) -> str:
    parts = [p for p in str(row.parts).split(", ") if p]
    if not parts:
        return ""
    return t("tip_parts", lang, names=", ".join(names.get(p, p) for p in parts))


def tooltip_lines(table: pd.DataFrame, measure: str, lang: str, *, unit: str,
                  sources: Mapping[str, str], names_2021: Mapping[str, str],
                  level: str = "province") -> pd.DataFrame:
    """Tooltip lines per unit of a map table: ``value``, ``target``, ``source``, ``note``.

    Parameters
    ----------
    table : DataFrame
        A map table (:mod:`p8lib.maps.map_values`), with ``communes`` for a result per commune.
    measure : {"attainment", "value", "coverage"}
    lang : {"vi", "en"}
    unit : str
        The indicator's unit in ``lang`` ("groups", "tổ").
    sources : mapping
        Source id → short name (:func:`source_labels`).
    names_2021 : mapping
        2021 code → name, for the units a 2025 unit was made of.
    level : str
        Level of the units (a pilot province, district or commune).

    Returns
    -------
    DataFrame
        Indexed by ``code``, one column per :data:`TOOLTIP_FIELDS`; "" where a line says
        nothing.
    """
    rows = []
    for row in table.itertuples(index=False):
        value = target = ""
        if measure == "coverage":
            value = t(coverage_word(row.status, level), lang)
        elif measure == "attainment" and row.indicators > 1:
            value = t("tip_mean", lang, pct=i18n.fmt_pct(row.value, lang),
                      n=fmt_number(row.indicators, lang))
        elif measure == "attainment":
            value = (t("tip_attainment", lang, pct=i18n.fmt_pct(row.value, lang),
                       period=row.target_period) if pd.notna(row.value)
                     else "" if row.status == "not_combined"
                     else i18n.status_text(row.status, lang))
        else:
            value = t("tip_result", lang, value=_number(row.actual, lang, unit),
                      years=row.years_reported) if pd.notna(row.actual) else ""
            communes = getattr(row, "communes", 1.0)
            if pd.notna(row.actual) and pd.notna(communes) and communes > 1:
                value += " · " + t("tip_per_commune", lang, value=_number(row.value, lang),
                                   n=fmt_number(communes, lang))
        if measure == "attainment" and pd.notna(row.target) and pd.notna(row.value):
            # the value line names the target's period already
            target = t("tip_target_result", lang, target=_number(row.target, lang, unit),
                       value=_number(row.actual, lang, unit), years=row.years_reported)
        elif measure != "coverage" and pd.notna(row.target):
            target = t("tip_target", lang, value=_number(row.target, lang, unit),
                       period=row.target_period)
        # "only some years reported" is not repeated: the result's line lists its years.
        status = t("tip_not_combined", lang) if row.status == "not_combined" else ""
        note = " · ".join(x for x in (_rolled_up(row, lang), _parts(row, lang, names_2021),
                                      status) if x)
        rows.append((row.code, value, target, _sources(row.sources, sources, lang), note))
    return pd.DataFrame(rows, columns=["code", *TOOLTIP_FIELDS]).set_index("code")


def legend_title(measure: str, lang: str, *, indicator: str | None, unit: str,
                 period: str, per_commune: bool) -> str:
    """What the colours mean, with the unit and the period ("Community communication
    groups — groups per commune, 2023")."""
    if measure == "coverage":
        return t("legend_coverage", lang, period=period)
    if measure == "attainment":
        if indicator is None:
            return t("legend_attainment_mean", lang, period=period)
        return t("legend_attainment", lang, indicator=indicator, period=period)
    key = N_("legend_value_per_commune") if per_commune else N_("legend_value")
    return t(key, lang, indicator=indicator, unit=unit, period=period)


def other_levels_note(counts: Mapping[str, int], shown: str, lang: str,
                      national: str = "") -> str:
    """Where else the figures drawn exist: "Also reported for 2 districts and 126 communes
    (choose a province to see them)", and the country's own figure (``national``, already
    worded). "" when there is nothing elsewhere."""
    below = {"province": ("district", "commune"), "district": ("commune",),
             "commune": ()}[shown]
    above = {"province": (), "district": ("province",), "commune": ("province", "district")}
    parts = [count_words(counts[level], level, lang)
             for level in (*below, *above[shown]) if counts.get(level)]
    notes = []
    if parts:
        key = N_("note_other_levels_below") if shown == "province" else N_("note_other_levels")
        notes.append(t(key, lang, where=", ".join(parts)))
    if national:
        notes.append(t("note_national", lang, figure=national))
    return " ".join(notes)
