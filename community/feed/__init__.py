"""The read path: what anyone may see of stories, replies and lessons, and how fast they see it.

- `rule`: the private-group visibility rule, the one place it is written (`visible_rule`,
  built once per kind of viewer, `visible_to(viewer)`, `can_view_story`).
- `public`: stories, replies and lessons as anyone may see them (never their author), and single reads.
- `lists`: the feed, a group's stories, the lessons library, a story's page and an author's own stories,
  in the contract's list shape, with cursors and kept totals.
- `cache`: the visitors' feed pages in Redis, the per-process page store, and the versions every change
  visitors could see bumps.

Pages and the API call the entry points below.
"""

from community.feed.lists import (
    lessons_per_category,
    list_lessons,
    list_replies,
    list_stories,
    my_stories,
    story_page,
)
from community.feed.public import public_story, readable_story, visible_story

__all__ = [
    "lessons_per_category",
    "list_lessons",
    "list_replies",
    "list_stories",
    "my_stories",
    "public_story",
    "readable_story",
    "story_page",
    "visible_story",
]
