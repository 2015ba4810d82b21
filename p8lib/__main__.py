"""``python -m p8lib`` — see :mod:`p8lib.cli` (which turns every failure into a message)."""

import sys

from p8lib.cli import main

if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
