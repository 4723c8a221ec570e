"""Every rate limit, named once: the pages and the API apply the same figures (and, for posting, share one
budget per member)."""

from __future__ import annotations

from community.extensions import limiter, rate_limit_key

# Posting: one budget per member across the API and the pages, for stories, for replies and for edits each.
POSTING = "30/hour"
story_limit = limiter.shared_limit(POSTING, scope="post-story", key_func=rate_limit_key, methods=["POST"])
reply_limit = limiter.shared_limit(POSTING, scope="post-reply", key_func=rate_limit_key, methods=["POST"])
edit_limit = limiter.shared_limit(
    POSTING, scope="edit-post", key_func=rate_limit_key, methods=["PATCH", "POST"]
)

# Signing in: a burst from one address, then failed attempts per address and per account.
SIGN_IN_BURST = "10/minute"
FAILED_SIGN_INS_PER_ADDRESS = "30/hour"
FAILED_SIGN_INS_PER_ACCOUNT = "20/hour"
# New accounts from one address, and mails (confirmation, password reset, email change) per address.
REGISTRATIONS = "30/hour"
MAILS_PER_ADDRESS = "5/hour"
