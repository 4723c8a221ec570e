"""Forms of the story pages; the services check every value, the forms only carry them (and CSRF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)

from community.industries import INDUSTRY_MAX
from community.stories.labels import CATEGORY_LABELS, CATEGORY_QUESTIONS, STAGE_LABELS
from community.stories.models import CATEGORIES, CONTENT_NOTE_LABELS, STAGES
from community.stories.reports import REPORT_REASON_MAX
from community.stories.services import (
    BODY_MAX,
    COMPANY_MAX,
    LESSON_TEXT_MAX,
    LESSONS_MAX,
    REPLY_MAX,
    TITLE_MAX,
)
from community.web import CheckboxesField

# Lesson rows shown open on the form; the rest of the allowed rows sit behind "Add more lessons".
OPEN_LESSON_ROWS = 3


def choices(blank: str, options: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice("", blank), *(SelectChoice(value, label) for value, label in options.items())]


def category_choices(blank: str) -> list[SelectChoice]:
    return choices(blank, {c: f"{CATEGORY_LABELS[c]}: {CATEGORY_QUESTIONS[c]}" for c in CATEGORIES})


def stage_choices(blank: str) -> list[SelectChoice]:
    return choices(blank, {s: STAGE_LABELS[s] for s in STAGES})


class LessonForm(Form):
    category = SelectField(
        "Category", choices=category_choices("Choose what it is about"), validate_choice=False
    )
    text = TextAreaField("What I learned", render_kw={"maxlength": LESSON_TEXT_MAX, "rows": 2})


class StoryForm(FlaskForm):
    title = StringField(
        "Title",
        render_kw={"maxlength": TITLE_MAX},
        description="A line that sums it up, e.g. \u201cFroze on the salary question in the final round\u201d.",
    )
    body = TextAreaField(
        "Your story",
        render_kw={"maxlength": BODY_MAX, "rows": 10},
        description="What happened, in your own words. Markdown works: **bold**, *italic*, lists. "
        "Leave out names, emails and phone numbers; we remove them anyway.",
    )
    stage = SelectField("How far you got", choices=stage_choices("Choose a stage"), validate_choice=False)
    industry = StringField(
        "Industry", render_kw={"maxlength": INDUSTRY_MAX}, description="e.g. Software, Retail, Nursing."
    )
    company = StringField(
        "Company (optional)",
        render_kw={"maxlength": COMPANY_MAX},
        description="Kept private unless you tick the box below.",
    )
    share_company = BooleanField(
        "Let others see the company",
        description=(
            "Off by default. Even when ticked, the company is shown only once at least three established "
            "members have named it in public stories, so a company cannot single you out."
        ),
    )
    content_notes = CheckboxesField(
        "Content notes (optional)",
        choices=[SelectChoice(note, label) for note, label in CONTENT_NOTE_LABELS.items()],
        description="If your story touches on one of these, tick it: readers then see the note first and "
        "open the story when they feel ready.",
    )
    group_id = SelectField("Share with", choices=choices("Everyone", {}), validate_choice=False)
    lessons = FieldList(FormField(LessonForm), min_entries=LESSONS_MAX, max_entries=LESSONS_MAX)
    submit = SubmitField("Share my story")


class ReplyForm(FlaskForm):
    body = TextAreaField(
        "Reply with encouragement",
        render_kw={"maxlength": REPLY_MAX, "rows": 4},
        description="Replies are anonymous too, and a moderator's rules check them before they appear.",
    )
    submit = SubmitField("Post reply")


class ReactionForm(FlaskForm):
    # "on" adds the reaction, "off" takes it back, so a repeated submit never flips it the wrong way.
    want = HiddenField(default="on")


class ReportForm(FlaskForm):
    reason = StringField(
        "What's wrong with this story?", render_kw={"maxlength": REPORT_REASON_MAX, "autocomplete": "off"}
    )
    submit = SubmitField("Report to moderators")


class ReplyReportForm(FlaskForm):
    reason = StringField(
        "What's wrong with this reply?", render_kw={"maxlength": REPORT_REASON_MAX, "autocomplete": "off"}
    )
    submit = SubmitField("Report to moderators")


class ConfirmForm(FlaskForm):
    """A button that only needs its CSRF token (delete)."""


class FeedFilterForm(FlaskForm):
    class Meta:
        csrf = False

    stage = SelectField("Stage", choices=stage_choices("Any stage"), default="")
    industry = StringField("Industry", render_kw={"maxlength": INDUSTRY_MAX, "placeholder": "Any industry"})
    category = SelectField("Lesson about", choices=choices("Anything", CATEGORY_LABELS), default="")


class LessonFilterForm(FlaskForm):
    class Meta:
        csrf = False

    category = SelectField("Category", choices=choices("All categories", CATEGORY_LABELS), default="")
