from __future__ import annotations

from datetime import UTC, datetime

import pytest

from community.digest import compose


@pytest.mark.parametrize(
    "value", ["2026-W60", "2026-W00", "last", "2026-47", "2026-W7", "", "2025-W53", "26-W47"]
)
def test_malformed_weeks_are_refused(value):
    with pytest.raises(ValueError):
        compose.parse_week(value)


def test_valid_weeks():
    assert compose.parse_week("2026-W47") == "2026-W47"
    assert compose.parse_week("2026-W53") == "2026-W53"  # 2026 has 53 ISO weeks
    assert compose.week_bounds("2026-W47") == (
        datetime(2026, 11, 16, tzinfo=UTC),
        datetime(2026, 11, 23, tzinfo=UTC),
    )


def test_last_complete_week_is_the_one_that_just_ended():
    monday_morning = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert compose.last_complete_week(monday_morning) == "2026-W47"
    sunday_night = datetime(2026, 11, 22, 23, 59, tzinfo=UTC)
    assert compose.last_complete_week(sunday_night) == "2026-W46"
    assert compose.last_complete_week(datetime(2027, 1, 4, 8, tzinfo=UTC)) == "2026-W53"


def test_week_labels():
    assert compose.week_label("2026-W47") == "16-22 Nov 2026"
    assert compose.week_label("2026-W40") == "28 Sep - 4 Oct 2026"
    assert compose.week_label("2026-W53") == "28 Dec 2026 - 3 Jan 2027"
    assert compose.shift_week("2026-W53", 1) == "2027-W01"
