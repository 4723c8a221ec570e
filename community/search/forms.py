"""The search page's form: read from the URL, so a search can be bookmarked and shared."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SearchField, SelectChoice, SelectField, StringField

from community.industries import INDUSTRY_MAX
from community.search.services import Q_MAX
from community.stories.forms import choices, stage_choices
from community.stories.labels import CATEGORY_LABELS


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = SearchField("Search stories and lessons", render_kw={"maxlength": Q_MAX})
    kind = SelectField(
        "Look in",
        choices=[SelectChoice("stories", "Stories"), SelectChoice("lessons", "Lessons")],
        default="stories",
    )
    stage = SelectField("Stage", choices=stage_choices("Any stage"), default="")
    industry = StringField("Industry", render_kw={"maxlength": INDUSTRY_MAX, "placeholder": "Any industry"})
    category = SelectField("Lesson about", choices=choices("Anything", CATEGORY_LABELS), default="")
