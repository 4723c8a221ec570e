"""Removing what could identify an author: email addresses, phone numbers and links to personal profiles.

Stories are full of numbers that must survive (dates, years, salaries, times, versions), so phone numbers are
recognised only in shapes people actually write them in, never as "any long run of digits".
"""

from __future__ import annotations

import re

from community.moderation.folding import fold_characters

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

# Dashes people (and phones' autocorrect) put in numbers: non-breaking and other hyphens, minus, en dash.
# Dashes read as hyphens (a regex substitution: str.translate walks a long non-ASCII text ten times slower).
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d]")

# Handles and contact links on sites that name a person: the site and its user in the URL.
_CONTACT = re.compile(
    r"(?<![\w.@/-])(?:https?://)?(?:www\.)?"
    r"(?:lnkd\.in/[\w-]+|gitlab\.com/[A-Za-z0-9][\w.-]*|medium\.com/@[\w.-]+|[\w-]+\.medium\.com"
    r"|tiktok\.com/@[\w.]+|t\.me/[\w]{3,}|telegram\.me/[\w]{3,}|wa\.me/\+?\d{6,}|calendly\.com/[\w-]+"
    r"|bsky\.app/profile/[\w.:-]+|[\w-]+\.bsky\.social)"
    rf"{_URL_TAIL}",
    re.IGNORECASE,
)
_CONTACT_SITES = (
    "lnkd.in",
    "gitlab.",
    "medium.",
    "tiktok.",
    "t.me/",
    "telegram.me",
    "wa.me",
    "calendly.",
    "bsky.",
)
# A Mastodon handle, @user@instance.host: a profile, not an email address.
_MASTODON = re.compile(r"(?<![\w@.])@\w{1,30}@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?![\w.-]*[\w])")
# An address with "at" and "dot" spelled out or bracketed: "sam (at) example (dot) com", "sam at example dot
# com". A plain " at " needs a spelled-out "dot" too, so "I worked at acme.com" stays as it is.
_AT = r"(?:\s*[(\[{]\s*at\s*[)\]}]\s*|\s+at\s+)"
_DOT = r"(?:\s*[(\[{]\s*dot\s*[)\]}]\s*|\s+dot\s+)"
_SPELLED_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]{{1,64}}(?:\s*[(\[{{]\s*at\s*[)\]}}]\s*[\w-]+(?:(?:{_DOT}|\.)[\w-]+)*(?:{_DOT}|\.)"
    rf"|{_AT}[\w-]+(?:(?:{_DOT}|\.)[\w-]+)*{_DOT})[a-z]{{2,24}}(?![\w-])",
    re.IGNORECASE,
)
_BRACKETED_AT_OR_DOT = re.compile(r"[(\[{]\s*(?:at|dot)\s*[)\]}]")
_SPACED_DOT = re.compile(r"\sdot\s")
# Ten digits with nothing between them, in the North American shape (area code and exchange start 2 to 9).
# (The first digit comes before the look-behind, so the search skips ahead to digits instead of trying the
# look-behind at every character.)
_BARE_PHONE = re.compile(r"[2-9](?<![\w+.,/-][2-9])\d{2}[2-9]\d{6}(?![\w-]|[.,/:]\d)")


def _read_form(text: str) -> tuple[str, list[int] | None]:
    """The text as it reads: fullwidth and other compatibility forms made plain, look-alike letters Latin,
    invisible characters dropped, dashes made hyphens, lower-cased; with each character's original position
    (None when every character kept its place)."""
    folded, index = fold_characters(text)
    return _DASHES.sub("-", folded), index


def scrub(text: str) -> tuple[str, dict[str, int]]:
    """Replace email addresses, phone numbers and personal profile links; count what was removed by kind.

    Found on the text as it reads (`_read_form`), so a fullwidth '＠', a zero-width space or a non-breaking
    hyphen hides nothing, and replaced in the text as written."""
    counts = {"email": 0, "phone": 0, "profile": 0}
    reads, index = _read_form(text)
    found: list[tuple[int, int, str]] = []  # (start, end, kind) in `reads`, none overlapping

    def take(start: int, end: int, kind: str | None) -> None:
        if kind is None or any(start < e and s < end for s, e, _ in found):
            return
        found.append((start, end, kind))

    if "](" in reads:
        for match in _MARKDOWN_LINK.finditer(reads):
            take(*match.span(), _classify_target(match.group(1)))
    if "<" in reads:
        for match in _AUTOLINK.finditer(reads):
            take(*match.span(), _classify_target(match.group(1)))
    if "@" in reads:
        for match in _MASTODON.finditer(reads):
            take(*match.span(), "profile")
        for match in _EMAIL.finditer(reads):
            take(*match.span(), "email")
    # A spelled-out address needs a spelled-out "dot" or a bracketed "at"; ordinary prose has neither.
    if _BRACKETED_AT_OR_DOT.search(reads) or ("dot" in reads and _SPACED_DOT.search(reads)):
        for match in _SPELLED_EMAIL.finditer(reads):
            take(*match.span(), "email")
    if any(site in reads for site in _PROFILE_SITES):
        for match in _PROFILE.finditer(reads):
            take(*match.span(), "profile" if _profile_user(match) else None)
    if any(site in reads for site in _CONTACT_SITES):
        for match in _CONTACT.finditer(reads):
            take(*match.span(), "profile")
    for match in _PHONE.finditer(reads):
        take(*match.span(), "phone" if _is_phone(match.group()) else None)
    for match in _BARE_PHONE.finditer(reads):
        take(*match.span(), "phone")
    if not found:
        return text, counts
    pieces: list[str] = []
    done = 0
    for start, end, kind in sorted(found):
        first, last = (start, end) if index is None else (index[start], index[end - 1] + 1)
        if index is not None and end < len(index):
            # Invisible characters right after it were part of it.
            last = max(last, index[end])
        pieces.append(text[done:first])
        pieces.append(_REPLACEMENTS[kind])
        counts[kind] += 1
        done = last
    pieces.append(text[done:])
    return "".join(pieces), counts
