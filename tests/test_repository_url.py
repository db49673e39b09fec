"""Edit links in a local build open the repository the clone came from (git remote
origin) when REPO_URL is not set; REPO_URL, when set, wins."""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from macros import hooks
from macros.site.repository import repo_url, web_url
from macros.site.urls import Editor

DEFAULT = "https://github.com/cong-ke-hoach-57/cong-ke-hoach-57"


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("git@github.com:so-tt-tinh-a/cong-ke-hoach-57.git", "https://github.com/so-tt-tinh-a/cong-ke-hoach-57"),
        ("https://github.com/so-tt-tinh-a/cong-ke-hoach-57.git\n", "https://github.com/so-tt-tinh-a/cong-ke-hoach-57"),
        ("https://bien-tap:ghp_secret@github.com/a/b.git", "https://github.com/a/b"),  # no credentials in pages
        ("ssh://git@gitlab.example.vn:2222/nhom/cong.git", "https://gitlab.example.vn/nhom/cong"),
        ("/work/main", None),
        ("../cong-ke-hoach-57", None),
        ("", None),
    ],
)
def test_remote_addresses_become_web_addresses(remote: str, url: str | None) -> None:
    assert web_url(remote) == url


def clone_with_origin(tmp_path: Path, origin: str | None) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    if origin:
        subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", origin], check=True)
    return tmp_path


def test_a_local_build_links_to_the_clones_origin(tmp_path: Path) -> None:
    root = clone_with_origin(tmp_path, "git@github.com:so-tt-tinh-a/cong-ke-hoach-57.git")
    config = SimpleNamespace(  # on_config also wraps the theme's get_env and looks for Material's search plugin
        repo_url=DEFAULT, config_file_path=str(root / "mkdocs.yml"), theme=SimpleNamespace(get_env=None), plugins={}
    )
    assert hooks.on_config(config).repo_url == "https://github.com/so-tt-tinh-a/cong-ke-hoach-57"
    editor = Editor(config.repo_url)
    assert editor.line("data/plans/x.yml", 12) == (
        "https://github.dev/so-tt-tinh-a/cong-ke-hoach-57/blob/main/data/plans/x.yml#L12"
    )


def test_repo_url_wins_and_no_origin_keeps_the_setting(tmp_path: Path) -> None:
    root = clone_with_origin(tmp_path / "a", "git@github.com:fork/cong.git")
    assert repo_url("https://github.com/ci/cong", root, {"REPO_URL": "https://github.com/ci/cong"}) == (
        "https://github.com/ci/cong"
    )
    bare = clone_with_origin(tmp_path / "b", None)
    assert repo_url(DEFAULT, bare, {}) == DEFAULT
    assert repo_url(DEFAULT, tmp_path / "not-a-clone", {}) == DEFAULT
