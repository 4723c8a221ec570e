"""The digest on the web (the same content as the email) and the one-click unsubscribe page."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from community.digest import compose, loading, message, sections, unsubscribing
from community.errors import ServiceError
from community.extensions import csrf
from community.models import utcnow

bp = Blueprint("digest", __name__)


def _render_week(week: str):
    digest = loading.digest_for(current_user.id, week)
    latest = compose.last_complete_week(utcnow())
    newer = compose.shift_week(week, 1)
    return render_template(
        "digest/week.html",
        digest=digest,
        week_label=compose.week_label(week),
        older=compose.shift_week(week, -1),
        newer=newer if newer <= latest else None,
        has_news=compose.has_news(digest),
        # Only ever the signed-in member's own sections.
        private=sections.for_members(week, [current_user.id]).get(current_user.id, []),
        **message.labels(),
    )


@bp.get("/digest")
@login_required
def latest():
    return _render_week(compose.resolve_week(None))


@bp.get("/digest/<week>")
@login_required
def week(week: str):
    try:
        canonical = compose.resolve_week(week)
    except ServiceError as err:
        hint = err.fields.get("week", compose.WEEK_HINT)
        latest = compose.last_complete_week(utcnow())
        return render_template("digest/no_such_week.html", week=week, hint=hint, latest=latest), 404
    return _render_week(canonical)


@bp.route("/digest/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    """RFC 8058 one-click: mail clients POST here without a session or a CSRF token; a GET asks first."""
    if request.method == "POST":
        if unsubscribing.unsubscribe(token):
            return render_template("digest/unsubscribe.html", state="done")
    elif unsubscribing.user_for_unsubscribe(token) is not None:
        return render_template("digest/unsubscribe.html", state="ask", token=token)
    return render_template("digest/unsubscribe.html", state="invalid"), 400
