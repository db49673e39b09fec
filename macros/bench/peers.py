"""The portal's search against its peers, on the same site, with the same query, in the same run.

- Pagefind (the `pagefind-bin` package ships its binary): indexes a copy of the built site,
  each page's content (`article`, not the menus). The copy's home page, with Pagefind's
  JavaScript API added, asks it the benchmark's query (from ?pf=, so that Material's own
  box, which reads ?q=, stays idle) and shows the first result's title at the top of the
  content: the same page, the same load event as the portal's `search` scenario. Its
  Content-Security-Policy gets 'wasm-unsafe-eval' in that copy only (the portal's forbids
  WebAssembly). Its scripts, WebAssembly and index come from its own output folder
  (pagefind/), nothing from elsewhere.
- Stock Material: the same data built again with Material's search plugin and its own
  worker: a copy of the theme folder without the portal's main.html (which points the search
  box at the portal's worker), and stock_search_hook.py letting every page back into
  Material's index. Opened at the home page with ?q=, like the portal's `search` scenario.

browser.first_results samples them in the same rounds as the portal's scenarios; `compare`
gives the ratios (peer ÷ portal: how many times faster to the first result after the load
event, how many times more gzip bytes before it). Writes only inside the folder it is given.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from macros.bench.browser import QUERY, Scenario
from macros.bench.measure import build_once
from macros.bench.site_config import dump_config, load_config

PAGEFIND_PACKAGE = "pagefind-bin"
PAGEFIND_ROOT = "article"  # the page's content, as the portal's own index has it
PEER_DIR = "__gp-peer__"  # the Pagefind query script, written into the copy only
PEER_PAGE = f"{PEER_DIR}.html"  # the copy's home page with Pagefind added (at the root: its links stay right)
PEER_QUERY = "pf"
STOCK_HOOK = Path(__file__).with_name("stock_search_hook.py")
PORTAL_MAIN = "main.html"  # the theme override that swaps Material's worker for the portal's
INDEX_TIMEOUT_S = 10 * 60
# the portal's scenarios each peer is set against
PORTAL_SCENARIOS = ("search", "explorer_query")
GOAL_PEER = "pagefind"
GOAL_SPEEDUP = 3  # the goal: at least three times faster than Pagefind, with fewer bytes

PAGEFIND = Scenario(
    "pagefind",
    "Pagefind (trang chủ của cổng, API JavaScript)",
    f"{PEER_PAGE}?{PEER_QUERY}=" + QUERY.replace(" ", "+"),
    ".gp-peer-result",
    peer="pagefind",
)
MATERIAL = Scenario(
    "material",
    "Material nguyên bản (/?q=…)",
    "?q=" + QUERY.replace(" ", "+"),
    ".md-search-result__item",
    peer="material",
)

WASM_CSP = ("script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';")  # in the copy only
# The query from ?pf=, Pagefind's search, then the first result's record: its title, shown.
PAGEFIND_JS = f"""const query = new URLSearchParams(location.search).get("{PEER_QUERY}")
const pagefind = await import("../pagefind/pagefind.js")
const search = await pagefind.search(query)
const first = search.results[0]
if (first) {{
  const data = await first.data()
  const list = document.createElement("ol")
  const item = document.createElement("li")
  const link = document.createElement("a")
  item.className = "gp-peer-result"
  link.href = data.url
  link.textContent = data.meta.title
  item.append(link)
  list.append(item)
  document.querySelector("article").prepend(list)
}}
"""


def pagefind_page(home: str) -> str:
    """The portal's home page with Pagefind's query script added (and WebAssembly allowed)."""
    if WASM_CSP[0] not in home or "</body>" not in home:
        raise RuntimeError("the home page has no script-src 'self' policy or no </body>: cannot add Pagefind")
    script = f'<script type="module" src="{PEER_DIR}/peer.js"></script>\n</body>'
    return home.replace(WASM_CSP[0], WASM_CSP[1], 1).replace("</body>", script, 1)


@dataclass(frozen=True)
class Peer:
    scenario: Scenario
    site: Path  # the folder served for it
    about: dict[str, Any]  # version, how long its index or build took, its size


def _tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def pagefind_executable() -> str:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SystemExit(
            f"Thiếu Pagefind: chạy `make setup-test` (gói {PAGEFIND_PACKAGE}), hoặc dùng --no-peers."
        ) from None
    return str(get_executable())


def pagefind_site(site: Path, folder: Path) -> Peer:
    """A copy of the built site with Pagefind's index and the page that asks it the query."""
    copy = folder / "pagefind-site"
    shutil.copytree(site, copy)
    start = time.perf_counter()
    proc = subprocess.run(
        [pagefind_executable(), "--site", str(copy), "--root-selector", PAGEFIND_ROOT, "--silent"],
        capture_output=True,
        text=True,
        timeout=INDEX_TIMEOUT_S,
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"pagefind exited with {proc.returncode}: {proc.stderr[-2000:]}")
    (copy / PEER_DIR).mkdir()
    (copy / PEER_DIR / "peer.js").write_text(PAGEFIND_JS, encoding="utf-8")
    home = (copy / "index.html").read_text(encoding="utf-8")
    (copy / PEER_PAGE).write_text(pagefind_page(home), encoding="utf-8")
    try:
        release = version(PAGEFIND_PACKAGE)
    except PackageNotFoundError:  # the binary found some other way
        release = "?"
    return Peer(
        PAGEFIND,
        copy,
        {"version": release, "index_s": round(seconds, 2), "bundle_bytes": _tree_bytes(copy / "pagefind")},
    )


def stock_material_config(config: Path, folder: Path) -> Path:
    """`folder/mkdocs.yml`: the data set's config with Material's own search (see the module
    docstring), every path made absolute; data/ is linked beside it, where the hooks look."""
    config = config.resolve()
    base = config.parent
    settings = load_config(config)

    def here(path: Any) -> str:
        return str((base / str(path)).resolve())

    theme = folder / "theme"
    shutil.copytree(here(settings["theme"]["custom_dir"]), theme, ignore=lambda d, names: [PORTAL_MAIN])
    settings["theme"] = {**settings["theme"], "custom_dir": str(theme)}
    settings["docs_dir"] = here(settings.get("docs_dir", "docs"))
    settings["hooks"] = [here(hook) for hook in settings.get("hooks", [])] + [str(STOCK_HOOK)]
    plugins = []
    for plugin in settings.get("plugins", []):
        if isinstance(plugin, dict) and "macros" in plugin:
            plugin = {"macros": {**plugin["macros"], "module_name": here(plugin["macros"]["module_name"])}}
        plugins.append(plugin)
    settings["plugins"] = plugins
    settings.pop("watch", None)  # paths for `mkdocs serve` only
    (folder / "data").symlink_to(base / "data", target_is_directory=True)
    path = folder / "mkdocs.yml"
    path.write_text(dump_config(settings), encoding="utf-8")
    return path


def stock_material_site(config: Path, folder: Path) -> Peer:
    """The same data built with stock Material search; raises BuildFailed."""
    folder.mkdir(parents=True, exist_ok=True)
    site = folder / "site"
    build = build_once(stock_material_config(config, folder), site, 1)
    index = site / "search" / "search_index.json"
    return Peer(
        MATERIAL,
        site,
        {
            "version": version("mkdocs-material"),
            "build_s": round(build["wall_s"], 2),
            "index_bytes": index.stat().st_size if index.is_file() else 0,
        },
    )


def prepare_peers(config: Path, site: Path, folder: Path, log: Callable[[str], None]) -> list[Peer]:
    """Pagefind on a copy of `site`, and stock Material built from `config`, under `folder`."""
    log("Pagefind: lập chỉ mục bản sao của trang đã dựng…")
    pagefind = pagefind_site(site, folder)
    log("Material nguyên bản: dựng lại với ô tìm kiếm của Material…")
    return [pagefind, stock_material_site(config, folder / "material")]


def _ratio(peer: float, portal: float) -> float:
    return round(peer / max(portal, 0.1), 2)


def _speedup(peer: dict[str, Any], portal: dict[str, Any]) -> float:
    """Times faster after the load event, the issue's measure; from navigation start when
    the portal's result came before its own load event (a time after load of zero or less
    would make any ratio meaningless)."""
    if portal["from_load_ms"] <= 0:
        return _ratio(peer["first_ms"], portal["first_ms"])
    return _ratio(peer["from_load_ms"], portal["from_load_ms"])


def compare(first: dict[str, Any], peers: list[Peer]) -> dict[str, Any]:
    """Each peer's figures and how many times faster (time after load, the issue's measure;
    and from navigation start) and lighter (gzip bytes before the first result) each portal
    scenario is."""
    scenarios = first["scenarios"]
    out: dict[str, Any] = {"query": first["query"], "peers": {}}
    for peer in peers:
        measured = scenarios[peer.scenario.key]
        out["peers"][peer.scenario.key] = {
            **peer.about,
            "label": peer.scenario.label,
            "from_load_ms": measured["from_load_ms"],
            "first_ms": measured["first_ms"],
            "gzip_before_first_bytes": measured["before_first"]["gzip_bytes"],
            "files_before_first": measured["before_first"]["files"],
            "against": {
                key: {
                    "speedup": _speedup(measured, scenarios[key]),
                    # from navigation start: what a reader waits for in all
                    "speedup_from_navigation": _ratio(measured["first_ms"], scenarios[key]["first_ms"]),
                    "gzip_ratio": _ratio(
                        measured["before_first"]["gzip_bytes"], scenarios[key]["before_first"]["gzip_bytes"]
                    ),
                }
                for key in PORTAL_SCENARIOS
                if key in scenarios
            },
        }
    return out


def goal_checks(comparison: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's goal, one check per portal scenario: ≥ ×3 faster than Pagefind, fewer bytes."""
    peer = comparison["peers"].get(GOAL_PEER)
    if peer is None:
        return []
    return [
        {
            "what": f"{key}: faster than Pagefind",
            "target": f"≥ ×{GOAL_SPEEDUP:g}, ít byte hơn",
            "value": ratios["speedup"],
            "unit": "×",
            "pass": ratios["speedup"] >= GOAL_SPEEDUP and ratios["gzip_ratio"] > 1,
        }
        for key, ratios in peer["against"].items()
    ]
