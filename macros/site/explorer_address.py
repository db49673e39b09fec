"""The task explorer's address (tra-cuu/?tinh=…&chu-de=…), spelled once for both sides.

explorer.js reads and writes these parameters (readURL/queryString); the value ids that
are not data ids (deadline kinds, quarters) travel to it in explore.json
(search_index.explore_data), and pages that link into the explorer (the comparison's
grids) build their addresses with `explorer_query`. No other import, so any module can use it.
"""

from __future__ import annotations

# Parameters in the order of the explorer's facets (queryString writes them so).
EXPLORER_PARAMS = (
    "tinh",
    "co-quan",
    "loai-co-quan",
    "chu-de",
    "nam",
    "quy",
    "loai-han",
    "den-han",
    "nguon",
    "tinh-trang",
)
# "Loại thời hạn" values: explore.json's deadline kind code -> id in the address.
DEADLINE_IDS = {
    "dated": "co-han-cu-the",
    "ongoing": "thuong-xuyen",
    "annual": "hang-nam",
    "conditional": "co-dieu-kien",
    "none": "khong-ghi",
}
# "Quý" values, by row code 1…: quarters, then a dated deadline given by year or period.
QUARTERS = (
    ("1", "Quý I"),
    ("2", "Quý II"),
    ("3", "Quý III"),
    ("4", "Quý IV"),
    ("ca-nam", "Không ghi quý (hạn theo năm, giai đoạn)"),
)
NO_QUARTER = len(QUARTERS)  # row code of the last one
NO_QUARTER_ID = QUARTERS[NO_QUARTER - 1][0]

Filters = dict[str, list[str]]  # parameter -> value ids


def explorer_query(filters: Filters) -> str:
    """'?tinh=a&chu-de=b': the explorer's address for these facet values. Several values of
    one parameter are OR-ed, parameters AND-ed, as the explorer does. Ids are ASCII slugs."""
    unknown = set(filters) - set(EXPLORER_PARAMS)
    if unknown:
        raise ValueError(f"not explorer parameters: {sorted(unknown)}")
    parts = [f"{param}={','.join(filters[param])}" for param in EXPLORER_PARAMS if filters.get(param)]
    return "?" + "&".join(parts) if parts else ""
