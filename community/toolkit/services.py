"""The toolkit's part in an account's life: its section of the member's export, and its erasure.

The toolkit's logic is split by task: debriefs.py, feedback.py, plans.py, progress.py, story.py, crypto.py.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete

from community.accounts import lifecycle
from community.digest import sections as digest_sections
from community.extensions import db
from community.toolkit import debriefs, plans, your_week
from community.toolkit.models import CheckIn, Debrief, Plan, PlanAction


def export(user_id: int) -> dict[str, Any]:
    """Everything the toolkit holds for the member, decrypted: for their own export only."""
    return {
        "debriefs": [debriefs.as_dict(d) for d in debriefs.all_own(user_id)],
        "plan": plans.get_plan(user_id),
        "check_ins": [plans.check_in_dict(row) for row in plans.check_ins(user_id)],
    }


def erase(user_id: int) -> None:
    """Delete every toolkit row of the member (in the caller's transaction)."""
    for model in (Debrief, PlanAction, CheckIn, Plan):
        db.session.execute(delete(model).where(model.user_id == user_id))


def _register() -> None:
    digest_sections.register(
        "your_week", your_week.build, "toolkit/digest_your_week.html", "toolkit/digest_your_week.txt"
    )
    lifecycle.register_export("toolkit", export)
    lifecycle.register_erase(erase)


_register()
