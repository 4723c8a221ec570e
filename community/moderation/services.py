"""Moderation decisions: the worker's automatic pass over each post, holds for review, moderators' decisions
from the review queue, the keyword rules they keep, and the record.

The text work itself is pure (pipeline.py, rules.py); this module loads posts and rules, stores what the
pipeline or a moderator decided, and keeps one ModerationDecision row per decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Select, case, delete, func, select, update
from sqlalchemy.orm import joinedload

from community import queue
from community.accounts import lifecycle
from community.accounts.models import User
from community.errors import conflict, forbidden, invalid, not_found
from community.extensions import db
from community.models import isoformat, utcnow
from community.moderation import edits as edit_decisions
from community.moderation import urgent
from community.moderation.defaults import DEFAULT_RULES
from community.moderation.models import KeywordRule, ModerationDecision, ReviewItem
from community.moderation.pipeline import _HOLD_MESSAGE, Decision, moderate
from community.moderation.rules import ACTIONS, RuleMatcher, RuleSpec, compile_rules, validate_pattern
from community.moderation.scrub import scrub
from community.moderation.telling import tell_edit_outcome, tell_outcome, tell_story_author_of_reply
from community.pagination import paginate
from community.statuses import PUBLISHED
from community.stories import versions
from community.stories.counts import refresh_reply_count
from community.stories.models import CONTENT_NOTES, PostEdit, Reply, Story, company_key
from community.sweeper import sweeps

KINDS = {"story": Story, "reply": Reply}
EXCERPT_LENGTH = 280


@dataclass(frozen=True)
class CompiledRules:
    version: tuple[Any, ...]
    matcher: RuleMatcher
    by_id: dict[int, dict]


_compiled: dict[str, CompiledRules] = {}


def rules_version() -> tuple[Any, ...]:
    """Changes whenever a rule is added or deleted (rules are never edited in place).

    The newest creation time is part of it because SQLite hands a deleted highest id to the next rule, so
    count and highest id alone can come back to a value the cache has already seen.
    """
    count, last, newest = db.session.execute(
        select(func.count(KeywordRule.id), func.max(KeywordRule.id), func.max(KeywordRule.created_at))
    ).one()
    return int(count or 0), int(last or 0), str(newest)


def current_rules() -> CompiledRules:
    """The compiled rule set, rebuilt only when the rules changed, so a new rule applies to the next post."""
    key = str(db.engine.url)
    version = rules_version()
    cached = _compiled.get(key)
    if cached is None or cached.version != version:
        rows = db.session.scalars(select(KeywordRule)).all()
        by_id = {r.id: {"id": r.id, "pattern": r.pattern, "action": r.action} for r in rows}
        matcher = compile_rules(RuleSpec(r.id, r.pattern, r.action) for r in rows)
        cached = CompiledRules(version, matcher, by_id)
        _compiled[key] = cached
    return cached


def record_decision(
    kind: str,
    target_id: int,
    action: str,
    from_status: str,
    to_status: str,
    rules: Iterable[dict] = (),
    actor=None,
    reason: str | None = None,
) -> ModerationDecision:
    """Adds the log entry to the session; the caller commits it with the change it describes."""
    entry = ModerationDecision(
        kind=kind,
        target_id=target_id,
        action=action,
        from_status=from_status,
        to_status=to_status,
        rules=list(rules),
        reason=reason,
        actor_id=actor.id if actor is not None else None,
        actor_name=actor.display_name if actor is not None else "system",
    )
    db.session.add(entry)
    return entry


def open_item(kind: str, target_id: int) -> ReviewItem | None:
    """The post's own review item that no moderator has decided yet, if there is one (items about an edit of
    the post are apart: see `moderation.edits`)."""
    return db.session.scalar(
        select(ReviewItem).where(
            ReviewItem.kind == kind,
            ReviewItem.target_id == target_id,
            ReviewItem.resolved_at.is_(None),
            ReviewItem.edit_id.is_(None),
        )
    )


def open_review_item(
    kind: str, target_id: int, reason: str, priority: str, rules: list[dict], excerpt: str, edit_id: int
) -> ReviewItem:
    """A new item about an edit of the post (beside any item about the post itself)."""
    item = _open_review(kind, target_id, reason, priority, rules, excerpt, edit_id=edit_id)
    db.session.flush()
    return item


def _open_review(
    kind: str,
    target_id: int,
    reason: str,
    priority: str,
    rules: list[dict],
    excerpt: str,
    update_reason: bool = False,
    edit_id: int | None = None,
) -> ReviewItem:
    existing = open_item(kind, target_id) if edit_id is None else None
    if existing is not None and update_reason and existing.priority != "urgent":
        # Reports keep coming in: the waiting item says how many and why.
        existing.reason = reason
    if existing is not None:
        return existing
    item = ReviewItem(
        kind=kind,
        target_id=target_id,
        reason=reason,
        priority=priority,
        matched_rules=rules,
        excerpt=excerpt[:EXCERPT_LENGTH],
        edit_id=edit_id,
    )
    db.session.add(item)
    return item


def _claim(model, target_id: int, to_status: str, **values) -> bool:
    """Flip a pending row in one conditional UPDATE, so a post moderated twice is decided once."""
    result = db.session.execute(
        update(model)
        .where(model.id == target_id, model.status == "pending")
        .values(status=to_status, **values)
        # A pending post was never shown: deciding it can only add to what visitors see.
        .execution_options(synchronize_session=False, feed_change="soft")
    )
    return result.rowcount == 1


def _fields(kind: str, target) -> tuple[dict[str, str], set[str]]:
    if kind == "story":
        fields = {"title": target.title, "body": target.body, "industry": target.industry}
        if target.company:
            fields["company"] = target.company
        fields.update({f"lesson-{lesson.id}": lesson.text for lesson in target.lessons})
        return fields, {"body", *(f"lesson-{lesson.id}" for lesson in target.lessons)}
    return {"body": target.body}, {"body"}


def _moderated_columns(kind: str, decision: Decision) -> dict[str, str]:
    """The post's own text columns as moderated, for the UPDATE that claims it."""
    columns = {"body": decision.texts["body"], "body_html": decision.html["body"]}
    if kind == "story":
        columns["title"] = decision.texts["title"]
        # Industry and company are read by others too: scrubbed and masked like the rest, and the company
        # compared as it is shown.
        columns["industry"] = decision.texts["industry"]
        if "company" in decision.texts:
            columns["company"] = decision.texts["company"]
            columns["company_key"] = company_key(decision.texts["company"])
    return columns


def _store_lessons(target: Story, decision: Decision) -> None:
    for lesson in target.lessons:
        key = f"lesson-{lesson.id}"
        lesson.text = decision.texts[key]
        lesson.text_html = decision.html[key]


def moderate_item(kind: str, target_id: int) -> None:
    """The automatic decision on a pending story or reply; does nothing for anything already decided."""
    model = KINDS[kind]
    stmt = select(model).where(model.id == target_id)
    if kind == "story":
        stmt = stmt.options(joinedload(Story.lessons))
    target = db.session.execute(stmt).unique().scalar_one_or_none()
    if target is None or target.status != "pending":
        return
    compiled = current_rules()
    fields, markdown_fields = _fields(kind, target)
    decision = moderate(fields, compiled.matcher, markdown_fields)
    matched = [compiled.by_id[i] for i in decision.matched_rule_ids if i in compiled.by_id]
    crisis = any(rule["action"] == "crisis" for rule in matched)
    now = utcnow()
    if not _claim(
        model,
        target_id,
        decision.outcome,
        moderation_reason=decision.reason,
        show_resources=crisis,
        published_at=now if decision.outcome == PUBLISHED else None,
        **_moderated_columns(kind, decision),
    ):
        db.session.rollback()
        return
    if kind == "story":
        # After the claim, as every writer locks a story before its lessons. No refresh after the UPDATE: the
        # flush writes only the lessons' columns changed here.
        _store_lessons(target, decision)
    record_decision(
        kind,
        target_id,
        decision.action or "pass",
        "pending",
        decision.outcome,
        matched,
        reason=decision.reason,
    )
    excerpt = (
        decision.texts.get("title", "") + " " + decision.texts["body"]
        if kind == "story"
        else decision.texts["body"]
    )
    if decision.action in ("crisis", "hold", "flag"):
        priority = "urgent" if decision.action == "crisis" else "normal"
        words = ", ".join(decision.matched_words)
        reason = {
            "crisis": f"Crisis language: {words}",
            "hold": f"Held by a rule: {words}",
            "flag": f"Flagged by a rule: {words}",
        }[decision.action]
        item = _open_review(kind, target_id, reason, priority, matched, excerpt.strip())
    if kind == "reply":
        refresh_reply_count(target.story_id)
    versions.settle_in_place(kind, target_id, decision.outcome)
    _tell(kind, target, decision.outcome, decision.reason, crisis)
    db.session.commit()
    if decision.action == "crisis":
        # Someone may be at risk: every moderator hears of it now, not at their next look at the queue.
        urgent.enqueue_mailing(item.id)


def _tell(kind: str, target: Any, outcome: str, reason: str | None, crisis: bool = False) -> None:
    tell_outcome(kind, target, outcome, reason, crisis)
    if kind == "reply" and outcome == PUBLISHED:
        tell_story_author_of_reply(target, db.session.get(Story, target.story_id))


def hold_for_review(kind: str, target_id: int, reason: str, actor=None) -> bool:
    """Take a published item out of every public list until a moderator decides (e.g. after reports)."""
    model = KINDS[kind]
    target = db.session.get(model, target_id)
    if target is None or target.status != PUBLISHED:
        return False
    result = db.session.execute(
        update(model)
        .where(model.id == target_id, model.status == PUBLISHED)
        .values(status="held")
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        return False
    record_decision(kind, target_id, "report", PUBLISHED, "held", actor=actor, reason=reason)
    excerpt = f"{target.title} {target.body}" if kind == "story" else target.body
    _open_review(kind, target_id, reason, "normal", [], excerpt.strip(), update_reason=True)
    if kind == "reply":
        refresh_reply_count(target.story_id)
    db.session.commit()
    return True


def held_by_reports_before(kind: str, target_id: int) -> bool:
    """Whether members' reports have held this post before (they hold it once; then a moderator decides)."""
    return (
        db.session.scalar(
            select(ModerationDecision.id)
            .where(
                ModerationDecision.kind == kind,
                ModerationDecision.target_id == target_id,
                ModerationDecision.action == "report",
            )
            .limit(1)
        )
        is not None
    )


def queue_for_look(kind: str, target_id: int, reason: str) -> None:
    """Put a published item in the review queue without hiding it (reports of newer members)."""
    model = KINDS[kind]
    target = db.session.get(model, target_id)
    if target is None or target.status != PUBLISHED:
        return
    excerpt = f"{target.title} {target.body}" if kind == "story" else target.body
    _open_review(kind, target_id, reason, "normal", [], excerpt.strip(), update_reason=True)
    db.session.commit()


def display_name_problem(name: str) -> str | None:
    """A display name that a `block` rule matches, or that carries contact details the scrubber would take
    out, is refused at registration and on change."""
    if any(match.action == "block" for match in current_rules().matcher.find(name)):
        return "Please choose another display name: this one is not allowed here."
    if any(scrub(name)[1].values()):
        return "Leave contact details out of your display name: other members can see it."
    return None


lifecycle.register_name_check(display_name_problem)


@sweeps
def enqueue_pending() -> int:
    """Every pending story and reply without a live job gets one (Redis was down, or a worker died)."""
    count = 0
    for kind, model in KINDS.items():
        for target_id in db.session.scalars(select(model.id).where(model.status == "pending")):
            if not queue.job_is_live(queue.moderation_job_id(kind, target_id)) and queue.enqueue_moderation(
                kind, target_id
            ):
                count += 1
    waiting_edits = select(PostEdit.id).where(PostEdit.status == "pending", PostEdit.in_place.is_(False))
    for edit_id in db.session.scalars(waiting_edits):
        if not queue.job_is_live(queue.moderation_job_id("edit", edit_id)) and queue.enqueue_moderation(
            "edit", edit_id
        ):
            count += 1
    return count


# --- keyword rules --------------------------------------------------------------------------------------

NOTE_MAX = 200
REJECT_REASON_MAX = 500


def rule_json(rule: KeywordRule) -> dict:
    return {"id": rule.id, "pattern": rule.pattern, "action": rule.action, "note": rule.note or ""}


def _clean_pattern(pattern: Any) -> str:
    return " ".join(pattern.split()) if isinstance(pattern, str) else ""


def check_rule(pattern: Any, action: Any, note: Any) -> dict[str, str]:
    """Field problems, by field name; empty when the rule can be stored."""
    fields: dict[str, str] = {}
    problem = validate_pattern(_clean_pattern(pattern))
    if problem:
        fields["pattern"] = problem
    if action not in ACTIONS:
        fields["action"] = "Choose one of: " + ", ".join(ACTIONS) + "."
    if note is not None and not isinstance(note, str):
        fields["note"] = "Give the note as text."
    elif len((note or "").strip()) > NOTE_MAX:
        fields["note"] = f"Keep the note to {NOTE_MAX} characters or fewer."
    return fields


def add_rule(
    pattern: str, action: str, note: str | None = "", created_by_id: int | None = None
) -> KeywordRule:
    """A new rule, used from the next post on; 422 naming each field at fault."""
    fields = check_rule(pattern, action, note)
    if fields:
        raise invalid(**fields)
    rule = KeywordRule(
        pattern=_clean_pattern(pattern),
        action=action,
        note=(note or "").strip(),
        created_by_id=created_by_id,
    )
    db.session.add(rule)
    db.session.commit()
    return rule


def delete_rule(rule_id: int) -> None:
    """Past decisions keep the rules they copied, so deleting a rule rewrites no history."""
    result = db.session.execute(
        delete(KeywordRule).where(KeywordRule.id == rule_id).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise not_found("That rule")
    db.session.commit()


def rules_query(action: str | None = None, search: str | None = None) -> Select[tuple[KeywordRule]]:
    """Rules, most severe action first, then alphabetically."""
    severity = case({name: i for i, name in enumerate(ACTIONS)}, value=KeywordRule.action, else_=len(ACTIONS))
    stmt = select(KeywordRule).order_by(severity, func.lower(KeywordRule.pattern), KeywordRule.id)
    if action:
        stmt = stmt.where(KeywordRule.action == action)
    if search and search.strip():
        needle = search.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(func.lower(KeywordRule.pattern).like(f"%{needle}%", escape="\\"))
    return stmt


def list_rules(
    page: int = 1, per_page: int = 20, action: str | None = None, search: str | None = None
) -> dict:
    return paginate(rules_query(action, search), page, per_page, lambda rows: [rule_json(r) for r in rows])


def install_defaults() -> tuple[int, int]:
    """Add every default rule whose pattern is not there yet; (added, already present)."""
    present = {p.casefold() for p in db.session.scalars(select(KeywordRule.pattern))}
    added = 0
    for pattern, action, note in DEFAULT_RULES:
        key = _clean_pattern(pattern).casefold()
        if key in present:
            continue
        db.session.add(KeywordRule(pattern=_clean_pattern(pattern), action=action, note=note))
        present.add(key)
        added += 1
    db.session.commit()
    return added, len(DEFAULT_RULES) - added


# --- the review queue ---------------------------------------------------------------------------------

_URGENT_FIRST = case((ReviewItem.priority == "urgent", 0), else_=1)


def review_json(item: ReviewItem) -> dict:
    return {
        "id": item.id,
        "kind": item.kind,
        "target_id": item.target_id,
        "reason": item.reason,
        "priority": item.priority,
        "matched_rules": list(item.matched_rules or []),
        "excerpt": item.excerpt,
        "created_at": isoformat(item.created_at),
    }


def queue_query() -> Select[tuple[ReviewItem]]:
    """Open review items: urgent first, then the longest waiting."""
    return (
        select(ReviewItem)
        .where(ReviewItem.resolved_at.is_(None))
        .order_by(_URGENT_FIRST, ReviewItem.created_at, ReviewItem.id)
    )


def list_queue(page: int = 1, per_page: int = 20) -> dict:
    return paginate(queue_query(), page, per_page, lambda rows: [review_json(r) for r in rows])


def target_statuses(items: Sequence[ReviewItem]) -> dict[tuple[str, int], str]:
    """The current status of each item's story or reply, by (kind, id); one query per kind."""
    statuses: dict[tuple[str, int], str] = {}
    for kind, model in KINDS.items():
        ids = {item.target_id for item in items if item.kind == kind}
        if ids:
            rows = db.session.execute(select(model.id, model.status).where(model.id.in_(ids)))
            statuses.update({(kind, target_id): status for target_id, status in rows})
    return statuses


def urgent_count() -> int:
    return (
        db.session.scalar(
            select(func.count(ReviewItem.id)).where(
                ReviewItem.resolved_at.is_(None), ReviewItem.priority == "urgent"
            )
        )
        or 0
    )


def _moderator(actor_id: int) -> User:
    actor = db.session.get(User, actor_id)
    if actor is None or not actor.is_moderator:
        raise forbidden("Only moderators can do that.")
    return actor


def _review_item(item_id: int) -> ReviewItem:
    item = db.session.get(ReviewItem, item_id)
    if item is None:
        raise not_found("That review item")
    return item


def _resolve(item: ReviewItem) -> None:
    """Close the item in one conditional UPDATE, so two moderators deciding at once cannot both win."""
    result = db.session.execute(
        update(ReviewItem)
        .where(ReviewItem.id == item.id, ReviewItem.resolved_at.is_(None))
        .values(resolved_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise conflict("A moderator has already decided this item.")


def _target(item: ReviewItem):
    target = db.session.get(KINDS[item.kind], item.target_id)
    if target is None:
        # Its author deleted it meanwhile: nothing is left to decide, so the item closes.
        db.session.commit()
        raise not_found(f"That {item.kind}")
    return target


def _move(item: ReviewItem, target, to_status: str, **values: Any) -> str:
    """Change the target's status from what it was when loaded; 409 if someone changed it meanwhile."""
    model = KINDS[item.kind]
    from_status = target.status
    result = db.session.execute(
        update(model)
        .where(model.id == target.id, model.status == from_status)
        .values(status=to_status, **values)
        # Only a published item's change can take something from visitors' feed pages.
        .execution_options(
            synchronize_session=False, feed_change="hard" if from_status == PUBLISHED else "soft"
        )
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise conflict(f"This {item.kind} changed while you were looking; reload and try again.")
    return from_status


def _without_waiting_note(reason: str | None) -> str | None:
    """What moderation told the author, minus the promise that a moderator will look (one just did)."""
    if not reason:
        return reason
    return reason.replace(_HOLD_MESSAGE, "").strip() or None


# The content notes a story held for crisis language gets when a moderator publishes it.
CRISIS_NOTES = ("self_harm", "suicide")


def notes_on_approval(item: ReviewItem, target: Any) -> list[str]:
    """The content notes a held story is published with unless the moderator chooses others: the author's,
    plus self-harm and suicide when crisis language held it."""
    notes = list(getattr(target, "content_notes", None) or [])
    if item.kind == "story" and item.priority == "urgent":
        notes += [note for note in CRISIS_NOTES if note not in notes]
    return [note for note in CONTENT_NOTES if note in notes]


def approve(item_id: int, actor_id: int, content_notes: Sequence[str] | None = None) -> ReviewItem:
    """Publish a held item (or, for a flagged one already published, just close the look); 409 if decided.

    A story is published with `content_notes` when given (the moderator's choice on the item page), else
    with `notes_on_approval`."""
    actor = _moderator(actor_id)
    item = _review_item(item_id)
    if content_notes is not None and not set(content_notes) <= set(CONTENT_NOTES):
        raise invalid(content_notes="Choose among: " + ", ".join(CONTENT_NOTES) + ".")
    _resolve(item)
    target = _target(item)
    edit = edit_decisions.held_edit(item)
    if edit is not None:
        if item.kind == "story":
            # As for a held story: the moderator's choice of notes, else the author's plus, after crisis
            # language, self-harm and suicide.
            version = SimpleNamespace(content_notes=edit.fields.get("content_notes"))
            chosen = notes_on_approval(item, version) if content_notes is None else content_notes
            edit.fields = {**edit.fields, "content_notes": [n for n in CONTENT_NOTES if n in chosen]}
        edit_decisions.approve_edit(edit)
        record_decision(
            item.kind, item.target_id, "approve", "edit", PUBLISHED, item.matched_rules or [], actor
        )
        tell_edit_outcome(item.kind, target, PUBLISHED, None)
        db.session.commit()
        return item
    from_status = target.status
    # A rejected post comes back through its author's appeal; approving the appeal publishes it.
    if from_status == "held" or (from_status == "rejected" and item.reason == "appeal"):
        notes: dict[str, Any] = {}
        if item.kind == "story":
            chosen = notes_on_approval(item, target) if content_notes is None else content_notes
            notes["content_notes"] = [note for note in CONTENT_NOTES if note in chosen]
        _move(
            item,
            target,
            PUBLISHED,
            published_at=target.published_at or utcnow(),
            moderation_reason=_without_waiting_note(target.moderation_reason),
            **notes,
        )
    elif from_status != PUBLISHED:
        db.session.rollback()
        raise conflict(f"This {item.kind} is {from_status} now; reject the item to close it.")
    record_decision(
        item.kind, item.target_id, "approve", from_status, PUBLISHED, item.matched_rules or [], actor=actor
    )
    if item.kind == "reply":
        refresh_reply_count(target.story_id)
    if from_status in ("held", "rejected"):
        _tell(item.kind, target, PUBLISHED, None)
    db.session.commit()
    return item


def check_reject_reason(reason: Any) -> str:
    text = reason.strip() if isinstance(reason, str) else ""
    if not text:
        raise invalid(reason="Tell the author why, in a sentence or two.")
    if len(text) > REJECT_REASON_MAX:
        raise invalid(reason=f"Keep the reason to {REJECT_REASON_MAX} characters or fewer.")
    return text


def reject(item_id: int, actor_id: int, reason: str) -> ReviewItem:
    """Reject the item; the author sees `reason` beside their post. 409 if it was already decided."""
    actor = _moderator(actor_id)
    item = _review_item(item_id)
    reason = check_reject_reason(reason)
    _resolve(item)
    target = _target(item)
    edit = edit_decisions.held_edit(item)
    if edit is not None:
        # The edit is not published; the post stays as it was.
        edit_decisions.reject_edit(edit, reason)
        record_decision(
            item.kind, item.target_id, "reject", "edit", "rejected", item.matched_rules or [], actor, reason
        )
        tell_edit_outcome(item.kind, target, "rejected", reason)
        db.session.commit()
        return item
    if target.status == "removed":
        # Gone already (its author deleted it, or a moderator removed it): the item closes, the post stays.
        record_decision(item.kind, item.target_id, "reject", "removed", "removed", (), actor, reason)
        db.session.commit()
        return item
    from_status = _move(item, target, "rejected", moderation_reason=reason)
    record_decision(
        item.kind, item.target_id, "reject", from_status, "rejected", item.matched_rules or [], actor, reason
    )
    if item.kind == "reply" and from_status == PUBLISHED:
        refresh_reply_count(target.story_id)
    _tell(item.kind, target, "rejected", reason)
    db.session.commit()
    return item


# --- the record -----------------------------------------------------------------------------------------


def decision_json(entry: ModerationDecision) -> dict:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "target_id": entry.target_id,
        "action": entry.action,
        "from_status": entry.from_status,
        "to_status": entry.to_status,
        "rules": list(entry.rules or []),
        "actor": entry.actor_name,
        "reason": entry.reason,
        "created_at": isoformat(entry.created_at),
    }


def log_query(kind: str | None = None, target_id: int | None = None) -> Select[tuple[ModerationDecision]]:
    """One item's decisions in the order they happened; without an item, the newest decisions first."""
    stmt = select(ModerationDecision)
    if kind:
        stmt = stmt.where(ModerationDecision.kind == kind)
    if target_id is not None:
        stmt = stmt.where(ModerationDecision.target_id == target_id)
        return stmt.order_by(ModerationDecision.created_at, ModerationDecision.id)
    return stmt.order_by(ModerationDecision.created_at.desc(), ModerationDecision.id.desc())


def list_log(
    kind: str | None = None, target_id: int | None = None, page: int = 1, per_page: int = 20
) -> dict:
    return paginate(log_query(kind, target_id), page, per_page, lambda rows: [decision_json(r) for r in rows])


@dataclass(frozen=True)
class ReviewTarget:
    kind: str
    target: Any  # a Story or a Reply
    open_item: ReviewItem | None  # the post's own open item, else one about an edit of it
    history: Sequence[ModerationDecision]
    versions: Sequence[PostEdit] = ()  # every edit of the post, oldest first


def last_item(kind: str, target_id: int) -> ReviewItem | None:
    """The post's newest review item, open or decided: what a moderator's message to its author goes by."""
    return db.session.scalar(
        select(ReviewItem)
        .where(ReviewItem.kind == kind, ReviewItem.target_id == target_id)
        .order_by(ReviewItem.id.desc())
        .limit(1)
    )


def review_target(kind: str, target_id: int) -> ReviewTarget:
    """A story or reply as a moderator looks at it: the post, its open review item and its decisions."""
    model = KINDS.get(kind)
    target = db.session.get(model, target_id) if model is not None else None
    if target is None:
        raise not_found(f"That {kind if model is not None else 'item'}")
    history = db.session.scalars(log_query(kind, target_id)).all()
    item = open_item(kind, target_id) or db.session.scalar(
        select(ReviewItem)
        .where(ReviewItem.kind == kind, ReviewItem.target_id == target_id, ReviewItem.resolved_at.is_(None))
        .order_by(ReviewItem.id)
        .limit(1)
    )
    return ReviewTarget(kind, target, item, history, versions.versions(kind, target_id))
