from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from community.accounts.models import NOTIFICATION_LABELS
from community.web import CheckboxesField


class RegisterForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    display_name = StringField(
        "Display name",
        validators=[DataRequired(), Length(max=60)],
        description="Shown only when you volunteer as a mentor; your stories are always anonymous.",
    )
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Create my account")


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Sign in")


class SettingsForm(FlaskForm):
    display_name = StringField(
        "Display name",
        validators=[Length(max=60)],
        description="Shown only when you volunteer as a mentor; your stories are always anonymous.",
    )
    digest = RadioField(
        "Weekly digest",
        choices=[
            SelectChoice("weekly", "Send me the weekly digest"),
            SelectChoice("off", "No digest, thanks"),
        ],
        validators=[DataRequired()],
    )
    industries = StringField(
        "Industries I care about",
        validators=[Length(max=600)],
        description="Comma-separated, e.g. Software, Healthcare. Used to suggest mentors.",
    )
    email_notifications = CheckboxesField(
        "Also email me about",
        choices=[SelectChoice(kind, label) for kind, label in NOTIFICATION_LABELS.items()],
        description="Everything still shows under Notifications; at most one email per kind an hour.",
    )
    show_content_notes = BooleanField(
        "Show stories with content notes open",
        description="Off by default: a story about self-harm, suicide, abuse, discrimination or health waits "
        "behind its note until you choose to open it.",
    )
    submit = SubmitField("Save settings")


class EmailForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    submit = SubmitField("Send me a link")


class ConfirmForm(FlaskForm):
    submit = SubmitField("Confirm my email")


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        "New password",
        validators=[DataRequired(), Length(max=200)],
        description="At least 10 characters. A few unrelated words together are easy to remember.",
    )
    submit = SubmitField("Save my new password")


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired(), Length(max=200)])
    new_password = PasswordField(
        "New password",
        validators=[DataRequired(), Length(max=200)],
        description="At least 10 characters. Every other device signed in to your account is signed out.",
    )
    submit = SubmitField("Change my password")


class EmailChangeForm(FlaskForm):
    email = EmailField("New email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Your password", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Change my email")


class DeleteAccountForm(FlaskForm):
    stories = RadioField(
        "Your stories and replies",
        choices=[
            SelectChoice("delete", "Delete them too"),
            SelectChoice("keep", "Keep them published, with nothing that leads back to me"),
        ],
        default="delete",
        validators=[DataRequired()],
    )
    password = PasswordField("Your password", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Delete my account")


class PlainForm(FlaskForm):
    """A form with nothing but its CSRF token: one-button actions."""
