from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from community.accounts import services
from community.accounts.forms import LoginForm, RegisterForm, SettingsForm
from community.errors import ServiceError
from community.extensions import limiter, login_limit_key
from community.web import apply_errors, safe_path

bp = Blueprint("accounts", __name__)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("30/hour", methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register(form.email.data, form.password.data, form.display_name.data)
        except ServiceError as err:
            apply_errors(form, err)
        else:
            login_user(user)
            flash("Welcome to Rebound. We're glad you're here.", "success")
            return redirect(url_for("pages.home"))
    return render_template("accounts/register.html", form=form), 422 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10/minute", methods=["POST"], key_func=login_limit_key)
def login():
    if current_user.is_authenticated:
        return redirect(safe_path(request.args.get("next"), url_for("pages.home")))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_path(request.args.get("next"), url_for("pages.home")))
        form.form_errors.append("That email and password do not match an account.")
    return render_template("accounts/login.html", form=form), 422 if form.errors or form.form_errors else 200


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    if request.method == "POST":
        logout_user()
        flash("You are signed out. Take care.", "info")
        return redirect(url_for("pages.home"))
    return render_template("accounts/logout.html")


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = SettingsForm()
    if request.method == "GET":
        form.digest.data = current_user.digest
        form.industries.data = ", ".join(current_user.industries or [])
    if form.validate_on_submit():
        try:
            services.update_preferences(
                current_user,
                digest=form.digest.data,
                industries=[part for part in (form.industries.data or "").split(",")],
            )
        except ServiceError as err:
            apply_errors(form, err)
        else:
            flash("Settings saved.", "success")
            return redirect(url_for("accounts.settings"))
    return render_template(
        "accounts/settings.html", form=form, industries=services.member_industries(current_user)
    ), 422 if form.errors else 200
