"""The task explorer's address (tra-cuu/?tim=…&tinh=…&chu-de=…), for both sides.

Pages that link into the explorer (the comparison's grids, the home page's search form)
build their addresses from these names (`explorer_query`); explorer.js and the search
box's worker read them from gp-vocabulary.js, which scripts/export_vocabulary.py writes
from this module (macros/site/browser_vocabulary.py). The value ids that are not data
ids (deadline kinds, quarters) also travel in explore.json (search_index.explore_data).
No other import, so any module can use it.
"""

from __future__ import annotations

# The text query is "tim" (not "q", which Material's header search claims on every page).
QUERY_PARAM = "tim"
SORT_PARAM = "sap-xep"
SORTS = {"due": "thoi-han", "plan": "ke-hoach"}  # the default (no parameter) is relevance, or plan order
# Facet -> parameter, in the order of the explorer's facets (queryString writes them so).
# "tinh" takes a province as at issue or as it is now (a task of Quảng Nam's plan is found
# under quang-nam and under da-nang); "ke-hoach" is one plan exactly; "co-quan-hien-nay"
# the agency that leads the task today (Registry.current_lead).
FACET_PARAMS = {
    "province": "tinh",
    "plan": "ke-hoach",
    "agency": "co-quan",
    "current": "co-quan-hien-nay",
    "kind": "loai-co-quan",
    "topic": "chu-de",
    "year": "nam",
    "quarter": "quy",
    "deadline": "loai-han",
    "due": "den-han",
    "origin": "nguon",
    "status": "tinh-trang",
}
EXPLORER_PARAMS = tuple(FACET_PARAMS.values())
# "Loại thời hạn" values: explore.json's deadline kind code -> id in the address.
DEADLINE_IDS = {
    "dated": "co-han-cu-the",
    "ongoing": "thuong-xuyen",
    "annual": "hang-nam",
    "conditional": "co-dieu-kien",
    "none": "khong-ghi",
}
# "Đã đến hạn?" values: deadline state -> id in the address.
DUE_IDS = {"passed": "da-den-han", "upcoming": "chua-den-han"}
# "Nguồn" values: where a task comes from (Task.source.kind) -> id in the address.
ORIGIN_IDS = {"appendix": "phu-luc", "narrative": "loi-van"}
# "Tình trạng" value of a task with no progress report (other values are Status values).
NO_REPORT_ID = "chua-co-bao-cao"
# "Quý" values, by row code 1…: quarters, then a dated deadline given by year, then by a
# period of years ("2025 - 2030", due at its end: apart, so "Trong năm 2030" lists only years).
QUARTERS = (
    ("1", "Quý I"),
    ("2", "Quý II"),
    ("3", "Quý III"),
    ("4", "Quý IV"),
    ("ca-nam", "Không ghi quý (hạn theo năm)"),
    ("giai-doan", "Không ghi quý (hạn theo giai đoạn nhiều năm)"),
)
NO_QUARTER = 5  # row code of "ca-nam"
NO_QUARTER_ID = QUARTERS[NO_QUARTER - 1][0]
PERIOD = 6  # row code of "giai-doan"
PERIOD_ID = QUARTERS[PERIOD - 1][0]

Filters = dict[str, list[str]]  # parameter -> value ids


def explorer_query(filters: Filters) -> str:
    """'?tinh=a&chu-de=b': the explorer's address for these facet values. Several values of
    one parameter are OR-ed, parameters AND-ed, as the explorer does. Ids are ASCII slugs."""
    unknown = set(filters) - set(EXPLORER_PARAMS)
    if unknown:
        raise ValueError(f"not explorer parameters: {sorted(unknown)}")
    parts = [f"{param}={','.join(filters[param])}" for param in EXPLORER_PARAMS if filters.get(param)]
    return "?" + "&".join(parts) if parts else ""
