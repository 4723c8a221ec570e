"""Notifications: what happened to a member's posts, requests and plans, on a page and by count."""
