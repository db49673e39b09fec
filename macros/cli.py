"""Shared plumbing for the command-line tools in scripts/: paths and friendly failure.

Editors run these tools; an unexpected failure must end in one readable line (with
`--debug` for the traceback), never in a stack trace.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
CONTENT_DIR = ROOT / "content"


def run(main: Callable[[list[str]], int]) -> None:
    """Run a tool's main(argv) and exit with its status; turn crashes into one line."""
    argv = sys.argv[1:]
    debug = "--debug" in argv
    argv = [a for a in argv if a != "--debug"]
    try:
        status = main(argv)
    except KeyboardInterrupt:
        status = 130
    except Exception as err:  # noqa: BLE001 - the last line of defence for editors
        if debug:
            traceback.print_exc()
        print(
            f"Lỗi không mong đợi: {type(err).__name__}: {err}\n"
            "Không có tệp nào bị thay đổi. Hãy chạy lại với --debug và gửi kết quả cho nhóm kỹ thuật.",
            file=sys.stderr,
        )
        status = 2
    sys.exit(status)
