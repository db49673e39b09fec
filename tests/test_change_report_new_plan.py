"""What reviewers see of a newly added plan and of a long text edited in place (issue 14,
part 5): the plan's rows in compact tables, the importer's guesses and review list, the
verbatim check, and the changed words only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_change_report import FIXTURE, SITE, commit, edit, git, report

NEW_PLAN = "data/plans/demo-kh-2-2025.yml"
REVIEW = "data/reviews/demo-kh-2-2025.yml"
PLAN_URL = f"{SITE}ke-hoach/demo-kh-2-2025/"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(FIXTURE, repo / "data")
    edit(repo, "data/concepts.yml", '    unit: "% dân số"', '    unit: "% dân số"\n    keywords: ["phu song 5g"]')
    revs = {"base": commit(repo, "base")}

    # the importer's draft: the topics and the concept it guesses
    plan = (repo / "data/plans/demo-kh-1-2025.yml").read_text(encoding="utf-8")
    plan = (
        plan.replace('id: "demo-kh-1-2025"', 'id: "demo-kh-2-2025"')
        .replace('file: "demo.txt"', 'file: "demo-2.txt"')
        .replace('topics: ["ha-tang-so", "chinh-quyen-so"]', 'topics: ["ha-tang-so"]')
    )
    (repo / NEW_PLAN).write_text(plan, encoding="utf-8")
    shutil.copy(repo / "data/sources/demo.txt", repo / "data/sources/demo-2.txt")
    (repo / REVIEW).parent.mkdir(exist_ok=True)
    (repo / REVIEW).write_text(  # as scripts/import_source.py writes it
        'plan: "demo-kh-2-2025"\n'
        'source: "demo-2.txt"\n'
        "items:\n"
        '  - message: "Không nhận ra cơ quan “Sở KH&CN”."\n'
        '    alias: {text: "Sở KH&CN", kind: "so-khcn", confidence: 90, accept: false}\n'
        '  - message: "Chủ đề của nhiệm vụ nv-1 đoán theo từ khoá."\n',
        encoding="utf-8",
    )
    revs["plan"] = commit(repo, "a new plan from the importer")

    edit(repo, NEW_PLAN, 'topics: ["ha-tang-so"]', 'topics: ["ha-tang-so", "chinh-quyen-so"]')
    (repo / REVIEW).unlink()
    revs["reviewed"] = commit(repo, "topics reviewed, review list cleared")

    long_note = (
        "Văn bản gốc ghi thời hạn theo quý; ban biên tập đối chiếu với báo cáo sáu tháng đầu năm của "
        "Sở Khoa học và Công nghệ trước khi công bố."
    )
    edit(repo, NEW_PLAN, '    section: "i"\n', f'    section: "i"\n    note: "{long_note}"\n')
    revs["note"] = commit(repo, "an editor's note")
    edit(repo, NEW_PLAN, "báo cáo sáu tháng đầu năm", "báo cáo chín tháng")
    revs["note-edit"] = commit(repo, "the note reworded")
    edit(repo, NEW_PLAN, 'title: "Xây dựng trung tâm dữ liệu tỉnh"', 'title: "Xây dựng trung tâm dữ liệu của tỉnh"')
    revs["altered"] = commit(repo, "a copied title altered")
    return repo, revs


def test_an_added_plan_lists_its_rows_guesses_and_review_list(history) -> None:
    repo, revs = history
    text = report(repo, revs["base"], revs["plan"])
    assert "### Kế hoạch mới cần duyệt: Kế hoạch 1/KH\\-UBND – Tỉnh A\n" in text
    assert (
        "- **Nguyên văn:** cả 8 trường chép nguyên văn (tên, ô cơ quan, thời hạn, mục tiêu, đơn vị) của 1 nhiệm vụ "
        "và 1 chỉ tiêu khớp với văn bản gốc.\n"
    ) in text
    assert (
        "- **Trình nhập đoán, chưa ai sửa:** chủ đề của 1/1 nhiệm vụ, khái niệm so sánh của 1/1 chỉ tiêu "
        "(đánh dấu “đoán” trong bảng dưới). Hãy xem lại từng chủ đề và khái niệm.\n"
    ) in text
    assert f"(`{REVIEW}`, 2 mục): xoá tệp này khi đã xem xong." in text
    assert (
        "- Không nhận ra cơ quan “Sở KH&amp;CN”\\. \\(đề xuất: “Sở KH&amp;CN” là Sở Khoa học và Công nghệ, "
        "độ tin cậy 90 %\\)\n"
    ) in text
    assert (
        "| TT | Nhiệm vụ | Chủ trì | Thời hạn | Chủ đề |\n| --- | --- | --- | --- | --- |\n"
        f"| 1 | [Xây dựng trung tâm dữ liệu tỉnh]({PLAN_URL}#nv-1) | Sở Khoa học và Công nghệ | Quý II/2025 "
        "| Hạ tầng số *(đoán)* |\n"
    ) in text
    assert (
        "| TT | Năm | Chỉ tiêu | Mục tiêu | Đơn vị | Khái niệm so sánh |\n| --- | --- | --- | --- | --- | --- |\n"
        f"| 7\\.10 | 2030 | [Phủ sóng 5G cho người dân]({PLAN_URL}#ct-2030-7-10) | ≥ 99 | % dân số "
        "| Phủ sóng 5G *(đoán)* |\n"
    ) in text


def test_a_reviewed_plan_shows_what_was_changed_by_hand(history) -> None:
    repo, revs = history
    text = report(repo, revs["base"], revs["reviewed"])
    assert "chủ đề của 0/1 nhiệm vụ" in text
    assert "| Hạ tầng số; Chính quyền số |\n" in text, "the reviewed topics carry no “đoán”"
    assert "- Không có danh sách cần xem lại của trình nhập kèm bản nháp.\n" in text


def test_a_changed_long_text_shows_the_changed_words(history) -> None:
    repo, revs = history
    text = report(repo, revs["note"], revs["note-edit"])
    assert (
        "  - Ghi chú của ban biên tập (chữ bị xoá ~~gạch~~, chữ thêm **đậm**): … đối chiếu với "
        "báo cáo ~~sáu~~ **chín** tháng ~~đầu năm~~ của Sở Khoa học và …\n"
    ) in text
    assert text.count("đối chiếu với báo cáo") == 1, "not two whole copies"


def test_a_short_text_keeps_old_and_new(history) -> None:
    repo, revs = history
    text = report(repo, revs["plan"], revs["reviewed"])
    assert "  - Chủ đề: ~~Hạ tầng số \\(ha\\-tang\\-so\\)~~ → Hạ tầng số \\(ha\\-tang\\-so\\); Chính quyền số" in text


def test_an_altered_verbatim_field_is_reported_to_the_reviewer(history) -> None:
    repo, revs = history
    text = report(repo, revs["note-edit"], revs["altered"])
    assert "có 1 lỗi; trang sẽ không dựng được cho đến khi sửa xong:**" in text
    assert (
        "Tên nhiệm vụ “Xây dựng trung tâm dữ liệu của tỉnh” không còn khớp với văn bản gốc \\(demo\\-2\\.txt, "
        "dòng 11–15"
    ) in text
