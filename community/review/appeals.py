"""An author appeals a rejected post, once, with a message: the post goes back to the review queue with the
reason `appeal`, and the moderator's decision is logged and told to the author like any other."""

from __future__ import annotations

from community.errors import conflict, not_found
from community.extensions import db
from community.fields import required_text
from community.review.items import logged_before, open_item, open_review, record_decision
from community.stories.models import POSTS

APPEAL_MAX = 1000
REASON = "appeal"


def appeal(kind: str, target_id: int, author_id: int, message: object) -> None:
    """404 unless it is the author's own post; 409 unless it is rejected and not appealed before."""
    post = db.session.get(POSTS[kind], target_id)
    if post is None or post.author_id != author_id:
        raise not_found(f"That {kind}")
    words = required_text(
        message,
        "message",
        APPEAL_MAX,
        missing="Tell the moderators, in a sentence or two, why it should be published.",
        too_long=f"Keep the appeal to {APPEAL_MAX:,} characters or fewer.",
        one_line=True,
    )
    if post.status != "rejected":
        raise conflict(f"Only a rejected {kind} can be appealed; this one is {post.status}.")
    if logged_before(kind, target_id, "appeal") or open_item(kind, target_id) is not None:
        raise conflict(f"You have appealed this {kind} already; a moderator will decide.")
    # The author's words, then the post's, so the moderator reads both in the queue.
    text = f"{post.title} {post.body}" if kind == "story" else post.body
    record_decision(kind, target_id, "appeal", "rejected", "rejected", reason=words)
    open_review(kind, target_id, REASON, "normal", [], f"Appeal: {words} | Post: {text}")
    db.session.commit()
