"""A post's status (a story's, a reply's, an edit's), which is also what moderation decides for it, by name.

Pure: no Flask, no database, so that the moderation pipeline and every area can name them.
"""

from __future__ import annotations

STATUSES = ("pending", "published", "held", "rejected", "removed")
PENDING, PUBLISHED, HELD, REJECTED, REMOVED = STATUSES
# What a post its author deleted while a moderator had yet to read it says, in place of the reason.
AUTHOR_DELETED = "Deleted by its author before a moderator read it."
