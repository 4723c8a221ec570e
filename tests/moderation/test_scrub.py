from __future__ import annotations

from datetime import date

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


@pytest.mark.parametrize(
    ("disguised", "kind"),
    [
        ("sam＠example.org", "email"),  # fullwidth at sign
        ("ｓａｍ@ｅｘａｍｐｌｅ.ｏｒｇ", "email"),  # fullwidth letters
        ("sa\u200bm@exam\u200bple.org", "email"),  # zero-width spaces
        ("sam (at) example (dot) com", "email"),
        ("sam [at] example [dot] org", "email"),
        ("sam at example dot com", "email"),
        ("sam.lee{at}mail{dot}co{dot}uk", "email"),
        ("sam (at) example.com", "email"),
        ("415\u2011555\u20110132", "phone"),  # non-breaking hyphens
        ("415\u2013555\u20130132", "phone"),  # en dashes
        ("4155550132", "phone"),  # no separators
        ("+44\u00a07700\u00a0900123", "phone"),  # non-breaking spaces
        ("t.me/samlee", "profile"),
        ("https://lnkd.in/dXyZ12", "profile"),
        ("gitlab.com/samlee", "profile"),
        ("medium.com/@samlee", "profile"),
        ("tiktok.com/@sam.lee", "profile"),
        ("wa.me/447700900123", "profile"),
        ("calendly.com/sam-lee", "profile"),
        ("bsky.app/profile/sam.bsky.social", "profile"),
        ("@sam@mastodon.social", "profile"),
    ],
)
def test_disguised_personal_data_is_removed_too(disguised, kind):
    text, counts = scrub(f"Reach me: {disguised} anytime.")
    assert counts[kind] == 1 and sum(counts.values()) == 1, (text, counts)
    assert text == f"Reach me: [{kind} removed] anytime."


@pytest.mark.parametrize(
    "text",
    [
        "I worked at acme.com for three years, and at the start it was great.",
        "We met at noon, dot on time.",
        "The role paid 1200000 over ten years; 2026 was hard; ticket 1234567890.",
    ],
)
def test_the_spelled_out_and_bare_forms_leave_ordinary_sentences_alone(text):
    assert scrub(text) == (text, {"email": 0, "phone": 0, "profile": 0})


_YEARS = st.integers(1950, 2030).map(str)
_DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2035, 12, 31)).map(
    lambda d: st.sampled_from([d.isoformat(), d.strftime("%d/%m/%Y"), d.strftime("%b %d %Y")])
)
_MONEY = st.integers(1000, 999_999).map(
    lambda n: st.sampled_from([f"${n:,}", f"{n} USD", f"£{n // 1000}k", f"€{n:,}"])
)
_COUNTS = st.integers(0, 99_999).map(str)


@given(
    st.lists(st.one_of(_YEARS, _DATES.flatmap(lambda s: s), _MONEY.flatmap(lambda s: s), _COUNTS), max_size=8)
)
def test_years_dates_salaries_and_counts_always_survive(parts):
    text = "In " + ", then ".join(parts) + "."
    assert scrub(text) == (text, {"email": 0, "phone": 0, "profile": 0})


@given(
    st.sampled_from(["+44 7700 900123", "415-555-0132", "(415) 555-0132", "4155550132", "020 7946 0958"]),
    st.sampled_from(["Call ", "My number: ", "", "text me on "]),
    st.sampled_from([" today.", "", " (evenings)", ", thanks"]),
)
def test_phone_numbers_are_caught_in_any_sentence(phone, before, after):
    text, counts = scrub(before + phone + after)
    assert counts["phone"] == 1 and phone not in text
