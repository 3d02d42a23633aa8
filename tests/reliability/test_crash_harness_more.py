"""The crash harness (see ``test_crash_harness.py``) for ``lawdb reparse`` and ``lawdb worker``, and
for a handful of points on PostgreSQL: the commits, citation resolution, the index, a worker's claim."""

from __future__ import annotations

import pytest

from tests.reliability.crash import POSTGRES_POINTS, REPARSE_POINTS, WORKER_POINTS, crash_and_restart


@pytest.mark.parametrize("point", REPARSE_POINTS)
def test_reparse_killed_at(point: str, references) -> None:
    crash_and_restart(references("reparse", "sqlite"), point)


@pytest.mark.parametrize("point", WORKER_POINTS)
def test_worker_killed_at(point: str, references) -> None:
    crash_and_restart(references("worker", "sqlite"), point)


@pytest.mark.postgres
@pytest.mark.parametrize(("scenario", "point"),
                         [(s, p) for s, points in POSTGRES_POINTS.items() for p in points])
def test_killed_on_postgresql(scenario: str, point: str, references) -> None:
    crash_and_restart(references(scenario, "postgresql"), point)
