"""Text normalisation for Vietnamese names and headers.

Two forms are used across p8lib:

* :func:`nfc` — the display form: Unicode NFC, single spaces, trimmed.
* :func:`fold` — the comparison key: lower case, no diacritics (``đ`` → ``d``),
  letters and digits only. ``fold("Hoà Bình") == fold("HOA BINH") == "hoabinh"``, which
  also equates the old and new tone placement (Hoà/Hòa, Thuỷ/Thủy).
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
# The combining marks Vietnamese uses (acute, grave, hook, tilde, dot below, circumflex,
# breve, horn) all lie in this block; removing them with one regex leaves plain ASCII for
# any Vietnamese name, and other scripts' marks are caught by the general test after it.
_LATIN_MARKS = re.compile("[\u0300-\u036f]+")

# Unit-type words. Vietnamese ones precede the name ("Huyện Bắc Hà", "TX. Vĩnh Châu");
# English ones may also follow it ("Mang Yang district"). Folded words, longest first.
VI_PREFIXES: tuple[str, ...] = (
    "thanh pho",
    "thi xa",
    "thi tran",
    "dac khu",
    "tinh",
    "huyen",
    "quan",
    "phuong",
    "xa",
    "tp",
    "tx",
    "tt",
    "h",
    "q",
    "p",
    "x",
)
EN_AFFIXES: tuple[str, ...] = (
    "province",
    "city",
    "district",
    "town",
    "township",
    "commune",
    "ward",
)
_PREFIX = re.compile(rf"^(?:{'|'.join(VI_PREFIXES + EN_AFFIXES)})\s+")
_SUFFIX = re.compile(rf"\s+(?:{'|'.join(EN_AFFIXES)})$")


def nfc(value: object) -> str:
    """Return ``value`` as NFC text with runs of whitespace collapsed and ends trimmed.

    ``None`` and NaN become ``""``.
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


def strip_marks(value: object) -> str:
    """Remove Vietnamese diacritics, keeping case and spacing: ``"Đắk Lắk"`` → ``"Dak Lak"``."""
    decomposed = unicodedata.normalize("NFD", nfc(value).translate(_D_MAP))
    stripped = _LATIN_MARKS.sub("", decomposed)
    if stripped.isascii():
        return stripped
    return "".join(ch for ch in stripped if not unicodedata.combining(ch))


def fold_words(value: object) -> str:
    """Lower-case, diacritic-free words separated by single spaces (punctuation → space).

    >>> fold_words("TX. Vĩnh Châu")
    'tx vinh chau'
    """
    return _SPACES.sub(" ", _NOT_ALNUM.sub(" ", strip_marks(value).lower())).strip()


def fold(value: object) -> str:
    """The comparison key: :func:`fold_words` with the spaces removed."""
    return fold_words(value).replace(" ", "")


def unit_key(value: object) -> str:
    """Key of an administrative unit name with its type words removed.

    Removes one leading type word (``Tỉnh``, ``TP.``, ``Huyện``, ``H.``, ``TX.``, ``Thị trấn``,
    ``Xã``…) and one trailing English one (``district``, ``town``, ``commune``…). Only one
    prefix goes, so "H. Quan Hóa" keeps the "Quan" that is part of the name. Numbered wards
    keep their number; a name that is nothing but a type word is kept whole.

    >>> unit_key("H. Bắc Hà")
    'bacha'
    >>> unit_key("Mang Yang district")
    'mangyang'
    >>> unit_key("Phường 3")
    '3'
    """
    words = fold_words(value)
    stripped = _SUFFIX.sub("", _PREFIX.sub("", words)).strip()
    return (stripped or words).replace(" ", "")


# Python's ``\s`` (what ``str.isspace`` calls a space) written for RE2, pyarrow's regex
# engine, whose own ``\s`` knows ASCII spaces only.
_SPACES_RE2 = r"[\s\v\x{1c}-\x{1f}\x{85}\p{Z}]+"


def _text_array(values: pd.Series) -> pa.Array:
    """A column as arrow text, missing values as empty text."""
    return pa.array(values.fillna("").astype(str).to_numpy(dtype=object), type=pa.string())


def _nfc_array(values: pd.Series) -> pa.Array:
    text = pc.utf8_normalize(_text_array(values), "NFC")
    return pc.utf8_trim(pc.replace_substring_regex(text, _SPACES_RE2, " "), " ")


def _without_marks(text: pa.Array) -> pa.Array:
    text = pc.replace_substring(text, "đ", "d")
    text = pc.replace_substring(text, "Đ", "D")
    text = pc.utf8_normalize(text, "NFD")
    return pc.replace_substring_regex(text, r"\p{M}+", "")


def _series(text: pa.Array, like: pd.Series) -> pd.Series:
    return pd.Series(text.to_pylist(), index=like.index, dtype="str")


def nfc_many(values: pd.Series) -> pd.Series:
    """:func:`nfc` of every value of a column, vectorised; same index, ``str`` dtype.

    >>> nfc_many(pd.Series(["  Lào\u00a0 Cai ", None])).tolist()
    ['Lào Cai', '']
    """
    return _series(_nfc_array(values), values)


def strip_marks_many(values: pd.Series) -> pd.Series:
    """:func:`strip_marks` of every value of a column, vectorised (pyarrow compute, not a
    Python call per name); same index, ``str`` dtype.

    >>> strip_marks_many(pd.Series(["Đắk Lắk"])).tolist()
    ['Dak Lak']
    """
    return _series(_without_marks(_nfc_array(values)), values)


def _fold_words_array(values: pd.Series) -> pa.ChunkedArray | pa.Array:
    """:func:`fold_words` of a whole column at once (pyarrow compute, no Python loop)."""
    text = _without_marks(_text_array(values))
    text = pc.utf8_lower(text)
    text = pc.replace_substring_regex(text, r"[^0-9a-z]+", " ")
    return pc.utf8_trim_whitespace(text)


def fold_many(values: pd.Series) -> pd.Series:
    """:func:`fold` of every value of a column, vectorised; same index as ``values``.

    >>> fold_many(pd.Series(["Hoà Bình", "HOA  BINH"])).tolist()
    ['hoabinh', 'hoabinh']
    """
    words = _fold_words_array(values)
    return pd.Series(pc.replace_substring(words, " ", "").to_pylist(), index=values.index,
                     dtype=object)


def fold_and_unit_keys(values: pd.Series) -> tuple[list[str], list[str]]:
    """:func:`fold` and :func:`unit_key` of every value of a column, folding once.

    >>> fold_and_unit_keys(pd.Series(["H. Bắc Hà"]))
    (['hbacha'], ['bacha'])
    """
    words = _fold_words_array(values)
    stripped = pc.utf8_trim_whitespace(pc.replace_substring_regex(
        pc.replace_substring_regex(words, _PREFIX.pattern, ""), _SUFFIX.pattern, ""))
    kept = pc.if_else(pc.equal(stripped, ""), words, stripped)
    return (pc.replace_substring(words, " ", "").to_pylist(),
            pc.replace_substring(kept, " ", "").to_pylist())
