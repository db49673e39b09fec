"""Nhập một văn bản kế hoạch: đọc văn bản gốc và viết bản nháp dữ liệu YAML.

Import one plan's source: a Word file (.docx), a PDF with a text layer, a page saved from
a legal-document website (.html) or a text (.txt); the first three are converted to a
text in one of the layouts (pipe-cell, cell-per-line or narrative), which is stored with
the original in data/sources/. Parse it and write a draft `data/plans/<plan-id>.yml` plus the narrative
`content/ke-hoach/<plan-id>.md` for an editor to review. Existing files are never
overwritten unless --force is given. The draft is checked by the validator at the end.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's macros/, not another clone's

from macros.cli import CONTENT_DIR, DATA_DIR, ROOT, run
from macros.data.loader import load_registry
from macros.data.model import SLUG_PATTERN
from macros.data.problems import DataError
from macros.data.text import slugify
from macros.data.yamlio import dump_yaml
from macros.editing.importer import SourceFormatError, narrative_markdown, parse_source
from macros.editing.importer.parse import Converted, convert_document
from macros.editing.plan_builder import PlanBuilder
from macros.editing.review import HEADER as REVIEW_HEADER
from macros.editing.review import REVIEWS_DIR, review_document

PLAN_HEADER = (
    "# yaml-language-server: $schema=../schema/plan.schema.json\n"
    "# Bản nháp do scripts/import_source.py tạo từ văn bản gốc; ban biên tập rà soát trước khi công bố.\n"
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Nhập văn bản kế hoạch thành bản nháp dữ liệu YAML.")
    parser.add_argument("source", help="tệp văn bản gốc: .docx, .pdf có lớp chữ, .html lưu từ trang văn bản, hoặc .txt")
    parser.add_argument("--plan-id", required=True, help="mã kế hoạch, ví dụ nam-dinh-kh-29-2025")
    parser.add_argument("--province", required=True, help="mã tỉnh trong data/provinces.yml, ví dụ nam-dinh")
    parser.add_argument("--data", default=str(DATA_DIR), help="thư mục dữ liệu (mặc định data/)")
    parser.add_argument("--content", default=str(CONTENT_DIR), help="thư mục nội dung (mặc định content/)")
    parser.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    parser.add_argument("--dry-run", action="store_true", help="chỉ in bản nháp, không ghi tệp")
    args = parser.parse_args(argv)
    data_dir, content_dir = Path(args.data), Path(args.content)
    if not re.fullmatch(SLUG_PATTERN, args.plan_id) or len(args.plan_id) > 80:
        print(
            f"Mã kế hoạch “{args.plan_id}” không hợp lệ: mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch "
            "ngang (không có “/”, “..”, dấu cách hay chữ hoa), ví dụ nam-dinh-kh-29-2025."
        )
        return 1

    try:
        refs = load_registry(data_dir, root=ROOT, include_plans=False)
    except DataError as err:
        print("Dữ liệu tham chiếu (tỉnh, cơ quan, chủ đề) đang có lỗi, sửa trước khi nhập:")
        print(err)
        return 1
    if args.province not in refs.provinces:
        print(f"Không có tỉnh mã “{args.province}” trong data/provinces.yml. Các mã: {', '.join(refs.provinces)}.")
        return 1

    source = Path(args.source)
    if not source.is_file():
        print(f"Không tìm thấy tệp văn bản gốc: {source}")
        return 1
    try:
        converted = convert_document(source)
        original, text_name = stored_names(source, converted)
        draft = parse_source(source, converted, name=text_name, original=original)
    except SourceFormatError as err:
        where = f"{err.path}:{err.line}" if err.line else err.path
        print(f"{where}: không đọc được văn bản gốc: {err.message}. Không ghi tệp nào.")
        return 1

    result = PlanBuilder(refs).build(draft, plan_id=args.plan_id, province_id=args.province)
    if not result.plan.get("tasks"):
        print(
            f"{source}: không nhận ra bố cục của văn bản (không tìm thấy nhiệm vụ nào: không có bảng phụ lục "
            "với cột “Tên nhiệm vụ”, cũng không có mục đánh số trong phần lời văn). Không ghi tệp nào. "
            "Hãy kiểm tra tệp có đúng là toàn văn kế hoạch không (xem data/sources/README.md)."
        )
        return 1
    plan_text = dump_yaml(result.plan, header=PLAN_HEADER)
    narrative = narrative_markdown(draft, omit_items=result.tasks_from_narrative)
    extraction_warnings = converted.warnings if converted else ()
    review = [{"message": w} for w in extraction_warnings] + result.review
    review_text = dump_yaml(review_document(args.plan_id, text_name, review), header=REVIEW_HEADER)
    plan_path = inside(data_dir / "plans", f"{args.plan_id}.yml")
    review_path = inside(data_dir / REVIEWS_DIR, f"{args.plan_id}.yml")
    narrative_path = inside(content_dir / "ke-hoach", f"{args.plan_id}.md")
    stored_source = inside(data_dir / "sources", text_name)
    stored_original = inside(data_dir / "sources", original) if original else None
    if None in (plan_path, narrative_path, review_path, stored_source) or (original and not stored_original):
        print("Đường dẫn ghi ra nằm ngoài data/plans/, content/ke-hoach/ hoặc data/sources/; không ghi tệp nào.")
        return 1

    plan = result.plan
    print(
        f"{source.name}: bố cục {draft.layout}; {len(plan.get('indicators', []))} chỉ tiêu, "
        f"{len(plan.get('tasks', []))} nhiệm vụ"
        + (" (lấy từ phần lời văn)" if result.tasks_from_narrative else "")
        + f", {len(plan.get('sections', []))} mục."
    )
    for warning in [*extraction_warnings, *result.warnings]:
        print(f"  cần xem lại: {warning}")
    if args.dry_run:
        print(plan_text)
        return 0

    existing = [p for p in (plan_path, narrative_path, review_path) if p.exists()]
    if existing and not args.force:
        print("Đã có tệp, không ghi đè (dùng --force nếu thật sự muốn thay):")
        for path in existing:
            print(f"  {path}")
        return 1
    stored = [(stored_source, converted.text.encode("utf-8") if converted else source.read_bytes())]
    if stored_original is not None:
        stored.append((stored_original, source.read_bytes()))
    for path, data in stored:  # data/sources/ is add-only: never replace a different file
        if path.exists() and path.read_bytes() != data:
            print(f"{path} đã có với nội dung khác; không ghi đè, không ghi tệp nào. Hãy đổi tên tệp văn bản gốc.")
            return 1
    for path in existing:
        published = " (kế hoạch đang công bố: bản rà soát của ban biên tập sẽ bị thay)" if path == plan_path else ""
        print(f"Ghi đè {path}{published}. Bản cũ vẫn còn trong git (git diff, git checkout -- <tệp>).")
    for path, data in stored:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(
                f"Đã cất {'văn bản gốc' if path == stored_original or not converted else 'chữ lấy từ tệp gốc'} "
                f"vào {path}"
            )
    plan_path.parent.mkdir(parents=True, exist_ok=True)
    narrative_path.parent.mkdir(parents=True, exist_ok=True)
    plan_path.write_text(plan_text, encoding="utf-8")
    narrative_path.write_text(narrative, encoding="utf-8")
    print(f"Đã ghi {plan_path} và {narrative_path}.")
    if review:
        review_path.parent.mkdir(parents=True, exist_ok=True)
        review_path.write_text(review_text, encoding="utf-8")
        print(f"Đã ghi {len(review)} mục cần xem lại vào {review_path} (xoá tệp khi đã xem hết).")
    elif review_path.exists():
        review_path.unlink()

    try:
        load_registry(data_dir, root=ROOT)
    except DataError as err:
        print("Bản nháp cần sửa trước khi dựng trang:")
        print(err)
        return 1
    print("Bản nháp hợp lệ. Bước tiếp theo: rà soát tệp, rồi chạy make serve để xem trang.")
    return 0


def stored_names(source: Path, converted: Converted | None) -> tuple[str | None, str]:
    """(original, text) names in data/sources/: a text source keeps its name; a Word, PDF or
    HTML file gets an ASCII name ("Kế hoạch 12.docx" -> "ke-hoach-12.docx") and its text
    that name plus ".txt", which the plan's line numbers cite."""
    if converted is None:
        return None, source.name
    original = f"{slugify(source.stem) or 'van-ban'}{source.suffix.lower()}"
    return original, f"{original}.txt"


def inside(folder: Path, name: str) -> Path | None:
    """folder/name resolved, or None when it would leave `folder` (a "../" or absolute name)."""
    base = folder.resolve()
    target = (base / name).resolve()
    return target if target.parent == base else None


if __name__ == "__main__":
    run(main)
