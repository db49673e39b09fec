"""The only reader of data/: loads every YAML file, validates it and cross-links it.

`load_registry(data_dir)` returns a `Registry` of typed, linked objects, or raises one
`DataError` listing every problem of every file (never only the first). The site, the
scripts and the tests all go through here.
"""

from __future__ import annotations

import datetime as dt
import gc
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from macros.data import clock, fidelity
from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.data.agency_names import AliasIndex
from macros.data.error_locations import (
    allowed_fields,
    closest,
    data_path,
    keys_of,
    renamed_field,
    seen_renamed,
)
from macros.data.problems import (
    DataError,
    Problem,
    duplicate_id_message,
    invisible_message,
    nfd_message,
    os_reason,
    pydantic_message,
    quote,
    unknown_reference_message,
    yaml_problem_message,
)
from macros.data.registry import Location, Registry, SourceText
from macros.data.text import is_nfc
from macros.data.yamlio import MAX_BYTES, Path_, Position, YamlDocument, YamlProblem, invisible_character, parse_yaml

M = TypeVar("M", bound=BaseModel)

REFERENCE_FILES = {
    "provinces": ("provinces.yml", m.ProvincesFile),
    "agencies": ("agencies.yml", m.AgencyRegistryFile),
    "topics": ("topics.yml", m.TopicsFile),
    "concepts": ("concepts.yml", m.ConceptsFile),
    "abbreviations": ("abbreviations.yml", m.AbbreviationsFile),
}
PLANS_DIR = "plans"
LINEAGE_FILE = "lineage.yml"  # optional: what became of each plan
OWN_ERRORS = {"deadline_unparseable", "deadline_fields_missing"}  # raised by the model's validators
SOURCES_DIR = "sources"
REVIEWS_DIR = "reviews"


def load_registry(
    data_dir: Path,
    *,
    root: Path | None = None,
    include_plans: bool = True,
    today: dt.date | None = None,
    parse: Callable[[str], YamlDocument] = parse_yaml,
    memo: dict[Any, Any] | None = None,
) -> Registry:
    """Load and check all of data/; raise DataError with every problem found.

    `include_plans=False` loads only the reference files (for the importer, which
    creates plans). `today` is the date progress reports are checked against and the
    registry carries for the pages (macros.data.clock when not given). `parse`: in place
    of parse_yaml (`mkdocs serve` keeps the parse of files that did not change). `memo`, a
    dict the caller keeps across loads of several versions of data/ (the change feeds), skips
    parsing and validating a file whose name and text were read cleanly before.
    """
    loader = _Loader(Path(data_dir), Path(root) if root else Path(data_dir).parent, today or clock.today())
    loader.parse = parse
    loader.memo = memo if memo is not None else {}
    with _without_cycle_collection():
        return loader.run(include_plans=include_plans)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Loading makes hundreds of thousands of objects that all live on (values, marks,
    models) and no reference cycles; the cycle collector would walk them over and over
    (about a fifth of the load at national size). Reference counting still frees the rest."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class _Loaded:
    model: Any
    document: YamlDocument
    file: str


class _Loader:
    def __init__(self, data_dir: Path, root: Path, today: dt.date) -> None:
        self.data_dir = data_dir
        self.root = root
        self.today = today
        self.sources: dict[str, SourceText | None] = {}
        self.files: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.partial_plans: list[_Loaded] = []
        self.aliases: AliasIndex | None = None
        self.parse: Callable[[str], YamlDocument] = parse_yaml
        self.broken_plans: set[str] = set()
        self.include_plans = True  # False: reference files only (lineage refers to plans, so it is skipped too)
        self.memo: dict[Any, Any] = {}  # (file, model, text) -> a clean _Loaded (see load_registry)

    def _name(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def problem(self, loaded: _Loaded | str, path: Path_ | Position, message: str, *, key: bool = False) -> None:
        if isinstance(loaded, str):
            position = path if isinstance(path, Position) else Position(1, 1)
            self.problems.append(Problem(loaded, position.line, position.column, message))
            return
        position = path if isinstance(path, Position) else loaded.document.position(path, key=key)
        self.problems.append(Problem(loaded.file, position.line, position.column, message))

    # -- one file ----------------------------------------------------------------------

    def read(self, path: Path, model: type[M]) -> _Loaded | None:
        name = self._name(path)
        text = self._read_text(path, name)
        if text is None:
            return None
        self.files[name] = text
        if (known := self.memo.get((name, model, text))) is not None:
            return known
        before = len(self.problems)
        loaded = self._parse(name, text, model)
        if loaded is not None and len(self.problems) == before:
            self.memo[(name, model, text)] = loaded
        return loaded

    def _parse(self, name: str, text: str, model: type[M]) -> _Loaded | None:
        try:
            document = self.parse(text)
        except YamlProblem as err:
            self.problem(name, err.position, yaml_problem_message(err))
            return None
        loaded = _Loaded(None, document, name)
        nfd: list[tuple[Path_, str]] = []
        if not _text_reads_as_nfc(text):
            nfd = [(p, v) for p, (tag, v) in document.tags.items() if tag.endswith(":str") and not is_nfc(v)]
            for p, value in nfd:
                self.problem(loaded, p, nfd_message(value))
            for p, key in keys_of(document.value):
                if not is_nfc(key):
                    self.problem(loaded, p, nfd_message(key), key=True)
        if document.value is None:
            self.problem(loaded, (), "Tệp trống. Hãy khôi phục nội dung từ git (git checkout -- <tệp>).")
            return None
        try:
            loaded.model = model.model_validate(document.value)
        except ValidationError as err:
            self._report_validation(loaded, model, err)
            if model is m.Plan:
                self._keep_partial(_Loaded(_partial_plan(document.value), document, name))
            return None
        if nfd:
            if model is m.Plan:
                self._keep_partial(loaded)
            return None
        return loaded

    def _read_text(self, path: Path, name: str) -> str | None:
        """The file's text; None when it is missing, too large or not UTF-8 (reported at the bad byte)."""
        try:
            if path.stat().st_size > MAX_BYTES:
                self.problem(
                    name,
                    Position(1, 1),
                    yaml_problem_message(YamlProblem(Position(1, 1), "too-large", str(path.stat().st_size))),
                )
                return None
            data = path.read_bytes()
        except FileNotFoundError:
            self.problem(
                name, Position(1, 1), "Không tìm thấy tệp. Hãy khôi phục tệp này từ git (git checkout -- <tệp>)."
            )
            return None
        except OSError as err:
            self.problem(name, Position(1, 1), f"Không đọc được tệp ({os_reason(err)}). Hãy kiểm tra quyền đọc tệp.")
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
            self.problem(
                name,
                Position(line, column),
                "Tệp không phải văn bản UTF-8 (có byte không đọc được ở đây). Hãy lưu lại tệp với mã hoá UTF-8.",
            )
            return None

    def _keep_partial(self, loaded: _Loaded) -> None:
        """A plan file with problems is still checked item by item (see _PartialPlan)."""
        if loaded.model is not None:
            self.partial_plans.append(loaded)

    def _report_validation(self, loaded: _Loaded, model: type[BaseModel], err: ValidationError) -> None:
        errors = err.errors(include_url=False)
        located = [(data_path(loaded.document.value, e["loc"]), e) for e in errors]
        # where a union field fails in every member, the project's own error says most
        located.sort(key=lambda pe: pe[1]["type"] not in OWN_ERRORS)
        missing = {path: e for path, e in located if e["type"] == "missing"}
        seen: set[Path_] = set()
        for path, error in located:
            if path in seen:
                continue  # one message per place (a union reports once per member)
            seen.add(path)
            if error["type"] == "missing" and path in seen_renamed(located, missing):
                continue
            if error["type"] == "extra_forbidden":
                allowed = allowed_fields(model, loaded.document.value, path[:-1])
                renamed = renamed_field(path, allowed, missing)
                error = {**error, "allowed": allowed, "renamed": renamed}
            is_key = error["type"] == "extra_forbidden"
            self.problem(loaded, path, pydantic_message(error, loaded.document, path), key=is_key)

    # -- everything --------------------------------------------------------------------

    def run(self, *, include_plans: bool) -> Registry:
        self.include_plans = include_plans
        refs = {key: self.read(self.data_dir / name, model) for key, (name, model) in REFERENCE_FILES.items()}
        plan_files = sorted((self.data_dir / PLANS_DIR).glob("*.yml")) if include_plans else []
        if include_plans and not plan_files:
            self.problem(
                self._name(self.data_dir / PLANS_DIR),
                Position(1, 1),
                "Chưa có kế hoạch nào (thư mục data/plans trống).",
            )
        plans = [p for p in (self.read(f, m.Plan) for f in plan_files) if p]
        read = {Path(p.file).stem for p in plans}
        self.broken_plans = {f.stem for f in plan_files} - read  # already reported; ids still known
        registry = self._link(refs, plans)
        registry.reviews.update(self._reviews(registry) if include_plans else {})
        if self.problems:
            raise DataError(self.problems)
        return registry

    def _link(self, refs: dict[str, _Loaded | None], plans: list[_Loaded]) -> Registry:
        provinces = self._unique(refs["provinces"], "provinces", "tỉnh")
        kinds = self._unique(refs["agencies"], "kinds", "loại cơ quan")
        topics = self._unique(refs["topics"], "topics", "chủ đề")
        concepts = self._unique(refs["concepts"], "concepts", "khái niệm chỉ tiêu")
        locations: dict[tuple[str, ...], Location] = {}
        for key, ref, plural in (
            ("province", "provinces", "provinces"),
            ("kind", "agencies", "kinds"),
            ("topic", "topics", "topics"),
            ("concept", "concepts", "concepts"),
        ):
            if loaded := refs[ref]:
                for i, item in enumerate(getattr(loaded.model, plural)):
                    locations[(key, item.id)] = Location(loaded.file, loaded.document.position((plural, i)).line)

        self._check_references(refs, provinces, kinds, topics)
        if kinds is not None:
            self.aliases = AliasIndex(kinds.values(), refs["agencies"].model.compound_aliases)
        for loaded in self.partial_plans:
            self._check_plan(loaded, provinces, kinds, topics, concepts)
        plan_table: dict[str, m.Plan] = {}
        for loaded in plans:
            plan: m.Plan = loaded.model
            stem = Path(loaded.file).stem
            if plan.id != stem:
                self.problem(
                    loaded,
                    ("id",),
                    f"Mã kế hoạch {quote(plan.id)} phải trùng tên tệp {quote(stem + '.yml')}. "
                    "Hãy sửa mã hoặc đổi tên tệp.",
                )
            if plan.id in plan_table:
                self.problem(loaded, ("id",), f"Mã kế hoạch {quote(plan.id)} đã dùng ở tệp khác.")
                continue
            self._check_plan_once(loaded, refs, (provinces, kinds, topics, concepts))
            plan_table[plan.id] = plan
            locations[("plan", plan.id)] = Location(loaded.file, 1)
            for i, task in enumerate(plan.tasks):
                locations[("task", plan.id, task.id)] = Location(
                    loaded.file, loaded.document.position(("tasks", i)).line
                )
            for i, ind in enumerate(plan.indicators):
                locations[("indicator", plan.id, ind.id)] = Location(
                    loaded.file, loaded.document.position(("indicators", i)).line
                )
        return Registry(
            provinces=provinces or {},
            agency_kinds=kinds or {},
            compound_aliases=tuple(refs["agencies"].model.compound_aliases) if refs["agencies"] else (),
            topics=topics or {},
            concepts=concepts or {},
            plans=dict(sorted(plan_table.items())),
            abbreviations=tuple(refs["abbreviations"].model.abbreviations) if refs["abbreviations"] else (),
            locations=locations,
            sources={name: source for name, source in self.sources.items() if source is not None},
            files=self.files,
            today=self.today,
            lineage=self._lineage(provinces, plan_table),
        )

    def _reviews(self, registry: Registry) -> dict[str, m.ReviewFile]:
        """data/reviews/*.yml: each names a plan, and an alias proposal a known agency kind."""
        reviews: dict[str, m.ReviewFile] = {}
        for path in sorted((self.data_dir / REVIEWS_DIR).glob("*.yml")):
            loaded = self.read(path, m.ReviewFile)
            if loaded is None:
                continue
            review: m.ReviewFile = loaded.model
            if review.plan != path.stem or review.plan not in registry.plans:
                self.problem(
                    loaded,
                    ("plan",),
                    f"Danh sách cần xem lại phải mang tên kế hoạch của nó ({quote(path.stem)}) và kế hoạch đó "
                    "phải có trong data/plans/. Hãy sửa mã hoặc xoá tệp này nếu bản nháp đã bỏ.",
                )
            for i, item in enumerate(review.items):
                if item.alias is not None and item.alias.kind not in registry.agency_kinds:
                    self.problem(
                        loaded,
                        ("items", i, "alias", "kind"),
                        f"Không có loại cơ quan {quote(item.alias.kind)} trong data/agencies.yml.",
                    )
            reviews[review.plan] = review
        return reviews

    def _lineage(self, provinces: dict | None, plans: dict[str, m.Plan]) -> tuple[m.LineageDocument, ...]:
        """data/lineage.yml (optional): later documents and what they do to the plans. Each
        link names a plan on the portal or a document the plans implement, never both."""
        path = self.data_dir / LINEAGE_FILE
        if not self.include_plans or not path.exists():
            return ()
        loaded = self.read(path, m.LineageFile)
        if loaded is None:
            return ()
        documents = loaded.model.documents
        self._unique(loaded, "documents", "văn bản")
        cited = {ref.number for p in plans.values() for ref in p.implements if ref.number}
        if self.broken_plans:  # a plan file that failed is reported there, not again here
            plans = {**plans, **dict.fromkeys(self.broken_plans)}
            cited = None
        for i, doc in enumerate(documents):
            self._ref(loaded, ("documents", i, "province"), doc.province, provinces, "tỉnh", "data/provinces.yml")
            self._ref(loaded, ("documents", i, "on_portal"), doc.on_portal, plans, "kế hoạch", "data/plans/")
            for j, link in enumerate(doc.links):
                at = ("documents", i, "links", j)
                if (link.plan is None) == (link.document is None):
                    self.problem(
                        loaded,
                        at,
                        "Mỗi liên kết ghi đúng một trong hai trường: `plan` (mã kế hoạch trên cổng) hoặc "
                        "`document` (số hiệu văn bản mà kế hoạch thực hiện, ví dụ “03/NQ-CP”).",
                    )
                    continue
                self._ref(loaded, (*at, "plan"), link.plan, plans, "kế hoạch", "data/plans/")
                if link.document is not None and cited is not None and link.document not in cited:
                    known = ", ".join(sorted(cited)) or "(chưa có)"
                    self.problem(
                        loaded,
                        (*at, "document"),
                        f"Không kế hoạch nào ghi thực hiện văn bản {quote(link.document)} (trường implements). "
                        f"Số hiệu các kế hoạch đang ghi: {known}.",
                    )
                if link.document is not None and not link.named:
                    self.problem(
                        loaded,
                        (*at, "named"),
                        "Trường `named` chỉ dùng với `plan` (nguồn không nêu đích danh kế hoạch); hãy xoá dòng này.",
                    )
                if link.plan is not None and link.plan == doc.on_portal:
                    self.problem(loaded, (*at, "plan"), "Văn bản không thể thay thế, sửa đổi hay tiếp nối chính nó.")
        return tuple(documents)

    def _source(self, loaded: _Loaded, file: str) -> SourceText | None:
        """The plan's source text, read once however many plans cite it; None when it cannot
        be used (reported at the plan's `source.file`, or at the bad byte's line)."""
        if file in self.sources:
            return self.sources[file]
        path = self.data_dir / SOURCES_DIR / file
        name = self._name(path)
        text, data = None, b""
        try:
            if path.stat().st_size > MAX_BYTES:
                raise MemoryError
            data = path.read_bytes()
            text = data.decode("utf-8")
        except FileNotFoundError:
            self.problem(
                loaded,
                ("source", "file"),
                f"Không có văn bản gốc {quote(file)} trong data/sources/. Hãy chép văn bản gốc vào đó.",
            )
        except MemoryError:
            self.problem(name, Position(1, 1), "Văn bản gốc quá lớn (hơn 4 MB). Hãy kiểm tra nội dung bị dán thừa.")
        except OSError as err:
            self.problem(name, Position(1, 1), f"Không đọc được văn bản gốc ({os_reason(err)}).")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            self.problem(
                name,
                Position(line, 1),
                "Văn bản gốc không phải văn bản UTF-8 (có byte không đọc được ở dòng này). "
                "Hãy mở tệp gốc và lưu lại với mã hoá UTF-8.",
            )
        if text is not None and (found := invisible_character(text.removeprefix("\ufeff"))):
            position, char = found
            self.problem(name, position, invisible_message(f"U+{ord(char):04X}"))
            text = None
        source = SourceText(file, data, tuple(text.splitlines())) if text is not None else None
        if source is not None and not any(line.strip() for line in source.lines):
            self.problem(name, Position(1, 1), "Văn bản gốc trống. Hãy chép toàn văn kế hoạch vào tệp này.")
            source = None
        self.sources[file] = source
        return source

    def _unique(self, loaded: _Loaded | None, plural: str, noun: str) -> dict[str, Any] | None:
        """Id -> item; None when the file itself failed (references to it go unchecked)."""
        if loaded is None:
            return None
        table: dict[str, Any] = {}
        for i, item in enumerate(getattr(loaded.model, plural)):
            if item.id in table:
                self.problem(loaded, (plural, i, "id"), duplicate_id_message(noun, item.id, in_plan=False))
            table[item.id] = item
        return table

    def _ref(
        self,
        loaded: _Loaded | None,
        path: Path_,
        value: str | None,
        table: dict[str, Any] | None,
        noun: str,
        where: str,
    ) -> bool:
        """Report `value` unless it is a key of `table`; True when it can be used."""
        if table is None:
            return False  # the file it points into is broken; that is already reported
        if loaded is None or value is None or value in table:
            return True
        known = closest(value, table) or list(table)[:8]
        self.problem(loaded, path, unknown_reference_message(noun, value, where, known))
        return False

    def _check_references(self, refs: dict[str, _Loaded | None], provinces: dict, kinds: dict, topics: dict) -> None:
        prov_file, kinds_file, concepts_file = refs["provinces"], refs["agencies"], refs["concepts"]
        for i, p in enumerate(prov_file.model.provinces if prov_file else ()):
            self._ref(
                prov_file, ("provinces", i, "merged_into"), p.merged_into, provinces, "tỉnh", "data/provinces.yml"
            )
        for i, k in enumerate(kinds_file.model.kinds if kinds_file else ()):
            self._ref(kinds_file, ("kinds", i, "successor"), k.successor, kinds, "loại cơ quan", "data/agencies.yml")
            self._ref(kinds_file, ("kinds", i, "province"), k.province, provinces, "tỉnh", "data/provinces.yml")
        for i, c in enumerate(concepts_file.model.concepts if concepts_file else ()):
            self._ref(concepts_file, ("concepts", i, "topic"), c.topic, topics, "chủ đề", "data/topics.yml")
        chains = (
            (prov_file, provinces, "provinces", "merged_into", "sáp nhập", "tỉnh, thành phố"),
            (kinds_file, kinds, "kinds", "successor", "cơ quan kế thừa", "cơ quan"),
        )
        for loaded, table, plural, link, chain, today in chains:
            for i, item in enumerate(getattr(loaded.model, plural) if table else ()):
                if loop := _loop(
                    item.id, lambda x, table=table, link=link: getattr(table[x], link) if x in table else None
                ):
                    self.problem(
                        loaded,
                        (plural, i, link),
                        f"Chuỗi {chain} quay vòng: {' → '.join(loop)}. Hãy sửa "
                        f"để chuỗi dừng ở {today} hiện nay (không có {link}).",
                    )
        for i, c in enumerate(kinds_file.model.compound_aliases if kinds_file else ()):
            for j, kind in enumerate(c.kinds):
                self._ref(
                    kinds_file, ("compound_aliases", i, "kinds", j), kind, kinds, "loại cơ quan", "data/agencies.yml"
                )

    def _check_plan_once(self, loaded: _Loaded, refs: dict[str, _Loaded | None], tables: tuple) -> None:
        """_check_plan, skipped for a plan the memo saw checked cleanly against the same
        reference files, source text, original file and day (`mkdocs serve` after an edit of
        another file). The memo's entries are the objects themselves, compared by identity."""
        plan: m.Plan = loaded.model
        before = len(self.problems)
        source = self._source(loaded, plan.source.file)  # read (and its problems reported) every time
        original = plan.source.original and (self.data_dir / SOURCES_DIR).joinpath(plan.source.original).is_file()
        files, facts = (loaded, *refs.values()), (source.data if source else None, original, self.today)
        known = self.memo.get(("checked", loaded.file))
        if known is not None and all(a is b for a, b in zip(known[0], files, strict=True)) and known[1] == facts:
            return
        self._check_plan(loaded, *tables)
        if len(self.problems) == before:
            self.memo[("checked", loaded.file)] = (files, facts)

    def _check_plan(self, loaded: _Loaded, provinces: dict, kinds: dict, topics: dict, concepts: dict) -> None:
        """Check one plan (or what validates of one, a _PartialPlan, whose failed items are None)."""
        plan: m.Plan | _PartialPlan = loaded.model
        self._ref(loaded, ("province",), plan.province, provinces, "tỉnh", "data/provinces.yml")
        source = self._source(loaded, plan.source.file) if plan.source is not None else None
        if (
            plan.source is not None
            and plan.source.original
            and not (self.data_dir / SOURCES_DIR).joinpath(plan.source.original).is_file()
        ):
            self.problem(
                loaded,
                ("source", "original"),
                f"Không có tệp gốc {quote(plan.source.original)} trong data/sources/. "
                "Hãy chép lại tệp Word, PDF hoặc HTML đã nhập vào đó (tệp gốc không được xoá).",
            )
        source_lines = len(source.lines) if source else None
        appendices = _unique_ids(self, loaded, plan.appendices, "appendices", "phụ lục")
        sections = _unique_ids(self, loaded, plan.sections, "sections", "mục")
        indicators = _unique_ids(self, loaded, plan.indicators, "indicators", "chỉ tiêu")
        tasks = _unique_ids(self, loaded, plan.tasks, "tasks", "nhiệm vụ")
        for i, ind in enumerate(plan.indicators):
            if ind is not None and ind.id in tasks:
                task_line = loaded.document.position(("tasks", list(tasks).index(ind.id))).line
                self.problem(
                    loaded,
                    ("indicators", i, "id"),
                    f"Mã {quote(ind.id)} đã dùng cho một nhiệm vụ (dòng {task_line}). Nhiệm vụ và chỉ tiêu "
                    "của một kế hoạch phải có mã khác nhau (mã là địa chỉ trên trang): hãy đổi mã chỉ tiêu.",
                )
        self._unique_labels(loaded, plan)
        for i, section in enumerate(plan.sections):
            if section is not None:
                self._ref(loaded, ("sections", i, "topic"), section.topic, topics, "chủ đề", "data/topics.yml")

        def check_cell(path: Path_, cell: m.AgencyCell | None, altered: set[Path_] = frozenset()) -> None:
            if cell is None:
                return
            known = True
            for j, kind_id in enumerate(cell.agencies):
                if (
                    self._ref(loaded, (*path, "agencies", j), kind_id, kinds, "loại cơ quan", "data/agencies.yml")
                    and kind_id
                ):
                    only = kinds[kind_id].province
                    if only and only != plan.province:
                        self.problem(
                            loaded,
                            (*path, "agencies", j),
                            f"Cơ quan {quote(kind_id)} chỉ có ở tỉnh {quote(only)}, không thuộc tỉnh của kế hoạch này.",
                        )
                else:
                    known = False
            if known and self.aliases is not None and path[2:] not in altered:
                self._check_cell_text(loaded, path, cell)  # an altered cell is reported as such, once

        def check_source(path: Path_, source: m.Provenance | None) -> None:
            if source is None:
                return
            self._ref(
                loaded, (*path, "appendix"), source.appendix, appendices, "phụ lục", "mục appendices của kế hoạch"
            )
            if source.kind == "appendix" and source.appendix is None:
                self.problem(
                    loaded,
                    (*path, "kind"),
                    "Nguồn loại “appendix” (hàng trong bảng phụ lục) cần mã phụ lục: hãy thêm dòng "
                    '`appendix: "pl1"` (mã trong mục appendices), hoặc ghi `kind: "narrative"`.',
                )
            if source_lines and source.line > source_lines:
                self.problem(
                    loaded, (*path, "line"), f"Dòng {source.line} vượt quá độ dài văn bản gốc ({source_lines} dòng)."
                )
            if source.line_end is not None:
                if source.line_end < source.line:
                    self.problem(
                        loaded,
                        (*path, "line_end"),
                        f"Dòng cuối {source.line_end} đứng trước dòng đầu {source.line}. "
                        "Hãy ghi `line_end` bằng hoặc sau `line`.",
                    )
                elif source_lines and source.line_end > source_lines:
                    self.problem(
                        loaded,
                        (*path, "line_end"),
                        f"Dòng cuối {source.line_end} vượt quá độ dài văn bản gốc ({source_lines} dòng).",
                    )

        for i, task in enumerate(plan.tasks):
            if task is None:
                continue
            base: Path_ = ("tasks", i)
            self._ref(loaded, (*base, "section"), task.section, sections, "mục", "mục sections của kế hoạch")
            for j, topic in enumerate(task.topics):
                if (
                    self._ref(loaded, (*base, "topics", j), topic, topics, "chủ đề", "data/topics.yml")
                    and not topics[topic].for_tasks
                ):
                    self.problem(
                        loaded,
                        (*base, "topics", j),
                        f"Chủ đề {quote(topic)} chỉ dùng cho phần lời văn, không gán cho nhiệm vụ.",
                    )
            if len(set(task.topics)) != len(task.topics):
                self.problem(loaded, (*base, "topics"), "Một chủ đề được ghi hai lần; hãy xoá bản lặp.")
            altered = self._check_verbatim(loaded, base, task, source)
            check_cell((*base, "lead"), task.lead, altered)
            check_cell((*base, "support"), task.support, altered)
            check_source((*base, "source"), task.source)
            self._check_progress(loaded, base, task)
        for i, ind in enumerate(plan.indicators):
            if ind is None:
                continue
            base = ("indicators", i)
            altered = self._check_verbatim(loaded, base, ind, source)
            check_cell((*base, "monitoring"), ind.monitoring, altered)
            self._ref(loaded, (*base, "concept"), ind.concept, concepts, "khái niệm chỉ tiêu", "data/concepts.yml")
            self._ref(loaded, (*base, "parent"), ind.parent, indicators, "chỉ tiêu", "kế hoạch này")
            check_source((*base, "source"), ind.source)

    def _check_verbatim(self, loaded: _Loaded, base: Path_, record: Any, source: SourceText | None) -> set[Path_]:
        """Copied fields still say what the source lines say (macros.data.fidelity); the
        altered agency cells, whose names are then not checked again (one message per mistake)."""
        if source is None or not isinstance(record, (m.Task, m.Indicator)):
            return set()  # a partial record: its broken fields are reported already
        altered: set[Path_] = set()
        for found in fidelity.mismatches(record, source.lines):
            self.problem(loaded, (*base, *found.path), fidelity.mismatch_message(found, source.file))
            altered.add(found.path[:1])
        return altered

    def _unique_labels(self, loaded: _Loaded, plan: m.Plan | _PartialPlan) -> None:
        """Row numbers as written identify a row in the source: one task per number, one
        indicator per number and horizon (indicator numbering restarts at each horizon)."""
        seen: dict[Any, int] = {}
        for plural, items, key, noun in (
            ("tasks", plan.tasks, lambda t: t.label, "nhiệm vụ"),
            ("indicators", plan.indicators, lambda d: (d.horizon, d.label), "chỉ tiêu"),
        ):
            for i, item in enumerate(items):
                if item is None or item.label is None:
                    continue
                if (plural, key(item)) in seen:
                    first = loaded.document.position((plural, seen[(plural, key(item))])).line
                    horizon = f" (mốc {item.horizon})" if plural == "indicators" else ""
                    self.problem(
                        loaded,
                        (plural, i, "label"),
                        f"Số thứ tự {quote(item.label)}{horizon} đã dùng cho {noun} ở dòng {first}. "
                        "Hãy kiểm tra lại với văn bản gốc: mỗi dòng của bảng một số.",
                    )
                else:
                    seen[(plural, key(item))] = i

    def _check_progress(self, loaded: _Loaded, base: Path_, task: m.Task) -> None:
        """No progress without a report: a status needs a dated, sourced update, and agrees with the newest one."""
        today = self.today
        for j, update in enumerate(task.updates):
            if update.date > today:
                self.problem(
                    loaded,
                    (*base, "updates", j, "date"),
                    f"Ngày cập nhật {update.date:%d/%m/%Y} chưa đến. Hãy ghi ngày của báo cáo.",
                )
        if task.status is None:
            return
        label = vocab.STATUS_BY_VALUE.get(task.status.value, task.status.value)
        if not task.updates:
            self.problem(
                loaded,
                (*base, "status"),
                f"Tình trạng {quote(label)} chưa có báo cáo làm nguồn. Hãy thêm một mục `updates` "
                "(ngày, ghi chú, nguồn), hoặc xoá dòng `status`.",
            )
            return
        dated = [u for u in task.updates if u.status is not None]
        newest = max(dated, key=lambda u: u.date) if dated else None
        if newest is not None and newest.status != task.status:
            newest_label = vocab.STATUS_BY_VALUE.get(newest.status.value, newest.status.value)
            self.problem(
                loaded,
                (*base, "status"),
                f"Tình trạng {quote(label)} khác với cập nhật mới nhất (ngày {newest.date:%d/%m/%Y}: "
                f'{quote(newest_label)}). Hãy ghi `status: "{newest.status.value}"`, hoặc thêm cập nhật mới.',
            )

    def _check_cell_text(self, loaded: _Loaded, path: Path_, cell: m.AgencyCell) -> None:
        """The agency ids must be the agencies the cell's text names (through the aliases),
        or agency pages would list tasks under the wrong agency."""
        found = self.aliases.resolve(cell.raw)
        if set(found.kinds) == set(cell.agencies):
            return
        unknown = f" Không nhận ra: {', '.join(quote(w) for w in found.leftover)}." if found.leftover else ""
        self.problem(
            loaded,
            (*path, "agencies"),
            f"Ô cơ quan {quote(cell.raw)} gọi tên [{', '.join(found.kinds)}] nhưng `agencies` ghi "
            f"[{', '.join(cell.agencies)}].{unknown} Hãy sửa `agencies` cho khớp; nếu văn bản viết tên "
            "cơ quan theo cách khác, thêm cách viết đó vào `aliases` của cơ quan trong data/agencies.yml.",
        )


@dataclass
class _PartialPlan:
    """What can still be checked of a plan file that failed validation: every item, with
    the fields that validate on their own (see _lenient), so that references, duplicates
    and the rest are reported in the same run as the file's other problems."""

    province: str | None
    source: m.SourceFile | None
    appendices: list[Any]
    sections: list[Any]
    indicators: list[Any]
    tasks: list[Any]


def _partial_plan(value: Any) -> _PartialPlan | None:
    if not isinstance(value, dict):
        return None

    def many(key: str, model: type[BaseModel]) -> list[Any]:
        raw = value.get(key)
        return [_lenient(model, item) for item in raw] if isinstance(raw, list) else []

    province = value.get("province")
    source = _lenient(m.SourceFile, value.get("source"))
    return _PartialPlan(
        province if isinstance(province, str) else None,
        source if isinstance(source, m.SourceFile) else None,
        many("appendices", m.Appendix),
        many("sections", m.Section),
        many("indicators", m.Indicator),
        many("tasks", m.Task),
    )


def _lenient(model: type[BaseModel], raw: Any) -> Any:
    """The item, or when it does not validate, its fields that do, one by one (the others
    None, or empty lists), so one misspelt key does not hide the item's other problems."""
    try:
        return model.model_validate(raw)
    except ValidationError:
        pass
    if not isinstance(raw, dict):
        return None
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        empty: Any = [] if typing.get_origin(info.annotation) is list else None
        try:
            values[name] = _field_adapter(model, name).validate_python(raw[name]) if name in raw else empty
        except ValidationError:
            values[name] = empty
    return SimpleNamespace(**values)


@cache
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    return TypeAdapter(model.model_fields[name].annotation)


def _text_reads_as_nfc(text: str) -> bool:
    """True when every value and key YAML reads from `text` is NFC, without looking at them:
    a part of an NFC text is NFC, and YAML only cuts the text into scalars, joins lines with
    a space or a line end and drops indentation, except for a double-quoted escape (`\\u0301`
    is a lone accent), which needs a backslash."""
    return "\\" not in text and is_nfc(text)


def _loop(start: str, step: Any) -> list[str] | None:
    """start → step(start) → … when the chain comes back to `start` itself."""
    chain, seen = [start], {start}
    while (following := step(chain[-1])) is not None:
        chain.append(following)
        if following == start:
            return chain
        if following in seen:
            return None  # a loop further on: reported for the items on it
        seen.add(following)
    return None


def _unique_ids(loader: _Loader, loaded: _Loaded, items: list[Any], plural: str, noun: str) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for i, item in enumerate(items):
        if item is None or item.id is None:
            continue
        if item.id in table:
            loader.problem(loaded, (plural, i, "id"), duplicate_id_message(noun, item.id, in_plan=True))
        table[item.id] = item
    return table
