"""The same scrubbing and rules for the texts members write outside stories and replies, which are saved at
once rather than queued: mentor headlines and bios, mentorship messages, group names and descriptions.

Personal data is removed and censored words masked as in any post; a `block` match refuses the text with the
same words a post would get, naming the field. Other rule matches let it through: a crisis or hold rule's
human review belongs to posts, which the queue can hold.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from community.errors import invalid
from community.moderation.keyword_rules import current_rules
from community.moderation.pipeline import moderate


def screen(fields: Mapping[str, str], markdown_fields: Collection[str] = ()) -> tuple[dict, dict]:
    """(texts, html): each field scrubbed and masked, and the Markdown fields rendered; 422 on a block."""
    matcher = current_rules().matcher
    refused = {}
    for name, value in fields.items():
        if value and moderate({name: value}, matcher).action == "block":
            refused[name] = moderate({name: value}, matcher).reason or "This uses language we don't allow."
    if refused:
        raise invalid(**refused)
    decision = moderate(dict(fields), matcher, markdown_fields)
    return decision.texts, decision.html
