from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from community.groups.services import DESCRIPTION_MAX, NAME_MAX


class GroupForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=NAME_MAX)])
    description = TextAreaField(
        "Description",
        validators=[Length(max=DESCRIPTION_MAX)],
        description="Markdown. Say who the group is for and what people share here.",
    )
    visibility = RadioField(
        "Who can read its stories",
        choices=[
            SelectChoice("public", "Public: everyone can read the group's stories"),
            SelectChoice("private", "Private: only members (anyone may join) and moderators"),
        ],
        default="public",
        validators=[DataRequired()],
    )
    submit = SubmitField("Create the group")
