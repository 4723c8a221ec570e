from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length


class RegisterForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    display_name = StringField(
        "Display name",
        validators=[DataRequired(), Length(max=60)],
        description="Shown only when you volunteer as a mentor; your stories are always anonymous.",
    )
    password = PasswordField("Password", validators=[DataRequired(), Length(min=10, max=200)])
    submit = SubmitField("Create my account")


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Sign in")


class SettingsForm(FlaskForm):
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
    submit = SubmitField("Save settings")
