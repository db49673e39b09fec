"""mkdocs-macros entry point: the macros that hand-written pages may call."""

from __future__ import annotations


def define_env(env) -> None:  # noqa: ANN001 - mkdocs-macros passes its own object
    """Register macros for pages that opt in with `render_macros: true`."""
