"""The app as `bench/feed.py` serves it to measure the notification badge: the same app without the badge's
context processor, so the signed-in home page is measured with and without the unread count side by side."""

from __future__ import annotations

from community import create_app
from community.notifications.views import unread_badge


def without_badge():
    app = create_app()
    app.template_context_processors[None].remove(unread_badge)
    return app
