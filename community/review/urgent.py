"""Every new urgent review item (crisis language) is mailed to every moderator and admin within a minute.

The moderation job enqueues the mailing as soon as it opens the item; the sweeper enqueues any item whose
mailing never ran (Redis was down, a worker died). The mailing job claims the item in the database before it
sends, so moderators get one mail per item however often the job runs, and releases the claim if sending
fails so that the retry sends it.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select, update

from community import mail, queue
from community.accounts.models import User
from community.extensions import db
from community.models import utcnow
from community.review.models import ReviewItem
from community.sweeper import sweeps

SUBJECT = "Someone may need help: an urgent post is waiting"


def _job_id(item_id: int) -> str:
    return f"urgent-item-{item_id}"


def enqueue_mailing(item_id: int) -> bool:
    return queue.enqueue("mail", "worker.jobs.tell_moderators", item_id, job_id=_job_id(item_id))


def tell_moderators(item_id: int) -> int:
    """Mail every moderator and admin about this urgent item, once; how many were mailed."""
    claimed = db.session.execute(
        update(ReviewItem)
        .where(
            ReviewItem.id == item_id,
            ReviewItem.priority == "urgent",
            ReviewItem.moderators_told_at.is_(None),
        )
        .values(moderators_told_at=utcnow())
    )
    db.session.commit()
    if claimed.rowcount != 1:
        return 0
    item = db.session.get(ReviewItem, item_id)
    moderators = db.session.scalars(
        select(User).where(User.role.in_(("moderator", "admin")), User.email_confirmed_at.is_not(None))
    ).all()
    link = f"{current_app.config['BASE_URL']}/moderation/items/{item.kind}/{item.target_id}"
    messages = [
        mail.build_message(person.email, SUBJECT, "urgent_item", user=person, item=item, link=link)
        for person in moderators
    ]
    try:
        mail.send(messages)
    except Exception:
        db.session.execute(update(ReviewItem).where(ReviewItem.id == item_id).values(moderators_told_at=None))
        db.session.commit()
        raise
    return len(messages)


@sweeps
def enqueue_untold() -> int:
    """Urgent items nobody was mailed about yet, and whose mailing job is not waiting."""
    count = 0
    for item_id in db.session.scalars(
        select(ReviewItem.id).where(
            ReviewItem.priority == "urgent",
            ReviewItem.moderators_told_at.is_(None),
            ReviewItem.resolved_at.is_(None),
        )
    ):
        if not queue.job_is_live(_job_id(item_id)) and enqueue_mailing(item_id):
            count += 1
    return count
