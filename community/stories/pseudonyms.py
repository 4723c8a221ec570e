"""Pseudonyms drawn per story and per reply, so two posts of one author cannot be linked by name."""

from __future__ import annotations

import secrets

ADJECTIVES = (
    "Steady", "Brave", "Quiet", "Curious", "Patient", "Bright", "Gentle", "Honest", "Hopeful", "Kind",
    "Calm", "Bold", "Candid", "Careful", "Cheerful", "Clever", "Earnest", "Eager", "Fearless", "Resilient",
    "Grounded", "Humble", "Lively", "Loyal", "Mindful", "Nimble", "Open", "Plucky", "Quick", "Radiant",
    "Sincere", "Sturdy", "Thoughtful", "Tireless", "Upbeat", "Warm", "Wise", "Wry", "Spirited", "Sunny",
)  # fmt: skip

ANIMALS = (
    "Heron", "Otter", "Fox", "Badger", "Owl", "Falcon", "Lynx", "Marten", "Wren", "Finch",
    "Hare", "Beaver", "Crane", "Dolphin", "Elk", "Gecko", "Ibis", "Jay", "Koala", "Lark",
    "Magpie", "Newt", "Ocelot", "Panda", "Puffin", "Quail", "Raven", "Robin", "Seal", "Sparrow",
    "Stork", "Swift", "Tapir", "Tern", "Turtle", "Walrus", "Whale", "Wombat", "Yak", "Zebra",
)  # fmt: skip


def draw() -> str:
    """A uniformly random "Adjective Animal". Nothing about the author enters the draw: avoiding an
    author's earlier names would itself tell readers that two posts with one name have two authors."""
    return f"{secrets.choice(ADJECTIVES)} {secrets.choice(ANIMALS)}"
