"""The crash harness's machinery: run ``lawdb`` armed to die at a point, and compare collections.

A collection is compared as data: ``lawdb export --format jsonl --with-text``
with document ids replaced by the SHA-256 of the document's original
(ids depend on the order of commits, the content must not), plus the
source-file rows, the sidecars (name, manifest, size) and the ingest jobs.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from lawdb.config import load_settings
from lawdb.db import make_engine, make_session_factory
from lawdb.models import Document, IngestJob, Provision, SourceFile
from lawdb.services import jobs, setup
from lawdb.services.check import CheckReport, run_check
from lawdb.services.export import export_jsonl
from lawdb.store import FileStore, sha256_file
from tests.paths import SAMPLES

LAWDB = str(Path(sys.executable).with_name("lawdb"))


def clean_env(database_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAWDB_")}
    if database_url:
        env["LAWDB_DATABASE_URL"] = database_url
    env.update(extra)
    return env


def run(data: Path, args: list[str], env: dict[str, str],
        timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``lawdb --data-dir DATA ARGS`` in its own session; kill whatever it leaves behind."""
    proc = subprocess.Popen([LAWDB, "--data-dir", str(data), *args], env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        # A parent killed by SIGKILL leaves its extraction workers behind: end them too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def reached(log: Path) -> Counter:
    """How often each point was passed, from a ``LAWDB_FAULT_LOG`` file."""
    if not log.exists():
        return Counter()
    return Counter(line.strip() for line in log.read_text().splitlines() if line.strip())


def check(data: Path, database_url: str | None) -> CheckReport:
    settings = load_settings(data, database_url=database_url, env={})
    engine = make_engine(settings.database_url)
    try:
        return run_check(make_session_factory(engine), settings)
    finally:
        engine.dispose()


def snapshot(data: Path, database_url: str | None) -> dict[str, Any]:
    """The collection as comparable data (see the module docstring)."""
    settings = load_settings(data, database_url=database_url, env={})
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            buffer = io.StringIO()
            export_jsonl(session, buffer, with_text=True)
            sha_of = dict(session.execute(
                select(Document.id, SourceFile.sha256).join(Document.source_file)).all())
            paths = dict(session.execute(select(Provision.id, Provision.path)).all())
            sources = sorted(
                (s.sha256, s.original_name, s.status.value, s.error_code, s.page_count, s.stored_path,
                 json.dumps(s.manifest, sort_keys=True))
                for s in session.scalars(select(SourceFile)))
            jobs = sorted((j.original_name, j.status.value, j.error_code)
                          for j in session.scalars(select(IngestJob)))
    finally:
        engine.dispose()
    documents = []
    for line in buffer.getvalue().splitlines():
        record = json.loads(line)
        record["id"] = sha_of.get(record["id"], record["id"])
        for cite in record["cites"]:
            cite["resolved_id"] = sha_of.get(cite["resolved_id"], cite["resolved_id"])
        for ref in record["statute_refs"]:
            ref["provision_id"] = paths.get(ref["provision_id"], ref["provision_id"])
        documents.append(record)
    documents.sort(key=lambda r: r["id"])
    store = FileStore(settings.files_dir)
    sidecars = {}
    for sha in store.originals():
        sidecar = store.read_sidecar(sha) or {}
        sidecars[sha] = {k: sidecar.get(k) for k in ("sha256", "file_name", "manifest", "size_bytes")}
    return {"documents": documents, "sources": sources, "jobs": jobs, "sidecars": sidecars}


# -- the harness: scenarios, prepared collections, kill and restart ------------------------------

REAL = ["PLR_1998-SCMR-516.pdf", "SCP_CrlP1617-2022_juvenile.pdf"]

INGEST_POINTS = [
    "ingest.hashed", "store.put.before_rename", "store.put.after_rename", "store.sidecar.before_rename",
    "ingest.stored", "ingest.extracted", "ingest.document.db.flush.before", "ingest.document.db.flush.after",
    "ingest.recorded", "citations.resolve", "ingest.statutes_resolved", "ingest.outbox_queued",
    "ingest.document.db.commit.before", "ingest.document.db.commit.sql", "ingest.document.db.commit.after",
    "ingest.committed", "ingest.quarantine.db.commit.sql", "ingest.quarantine.db.commit.after",
    "store.sidecar.outcome", "index.drain.locked", "index.commit.before", "index.commit.segment_written",
    "index.commit.toc_written", "index.committed", "index.outbox_removed",
]
REPARSE_POINTS = ["reparse.recorded", "reparse.committed", "reparse.relink", "index.commit.segment_written"]
WORKER_POINTS = ["worker.claimed", "ingest.document.db.commit.sql", "worker.ingested",
                 "worker.finished.db.commit.sql"]
POSTGRES_POINTS = {
    "ingest": ["ingest.document.db.commit.sql", "ingest.document.db.commit.after", "citations.resolve",
               "index.committed"],
    "worker": ["worker.claimed"],
}


def inputs(shared_dir: Path, tmp: Path) -> list[Path]:
    junk = tmp / "not-really.pdf"
    junk.write_text("<html><body>a web page saved as .pdf</body></html>\n")
    real = [shared_dir / "corpus" / "pk_judgments" / name for name in REAL]
    return [SAMPLES / "sc_criminal_appeal_2023.pdf", real[0], junk, real[1],
            SAMPLES / "lhc_criminal_appeal_2022.pdf"]


@dataclass
class Scenario:
    name: str
    args: list[str]
    ok: int  #: the exit status of a run that was not killed
    prepare: Callable[[Path, dict], None] | None = None


def scenarios(files: list[Path]) -> dict[str, Scenario]:
    """The commands killed: an ingest, a reparse of what it made, a worker draining uploads."""
    ingest = ["ingest", *map(str, files), "--manifest", str(SAMPLES / "manifest.csv"), "--workers", "1",
              "--no-ocr", "--quiet"]

    def ingested(data: Path, env: dict) -> None:
        assert run(data, ingest, env).returncode == 1  # the non-PDF is quarantined

    def queued(data: Path, env: dict) -> None:
        settings = load_settings(data, database_url=env.get("LAWDB_DATABASE_URL"), env={})
        setup.initialise(settings)
        store = FileStore(settings.files_dir)
        engine = make_engine(settings.database_url)
        try:
            with make_session_factory(engine)() as session:
                for path in files[:3]:  # what a web upload does: keep the file, add a job
                    stored = store.put(path, sha256_file(path))
                    jobs.enqueue(session, stored, path.name)
                session.commit()
        finally:
            engine.dispose()

    return {
        "ingest": Scenario("ingest", ingest, 1),
        "reparse": Scenario("reparse", ["reparse", "--all"], 0, ingested),
        "worker": Scenario("worker", ["worker", "--once", "--no-ocr"], 0, queued),
    }


class Collection:
    """A prepared starting point (data folder and database) that each run gets a fresh copy of."""

    def __init__(self, root: Path, db_kind: str, request: pytest.FixtureRequest) -> None:
        self.root = root
        self.db_kind = db_kind
        self.server = request.getfixturevalue("postgres_server") if db_kind == "postgresql" else None
        self.databases: list[str] = []
        self.template_db: str | None = None
        self.template = root / "template"
        self.count = 0

    def new_database(self, template: str | None = None) -> str | None:
        if self.server is None:
            return None
        name = self.server.create_database(template=template)
        self.databases.append(name)
        return name

    def prepare(self, scenario: Scenario) -> None:
        self.template_db = self.new_database()
        url = self.server.url_for(self.template_db) if self.server else None
        self.template.mkdir(parents=True)
        if scenario.prepare:
            scenario.prepare(self.template, clean_env(url))

    def copy(self) -> tuple[Path, str | None]:
        self.count += 1
        data = self.root / f"run{self.count}"
        shutil.copytree(self.template, data)
        name = self.new_database(self.template_db)
        return data, self.server.url_for(name) if self.server else None

    def close(self) -> None:
        for name in self.databases:
            self.server.drop_database(name)


@dataclass
class Reference:
    collection: Collection
    scenario: Scenario
    snapshot: dict
    counts: dict


def crash_and_restart(reference: Reference, point: str) -> None:
    count = reference.counts.get(point, 0)
    assert count, f"{reference.scenario.name} never passes {point}: the point is misplaced or dead"
    # The middle arrival; but index drains also run on a timer thread (every few seconds while work
    # is pending), so how often they happen varies from run to run: kill those at their first.
    nth = 1 if point.startswith("index.") else (count + 1) // 2
    data, url = reference.collection.copy()
    killed = run(data, reference.scenario.args, clean_env(url, LAWDB_CRASH_AT=f"{point}:{nth}"))
    assert killed.returncode == -signal.SIGKILL, (
        f"expected death by SIGKILL at {point} (arrival {nth} of {count}), got exit status "
        f"{killed.returncode}: {killed.stderr[-2000:]}")

    again = run(data, reference.scenario.args, clean_env(url))
    assert again.returncode == reference.scenario.ok, again.stderr[-2000:]
    assert "Traceback" not in again.stderr

    report = check(data, url)
    assert report.ok, report.render()
    # Nothing else to report either, but for a temporary file of the killed write itself.
    others = [f for f in report.findings if f.code != "leftover_temporary"]
    assert not others, report.render()
    if any(f.code == "leftover_temporary" for f in report.findings):
        assert point.endswith("before_rename"), report.render()

    assert snapshot(data, url) == reference.snapshot
