"""The default rules against the labelled evaluation set: at least 98% of the crisis sentences are held as
urgent, and at most 2% of the benign ones (rejection stories sharing words with them) are held or rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from community.moderation.crisis_check import evaluate

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    return [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def result():
    return evaluate(_lines("crisis.txt"), _lines("benign.txt"))


def test_the_sets_are_large_and_distinct():
    crisis, benign = _lines("crisis.txt"), _lines("benign.txt")
    assert len(set(crisis)) >= 300 and len(set(benign)) >= 300
    assert not set(crisis) & set(benign)


def test_crisis_recall_is_at_least_98_percent(result):
    assert result.recall >= 0.98, "missed:\n" + "\n".join(result.missed)


def test_at_most_2_percent_of_benign_sentences_are_held(result):
    assert result.false_rate <= 0.02, "held:\n" + "\n".join(f"{s} {w}" for s, w in result.false_alarms)
