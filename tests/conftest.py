"""Shared fixtures: the shipped catalogue, and small report files built in code."""

from __future__ import annotations

import pandas as pd
import pytest

from p8lib.contract import catalogue


@pytest.fixture(scope="session")
def indicator_catalogue() -> pd.DataFrame:
    return catalogue.indicators()
