"""What loading data/ costs, in operations: a clean file is checked for NFD text once as a
whole and never pays for its position tables; those are built, right, when a problem needs one."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from macros.data import loader as data_loader
from macros.data import yamlio
from macros.data.loader import load_registry
from macros.data.problems import DataError
from macros.data.yamlio import Position, parse_yaml

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "data"
PLAN = "plans/demo-kh-1-2025.yml"
TODAY = dt.date(2026, 12, 3)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often the loader asks whether a text is NFC, and how often position tables are built."""
    counts = {"is_nfc": 0, "tables": 0}

    def counting(name: str, real: Any) -> Any:
        def call(*args: Any) -> Any:
            counts[name] += 1
            return real(*args)

        return call

    monkeypatch.setattr(data_loader, "is_nfc", counting("is_nfc", data_loader.is_nfc))
    monkeypatch.setattr(yamlio, "_tables", counting("tables", yamlio._tables))
    return counts


def test_a_clean_load_asks_once_per_file_and_builds_no_position_table(data: Path, counted: dict[str, int]) -> None:
    registry = load_registry(data, today=TODAY)
    assert registry.locations  # every task's line is known all the same
    assert counted == {"is_nfc": len(registry.files), "tables": 0}


def test_an_escaped_accent_in_an_nfc_file_is_still_reported(data: Path, counted: dict[str, int]) -> None:
    """`\\u0302` in a double-quoted value is ASCII in the file but an NFD letter once read."""
    path = data / PLAN
    text = path.read_text(encoding="utf-8")
    line = text[: text.index('"Xây dựng trung tâm')].count("\n") + 1
    path.write_text(text.replace('"Xây dựng trung tâm', '"Xây dựng trung ta\\u0302m'), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_registry(data, today=TODAY)
    assert [str(p) for p in raised.value.problems] == [
        f"data/{PLAN}:{line}:12: Văn bản “Xây dựng trung ta\u0302m dữ liệu tỉnh” có chữ tiếng "
        "Việt ở dạng tổ hợp (NFD), thường do dán từ Word hoặc PDF: trông giống nhưng tìm kiếm và so khớp sẽ "
        "sai. Hãy gõ lại đoạn này, hoặc chạy `python scripts/normalize_text.py <tệp>` để chuyển về dạng dựng "
        "sẵn (NFC)."
    ]
    assert counted["tables"] == 1  # built once, for the one file with a problem


def test_positions_built_on_demand_name_every_value_and_key() -> None:
    document = parse_yaml(
        'id: "kh"\n'
        "tasks:\n"
        "  - id: nv-1\n"
        "    line: 12\n"
        "    lead: {raw: 'Sở', agencies: [so-a, so-b]}\n"
        "  - id: nv-2\n"
        "    1: true\n"
        "    note: |\n"
        "      text\n"
        "empty:\n"
    )
    assert document.value["tasks"][1] == {"id": "nv-2", 1: True, "note": "text\n"}
    assert document.values == {
        (): Position(1, 1),
        ("id",): Position(1, 5),
        ("tasks",): Position(3, 3),
        ("tasks", 0): Position(3, 5),
        ("tasks", 0, "id"): Position(3, 9),
        ("tasks", 0, "line"): Position(4, 11),
        ("tasks", 0, "lead"): Position(5, 11),
        ("tasks", 0, "lead", "raw"): Position(5, 17),
        ("tasks", 0, "lead", "agencies"): Position(5, 33),
        ("tasks", 0, "lead", "agencies", 0): Position(5, 34),
        ("tasks", 0, "lead", "agencies", 1): Position(5, 40),
        ("tasks", 1): Position(6, 5),
        ("tasks", 1, "id"): Position(6, 9),
        ("tasks", 1, "1"): Position(7, 8),  # a key's path part is its text as written
        ("tasks", 1, "note"): Position(8, 11),
        ("empty",): Position(10, 7),
    }
    assert document.keys[("tasks", 1, "1")] == Position(7, 5)
    assert document.keys[("tasks", 0, "lead", "agencies")] == Position(5, 23)
    assert document.tags[("tasks", 0, "line")] == ("tag:yaml.org,2002:int", "12")
    assert document.tags[("tasks", 1, "1")] == ("tag:yaml.org,2002:bool", "true")
    assert document.tags[("empty",)] == ("tag:yaml.org,2002:null", "")
    assert document.tags[("tasks", 0, "lead", "raw")] == ("tag:yaml.org,2002:str", "Sở")
    assert document.position(("tasks", 0, "lead", "agencies", 5)) == Position(5, 33)  # nearest known
    assert document.position(("tasks", 1, "titel"), key=True) == Position(6, 5)
