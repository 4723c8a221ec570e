from __future__ import annotations

from datetime import timedelta

import pytest

from community.extensions import db
from community.models import utcnow
from community.stories.models import CATEGORIES
from tests.factories import make_accounts, make_story


@pytest.fixture
def many_stories(app):
    # Authors who never sign in, confirmed long ago: established members, whose stories count towards
    # showing a company.
    authors = make_accounts(4, email_confirmed_at=utcnow() - timedelta(days=365))
    now = utcnow()
    for n in range(45):
        make_story(
            authors[n % 4],
            f"Story {n}",
            at=now - timedelta(minutes=n),
            body=f"Body {n}",
            stage="technical",
            company=f"Company {n % 5}",
            share_company=True,
            pseudonym="Steady Heron",
            lessons=[(CATEGORIES[(n + i) % len(CATEGORIES)], f"Lesson {i}") for i in range(1 + n % 4)],
        )
    db.session.expunge_all()
