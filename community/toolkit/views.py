"""The toolkit's pages under /me: debriefs with a guided walk-through, the feedback request, the plan and
check-ins, and progress. Thin: parse, call a service (which answers 404 for anyone but the owner), render."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from community.errors import ServiceError, not_found
from community.models import utcnow
from community.pagination import page_number
from community.stories import services as stories
from community.stories.forms import OPEN_LESSON_ROWS, StoryForm, choices
from community.stories.labels import LABELS
from community.toolkit import charts, debriefs, feedback, plans, story
from community.toolkit.content import AUDIT_CATEGORIES, audit_questions, tones
from community.toolkit.forms import (
    OUTCOME_LABELS,
    ActionForm,
    AnswerForm,
    DebriefForm,
    FeedbackForm,
    RequestDraftForm,
    RequestSentForm,
    ShareForm,
    ToggleForm,
    WentWellForm,
)
from community.web import apply_errors

bp = Blueprint("toolkit", __name__)


@bp.after_request
def _never_stored(response):
    """Private pages: no browser or proxy keeps a copy."""
    response.headers["Cache-Control"] = "no-store"
    return response


# The walk-through: one step per audit question, then what went well, then feedback and outcome.
STEPS = len(AUDIT_CATEGORIES) + 2


def page_labels() -> dict:
    return {**LABELS, "outcomes": OUTCOME_LABELS, "goals": charts.GOAL_LABELS}


def _status(form) -> int:
    return 422 if form.errors or form.form_errors else 200


@bp.get("/me/debriefs")
@login_required
def index():
    page = page_number()
    return render_template(
        "toolkit/index.html", found=debriefs.list_own(current_user.id, page, 20), labels=page_labels()
    )


@bp.route("/me/debriefs/new", methods=["GET", "POST"])
@login_required
def new():
    form = DebriefForm()
    if request.method == "GET":
        form.interviewed_on.data = utcnow().date().isoformat()
    if form.validate_on_submit():
        try:
            made = debriefs.create(current_user.id, _basics(form))
        except ServiceError as err:
            apply_errors(form, err)
        else:
            return redirect(url_for("toolkit.walk", debrief_id=made.id, step=1))
    return render_template("toolkit/new.html", form=form, steps=STEPS, labels=page_labels()), _status(form)


def _basics(form: DebriefForm) -> dict:
    return {
        name: form[name].data
        for name in ("company", "role", "industry", "stage", "interviewed_on", "outcome")
    }


@bp.route("/me/debriefs/<int:debrief_id>/edit", methods=["GET", "POST"])
@login_required
def edit(debrief_id: int):
    debrief = debriefs.own(debrief_id, current_user.id)
    form = DebriefForm()
    if request.method == "GET":
        for name in ("company", "role", "industry", "stage", "outcome"):
            form[name].data = getattr(debrief, name) or ""
        form.interviewed_on.data = debrief.interviewed_on.isoformat()
    if form.validate_on_submit():
        try:
            debriefs.update(debrief_id, current_user.id, _basics(form))
        except ServiceError as err:
            apply_errors(form, err)
        else:
            flash("Saved.", "success")
            return redirect(url_for("toolkit.show", debrief_id=debrief_id))
    return render_template(
        "toolkit/new.html", form=form, debrief=debrief, steps=STEPS, labels=page_labels()
    ), _status(form)


def _next(debrief_id: int, step: int, go: str | None):
    if go == "back":
        target = max(1, step - 1)
    elif go == "later" or step >= STEPS:
        if step >= STEPS:
            flash(
                "Your debrief is saved. Be kind to yourself: you showed up, and you are learning.", "success"
            )
        return redirect(url_for("toolkit.show", debrief_id=debrief_id))
    else:
        target = step + 1
    return redirect(url_for("toolkit.walk", debrief_id=debrief_id, step=target))


@bp.route("/me/debriefs/<int:debrief_id>/walk/<int:step>", methods=["GET", "POST"])
@login_required
def walk(debrief_id: int, step: int):
    """One question at a time; every step saves as the member goes, with or without JavaScript."""
    debrief = debriefs.own(debrief_id, current_user.id)
    if not 1 <= step <= STEPS:
        raise not_found("That step")
    go = request.form.get("go")
    context = {"debrief": debrief, "step": step, "steps": STEPS, "labels": page_labels()}
    if step <= len(AUDIT_CATEGORIES):
        category = AUDIT_CATEGORIES[step - 1]
        form = AnswerForm()
        answer = (debrief.audit or {}).get(category) or {}
        if request.method == "GET":
            form.rating.data = str(answer["rating"]) if answer.get("rating") else None
            form.notes.data = answer.get("notes") or ""
        elif form.validate_on_submit():
            try:
                debriefs.save_answer(debrief_id, current_user.id, category, form.rating.data, form.notes.data)
            except ServiceError as err:
                apply_errors(form, err)
            else:
                return _next(debrief_id, step, go)
        question = audit_questions()[category]
        return render_template(
            "toolkit/walk.html", form=form, category=category, question=question, **context
        ), _status(form)
    if step == STEPS - 1:
        form = WentWellForm()
        if request.method == "GET":
            for i, item in enumerate((debrief.went_well or [])[:3]):
                form[f"well_{i + 1}"].data = item
        elif form.validate_on_submit():
            items = [form[f"well_{i}"].data or "" for i in (1, 2, 3)]
            items += (debrief.went_well or [])[3:]
            try:
                debriefs.update(debrief_id, current_user.id, {"went_well": items})
            except ServiceError as err:
                for name, message in err.fields.items():
                    form[f"well_{int(name.rsplit('.', 1)[-1]) + 1}"].errors.append(message)
            else:
                return _next(debrief_id, step, go)
        return render_template("toolkit/went_well.html", form=form, **context), _status(form)
    form = FeedbackForm()
    if request.method == "GET":
        form.feedback.data = debrief.feedback or ""
        form.outcome.data = debrief.outcome or ""
    elif form.validate_on_submit():
        try:
            debriefs.update(
                debrief_id, current_user.id, {"feedback": form.feedback.data, "outcome": form.outcome.data}
            )
        except ServiceError as err:
            apply_errors(form, err)
        else:
            return _next(debrief_id, step, go)
    return render_template("toolkit/feedback_step.html", form=form, **context), _status(form)


@bp.get("/me/debriefs/<int:debrief_id>")
@login_required
def show(debrief_id: int):
    debrief = debriefs.own(debrief_id, current_user.id)
    weakest = debriefs.weakest(debrief)
    return render_template(
        "toolkit/show.html",
        debrief=debrief,
        chart=charts.audit_chart(debriefs.ratings(debrief)),
        weakest=weakest,
        suggestions=plans.suggested_actions(weakest, exclude=plans.get_plan(current_user.id)["actions"]),
        questions=audit_questions(),
        share_form=ShareForm(formdata=None),
        action_form=ActionForm(formdata=None),
        delete_form=ToggleForm(formdata=None),
        labels=page_labels(),
    )


@bp.post("/me/debriefs/<int:debrief_id>/delete")
@login_required
def delete(debrief_id: int):
    if ToggleForm().validate_on_submit():
        debriefs.remove(debrief_id, current_user.id)
        flash("The debrief was deleted.", "success")
    return redirect(url_for("toolkit.index"))


@bp.route("/me/debriefs/<int:debrief_id>/feedback-request", methods=["GET", "POST"])
@login_required
def feedback_request(debrief_id: int):
    debrief = debriefs.own(debrief_id, current_user.id)
    tone_form = RequestDraftForm(formdata=request.args)
    tone = tone_form.tone.data if tone_form.tone.data in tones() else None
    drafted = feedback.draft(debrief_id, current_user.id, tone)
    tone_form.tone.data = drafted["tone"]
    sent_form = RequestSentForm()
    if request.method == "GET":
        sent_form.sent_on.data = (debrief.request_sent_on or utcnow().date()).isoformat()
        sent_form.follow_up_days.data = str(debrief.follow_up_days or feedback.FOLLOW_UP_DEFAULT)
    elif sent_form.validate_on_submit():
        try:
            feedback.record_request(
                debrief_id, current_user.id, sent_form.sent_on.data, sent_form.follow_up_days.data
            )
        except ServiceError as err:
            apply_errors(sent_form, err)
        else:
            flash("Noted. We'll remind you to follow up, unless you record their feedback first.", "success")
            return redirect(url_for("toolkit.show", debrief_id=debrief_id))
    follow = feedback.followup_draft(debrief, drafted["tone"]) if debrief.request_sent_on else None
    return render_template(
        "toolkit/feedback_request.html",
        debrief=debrief,
        draft=drafted,
        mailto=feedback.mailto(drafted["subject"], drafted["body"]),
        follow=follow,
        follow_mailto=feedback.mailto(follow["subject"], follow["body"]) if follow else None,
        show_follow=request.args.get("followup") == "1",
        tone_form=tone_form,
        sent_form=sent_form,
        labels=page_labels(),
    ), _status(sent_form)


@bp.post("/me/debriefs/<int:debrief_id>/story-draft")
@login_required
def story_draft(debrief_id: int):
    """The normal story form, filled in from the debrief: posting goes through the form and moderation."""
    share = ShareForm()
    share.validate_on_submit()
    drafted = story.draft(debrief_id, current_user.id, bool(share.share_company.data))
    form = StoryForm(formdata=None)
    groups = stories.author_groups(current_user.id)
    form.group_id.choices = choices("Everyone", {str(g.id): f"Only my group: {g.name}" for g in groups})
    form.title.data = drafted["title"]
    form.body.data = drafted["body"]
    form.stage.data = drafted["stage"]
    form.industry.data = drafted["industry"]
    form.company.data = drafted["company"] or ""
    if "share_company" in form:
        form["share_company"].data = drafted["share_company"]
    for row, lesson in zip(form.lessons, drafted["lessons"], strict=False):
        row.category.data = lesson["category"]
        row.text.data = lesson["text"]
    flash(
        "Here is a draft from your debrief. Change anything you like; it is posted only when you say so.",
        "info",
    )

    return render_template(
        "stories/new.html",
        form=form,
        labels=LABELS,
        open_rows=OPEN_LESSON_ROWS,
        open_more=len(drafted["lessons"]) > OPEN_LESSON_ROWS,
    )


# The plan and progress pages share this blueprint.
from community.toolkit import plan_views  # noqa: E402,F401
