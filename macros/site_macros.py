"""mkdocs-macros entry point for hand-written pages that opt in with `render_macros: true`.

The macros themselves (live examples for the editing guide, data counts) are registered
by macros/hooks.py once the data is loaded, so data/ is read once per build.
"""

from __future__ import annotations


def define_env(env) -> None:  # noqa: ANN001 - mkdocs-macros passes its own object
    """Nothing to add here: see macros.editing.guide.macros and macros.hooks.on_files."""
