"""An mkdocs.yml for another data set that renders exactly like the real site.

Test fixtures and the national-size benchmark build sites from their own data/ and
content/ folders, but with the real theme, hooks, plugins and Markdown extensions, so what
they show or measure is what the real site does. `site_config(docs_dir)` copies the
rendering keys of the real mkdocs.yml and points every path back at this repository;
`write_site(root)` writes it as `root/mkdocs.yml` beside `root/data` and `root/content`.

The real mkdocs.yml carries application tags (`!ENV`, `!!python/name:`), which
yaml.safe_load refuses and yaml.load would execute; KeepTagsLoader keeps them as written
(Tagged) and KeepTagsDumper writes them back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.cli import ROOT

REAL_CONFIG = ROOT / "mkdocs.yml"

# Keys of the real mkdocs.yml that name this repository's own folders: not copied (the
# other site has its own docs_dir and page tree; hooks are pointed back below). Every
# other key shapes how pages render (theme, plugins, extra, extra_css, extra_javascript, …)
# and is copied as it is, so a key added to mkdocs.yml reaches the test and bench sites.
NOT_COPIED = ("docs_dir", "site_dir", "watch", "nav", "hooks")


@dataclass(frozen=True)
class Tagged:
    """A YAML node with an application tag (!ENV, !!python/name:…), kept as written."""

    tag: str
    value: object


class KeepTagsLoader(yaml.SafeLoader):
    pass


class KeepTagsDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node, prefix: str) -> Tagged:
    if isinstance(node, yaml.SequenceNode):
        value: object = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        value = loader.construct_scalar(node)
    return Tagged(prefix + suffix, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


for _prefix in ("!", "tag:yaml.org,2002:python/"):
    KeepTagsLoader.add_multi_constructor(
        _prefix, lambda loader, suffix, node, prefix=_prefix: _construct_tagged(loader, suffix, node, prefix)
    )
KeepTagsDumper.add_representer(Tagged, _represent_tagged)


def load_config(path: Path = REAL_CONFIG) -> dict[str, Any]:
    """An mkdocs.yml as data, its application tags kept as Tagged values."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=KeepTagsLoader)  # noqa: S506 - safe loader subclass


def dump_config(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=KeepTagsDumper, allow_unicode=True, sort_keys=False)


def _generated(src_uri: str) -> bool:
    from macros.site.pages import GENERATED_SECTIONS  # the hooks write these pages whatever docs_dir holds

    return src_uri in GENERATED_SECTIONS or src_uri.split("/", 1)[0] in GENERATED_SECTIONS


def _nav_for(items: list[Any], docs_dir: Path) -> list[Any]:
    """The real nav without the hand-written pages `docs_dir` does not have (e.g. the guide)."""
    kept: list[Any] = []
    for item in items:
        if isinstance(item, dict):
            [(title, target)] = item.items()
            if isinstance(target, list):
                children = _nav_for(target, docs_dir)
                if children:
                    kept.append({title: children})
            elif _generated(target) or (docs_dir / target).is_file():
                kept.append(item)
        elif _generated(item) or (docs_dir / item).is_file():
            kept.append(item)
    return kept


def site_config(docs_dir: Path, *, nav: bool = False) -> dict[str, Any]:
    """The real mkdocs.yml's rendering keys, with every path pointed at the repository.

    nav=True also copies the real page tree, keeping only the pages this site has (the
    generated ones, and hand-written ones present in docs_dir); without it MkDocs builds
    its own from the files.
    """
    real = load_config()
    config = {key: value for key, value in real.items() if key not in NOT_COPIED}
    config["docs_dir"] = str(docs_dir)
    config["theme"] = {**real["theme"], "custom_dir": str(ROOT / "theme_overrides")}
    config["hooks"] = [str(ROOT / hook) for hook in real["hooks"]]
    plugins = []
    for plugin in real["plugins"]:
        if isinstance(plugin, dict) and "macros" in plugin:
            options = dict(plugin["macros"])
            options["module_name"] = str(ROOT / options["module_name"])
            plugin = {"macros": options}
        plugins.append(plugin)
    config["plugins"] = plugins
    if nav and real.get("nav"):
        config["nav"] = _nav_for(real["nav"], Path(docs_dir))
    return config


def write_site(root: Path, *, home: str | None = None, nav: bool = False) -> Path:
    """Write `root/mkdocs.yml` for the site whose data/ and content/ are under `root`.

    home: the text of content/index.md, written when given (the home page needs one).
    Returns the path of mkdocs.yml.
    """
    root = Path(root)
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    if home is not None:
        (content / "index.md").write_text(home, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(dump_config(site_config(content, nav=nav)), encoding="utf-8")
    return config
