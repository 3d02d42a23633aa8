"""What the web benchmarks share: a collection to serve, ``lawdb serve`` in a process, its memory.

Used by ``benchmarks/soak.py`` and ``benchmarks/web.py``; standard library
only, and ``lawdb`` only as a command, so the figures are those of the real
server process.
"""

from __future__ import annotations

import json
import math
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAWDB_SHARED_DIR", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "bulk_lhc"
#: Statutes the judgments of bulk_lhc cite most, so statute pages have sections and citing judgments.
STATUTES = [SHARED / "corpus" / "pk_statutes" / "PECA_2016_as_amended_2023_2025.pdf",
            SHARED / "corpus" / "pk_statutes" / "PPC_1860_as_amended_to_Nov2025.pdf"]
LAWDB = str(Path(sys.executable).with_name("lawdb"))
USER = "soak"
PASSWORD = "soak-benchmark-password-1"


def clean_env() -> dict[str, str]:
    """The environment without ``LAWDB_*`` settings, so ``--data-dir`` alone decides."""
    return {k: v for k, v in os.environ.items() if not k.startswith("LAWDB_")}


def lawdb(data: Path, *args: str, stdin: str | None = None, timeout: float = 3600) -> str:
    """Run ``lawdb --data-dir DATA ARGS``; its stdout, or SystemExit with its stderr."""
    done = subprocess.run([LAWDB, "--data-dir", str(data), *args], input=stdin, env=clean_env(),
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode not in (0, 1):  # 1: some files quarantined (bulk_lhc has an empty one)
        raise SystemExit(f"lawdb {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def prepare(data: Path, files: list[Path], workers: int = 2, log=print) -> None:
    """Make ``data`` a collection holding ``files`` (skipped when it already holds documents)."""
    marker = data / "lawdb.sqlite3"
    if marker.exists() and (data / "index" / "CURRENT").exists():
        log(f"using the collection already in {data}")
        return
    started = time.perf_counter()
    lawdb(data, "init")
    lawdb(data, "ingest", "--quiet", "-j", str(workers), *map(str, files))
    log(f"ingested {len(files)} files into {data} in {time.perf_counter() - started:.0f} s")


def api_token(data: Path) -> str:
    """An API token for the benchmark's user (made on first use)."""
    users = lawdb(data, "user", "list")
    if not any(line.split()[:1] == [USER] for line in users.splitlines()):
        lawdb(data, "user", "add", USER, "--password-stdin", stdin=PASSWORD + "\n")
    return lawdb(data, "user", "token", USER, "--name", "benchmark").splitlines()[0].strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str, timeout: float = 60):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


def wait_until_up(url: str, proc: subprocess.Popen | None = None, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"the server exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{url} did not answer within {timeout:g} s")
        time.sleep(0.2)


@dataclass
class Process:
    """A server (or worker) process started here; ``stop()`` ends it."""

    proc: subprocess.Popen
    url: str = ""

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def serve(data: Path, threads: int = 8, port: int | None = None) -> Process:
    """``lawdb serve`` on a free local port, answering before this returns."""
    port = port or free_port()
    proc = subprocess.Popen([LAWDB, "--data-dir", str(data), "serve", "--port", str(port),
                             "--threads", str(threads)], env=clean_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Process(proc, f"http://127.0.0.1:{port}")
    try:
        wait_until_up(server.url + "/healthz", proc)
    except BaseException:
        server.stop()
        raise
    return server


def start_worker(data: Path, poll: float = 1.0) -> Process:
    """``lawdb worker``, so uploads are ingested while the benchmark runs."""
    proc = subprocess.Popen([LAWDB, "--data-dir", str(data), "worker", "--poll", str(poll), "--no-ocr"],
                            env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return Process(proc)


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB, from /proc/PID/status (VmRSS); None where unavailable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (0-100) by nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]
