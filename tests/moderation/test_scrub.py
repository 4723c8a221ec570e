from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community.moderation.scrub import scrub


@pytest.mark.parametrize(
    "email",
    ["jane.doe@example.com", "j+jobs@mail.example.co.uk", "JANE_D@Example.ORG", "mailto:jane@example.com"],
)
def test_email_addresses_are_removed(email):
    text, counts = scrub(f"Write to {email}, any time.")
    assert text == "Write to [email removed], any time."
    assert counts == {"email": 1, "phone": 0, "profile": 0}


@pytest.mark.parametrize(
    "phone",
    [
        "+1 415 555 0132",
        "+1-415-555-0132",
        "+1 (415) 555-0132",
        "+14155550132",
        "(415) 555-0132",
        "(415)555-0132",
        "415-555-0132",
        "415.555.0132",
        "415 555 0132",
        "1-800-555-0199",
        "020 7946 0958",
        "07700 900123",
        "+44 20 7946 0958",
        "0044 20 7946 0958",
        "+49 30 1234567",
        "030 1234567",
        "01 23 45 67 89",
        "+33 1 23 45 67 89",
        "+91 98765 43210",
    ],
)
def test_phone_numbers_are_removed(phone):
    text, counts = scrub(f"Call me on {phone}. Thanks")
    assert text == "Call me on [phone removed]. Thanks"
    assert counts == {"email": 0, "phone": 1, "profile": 0}


@pytest.mark.parametrize(
    "profile",
    [
        "linkedin.com/in/jane-doe",
        "https://www.linkedin.com/in/jane-doe-1234/",
        "uk.linkedin.com/in/janedoe",
        "twitter.com/jane",
        "https://x.com/jane_d",
        "www.facebook.com/jane.doe",
        "https://www.facebook.com/profile.php?id=1000123",
        "instagram.com/jane.doe",
        "github.com/janedoe",
        "https://github.com/janedoe/dotfiles",
        "HTTPS://GitHub.com/JaneDoe",
    ],
)
def test_personal_profile_links_are_removed(profile):
    text, counts = scrub(f"Find me at {profile} if you like.")
    assert text == "Find me at [profile removed] if you like."
    assert counts == {"email": 0, "phone": 0, "profile": 1}


@pytest.mark.parametrize(
    ("markdown", "kind"),
    [
        ("[my LinkedIn](https://linkedin.com/in/jane)", "profile"),
        ('[Jane Doe](https://github.com/janedoe "my code")', "profile"),
        ("![me](https://instagram.com/jane.doe)", "profile"),
        ("[email me](mailto:jane@example.com)", "email"),
        ("[call](tel:+14155550132)", "phone"),
        ("<https://x.com/jane>", "profile"),
        ("<jane@example.com>", "email"),
    ],
)
def test_markdown_links_to_personal_data_are_removed_whole(markdown, kind):
    text, counts = scrub(f"See {markdown} for more.")
    assert f"[{kind} removed]" in text
    assert "](" not in text and "<" not in text
    assert counts[kind] == 1 and sum(counts.values()) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The interview was on 2026-11-21 at 10:30.",
        "They wrote back on 21/11/2026, or 11/21/2026 for Americans.",
        "Nov 21 2026, then 21 Nov 2026, and 2026.11.21 in their portal.",
        "I spent 10 years there, from 2014 to 2024 (2014-2024).",
        "Offer: $120,000 plus 15% bonus; the other was £45k or 120000 USD, €95.000 or ¥1,200,000.",
        "Salary band 90000-120000, about 1 000 000 over ten years.",
        "We used Python 3.11.4, v2.3.1 and Node 20.10.0 on 192.168.1.1.",
        "Round 2 of 5 lasted 45 minutes; 3 of 4 interviewers said yes.",
        "Order #123456789 and ISBN 978-3-16-148410-0 and a 555-1234 extension.",
        "Our team grew +20% to 150 people.",
        "Company links stay: https://github.com/about, github.com/features/actions, "
        "https://www.linkedin.com/company/acme, linkedin.com/jobs/view/123, x.com/home, "
        "https://example.com/careers and https://max.com/jane.",
        "Plain [careers page](https://example.com/careers) links stay too.",
        "An @handle or a 3.5 GPA or 10:30-11:45 slot or 4/5 stars stay.",
    ],
)
def test_ordinary_text_and_numbers_survive(text):
    assert scrub(text) == (text, {"email": 0, "phone": 0, "profile": 0})


def test_counts_add_up_per_kind():
    text, counts = scrub(
        "a@example.com b@example.com 415-555-0132 github.com/jane linkedin.com/in/jane x.com/jane"
    )
    assert counts == {"email": 2, "phone": 1, "profile": 3}
    assert text == (
        "[email removed] [email removed] [phone removed] [profile removed] [profile removed] [profile removed]"
    )


@given(st.text())
def test_scrub_never_raises_and_counts_what_it_says(text):
    scrubbed, counts = scrub(text)
    for kind, count in counts.items():
        assert scrubbed.count(f"[{kind} removed]") >= count
