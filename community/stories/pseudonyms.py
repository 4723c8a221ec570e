"""Pseudonyms drawn per story and per reply, so two posts of one author cannot be linked by name."""

from __future__ import annotations

import secrets
from collections.abc import Collection

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


def draw(avoid: Collection[str] = ()) -> str:
    """A random "Adjective Animal", avoiding the given names when one is free (an author's earlier ones)."""
    name = ""
    for _ in range(20):
        name = f"{secrets.choice(ADJECTIVES)} {secrets.choice(ANIMALS)}"
        if name not in avoid:
            break
    return name
