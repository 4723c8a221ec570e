"""The rules a new community starts with; moderators add, change and remove rules from there.

The rules live in data/default_rules.toml, one table per kind of rule in the order they are installed: the
action its rules take, the note each of them carries, and its patterns. Each entry of DEFAULT_RULES is
(pattern, action, note). Patterns fold like any text, so one entry also catches its disguised spellings
("sh1t", "ѕhit", "s h i t", "shiiit").

The crisis patterns spell out the many ways people say they want to die or hurt themselves (wording, slang
and abbreviations); spaced, punctuated, run-together, stretched and look-alike spellings are left to the rule
engine, and "..." leaves room for up to three words ("want ... die": "want to just die"). The figures of
speech are everyday sayings that share words with them ("die of embarrassment"): nothing matches inside them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "default_rules.toml"


def _load_kinds() -> dict[str, dict[str, Any]]:
    """{kind: {"action", "note", "patterns"}}, in the file's order."""
    with DATA.open("rb") as handle:
        return tomllib.load(handle)


_KINDS = _load_kinds()
CRISIS_PATTERNS: tuple[str, ...] = tuple(_KINDS["crisis"]["patterns"])
FIGURES_OF_SPEECH: tuple[str, ...] = tuple(_KINDS["figures_of_speech"]["patterns"])
DEFAULT_RULES: list[tuple[str, str, str]] = [
    (pattern, kind["action"], kind["note"]) for kind in _KINDS.values() for pattern in kind["patterns"]
]
