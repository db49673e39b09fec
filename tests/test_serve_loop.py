"""The editor's loop: under `mkdocs serve` as `make serve` runs it (--dirty, not strict), a
saved plan file shows on its page, and only the pages that show that plan are made
again (the time it takes is the benchmark's: scripts/bench.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.bench.serve_loop import FIRST_BUILD_TIMEOUT_S, ServeSession, rebuilt_counts
from macros.bench.site_config import write_site

REPO_ROOT = Path(__file__).resolve().parent.parent
EDITED = "Ghi chú thử của ban biên tập"


def test_a_saved_plan_file_shows_on_its_page_under_serve(tmp_path: Path, registry) -> None:
    shutil.copytree(REPO_ROOT / "data", tmp_path / "data")
    shutil.copytree(REPO_ROOT / "content", tmp_path / "content")
    config = write_site(tmp_path, nav=True)
    plan = next(iter(registry.plans.values()))
    title = next(t.title for t in plan.tasks if '"' not in t.title and "\\" not in t.title)
    url = f"ke-hoach/{plan.id}/"
    with ServeSession(config) as serve:
        serve.wait_for(url, title, FIRST_BUILD_TIMEOUT_S)
        anchor = f'title: "{title}"'  # an editor's note under it: a copied title must stay as written
        serve.edit_and_wait(
            tmp_path / "data" / "plans" / f"{plan.id}.yml", anchor, f'{anchor}\n    note: "{EDITED}"', url, EDITED
        )
        log = serve.output()
    counts = rebuilt_counts(log)
    assert len(counts) >= 2, log[-3000:]
    (first, total), *_, (again, total_again) = counts
    assert first == total  # the first build makes every page
    assert total_again == total
    # the plan's pages and the pages that sum up every plan, not the other plans' agencies and provinces
    assert 0 < again < total / 2, f"rebuilt {again} of {total} pages after one plan edit"
