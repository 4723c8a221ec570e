from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import SQLAlchemyError

from community.accounts.forms import PlainForm
from community.accounts.models import NOTIFICATION_LABELS
from community.extensions import csrf, db
from community.notifications import mailing, services
from community.pagination import page_number

bp = Blueprint("notifications", __name__)
PER_PAGE = 20


@bp.app_context_processor
def unread_badge() -> dict[str, Any]:
    """The unread count in every signed-in member's navigation: one indexed count."""
    if not (current_user and current_user.is_authenticated):
        return {}
    try:
        return {"unread_notifications": services.unread_count(current_user.id)}
    except SQLAlchemyError:
        # The error page for a database outage must still render.
        db.session.rollback()
        return {}


@bp.route("/notifications", methods=["GET", "POST"])
@login_required
def index():
    form = PlainForm()
    if request.method == "POST" and form.validate_on_submit():
        services.mark_read(current_user.id, everything=True)
        return redirect(url_for("notifications.index"))
    page = page_number()
    found = services.list_notifications(current_user.id, page=page, per_page=PER_PAGE)
    unread = [n["id"] for n in found["items"] if not n["read"]]
    if unread:
        # Seen on this page: read from now on (the page still marks them as new this once).
        services.mark_read(current_user.id, unread)
    return render_template("notifications/index.html", found=found, form=form)


@bp.route("/notifications/stop/<token>", methods=["GET", "POST"])
@csrf.exempt
def stop(token: str):
    """RFC 8058 one-click stop of one kind of notification mail: mail clients POST here without a session or
    a CSRF token; a GET asks first."""
    named = mailing.read_stop_token(token)
    if named is None:
        return render_template("notifications/stop.html", state="invalid"), 400
    label = NOTIFICATION_LABELS[named[1]]
    if request.method == "POST":
        if mailing.stop(token) is None:
            return render_template("notifications/stop.html", state="invalid"), 400
        return render_template("notifications/stop.html", state="done", label=label)
    return render_template("notifications/stop.html", state="ask", token=token, label=label)
