"""The short chaos run: real processes, steady traffic and seeded faults for about 90 s; every invariant holds
and no web or worker log carries a traceback (bench/chaos.py runs it longer)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL")),
    reason="the chaos run brings its own database; it runs once, with the SQLite pass",
)
def test_a_short_chaos_run_keeps_every_invariant():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "PYTEST_", "DATABASE_URL"))}
    done = subprocess.run(
        [sys.executable, "bench/chaos.py", "--seconds", "90", "--seed", "7"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "tracebacks in the logs of web and workers: 0" in done.stdout, done.stdout
    assert done.stdout.count(" yes ") == 7, done.stdout
