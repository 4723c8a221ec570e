from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from community import limits
from community.accounts import erasure, flows, services
from community.accounts.forms import (
    ConfirmForm,
    DeleteAccountForm,
    EmailChangeForm,
    EmailForm,
    LoginForm,
    NewPasswordForm,
    PasswordChangeForm,
    PlainForm,
    RegisterForm,
    SettingsForm,
)
from community.accounts.industries import members_industries
from community.errors import ServiceError
from community.extensions import (
    email_limit_key,
    failed_login_account_key,
    failed_login_address_key,
    limiter,
    login_failed,
    login_limit_key,
)
from community.web import apply_errors, safe_path

bp = Blueprint("accounts", __name__)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(limits.REGISTRATIONS, methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            services.register(form.email.data, form.password.data, form.display_name.data)
        except ServiceError as err:
            apply_errors(form, err)
        else:
            return render_template("accounts/check_mail.html", email=form.email.data, purpose="confirm")
    return render_template("accounts/register.html", form=form), 422 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(limits.SIGN_IN_BURST, methods=["POST"], key_func=login_limit_key)
@limiter.limit(
    limits.FAILED_SIGN_INS_PER_ADDRESS,
    methods=["POST"],
    key_func=failed_login_address_key,
    deduct_when=login_failed,
)
@limiter.limit(
    limits.FAILED_SIGN_INS_PER_ACCOUNT,
    methods=["POST"],
    key_func=failed_login_account_key,
    deduct_when=login_failed,
)
def login():
    if current_user.is_authenticated:
        return redirect(safe_path(request.args.get("next"), url_for("pages.home")))
    form = LoginForm()
    unconfirmed = False
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None and user.email_confirmed_at is None:
            unconfirmed = True
            form.form_errors.append(
                "Please confirm your email first: open the link we sent you. No mail? We can send a new link."
            )
        elif user is not None:
            login_user(services.start_session(user))
            return redirect(safe_path(request.args.get("next"), url_for("pages.home")))
        else:
            form.form_errors.append("That email and password do not match an account.")
    status = 422 if form.errors or form.form_errors else 200
    return render_template(
        "accounts/login.html", form=form, unconfirmed=unconfirmed, resend=EmailForm(email=form.email.data)
    ), status


@bp.route("/confirm/resend", methods=["POST"])
@limiter.limit(limits.MAILS_PER_ADDRESS, key_func=email_limit_key)
def resend_confirmation():
    form = EmailForm()
    if form.validate_on_submit():
        flows.resend_confirmation(form.email.data)
        return render_template("accounts/check_mail.html", email=form.email.data, purpose="confirm")
    return redirect(url_for("accounts.login"))


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            flows.confirm_email(token)
        except ServiceError as err:
            return _bad_link(err)
        logout_user()
        flash("Your email is confirmed. Welcome to Rebound: sign in whenever you are ready.", "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/confirm.html", form=form)


def _bad_link(err: ServiceError):
    return render_template("accounts/bad_link.html", message=err.message, form=EmailForm()), err.status


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit(limits.MAILS_PER_ADDRESS, methods=["POST"], key_func=email_limit_key)
def forgot_password():
    form = EmailForm()
    if form.validate_on_submit():
        flows.request_password_reset(form.email.data)
        return render_template("accounts/check_mail.html", email=form.email.data, purpose="reset")
    return render_template("accounts/forgot.html", form=form), 422 if form.errors else 200


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            flows.reset_password(token, form.password.data)
        except ServiceError as err:
            if err.code == "invalid_token":
                return _bad_link(err)
            apply_errors(form, err)
        else:
            logout_user()
            flash(
                "Your password is changed, and every other session is signed out. Sign in below.", "success"
            )
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset.html", form=form), 422 if form.errors else 200


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    if request.method == "POST":
        if current_user.is_authenticated:
            # Ended on the server, not only by dropping the cookie: a copy of it stops working too.
            services.end_session(current_user)
        logout_user()
        flash("You are signed out. Take care.", "info")
        return redirect(url_for("pages.home"))
    return render_template("accounts/logout.html")


def _settings_page(status: int = 200, **forms: Any):
    forms.setdefault(
        "form",
        SettingsForm(
            formdata=None,
            digest=current_user.digest,
            email_notifications=current_user.email_notifications,
            show_content_notes=current_user.show_content_notes,
            display_name=current_user.display_name,
        ),
    )
    if not forms["form"].industries.data:
        forms["form"].industries.data = ", ".join(current_user.industries or [])
    forms.setdefault("password_form", PasswordChangeForm(formdata=None, prefix="password"))
    forms.setdefault("email_form", EmailChangeForm(formdata=None, prefix="change"))
    forms.setdefault("delete_form", DeleteAccountForm(formdata=None, prefix="delete"))
    forms.setdefault("plain_form", PlainForm(formdata=None))
    return render_template(
        "accounts/settings.html", industries=members_industries([current_user.id])[current_user.id], **forms
    ), status


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = SettingsForm()
    if form.validate_on_submit():
        try:
            services.update_preferences(
                current_user,
                digest=form.digest.data,
                industries=[part for part in (form.industries.data or "").split(",")],
                email_notifications=list(form.email_notifications.data or []),
                show_content_notes=bool(form.show_content_notes.data),
                # Left out of a form that does not send it (older pages): unchanged.
                display_name=(form.display_name.data or "") if "display_name" in request.form else None,
            )
        except ServiceError as err:
            apply_errors(form, err)
        else:
            flash("Settings saved.", "success")
            return redirect(url_for("accounts.settings"))
    if request.method == "GET":
        return _settings_page()
    return _settings_page(422, form=form)


@bp.route("/settings/password", methods=["POST"])
@login_required
def change_password():
    form = PasswordChangeForm(prefix="password")
    if form.validate_on_submit():
        try:
            keep = flows.Keep(session_key=current_user.session_key)
            flows.change_password(current_user, form.current_password.data, form.new_password.data, keep)
        except ServiceError as err:
            apply_errors(form, err)
        else:
            flash("Your password is changed. Every other device was signed out.", "success")
            return redirect(url_for("accounts.settings"))
    return _settings_page(422, password_form=form)


@bp.route("/settings/email", methods=["POST"])
@login_required
@limiter.limit(limits.MAILS_PER_ADDRESS, key_func=lambda: f"email-change|{current_user.id}")
def change_email():
    form = EmailChangeForm(prefix="change")
    if form.validate_on_submit():
        try:
            flows.change_email(current_user, form.email.data, form.password.data)
        except ServiceError as err:
            apply_errors(form, err)
        else:
            flash("We sent a link to your new address. Your email changes once you open it.", "success")
            return redirect(url_for("accounts.settings"))
    return _settings_page(422, email_form=form)


@bp.route("/settings/sign-out-everywhere", methods=["POST"])
@login_required
def sign_out_everywhere():
    if PlainForm().validate_on_submit():
        flows.end_sessions(current_user.id)
        logout_user()
        flash("You are signed out on every device, and every API token is revoked.", "info")
        return redirect(url_for("accounts.login"))
    return redirect(url_for("accounts.settings"))


@bp.route("/settings/export")
@login_required
def export():
    body = json.dumps(erasure.export_account(current_user), indent=2, ensure_ascii=False)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="rebound-export.json"'},
    )


@bp.route("/settings/delete", methods=["POST"])
@login_required
def delete_account():
    form = DeleteAccountForm(prefix="delete")
    if form.validate_on_submit():
        try:
            erasure.delete_account(current_user, form.password.data, form.stories.data)
        except ServiceError as err:
            apply_errors(form, err)
        else:
            logout_user()
            flash("Your account is deleted. We wish you well, and you are always welcome back.", "info")
            return redirect(url_for("pages.home"))
    return _settings_page(422, delete_form=form)
