"""The typed data model: what a plan, task, indicator, agency and topic are.

These pydantic models are the contract of every YAML file in data/ (and the source of
the JSON Schema editors get). They check one file at a time; references between files
are checked by `registry.load_registry`. No MkDocs import here.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from macros.data.deadlines import Deadline, DeadlineKind, DeadlineParseError, parse_deadline
from macros.data.targets import Target, parse_target

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, Strict(), StringConstraints(min_length=1)]
Label = Annotated[str, Strict()]  # row/item labels as written: "7.10" must stay a string


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


# --- reference data --------------------------------------------------------------------


class Province(Model):
    id: Slug
    name: Text
    """Tên tỉnh/thành phố như viết trong văn bản, ví dụ "Nam Định"."""
    kind: Literal["tinh", "thanh-pho"] = "tinh"
    """tinh = tỉnh; thanh-pho = thành phố trực thuộc trung ương."""
    merged_into: Slug | None = None
    """Đơn vị hành chính kế thừa sau sáp nhập (mã tỉnh)."""
    merged_on: dt.date | None = None
    merge_basis: Text | None = None
    """Văn bản làm căn cứ sáp nhập, ví dụ "Nghị quyết 202/2025/QH15"."""
    note: Text | None = None


AgencyCategory = Literal[
    "so-nganh",  # a provincial department or office
    "luc-luong",  # police, military
    "trung-uong-dia-phuong",  # central bodies located in the province (bank branch, statistics, tax, social insurance)
    "dang-doan-the",  # party and mass organisations
    "chinh-quyen-dia-phuong",  # district/commune governments
    "bao-chi",  # press, broadcasting, portal
    "doanh-nghiep-hiep-hoi",  # businesses and associations
    "nhom-co-quan",  # collective wording: "các sở, ban, ngành", "các cơ quan liên quan"
    "trung-uong",  # central ministries
]


class AgencyKind(Model):
    """A kind of agency that exists in many provinces (e.g. every Sở Khoa học và Công nghệ)."""

    id: Slug
    name: Text
    short_name: Text | None = None
    category: AgencyCategory
    aliases: list[Text] = Field(default_factory=list)
    """Cách viết khác nhau trong văn bản, để nhập liệu tự động nhận ra cơ quan."""
    province: Slug | None = None
    """Chỉ có ở một tỉnh (ví dụ UBND thành phố Mỹ Tho)."""
    successor: Slug | None = None
    """Loại cơ quan tiếp nhận chức năng sau hợp nhất năm 2025."""
    successor_since: dt.date | None = None
    ended_on: dt.date | None = None
    """Ngày chấm dứt hoạt động (ví dụ cấp huyện từ 01/7/2025)."""
    change_note: Text | None = None
    """Giải thích thay đổi tổ chức cho người đọc."""


class CompoundAlias(Model):
    """A wording that names several kinds at once ("Các sở, ngành, địa phương")."""

    alias: Text
    kinds: list[Slug] = Field(min_length=2)


class AgencyRegistryFile(Model):
    kinds: list[AgencyKind]
    compound_aliases: list[CompoundAlias] = Field(default_factory=list)


class Topic(Model):
    id: Slug
    code: Annotated[str, Strict(), StringConstraints(pattern=r"^T\d{2}$")]
    name: Text
    short_name: Text
    description: Text
    for_tasks: bool = True
    """False cho chủ đề chỉ dùng cho phần tổ chức thực hiện."""
    headings: list[Text] = Field(default_factory=list)
    """Cụm từ (không dấu) nhận ra tiêu đề mục nhiệm vụ thuộc chủ đề này."""
    keywords: list[Text] = Field(default_factory=list)
    """Từ khoá (có dấu, khớp nguyên từ) để gợi ý chủ đề khi nhập liệu."""
    not_keywords: list[Text] = Field(default_factory=list)
    """Cụm từ chứa từ khoá nhưng không nói về chủ đề (ví dụ “Thông tin và Truyền thông”, tên sở): bỏ qua."""


class Concept(Model):
    """An indicator concept that lines up the same measure across provinces."""

    id: Slug
    name: Text
    topic: Slug
    """Chủ đề của chỉ tiêu, để trang chủ đề liệt kê chỉ tiêu."""
    unit: Text | None = None
    better: Literal["higher", "lower", "none"] = "higher"
    """higher: số lớn hơn là tốt hơn; lower: thứ hạng, số nhỏ hơn là tốt hơn."""
    description: Text | None = None
    keywords: list[Text] = Field(default_factory=list)
    """Cụm từ (không dấu) trong tên chỉ tiêu để nhập liệu gợi ý khái niệm này."""


# --- plans ----------------------------------------------------------------------------


class Status(str, Enum):
    NOT_STARTED = "chua-bat-dau"
    IN_PROGRESS = "dang-thuc-hien"
    DONE = "hoan-thanh"
    LATE = "cham-tien-do"
    SUSPENDED = "tam-dung"


class SourceLink(Model):
    title: Text
    url: Annotated[str, Strict(), StringConstraints(pattern=r"^https://\S+$")]


class ProgressUpdate(Model):
    date: dt.date
    status: Status | None = None
    note: Text
    """Ghi chú tiến độ, viết bằng Markdown (không dùng HTML)."""
    source: SourceLink


class AgencyCell(Model):
    """An agency cell as written, and the agency kinds it names."""

    raw: Annotated[str, Strict()]
    """Ô cơ quan chép nguyên văn từ văn bản gốc."""
    agencies: list[Slug] = Field(default_factory=list)
    """Mã các loại cơ quan mà ô này nêu tên (trong data/agencies.yml)."""


class Provenance(Model):
    """Where a task or indicator sits in its source text, for the link back."""

    kind: Literal["appendix", "narrative"]
    """appendix: hàng trong bảng phụ lục; narrative: mục trong phần lời văn."""
    appendix: Slug | None = None
    """Mã phụ lục trong kế hoạch (pl1, pl2)."""
    group: Label | None = None
    """Nhóm trong bảng, như viết (I, II, …)."""
    path: Label | None = None
    """Vị trí trong phần lời văn, ví dụ "III.1" cho mục 1 của phần III."""
    line: Annotated[int, Strict()] = Field(ge=1)
    """Dòng đầu tiên trong văn bản gốc (data/sources/)."""
    line_end: Annotated[int, Strict()] | None = Field(default=None, ge=1)
    verbatim: bool = True
    """false cho mục ban biên tập tự viết, không chép nguyên văn từ văn bản gốc (không đối chiếu từng chữ)."""


class DeadlineOverride(Model):
    """A deadline the parser cannot read, with its kind given by hand."""

    raw: Text
    kind: DeadlineKind
    year: int | None = None
    quarter: int | None = Field(default=None, ge=1, le=4)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    year_to: int | None = None

    @model_validator(mode="after")
    def _check_fields_of_kind(self) -> DeadlineOverride:
        """A dated kind needs its date: without it the task would show as ongoing."""
        needed = {
            DeadlineKind.QUARTER: ("year", "quarter"),
            DeadlineKind.MONTH: ("year", "month"),
            DeadlineKind.DAY: ("year", "month", "day"),
            DeadlineKind.YEAR: ("year",),
            DeadlineKind.YEAR_ONWARD: ("year",),
            DeadlineKind.YEAR_RANGE: ("year", "year_to"),
        }
        missing = [name for name in needed.get(self.kind, ()) if getattr(self, name) is None]
        if missing:
            raise PydanticCustomError(
                "deadline_fields_missing",
                "deadline fields missing",
                {"kind": self.kind.value, "missing": ", ".join(missing)},
            )
        return self

    def to_deadline(self) -> Deadline:
        return Deadline(self.raw, self.kind, self.year, self.quarter, self.month, self.year_to, day=self.day)


class Task(Model):
    id: Slug
    """Mã nhiệm vụ, là phần cuối của đường dẫn cố định (#nv-15); không đổi sau khi đã công bố."""
    label: Label | None = None
    """Số thứ tự như viết trong văn bản ("1", "15.1", "1.1.")."""
    title: Text
    """Tên nhiệm vụ, chép nguyên văn từ văn bản gốc (kể cả lỗi chính tả)."""
    lead: AgencyCell | None = None
    """Cơ quan chủ trì."""
    support: AgencyCell | None = None
    """Cơ quan phối hợp."""
    output: Text | None = None
    """Kết quả/sản phẩm dự kiến (cột "Kết quả" của Quảng Nam)."""
    deadline: str | DeadlineOverride | None = None
    """Thời gian hoàn thành như viết, ví dụ "Quý II/2025"."""
    section: Slug
    """Mã mục (nhóm nhiệm vụ) trong danh sách sections của kế hoạch này."""
    topics: list[Slug] = Field(min_length=1)
    """Chủ đề; chủ đề đầu tiên là chủ đề chính."""
    source: Provenance
    status: Status | None = None
    """Để trống khi chưa có báo cáo tiến độ."""
    updates: list[ProgressUpdate] = Field(default_factory=list)
    note: Text | None = None
    """Ghi chú của ban biên tập (không phải văn bản gốc)."""

    @field_validator("deadline")
    @classmethod
    def _check_deadline(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                parse_deadline(value)
            except DeadlineParseError:
                raise PydanticCustomError("deadline_unparseable", "unparseable deadline", {"raw": value}) from None
        return value

    @cached_property
    def parsed_deadline(self) -> Deadline | None:
        if self.deadline is None:
            return None
        if isinstance(self.deadline, DeadlineOverride):
            return self.deadline.to_deadline()
        return parse_deadline(self.deadline)

    @property
    def topic(self) -> str:
        return self.topics[0]

    @property
    def current_status(self) -> Status | None:
        """The latest reported status: the task's own, or the newest update's."""
        if self.status is not None:
            return self.status
        dated = [u for u in self.updates if u.status is not None]
        return max(dated, key=lambda u: u.date).status if dated else None


class Indicator(Model):
    id: Slug
    """Mã chỉ tiêu, gồm năm mục tiêu (ct-2030-5); không đổi sau khi đã công bố."""
    label: Label | None = None
    horizon: int = Field(ge=2025, le=2100)
    """Năm mục tiêu: 2030 hoặc 2045."""
    name: Text
    """Tên chỉ tiêu, chép nguyên văn."""
    unit: Text | None = None
    """Đơn vị tính như viết; để trống nếu văn bản không ghi."""
    target: Text | None = None
    """Chỉ tiêu như viết, ví dụ "≥ 30" hoặc "Tiên tiến, hiện đại"."""
    monitoring: AgencyCell | None = None
    """Cơ quan chủ trì theo dõi, đánh giá."""
    parent: Slug | None = None
    concept: Slug | None = None
    source: Provenance
    note: Text | None = None

    @cached_property
    def parsed_target(self) -> Target | None:
        return parse_target(self.target)


class Section(Model):
    """A group of tasks: an appendix group row or a narrative section of tasks."""

    id: Slug
    label: Label | None = None
    title: Text | None = None
    """Tên nhóm như viết; để trống khi văn bản không ghi."""
    inferred_title: Text | None = None
    """Tên do ban biên tập đặt khi văn bản mất tiêu đề (ghi rõ là suy luận)."""
    topic: Slug
    line: int | None = Field(default=None, ge=1)
    note: Text | None = None
    """Ghi chú của ban biên tập về cách nhóm (ví dụ nhóm suy ra từ phần lời văn)."""


class Appendix(Model):
    id: Slug
    kind: Literal["indicators", "tasks"]
    label: Text | None = None
    """Nhãn như viết ("PHỤ LỤC I"); để trống khi văn bản gốc mất nhãn."""
    title: Text | None = None
    caption: Text | None = None
    published: bool = True
    """False khi văn bản nhắc tới phụ lục nhưng không kèm theo."""
    line: int | None = Field(default=None, ge=1)


class Signer(Model):
    name: Text | None = None
    title: Text | None = None
    note: Text | None = None


class DocumentRef(Model):
    """A document the plan implements (a number, a title, or both)."""

    number: Text | None = None
    title: Text | None = None
    date: dt.date | None = None
    note: Text | None = None


class SourceNote(Model):
    """An editor's remark on the source text itself (e.g. a block repeated verbatim)."""

    line: int = Field(ge=1)
    line_end: int | None = Field(default=None, ge=1)
    text: Text


class SourceFile(Model):
    file: Annotated[str, Strict(), StringConstraints(pattern=r"^[\w.-]+\.txt$")]
    """Văn bản gốc dạng chữ trong data/sources/ mà các số dòng trỏ tới."""
    original: Annotated[str, Strict(), StringConstraints(pattern=r"^[\w.-]+\.(docx|pdf|html|htm)$")] | None = None
    """Tệp Word, PDF hoặc trang HTML nhận được, cất cạnh văn bản chữ lấy ra từ nó."""
    layout: Literal["pipe", "cells", "plain", "markdown"]
    notes: list[SourceNote] = Field(default_factory=list)


class Plan(Model):
    id: Slug
    """Mã kế hoạch, trùng tên tệp và là địa chỉ trang (ke-hoach/<mã>/)."""
    province: Slug
    """Tỉnh ban hành, theo tên tại thời điểm ban hành."""
    doc_type: Literal["ke-hoach", "chuong-trinh-hanh-dong"]
    issuer: Text
    """Cơ quan ban hành tại thời điểm ban hành, ví dụ "Ủy ban nhân dân tỉnh Nam Định"."""
    title: Text
    """Tiêu đề chép nguyên văn, kể cả khi văn bản viết hoa toàn bộ."""
    title_sentence: Text | None = None
    """Tiêu đề viết lại theo kiểu câu (chữ thường, giữ hoa tên riêng) khi văn bản viết hoa toàn bộ;
    ban biên tập viết, trang hiện cạnh nguyên văn."""
    number: Text | None = None
    """Số, ký hiệu; để trống khi văn bản không ghi (không tự đặt)."""
    number_note: Text | None = None
    issued_on: dt.date | None = None
    issued_raw: Text | None = None
    """Ngày tháng như viết trong văn bản."""
    issued_note: Text | None = None
    signer: Signer | None = None
    implements: list[DocumentRef] = Field(default_factory=list)
    source: SourceFile
    appendices: list[Appendix] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    note: Text | None = None

    def appendix(self, kind: str) -> Appendix | None:
        return next((a for a in self.appendices if a.kind == kind), None)


class AliasProposal(Model):
    """An agency spelling the importer did not know, and the kind it is probably of."""

    text: Text
    """Cách viết như trong văn bản."""
    kind: Slug
    """Loại cơ quan gần nhất (ban biên tập sửa nếu đoán sai)."""
    confidence: int = Field(ge=0, le=100)
    """Độ giống với tên gần nhất, theo phần trăm."""
    accept: bool = False
    """Ghi true để scripts/apply_aliases.py thêm cách viết này vào data/agencies.yml."""


class ReviewItem(Model):
    message: Text
    alias: AliasProposal | None = None


class ReviewFile(Model):
    """data/reviews/<plan-id>.yml: what the importer could not decide for a draft ("cần xem
    lại"); kept until an editor has dealt with every item and deletes the file."""

    plan: Slug
    source: Annotated[str, Strict(), StringConstraints(pattern=r"^[\w.-]+\.txt$")]
    items: list[ReviewItem] = Field(default_factory=list)


# --- what became of a plan (data/lineage.yml) ----------------------------------------


class Relation(str, Enum):
    REPLACES = "thay-the"
    AMENDS = "sua-doi"
    FOLLOWS = "tiep-noi"


class LineageLink(Model):
    """What a later document does to a plan on the portal, or to a document plans implement."""

    relation: Relation
    """thay-the (thay thế), sua-doi (sửa đổi, bổ sung) hoặc tiep-noi (văn bản tiếp nối, không nói thay thế)."""
    plan: Slug | None = None
    """Mã kế hoạch trên cổng mà văn bản này tác động (ghi plan hoặc document, không ghi cả hai)."""
    document: Text | None = None
    """Số hiệu văn bản mà các kế hoạch thực hiện (trường implements), ví dụ "03/NQ-CP"."""
    named: bool = True
    """false khi nguồn không nêu đích danh kế hoạch này (chỉ nói chung, ví dụ "các kế hoạch cũ")."""
    claim: Text
    """Điều nguồn nói, viết lại sát nguyên văn; không suy diễn thêm."""
    note: Text | None = None
    """Lưu ý của ban biên tập (điều nguồn không nói, điều chưa rõ)."""


class LineageDocument(Model):
    """A later document known to the portal; its text may not be on the portal."""

    id: Slug
    title: Text
    """Tên văn bản như nguồn ghi."""
    number: Text | None = None
    """Số, ký hiệu như nguồn ghi; để trống khi nguồn không ghi (không tự đặt)."""
    issued_on: dt.date | None = None
    """Ngày ban hành; để trống khi nguồn không ghi."""
    issued_note: Text | None = None
    issuer: Text
    province: Slug | None = None
    """Tỉnh, thành phố ban hành (trang tỉnh này hiện thông báo); để trống với văn bản trung ương."""
    on_portal: Slug | None = None
    """Mã kế hoạch trên cổng khi toàn văn đã có trên cổng; để trống khi chưa có."""
    source: SourceLink
    """Nơi công bố thông tin (bài báo, cơ sở dữ liệu văn bản)."""
    links: list[LineageLink] = Field(min_length=1)


class LineageFile(Model):
    documents: list[LineageDocument]


# --- one model per kind of file in data/ ------------------------------------------------


class ProvincesFile(Model):
    provinces: list[Province]


class TopicsFile(Model):
    topics: list[Topic]


class ConceptsFile(Model):
    concepts: list[Concept]


class Abbreviation(Model):
    """A short form the search box treats as its full form and back (KH&CN ↔ khoa học và công nghệ)."""

    short: list[Text] = Field(min_length=1)
    """Các cách viết tắt, viết như trong văn bản (chữ hoa)."""
    full: Text


class AbbreviationsFile(Model):
    abbreviations: list[Abbreviation]
