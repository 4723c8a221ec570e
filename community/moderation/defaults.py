"""The rules a new community starts with; moderators add, change and remove rules from there.

Each entry is (pattern, action, note). Patterns fold like any text, so one entry also catches its disguised
spellings ("sh1t", "ѕhit", "s h i t" excepted).
"""

from __future__ import annotations

_SLUR_NOTE = "Slur: never allowed."
_SPAM_NOTE = "Looks like spam or a scam; a moderator checks it first."
_CRISIS_NOTE = "The author may be at risk; a moderator reaches out quickly."
_PROFANITY_NOTE = "Mild profanity: published with the word masked."
_FLAG_NOTE = "May expose someone; published, and a moderator takes a look."

DEFAULT_RULES: list[tuple[str, str, str]] = [
    *(
        (pattern, "block", _SLUR_NOTE)
        for pattern in (
            "nigger*", "nigga*", "faggot*", "fag", "fags", "kike", "kikes", "spic", "spics", "wetback*",
            "raghead*", "towelhead*", "tranny", "trannies", "retard", "retards", "retarded", "gook", "gooks",
        )
    ),
    *(
        (pattern, "hold", _SPAM_NOTE)
        for pattern in (
            "buy followers", "buy likes", "crypto giveaway", "work from home and earn", "click here to earn",
            "guaranteed job offer", "guaranteed job placement", "dm me for", "whatsapp me", "telegram me",
            "earn * per day", "earn * per week", "make money fast", "pay for a referral",
        )
    ),
    *(
        (pattern, "crisis", _CRISIS_NOTE)
        for pattern in (
            "kill myself", "killing myself", "end my life", "ending my life", "take my own life", "want to die",
            "wanna die", "no reason to live", "better off dead", "suicid*", "self harm", "hurt myself",
            "can't go on", "cannot go on", "don't want to live", "end it all",
            "don't want to be here anymore", "do not want to be here anymore", "wish I was dead",
            "wish I were dead", "killmyself", "kms", "unalive myself", "unalive", "hang myself",
            "hanging myself", "want 2 die", "wanna end it", "keep cutting myself", "started cutting myself",
            "been cutting myself", "overdose on", "not worth living", "take my life", "end my own life",
        )
    ),
    *(
        (pattern, "flag", _FLAG_NOTE)
        for pattern in ("doxx*", "home address", "leaked salary data")
    ),
    *(
        (pattern, "censor", _PROFANITY_NOTE)
        for pattern in (
            "damn", "dammit", "goddamn*", "crap", "crappy", "shit*", "bullshit*", "horseshit", "fuck*",
            "motherfuck*", "asshole*", "bastard*", "bitch*", "piss", "pissed", "wtf",
        )
    ),
]  # fmt: skip
