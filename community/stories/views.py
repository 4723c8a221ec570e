"""Story pages: the feed, a story with its lessons, reactions, replies and reports, and the lessons library
(the writing pages are in `writing_views`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import (
    Blueprint,
    abort,
    flash,
    get_template_attribute,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from markupsafe import Markup

from community import feed as reading
from community import kept
from community.errors import ServiceError
from community.feed import cache as feed_cache
from community.limits import reply_limit
from community.pagination import page_number
from community.stories import follows, reply_removal, reports
from community.stories import services as stories
from community.stories.forms import (
    ConfirmForm,
    FeedFilterForm,
    LessonFilterForm,
    ReactionForm,
    ReplyForm,
    ReplyReportForm,
    ReportForm,
)
from community.stories.labels import (
    CATEGORY_LABELS,
    LABELS,
)
from community.stories.models import REACTION_KINDS
from community.web import open_notes

bp = Blueprint("stories", __name__)

FEED_PAGE_SIZE = feed_cache.PAGE_SIZE
REPLIES_PAGE_SIZE = 50
LESSONS_PAGE_SIZE = 30


def _filters(form) -> dict[str, str | None]:
    """Valid filter values; an invalid one is reported on the form and ignored."""
    form.validate()
    return {name: None if form[name].errors else (value or None) for name, value in form.data.items()}


# Pieces of page drawn before and kept, by everything they show. The home page's story cards and filter
# fields are the same for everyone who sees the same stories and filters, and drawing them was most of the
# cost of one of the most requested pages. The key holds every input, so a kept piece is never out of date;
# the store is emptied when full, which bounds it.
FRAGMENTS_KEPT = 2000
_fragments: dict[tuple[str, str, bytes], Markup] = {}
kept.forgets(_fragments.clear)


def _drawn(kind: str, inputs: object, draw: Callable[[], Markup]) -> Markup:
    # Links in a fragment depend on where the app is mounted. (The inputs' dicts are always built in the
    # same order, so their repr is the same for the same content; repr costs less than half of JSON here.) A
    # digest of the inputs, not the inputs themselves: a story body can be long, and the card shows only its
    # start.
    digest = hashlib.blake2b(repr(inputs).encode(), digest_size=16).digest()
    key = (kind, request.script_root, digest)
    fragment = _fragments.get(key)
    if fragment is None:
        if len(_fragments) >= FRAGMENTS_KEPT:
            _fragments.clear()
        fragment = _fragments[key] = draw()
    return fragment


def feed():
    """The home page: the newest stories the visitor may see, filtered by stage, industry and lesson."""
    form = FeedFilterForm(formdata=request.args)
    filters = _filters(form)
    feed_page = reading.list_stories(
        current_user,
        page=page_number(),
        per_page=FEED_PAGE_SIZE,
        cursor=request.args.get("cursor") or None,
        **filters,
    )
    args = {k: v for k, v in filters.items() if v}
    story_card = get_template_attribute("stories/_macros.html", "story_card")
    opened = open_notes()
    feed_filters = get_template_attribute("stories/_macros.html", "feed_filters")
    return render_template(
        "home.html",
        filter_fields=_drawn("filters", [form.data, form.errors], lambda: feed_filters(form)),
        # Drawn once per page the cache serves (links depend on where the app is mounted).
        cards=feed_cache.derived(
            feed_page,
            ("cards", request.script_root, opened),
            lambda: [
                _drawn("card", (story, opened), lambda story=story: story_card(story, LABELS, opened))
                for story in feed_page["items"]
            ],
        ),
        feed=feed_page,
        args=args,
    )


def _story_page(
    story_id: int,
    reply_form: ReplyForm | None = None,
    report_form: ReportForm | None = None,
    reply_report: tuple[int, ReplyReportForm] | None = None,
    status: int = 200,
):
    shown = reading.story_page(story_id, current_user, page=page_number(), per_page=REPLIES_PAGE_SIZE)
    # Only members see the forms: a visitor's page builds none, and so starts no session for a CSRF token.
    forms = (
        {
            "reaction_form": ReactionForm(),
            "reply_form": reply_form or ReplyForm(formdata=None),
            "report_form": report_form or ReportForm(formdata=None),
            # The reply whose report form came back with an error, and that form; every other reply's
            # report form is drawn blank.
            "reply_report": reply_report or (None, ReplyReportForm(formdata=None)),
            "delete_form": ConfirmForm(),
        }
        if current_user.is_authenticated
        else {}
    )
    following = current_user.is_authenticated and follows.is_following(story_id, current_user.id)
    return render_template(
        "stories/story.html", **shown, **forms, labels=LABELS, open_notes=open_notes(), following=following
    ), status


@bp.get("/stories/<int:story_id>")
def story(story_id: int):
    return _story_page(story_id)


@bp.post("/stories/<int:story_id>/reactions/<kind>")
@login_required
def react(story_id: int, kind: str):
    if kind not in REACTION_KINDS:
        abort(404)
    form = ReactionForm()
    if form.validate_on_submit():
        if form.want.data == "off":
            stories.unreact(story_id, current_user.id, kind)
        else:
            stories.react(story_id, current_user.id, kind)
    return redirect(url_for("stories.story", story_id=story_id) + "#reactions")


@bp.post("/stories/<int:story_id>/replies")
@login_required
@reply_limit
def reply(story_id: int):
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            stories.create_reply(story_id, current_user.id, form.body.data or "")
        except ServiceError as err:
            if err.status != 422:
                raise
            form.body.errors = [*form.body.errors, *err.fields.values()]
        else:
            flash("Thank you. Your reply appears once our automatic check is done.", "success")
            return redirect(url_for("stories.story", story_id=story_id) + "#replies")
    return _story_page(story_id, reply_form=form, status=422)


@bp.post("/stories/<int:story_id>/report")
@login_required
def report(story_id: int):
    form = ReportForm()
    if _reported("story", story_id, form):
        # A third report takes the story down, so the reporter goes back to the feed.
        return redirect(url_for("pages.home"))
    return _story_page(story_id, report_form=form, status=422)


def _reported(kind: str, target_id: int, form: ReportForm | ReplyReportForm) -> bool:
    """Send the report; True once it is in (thanked), False with the form's errors set."""
    if not form.validate_on_submit():
        return False
    try:
        reports.report(kind, target_id, current_user.id, form.reason.data or "")
    except ServiceError as err:
        if err.status != 422:
            raise
        form.reason.errors = [*form.reason.errors, *err.fields.values()]
        return False
    flash("Thank you for telling us. A moderator will take a look.", "success")
    return True


@bp.post("/stories/<int:story_id>/delete")
@login_required
def delete(story_id: int):
    form = ConfirmForm()
    own = reading.readable_story(story_id, current_user).author_id == current_user.id
    if form.validate_on_submit():
        stories.delete_story(story_id, current_user.id)
        flash("Your story was deleted." if own else "The story was removed.", "success")
    return redirect(url_for("stories.my_stories" if own else "pages.home"))


@bp.post("/stories/<int:story_id>/follow")
@login_required
def follow(story_id: int):
    """Follow the story, or stop ("want" off): a repeated submit never flips it the wrong way."""
    form = ReactionForm()
    if form.validate_on_submit():
        if form.want.data == "off":
            follows.unfollow(story_id, current_user.id)
            flash("You will no longer hear of new replies to this story.", "info")
        else:
            follows.follow(story_id, current_user.id)
            flash("You will hear of new replies to this story under Notifications.", "success")
    return redirect(url_for("stories.story", story_id=story_id) + "#replies")


@bp.post("/replies/<int:reply_id>/report")
@login_required
def report_reply(reply_id: int):
    form = ReplyReportForm()
    story_id = request.form.get("story_id", type=int)
    if not story_id:
        abort(404)
    if _reported("reply", reply_id, form):
        return redirect(url_for("stories.story", story_id=story_id) + "#replies")
    return _story_page(story_id, reply_report=(reply_id, form), status=422)


@bp.post("/replies/<int:reply_id>/delete")
@login_required
def delete_reply(reply_id: int):
    form = ConfirmForm()
    story_id = request.form.get("story_id", type=int)
    if form.validate_on_submit():
        reply_removal.delete_reply(reply_id, current_user.id)
        flash("The reply was deleted.", "success")
    return redirect(url_for("stories.story", story_id=story_id) if story_id else url_for("pages.home"))


CHART_BAR_WIDTH = 320
CHART_ROW = 26


@bp.get("/lessons")
def lessons():
    form = LessonFilterForm(formdata=request.args)
    category = _filters(form)["category"]
    counts = reading.lessons_per_category(current_user)
    largest = max(counts.values()) or 1
    bars = [
        {
            "category": c,
            "label": CATEGORY_LABELS[c],
            "count": n,
            "width": round(CHART_BAR_WIDTH * n / largest),
            "y": i * CHART_ROW,
        }
        for i, (c, n) in enumerate(counts.items())
    ]
    found = reading.list_lessons(
        current_user,
        category,
        page=page_number(),
        per_page=LESSONS_PAGE_SIZE,
        cursor=request.args.get("cursor") or None,
    )
    return render_template(
        "stories/lessons.html",
        form=form,
        lessons=found,
        category=category,
        bars=bars,
        chart={"row": CHART_ROW, "height": CHART_ROW * len(bars), "bar": CHART_BAR_WIDTH},
        labels=LABELS,
    )


# The writing pages register on the same blueprint.
from community.stories import writing_views  # noqa: E402,F401
