"""Counts kept as the rows change: published stories per group, stage and industry (`story_tally`), and
lessons of published stories per group and category (`lesson_tally`). Group 0 stands for "no group".

Triggers keep them, on both databases, in the same statement as the change: whatever code publishes, holds,
edits, moves or deletes a story or a lesson, the counts follow. A story's contribution is taken out BEFORE a
change to what is counted (its status, group, stage, industry; a lesson's story or category) and put back
AFTER it, as it then is. Readers apply the group rule to the tallies' group column, as to a story's.

The same statements build them in the migration and, for schemas built with `create_all`, through the
metadata's DDL events (community/stories/models.py). `REBUILD` recounts everything (after a bulk load that bypassed the triggers).

Every change takes a tally row in hand for its transaction: a change of a few rows costs microseconds, but one
transaction changing hundreds of thousands of stories or lessons updates the same tally rows that many times,
each update walking the versions before it. Make such a bulk change with the triggers off
(`SET LOCAL session_replication_role = replica` on PostgreSQL), then run `REBUILD` in the same transaction.
"""

from __future__ import annotations

from typing import Any

_STORY_ADD = """INSERT INTO story_tally (group_id, stage, industry_key, n)
    SELECT coalesce({s}.group_id, 0), {s}.stage, lower({s}.industry), 1 WHERE {s}.status = 'published'
    ON CONFLICT (group_id, stage, industry_key) DO UPDATE SET n = story_tally.n + excluded.n"""
_STORY_SUB = """UPDATE story_tally SET n = n - 1 WHERE {s}.status = 'published'
    AND group_id = coalesce({s}.group_id, 0) AND stage = {s}.stage AND industry_key = lower({s}.industry)"""
_LESSONS_ADD = """INSERT INTO lesson_tally (group_id, category, n)
    SELECT coalesce({s}.group_id, 0), l.category, count(*) FROM lesson AS l
    WHERE l.story_id = {s}.id AND {s}.status = 'published' GROUP BY l.category
    ON CONFLICT (group_id, category) DO UPDATE SET n = lesson_tally.n + excluded.n"""
_LESSONS_SUB = """UPDATE lesson_tally
    SET n = n - (SELECT count(*) FROM lesson AS l WHERE l.story_id = {s}.id AND l.category = lesson_tally.category)
    WHERE {s}.status = 'published' AND group_id = coalesce({s}.group_id, 0)"""
_LESSON_ADD = """INSERT INTO lesson_tally (group_id, category, n)
    SELECT coalesce(s.group_id, 0), {l}.category, 1 FROM story AS s
    WHERE s.id = {l}.story_id AND s.status = 'published'
    ON CONFLICT (group_id, category) DO UPDATE SET n = lesson_tally.n + excluded.n"""
_LESSON_SUB = """UPDATE lesson_tally SET n = n - 1 WHERE category = {l}.category
    AND group_id = (SELECT coalesce(s.group_id, 0) FROM story AS s WHERE s.id = {l}.story_id
        AND s.status = 'published')"""

_STORY_COUNTED = "status, group_id, stage, industry"
_LESSON_COUNTED = "story_id, category"

# (name, when, table, steps) for every trigger, the same on both databases.
_TRIGGERS = [
    ("tally_story_after_insert", "AFTER INSERT", "story", [_STORY_ADD, _LESSONS_ADD], "new"),
    (
        "tally_story_before_update",
        f"BEFORE UPDATE OF {_STORY_COUNTED}",
        "story",
        [_STORY_SUB, _LESSONS_SUB],
        "old",
    ),
    (
        "tally_story_after_update",
        f"AFTER UPDATE OF {_STORY_COUNTED}",
        "story",
        [_STORY_ADD, _LESSONS_ADD],
        "new",
    ),
    ("tally_story_before_delete", "BEFORE DELETE", "story", [_STORY_SUB, _LESSONS_SUB], "old"),
    ("tally_lesson_after_insert", "AFTER INSERT", "lesson", [_LESSON_ADD], "new"),
    ("tally_lesson_before_update", f"BEFORE UPDATE OF {_LESSON_COUNTED}", "lesson", [_LESSON_SUB], "old"),
    ("tally_lesson_after_update", f"AFTER UPDATE OF {_LESSON_COUNTED}", "lesson", [_LESSON_ADD], "new"),
    ("tally_lesson_before_delete", "BEFORE DELETE", "lesson", [_LESSON_SUB], "old"),
]

REBUILD = [
    "DELETE FROM story_tally",
    """INSERT INTO story_tally (group_id, stage, industry_key, n)
        SELECT coalesce(group_id, 0), stage, lower(industry), count(*) FROM story WHERE status = 'published'
        GROUP BY coalesce(group_id, 0), stage, lower(industry)""",
    "DELETE FROM lesson_tally",
    """INSERT INTO lesson_tally (group_id, category, n)
        SELECT coalesce(s.group_id, 0), l.category, count(*) FROM lesson AS l JOIN story AS s ON s.id = l.story_id
        WHERE s.status = 'published' GROUP BY coalesce(s.group_id, 0), l.category""",
]


def _steps(steps: list[str], row: str) -> list[str]:
    return [step.format(s=row, l=row) for step in steps]


def create_statements(dialect: str) -> list[str]:
    """The triggers (the tables are the models'), and the counts of the rows already there."""
    statements = drop_statements(dialect)
    for name, when, table, steps, row in _TRIGGERS:
        body = ";\n    ".join(_steps(steps, row))
        if dialect == "sqlite":
            statements.append(f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW BEGIN\n    {body};\nEND")
            continue
        # A BEFORE trigger's row is what the statement goes on with: the new row of an update, the old of a delete.
        returned = "OLD" if "DELETE" in when else "NEW"
        statements.append(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n    {body};\n    RETURN {returned};\nEND $$"
        )
        statements.append(f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")
    return statements + REBUILD


def drop_statements(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name, *_ in _TRIGGERS]
    return [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, _, table, *_ in _TRIGGERS] + [
        f"DROP FUNCTION IF EXISTS {name}()" for name, *_ in _TRIGGERS
    ]


def rebuild(connection: Any) -> None:
    for statement in REBUILD:
        connection.exec_driver_sql(statement)
