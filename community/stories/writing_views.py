"""Writing pages: a new story, editing a story or a reply, and the member's own stories."""

from __future__ import annotations

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from community import feed as reading
from community.errors import ServiceError
from community.extensions import db
from community.limits import edit_limit, story_limit
from community.pagination import page_number
from community.permissions import is_author
from community.review.forms import AppealForm
from community.review.items import appealed_among
from community.stories import edits
from community.stories import services as stories
from community.stories.forms import (
    OPEN_LESSON_ROWS,
    ConfirmForm,
    ReplyForm,
    StoryForm,
    choices,
)
from community.stories.labels import (
    LABELS,
)
from community.stories.models import Reply
from community.stories.views import FEED_PAGE_SIZE, bp
from community.web import apply_errors


def _apply_errors(form: StoryForm, err: ServiceError, rows: list[int]) -> None:
    """A lesson's errors go next to its row (`rows[i]` is the form row of submitted lesson i); the rest as on
    any form."""
    others: dict[str, str] = {}
    for name, message in err.fields.items():
        parts = name.split(".")
        if parts[0] != "lessons":
            others[name] = message
        elif len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(rows):
            field = form.lessons[rows[int(parts[1])]][parts[2]]
            field.errors = [*field.errors, message]
        else:
            form.lessons.errors = [*(form.lessons.errors or []), message]
    if others or not err.fields:
        apply_errors(form, ServiceError(err.status, err.message, others))


@bp.route("/stories/new", methods=["GET", "POST"])
@login_required
@story_limit
def new_story():
    form = StoryForm()
    groups = stories.author_groups(current_user.id)
    form.group_id.choices = choices("Everyone", {str(g.id): f"Only my group: {g.name}" for g in groups})
    if request.method == "GET" and request.args.get("group", "").isdigit():
        form.group_id.data = request.args["group"]
    status = 200
    if form.is_submitted():
        status = 422
    if form.validate_on_submit():
        rows = _lesson_rows(form)
        group = form.group_id.data or ""
        try:
            stories.create_story(
                current_user.id,
                **_story_values(form, rows),
                group_id=int(group) if group.isdigit() else (group or None),
            )
        except ServiceError as err:
            _apply_errors(form, err, rows)
        else:
            flash(
                "Thank you for sharing. Your story appears as soon as our automatic check is done, "
                "usually within a minute; you can follow it under My stories.",
                "success",
            )
            return redirect(url_for("stories.my_stories"))
    return _story_form(form, status)


def _lesson_rows(form: StoryForm) -> list[int]:
    """The form rows holding a lesson (rows left blank are not lessons)."""
    return [
        i
        for i, row in enumerate(form.lessons)
        if (row.category.data or "").strip() or (row.text.data or "").strip()
    ]


def _story_values(form: StoryForm, rows: list[int]) -> dict:
    return {
        "title": form.title.data or "",
        "body": form.body.data or "",
        "lessons": [
            {"category": form.lessons[i].category.data, "text": form.lessons[i].text.data or ""} for i in rows
        ],
        "stage": form.stage.data or "",
        "industry": form.industry.data or "",
        "company": form.company.data or None,
        "share_company": bool(form.share_company.data),
        "content_notes": list(form.content_notes.data or []),
    }


def _story_form(form: StoryForm, status: int, story_id: int | None = None):
    extra = form.lessons.entries[OPEN_LESSON_ROWS:]
    open_more = any(row.text.data or row.text.errors or row.category.errors for row in extra)
    return render_template(
        "stories/new.html",
        form=form,
        labels=LABELS,
        open_rows=OPEN_LESSON_ROWS,
        open_more=open_more,
        story_id=story_id,
    ), status


@bp.route("/me/stories/<int:story_id>/edit", methods=["GET", "POST"])
@login_required
@edit_limit
def edit_story(story_id: int):
    """The story form, filled in with the story as it is; the edit is moderated like a new post."""
    story = reading.readable_story(story_id, current_user)
    if not is_author(story, current_user):
        abort(403)
    if request.method == "GET":
        values = edits.story_values(story)
        form = StoryForm(
            formdata=None,
            **{key: value for key, value in values.items() if key != "lessons"},
            lessons=values["lessons"],
        )
    else:
        form = StoryForm()
    form.submit.label.text = "Save my edit"
    status = 422 if form.is_submitted() else 200
    if form.validate_on_submit():
        rows = _lesson_rows(form)
        try:
            edits.edit_story(story_id, current_user.id, _story_values(form, rows))
        except ServiceError as err:
            if err.status == 409:
                flash(err.message, "error")
                return redirect(url_for("stories.my_stories"))
            _apply_errors(form, err, rows)
        else:
            flash(
                "Your edit is saved. Readers see it once our automatic check is done, usually within a "
                "minute; until then they see the story as it was.",
                "success",
            )
            return redirect(url_for("stories.my_stories"))
    return _story_form(form, status, story_id=story_id)


@bp.route("/replies/<int:reply_id>/edit", methods=["GET", "POST"])
@login_required
@edit_limit
def edit_reply(reply_id: int):
    """The author's own reply, to edit; moderated like a new reply, the published one staying meanwhile."""
    reply = db.session.get(Reply, reply_id)
    if reply is None or reply.author_id != current_user.id:
        abort(404)
    form = ReplyForm() if request.method == "POST" else ReplyForm(formdata=None, body=reply.body)
    form.body.label.text = "Your reply"
    form.submit.label.text = "Save my edit"
    status = 422 if form.is_submitted() else 200
    if form.validate_on_submit():
        try:
            edits.edit_reply(reply_id, current_user.id, {"body": form.body.data or ""})
        except ServiceError as err:
            if err.status == 409:
                flash(err.message, "error")
                return redirect(url_for("stories.story", story_id=reply.story_id))
            form.body.errors = [*form.body.errors, *err.fields.values()]
        else:
            flash("Your edit is saved. It appears once our automatic check is done.", "success")
            return redirect(url_for("stories.story", story_id=reply.story_id) + "#replies")
    return render_template("stories/edit_reply.html", form=form, reply=reply), status


@bp.get("/me/stories")
@login_required
def my_stories():
    mine = reading.my_stories(current_user.id, page=page_number(), per_page=FEED_PAGE_SIZE)
    rejected = [story["id"] for story in mine["items"] if story["status"] == "rejected"]
    return render_template(
        "stories/mine.html",
        stories=mine,
        delete_form=ConfirmForm(),
        appeal_form=AppealForm(formdata=None),
        appealed=appealed_among("story", rejected),
        labels=LABELS,
    )
