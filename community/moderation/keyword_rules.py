"""The keyword rules moderators keep, compiled once per change: what the worker's pass, the preview, the
screening of names and the display-name check all match text against."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, delete, func, select, update

from community import kept
from community.accounts import lifecycle
from community.errors import invalid, not_found
from community.extensions import db
from community.fields import squash
from community.moderation.defaults import DEFAULT_RULES
from community.moderation.models import KeywordRule
from community.moderation.patterns import ACTIONS, validate_pattern
from community.moderation.rules import RuleMatcher, RuleSpec, compile_rules
from community.moderation.scrub import scrub
from community.pagination import paginate


@dataclass(frozen=True)
class CompiledRules:
    version: tuple[Any, ...]
    matcher: RuleMatcher
    by_id: dict[int, dict]


_compiled: dict[str, CompiledRules] = {}
kept.forgets(_compiled.clear)


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


def display_name_problem(name: str) -> str | None:
    """A display name that a `block` rule matches, or that carries contact details the scrubber would take
    out, is refused at registration and on change."""
    if any(match.action == "block" for match in current_rules().matcher.find(name)):
        return "Please choose another display name: this one is not allowed here."
    if any(scrub(name)[1].values()):
        return "Leave contact details out of your display name: other members can see it."
    return None


lifecycle.register_name_check(display_name_problem)


def forget_author(user_id: int) -> None:
    """The rules a moderator wrote stay, without the name of who wrote them."""
    db.session.execute(
        update(KeywordRule).where(KeywordRule.created_by_id == user_id).values(created_by_id=None)
    )


lifecycle.register_erase(forget_author)


NOTE_MAX = 200


def rule_json(rule: KeywordRule) -> dict:
    return {"id": rule.id, "pattern": rule.pattern, "action": rule.action, "note": rule.note or ""}


def check_rule(pattern: Any, action: Any, note: Any) -> dict[str, str]:
    """Field problems, by field name; empty when the rule can be stored."""
    fields: dict[str, str] = {}
    problem = validate_pattern(squash(pattern))
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
        pattern=squash(pattern),
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
        key = squash(pattern).casefold()
        if key in present:
            continue
        db.session.add(KeywordRule(pattern=squash(pattern), action=action, note=note))
        present.add(key)
        added += 1
    db.session.commit()
    return added, len(DEFAULT_RULES) - added
