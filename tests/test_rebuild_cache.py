"""What `mkdocs serve` keeps between rebuilds (macros/site/rebuild_cache.py) never hides a
problem: a plan whose file did not change is checked again when what it is checked against
(its source text, the reference files) changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.data.loader import load_registry
from macros.data.problems import DataError
from macros.site.rebuild_cache import RebuildCache

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_an_unchanged_plan_is_checked_again_when_its_source_text_changes(tmp_path: Path, registry) -> None:
    shutil.copytree(REPO_ROOT / "data", tmp_path / "data")
    cache = RebuildCache()
    cache.load(load_registry, tmp_path / "data", root=tmp_path)
    again = cache.load(load_registry, tmp_path / "data", root=tmp_path)  # nothing changed: kept, no problem
    assert again.plans.keys() == registry.plans.keys()
    plan = next(iter(registry.plans.values()))
    source = tmp_path / "data" / "sources" / plan.source.file
    title = plan.tasks[0].title
    text = source.read_text(encoding="utf-8")
    assert title in text
    source.write_text(text.replace(title, "Một nhiệm vụ khác hẳn"), encoding="utf-8")
    with pytest.raises(DataError) as err:
        cache.load(load_registry, tmp_path / "data", root=tmp_path)
    assert f"data/plans/{plan.id}.yml" in str(err.value)
    with pytest.raises(DataError) as plain:  # what a full build says about the same files
        load_registry(tmp_path / "data", root=tmp_path)
    assert str(err.value) == str(plain.value)
