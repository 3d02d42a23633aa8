"""Fuzzing ingest: real PDFs from ``../shared/corpus``, damaged on purpose, through ``lawdb ingest``.

Each mutant is a seeded mutation of a real judgment or statute: bytes
flipped, the file cut short, a chunk repeated, the cross-reference table or
``startxref`` damaged, a content stream garbled, the trailer removed, object
numbers scrambled. They go through the command a researcher uses (``lawdb
ingest``, the real pipeline with its worker processes and time limit) in one
batch, and then:

- the command ends normally (exit 0, or 1 when some were quarantined), with
  no traceback on its output;
- every mutant is in the report, ingested, a duplicate or quarantined with a
  known reason code and a message, and has its row and its stored original
  (nothing lost);
- ``lawdb check`` finds the collection consistent.

Bounded for CI: ``LAWDB_FUZZ_ITERATIONS`` mutants (default 14, about half a
minute here), OCR off, 20 s per file. Raise it for a longer local run, and
change ``LAWDB_FUZZ_SEED`` to explore other mutants; a failure names the
mutant's file, which ``mutate`` remakes from the seed.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from ingest.pipeline import QUARANTINE_CODES
from lawdb.config import sqlite_url
from lawdb.db import make_engine, make_session_factory
from lawdb.models import SourceFile
from lawdb.store import FileStore

ITERATIONS = int(os.environ.get("LAWDB_FUZZ_ITERATIONS", "14"))
SEED = int(os.environ.get("LAWDB_FUZZ_SEED", "8"))
LAWDB = str(Path(sys.executable).with_name("lawdb"))

#: Small real documents (a few pages each, with a text layer), by path under ../shared.
SEEDS = [
    "corpus/pk_judgments/SCP_CrlP1251-2022_PECA_ss13-14_bail.pdf",
    "corpus/pk_judgments/PLR_PLD-2015-SC-396.pdf",
    "corpus/pk_judgments/SCP_JP286-2020_juvenile.pdf",
    "corpus/pk_statutes/Electronic_Transactions_Ordinance_2002.pdf",
]


# --- mutations: each takes the bytes and a seeded random source ---------------------------------

def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randint(len(data) // 20, len(data) - 1)]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start:start + rng.randint(16, 4096)]
    at = rng.randrange(len(data))
    return data[:at] + chunk * rng.randint(1, 3) + data[at:]


def damage_xref(data: bytes, rng: random.Random) -> bytes:
    """Point startxref elsewhere and garble the offsets of the cross-reference table."""
    out = re.sub(rb"startxref\s+(\d+)", lambda m: b"startxref\n%d" % rng.randrange(len(data)), data)
    def garble(match: re.Match) -> bytes:
        return b"%010d %05d n" % (rng.randrange(len(data) * 2), rng.randrange(3))
    out = re.sub(rb"\d{10} \d{5} n", garble, out)
    if out == data:  # a cross-reference stream (PDF 1.5+): cut into it instead
        at = data.rfind(b"/XRef")
        if at > 0:
            out = data[:at] + bytes(rng.randrange(256) for _ in range(64)) + data[at + 64:]
    return out


def garble_stream(data: bytes, rng: random.Random) -> bytes:
    """Overwrite the middle of one content stream with random bytes."""
    streams = [m.end() for m in re.finditer(rb"stream\r?\n", data)]
    if not streams:
        return flip_bytes(data, rng)
    start = rng.choice(streams)
    end = data.find(b"endstream", start)
    end = end if end > start else min(len(data), start + 512)
    length = max(1, (end - start) // 2)
    at = start + rng.randrange(max(1, end - start - length))
    return data[:at] + bytes(rng.randrange(256) for _ in range(length)) + data[at + length:]


def drop_trailer(data: bytes, rng: random.Random) -> bytes:
    at = data.rfind(b"trailer")
    if at < 0:
        at = data.rfind(b"startxref")
    return data[:at] if at > 0 else truncate(data, rng)


def scramble_objects(data: bytes, rng: random.Random) -> bytes:
    """Renumber some ``N 0 obj`` headers, so references point at the wrong objects or none."""
    def renumber(match: re.Match) -> bytes:
        if rng.random() < 0.3:
            return b"%d %s obj" % (rng.randrange(1, 10_000), match.group(2))
        return match.group(0)
    return re.sub(rb"(\d+) (\d+) obj", renumber, data)


MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    flip_bytes, truncate, duplicate_chunk, damage_xref, garble_stream, drop_trailer, scramble_objects,
]


def mutate(shared_dir: Path, index: int, seed: int = SEED) -> tuple[str, bytes]:
    """The ``index``-th mutant: every seed file meets every mutation in turn; the rest is seeded."""
    source = shared_dir / SEEDS[index % len(SEEDS)]
    mutation = MUTATIONS[index % len(MUTATIONS)]
    rng = random.Random(f"{seed}:{index}")
    data = mutation(source.read_bytes(), rng)
    if rng.random() < 0.25:  # now and then a second blow
        data = rng.choice(MUTATIONS)(data, rng) if data else data
    return f"{index:03d}_{mutation.__name__}_{source.stem}.pdf", data


def test_mutations_change_the_file_and_are_repeatable(shared_dir: Path) -> None:
    for index in range(len(MUTATIONS) * 2):
        name, data = mutate(shared_dir, index)
        source = (shared_dir / SEEDS[index % len(SEEDS)]).read_bytes()
        assert data != source, name
        assert mutate(shared_dir, index) == (name, data)
    assert mutate(shared_dir, 0, seed=1) != mutate(shared_dir, 0, seed=2)


@pytest.mark.slow
def test_mutated_pdfs_end_ingested_or_quarantined_with_a_reason(shared_dir: Path, tmp_path: Path) -> None:
    mutants = tmp_path / "mutants"
    mutants.mkdir()
    for index in range(ITERATIONS):
        name, data = mutate(shared_dir, index)
        (mutants / name).write_bytes(data)
    data_dir = tmp_path / "data"
    env = {**os.environ, "LAWDB_DATA_DIR": str(data_dir), "PYTHONWARNINGS": "ignore"}
    env.pop("LAWDB_DATABASE_URL", None)

    def lawdb(*args: str, timeout: float) -> subprocess.CompletedProcess:
        return subprocess.run([LAWDB, *args], env=env, capture_output=True, text=True, timeout=timeout)

    assert lawdb("init", timeout=60).returncode == 0
    report_path = tmp_path / "report.json"
    run = lawdb("ingest", str(mutants), "--workers", "2", "--no-ocr", "--timeout", "20", "--quiet",
                "--report", str(report_path), timeout=60 + 25 * ITERATIONS)
    output = run.stdout + run.stderr
    assert run.returncode in (0, 1), output[-3000:]
    assert "Traceback" not in output, output[-3000:]

    report = json.loads(report_path.read_text())
    files = {Path(f["path"]).name: f for f in report["files"]}
    assert sorted(files) == sorted(p.name for p in mutants.iterdir()), "a mutant is missing from the report"
    problems = []
    for name, entry in sorted(files.items()):
        if entry["status"] not in ("ingested", "duplicate", "quarantined"):
            problems.append(f"{name}: status {entry['status']!r}")
        elif entry["status"] == "quarantined" and (
                entry["code"] not in QUARANTINE_CODES or not entry["message"]):
            problems.append(f"{name}: quarantined with code {entry['code']!r}, message {entry['message']!r}")
        if "Traceback" in (entry.get("message") or ""):
            problems.append(f"{name}: a traceback in the message")
    assert not problems, "\n".join(problems)

    # Nothing lost: every file has its row and its original in the store.
    engine = make_engine(sqlite_url(data_dir / "lawdb.sqlite3"))
    try:
        with make_session_factory(engine)() as session:
            rows = {row.sha256: row for row in session.scalars(select(SourceFile))}
    finally:
        engine.dispose()
    store = FileStore(data_dir / "files")
    for name, entry in files.items():
        if entry["status"] == "duplicate":
            continue
        assert entry["sha256"] in rows, f"{name} has no source row"
        assert store.path_for(entry["sha256"]).is_file(), f"{name}'s original is not stored"
    check = lawdb("check", timeout=120)
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-3000:]
    print(f"fuzz: {len(files)} mutants, " + ", ".join(f"{k} {v}" for k, v in sorted(
        {s: sum(1 for f in files.values() if f["status"] == s) for s in ("ingested", "quarantined")}.items()))
        + f"; quarantined by code {report.get('summary', {}).get('quarantined_by_code')}")
