"""Moderators' pages: the review queue, one item with its history, and the keyword rules."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import SQLAlchemyError

from community.api.errors import error_body
from community.errors import ServiceError
from community.extensions import db
from community.models import utcnow
from community.moderation import decisions, keyword_rules, outreach, preview, record
from community.moderation.forms import (
    ConfirmForm,
    MessageForm,
    RejectForm,
    RuleFilterForm,
    RuleForm,
)
from community.moderation.patterns import ACTIONS
from community.pagination import page_number, paginate
from community.permissions import is_moderator, require_moderator
from community.review import appeals
from community.review.forms import AppealForm
from community.stories.models import CONTENT_NOTE_LABELS

bp = Blueprint("moderation", __name__)

QUEUE_PAGE_SIZE = 20
RULES_PAGE_SIZE = 50


@bp.app_context_processor
def urgent_reviews() -> dict[str, Any]:
    """The urgent count in every moderator's navigation; nobody else pays for the query."""
    if not is_moderator(current_user):
        return {}
    try:
        return {"urgent_review_count": decisions.urgent_count()}
    except SQLAlchemyError:
        # The error page for a database outage must still render.
        db.session.rollback()
        return {}


def moderator_page(view: Callable) -> Callable:
    @wraps(view)
    @login_required
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        require_moderator(current_user, "Only moderators can open the moderation pages.")
        return view(*args, **kwargs)

    return wrapper


@bp.app_template_filter("waited")
def waited(since) -> str:
    """How long an item has waited, as a moderator reads it at a glance: "4 min", "2 h 5 min", "3 days"."""
    minutes = max(0, int((utcnow() - since).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 24 * 60:
        return f"{minutes // 60} h {minutes % 60} min"
    days = minutes // (24 * 60)
    return f"{days} day{'s' if days != 1 else ''}"


def _queue_page(reject_form: RejectForm | None = None, failed_id: int | None = None, status: int = 200):
    page = paginate(decisions.queue_query(), page_number(), QUEUE_PAGE_SIZE, list)
    return render_template(
        "moderation/queue.html",
        page=page,
        statuses=decisions.target_statuses(page["items"]),
        confirm_form=ConfirmForm(),
        reject_form=reject_form,
        empty_reject_form=RejectForm(formdata=None),
        failed_id=failed_id,
    ), status


@bp.get("/moderation")
@moderator_page
def queue():
    return _queue_page()


def _back_to_queue():
    page = page_number()
    return redirect(url_for("moderation.queue", page=page if page > 1 else None))


def _decided(action: str) -> None:
    flash(
        "Published. Thank you for looking."
        if action == "approve"
        else "Rejected. The author sees your reason.",
        "success",
    )


@bp.post("/moderation/queue/<int:item_id>/approve")
@moderator_page
def approve(item_id: int):
    if ConfirmForm().validate_on_submit():
        try:
            decisions.approve(item_id, current_user.id)
        except ServiceError as err:
            flash(err.message, "warning")
        else:
            _decided("approve")
    return _back_to_queue()


@bp.post("/moderation/queue/<int:item_id>/reject")
@moderator_page
def reject(item_id: int):
    form = RejectForm()
    if form.validate_on_submit():
        try:
            decisions.reject(item_id, current_user.id, form.reason.data)
        except ServiceError as err:
            if "reason" not in err.fields:
                flash(err.message, "warning")
                return _back_to_queue()
            form.reason.errors = [err.fields["reason"]]
        else:
            _decided("reject")
            return _back_to_queue()
    return _queue_page(form, item_id, 422)


@bp.route("/moderation/items/<kind>/<int:target_id>", methods=["GET", "POST"])
@moderator_page
def item(kind: str, target_id: int):
    """One story or reply with its open review item and its decisions; approve and reject post here."""
    confirm_form, reject_form = ConfirmForm(), RejectForm(formdata=None)
    status = 200
    if request.method == "POST":
        review = record.review_target(kind, target_id).open_item
        decision = request.form.get("decision")
        try:
            if review is None:
                flash("A moderator has already decided this item.", "warning")
            elif decision == "approve" and confirm_form.validate_on_submit():
                # The item page offers the story's content notes; an approval from elsewhere keeps the default.
                notes = request.form.getlist("content_notes") if "notes_offered" in request.form else None
                decisions.approve(review.id, current_user.id, content_notes=notes)
                _decided("approve")
            elif decision == "reject":
                reject_form = RejectForm()
                if reject_form.validate_on_submit():
                    decisions.reject(review.id, current_user.id, reject_form.reason.data)
                    _decided("reject")
        except ServiceError as err:
            if "reason" in err.fields:
                reject_form.reason.errors = [err.fields["reason"]]
            else:
                flash(err.message, "warning")
        if not reject_form.errors:
            return redirect(url_for("moderation.item", kind=kind, target_id=target_id))
        status = 422
    return _item_page(record.review_target(kind, target_id), confirm_form, reject_form, None, status)


def _item_page(view, confirm_form, reject_form, message_form, status: int):
    offered = None
    if view.kind == "story" and view.open_item is not None and view.target.status == "held":
        offered = decisions.notes_on_approval(view.open_item, view.target)
    return render_template(
        "moderation/item.html",
        view=view,
        confirm_form=confirm_form,
        reject_form=reject_form,
        message_form=message_form or MessageForm(formdata=None, text=outreach.KIND_WORDS),
        last_item=record.last_item(view.kind, view.target.id),
        notes_offered=offered,
        note_labels=CONTENT_NOTE_LABELS,
    ), status


@bp.post("/moderation/items/<kind>/<int:target_id>/message")
@moderator_page
def message_author(kind: str, target_id: int):
    view = record.review_target(kind, target_id)
    form = MessageForm()
    item_id = request.form.get("item_id", type=int)
    if form.validate_on_submit():
        try:
            outreach.message_author(item_id or 0, current_user.id, form.text.data)
        except ServiceError as err:
            if "text" not in err.fields:
                flash(err.message, "warning")
                return redirect(url_for("moderation.item", kind=kind, target_id=target_id))
            form.text.errors = [err.fields["text"]]
        else:
            flash("Your message is on its way. The author stays anonymous to you.", "success")
            return redirect(url_for("moderation.item", kind=kind, target_id=target_id))
    return _item_page(view, ConfirmForm(), RejectForm(formdata=None), form, 422)


@bp.post("/me/stories/<int:story_id>/appeal")
@login_required
def appeal_story(story_id: int):
    form = AppealForm()
    if form.validate_on_submit():
        try:
            appeals.appeal("story", story_id, current_user.id, form.message.data)
        except ServiceError as err:
            flash(err.fields.get("message") or err.message, "warning")
        else:
            flash(
                "Thank you. A moderator will read your story again and you will hear what they decide.",
                "success",
            )
    else:
        flash("Tell the moderators, in a sentence or two, why it should be published.", "warning")
    return redirect(url_for("stories.my_stories"))


@bp.post("/moderation/preview")
@login_required
def preview_draft():
    """The story and reply forms' preview (their script sends the draft with the page's CSRF token)."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        data = request.form.to_dict()
    try:
        return jsonify(preview.preview(data))
    except ServiceError as err:
        return jsonify(error_body(err.status, err.message, err.fields, err.code)), err.status


def _rule_filters() -> RuleFilterForm:
    filters = RuleFilterForm(request.args)
    if not filters.validate():
        filters = RuleFilterForm(formdata=None)
    return filters


def _rules_page(form: RuleForm, status: int = 200):
    filters = _rule_filters()
    rules = keyword_rules.list_rules(
        page_number(), RULES_PAGE_SIZE, action=filters.action.data or None, search=filters.q.data
    )
    return render_template(
        "moderation/rules.html",
        form=form,
        filters=filters,
        rules=rules,
        actions=ACTIONS,
        confirm_form=ConfirmForm(),
    ), status


@bp.route("/moderation/rules", methods=["GET", "POST"])
@moderator_page
def rules():
    form = RuleForm()
    if form.validate_on_submit():
        try:
            rule = keyword_rules.add_rule(
                form.pattern.data, form.action.data, form.note.data, created_by_id=current_user.id
            )
        except ServiceError as err:
            for name, message in err.fields.items():
                getattr(form, name).errors = [message]
        else:
            flash(f"Rule added: “{rule.pattern}” → {rule.action}. It applies from the next post.", "success")
            return redirect(url_for("moderation.rules"))
    return _rules_page(form, 422 if form.errors else 200)


@bp.post("/moderation/rules/<int:rule_id>/delete")
@moderator_page
def delete_rule(rule_id: int):
    if ConfirmForm().validate_on_submit():
        try:
            keyword_rules.delete_rule(rule_id)
        except ServiceError as err:
            flash(err.message, "warning")
        else:
            flash("Rule deleted. Past decisions keep their record of it.", "success")
    return redirect(url_for("moderation.rules", **request.args))


@bp.post("/moderation/rules/defaults")
@moderator_page
def install_defaults():
    if ConfirmForm().validate_on_submit():
        added, present = keyword_rules.install_defaults()
        flash(f"Installed {added} default rules ({present} were already there).", "success")
    return redirect(url_for("moderation.rules"))
