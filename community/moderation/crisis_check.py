"""How well the default rules recognise crisis language: the figures `bench/crisis.py` prints and the tests
assert, from one function, on the real moderation pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from community.moderation.defaults import DEFAULT_RULES
from community.moderation.pipeline import moderate
from community.moderation.rules import RuleSpec, compile_rules
from community.statuses import PUBLISHED


@dataclass(frozen=True)
class CrisisCheck:
    crisis_total: int
    benign_total: int
    missed: list[str]  # crisis sentences not held as urgent
    false_alarms: list[
        tuple[str, tuple[str, ...]]
    ]  # benign sentences held or rejected, with the words matched

    @property
    def recall(self) -> float:
        return 1 - len(self.missed) / self.crisis_total if self.crisis_total else 0.0

    @property
    def false_rate(self) -> float:
        return len(self.false_alarms) / self.benign_total if self.benign_total else 0.0


def evaluate(crisis: Sequence[str], benign: Sequence[str]) -> CrisisCheck:
    """Moderate each sentence as a story body with the default rules."""
    matcher = compile_rules(
        RuleSpec(i, pattern, action) for i, (pattern, action, _) in enumerate(DEFAULT_RULES, start=1)
    )
    missed = [line for line in crisis if not moderate({"body": line}, matcher).urgent]
    false_alarms = []
    for line in benign:
        decision = moderate({"body": line}, matcher)
        if decision.outcome != PUBLISHED:
            false_alarms.append((line, decision.matched_words))
    return CrisisCheck(len(crisis), len(benign), missed, false_alarms)
