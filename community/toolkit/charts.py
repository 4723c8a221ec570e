"""The toolkit's charts, drawn on the server as SVG geometry (like the lessons chart): no script, and a
text alternative beside each."""

from __future__ import annotations

from typing import Any

from community.stories.labels import CATEGORY_LABELS
from community.toolkit.content import AUDIT_CATEGORIES
from community.toolkit.models import GOALS

# Sized so that a phone shows the SVG near its natural size (text stays legible); wider screens cap it in CSS.
ROW = 26
LABEL_WIDTH = 125
BAR_WIDTH = 190
GOAL_LABELS = {
    "applications": "Applications",
    "networking": "Networking contacts",
    "skills_hours": "Hours on skills",
    "rest_days": "Rest days",
}


def audit_chart(ratings: dict[str, int]) -> dict[str, Any]:
    """A bar per self-audit category, its length the rating out of 5."""
    bars = []
    for i, category in enumerate(AUDIT_CATEGORIES):
        rating = ratings.get(category)
        bars.append(
            {
                "label": CATEGORY_LABELS[category],
                "rating": rating,
                "width": round(BAR_WIDTH * rating / 5) if rating else 0,
                "y": i * ROW,
            }
        )
    summary = "; ".join(
        f"{bar['label']}: {bar['rating']} of 5" if bar["rating"] else f"{bar['label']}: not rated"
        for bar in bars
    )
    return {
        "bars": bars,
        "row": ROW,
        "label": LABEL_WIDTH,
        "bar": BAR_WIDTH,
        "width": LABEL_WIDTH + BAR_WIDTH + 25,
        "height": ROW * len(bars),
        "summary": summary,
        "ticks": [{"x": LABEL_WIDTH + round(BAR_WIDTH * n / 5), "n": n} for n in range(1, 6)],
    }


PANEL_HEIGHT = 56
PANEL_GAP = 40
COLUMN = 28
GOAL_LABEL_WIDTH = 52


def progress_chart(weeks: list[dict[str, Any]]) -> dict[str, Any]:
    """One panel per measure: a bar per week for what was done, a dashed line for the goal."""
    panels = []
    for p, name in enumerate(GOALS):
        top = p * (PANEL_HEIGHT + PANEL_GAP) + 20
        values = [w["done"][name] for w in weeks if w["done"] is not None]
        goal = weeks[-1]["goals"].get(name, 0) if weeks else 0
        # Headroom above the tallest bar or the goal, for the value written over each bar.
        scale = max([goal, *values, 1]) * 1.2
        columns = []
        for i, week in enumerate(weeks):
            value = week["done"][name] if week["done"] is not None else None
            height = round(PANEL_HEIGHT * value / scale) if value else 0
            columns.append(
                {
                    "x": LABEL_WIDTH + i * COLUMN + 4,
                    "y": top + PANEL_HEIGHT - height,
                    "height": height,
                    "value": value,
                }
            )
        panels.append(
            {
                "label": GOAL_LABELS[name],
                "top": top,
                "goal": goal,
                "goal_y": top + PANEL_HEIGHT - round(PANEL_HEIGHT * goal / scale),
                "columns": columns,
            }
        )
    width = LABEL_WIDTH + COLUMN * max(len(weeks), 1) + GOAL_LABEL_WIDTH
    return {
        "panels": panels,
        "width": width,
        "height": len(GOALS) * (PANEL_HEIGHT + PANEL_GAP) + 10,
        "column": COLUMN,
        "panel_height": PANEL_HEIGHT,
        "label": LABEL_WIDTH,
        "plot_end": LABEL_WIDTH + COLUMN * max(len(weeks), 1),
        "weeks": [
            {"x": LABEL_WIDTH + i * COLUMN + COLUMN // 2, "label": w["week"].split("-W")[1]}
            for i, w in enumerate(weeks)
        ],
        "goal_labels": GOAL_LABELS,
    }


def gentle_summary(weeks: list[dict[str, Any]]) -> list[str]:
    """A few kind sentences about the weeks: what was done, never what was missed."""
    checked = [w for w in weeks if w["done"] is not None]
    if not checked:
        return [
            "No check-ins yet. Whenever you are ready, note what you did this week: every bit counts, "
            "rest included."
        ]
    last = checked[-1]
    done, goals = last["done"], last["goals"]
    parts = [
        f"In your last check-in ({last['week']}) you noted {done['applications']:g} "
        f"application{'s' if done['applications'] != 1 else ''}, {done['networking']:g} networking "
        f"contact{'s' if done['networking'] != 1 else ''}, {done['skills_hours']:g} hour"
        f"{'s' if done['skills_hours'] != 1 else ''} on skills and {done['rest_days']:g} rest "
        f"day{'s' if done['rest_days'] != 1 else ''}."
    ]
    met = [GOAL_LABELS[n].lower() for n in GOALS if goals.get(n) and done[n] >= goals[n]]
    if met:
        parts.append("You reached your goal for " + ", ".join(met) + ". Well done.")
    parts.append("A week without a check-in is just a week; looking after yourself is part of the plan.")
    return parts
