"""Who leads a task today, in words: the task card's line, the search and explorer
summaries and the no-JavaScript explorer list all say it the same way.

The rule itself (merged departments, merged provinces, district governments that ended
on 1/7/2025) is the registry's (`Registry.current_agency`, `Registry.current_lead`);
this module only puts its answer into Vietnamese.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.data import model as m
from macros.data.registry import Agency, CurrentAgency, Registry
from macros.site import urls
from macros.site.render import date_vi


@dataclass(frozen=True)
class LeadNow:
    """One lead agency whose duties changed hands in 2025, for the task card."""

    named: str  # as the plan names it, by its kind: "Sở Thông tin và Truyền thông"
    now_text: str  # "Sở Khoa học và Công nghệ tỉnh Đồng Tháp"; "" when the body ended
    now_uri: str | None  # the current agency's page
    ended: str  # when it ended with no successor known: what the reader is told, else ""


def now_label(agency: Agency) -> str:
    """The current agency's name with its province, also for group names ("Các sở, ban,
    ngành (thành phố Đà Nẵng)") that do not carry one."""
    if agency.province.name in agency.name:
        return agency.name
    place = "thành phố" if agency.province.kind == "thanh-pho" else "tỉnh"
    return f"{agency.name} ({place} {agency.province.name})"


def ended_text(kind: m.AgencyKind) -> str:
    """What data/ knows of a body that ended: its end, and that no successor is recorded."""
    return f"không còn hoạt động từ {date_vi(kind.ended_on)}; dữ liệu chưa ghi cơ quan nào tiếp nhận nhiệm vụ này"


def lead_now(registry: Registry, plan: m.Plan, task: m.Task) -> tuple[LeadNow, ...]:
    """The task's lead agencies that changed in 2025 (none when nothing changed)."""
    out = []
    for current in registry.current_lead(plan, task):
        if not current.changed:
            continue
        if current.now is None:
            out.append(LeadNow(current.named.kind.name, "", None, ended_text(current.named.kind)))
        else:
            out.append(LeadNow(current.named.kind.name, now_label(current.now), urls.agency(current.now), ""))
    return tuple(out)


def now_summary(currents: list[CurrentAgency]) -> str:
    """'nay: Sở Khoa học và Công nghệ tỉnh Đồng Tháp; …' for one line of text (search
    results, the explorer, files), or '' when no lead agency changed."""
    parts = []
    for current in currents:
        if not current.changed:
            continue
        if current.now is None:
            kind = current.named.kind
            parts.append(f"{kind.name} không còn từ {date_vi(kind.ended_on)}, chưa rõ cơ quan tiếp nhận")
        else:
            parts.append(now_label(current.now))
    return "nay: " + "; ".join(parts) if parts else ""
