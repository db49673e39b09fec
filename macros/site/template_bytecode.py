"""A theme's templates compiled once for the processes of one build.

The page worker (macros/page_worker.py) and the build's own process each make the theme's
Jinja environment, and each compiled Material's page frame (main.html and every template it
includes or imports, a third of a second) on its first page. Compiled once before the fork,
into Jinja's bytecode kept in memory, the worker inherits the compiled templates and the
build's own environment loads their bytecode instead of compiling. Both environments must be
made the same way (the same options, extensions, autoescaping): Jinja's bytecode cache keys a
template by its name and source, not by the settings it was compiled with.
"""

from __future__ import annotations

import jinja2
from jinja2 import meta


class Bytecode(jinja2.BytecodeCache):
    """Jinja's bytecode of compiled templates, in memory (checked against the source on load)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def compile_templates(env: jinja2.Environment, name: str) -> Bytecode:
    """`name` and every template it names (extends, include, import) compiled in `env` and
    kept as bytecode. A template named at render time only (`include "x" ~ y`) is compiled
    when used, as is one that does not compile here (its error is reported where it is used)."""
    env.bytecode_cache = bytecode = Bytecode()
    seen: set[str] = set()
    todo = [name]
    while todo:
        if (name := todo.pop()) in seen:
            continue
        seen.add(name)
        try:
            env.get_template(name)
            source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
            todo += [n for n in meta.find_referenced_templates(env.parse(source)) if n]
        except jinja2.TemplateError:
            continue
    return bytecode
