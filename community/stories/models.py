from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, inspect, text
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship
from sqlalchemy.orm.base import NO_VALUE
from sqlalchemy.orm.util import identity_key

from community import statuses
from community.extensions import db
from community.models import HARD, SOFT, ShownToVisitors, UTCDateTime, database_objects, utcnow
from community.stories import tallies

STAGES = ("application", "recruiter_screen", "technical", "hiring_manager", "onsite", "final_round", "other")
CATEGORIES = (
    "preparation",
    "first_impression",
    "answers",
    "enthusiasm",
    "questions_asked",
    "materials",
    "follow_up",
    "skills",
    "mindset",
    "other",
)
STATUSES = statuses.STATUSES
REACTION_KINDS = ("me_too", "helpful", "strength")
# What a reader may want to be warned of before a story opens; the author chooses.
CONTENT_NOTES = ("self_harm", "suicide", "abuse", "discrimination", "health")
CONTENT_NOTE_LABELS = {
    "self_harm": "self-harm",
    "suicide": "suicide",
    "abuse": "abuse",
    "discrimination": "discrimination",
    "health": "health",
}


COMPANY_MAX = 100


def company_key(company: str | None) -> str | None:
    """How companies are compared: ignoring case and every space ("Acme Corp" == "acmecorp")."""
    key = "".join((company or "").split()).casefold()
    return key[:COMPANY_MAX] or None


PUBLISHED_ONLY = {
    "sqlite_where": text("status = 'published'"),
    "postgresql_where": text("status = 'published'"),
}


class Story(ShownToVisitors, db.Model):
    __tablename__ = "story"
    # The second index lets a feed's count read the index alone (no row visits) to apply the group rule.
    __table_args__ = (
        Index("ix_story_status_published", "status", "published_at"),
        Index("ix_story_status_group", "status", "group_id"),
        # Every list of published stories reads one of these in its own order, newest (or most helpful) first,
        # and stops after a page: no list sorts or scans the stories table.
        Index("ix_story_feed", "published_at", "id", "group_id", **PUBLISHED_ONLY),
        Index(
            "ix_story_feed_filters",
            text("lower(industry)"),
            "stage",
            "published_at",
            "id",
            "group_id",
            **PUBLISHED_ONLY,
        ),
        Index("ix_story_group_feed", "group_id", "published_at", "id", **PUBLISHED_ONLY),
        Index("ix_story_helpful", "helpful_count", "published_at", "id", **PUBLISHED_ONLY),
        Index("ix_story_author_created", "author_id", "created_at", "id"),
        # An id is never handed out twice, even after the newest story is deleted.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Null once the author erased their account and chose to keep their stories.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("support_group.id", ondelete="SET NULL"), index=True
    )
    # As submitted; moderation replaces title with its scrubbed, masked form.
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(20))
    industry: Mapped[str] = mapped_column(String(60), index=True)
    company: Mapped[str | None] = mapped_column(String(100))
    # Lower-cased with all white space removed, to count members naming one company.
    company_key: Mapped[str | None] = mapped_column(String(100), index=True)
    # The author's own choice; without it the company is never shown to anyone else.
    share_company: Mapped[bool] = mapped_column(default=False)
    # Kinds from CONTENT_NOTES: lists and pages show the story closed behind them until the reader opens it.
    content_notes: Mapped[list[str]] = mapped_column(JSON, default=list)
    pseudonym: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    moderation_reason: Mapped[str | None] = mapped_column(Text)
    show_resources: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Counters kept beside the rows so a feed page needs no per-story queries.
    me_too_count: Mapped[int] = mapped_column(default=0)
    helpful_count: Mapped[int] = mapped_column(default=0)
    strength_count: Mapped[int] = mapped_column(default=0)
    reply_count: Mapped[int] = mapped_column(default=0)

    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="story", cascade="all, delete-orphan", order_by="Lesson.position"
    )

    # Columns whose change on a published story is soft: the counts shown on its card.
    COUNT_COLUMNS = frozenset({"me_too_count", "helpful_count", "strength_count", "reply_count"})

    def published_then_and_now(self) -> tuple[bool, bool]:
        """Whether the story was published before this flush, and whether it is now."""
        history = inspect(self).attrs.status.history
        now = self.status == statuses.PUBLISHED
        if not history.has_changes():
            return now, now
        return statuses.PUBLISHED in history.deleted, now

    def visitor_change(self, session: Session, deleted: bool) -> str | None:
        if self in session.new:
            return SOFT if self.status == statuses.PUBLISHED else None
        was, now = self.published_then_and_now()
        if not was:
            # Nothing of it was visible: publishing it adds, any other change is unseen.
            return SOFT if now else None
        if deleted or not now:
            return HARD
        changed = {attr.key for attr in inspect(self).attrs if attr.history.has_changes()}
        return SOFT if changed <= self.COUNT_COLUMNS else HARD


class Lesson(ShownToVisitors, db.Model):
    __tablename__ = "lesson"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    category: Mapped[str] = mapped_column(String(20), index=True)
    text: Mapped[str] = mapped_column(Text)
    text_html: Mapped[str | None] = mapped_column(Text)

    story: Mapped[Story] = relationship(back_populates="lessons")

    def visitor_change(self, session: Session, deleted: bool) -> str | None:
        """As its story's change; when its story is not at hand, assume hard."""
        story = inspect(self).attrs.story.loaded_value
        if story is NO_VALUE or story is None:
            story = session.identity_map.get(identity_key(Story, self.story_id))
        if story is None:
            return HARD
        was, now = story.published_then_and_now()
        if was:
            return HARD
        return SOFT if now else None


class Reply(db.Model):
    __tablename__ = "reply"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    pseudonym: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    moderation_reason: Mapped[str | None] = mapped_column(Text)
    show_resources: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Reaction(db.Model):
    __tablename__ = "reaction"
    __table_args__ = (UniqueConstraint("story_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Report(db.Model):
    __tablename__ = "report"
    __table_args__ = (UniqueConstraint("story_id", "reporter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReplyReport(db.Model):
    """A member's report of a reply: the same rule as a story's (see `stories.services.report`)."""

    __tablename__ = "reply_report"
    __table_args__ = (UniqueConstraint("reply_id", "reporter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reply_id: Mapped[int] = mapped_column(ForeignKey("reply.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StoryFollow(db.Model):
    """A member who is told of new published replies on a story; its author follows it from the start."""

    __tablename__ = "story_follow"
    __table_args__ = (UniqueConstraint("story_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PostEdit(db.Model):
    """A version of a story or reply its author wrote after posting it, moderated like a new post.

    While a published post's edit is pending, held or rejected, the post's own row keeps the published text:
    readers, the feed cache, search and the digest see only that. A published edit is copied into the row. A
    post still waiting for moderation is edited in place (`in_place`), and its edit is decided with it."""

    __tablename__ = "post_edit"
    __table_args__ = (Index("ix_post_edit_target", "kind", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # story or reply
    target_id: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    # The whole version as written: for a story every editable field, for a reply its body.
    fields: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending, published, held, rejected
    in_place: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str | None] = mapped_column(Text)
    show_resources: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StoryTally(db.Model):
    """How many published stories each group (0: none), stage and industry holds. Kept by the database's
    own triggers (community/stories/tallies.py), so a feed's total is a sum over a few hundred rows, not a
    count over every story."""

    __tablename__ = "story_tally"

    group_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    stage: Mapped[str] = mapped_column(String(20), primary_key=True)
    industry_key: Mapped[str] = mapped_column(String(60), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)


class LessonTally(db.Model):
    """How many lessons of published stories each group (0: none) holds per category, kept like `StoryTally`."""

    __tablename__ = "lesson_tally"

    group_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    category: Mapped[str] = mapped_column(String(20), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)


# The triggers that keep the tallies, in schemas built with `create_all` too.
database_objects(db.metadata, tallies.create_statements, tallies.drop_statements)


# What members post and moderation decides on, by the kind named in review items and decisions.
POSTS: dict[str, type[Story] | type[Reply]] = {"story": Story, "reply": Reply}
