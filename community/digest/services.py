"""The weekly digest's part in shared machinery: its own private section, and what the sweeper looks after.

The digest's logic is split by task: compose.py (weeks, and a member's digest from loaded rows), loading.py
(a batch's rows), message.py (the email), unsubscribing.py (the one-click link), claims.py (exactly once),
sending.py (batches and the week's fan-out), sections.py and replies.py (private sections).
"""

from __future__ import annotations

from community.digest import replies, sections, sending
from community.sweeper import sweeps


def _register() -> None:
    # The digest's own private section: replies to the member's stories that week.
    sections.register("replies", replies.build, "digest/section_replies.html", "digest/section_replies.txt")
    # Batches lost before they ran, and deliveries whose claim went stale, are queued again.
    sweeps(sending.send_lost_batches)
    sweeps(sending.retry_stale_deliveries)


_register()
