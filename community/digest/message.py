"""The digest email: every member's digest in a batch, the subject, the readable labels, and the message
ready for SMTP (plain text and HTML, with RFC 8058 one-click unsubscribe)."""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app

from community import mail
from community.digest import compose
from community.digest.loading import load_week
from community.digest.unsubscribing import unsubscribe_url
from community.stories.labels import CATEGORY_LABELS, REACTION_LABELS, STAGE_LABELS
from community.stories.models import CONTENT_NOTE_LABELS


def subject(digest: dict) -> str:
    count = len(digest["stories"])
    if count:
        news = f"{count} {'story' if count == 1 else 'stories'} of picking yourself up"
    elif digest["lessons"]:
        news = "lessons from the community"
    else:
        news = "new mentors in your field"
    return f"Your Rebound week: {news} ({compose.week_label(digest['week'])})"


def labels() -> dict[str, dict[str, str]]:
    """Readable names for categories, stages and reactions, for the page and the email alike."""
    return {
        "category_labels": CATEGORY_LABELS,
        "stage_labels": STAGE_LABELS,
        "reaction_labels": REACTION_LABELS,
        "note_labels": CONTENT_NOTE_LABELS,
    }


def _news(digest: dict, shared: dict) -> dict[str, str]:
    """The stories and lessons part of the email, rendered once per batch for every member it fits."""
    key = (
        tuple(story["id"] for story in digest["stories"]),
        tuple((lesson["story_id"], lesson["category"], lesson["text"]) for lesson in digest["lessons"]),
    )
    news = shared.get(key)
    if news is None:
        env = current_app.jinja_env
        context = {"digest": digest, "base_url": current_app.config["BASE_URL"], **labels()}
        news = {
            "text": env.get_template("email/digest_news.txt").render(context),
            "html": env.get_template("email/digest_news.html").render(context),
        }
        shared[key] = news
    return news


def build_message(
    member: compose.MemberRow,
    digest: dict,
    shared: dict | None = None,
    eight_bit: bool = False,
    private: list[dict] | None = None,
) -> bytes:
    """The digest email, ready for SMTP: plain text and HTML, with RFC 8058 one-click unsubscribe.

    `shared` carries parts already rendered for other members of the same batch (stories are the
    same rows throughout a batch, so their ids say what was rendered); `eight_bit` when the server
    takes 8-bit mail.
    """
    unsubscribe = unsubscribe_url(member.id)
    return mail.build_raw(
        member.email,
        subject(digest),
        "digest",
        headers={
            # One id per member and week: a mail that ever did go out twice is recognisably the same one.
            "Message-ID": f"<digest-{digest['week']}-{member.id}@rebound.local>",
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": "Rebound weekly digest <digest.rebound.local>",
        },
        eight_bit=eight_bit,
        member=member,
        digest=digest,
        news=_news(digest, {} if shared is None else shared),
        week_label=compose.week_label(digest["week"]),
        unsubscribe_url=unsubscribe,
        private=private or [],
    )


def build_digests(week: str, user_ids: Iterable[int]) -> list[tuple[compose.MemberRow, dict]]:
    """Every member's digest in the batch (whatever their setting), composed from one batch load."""
    members, rows = load_week(week, user_ids)
    base_url = current_app.config["BASE_URL"]
    return [(member, compose.compose(member, rows, base_url)) for member in members]
