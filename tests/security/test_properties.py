"""Properties of the pure parts, over generated input: moderation, folding, and digest composition."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from community.digest.compose import (
    LESSONS_MAX,
    MENTORS_MAX,
    STORIES_MAX,
    GroupRow,
    LessonRow,
    MemberRow,
    MentorRow,
    StoryRow,
    WeekRows,
    compose,
    has_news,
    week_bounds,
)
from community.moderation.folding import fold
from community.moderation.pipeline import moderate
from community.moderation.rules import RuleSpec, compile_rules, mask
from community.moderation.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from community.stories.models import CATEGORIES
from tests.helpers import elements, markup_problems
from tests.security.xss_corpus import VECTORS

PROPERTY = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

# Pieces that make Markdown, HTML and URLs interact, so generated text reaches the renderer's corners.
PIECES = [
    *VECTORS.values(),
    *"[]()<>!*_`#&;:=\"'/\\|~-+.\t\n\r\x0b\x0c\x00",
    "](",
    "![",
    "```",
    "\n\n",
    "    ",
    "> ",
    "- ",
    "1. ",
    "&#",
    "&#x",
    "&colon;",
    "javascript:",
    "JaVaScRiPt:",
    "vbscript:",
    "data:text/html,",
    "https://example.org/",
    "mailto:",
    "%0a",
    "%09",
    "on",
    "error",
    "script",
    "img",
    "svg",
    "href",
    "src",
    "alert(1)",
    "\u200b",
    "\u202e",
    "\ue000",
    "h4te",
    "h@te",
    "d4mn",
    "kill myself",
    "name@example.org",
    "+1 415 555 0100",
    "https://linkedin.com/in/someone",
]
markdownish = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)
any_text = st.one_of(st.text(), markdownish)
# Every Unicode code point, lone surrogates included.
any_chars = st.text(st.characters(exclude_categories=()))

MATCHER = compile_rules(
    [
        RuleSpec(1, "h*te", "block"),
        RuleSpec(2, "kill myself", "crisis"),
        RuleSpec(3, "buy followers", "hold"),
        RuleSpec(4, "recruiter", "flag"),
        RuleSpec(5, "damn", "censor"),
        RuleSpec(6, "scr*pt", "censor"),
        RuleSpec(7, "on*", "flag"),
    ]
)


def _assert_allowlisted(html: str) -> None:
    assert markup_problems(html) == [], html
    for tag, attrs in elements(html):
        attributes = set(attrs)
        assert tag in ALLOWED_TAGS, (tag, html)
        assert attributes <= set(ALLOWED_ATTRIBUTES.get(tag, ())) | ({"rel"} if tag == "a" else set()), html


@PROPERTY
@given(title=any_text, body=any_text, lesson=any_text)
def test_moderation_never_fails_and_never_emits_unsafe_html(title, body, lesson):
    fields = {"title": title, "body": body, "lesson-1": lesson}
    decision = moderate(fields, MATCHER, markdown_fields={"body", "lesson-1"})
    assert decision.outcome in ("published", "held", "rejected")
    assert set(decision.texts) == set(fields)
    assert set(decision.html) == {"body", "lesson-1"}
    for html in decision.html.values():
        _assert_allowlisted(html)


@PROPERTY
@given(text=any_chars)
def test_folding_never_fails_and_maps_back_into_the_text(text):
    folded, index = fold(text)
    assert len(index) == len(folded)
    assert all(0 <= i < len(text) for i in index)
    assert index == sorted(index)


@PROPERTY
@given(text=st.one_of(any_chars, markdownish))
def test_matching_and_masking_never_fail(text):
    matches = MATCHER.find(text)
    for match in matches:
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.text
    assert len(mask(text, matches)) == len(text)


# --- digest composition ------------------------------------------------------------------------------

WEEK = "2026-W47"
START, _ = week_bounds(WEEK)
GROUP_IDS = range(1, 6)
ids = st.integers(1, 40)


@st.composite
def weeks(draw) -> tuple[MemberRow, WeekRows, dict[int, bool]]:
    """A week's rows as `loading.load_week` gives them, and each group's privacy."""
    private = {g: draw(st.booleans()) for g in GROUP_IDS}
    groups = {g: GroupRow(g, f"Group {g}", f"group-{g}") for g in GROUP_IDS}
    stories = []
    for story_id in draw(st.sets(ids, max_size=25)):
        group_id = draw(st.one_of(st.none(), st.sampled_from(GROUP_IDS)))
        stories.append(
            StoryRow(
                id=story_id,
                title=draw(st.text(max_size=20)),
                pseudonym="Steady Heron",
                stage="onsite",
                industry=draw(st.sampled_from(["Software", "Retail", " software "])),
                group_id=group_id,
                public=group_id is None or not private[group_id],
                published_at=START + timedelta(seconds=draw(st.integers(0, 7 * 24 * 3600 - 1))),
                me_too=draw(st.integers(0, 9)),
                helpful=draw(st.integers(0, 9)),
                strength=draw(st.integers(0, 9)),
            )
        )
    lessons = [
        LessonRow(
            story_id=draw(ids),
            position=draw(st.integers(0, 9)),
            category=draw(st.sampled_from(CATEGORIES)),
            text=draw(st.text(max_size=20)),
        )
        for _ in range(draw(st.integers(0, 30)))
    ]
    mentors = [
        MentorRow(
            id=mentor_id,
            user_id=mentor_id,
            display_name=f"Mentor {mentor_id}",
            headline="Happy to help",
            industries=tuple(
                draw(st.lists(st.sampled_from(["Software", "SOFTWARE", "Retail", ""]), max_size=3))
            ),
            volunteered_at=START + timedelta(hours=draw(st.integers(0, 167))),
        )
        for mentor_id in draw(st.sets(ids, max_size=8))
    ]
    member = MemberRow(
        id=draw(ids),
        email="reader@example.org",
        display_name="Reader",
        digest="weekly",
        industries=tuple(draw(st.lists(st.sampled_from(["software", "Retail", "Nursing", " "]), max_size=3))),
        group_ids=tuple(draw(st.sets(st.sampled_from(GROUP_IDS)))),
    )
    counts = {g: sum(1 for s in stories if s.group_id == g) for g in GROUP_IDS}
    return member, WeekRows(WEEK, stories, lessons, mentors, groups, counts), private


@PROPERTY
@given(week=weeks())
def test_digest_never_shows_a_private_groups_story_to_an_outsider(week):
    member, rows, private = week
    digest = compose(member, rows, "https://rebound.example")
    has_news(digest)
    by_id = {story.id: story for story in rows.stories}
    shown = [story["id"] for story in digest["stories"]] + [
        lesson["story_id"] for lesson in digest["lessons"]
    ]
    for story_id in shown:
        group_id = by_id[story_id].group_id
        assert group_id is None or not private[group_id] or group_id in member.group_ids, (story_id, group_id)
    assert {group["id"] for group in digest["groups"]} <= set(member.group_ids)
    assert member.id not in {mentor["id"] for mentor in digest["mentors"]}
    # Nothing the member may see is held back beyond the digest's limits.
    visible = [story for story in rows.stories if story.public or story.group_id in member.group_ids]
    assert len({story["id"] for story in digest["stories"]}) == min(STORIES_MAX, len(visible))
    assert len(digest["lessons"]) <= LESSONS_MAX
    assert len(digest["mentors"]) <= MENTORS_MAX
