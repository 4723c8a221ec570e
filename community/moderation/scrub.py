"""Removing what could identify an author: email addresses, phone numbers and links to personal profiles.

Stories are full of numbers that must survive (dates, years, salaries, times, versions), so phone numbers are
recognised only in shapes people actually write them in, never as "any long run of digits".
"""

from __future__ import annotations

import re

EMAIL_REMOVED = "[email removed]"
PHONE_REMOVED = "[phone removed]"
PROFILE_REMOVED = "[profile removed]"

_EMAIL = re.compile(
    r"(?<![\w.%+-])(?:mailto:)?[\w.%+-]{1,64}@[^\W_](?:[\w-]{0,62}[^\W_])?(?:\.[^\W_](?:[\w-]{0,62}[^\W_])?)*"
    r"\.[^\W\d_]{2,24}(?![\w-])",
)

# The site pages that share a URL shape with profiles but name no person.
_RESERVED = {
    "github": {
        "about", "account", "apps", "blog", "collections", "contact", "customer-stories", "enterprise", "events",
        "explore", "features", "join", "login", "logout", "marketplace", "new", "notifications", "orgs",
        "organizations", "pricing", "pulls", "issues", "readme", "search", "security", "settings", "site",
        "sponsors", "team", "topics", "trending", "codespaces", "copilot", "solutions", "resources", "partners",
        "mobile", "home", "dashboard", "signup", "careers", "mcp", "premium-support",
    },
    "twitter": {
        "home", "explore", "search", "i", "settings", "login", "logout", "signup", "tos", "privacy", "hashtag",
        "intent", "share", "notifications", "messages", "compose", "jobs", "about",
    },
    "facebook": {
        "groups", "pages", "events", "watch", "marketplace", "help", "login", "policies", "privacy", "business",
        "gaming", "about", "careers", "hashtag", "share", "sharer", "sharer.php", "legal", "settings", "jobs",
    },
    "instagram": {
        "explore", "accounts", "about", "p", "reel", "reels", "tv", "direct", "developer", "legal", "privacy",
        "help",
    },
    "linkedin": set(),
}  # fmt: skip

_URL_TAIL = r"(?:[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"])?"
_PROFILE = re.compile(
    r"(?<![\w.@/-])(?:https?://)?(?:(?:www|m|mobile|[a-z]{2})\.)?"
    r"(?:(?P<linkedin>linkedin\.com/(?:in|pub)/)(?P<linkedin_user>[\w%-]+)"
    r"|(?P<twitter>(?:twitter|x)\.com/)(?P<twitter_user>\w{1,15})(?!\w)"
    r"|(?P<facebook>(?:facebook|fb)\.com/)(?P<facebook_user>[\w.%-]+)"
    r"|(?P<instagram>instagram\.com/)(?P<instagram_user>[\w.]+)"
    r"|(?P<github>github\.com/)(?P<github_user>[A-Za-z0-9][A-Za-z0-9-]{0,38}))"
    rf"{_URL_TAIL}",
    re.IGNORECASE,
)

# Phone numbers in the shapes people write them: with a "+" or "00" country code, the North American
# 3-3-4 grouping, or a national number starting with its trunk "0". The separators of a date ("/"), a time
# (":") or a thousands group (",") never take part. The leading lookahead is only there for speed.
_PHONE = re.compile(
    r"(?=[+(\d])(?<![\w+.,/-])(?:"
    r"(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(\d{1,4}\)|[ .-]?\d{1,8}+){1,6}+"
    r"|(?:1[ .-]?)?\(\d{3}\)[ .-]?\d{3}[ .-]?\d{4}"
    r"|(?:1[ .-])?\d{3}([ .-])\d{3}\1\d{4}"
    r"|0\d([ .-])\d{2}(?:\2\d{2}){3}"
    r"|0\d{2,4}[ -]?\d{3,4}(?:[ -]?\d{3,4})?"
    r")(?![\w-]|[.,/:]\d)"
)
_MIN_INTERNATIONAL_DIGITS = 8
_MAX_INTERNATIONAL_DIGITS = 15
_NATIONAL_DIGITS = range(10, 12)

# A whole Markdown link or autolink is replaced when its target identifies someone, so no dangling half-link is
# left behind. Both patterns start with a literal character, which lets the regex engine skip ahead quickly.
_MARKDOWN_LINK = re.compile(
    r"\[[^\[\]\n]{0,500}\]\(\s*<?([^\s()<>]{1,2048})>?(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
)
_AUTOLINK = re.compile(r"<([^\s<>]{1,2048})>")
_PROFILE_SITES = (
    "linkedin.com/",
    "twitter.com/",
    "x.com/",
    "facebook.com/",
    "fb.com/",
    "instagram.com/",
    "github.com/",
)


def _profile_user(match: re.Match[str]) -> bool:
    """Whether a profile-shaped URL names a person rather than one of the site's own pages."""
    for site, names in _RESERVED.items():
        if match.group(site):
            user = match.group(f"{site}_user").lower()
            return user not in names
    return False


def _is_phone(candidate: str) -> bool:
    digits = sum(char.isdigit() for char in candidate)
    if candidate.startswith(("+", "00")):
        return _MIN_INTERNATIONAL_DIGITS <= digits <= _MAX_INTERNATIONAL_DIGITS
    if candidate.startswith("0"):
        return digits in _NATIONAL_DIGITS
    return True


def _classify_target(target: str) -> str | None:
    """Which kind of personal data a link target is, if any."""
    lowered = target.lower()
    if lowered.startswith("tel:"):
        return "phone"
    if _EMAIL.fullmatch(target):
        return "email"
    profile = _PROFILE.fullmatch(target)
    if profile and _profile_user(profile):
        return "profile"
    return None


_REPLACEMENTS = {"email": EMAIL_REMOVED, "phone": PHONE_REMOVED, "profile": PROFILE_REMOVED}


def scrub(text: str) -> tuple[str, dict[str, int]]:
    """Replace email addresses, phone numbers and personal profile links; count what was removed by kind."""
    counts = {"email": 0, "phone": 0, "profile": 0}

    def replace_link(match: re.Match[str]) -> str:
        kind = _classify_target(match.group(1))
        if kind is None:
            return match.group()
        counts[kind] += 1
        return _REPLACEMENTS[kind]

    def replace_email(match: re.Match[str]) -> str:
        counts["email"] += 1
        return EMAIL_REMOVED

    def replace_profile(match: re.Match[str]) -> str:
        if not _profile_user(match):
            return match.group()
        counts["profile"] += 1
        return PROFILE_REMOVED

    def replace_phone(match: re.Match[str]) -> str:
        if not _is_phone(match.group()):
            return match.group()
        counts["phone"] += 1
        return PHONE_REMOVED

    if "](" in text:
        text = _MARKDOWN_LINK.sub(replace_link, text)
    if "<" in text:
        text = _AUTOLINK.sub(replace_link, text)
    if "@" in text:
        text = _EMAIL.sub(replace_email, text)
    lowered = text.lower()
    if any(site in lowered for site in _PROFILE_SITES):
        text = _PROFILE.sub(replace_profile, text)
    text = _PHONE.sub(replace_phone, text)
    return text, counts
