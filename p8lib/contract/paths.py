"""Where the shipped files live, resolved from this file (never from the working directory)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
CURATED = DATA / "curated"
GEO = ROOT / "geo"
SHARED = ROOT.parent / "shared"
