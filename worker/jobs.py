"""Thin job functions: ids in, a community service does the work.

They run inside the app context the worker pushes at start; each commits or rolls back itself
and re-raises on failure so RQ records it and retries.
"""

from __future__ import annotations

from typing import Any

from community.extensions import db


def _run(func, *args: Any, **kwargs: Any) -> Any:
    try:
        return func(*args, **kwargs)
    except Exception:
        db.session.rollback()
        raise
    finally:
        db.session.remove()


def send_member_mail(template: str, user_id: int, **context: Any) -> None:
    from community.accounts.mail import send_member_mail as send

    _run(send, template, user_id, **context)


def moderate(kind: str, target_id: int) -> None:
    """A new story or reply, or (kind "edit") an edit of a published one."""
    from community.moderation.edits import moderate_edit
    from community.moderation.services import moderate_item

    if kind == "edit":
        _run(moderate_edit, target_id)
    else:
        _run(moderate_item, kind, target_id)


def sweep() -> None:
    from community.sweeper import sweep as run_sweep

    _run(run_sweep)


def expire_mentorship_requests() -> int:
    from community.mentorship.requesting import expire_requests

    return _run(expire_requests)


def send_digest_week(week: str | None = None) -> int:
    from community.digest.sending import send_digest_week as fan_out

    return _run(fan_out, week)


def send_digest_batch(week: str, user_ids: list[int]) -> dict[str, int]:
    from community.digest.sending import send_digest_batch as send

    return _run(send, week, user_ids).as_dict()


def send_due_followups() -> int:
    from community.toolkit.feedback import send_due_followups as send

    return _run(send)


def tell_moderators(item_id: int) -> int:
    from community.review.urgent import tell_moderators as tell

    return _run(tell, item_id)


def send_notification_mails() -> int:
    from community.notifications.mailing import send_due_mails

    return _run(send_due_mails)


def tell_of_reaction(story_id: int, user_id: int) -> None:
    from community.stories.services import tell_author_of_reaction

    _run(tell_author_of_reaction, story_id, user_id)


def notify(
    user_id: int,
    kind: str,
    text: str,
    link: str | None,
    subject_key: str | None = None,
    own_mail: bool = False,
) -> None:
    """A notification a web request asked for (a moderator's decision, a mentor's answer)."""
    from community.notifications.services import notify_now

    _run(notify_now, user_id, kind, text, link, subject_key, own_mail)
