"""The search benchmark runs end to end (on a tiny collection: the figures come from real runs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_benchmark_runs_on_a_tiny_collection(shared_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "search.py"), "--sizes", "300", "--repeat", "1",
         "--corpus-files", "10", "--procs", "1", "--corpus", str(shared_dir / "corpus" / "bulk_lhc")],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for needle in ("== 300 documents", "index lawdb", "index SQLite FTS5", "ALL", "ratio lawdb/FTS5",
                   "first run of each query", "partial results: 0"):
        assert needle in out, needle
