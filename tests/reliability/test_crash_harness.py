"""Kill ``lawdb ingest`` (and ``reparse``, and ``worker``) by SIGKILL at every crash point, restart it,
and require a clean ``lawdb check`` and the collection an uninterrupted run makes.

Each point of :data:`lawdb.faults.POINTS` is armed with ``LAWDB_CRASH_AT``
in a real ``lawdb`` process (a subprocess, with its extraction workers),
which must die by SIGKILL there; the same command is then run again, as a
user would after a crash. The input mixes two real judgments from
``../shared/corpus/pk_judgments`` (used by path), the two fictional sample
judgments (one cites the other, and is ingested first, so the link is made
backwards when the second arrives) with their manifest values, and a file
that is not a PDF (quarantined). The arrival of each point that is killed
is the middle one of an uninterrupted run (counted with ``LAWDB_FAULT_LOG``),
so some work is committed before the kill and some is not.

This file kills ``lawdb ingest`` at each of its points on SQLite;
``test_crash_harness_more.py`` kills ``reparse`` and ``worker``, and a
handful of points on PostgreSQL (two files, so that test processes share the
work). The machinery is in :mod:`tests.reliability.crash`.
"""

from __future__ import annotations

import pytest

from lawdb.faults import POINTS
from tests.reliability.crash import INGEST_POINTS, REPARSE_POINTS, WORKER_POINTS, crash_and_restart


def test_points_cover_the_list() -> None:
    every = set(INGEST_POINTS) | set(REPARSE_POINTS) | set(WORKER_POINTS)
    assert every <= set(POINTS)
    assert set(POINTS) <= every, f"points no crash test kills at: {set(POINTS) - every}"
    assert len(every) >= 20


@pytest.mark.parametrize("point", INGEST_POINTS)
def test_ingest_killed_at(point: str, references) -> None:
    crash_and_restart(references("ingest", "sqlite"), point)
