"""Allow ``python -m solecheck``."""

from solecheck.cli import main

raise SystemExit(main())
