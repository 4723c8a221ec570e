"""The plan and progress pages: weekly goals, actions to check off, the weekly check-in, and progress over
the weeks with the patterns across debriefs. Routes on the toolkit's blueprint."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from community.digest.compose import week_of
from community.errors import ServiceError
from community.mentorship.forms import RequestForm
from community.models import utcnow
from community.stories.labels import CATEGORY_LABELS
from community.toolkit import charts, plans, progress
from community.toolkit.content import audit_questions
from community.toolkit.forms import ActionForm, CheckInForm, GoalsForm, ToggleForm
from community.toolkit.models import GOALS
from community.toolkit.views import bp, page_labels
from community.web import apply_errors, safe_path


def _plan_page(goals_form=None, action_form=None, check_form=None):
    plan = plans.get_plan(current_user.id)
    weakest = [pattern["category"] for pattern in progress.patterns(current_user.id)]
    suggestions = plans.suggested_actions(weakest, exclude=plan["actions"])
    if goals_form is None:
        goals_form = GoalsForm(formdata=None)
        for name in GOALS:
            goals_form[name].data = f"{plan['weekly_goals'][name]:g}"
    if check_form is None:
        check_form = CheckInForm(formdata=None)
        week = week_of(utcnow())
        check_form.week.data = week
        # This week's check-in, if made: checking in again replaces it, so show what it holds.
        done = next((row for row in plans.check_ins(current_user.id) if row.week == week), None)
        if done is not None:
            for name in GOALS:
                check_form[name].data = f"{getattr(done, name):g}"
            check_form.note.data = done.note or ""
    failed = any(f is not None and (f.errors or f.form_errors) for f in (goals_form, action_form, check_form))
    return render_template(
        "toolkit/plan.html",
        plan=plan,
        suggestions=suggestions,
        goals_form=goals_form,
        action_form=action_form or ActionForm(formdata=None),
        check_form=check_form,
        toggle_form=ToggleForm(formdata=None),
        labels=page_labels(),
    ), 422 if failed else 200


@bp.get("/me/plan")
@login_required
def plan():
    return _plan_page()


@bp.post("/me/plan/goals")
@login_required
def save_goals():
    form = GoalsForm()
    if form.validate_on_submit():
        try:
            plans.save_goals(current_user.id, {name: form[name].data for name in GOALS})
        except ServiceError as err:
            apply_errors(
                form,
                ServiceError(err.status, err.message, {k.split(".")[-1]: v for k, v in err.fields.items()}),
            )
        else:
            flash("Your weekly goals are saved. Aim for what feels doable.", "success")
            return redirect(url_for("toolkit.plan"))
    return _plan_page(goals_form=form)


@bp.post("/me/plan/actions")
@login_required
def add_action():
    form = ActionForm()
    back = safe_path(form.next.data, url_for("toolkit.plan"))
    if form.validate_on_submit():
        try:
            plans.add_action(current_user.id, form.text.data, form.category.data or None)
        except ServiceError as err:
            if back != url_for("toolkit.plan"):
                flash(next(iter(err.fields.values()), err.message), "error")
                return redirect(back)
            apply_errors(form, err)
            return _plan_page(action_form=form)
        flash("Added to your plan.", "success")
    return redirect(back)


@bp.post("/me/plan/actions/<int:action_id>/<any(done, undo, delete):change>")
@login_required
def change_action(action_id: int, change: str):
    if ToggleForm().validate_on_submit():
        if change == "delete":
            plans.remove_action(action_id, current_user.id)
        else:
            plans.set_done(action_id, current_user.id, change == "done")
    return redirect(url_for("toolkit.plan", _anchor="actions"))


@bp.post("/me/plan/check-in")
@login_required
def check_in():
    form = CheckInForm()
    if form.validate_on_submit():
        values = {name: form[name].data for name in (*GOALS, "week", "note")}
        try:
            plans.check_in(current_user.id, values)
        except ServiceError as err:
            apply_errors(form, err)
        else:
            flash("Check-in saved. Thank you for taking a moment for yourself.", "success")
            return redirect(url_for("toolkit.progress_page"))
    return _plan_page(check_form=form)


@bp.get("/me/progress")
@login_required
def progress_page():
    found = progress.progress(current_user.id)
    return render_template(
        "toolkit/progress.html",
        weeks=found["weeks"],
        patterns=found["patterns"],
        chart=charts.progress_chart(found["weeks"]),
        summary=charts.gentle_summary(found["weeks"]),
        questions=audit_questions(),
        # A request already worded for each pattern: open it, read it, send it.
        request_forms={
            p["category"]: RequestForm(
                formdata=None,
                message=(
                    f"Hello, {CATEGORY_LABELS[p['category']].lower()} keeps coming up as the hardest part "
                    "of my interviews. Could you help me work on it?"
                ),
            )
            for p in found["patterns"]
        },
        failed_id=None,
        labels=page_labels(),
    )
