from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from community.errors import ServiceError, forbidden
from community.groups import services
from community.groups.forms import GroupForm
from community.pagination import page_number, paginate
from community.permissions import is_moderator
from community.stories.labels import LABELS as STORY_LABELS
from community.web import apply_errors, open_notes, safe_path

bp = Blueprint("groups", __name__)

PER_PAGE = 20


def _viewer_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


def _cursor() -> str | None:
    """The `cursor` of an "older" link; an altered one is answered 400."""
    return request.args.get("cursor") or None


@bp.route("/groups", methods=["GET", "POST"])
def index():
    form = GroupForm() if is_moderator(current_user) else None
    if request.method == "POST":
        if form is None:
            raise forbidden("Only moderators can create groups.")
        if form.validate_on_submit():
            try:
                group = services.create_group(
                    form.name.data, form.description.data or "", form.visibility.data, current_user.id
                )
            except ServiceError as err:
                apply_errors(form, err)
            else:
                flash(f"The group “{group.name}” is open.", "success")
                return redirect(url_for("groups.show", slug=group.slug))
    viewer_id = _viewer_id()
    result = paginate(
        services.groups_query(),
        page_number(),
        PER_PAGE,
        lambda groups: services.group_rows(groups, viewer_id),
    )
    status = 422 if form is not None and (form.errors or form.form_errors) else 200
    return render_template("groups/index.html", result=result, form=form), status


@bp.get("/groups/<slug>")
def show(slug: str):
    group = services.group_by_slug(slug)
    row = services.group_rows([group], _viewer_id())[0]
    try:
        stories = services.group_stories(group, current_user, page_number(), PER_PAGE, _cursor())
    except ServiceError as err:
        if err.status != 404:
            raise
        stories = None  # a private group's stories, to someone outside it: the page says how to join
    return render_template(
        "groups/show.html", group=row, stories=stories, labels=STORY_LABELS, open_notes=open_notes()
    )


@bp.post("/groups/<slug>/join")
@login_required
def join(slug: str):
    group = services.group_by_slug(slug)
    services.join_group(group.id, current_user.id)
    flash(f"You joined “{group.name}”. Welcome.", "success")
    return redirect(safe_path(request.form.get("next"), url_for("groups.show", slug=group.slug)))


@bp.post("/groups/<slug>/leave")
@login_required
def leave(slug: str):
    group = services.group_by_slug(slug)
    services.leave_group(group.id, current_user.id)
    flash(f"You left “{group.name}”.", "info")
    return redirect(safe_path(request.form.get("next"), url_for("groups.show", slug=group.slug)))
