"""The extraction pool survives hangs, crashes, memory hogs and exceptions, and the batch goes on."""

from __future__ import annotations

import time

from ingest.pool import Pool
from tests.ingest.pool_tasks import behave


def test_every_kind_of_failure_is_reported_and_the_rest_completes() -> None:
    pool = Pool(behave, workers=2, time_limit=20, idle_limit=2, memory_limit_mb=1024)
    started = time.monotonic()
    outcomes = {task: (result, failure) for task, result, failure in
                pool.run(["a", "hang", "segfault", "hog", "raise", "b", "slow-but-advancing", "c"])}
    elapsed = time.monotonic() - started
    assert outcomes["a"] == ("A", None)
    assert outcomes["b"] == ("B", None) and outcomes["c"] == ("C", None)
    # Progress reports keep a task alive past the idle limit.
    assert outcomes["slow-but-advancing"] == ("SLOW-BUT-ADVANCING", None)
    assert outcomes["hang"][1].kind == "timeout"
    assert outcomes["segfault"][1].kind == "crashed"
    assert "SIGSEGV" in outcomes["segfault"][1].message
    assert outcomes["hog"][1].kind == "memory"
    assert outcomes["raise"][1].kind == "error" and "a bad page" in outcomes["raise"][1].message
    # The hang was stopped by the idle limit, not waited out.
    assert elapsed < 15


def test_whole_task_time_limit() -> None:
    pool = Pool(behave, workers=1, time_limit=1.5, idle_limit=60)
    [(_task, result, failure)] = list(pool.run(["slow-but-advancing"]))
    assert result is None and failure.kind == "timeout"
    assert "longer than 1.5 s" in failure.message
