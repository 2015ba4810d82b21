"""p8lib/memo.py: results kept per object while it lives, never handed to another object."""

from __future__ import annotations

import gc

import pandas as pd

from p8lib.memo import ByIdentity


def _counting(fn):
    calls = []

    def counted(*args):
        calls.append(args)
        return fn(*args)
    return counted, calls


def test_a_result_is_made_once_per_object_and_argument():
    fn, calls = _counting(lambda frame, n: frame.head(n))
    memo = ByIdentity(fn)
    frame = pd.DataFrame({"a": range(10)})
    first = memo(frame, 3)
    assert memo(frame, 3) is first
    assert len(memo(frame, 5)) == 5
    assert len(calls) == 2


def test_an_equal_but_other_object_gets_its_own_result():
    fn, calls = _counting(lambda frame: frame["a"].sum())
    memo = ByIdentity(fn)
    one, two = pd.DataFrame({"a": [1, 2]}), pd.DataFrame({"a": [1, 2]})
    memo(one), memo(two)
    assert len(calls) == 2


def test_results_go_when_their_object_goes():
    memo = ByIdentity(lambda frame: frame["a"].tolist())
    frame = pd.DataFrame({"a": [1]})
    memo(frame)
    assert len(memo) == 1
    del frame
    gc.collect()
    assert len(memo) == 0


def test_an_object_at_a_dead_ones_address_is_not_handed_its_result():
    memo = ByIdentity(lambda frame: frame["a"].tolist())
    seen = {}
    for value in range(200):  # frames made and dropped: CPython reuses their addresses
        frame = pd.DataFrame({"a": [value]})
        assert memo(frame) == [value]
        seen.setdefault(id(frame), value)
        del frame
    assert len(seen) < 200  # an address was reused, and each frame got its own result


def test_several_objects_all_must_be_the_same():
    fn, calls = _counting(lambda left, right, lang: f"{len(left)}/{len(right)}/{lang}")
    memo = ByIdentity(fn, objects=2)
    left, right, other = (pd.DataFrame({"a": range(n)}) for n in (1, 2, 2))
    assert memo(left, right, "vi") == "1/2/vi"
    memo(left, right, "vi")
    memo(left, other, "vi")
    memo(left, right, "en")
    assert len(calls) == 3


def test_a_result_that_is_the_object_is_not_kept():
    frame = pd.DataFrame({"a": [1]})
    memo = ByIdentity(lambda f: f)
    assert memo(frame) is frame
    assert len(memo) == 0  # else the memo would keep the frame alive for ever
