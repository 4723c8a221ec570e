"""Forms of the toolkit's pages; the services check every value, the forms carry them (and CSRF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)

from community.industries import INDUSTRY_MAX
from community.stories.forms import choices, stage_choices
from community.toolkit.checks import TEXT_MAX
from community.toolkit.content import tones
from community.toolkit.debriefs import COMPANY_MAX, ROLE_MAX, WENT_WELL_TEXT_MAX
from community.toolkit.plans import ACTION_MAX

OUTCOME_LABELS = {
    "waiting": "Still waiting to hear",
    "rejected": "They said no",
    "offer": "I got an offer",
    "withdrew": "I withdrew",
}
RATING_CHOICES = [
    SelectChoice("1", "1 – needs work"),
    SelectChoice("2", "2"),
    SelectChoice("3", "3 – so-so"),
    SelectChoice("4", "4"),
    SelectChoice("5", "5 – went well"),
]


class DebriefForm(FlaskForm):
    company = StringField(
        "Company", render_kw={"maxlength": COMPANY_MAX}, description="Only you ever see this."
    )
    role = StringField("Role (optional)", render_kw={"maxlength": ROLE_MAX})
    industry = StringField("Industry (optional)", render_kw={"maxlength": INDUSTRY_MAX})
    stage = SelectField("How far you got", choices=stage_choices("Choose a stage"), validate_choice=False)
    # Read as text so that the service, not the form, says what is wrong with a date.
    interviewed_on = StringField("Interview date", render_kw={"type": "date"})
    outcome = SelectField(
        "Where things stand", choices=choices("Not sure yet", OUTCOME_LABELS), validate_choice=False
    )


class AnswerForm(FlaskForm):
    rating = RadioField("Your rating", choices=RATING_CHOICES, validate_choice=False)
    notes = TextAreaField("Notes for yourself (optional)", render_kw={"maxlength": TEXT_MAX, "rows": 4})
    go = HiddenField()


class WentWellForm(FlaskForm):
    well_1 = StringField("First thing that went well", render_kw={"maxlength": WENT_WELL_TEXT_MAX})
    well_2 = StringField("Second thing", render_kw={"maxlength": WENT_WELL_TEXT_MAX})
    well_3 = StringField("Third thing", render_kw={"maxlength": WENT_WELL_TEXT_MAX})


class FeedbackForm(FlaskForm):
    feedback = TextAreaField(
        "Feedback you received (optional)",
        render_kw={"maxlength": TEXT_MAX, "rows": 5},
        description="From the interviewer or the recruiter, if any came. You can add it later too.",
    )
    outcome = SelectField(
        "Where things stand", choices=choices("Not sure yet", OUTCOME_LABELS), validate_choice=False
    )


class RequestDraftForm(FlaskForm):
    class Meta:
        csrf = False

    tone = SelectField(
        "Tone",
        choices=[SelectChoice(value, label) for value, label in tones().items()],
        validate_choice=False,
    )


class RequestSentForm(FlaskForm):
    sent_on = StringField("I sent it on", render_kw={"type": "date"})
    follow_up_days = StringField(
        "Remind me to follow up after (days)",
        default="7",
        render_kw={"type": "number", "min": 1, "max": 30},
        description="1 to 30 days. We won't remind you if you record the feedback first.",
    )


class ShareForm(FlaskForm):
    share_company = BooleanField("Include the company name in the draft")


class GoalsForm(FlaskForm):
    applications = StringField("Applications", render_kw={"inputmode": "numeric"})
    networking = StringField("Networking contacts", render_kw={"inputmode": "numeric"})
    skills_hours = StringField("Hours on skills", render_kw={"inputmode": "decimal"})
    rest_days = StringField("Rest days", render_kw={"inputmode": "numeric"})


class CheckInForm(GoalsForm):
    week = StringField("Week", render_kw={"type": "week"})
    note = TextAreaField("A note for yourself (optional)", render_kw={"maxlength": TEXT_MAX, "rows": 3})


class ActionForm(FlaskForm):
    text = StringField("Add your own action", render_kw={"maxlength": ACTION_MAX})
    category = HiddenField()
    next = HiddenField()


class ToggleForm(FlaskForm):
    """A button that only needs its CSRF token."""
