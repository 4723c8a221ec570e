"""Crisis recall on the labelled evaluation set: how much of the crisis set the default rules hold as urgent,
and how much of the benign set (rejection stories that share words with it) they hold or reject.

Run as `python bench/crisis.py`. Goals: recall ≥ 98%, benign held or rejected ≤ 2%. Prints the misses.

It also prints the figures on `heldout_crisis.txt` and `heldout_benign.txt`: sentences written by someone who
never saw the rules, and never used to tune them. They tell how the rules do on phrasings they have not met,
which is what members will write. Keep them unseen: a rule added for one of their sentences makes the figure
a tuned one, and then a new held-out set is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from community.moderation.crisis_check import evaluate  # noqa: E402

DATA = ROOT / "tests" / "moderation" / "data"


def main() -> int:
    crisis = DATA.joinpath("crisis.txt").read_text(encoding="utf-8").splitlines()
    benign = DATA.joinpath("benign.txt").read_text(encoding="utf-8").splitlines()
    result = evaluate([line for line in crisis if line.strip()], [line for line in benign if line.strip()])
    print(f"crisis set:  {result.crisis_total} sentences, {result.recall:.1%} held as urgent (goal ≥ 98%)")
    print(
        f"benign set:  {result.benign_total} sentences, {result.false_rate:.1%} held or rejected (goal ≤ 2%)"
    )
    for line in result.missed:
        print(f"  missed:       {line!r}")
    for line, words in result.false_alarms:
        print(f"  false alarm:  {line!r} ({', '.join(words)})")
    held_crisis, held_benign = (DATA / "heldout_crisis.txt", DATA / "heldout_benign.txt")
    if held_crisis.exists() and held_benign.exists():
        held = evaluate(
            [line for line in held_crisis.read_text(encoding="utf-8").splitlines() if line.strip()],
            [line for line in held_benign.read_text(encoding="utf-8").splitlines() if line.strip()],
        )
        print(
            f"held-out sets, never tuned on: {held.crisis_total} crisis sentences, {held.recall:.1%} held as "
            f"urgent; {held.benign_total} benign, {held.false_rate:.1%} held or rejected (no goal: a measure)"
        )
    return 0 if result.recall >= 0.98 and result.false_rate <= 0.02 else 1


if __name__ == "__main__":
    sys.exit(main())
