"""Debriefs as members write them, for the toolkit's tests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.digest.conftest import make_story  # noqa: F401  (stories published in a past week)
from tests.faults.conftest import database, database_lock, process_env, processes  # noqa: F401  (real processes)

# Words that appear nowhere else, so that finding one in a raw row, a log or another reply is a leak.
SECRET_COMPANY = "Zanzibrite Labs"
SECRET_NOTE = "Quillfeather rambled about the migration project"
SECRET_WELL = "Marmalight rapport with the manager"
SECRET_FEEDBACK = "Thistlewick said my answers were too long"


def debrief_payload(**changes) -> dict:
    payload = {
        "company": SECRET_COMPANY,
        "role": "Support engineer",
        "industry": "Software",
        "stage": "onsite",
        "interviewed_on": (date.today() - timedelta(days=3)).isoformat(),
        "outcome": "rejected",
        "audit": {
            "preparation": {"rating": 2, "notes": "Had not read about their new product."},
            "first_impression": {"rating": 4, "notes": "Arrived early and calm."},
            "answers": {"rating": 1, "notes": SECRET_NOTE},
            "enthusiasm": {"rating": 4, "notes": ""},
            "questions_asked": {"rating": 3, "notes": "Only asked about the salary."},
            "materials": {"rating": 5, "notes": ""},
        },
        "went_well": [SECRET_WELL, "Solid SQL answer"],
    }
    payload.update(changes)
    return payload


@pytest.fixture
def make_debrief(client):
    """A debrief made through the API by `who`; its JSON."""

    def make(who, **changes) -> dict:
        resp = client.post("/api/v1/me/debriefs", json=debrief_payload(**changes), headers=who.headers)
        assert resp.status_code == 201, resp.get_json()
        return resp.get_json()

    return make
