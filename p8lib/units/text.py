"""Text normalisation for Vietnamese names and headers.

Two forms are used across p8lib:

* :func:`nfc` — the display form: Unicode NFC, single spaces, trimmed.
* :func:`fold` — the comparison key: lower case, no diacritics (``đ`` → ``d``),
  letters and digits only. ``fold("Hoà Bình") == fold("HOA BINH") == "hoabinh"``, which
  also equates the old and new tone placement (Hoà/Hòa, Thuỷ/Thủy).

And, for unit names: :func:`marked_key`, a key that keeps the diacritics (to tell "Sa Pả"
from "Sa Pa"), and :func:`split_type`, which reads a name's type word ("TT.", "Huyện",
"district"…) apart from the name proper.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

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


# The old tone placement of open "oa", "oe", "uy" (Hoà, Thuỷ) → the new one (Hòa, Thủy), which
# the package's names use: in NFD, a tone right after the bare second vowel of a syllable's
# end moves before it. "qu" + y keeps its tone on the y in both (Quý); a vowel with another
# mark too (Huậ, Hoặc) is not such a syllable.
_OLD_TONES = re.compile(
    r"(?<![qQ])([oOuU])([aeyAEY])([\u0300\u0301\u0303\u0309\u0323])(?![\w\u0300-\u036f])")
_MARKED_NOT_WORD = re.compile(r"[\W_]+")


def marked_key(value: object) -> str:
    """Lower-case letters and digits with their diacritics, tones placed the new way: a key
    that tells "Sa Pả" from "Sa Pa" but "Hoà" not from "Hòa".

    >>> marked_key("P. Sa Pả") == marked_key("p sa pả"), marked_key("Hoà") == marked_key("Hòa")
    (True, True)
    """
    decomposed = unicodedata.normalize("NFD", nfc(value).lower())
    modern = _OLD_TONES.sub(r"\1\3\2", decomposed)
    return _MARKED_NOT_WORD.sub("", unicodedata.normalize("NFC", modern))


# Unit types, each named by the folded word a unit's full name begins with ("Thị trấn Mường Tè"
# → "thitran"): the word a type word is expanded to before the exact full-name look-up.
UNIT_TYPES: dict[str, str] = {
    "tinh": "Tỉnh", "thanhpho": "Thành phố", "huyen": "Huyện", "quan": "Quận",
    "thixa": "Thị xã", "thitran": "Thị trấn", "xa": "Xã", "phuong": "Phường",
    "dackhu": "Đặc khu",
}

# Type words as people write them (folded words) → the unit types they name. Vietnamese
# ones precede the name ("TX. Vĩnh Châu"); English ones may also follow it ("Mang Yang
# district"). English has one word for two Vietnamese types in two places: "district" is a
# huyện or an urban quận, "town" a thị xã (district level) or a thị trấn (commune level);
# no parent has children of both, so the word still decides between siblings.
TYPE_WORDS: dict[str, frozenset[str]] = {word: frozenset(types) for word, types in {
    "tinh": {"tinh"}, "t": {"tinh"}, "province": {"tinh"},
    "thanh pho": {"thanhpho"}, "tp": {"thanhpho"}, "city": {"thanhpho"},
    "huyen": {"huyen"}, "h": {"huyen"}, "district": {"huyen", "quan"},
    "quan": {"quan"}, "q": {"quan"},
    "thi xa": {"thixa"}, "tx": {"thixa"}, "town": {"thixa", "thitran"},
    "thi tran": {"thitran"}, "tt": {"thitran"}, "township": {"thitran"},
    "xa": {"xa"}, "x": {"xa"}, "commune": {"xa"},
    "phuong": {"phuong"}, "p": {"phuong"}, "ward": {"phuong"},
    "dac khu": {"dackhu"},
}.items()}
EN_AFFIXES: tuple[str, ...] = ("province", "city", "district", "township", "town", "commune",
                               "ward")
# Full Vietnamese type words that, without their marks, are also a syllable of names
# ("Phường" / "Phương Sơn", "Quận" / "Quan Hóa", "Tỉnh" / "Tịnh Biên", "Xã" / "Xa Dung",
# "Huyện" / "Huyền Hội"): in a name written with marks only the type's own spelling is a
# type word; in a name written without any, the word may be either (TypedName.sure).
_SYLLABLE_TYPES: dict[str, str] = {"tinh": "tỉnh", "quan": "quận", "xa": "xã",
                                   "phuong": "phường", "huyen": "huyện"}
# Longest first, so that "thi tran" is not read as "thi" nor "township" as "town".
_PREFIX = re.compile(rf"^({'|'.join(sorted(TYPE_WORDS, key=len, reverse=True))}) (.+)$")
_SUFFIX = re.compile(rf"^(.+) ({'|'.join(EN_AFFIXES)})$")
# A ward or urban district written as one word with its number: "P3" ("P.3" folds to "p 3").
_NUMBERED = re.compile(r"^([pq])([0-9]+)$")
_FIRST_WORD = re.compile(r"\W+")


class TypedName(NamedTuple):
    """A unit name read as a type word and the name proper (:func:`split_type`).

    Attributes
    ----------
    types : frozenset of str
        The unit types (keys of :data:`UNIT_TYPES`) its type word names; empty without one.
    base : str
        The folded name without its type words ("muongte" for "TT. Mường Tè"); the whole
        name when it has none or is nothing but a type word.
    whole : str
        :func:`fold` of the whole name, type words included.
    sure : bool
        False when the leading type word, written without marks, may as well be the first
        syllable of the name ("Phuong Son": Phường Sơn or Phương Sơn): both readings count.
    """

    types: frozenset[str]
    base: str
    whole: str
    sure: bool = True


def split_type(value: object, words: str | None = None) -> TypedName:
    """Read a unit name as its type word and the name proper.

    One leading type word (Vietnamese, abbreviated or English) and one trailing English one
    are read; only one leading word goes, so "H. Quan Hóa" keeps the "Quan" of its name.
    ``words``, when given, is :func:`fold_words` of ``value`` already computed (column-wise:
    :func:`fold_words_many`).

    >>> split_type("TT. Mường Tè")
    TypedName(types=frozenset({'thitran'}), base='muongte', whole='ttmuongte', sure=True)
    >>> split_type("Phương Sơn").types  # the syllable Phương, not the type word Phường
    frozenset()
    >>> split_type("Phuong Son").sure
    False
    """
    words = fold_words(value) if words is None else words
    types: frozenset[str] = frozenset()
    sure = True
    rest = words
    if numbered := _NUMBERED.match(words):
        types, rest = TYPE_WORDS[numbered[1]], numbered[2]
    elif prefix := _PREFIX.match(words):
        types, rest = TYPE_WORDS[prefix[1]], prefix[2]
        if prefix[1] in _SYLLABLE_TYPES:
            written = nfc(value)
            if strip_marks(written) == written:
                sure = False
            elif _FIRST_WORD.split(written.lower(), maxsplit=1)[0] != _SYLLABLE_TYPES[prefix[1]]:
                types, rest = frozenset(), words
    if suffix := _SUFFIX.match(rest):
        rest = suffix[1]
        types = types or TYPE_WORDS[suffix[2]]
    return TypedName(types, rest.replace(" ", ""), words.replace(" ", ""), sure)


# The full type word a unit's official name begins with, folded ("Thị trấn Mường Tè").
_FULL_WORDS = sorted((w for w in TYPE_WORDS if w.replace(" ", "") in UNIT_TYPES), key=len,
                     reverse=True)
_FULL_TYPE = re.compile(rf"^({'|'.join(_FULL_WORDS)}) (.+)$")


def split_official(words: str) -> tuple[str, str]:
    """The type (a key of :data:`UNIT_TYPES`) and folded name proper of an official name's
    :func:`fold_words`: it begins with its type's full word, so no reading is in doubt
    ("xa xa dung" is Xã Xa Dung). ``("", name)`` for a name without one.

    >>> split_official("thi tran muong te")
    ('thitran', 'muongte')
    """
    if official := _FULL_TYPE.match(words):
        return official[1].replace(" ", ""), official[2].replace(" ", "")
    return "", words.replace(" ", "")


def unit_key(value: object) -> str:
    """Key of an administrative unit name without its type words (:func:`split_type`).

    >>> unit_key("H. Bắc Hà")
    'bacha'
    >>> unit_key("Mang Yang district")
    'mangyang'
    >>> unit_key("Phường 3")
    '3'
    """
    return split_type(value).base


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


def _words(text: pa.Array) -> pa.Array:
    """Lower-case text without marks → its :func:`fold_words`."""
    return pc.utf8_trim_whitespace(pc.replace_substring_regex(text, r"[^0-9a-z]+", " "))


def _fold_words_array(values: pd.Series) -> pa.ChunkedArray | pa.Array:
    """:func:`fold_words` of a whole column at once (pyarrow compute, no Python loop)."""
    return _words(pc.utf8_lower(_without_marks(_text_array(values))))


def fold_many(values: pd.Series) -> pd.Series:
    """:func:`fold` of every value of a column, vectorised; same index as ``values``.

    >>> fold_many(pd.Series(["Hoà Bình", "HOA  BINH"])).tolist()
    ['hoabinh', 'hoabinh']
    """
    words = _fold_words_array(values)
    return pd.Series(pc.replace_substring(words, " ", "").to_pylist(), index=values.index,
                     dtype=object)


def fold_words_many(values: pd.Series) -> list[str]:
    """:func:`fold_words` of every value of a column, vectorised, as a list.

    >>> fold_words_many(pd.Series(["TX. Vĩnh Châu"]))
    ['tx vinh chau']
    """
    return _fold_words_array(values).to_pylist()


def lower_many(values: pd.Series) -> list[str]:
    """:func:`nfc` of every value of a column, in lower case, vectorised, as a list.

    >>> lower_many(pd.Series([" Thị  Trấn Mường Tè"]))
    ['thị trấn mường tè']
    """
    return pc.utf8_lower(_nfc_array(values)).to_pylist()
