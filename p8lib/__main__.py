"""``python -m p8lib`` — see :mod:`p8lib.cli`."""

import sys

from p8lib.cli import main

if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # last line of defence: a message, never a traceback
        print(f"ERROR: unexpected failure ({type(exc).__name__}: {exc}); please report it",
              file=sys.stderr)
        sys.exit(1)
