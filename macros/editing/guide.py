"""Live examples for the editing guide (content/huong-dan/): real YAML from data/ and the
validator's real messages, so the guide never drifts from what editors will see.

Exposed to hand-written pages as mkdocs-macros macros (registered by the hook).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from macros.data import fidelity
from macros.data import problems as pm
from macros.data.registry import Registry
from macros.data.yamlio import Position, YamlDocument, YamlProblem

GUIDE_DIR = "huong-dan"
_EXAMPLE = re.compile(r"""\b(task_yaml|indicator_yaml)\(\s*["']([^"']*)["']\s*,\s*["']([^"']*)["']\s*\)""")
_KIND = {"task_yaml": ("task", "nhiệm vụ"), "indicator_yaml": ("indicator", "chỉ tiêu")}


def example_problems(
    registry: Registry, content_dir: Path, *, root: Path, plans: Iterable[str] | None = None
) -> list[pm.Problem]:
    """Every entry the guide's pages embed (task_yaml, indicator_yaml) that the data lacks,
    reported at the page's call, so that deleting an entry fails the check, not the build.
    `plans`: check only the examples of these plans (the fuzz test loads one plan at a time)."""
    wanted = set(plans) if plans is not None else None
    found: list[pm.Problem] = []
    for page in sorted((Path(content_dir) / GUIDE_DIR).glob("*.md")):
        name = next(
            (
                p.relative_to(r).as_posix()
                for p, r in ((page.absolute(), Path(root).absolute()), (page.resolve(), Path(root).resolve()))
                if p.is_relative_to(r)
            ),
            page.as_posix(),
        )
        text = page.read_text(encoding="utf-8")
        for call in _EXAMPLE.finditer(text):
            macro, plan_id, entry_id = call.groups()
            key, noun = _KIND[macro]
            if (wanted is not None and plan_id not in wanted) or (key, plan_id, entry_id) in registry.locations:
                continue
            line = text.count("\n", 0, call.start()) + 1
            column = call.start() - (text.rfind("\n", 0, call.start()) + 1) + 1
            found.append(
                pm.Problem(
                    name,
                    line,
                    column,
                    f"Trang hướng dẫn này lấy {noun} {pm.quote(entry_id)} của kế hoạch {pm.quote(plan_id)} làm ví dụ, "
                    f"nhưng dữ liệu không có mục đó. Hãy khôi phục mục trong data/plans/{plan_id}.yml, "
                    "hoặc sửa ví dụ trên trang này sang một mã đang có.",
                )
            )
    return found


def entry_text(registry: Registry, key: tuple[str, ...]) -> str:
    """The YAML lines of one list item (a task, an indicator), exactly as in its file."""
    location = registry.locations[key]
    lines = registry.files[location.file].splitlines()
    start = location.line - 1
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return "\n".join(line[indent:] for line in lines[start:end]).rstrip()


def message_examples() -> list[tuple[str, str]]:
    """(situation, message) for every kind of problem an editor may meet."""
    document = YamlDocument(
        {"tasks": [{"label": 7.1, "titel": "…", "deadline": "Cuối tháng Mười"}]},
        tags={("tasks", 0, "label"): ("tag:yaml.org,2002:float", "7.10")},
    )
    error = lambda kind, **extra: {"type": kind, "msg": "", "input": extra.pop("input", None), **extra}  # noqa: E731
    return [
        (
            "Giá trị bắt đầu bằng ký tự đặc biệt mà không có ngoặc kép",
            pm.yaml_problem_message(YamlProblem(Position(1, 1), "syntax", "", "    target: > 55")),
        ),
        (
            "Dùng phím Tab để thụt lề",
            pm.yaml_problem_message(YamlProblem(Position(1, 1), "syntax", "", '\ttitle: "…"')),
        ),
        (
            "Một khoá được ghi hai lần trong cùng một mục",
            pm.yaml_problem_message(YamlProblem(Position(9, 1), "duplicate-key", "number@6")),
        ),
        ("Ngày không có thật", pm.yaml_problem_message(YamlProblem(Position(1, 1), "bad-date", "2025-02-30"))),
        (
            "Ký tự ẩn dán từ trang web hay PDF (ký tự điều khiển, ký tự đảo chiều chữ)",
            pm.yaml_problem_message(YamlProblem(Position(1, 1), "invisible", "U+202E")),
        ),
        (
            "Giá trị bắt đầu bằng “!”, “&” hoặc “*” (thẻ, neo YAML) mà không có ngoặc kép",
            pm.yaml_problem_message(YamlProblem(Position(1, 1), "tag", "!Quan")),
        ),
        ("Chữ dán từ Word hoặc PDF (dạng tổ hợp NFD)", pm.nfd_message("Xây dựng trung tâm dữ liệu")),
        (
            "Viết sai tên trường",
            pm.pydantic_message(error("extra_forbidden", renamed="title"), document, ("tasks", 0, "titel")),
        ),
        ("Thiếu trường bắt buộc", pm.pydantic_message(error("missing"), document, ("tasks", 0, "section"))),
        (
            "Số thứ tự như 7.10 không đặt trong ngoặc kép",
            pm.pydantic_message(error("string_type", input=7.1), document, ("tasks", 0, "label")),
        ),
        (
            "Thời hạn viết theo dạng chưa biết",
            pm.pydantic_message(
                error("deadline_unparseable", input="Cuối tháng Mười"), document, ("tasks", 0, "deadline")
            ),
        ),
        (
            "Mã cơ quan, chủ đề hay tỉnh không có trong danh sách",
            pm.unknown_reference_message("loại cơ quan", "so-khcnn", "data/agencies.yml", ["so-khcn"]),
        ),
        ("Hai nhiệm vụ cùng một mã", pm.duplicate_id_message("nhiệm vụ", "nv-1", in_plan=True)),
        (
            "Quên dấu ngoặc kép đóng ở cuối giá trị",
            pm.yaml_problem_message(YamlProblem(Position(1, 1), "unclosed-quote")),
        ),
        (
            "Đường dẫn nguồn của báo cáo không bắt đầu bằng https://",
            pm.pydantic_message(
                error("string_pattern_mismatch", input="www.example.gov.vn/bao-cao"),
                document,
                ("tasks", 0, "updates", 0, "source", "url"),
            ),
        ),
        (
            "Một trường chép nguyên văn (tên, ô cơ quan, thời hạn, mục tiêu, đơn vị) bị sửa khác văn bản gốc",
            fidelity.mismatch_message(
                fidelity.Mismatch(
                    ("title",),
                    "Tên nhiệm vụ",
                    "Xây dựng trung tâm dữ liệu của tỉnh",
                    12,
                    12,
                    "Xây dựng trung tâm dữ liệu tỉnh",
                ),
                "000_c83e7eeb60ffafc7.txt",
            ),
        ),
    ]


def yaml_block(text: str) -> str:
    """A fenced code block holding `text` as written: its fence is longer than any run of
    backticks in the text, so a value from data cannot close it and become Markdown.
    (mkdocs-macros prints a macro's result once; it is never read again as a template.)"""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    return f"{fence}yaml\n{text}\n{fence}"


def macros(registry: Registry) -> dict[str, Callable[..., str]]:
    def task_yaml(plan_id: str, task_id: str) -> str:
        return yaml_block(entry_text(registry, ("task", plan_id, task_id)))

    def indicator_yaml(plan_id: str, indicator_id: str) -> str:
        return yaml_block(entry_text(registry, ("indicator", plan_id, indicator_id)))

    def validator_messages() -> str:
        rows = ["| Khi nào | Thông báo (kèm cách sửa) |", "| --- | --- |"]
        rows += [f"| {when} | {message.replace('|', '&#124;')} |" for when, message in message_examples()]
        return "\n".join(rows)

    def data_counts() -> dict[str, int]:
        return {
            "plans": len(registry.plans),
            "tasks": sum(len(p.tasks) for p in registry.plans.values()),
            "indicators": sum(len(p.indicators) for p in registry.plans.values()),
        }

    return {
        "task_yaml": task_yaml,
        "indicator_yaml": indicator_yaml,
        "validator_messages": validator_messages,
        "data_counts": data_counts,
    }
