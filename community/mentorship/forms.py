from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from community.mentorship.requesting import MESSAGE_MAX
from community.mentorship.volunteering import BIO_MAX, CAPACITY_MAX, CAPACITY_MIN, HEADLINE_MAX
from community.stories.labels import CATEGORY_LABELS

CATEGORY_CHOICES = [SelectChoice(value, label) for value, label in CATEGORY_LABELS.items()]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class VolunteerForm(FlaskForm):
    headline = StringField(
        "Headline",
        validators=[DataRequired(), Length(max=HEADLINE_MAX)],
        description="One line: what you do and how you can help.",
    )
    bio = TextAreaField(
        "About you",
        validators=[Length(max=BIO_MAX)],
        description="Markdown. What you have been through and what a mentee can expect from you.",
    )
    expertise = CheckboxesField(
        "I can help with",
        choices=CATEGORY_CHOICES,
        validators=[DataRequired(message="Choose at least one area you can help with.")],
    )
    industries = StringField(
        "Industries",
        validators=[Length(max=1_200)],
        description="Comma-separated, e.g. Software, Healthcare.",
    )
    capacity = IntegerField(
        "Mentees at once",
        validators=[InputRequired(), NumberRange(min=CAPACITY_MIN, max=CAPACITY_MAX)],
        default=2,
        description=f"From {CAPACITY_MIN} to {CAPACITY_MAX}. While every place is taken, new requests pause.",
    )
    accepting = BooleanField("Taking new requests", default=True)
    submit = SubmitField("Save my mentor profile")


class StopVolunteeringForm(FlaskForm):
    submit = SubmitField("Stop volunteering")


class RequestForm(FlaskForm):
    message = TextAreaField(
        "Your message",
        validators=[DataRequired(message="Write a short message."), Length(max=MESSAGE_MAX)],
        description="Who you are and what you would like help with.",
    )
    submit = SubmitField("Ask for mentorship")


class MentorFilterForm(FlaskForm):
    class Meta:
        csrf = False

    industry = StringField("Industry", validators=[Optional(), Length(max=60)])
    expertise = SelectField(
        "Can help with", choices=[SelectChoice("", "Anything"), *CATEGORY_CHOICES], validators=[Optional()]
    )
