"""A small real collection (the sample judgments, statute and amending Act, ingested with their
manifest, and indexed) on SQLite and PostgreSQL, made once per module and copied for each test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from lawdb.config import Settings, load_settings
from lawdb.db import make_engine, make_session_factory
from lawdb.services import setup
from lawdb.store import FileStore
from tests.paths import SAMPLES


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
