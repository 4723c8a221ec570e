"""The visitors' feed cache.

Visitors who are not signed in all see the same feed pages, so those are kept in Redis and served without
touching the database until something they show may have changed. Every commit that changes what a visitor
can see bumps one of two version numbers each entry is checked against:

- a *soft* change only adds to what visitors see or changes a count: a story published (whatever it was
  before, a visitor could not see it), a reaction, a reply count;
- a *hard* change takes something away or alters it: a published story deleted, held, removed or edited,
  a lesson of a published story changed, a group made private or deleted, an account deleted.

An entry built before a hard change is never served again. One built before soft changes only is served
while another request rebuilds that page (one rebuild at a time, under a short Redis lock), since the
rebuilt page would differ only by what was just added. Pages are rebuilt in blocks of five, with one query
each for the stories, their lessons and their companies: under a busy stream of new stories, the first
pages are rebuilt once per change instead of by every request that arrives meanwhile.

When the site is busy, that is when a request finds a rebuild of its block under way, the block's pages
missing only soft changes are served as they are for the next second (`FEED_BUSY_LAG`) without a rebuild:
on a busy day new stories and counts reach visitors' pages within about a second, and the pages are rebuilt
about once a second rather than once per new story. Anything taken away still leaves at once. When
requests come one at a time, as they do on a quiet day, every change shows on the very next page.

Which writes count is said by the models themselves: a model whose rows visitors' pages show inherits
`community.models.ShownToVisitors` and says how a change of one of its rows shows (`visitor_change`); today
stories, lessons, groups and accounts. Writes no visitor can see (a post waiting for moderation,
memberships, tokens, preferences) leave the cache alone: under load they are most writes. With Redis down,
pages are simply built every time.

A bulk statement names no rows, so one that writes such a table counts as a hard change unless it
says otherwise with the execution option `feed_change`: `"soft"` (a counter bump, a pending post's
decision) or `"unseen"` (a new post, pending until moderated).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import secrets
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app, has_app_context
from redis.exceptions import RedisError
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from community import kept, queue
from community.models import HARD, SOFT, UNSEEN, ShownToVisitors

log = logging.getLogger(__name__)

CACHE_SECONDS = 60
CACHE_PAGES = 10
PAGE_SIZE = 20
# Pages built together when one of them must be rebuilt: visitors who open the first page open the next few.
BLOCK_PAGES = 5
# How long one request may hold a page's rebuild before another takes over (a rebuild takes milliseconds).
REBUILD_LOCK_MS = 2000

_VERSION_KEYS = {SOFT: "rebound:feed:version", HARD: "rebound:feed:hard-version"}
_ENTRY_PREFIX = "rebound:feed:page:"
_REBUILD_PREFIX = "rebound:feed:rebuild:"
_BUSY_PREFIX = "rebound:feed:busy:"
_CHANGED = "rebound_feed_changed"


# --- pages kept in this process ----------------------------------------------------------------------------
# Each process keeps the pages it last read or built, by entry, with the entry's bytes: the same entry gives
# back the same page object, so its JSON is parsed once per change instead of once per request, and what a
# view makes of a page (the home page's cards, the API's model of it) is kept with it (`derived`).
PAGES_KEPT = 32
_T = TypeVar("_T")


class CachedPage(dict):
    """A feed page as the cache serves it; `kept` holds what was derived from it."""

    __slots__ = ("kept",)

    def __init__(self, page: dict) -> None:
        super().__init__(page)
        self.kept: dict[Hashable, Any] = {}


_pages: dict[str, tuple[bytes, CachedPage]] = {}
kept.forgets(_pages.clear)


def _page(key: str, body: bytes, page: dict | None = None) -> CachedPage:
    """The page stored as `body` under `key`: the one kept if it is the same, else `page` (or `body` parsed),
    kept from now on."""
    kept = _pages.get(key)
    if kept is not None and kept[0] == body:
        return kept[1]
    if key not in _pages and len(_pages) >= PAGES_KEPT:
        del _pages[next(iter(_pages))]  # the longest kept
    cached = CachedPage(json.loads(body) if page is None else page)
    _pages[key] = (body, cached)
    return cached


def derived(page: dict, name: Hashable, make: Callable[[], _T]) -> _T:
    """`make()`, made once for a page the cache served and kept with it; made every time for any other page.
    What `make` returns must depend on nothing but the page and `name`."""
    kept = getattr(page, "kept", None)
    if kept is None:
        return make()
    if name not in kept:
        kept[name] = make()
    return kept[name]


def cacheable(page: int, per_page: int, filters: dict[str, Any]) -> bool:
    """The pages visitors commonly open: the first few, of the usual size, filtered by a choice from a list.
    Free text and arbitrary ids stay out, so no one can fill Redis with entries of their own making."""
    return page <= CACHE_PAGES and per_page == PAGE_SIZE and set(filters) <= {"stage", "category"}


def entry_key(filters: dict[str, Any], page: int) -> str:
    return _ENTRY_PREFIX + json.dumps({"page": page, "per_page": PAGE_SIZE, **filters}, sort_keys=True)


def _block_name(filters: dict[str, Any], page: int) -> str:
    return json.dumps({"block": (page - 1) // BLOCK_PAGES, **filters}, sort_keys=True)


def rebuild_lock_key(filters: dict[str, Any], page: int) -> str:
    """Held by the one request rebuilding the block of pages this page belongs to."""
    return _REBUILD_PREFIX + _block_name(filters, page)


def busy_key(filters: dict[str, Any], page: int) -> str:
    """Present for `FEED_BUSY_LAG` seconds after a request found the block's rebuild under way."""
    return _BUSY_PREFIX + _block_name(filters, page)


def cached_public_page(
    filters: dict[str, Any], page: int, build_pages: Callable[[int, int], list[dict]]
) -> dict:
    """The visitors' page, from the cache when it is current (see the module's notes). Otherwise the block
    of pages it belongs to is built together by `build_pages(first page, number of pages)` and stored for
    the next visitors: after a change, one request rebuilds what the next few pages would each rebuild."""
    key = entry_key(filters, page)
    try:
        redis = queue.redis_connection()
        soft, hard, stored_entry, busy = redis.mget(
            _VERSION_KEYS[SOFT], _VERSION_KEYS[HARD], key, busy_key(filters, page)
        )
    except RedisError:
        return build_pages(page, 1)[0]
    # Read before the pages are built: a change committed meanwhile bumps past these versions, so an entry
    # stored here is never taken for a newer one.
    version = b"%s:%s" % (soft or b"0", hard or b"0")
    stale = None
    if stored_entry is not None:
        stored, _, body = stored_entry.partition(b"\n")
        if stored == version:
            return _page(key, body)
        if stored.partition(b":")[2] == (hard or b"0"):
            stale = body
    if stale is not None and busy is not None:
        # A busy moment: what was added since this page was built shows within the second.
        return _page(key, stale)
    lock_key = rebuild_lock_key(filters, page)
    try:
        rebuilding = bool(redis.set(lock_key, b"1", nx=True, px=REBUILD_LOCK_MS))
        if not rebuilding:
            # Requests meet over this block: let its pages lag a little rather than be rebuilt so often.
            lag_ms = int(current_app.config["FEED_BUSY_LAG"] * 1000)
            if lag_ms > 0:
                redis.set(busy_key(filters, page), b"1", px=lag_ms)
    except RedisError:
        return build_pages(page, 1)[0]
    if not rebuilding and stale is not None:
        # Another request is rebuilding this page; what it will add, this visitor sees on the next one.
        return _page(key, stale)
    # The lock holder builds the whole block; a request that finds it taken (and no page it may serve)
    # builds only its own page.
    first, count = (page - (page - 1) % BLOCK_PAGES, BLOCK_PAGES) if rebuilding else (page, 1)
    try:
        built = [
            (entry_key(filters, number), json.dumps(built_page).encode(), built_page)
            for number, built_page in enumerate(build_pages(first, count), start=first)
        ]
        pages = [_page(entry, body, built_page) for entry, body, built_page in built]
        with contextlib.suppress(RedisError), redis.pipeline(transaction=False) as pipe:
            for entry, body, _ in built:
                pipe.set(entry, version + b"\n" + body, ex=CACHE_SECONDS)
            pipe.execute()
    finally:
        if rebuilding:
            with contextlib.suppress(RedisError):
                redis.delete(lock_key)
    return pages[page - first]


_EPOCH_KEY = "rebound:feed:epoch"


def current_version() -> bytes | None:
    """What a process may key data made from what visitors see by (the digests' public week): the two
    versions, and a token drawn anew whenever Redis lost its keys (a flush, a restart without a save), so
    versions counted again from zero never match data kept from before. None when Redis is unreachable."""
    try:
        redis = queue.redis_connection()
        soft, hard, epoch = redis.mget(_VERSION_KEYS[SOFT], _VERSION_KEYS[HARD], _EPOCH_KEY)
        if epoch is None:
            redis.set(_EPOCH_KEY, secrets.token_hex(8).encode(), nx=True)
            epoch = redis.get(_EPOCH_KEY)
    except RedisError:
        return None
    return b"%s:%s:%s" % (epoch or b"-", soft or b"0", hard or b"0")


# Numbers made from what visitors see (a feed's total, the lessons per category), kept in this process under
# the versions they were counted at: `recall` gives back the number and a ticket, `keep` stores one under it.
NUMBERS_KEPT = 4096
_numbers: dict[tuple[bytes, Hashable], Any] = {}
kept.forgets(_numbers.clear)


def recall(key: Hashable) -> tuple[Any, tuple[bytes, Hashable] | None]:
    """The number kept under `key` at the current versions (None if none), and the ticket to `keep` one
    under; no ticket when Redis is unreachable (nothing is kept then)."""
    version = current_version()
    if version is None:
        return None, None
    ticket = (version, key)
    return _numbers.get(ticket), ticket


def keep(ticket: tuple[bytes, Hashable] | None, value: Any) -> None:
    if ticket is None:
        return
    if len(_numbers) >= NUMBERS_KEPT:
        _numbers.clear()
    _numbers[ticket] = value


def forget_cached_feed() -> None:
    """Have every visitor's feed page built afresh (after changing data behind the app's back)."""
    with contextlib.suppress(RedisError):
        queue.redis_connection().incr(_VERSION_KEYS[HARD])


# --- what a commit changed for visitors -----------------------------------------------------------------


def _note(session: Session, change: str | None) -> None:
    if change is not None and session.info.get(_CHANGED) != HARD:
        session.info[_CHANGED] = change


@event.listens_for(Session, "before_flush")
def _watch_flush(session: Session, flush_context: Any, instances: Any) -> None:
    if session.info.get(_CHANGED) == HARD:
        return
    changed = itertools.chain(
        ((obj, False) for obj in itertools.chain(session.new, session.dirty)),
        ((obj, True) for obj in session.deleted),
    )
    for obj, deleted in changed:
        if isinstance(obj, ShownToVisitors):
            _note(session, obj.visitor_change(session, deleted))
        if session.info.get(_CHANGED) == HARD:
            return


@event.listens_for(Session, "do_orm_execute")
def _watch_statements(state: ORMExecuteState) -> None:
    if state.is_select:
        return
    change = state.execution_options.get("feed_change", HARD)
    name = getattr(getattr(state.statement, "table", None), "name", None)
    watched = ShownToVisitors.watched_tables.get(name, ())
    statement = "insert" if state.is_insert else "delete" if state.is_delete else "update"
    if change != UNSEEN and statement in watched:
        _note(state.session, SOFT if change == SOFT else HARD)


@event.listens_for(Session, "after_commit")
def _bump_version(session: Session) -> None:
    change = session.info.pop(_CHANGED, None)
    if change is not None and has_app_context():
        try:
            queue.redis_connection().incr(_VERSION_KEYS[change])
        except RedisError as exc:
            log.warning("could not mark the visitors' feed as changed: %s", exc)


@event.listens_for(Session, "after_rollback")
def _forget_changes(session: Session) -> None:
    session.info.pop(_CHANGED, None)
