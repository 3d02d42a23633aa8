"""New documents become searchable within seconds of their commit, even when the next commit is far off.

Regression: a bulk import applied queued index work only on its next commit
after the interval had passed, so documents committed just before a slow
file (a long scan being OCRed, say) stayed unsearchable until that file was
done, minutes later. The drainer now also applies them on a timer.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ingest.pipeline import IngestOptions, ingest_paths
from lawdb.config import load_settings
from lawdb.db import make_session_factory
from lawdb.models import IndexOutbox
from lawdb.search.sync import Drainer, index_status
from lawdb.store import FileStore
from tests.paths import SAMPLES


@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
def test_queued_index_work_is_applied_on_a_timer_without_another_commit(engine, db_url: str,
                                                                        tmp_path: Path) -> None:
    factory = make_session_factory(engine)
    settings = load_settings(tmp_path / "data", database_url=db_url)
    pdf = sorted(SAMPLES.glob("*.pdf"))[0]
    ingest_paths(factory, FileStore(settings.files_dir), [pdf], IngestOptions(workers=1, ocr=False))
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(IndexOutbox)) == 1

    drainer = Drainer(factory, settings, every=200, seconds=1.0)
    drainer()  # the commit's callback: not yet due, and no other commit follows
    deadline = time.monotonic() + 10
    while index_status(factory, settings)["indexed"] != 1:
        assert time.monotonic() < deadline, "queued index work was never applied"
        time.sleep(0.1)
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(IndexOutbox)) == 0
    assert drainer.flush() == 0  # nothing left; and the timer is not left running
    assert drainer._timer is None
