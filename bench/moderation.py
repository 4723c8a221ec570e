"""Moderation cost per post: its floor (Markdown rendered and bleach run on the HTML), the whole pipeline with
10 rules (the richer crisis rules' engine, scrubbing on folded text), and with 10,000 rules.

Run as `python bench/moderation.py`. Goals: the pipeline ≤ 1.3× its floor, and 10,000 rules ≤ 1.3× the cost
of 10 rules; both printed side by side.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bleach  # noqa: E402

from community.moderation.defaults import DEFAULT_RULES  # noqa: E402
from community.moderation.pipeline import moderate  # noqa: E402
from community.moderation.rules import RuleMatcher, RuleSpec, compile_rules  # noqa: E402
from community.moderation.sanitize import _CLEANER, _MARKDOWN, render_markdown  # noqa: E402
from community.moderation.scrub import scrub  # noqa: E402

STORY_PARAGRAPHS = [
    "## The final round\n\nI had been preparing for **six weeks** for the final round at a mid-sized fintech "
    "company. The role was a senior backend position, paying around $145,000 plus equity, and after 10 years "
    "in the industry I honestly thought I was ready. The recruiter called on 2026-11-03 and said the team "
    "“loved my take-home” — which, in hindsight, should have been a warning sign.",
    "The day itself went like this:\n\n1. A 45-minute system design session (rate limiter, of course)\n"
    "2. Pair programming on a flaky test suite\n3. A “culture” chat with the VP of Engineering\n"
    "4. A surprise fifth round nobody had mentioned",
    "The system design went well. I sketched a token bucket, talked about Redis vs. an in-memory store, and "
    "we spent 20 minutes on what happens during a network partition. The interviewer nodded a lot and said "
    "*“that’s exactly what we do”*. Pair programming was fine too; we fixed two tests and I explained why "
    "the third one was racing against a background thread.",
    "> Sometimes the feedback you get says more about the company than about you.\n\nThat quote from a "
    "friend kept me going when the rejection email arrived nine days later. It was two lines long and said "
    "they had “decided to move forward with candidates whose experience more closely matches our needs”. "
    "No details, no call, nothing about the surprise round.",
    "What I learned, for anyone else going through this:\n\n- Ask for the **full interview plan** in "
    "writing before the day.\n- If a round appears out of nowhere, it's fine to ask what it is for.\n"
    "- Write down your own notes within an hour; memory fades fast.\n- Don't let one process define how "
    "you see your 10 years of work.",
    "I did eventually ask for feedback. The recruiter was kind about it and said the panel was split: two "
    "strong yes, one no, and the hiring manager wanted someone who had “already scaled a payments team "
    "past 50 engineers”. That requirement was not in the job description, which you can still read on "
    "their [careers page](https://example.com/careers/backend-senior).",
    "It stung for about a week. Then I started applying again, went through three more processes in "
    "December, and got an offer in January at a company that publishes its interview loop up front. "
    "The salary was a bit lower (£98k vs. the $145k I'd hoped for, after moving) but the team is great.",
    "If you're reading this after your own rejection: it's not a verdict on you. Take the weekend, talk to "
    "someone, and then write down three things you did well. I keep mine in a note called `wins.md` and "
    "re-read it before every interview now. Version 2.3 of that note is much longer than version 1.0 was.",
]

# Syllables that rarely form English words, so generated rules behave like a moderator's list of slurs,
# spam terms and names rather than accidentally matching ordinary words in the story.
SYLLABLES = [
    "zor", "vex", "kra", "thu", "gny", "plo", "qui", "bez", "dra", "myr", "xan", "jov", "wuz", "fyl", "oth",
    "ska", "vri", "nox", "gal", "tep", "yor", "zim", "kul", "brá", "dev", "ixo", "mok", "pha", "rûn", "sel",
]  # fmt: skip


def build_story(size: int = 4096) -> str:
    paragraphs: list[str] = []
    while sum(len(p) + 2 for p in paragraphs) < size:
        paragraphs.append(STORY_PARAGRAPHS[len(paragraphs) % len(STORY_PARAGRAPHS)])
    return "\n\n".join(paragraphs)[:size]


def random_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def random_pattern(rng: random.Random) -> str:
    """A mix like a moderator's list: mostly words, some phrases, some wildcards."""
    kind = rng.random()
    if kind < 0.65:
        return random_word(rng)
    if kind < 0.85:
        return " ".join(random_word(rng) for _ in range(rng.randint(2, 3)))
    # Moderators write wildcards around a distinctive stem, not around two letters.
    word = random_word(rng) + rng.choice(SYLLABLES)
    if kind < 0.95:
        return word[: rng.randint(4, len(word) - 1)] + "*"
    if kind < 0.98:
        cut = rng.randint(2, len(word) - 2)
        return word[:cut] + "*" + word[cut:]
    return "*" + word[rng.randint(1, len(word) - 4) :]


def build_rules(count: int, seed: int = 7) -> list[RuleSpec]:
    rng = random.Random(seed)
    actions = ["block", "crisis", "hold", "flag", "censor"]
    rules = [
        RuleSpec(i, pattern, action) for i, (pattern, action, _) in enumerate(DEFAULT_RULES[:count], start=1)
    ]
    while len(rules) < count:
        rules.append(RuleSpec(len(rules) + 1, random_pattern(rng), rng.choice(actions)))
    return rules


def per_call(
    funcs: dict[str, Callable[[], object]], rounds: int = 50, round_seconds: float = 0.02
) -> dict[str, float]:
    """Best per-call time of each function, measured in interleaved rounds so that load from other processes
    on the machine hits every contender alike; the minimum is the figure least disturbed by it."""
    numbers = {}
    for name, func in funcs.items():
        func()
        number = 1
        while True:
            start = time.perf_counter()
            for _ in range(number):
                func()
            if time.perf_counter() - start >= round_seconds:
                break
            number *= 2
        numbers[name] = number
    best = dict.fromkeys(funcs, float("inf"))
    for _ in range(rounds):
        for name, func in funcs.items():
            number = numbers[name]
            start = time.perf_counter()
            for _ in range(number):
                func()
            best[name] = min(best[name], (time.perf_counter() - start) / number)
    return best


def main() -> None:
    story = build_story()
    few = compile_rules(build_rules(10))
    many = compile_rules(build_rules(10_000))
    fields = {"title": "A surprise fifth round at a fintech", "body": story}

    def with_few_rules() -> object:
        return moderate(fields, few, markdown_fields={"body"})

    def with_many_rules() -> object:
        return moderate(fields, many, markdown_fields={"body"})

    def cold_find(matcher: RuleMatcher) -> object:
        # As for a post whose every word the matcher has not seen before.
        matcher.forget_words()
        return matcher.find(story)

    few_decision, many_decision = with_few_rules(), with_many_rules()
    rendered = _MARKDOWN.render(story)

    timings = per_call(
        {
            "a": lambda: bleach.clean(story),
            "b": with_few_rules,
            "c": with_many_rules,
            "render": lambda: render_markdown(story),
            "markdown": lambda: _MARKDOWN.render(story),
            "bleach html": lambda: _CLEANER.clean(rendered),
            "scrub": lambda: scrub(story),
            "rules 10": lambda: few.find(story),
            "rules 10,000": lambda: many.find(story),
            "rules 10 cold": lambda: cold_find(few),
            "rules 10,000 cold": lambda: cold_find(many),
        }
    )
    bleach_alone, pipeline_few, pipeline_many = timings["a"], timings["b"], timings["c"]
    overhead = pipeline_few / bleach_alone
    scaling = pipeline_many / pipeline_few

    print(f"story: {len(story)} characters; rules compiled: {len(few)} and {len(many)}")
    for label, decision in (("10 rules", few_decision), ("10,000 rules", many_decision)):
        print(f"  with {label}: {decision.outcome}, matched {list(decision.matched_words)}")
    print(f"(a) bleach.clean alone:              {bleach_alone * 1e3:8.3f} ms")
    print(f"(b) moderate() with 10 rules:        {pipeline_few * 1e3:8.3f} ms")
    print(f"(c) moderate() with 10,000 rules:    {pipeline_many * 1e3:8.3f} ms")
    print("where (b) goes, each part alone on the story:")
    labels = {
        "render": "render_markdown (markdown-it + bleach)",
        "markdown": "  markdown-it alone",
        "bleach html": "  bleach alone, on the rendered HTML",
        "scrub": "scrub",
        "rules 10": "rule scan, 10 rules",
        "rules 10,000": "rule scan, 10,000 rules",
        "rules 10 cold": "rule scan, 10 rules, words unseen",
        "rules 10,000 cold": "rule scan, 10,000 rules, words unseen",
    }
    for part, label in labels.items():
        print(f"    {label:40s} {timings[part] * 1e3:8.3f} ms")
    print(
        f"    rule scan 10,000/10: {timings['rules 10,000'] / timings['rules 10']:.2f} (words seen before), "
        f"{timings['rules 10,000 cold'] / timings['rules 10 cold']:.2f} (words unseen)"
    )
    floor = pipeline_few / timings["render"]
    print(f"b/floor = {floor:.2f} (goal <= 1.3): {'met' if floor <= 1.3 else 'NOT met'}")
    print(f"    b/a = {overhead:.2f} (bleach.clean on the typed story alone, for comparison)")
    # bleach's cost grows with the markup it parses, and the rendered story has a tag for every paragraph,
    # list item, emphasis and link that the typed story only implies.
    print(
        f"    bleach on the rendered HTML / bleach.clean on the typed story = "
        f"{timings['bleach html'] / bleach_alone:.2f}; b / bleach on the rendered HTML = "
        f"{pipeline_few / timings['bleach html']:.2f}"
    )
    print(f"c/b = {scaling:.2f} (goal <= 1.3): {'met' if scaling <= 1.3 else 'NOT met'}")


if __name__ == "__main__":
    main()
