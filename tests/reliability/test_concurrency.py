"""Concurrency: searches during an ingest, two ingests at once, several web processes, PostgreSQL.

Everything runs as real processes over one data folder, as a deployment
would: ``lawdb ingest`` and ``lawdb search`` from the command line, the web
app as ``lawdb serve`` (waitress), on real Lahore High Court judgments from
``../shared/corpus/bulk_lhc`` (a handful of small ones; the whole set only
in the test marked slow).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ingest.lock import ingest_lock
from lawdb.config import load_settings
from lawdb.db import make_engine, make_session_factory
from lawdb.models import Document, FileStatus, IndexOutbox, SourceFile
from lawdb.search.sync import index_status

LAWDB = str(Path(sys.executable).with_name("lawdb"))

#: Small judgments (2-8 pages) whose own neutral citation the parser finds.
PICKS = ["2023LHC2165", "2023LHC3220", "2024LHC2433", "2024LHC3730", "2024LHC4453",
         "2023LHC8", "2024LHC3567", "2025LHC6597", "2023LHC7438"]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("LAWDB_")}


@dataclass
class Collection:
    """A data folder (and database) that ``lawdb`` commands run against."""

    data: Path
    database_url: str

    def args(self, *args: str) -> list[str]:
        return [LAWDB, "--data-dir", str(self.data), "--database-url", self.database_url, *args]

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.args(*args), env=_env(), capture_output=True, text=True,
                              timeout=timeout)

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(self.args(*args), env=_env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)

    def sessions(self):
        engine = make_engine(self.database_url)
        return engine, make_session_factory(engine)

    def document_ids(self) -> dict[str, int]:
        """Original file name -> document id, as committed so far."""
        engine, factory = self.sessions()
        try:
            with factory() as session:
                return dict(session.execute(select(SourceFile.original_name, Document.id)
                                            .join(Document, Document.source_file_id == SourceFile.id)).all())
        finally:
            engine.dispose()


def _pdfs(shared_dir: Path, names: list[str]) -> list[str]:
    paths = [shared_dir / "corpus" / "bulk_lhc" / f"{name}.pdf" for name in names]
    for path in paths:
        assert path.is_file(), path
    return [str(p) for p in paths]


@pytest.fixture
def sqlite_collection(tmp_path: Path) -> Collection:
    data = tmp_path / "data"
    return Collection(data, f"sqlite:///{data / 'lawdb.sqlite3'}")


def _init(collection: Collection) -> None:
    done = collection.run("init", timeout=120)
    assert done.returncode == 0, done.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 20) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@contextmanager
def serving(collection: Collection, threads: int = 4) -> Iterator[str]:
    """``lawdb serve`` on a free port; yields its base URL; stops it afterwards."""
    port = _free_port()
    proc = collection.start("serve", "--port", str(port), "--threads", str(threads))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"lawdb serve exited: {proc.communicate()[1][-2000:]}"
            try:
                if _get(f"{base}/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "lawdb serve did not answer within 60 s"
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            _out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _out, err = proc.communicate()
        assert "Traceback" not in (err or ""), err[-3000:]


_HIT = re.compile(r'href="/documents/(\d+)')


def web_search(base: str, query: str) -> set[int]:
    """Ids of the documents the search page lists for ``query``; fails on any error page."""
    status, body = _get(f"{base}/search?" + urllib.parse.urlencode({"q": query}))
    assert status == 200, f"/search?q={query} answered {status}: {body[:500]}"
    return {int(n) for n in _HIT.findall(body)}


def any_id(ids) -> str:
    """A query for any of these documents."""
    return "id:({})".format(" OR ".join(str(i) for i in ids))


def cli_search(collection: Collection, query: str) -> set[int]:
    done = collection.run("search", "--json", "--no-snippets", query, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    payload = json.loads(done.stdout)
    assert payload["error"] is None, payload
    return {hit["id"] for hit in payload["results"]}


@dataclass
class Probe:
    """Searches sent in a loop from a thread; every failure is kept, not raised."""

    base: str
    queries: list[str]
    errors: list[str] = field(default_factory=list)
    answered: int = 0
    slowest: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)

    def loop(self) -> None:
        n = 0
        while not self._stop.is_set():
            query = self.queries[n % len(self.queries)]
            n += 1
            started = time.monotonic()
            try:
                web_search(self.base, query)
                self.answered += 1
            except (AssertionError, OSError) as exc:
                self.errors.append(f"{query!r}: {exc}")
            self.slowest = max(self.slowest, time.monotonic() - started)

    @contextmanager
    def running(self) -> Iterator[Probe]:
        thread = threading.Thread(target=self.loop, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join(timeout=60)


def _wait_searchable(check, doc_ids: dict[str, int], limit: float) -> dict[str, float]:
    """Seconds until each document is found by ``check(id)``, polling; fails after ``limit``."""
    started = time.monotonic()
    found: dict[str, float] = {}
    while len(found) < len(doc_ids):
        for name, doc_id in doc_ids.items():
            if name not in found and doc_id in check(doc_id):
                found[name] = time.monotonic() - started
        missing = sorted(set(doc_ids) - set(found))
        assert not missing or time.monotonic() - started < limit, f"not searchable after {limit} s: {missing}"
        time.sleep(0.2)
    return found


# -- (a) searches answer while an ingest runs, and new documents appear within seconds ------------

def test_searches_answer_during_ingest_and_new_documents_appear_within_seconds(
        shared_dir: Path, sqlite_collection: Collection) -> None:
    col = sqlite_collection
    _init(col)
    first, later = PICKS[:3], PICKS[3:7]
    done = col.run("ingest", "--quiet", "-j", "1", *_pdfs(shared_dir, first))
    assert done.returncode == 0, done.stderr
    old = col.document_ids()
    assert len(old) == 3

    with serving(col) as base:
        queries = ["appeal", '"the learned counsel"', "court:LHC year:2023..2025", "petition -bail",
                   *[f"id:{i}" for i in old.values()]]
        with Probe(base, queries).running() as probe:
            ingest = col.start("ingest", "--quiet", "-j", "1", *_pdfs(shared_dir, later))
            committed: dict[str, float] = {}
            appeared: dict[str, float] = {}
            cli_answers = 0
            while ingest.poll() is None or len(appeared) < len(later):
                now = time.monotonic()
                for name, doc_id in col.document_ids().items():
                    if name not in old:
                        committed.setdefault(name, now)
                        if name not in appeared and doc_id in web_search(base, f"id:{doc_id}"):
                            appeared[name] = time.monotonic()
                # The command line answers too (it may also apply queued index work itself).
                if ingest.poll() is None:
                    assert set(old.values()) <= cli_search(col, any_id(old.values()))
                    cli_answers += 1
                late = [n for n, t in committed.items() if n not in appeared and now - t > 30]
                assert not late, f"committed but not searchable on the web after 30 s: {late}"
                assert time.monotonic() - min(committed.values(), default=now) < 300
                time.sleep(0.1)
            _out, err = ingest.communicate(timeout=60)
            assert ingest.returncode == 0, err
        assert not probe.errors, probe.errors[:5]
        assert probe.answered >= 5
    assert cli_answers >= 1
    assert sorted(f"{n}.pdf" for n in later) == sorted(appeared)
    lag = {name: round(appeared[name] - committed[name], 1) for name in appeared}
    # "Within seconds": the ingest applies index work every few seconds while it runs.
    assert max(lag.values()) < 15, lag


# -- (b) a second ingest into the same collection waits (or refuses), and nothing is added twice --

def _counts(col: Collection) -> tuple[int, int, int, int]:
    engine, factory = col.sessions()
    try:
        with factory() as session:
            return (session.scalar(select(func.count()).select_from(SourceFile)),
                    session.scalar(select(func.count(func.distinct(SourceFile.sha256)))),
                    session.scalar(select(func.count()).select_from(Document)),
                    session.scalar(select(func.count()).select_from(IndexOutbox)))
    finally:
        engine.dispose()


@contextmanager
def lock_held(col: Collection) -> Iterator[None]:
    """This test process holds the collection's ingest lock, as a running ``lawdb ingest`` would."""
    engine = make_engine(col.database_url)
    try:
        with ingest_lock(engine, wait=0):
            yield
    finally:
        engine.dispose()


def _wait_line(proc: subprocess.Popen[str], text: str) -> str:
    line = proc.stderr.readline()  # the first line the command writes to stderr
    assert text in line, line + proc.stderr.read()[-2000:]
    return line


@pytest.mark.parametrize("db_kind", ["sqlite", "postgresql"], indirect=True)
def test_concurrent_ingests_wait_for_each_other_and_add_nothing_twice(shared_dir: Path, tmp_path: Path,
                                                                     db_url: str) -> None:
    col = Collection(tmp_path / "data", db_url)
    _init(col)
    files = _pdfs(shared_dir, PICKS[:5])
    extra = _pdfs(shared_dir, PICKS[5:6])
    with lock_held(col):
        # Both see a running ingest and wait; released, one runs, the other waits for it.
        one = col.start("ingest", "--quiet", "-j", "1", "--report", str(tmp_path / "a.json"), *files)
        two = col.start("ingest", "--quiet", "-j", "1", "--report", str(tmp_path / "b.json"),
                        *extra, *files)
        for proc in (one, two):
            line = _wait_line(proc, "another lawdb ingest is running into this collection")
            assert "waiting for it to finish" in line
            assert f"pid {os.getpid()}" in line or "postgresql" in db_url
        time.sleep(1)
        assert one.poll() is None and two.poll() is None
        assert col.document_ids() == {}
    _out, err_one = one.communicate(timeout=300)
    _out, err_two = two.communicate(timeout=300)
    assert (one.returncode, two.returncode) == (0, 0), err_one + err_two
    assert "Traceback" not in err_one, err_one
    assert "Traceback" not in err_two, err_two

    # Every file in exactly once: whichever ran second found the first's work done.
    assert _counts(col) == (6, 6, 6, 0)
    reports = [json.loads((tmp_path / f"{n}.json").read_text())["files"] for n in ("a", "b")]
    ingested = sorted(Path(f["path"]).stem for r in reports for f in r if f["status"] == "ingested")
    assert ingested == sorted(PICKS[:6])
    ids = col.document_ids()
    assert cli_search(col, any_id(ids.values())) == set(ids.values())


def test_second_ingest_with_no_wait_refuses_clearly(shared_dir: Path,
                                                   sqlite_collection: Collection) -> None:
    col = sqlite_collection
    _init(col)
    with lock_held(col):
        refused = col.run("ingest", "--quiet", "--no-wait", *_pdfs(shared_dir, PICKS[:2]))
    assert refused.returncode == 3, refused.stderr
    assert f"another lawdb ingest is running into this collection (pid {os.getpid()} on " in refused.stderr
    assert "nothing was done" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert col.document_ids() == {}
    # Once the other run is over, the lock is free again.
    done = col.run("ingest", "--quiet", "--no-wait", *_pdfs(shared_dir, PICKS[:2]))
    assert done.returncode == 0, done.stderr
    assert len(col.document_ids()) == 2


# -- (c) several web server processes share one index ---------------------------------------------

def test_two_server_processes_share_one_index_through_ingest_and_reindex(
        shared_dir: Path, sqlite_collection: Collection) -> None:
    col = sqlite_collection
    _init(col)
    done = col.run("ingest", "--quiet", "-j", "1", *_pdfs(shared_dir, PICKS[:3]))
    assert done.returncode == 0, done.stderr
    old = col.document_ids()
    queries = ["appeal", "court:LHC", '"learned counsel"~3', "judg*"]
    with serving(col, threads=4) as one, serving(col, threads=2) as two:
        for base in (one, two):  # both read the same collection
            assert web_search(base, "court:LHC") == set(old.values())
        with Probe(one, queries).running() as p1, Probe(two, queries).running() as p2:
            done = col.run("ingest", "--quiet", "-j", "1", *_pdfs(shared_dir, PICKS[3:6]))
            assert done.returncode == 0, done.stderr
            new = {n: i for n, i in col.document_ids().items() if n not in old}
            assert len(new) == 3
            for base in (one, two):
                lag = _wait_searchable(lambda i, b=base: web_search(b, f"id:{i}"), new, limit=10)
                assert max(lag.values()) < 10, lag
            # A rebuild swaps in a new index generation under both servers' feet.
            rebuilt = col.run("reindex")
            assert rebuilt.returncode == 0, rebuilt.stderr
            everything = set(col.document_ids().values())
            for base in (one, two):
                assert web_search(base, "court:LHC") == everything
        for probe in (p1, p2):
            assert not probe.errors, probe.errors[:5]
            assert probe.answered >= 3


def test_a_login_made_through_one_server_process_holds_in_another(sqlite_collection: Collection) -> None:
    # Regression: each process made up its own session key, so behind one address a login (and
    # every form's CSRF token) worked only when the next request reached the same process.
    col = sqlite_collection
    _init(col)
    made = subprocess.run(
        col.args("user", "add", "amna", "--password-stdin"), input="a long enough password 1\n",
        env=_env(), capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    jar = http.cookiejar.CookieJar()  # cookies are per host, not per port: both servers get them
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar),
                                         _NoRedirect())
    with serving(col) as one, serving(col) as two:
        form = opener.open(f"{one}/login", timeout=30).read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        data = urllib.parse.urlencode({"csrf_token": token, "username": "amna",
                                       "password": "a long enough password 1"}).encode()
        try:
            opener.open(f"{one}/login", data=data, timeout=30)
            raise AssertionError("login did not redirect")
        except urllib.error.HTTPError as exc:
            assert exc.code == 302 and "/login" not in exc.headers["Location"], exc.headers
        for base in (one, two):
            with opener.open(f"{base}/upload", timeout=30) as page:
                assert page.status == 200  # logged in: the upload form, not a redirect to /login
                html = page.read().decode()
            assert 'name="csrf_token"' in html
    assert (col.data / "secret_key").stat().st_mode & 0o077 == 0


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# -- (d) a bulk ingest with two workers into PostgreSQL ends consistent -----------------------------

def _assert_consistent(col: Collection, expected_files: int, expected_documents: int) -> None:
    """The database, the originals and the index agree: ``lawdb check``, and counted here too."""
    check = col.run("check", timeout=600)
    assert check.returncode == 0, check.stdout + check.stderr
    files, distinct, documents, outbox = _counts(col)
    assert (files, distinct, documents, outbox) == (expected_files, expected_files, expected_documents, 0)
    settings = load_settings(col.data, database_url=col.database_url)
    engine, factory = col.sessions()
    try:
        status = index_status(factory, settings)
    finally:
        engine.dispose()
    assert status["indexed"] == expected_documents
    assert (status["missing"], status["stale"], status["extra"], status["outbox_pending"]) == (
        [], [], [], False)
    ids = set(col.document_ids().values())
    found: set[int] = set()
    chunk = sorted(ids)
    for start in range(0, len(chunk), 50):
        part = chunk[start:start + 50]
        done = col.run("search", "--json", "--no-snippets", "--limit", "100",
                       any_id(part))
        assert done.returncode == 0, done.stderr
        found |= {hit["id"] for hit in json.loads(done.stdout)["results"]}
    assert found == ids


@pytest.mark.parametrize("db_kind", ["postgresql"], indirect=True)
def test_bulk_ingest_with_two_workers_into_postgresql_is_consistent(shared_dir: Path, tmp_path: Path,
                                                                     db_url: str) -> None:
    col = Collection(tmp_path / "data", db_url)
    _init(col)
    done = col.run("ingest", "--quiet", "-j", "2", *_pdfs(shared_dir, PICKS))
    assert done.returncode == 0, done.stderr
    _assert_consistent(col, len(PICKS), len(PICKS))


@pytest.mark.slow
@pytest.mark.parametrize("db_kind", ["postgresql"], indirect=True)
def test_bulk_ingest_of_all_bulk_lhc_with_two_workers_into_postgresql_is_consistent(
        shared_dir: Path, tmp_path: Path, db_url: str) -> None:
    col = Collection(tmp_path / "data", db_url)
    _init(col)
    done = col.run("ingest", "--quiet", "-j", "2", str(shared_dir / "corpus" / "bulk_lhc"), timeout=900)
    # One file of the set is a zero-byte download and one a page with no text: quarantined (status 1).
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    engine, factory = col.sessions()
    try:
        with factory() as session:
            quarantined = session.scalar(select(func.count()).select_from(SourceFile)
                                         .where(SourceFile.status == FileStatus.QUARANTINED))
    finally:
        engine.dispose()
    _assert_consistent(col, 150, 150 - quarantined)
