"""The editor's loop: under `mkdocs serve` as `make serve` runs it (--dirty, not strict), a
saved plan file shows on its page at once, the other pages that show that plan and the
open-data files follow in one more rebuild, and nothing else is made again (the time it
takes is the benchmark's: scripts/bench.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.bench.serve_loop import CHANGE_TIMEOUT_S, FIRST_BUILD_TIMEOUT_S, ServeSession, rebuilt_counts
from macros.bench.site_config import write_site
from macros.site import datapackage, urls
from macros.site.pages import Site, page_plan

REPO_ROOT = Path(__file__).resolve().parent.parent
EDITED = "Ghi chú thử của ban biên tập"
LATER_DONE = "Cổng: đã làm xong"  # the log line of the work left for right after a rebuild


def test_a_saved_plan_file_shows_on_its_page_under_serve(tmp_path: Path, registry) -> None:
    shutil.copytree(REPO_ROOT / "data", tmp_path / "data")
    shutil.copytree(REPO_ROOT / "content", tmp_path / "content")
    config = write_site(tmp_path, nav=True)
    plan = next(iter(registry.plans.values()))
    plan_file = f"data/plans/{plan.id}.yml"
    title = next(t.title for t in plan.tasks if '"' not in t.title and "\\" not in t.title)
    url = urls.page_url(urls.plan(plan.id))
    with ServeSession(config) as serve:
        serve.wait_for(url, title, FIRST_BUILD_TIMEOUT_S)
        anchor = f'title: "{title}"'  # an editor's note under it: a copied title must stay as written
        serve.edit_and_wait(tmp_path / plan_file, anchor, f'{anchor}\n    note: "{EDITED}"', url, EDITED)
        serve.wait_for(datapackage.JSON_FILE, EDITED, CHANGE_TIMEOUT_S)  # the open data follows
        log = serve.wait_for_output(LATER_DONE, CHANGE_TIMEOUT_S)
        log = serve.wait_for_output("Cổng: dựng lại", CHANGE_TIMEOUT_S, count=3)
    planned = page_plan(Site(registry, narratives={}, today=registry.today))
    opened_from_it = [p for p in planned if p.edit_path == plan_file]  # the plan's page and its source page
    showing_it = [p for p in planned if p.data_files is None or plan_file in p.data_files or p in opened_from_it]
    (first, total), (now, _), (after, _) = rebuilt_counts(log)[:3]
    assert first == total == len(planned)  # the first build makes every page
    assert now == len(opened_from_it) == 2, log[-3000:]
    # then the summaries and the pages that list that plan's tasks: not the other plans' pages
    assert now + after == len(showing_it) < total, log[-3000:]
