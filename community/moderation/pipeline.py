"""One moderation decision for a post: scrub personal data, apply keyword rules, render Markdown.

Pure: text and compiled rules in, a `Decision` out, so the worker, the tests and the benchmark all run exactly
the same code.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from community.moderation.rules import Match, RuleMatcher, mask
from community.moderation.sanitize import render_markdown
from community.moderation.scrub import scrub
from community.statuses import PUBLISHED

SEVERITY = {"block": 5, "crisis": 4, "hold": 3, "flag": 2, "censor": 1, "allow": 0}
_OUTCOMES = {"block": "rejected", "crisis": "held", "hold": "held"}

# Masked words are rendered from a private-use placeholder rather than '*', which Markdown would read as
# emphasis; the placeholder becomes '*' once the HTML is built.
_MASK_PLACEHOLDER = "\ue000"

_CRISIS_MESSAGE = (
    "It sounds like you may be going through something really painful, and you don't have to carry it alone. "
    "A moderator will read your post soon. If you are in danger or thinking about ending your life, please "
    "reach out now to someone you trust or to a crisis line where you live."
)
_HOLD_MESSAGE = "Your post is waiting for a moderator and will appear once someone has looked at it."
_CENSOR_MESSAGE = "We masked a few words that our community guidelines don't allow."
_REMOVED_NAMES = {
    "email": ("email address", "email addresses"),
    "phone": ("phone number", "phone numbers"),
    "profile": ("profile link", "profile links"),
}


@dataclass(frozen=True)
class Decision:
    outcome: str  # "published" | "held" | "rejected"
    action: str | None  # the most severe matched action, or None when nothing matched
    urgent: bool  # True for crisis
    texts: dict[str, str]  # per field: scrubbed and, for censor matches, masked plain text
    html: dict[str, str]  # per Markdown field: the rendered, sanitized scrubbed and masked text
    matched_rule_ids: tuple[int, ...]
    matched_words: tuple[str, ...]
    removed: dict[str, int]  # scrub counts summed over fields
    reason: str | None  # a short message for the author; None when published without notes


def _quote_words(words: list[str]) -> str:
    return ", ".join(f"'{word}'" for word in words)


def _removed_sentence(removed: Mapping[str, int]) -> str | None:
    parts = [f"{count} {_REMOVED_NAMES[kind][count != 1]}" for kind, count in removed.items() if count]
    if not parts:
        return None
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"We removed {listed} to keep you anonymous."


def _reason(action: str | None, matches: list[Match], removed: Mapping[str, int]) -> str | None:
    sentences = []
    if action == "block":
        blocked = list(dict.fromkeys(m.text for m in matches if m.action == "block"))
        sentences.append(f"Your post uses language we don't allow: {_quote_words(blocked)}.")
    elif action == "crisis":
        sentences.append(_CRISIS_MESSAGE)
    elif action == "hold":
        sentences.append(_HOLD_MESSAGE)
    if action != "block" and any(m.action == "censor" for m in matches):
        sentences.append(_CENSOR_MESSAGE)
    removed_sentence = _removed_sentence(removed)
    if removed_sentence:
        sentences.append(removed_sentence)
    return " ".join(sentences) or None


def without_allowed(matches: list[Match]) -> list[Match]:
    """The matches no `allow` match overlaps: a figure of speech ("die of embarrassment") is not a rule's
    match, and the allow matches themselves are not decisions."""
    allowed = [m for m in matches if m.action == "allow"]
    if not allowed:
        return matches
    return [
        m
        for m in matches
        if m.action != "allow" and not any(a.start < m.end and m.start < a.end for a in allowed)
    ]


def moderate(
    fields: Mapping[str, str], matcher: RuleMatcher, markdown_fields: Collection[str] = ()
) -> Decision:
    """Decide what happens to a post made of named text fields; `markdown_fields` are also rendered."""
    removed = {"email": 0, "phone": 0, "profile": 0}
    texts: dict[str, str] = {}
    html: dict[str, str] = {}
    all_matches: list[Match] = []
    for name, value in fields.items():
        scrubbed, counts = scrub(value)
        for kind, count in counts.items():
            removed[kind] += count
        matches = without_allowed(matcher.find(scrubbed))
        all_matches.extend(matches)
        texts[name] = mask(scrubbed, matches)
        if name in markdown_fields:
            rendered = render_markdown(mask(scrubbed, matches, _MASK_PLACEHOLDER))
            html[name] = rendered.replace(_MASK_PLACEHOLDER, "*")

    action = max((m.action for m in all_matches), key=SEVERITY.__getitem__, default=None)
    if any(m.action == "crisis" for m in all_matches):
        # Someone who may be at risk is held for a person to read, never rejected by a rule, whatever
        # else their post says.
        action = "crisis"
    return Decision(
        outcome=_OUTCOMES.get(action or "", PUBLISHED),
        action=action,
        urgent=action == "crisis",
        texts=texts,
        html=html,
        matched_rule_ids=tuple(sorted({m.rule_id for m in all_matches})),
        matched_words=tuple(dict.fromkeys(m.text for m in all_matches)),
        removed=removed,
        reason=_reason(action, all_matches, removed),
    )
