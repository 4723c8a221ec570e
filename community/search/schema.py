"""The full-text index: database objects the models do not describe, kept in step by the database itself.

Only published stories are indexed, as they are now: triggers on `story` and `lesson` take a story out of the
index before any change to what is indexed (its title, body, lessons, industry or status) and put it back
afterwards if it is still published, in the same statement. An edit, a hold, a takedown or a deletion leaves
the index the moment it is committed, whatever code made it.

- SQLite: FTS5 tables with external content, read from the views `search_story_source` and
  `search_lesson_source` (published stories only), English stemming with the `porter` tokenizer.
- PostgreSQL: `search_story` holds one weighted `tsvector` per published story (title A, lessons and industry
  B, body C) with a GIN index; lessons are matched through a GIN expression index on `lesson`.

The same statements build the index in the migration and, for tests that build the schema with
`create_all`, through the metadata's DDL events (community/search/models.py). Every object's name starts
with `search_`, which is how schema comparisons tell them from the models' tables (`is_search_object`).
"""

from __future__ import annotations

PREFIX = "search_"
TOKENIZER = "porter unicode61 remove_diacritics 2"
STORY_COLUMNS = ("title", "body", "lessons", "industry")

_SQLITE_CREATE = [
    # A story's document joins its lessons, which no table holds as one column: the index keeps its own copy.
    f"""CREATE VIRTUAL TABLE search_story USING fts5(
        title, body, lessons, industry, tokenize='{TOKENIZER}')""",
    # A lesson's text is a column of `lesson`: external content, read from there for snippets.
    f"""CREATE VIRTUAL TABLE search_lesson USING fts5(
        text, content='lesson', content_rowid='id', tokenize='{TOKENIZER}')""",
]

_STORY_OUT = "DELETE FROM search_story WHERE rowid = {story}"
_STORY_IN = """INSERT INTO search_story(rowid, title, body, lessons, industry)
    SELECT s.id, s.title, s.body,
        (SELECT group_concat(l.text, ' ') FROM lesson AS l WHERE l.story_id = s.id), s.industry
    FROM story AS s WHERE s.id = {story} AND s.status = 'published'"""
# An external-content index forgets a row only when told the values it indexed: lessons are taken out as they
# still are, BEFORE a change, and put back AFTER it. Only lessons of published stories are in the index.
_PUBLISHED = "(SELECT status FROM story WHERE id = {story}) = 'published'"
_LESSONS_OUT = """INSERT INTO search_lesson(search_lesson, rowid, text)
    SELECT 'delete', l.id, l.text FROM lesson AS l JOIN story AS s ON s.id = l.story_id
    WHERE l.story_id = {story} AND s.status = 'published'"""
_LESSONS_IN = _LESSONS_OUT.replace("search_lesson, rowid, text)", "rowid, text)").replace("'delete', ", "")
_LESSON_OUT = (
    "INSERT INTO search_lesson(search_lesson, rowid, text) SELECT 'delete', old.id, old.text WHERE "
    + (_PUBLISHED.format(story="old.story_id"))
)
_LESSON_IN = "INSERT INTO search_lesson(rowid, text) SELECT new.id, new.text WHERE " + _PUBLISHED.format(
    story="new.story_id"
)
_STORY_INDEXED = "UPDATE OF title, body, industry, status"
_LESSON_INDEXED = "UPDATE OF story_id, text"


def _trigger(name: str, when: str, table: str, *steps: str) -> str:
    body = ";\n    ".join(steps)
    return f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW BEGIN\n    {body};\nEND"


_SQLITE_TRIGGERS = [
    _trigger(
        "search_story_before_update", f"BEFORE {_STORY_INDEXED}", "story", _LESSONS_OUT.format(story="old.id")
    ),
    _trigger(
        "search_story_after_update",
        f"AFTER {_STORY_INDEXED}",
        "story",
        _STORY_OUT.format(story="old.id"),
        _STORY_IN.format(story="new.id"),
        _LESSONS_IN.format(story="new.id"),
    ),
    _trigger(
        "search_story_after_insert",
        "AFTER INSERT",
        "story",
        _STORY_IN.format(story="new.id"),
        _LESSONS_IN.format(story="new.id"),
    ),
    _trigger(
        "search_story_before_delete",
        "BEFORE DELETE",
        "story",
        _STORY_OUT.format(story="old.id"),
        _LESSONS_OUT.format(story="old.id"),
    ),
    _trigger(
        "search_lesson_after_insert",
        "AFTER INSERT",
        "lesson",
        _STORY_OUT.format(story="new.story_id"),
        _STORY_IN.format(story="new.story_id"),
        _LESSON_IN,
    ),
    _trigger("search_lesson_before_update", f"BEFORE {_LESSON_INDEXED}", "lesson", _LESSON_OUT),
    _trigger(
        "search_lesson_after_update",
        f"AFTER {_LESSON_INDEXED}",
        "lesson",
        _STORY_OUT.format(story="old.story_id"),
        _STORY_IN.format(story="old.story_id"),
        _STORY_OUT.format(story="new.story_id"),
        _STORY_IN.format(story="new.story_id"),
        _LESSON_IN,
    ),
    _trigger("search_lesson_before_delete", "BEFORE DELETE", "lesson", _LESSON_OUT),
    _trigger(
        "search_lesson_after_delete",
        "AFTER DELETE",
        "lesson",
        _STORY_OUT.format(story="old.story_id"),
        _STORY_IN.format(story="old.story_id"),
    ),
]
_SQLITE_TRIGGER_NAMES = [statement.split()[2] for statement in _SQLITE_TRIGGERS]

_SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in _SQLITE_TRIGGER_NAMES),
    "DROP TABLE IF EXISTS search_lesson",
    "DROP TABLE IF EXISTS search_story",
]

# One weighted document per published story; `search_story_refresh` writes it from the rows as they are.
_POSTGRES_CREATE = [
    """CREATE TABLE search_story (
        story_id integer PRIMARY KEY REFERENCES story (id) ON DELETE CASCADE,
        document tsvector NOT NULL)""",
    "CREATE INDEX search_story_document ON search_story USING gin (document)",
    "CREATE INDEX search_lesson_document ON lesson USING gin (to_tsvector('english', text))",
    """CREATE FUNCTION search_story_document(sid integer) RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT setweight(to_tsvector('english', s.title), 'A')
            || setweight(to_tsvector('english', coalesce(
                (SELECT string_agg(l.text, ' ' ORDER BY l.position) FROM lesson AS l WHERE l.story_id = s.id),
                '')), 'B')
            || setweight(to_tsvector('english', s.industry), 'B')
            || setweight(to_tsvector('english', s.body), 'C')
        FROM story AS s WHERE s.id = sid
    $$""",
    """CREATE FUNCTION search_story_refresh(sid integer) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_story WHERE story_id = sid;
        INSERT INTO search_story (story_id, document)
            SELECT s.id, search_story_document(s.id) FROM story AS s WHERE s.id = sid AND s.status = 'published';
    END $$""",
    """CREATE FUNCTION search_story_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_TABLE_NAME = 'story' THEN
            PERFORM search_story_refresh(NEW.id);
        ELSE
            IF TG_OP <> 'INSERT' THEN PERFORM search_story_refresh(OLD.story_id); END IF;
            IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.story_id <> OLD.story_id) THEN
                PERFORM search_story_refresh(NEW.story_id);
            END IF;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_story_on_story AFTER INSERT OR UPDATE OF title, body, industry, status ON story
        FOR EACH ROW EXECUTE FUNCTION search_story_changed()""",
    """CREATE TRIGGER search_story_on_lesson AFTER INSERT OR DELETE OR UPDATE OF story_id, text ON lesson
        FOR EACH ROW EXECUTE FUNCTION search_story_changed()""",
]

_POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS search_story_on_lesson ON lesson",
    "DROP TRIGGER IF EXISTS search_story_on_story ON story",
    "DROP FUNCTION IF EXISTS search_story_changed()",
    "DROP FUNCTION IF EXISTS search_story_refresh(integer)",
    "DROP FUNCTION IF EXISTS search_story_document(integer)",
    "DROP INDEX IF EXISTS search_lesson_document",
    "DROP TABLE IF EXISTS search_story",
]


def create_statements(dialect: str) -> list[str]:
    """What builds the index on an existing schema, and fills it from the stories already published."""
    if dialect == "sqlite":
        return [
            *_SQLITE_DROP,
            *_SQLITE_CREATE,
            *_SQLITE_TRIGGERS,
            _STORY_IN.replace("s.id = {story} AND ", ""),
            _LESSONS_IN.replace("l.story_id = {story} AND ", ""),
        ]
    return [
        *_POSTGRES_DROP,
        *_POSTGRES_CREATE,
        """INSERT INTO search_story (story_id, document)
            SELECT id, search_story_document(id) FROM story WHERE status = 'published'""",
    ]


def drop_statements(dialect: str) -> list[str]:
    return list(_SQLITE_DROP if dialect == "sqlite" else _POSTGRES_DROP)


def is_search_object(name: str | None) -> bool:
    """Whether a table or index found in the database belongs to the search index (FTS5's own tables
    included), which the models do not describe."""
    return bool(name) and name.startswith(PREFIX)
