"""A small real collection (the sample judgments, statute and amending Act, ingested with their
manifest, and indexed) on SQLite and PostgreSQL, made once per module and copied for each test."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from lawdb.config import Settings, load_settings
from lawdb.db import make_engine, make_session_factory
from lawdb.services import setup
from lawdb.store import FileStore
from tests.paths import SAMPLES
from tests.reliability.crash import (
    Collection,
    Reference,
    check,
    clean_env,
    inputs,
    reached,
    run,
    scenarios,
    snapshot,
)


@dataclass
class Live:
    """A collection to work on: its settings and a session factory (disposed after the test)."""

    settings: Settings
    factory: sessionmaker[Session]
    engine: object = field(repr=False, default=None)

    @property
    def store(self) -> FileStore:
        return FileStore(self.settings.files_dir)

    @property
    def url(self) -> str:
        return self.settings.database_url


def ingest_samples(settings: Settings, extra: list[Path] = ()) -> None:
    from ingest.manifest import load_manifest
    from ingest.pipeline import IngestOptions, ingest_paths
    from lawdb.search.sync import drain_outbox

    setup.initialise(settings)
    engine = make_engine(settings.database_url)
    try:
        factory = make_session_factory(engine)
        files = sorted(SAMPLES.glob("*.pdf")) + list(extra)
        options = IngestOptions(workers=1, ocr=False, manifest=load_manifest(SAMPLES / "manifest.csv"))
        result = ingest_paths(factory, FileStore(settings.files_dir), files, options)
        assert result.all_ok, result.summary()
        drain_outbox(factory, settings)
    finally:
        engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """(kind, data folder, PostgreSQL database name or None, server or None), ingested once."""
    kind = request.param
    root = tmp_path_factory.mktemp(f"collection-{kind}")
    server = name = None
    if kind == "postgresql":
        server = request.getfixturevalue("postgres_server")
        name = server.create_database()
    settings = load_settings(root, database_url=server.url_for(name) if server else None, env={})
    ingest_samples(settings)
    yield kind, root, name, server
    if server:
        server.drop_database(name)


@pytest.fixture
def live(template, tmp_path: Path) -> Iterator[Live]:
    _kind, root, name, server = template
    data = tmp_path / "data"
    shutil.copytree(root, data)
    copy = server.create_database(template=name) if server else None
    settings = load_settings(data, database_url=server.url_for(copy) if server else None, env={})
    engine = make_engine(settings.database_url)
    yield Live(settings, make_session_factory(engine), engine)
    engine.dispose()
    from lawdb.search.sync import get_backend

    get_backend(settings).close()
    if server:
        server.drop_database(copy)


@pytest.fixture(scope="module")
def references(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory,
               request: pytest.FixtureRequest) -> Iterator[Callable[[str, str], Reference]]:
    """For each (scenario, database): the uninterrupted run, made once per module, and the points
    it passes (see :mod:`tests.reliability.crash`)."""
    made: dict[tuple[str, str], Reference] = {}
    files = inputs(shared_dir, tmp_path_factory.mktemp("inputs"))
    plans = scenarios(files)

    def get(scenario_name: str, db_kind: str) -> Reference:
        key = (scenario_name, db_kind)
        if key not in made:
            scenario = plans[scenario_name]
            collection = Collection(tmp_path_factory.mktemp(f"{scenario_name}-{db_kind}"), db_kind, request)
            collection.prepare(scenario)
            data, url = collection.copy()
            log = data.parent / "points.log"
            done = run(data, scenario.args, clean_env(url, LAWDB_FAULT_LOG=str(log)))
            assert done.returncode == scenario.ok, done.stderr
            assert check(data, url).ok
            made[key] = Reference(collection, scenario, snapshot(data, url), reached(log))
        return made[key]

    yield get
    for reference in made.values():
        reference.collection.close()


