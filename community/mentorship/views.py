from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from community.errors import ServiceError, not_found
from community.mentorship import finding, requesting, volunteering
from community.mentorship.forms import MentorFilterForm, RequestForm, StopVolunteeringForm, VolunteerForm
from community.pagination import page_number
from community.stories.labels import CATEGORY_LABELS
from community.web import apply_errors

bp = Blueprint("mentorship", __name__)

PER_PAGE = 20
ANSWERS = {
    "accept": (requesting.accept, "Accepted. You can now see each other's email; we've written to you both."),
    "decline": (requesting.decline, "Declined. We let them know kindly."),
    "close": (requesting.close, "Closed. Thank you for the time you gave."),
}


def _viewer_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


def _mentors_page(failed_id: int | None = None, failed_form: RequestForm | None = None):
    filters = MentorFilterForm(formdata=request.args)
    filters.validate()
    industry = filters.industry.data if not filters.industry.errors else None
    expertise = filters.expertise.data or None
    page = page_number()
    try:
        result = finding.list_mentors(_viewer_id(), industry, expertise, page, PER_PAGE)
    except ServiceError as err:
        apply_errors(filters, err)
        result = finding.list_mentors(_viewer_id(), industry, None, page, PER_PAGE)
    suggestions = finding.suggested_mentors(_viewer_id())
    return render_template(
        "mentorship/mentors.html",
        filters=filters,
        result=result,
        suggestions=suggestions,
        blank_form=RequestForm(formdata=None),
        failed_id=failed_id,
        failed_form=failed_form,
        labels=CATEGORY_LABELS,
        args={k: v for k, v in request.args.items() if k in ("industry", "expertise") and v},
    ), 422 if failed_form is not None else 200


@bp.get("/mentors")
def mentors():
    return _mentors_page()


@bp.post("/mentors/<int:mentor_id>/request")
@login_required
def request_mentor(mentor_id: int):
    form = RequestForm()
    if form.validate_on_submit():
        try:
            item = requesting.request_mentor(mentor_id, current_user.id, form.message.data)
        except ServiceError as err:
            if err.status == 404:
                raise
            apply_errors(form, err)
        else:
            flash("Your request is on its way. You'll see the answer here.", "success")
            return redirect(url_for("mentorship.my_mentorship", _anchor=f"request-{item.id}"))
    return _mentors_page(mentor_id, form)


@bp.route("/mentors/volunteer", methods=["GET", "POST"])
@login_required
def volunteer():
    profile = volunteering.profile_for(current_user.id)
    form = VolunteerForm()
    if request.method == "GET" and profile is not None:
        form.headline.data = profile.headline
        form.bio.data = profile.bio
        form.expertise.data = list(profile.expertise or [])
        form.industries.data = ", ".join(profile.industries or [])
        form.capacity.data = profile.capacity
        form.accepting.data = profile.accepting
    if form.validate_on_submit():
        try:
            volunteering.volunteer(
                current_user.id,
                form.headline.data or "",
                form.bio.data or "",
                form.expertise.data or [],
                [part for part in (form.industries.data or "").split(",")],
                form.capacity.data,
                bool(form.accepting.data),
            )
        except ServiceError as err:
            apply_errors(form, err)
        else:
            flash("Your mentor profile is saved. Thank you for offering your time.", "success")
            return redirect(url_for("mentorship.volunteer"))
    status = 422 if form.errors or form.form_errors else 200
    return render_template(
        "mentorship/volunteer.html",
        form=form,
        profile=profile,
        stop_form=StopVolunteeringForm(formdata=None),
    ), status


@bp.post("/mentors/volunteer/stop")
@login_required
def stop_volunteering():
    volunteering.stop_volunteering(current_user.id)
    flash("You've stopped volunteering. Anyone still waiting has been told kindly.", "info")
    return redirect(url_for("mentorship.volunteer"))


@bp.get("/me/mentorship")
@login_required
def my_mentorship():
    return render_template("mentorship/mine.html", requests=requesting.member_requests(current_user.id))


@bp.post("/me/mentorship/<int:request_id>/<action>")
@login_required
def answer(request_id: int, action: str):
    if action not in ANSWERS:
        raise not_found("That page")
    func, message = ANSWERS[action]
    try:
        func(request_id, current_user.id)
    except ServiceError as err:
        flash(err.message, "error")
    else:
        flash(message, "success")
    return redirect(url_for("mentorship.my_mentorship"))
