"""The author's appeal of a rejected post, shown on their story's page."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length


class AppealForm(FlaskForm):
    message = TextAreaField(
        "Why should it be published?",
        validators=[DataRequired("Tell the moderators why."), Length(max=1000)],
        description="A moderator reads your story again with your words. You can appeal once.",
        render_kw={"rows": 3, "maxlength": 1000},
    )
