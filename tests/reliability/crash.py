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
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select

from lawdb.config import load_settings
from lawdb.db import make_engine, make_session_factory
from lawdb.models import Document, IngestJob, Provision, SourceFile
from lawdb.services.check import CheckReport, run_check
from lawdb.services.export import export_jsonl
from lawdb.store import FileStore

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
