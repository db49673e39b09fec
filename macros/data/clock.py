"""The one "today" of a run: what deadlines, badges and progress reports are judged against.

Decided once, when the data is loaded (`load_registry`), and carried by the registry, so
the validator, the pages and the downloads of one build never disagree. GP_TODAY=YYYY-MM-DD
fixes it (tests, reproducible builds).
"""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    given = os.environ.get("GP_TODAY")
    return dt.date.fromisoformat(given) if given else dt.date.today()
