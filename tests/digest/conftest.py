"""The digest reads a settled past week (`factories.WEEK`): stories and mentors are made in it by default."""

from __future__ import annotations

from functools import partial

import pytest

from tests import factories
from tests.factories import IN_WEEK


@pytest.fixture
def make_story(app):
    """A story as moderation leaves it once published in the week (the digest reads only published rows)."""
    return partial(factories.make_story, at=IN_WEEK)


@pytest.fixture
def make_mentor(app):
    """A mentor who volunteered in the week."""
    return partial(factories.make_mentor, at=IN_WEEK)


@pytest.fixture
def bulk_members(app):
    """Many members at once, without hashing a password for each (they never sign in)."""
    return factories.make_accounts
