"""The labels departments and bulletins give (进展顺利, 已完成 …) and the statuses each agrees with.

A label is kept as it was given; the report says whether the computed status is one the label
means (docs/rules.md, "Labels"). A label not in this table is kept too, and reported as unmapped.
"""

from __future__ import annotations

_DONE = frozenset({"met"})
_NEARLY_DONE = frozenset({"met", "ahead"})
_FAST = frozenset({"met", "ahead"})
_ON_SCHEDULE = frozenset({"ahead", "on_track", "in_progress"})
_BEHIND = frozenset({"lagging", "overdue", "breached"})
_NOT_STARTED = frozenset({"lagging", "overdue", "no_data"})

# Each common label and the computed statuses it agrees with.
LABEL_STATUSES: dict[str, frozenset[str]] = {
    # done: the target reached
    "已完成": _DONE,
    "已全部完成": _DONE,
    "全面完成": _DONE,
    "提前完成": _DONE,
    "超额完成": _DONE,
    "已实现既定目标": _DONE,
    "已完成全年目标": _DONE,
    # nearly done: reached, or well ahead of 时序进度
    "基本完成": _NEARLY_DONE,
    # fast: ahead of 时序进度 (or beyond the target already)
    "进展迅速": _FAST,
    "超额完成序时进度": _FAST,
    "超序时进度": _FAST,
    # on schedule: at 时序进度 or ahead, or a milestone under way
    "进展顺利": _ON_SCHEDULE,
    "按计划推进": _ON_SCHEDULE,
    "按序时推进": _ON_SCHEDULE,
    "基本达到序时进度": _ON_SCHEDULE,
    "有序推进": _ON_SCHEDULE,
    "稳步推进": _ON_SCHEDULE,
    "正在推进": _ON_SCHEDULE,
    "顺利推进": _ON_SCHEDULE,
    # behind
    "进度滞后": _BEHIND,
    "推进缓慢": _BEHIND,
    "欠序时较多": _BEHIND,
    "滞后": _BEHIND,
    # not started
    "未开工": _NOT_STARTED,
    "尚未启动": _NOT_STARTED,
}


def label_agrees(label: str | None, status: str) -> bool | None:
    """Whether `label` means `status`; None without a label or for a label not in the table."""
    if label is None:
        return None
    statuses = LABEL_STATUSES.get(label)
    return None if statuses is None else status in statuses
