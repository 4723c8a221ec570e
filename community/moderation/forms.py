from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from community.moderation.decisions import REJECT_REASON_MAX
from community.moderation.keyword_rules import NOTE_MAX
from community.moderation.patterns import ACTIONS, MAX_PATTERN_LENGTH

ACTION_LABELS = {
    "block": "Block: reject, and tell the author why",
    "crisis": "Crisis: hold as urgent, show support resources",
    "hold": "Hold for review",
    "flag": "Flag: publish, and queue for a look",
    "censor": "Censor: publish with the word masked",
    "allow": "Allow: a figure of speech no other rule matches inside",
}


class RuleForm(FlaskForm):
    pattern = StringField(
        "Word or phrase",
        validators=[DataRequired("Enter a word or phrase."), Length(max=MAX_PATTERN_LENGTH)],
        description="Case, look-alike letters and substitutions like h4te are matched too; "
        "* is a wildcard within a word (insult*), and ... leaves room for up to three words (want ... die).",
    )
    action = SelectField(
        "Action", choices=[SelectChoice(a, ACTION_LABELS[a]) for a in ACTIONS], default="hold"
    )
    note = StringField("Note for other moderators", validators=[Optional(), Length(max=NOTE_MAX)])
    submit = SubmitField("Add rule")


class RuleFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Pattern contains", validators=[Optional(), Length(max=100)])
    action = SelectField(
        "Action", choices=[SelectChoice("", "All actions"), *(SelectChoice(a, a.title()) for a in ACTIONS)]
    )


class ConfirmForm(FlaskForm):
    """A button that changes something: approve, delete, install defaults; only the CSRF token."""


class RejectForm(FlaskForm):
    reason = TextAreaField(
        "Reason, shown to the author",
        validators=[
            DataRequired("Tell the author why, in a sentence or two."),
            Length(max=REJECT_REASON_MAX),
        ],
    )
    submit = SubmitField("Reject")


class MessageForm(FlaskForm):
    text = TextAreaField(
        "Write to the author",
        validators=[DataRequired("Write a few words to the author."), Length(max=2000)],
        description="They get it as a notification (and by mail if they chose so) from the Rebound "
        "moderators. You never learn who they are.",
        render_kw={"rows": 5, "maxlength": 2000},
    )
