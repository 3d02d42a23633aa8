"""Soak: mixed traffic against ``lawdb serve`` for a while; errors, latency and the server's memory.

N client threads (keep-alive HTTP/1.1 connections, no think time) send a mix
of requests as fast as the server answers them:

- search: the search page with a spread of queries (words, phrases, fields,
  sections, citations, prefixes, fuzzy words, sorting, second pages) and a
  few malformed queries, which must get their 400 with a message, never a 500;
- judgment: a judgment's page (text, citations, "cited by");
- api: JSON API calls (document lists, documents, pages, provisions as in
  force on a date, sentences, citation lookups, search when the API has it);
- statute: statute pages and section pages (some "as in force on" a date);
- other: home page, sentences explorer, document list, health check;
- upload: one PDF a minute through ``POST /api/v1/uploads`` with an API
  token; a ``lawdb worker`` started beside the server ingests it, so the
  index changes under the readers while they read.

Any 5xx, an unexpected status, a timeout or a broken connection is an
error. The server's resident memory (VmRSS from ``/proc/PID/status``) is
sampled every few seconds: at the start, after a warm-up (caches filled,
every server thread's searcher opened) and at the end.

Without ``--url`` it builds a collection of ``bulk_lhc`` (plus PECA and PPC
for the statute pages) in a temporary folder (or ``--data-dir``, kept and
reused), starts ``lawdb serve`` and ``lawdb worker`` there and stops them at
the end. With ``--url`` it drives a server already running (give
``--token`` for uploads and ``--pid`` for its memory).

Usage:
  python benchmarks/soak.py --clients 16 --duration 600
  python benchmarks/soak.py --duration 10 --clients 4 --limit 4     # a smoke run
  python benchmarks/soak.py --url http://127.0.0.1:5000 --token lawdb_... --pid 1234

Exit status 0 when no request failed, 1 otherwise. Standard library only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import serving

KINDS = ["search", "judgment", "api", "statute", "other", "upload"]
MIX = {"search": 35, "judgment": 25, "api": 20, "statute": 15, "other": 5}
QUERIES = [
    "bail", "appeal dismissed", '"benefit of doubt"', '"learned counsel for the petitioner"',
    "court:LHC year:2024", "court:LHC seat:Multan", "u/s 302 PPC", "section 22 of PECA", "292-C PPC",
    "section:PPC:302", "statute:PECA", "FIR delay", "acquitted NOT bail", "(bail OR parole) court:LHC",
    "convict*", "judg* AND appeal", "raep~1", "compromise~2", "kind:judgment year:[2023 TO 2024]",
    "outcome:dismissed", "punishment:fine", "witness testimony", "quash FIR 561-A",
    '"first information report"~3', "khula", "narcotics 9(c) CNSA", "date:2024-09",
]
BAD_QUERIES = ["bail AND", "(bail OR parole", "year:20x4", "foo:bar", "o*"]
SEARCH_EXTRAS = ["", "", "", "&sort=date", "&sort=cited", "&page=2", "&sort=date_asc"]
LOOKUP_TEXT = ("As held in 2019 SCMR 1234 and P L D 2015 Supreme Court 396, and followed in "
               "2024 LHC 6559, the benefit of doubt goes to the accused. See also 2023 YLR 1042.")


@dataclass
class Targets:
    """What there is to ask for, found from the server itself."""

    documents: list[tuple[int, int]] = field(default_factory=list)  # (id, pages)
    citations: list[str] = field(default_factory=list)
    statutes: list[int] = field(default_factory=list)
    sections: list[tuple[int, str]] = field(default_factory=list)  # (statute id, label)
    search_page: bool = False
    search_api: bool = False

    @classmethod
    def discover(cls, url: str) -> Targets:
        found = cls()
        page = 1
        while True:
            body = serving.get_json(f"{url}/api/v1/documents?page_size=100&page={page}")
            for item in body["documents"]:
                if item["kind"] == "judgment":
                    found.documents.append((item["id"], item.get("page_count") or 1))
                    found.citations.extend(item.get("citations") or [])
            if len(body["documents"]) < 100:
                break
            page += 1
        for statute in serving.get_json(f"{url}/api/v1/statutes")["statutes"]:
            found.statutes.append(statute["id"])
            tree = serving.get_json(f"{url}/api/v1/statutes/{statute['id']}")
            labels = [p["label"] for p in tree.get("provisions", [])
                      if p.get("kind") == "section" and p.get("label")]
            found.sections.extend((statute["id"], label) for label in labels[:300])
        found.search_page = _status(f"{url}/search?q=bail") == 200
        found.search_api = _status(f"{url}/api/v1/search?q=bail") == 200
        if not found.documents:
            raise SystemExit(f"{url} holds no judgments to read")
        return found


def _status(url: str) -> int:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


@dataclass
class Request:
    kind: str
    method: str
    path: str
    expect: tuple[int, ...] = (200,)
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


def _q(query: str) -> str:
    return urllib.parse.quote(query, safe="")


def next_request(rng: random.Random, t: Targets) -> Request:
    """One request of the mix."""
    kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    doc_id, pages = rng.choice(t.documents)
    if kind == "search" and not t.search_page:
        kind = "api"
    if kind == "statute" and not t.sections:
        kind = "judgment"
    if kind == "search":
        if rng.random() < 0.05:
            return Request("search", "GET", f"/search?q={_q(rng.choice(BAD_QUERIES))}", (400,))
        query = rng.choice(QUERIES + t.citations[:50]) if rng.random() < 0.9 else f"id:{doc_id}"
        return Request("search", "GET", f"/search?q={_q(query)}{rng.choice(SEARCH_EXTRAS)}")
    if kind == "judgment":
        return Request("judgment", "GET", f"/documents/{doc_id}")
    if kind == "statute":
        statute_id, label = rng.choice(t.sections)
        roll = rng.random()
        if roll < 0.6:
            return Request("statute", "GET", f"/statutes/{statute_id}/section/{_q(label)}")
        if roll < 0.85:
            when = f"{rng.randint(2010, 2025)}-{rng.randint(1, 12):02d}-01"
            return Request("statute", "GET", f"/statutes/{statute_id}/section/{_q(label)}?as_at={when}")
        if roll < 0.95:
            return Request("statute", "GET", f"/statutes/{statute_id}")
        return Request("statute", "GET", "/statutes")
    if kind == "api":
        roll = rng.random()
        if roll < 0.2:
            return Request("api", "GET", f"/api/v1/documents/{doc_id}")
        if roll < 0.4:
            return Request("api", "GET", f"/api/v1/documents/{doc_id}/pages/{rng.randint(1, pages)}")
        if roll < 0.5:
            return Request("api", "GET", f"/api/v1/documents?page={rng.randint(1, 2)}&page_size=20")
        if roll < 0.6:
            return Request("api", "GET", "/api/v1/sentences?page_size=20")
        if roll < 0.7:
            return Request("api", "POST", "/api/v1/citations/lookup",
                           body=json.dumps({"text": LOOKUP_TEXT}).encode(),
                           headers={"Content-Type": "application/json"})
        if roll < 0.8 and t.sections:
            statute_id, label = rng.choice(t.sections)
            return Request("api", "GET", f"/api/v1/statutes/{statute_id}/provisions/{_q(label)}"
                                         f"?as_at={rng.randint(2015, 2025)}-06-30")
        if t.search_api:
            return Request("api", "GET", f"/api/v1/search?q={_q(rng.choice(QUERIES))}")
        return Request("api", "GET", f"/api/v1/documents/{doc_id}")
    return Request("other", "GET", rng.choice(["/", "/sentences", "/documents", "/healthz", "/search"]))


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, problem: str | None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if problem is not None:
                self.errors[kind] += 1
                if len(self.samples) < 20:
                    self.samples.append(problem)


class Client:
    """One keep-alive connection, reopened after any failure."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None

    def send(self, req: Request) -> tuple[int, bytes]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.conn.request(req.method, req.path, body=req.body, headers=req.headers)
            response = self.conn.getresponse()
            body = response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, body
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def exchange(client: Client, req: Request, stats: Stats) -> tuple[int, bytes]:
    started = time.perf_counter()
    status, body, problem = 0, b"", None
    try:
        status, body = client.send(req)
        if status not in req.expect:
            problem = f"{req.method} {req.path}: {status} (expected {req.expect}) {body[:200]!r}"
    except Exception as exc:  # a timeout, a refused or reset connection
        problem = f"{req.method} {req.path}: {type(exc).__name__}: {exc}"
    stats.record(req.kind, time.perf_counter() - started, problem)
    return status, body


def client_loop(url: str, targets: Targets, stats: Stats, stop: threading.Event, seed: int,
                timeout: float) -> None:
    rng = random.Random(seed)
    client = Client(url, timeout)
    while not stop.is_set():
        exchange(client, next_request(rng, targets), stats)
    client.close()


def multipart(path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{path.name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n").encode()
    return head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode(), boundary


@dataclass
class Uploads:
    sent: int = 0
    done: int = 0
    failed: int = 0
    pending: int = 0
    ingest_seconds: list[float] = field(default_factory=list)


def upload_loop(url: str, token: str, files: list[Path], every: float, stats: Stats, stop: threading.Event,
                uploads: Uploads, timeout: float) -> None:
    """One upload every ``every`` seconds; follows each job until the worker has ingested it."""
    client = Client(url, timeout)
    auth = {"Authorization": f"Bearer {token}"}
    jobs: dict[int, float] = {}
    n = 0
    next_upload = time.monotonic() + min(every, 5.0)
    while not stop.wait(0.5):
        if files and time.monotonic() >= next_upload:
            path = files[n % len(files)]
            n += 1
            body, boundary = multipart(path)
            status, answer = exchange(client, Request(
                "upload", "POST", "/api/v1/uploads", (202,), body,
                {**auth, "Content-Type": f"multipart/form-data; boundary={boundary}"}), stats)
            uploads.sent += 1
            if status == 202:
                for job in json.loads(answer)["jobs"]:
                    jobs[job["id"]] = time.monotonic()
            next_upload += every
        for job_id, since in list(jobs.items()):
            status, answer = exchange(client, Request("upload", "GET", f"/api/v1/jobs/{job_id}",
                                                      headers=auth), stats)
            state = json.loads(answer).get("status") if status == 200 else None
            if state in ("done", "failed"):
                del jobs[job_id]
                uploads.ingest_seconds.append(time.monotonic() - since)
                if state == "done":
                    uploads.done += 1
                else:
                    uploads.failed += 1
    uploads.pending = len(jobs)
    client.close()


def memory_loop(pid: int | None, samples: list[tuple[float, float]], stop: threading.Event,
                started: float, every: float) -> None:
    while pid is not None:
        mb = serving.rss_mb(pid)
        if mb is not None:
            samples.append((time.monotonic() - started, mb))
        if stop.wait(every):
            break
    if pid is not None and (mb := serving.rss_mb(pid)) is not None:
        samples.append((time.monotonic() - started, mb))


def _loadavg() -> float:
    """The machine's one-minute load average (0 where /proc is missing)."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0


def report(stats: Stats, elapsed: float, clients: int, memory: list[tuple[float, float]], warmup: float,
           uploads: Uploads, targets: Targets, args) -> dict:
    total = sum(len(v) for v in stats.latencies.values())
    errors = sum(stats.errors.values())
    print(f"\n{total:,} requests in {elapsed:.0f} s from {clients} clients: "
          f"{total / elapsed:.1f} requests/s, {errors} errors")
    print(f"{'kind':<10} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8}")
    kinds = {}
    for kind in KINDS:
        lat = stats.latencies.get(kind, [])
        if not lat:
            continue
        row = {"requests": len(lat), "errors": stats.errors.get(kind, 0),
               "p50_ms": round(serving.percentile(lat, 50) * 1000, 1),
               "p95_ms": round(serving.percentile(lat, 95) * 1000, 1),
               "p99_ms": round(serving.percentile(lat, 99) * 1000, 1),
               "max_ms": round(max(lat) * 1000, 1)}
        kinds[kind] = row
        print(f"{kind:<10} {row['requests']:>9,} {row['errors']:>7} {row['p50_ms']:>8} {row['p95_ms']:>8} "
              f"{row['p99_ms']:>8} {row['max_ms']:>8}")
    if not targets.search_page:
        print("note: the server has no /search page; search traffic went to the API instead")
    print(f"uploads: {uploads.sent} sent, {uploads.done} ingested, {uploads.failed} failed, "
          f"{uploads.pending} still queued at the end"
          + (f"; upload to searchable job done in {serving.percentile(uploads.ingest_seconds, 50):.1f} s "
             f"(median)" if uploads.ingest_seconds else ""))
    result = {"clients": clients, "seconds": round(elapsed, 1), "requests": total, "errors": errors,
              "requests_per_second": round(total / elapsed, 1), "kinds": kinds,
              "uploads": {"sent": uploads.sent, "done": uploads.done, "failed": uploads.failed,
                          "pending": uploads.pending}, "error_samples": stats.samples}
    if memory:
        start_mb = memory[0][1]
        warm = next((mb for t, mb in memory if t >= warmup), memory[-1][1])
        end_mb, peak = memory[-1][1], max(mb for _t, mb in memory)
        growth = (end_mb - warm) / warm * 100
        print(f"server RSS: {start_mb:.0f} MB at the start, {warm:.0f} MB after {warmup:.0f} s of warm-up, "
              f"{end_mb:.0f} MB at the end (peak {peak:.0f} MB)")
        print(f"memory growth after warm-up: {growth:+.1f}% (from the start: "
              f"{(end_mb - start_mb) / start_mb * 100:+.1f}%)")
        trend = ", ".join(f"{t:.0f}s {mb:.0f}" for t, mb in memory[:: max(1, len(memory) // 12)])
        print(f"RSS samples (s MB): {trend}")
        result["memory_mb"] = {"start": round(start_mb, 1), "after_warmup": round(warm, 1),
                               "end": round(end_mb, 1), "peak": round(peak, 1),
                               "growth_after_warmup_percent": round(growth, 1),
                               "growth_from_start_percent": round((end_mb - start_mb) / start_mb * 100, 1)}
    else:
        print("server RSS: not measured (give --pid for a server this did not start)")
    loads = [f"{a:.1f}" for a in (args.load_start, _loadavg())]
    print(f"machine: {os.cpu_count()} cores, load average {loads[0]} at the start and {loads[1]} at the end "
          "(server, clients and worker share them)")
    result["machine"] = {"cores": os.cpu_count(), "load_start": args.load_start, "load_end": _loadavg()}
    for sample in stats.samples[:10]:
        print(f"  error: {sample}")
    verdict = "PASS" if errors == 0 else "FAIL"
    print(f"soak {verdict}: {errors} errors")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=600, help="seconds of traffic")
    parser.add_argument("--url", help="drive this running server instead of starting one")
    parser.add_argument("--token", help="API token for uploads (with --url)")
    parser.add_argument("--pid", type=int, help="process id of the --url server, for its memory")
    parser.add_argument("--data-dir", type=Path,
                        help="collection to build or reuse (default: a temporary one)")
    parser.add_argument("--corpus", type=Path, default=serving.CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N PDFs of the corpus")
    parser.add_argument("--statutes", type=Path, nargs="*", default=serving.STATUTES,
                        help="statute PDFs to add for the statute pages (default: PECA and PPC)")
    parser.add_argument("--uploads", type=Path, default=serving.SHARED / "corpus" / "pk_judgments",
                        help="folder of PDFs to upload, one at a time")
    parser.add_argument("--upload-every", type=float, default=60, help="seconds between uploads (0: none)")
    parser.add_argument("--threads", type=int, default=8, help="server threads (lawdb serve --threads)")
    parser.add_argument("--warmup", type=float, help="seconds before memory counts as warm (default: 10%%)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a request may take")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    warmup = args.warmup if args.warmup is not None else min(60.0, args.duration / 10)

    started_here: list[serving.Process] = []
    tmp = None
    try:
        if args.url:
            url, token, pid = args.url.rstrip("/"), args.token, args.pid
        else:
            data = args.data_dir
            if data is None:
                tmp = tempfile.TemporaryDirectory(prefix="lawdb-soak-")
                data = Path(tmp.name) / "data"
            files = sorted(args.corpus.glob("*.pdf"))[: args.limit]
            files += [p for p in args.statutes if p.exists()]
            serving.prepare(data, files)
            token = serving.api_token(data)
            server = serving.serve(data, threads=args.threads)
            started_here.append(server)
            started_here.append(serving.start_worker(data))
            url, pid = server.url, server.pid
            print(f"lawdb serve (pid {pid}, {args.threads} threads) at {url} over {data}; "
                  "lawdb worker beside it")
        targets = Targets.discover(url)
        upload_files = sorted(args.uploads.glob("*.pdf")) if args.uploads and args.uploads.is_dir() else []
        uploading = bool(token and args.upload_every and upload_files)
        print(f"{len(targets.documents)} judgments, {len(targets.sections)} statute sections; "
              f"{args.clients} clients for {args.duration:g} s; "
              + (f"one upload every {args.upload_every:g} s" if uploading else "no uploads"))

        args.load_start = _loadavg()
        stats, uploads, memory = Stats(), Uploads(), []
        stop = threading.Event()
        t0 = time.monotonic()
        threads = [threading.Thread(target=memory_loop, args=(pid, memory, stop, t0, 5.0), daemon=True)]
        threads += [threading.Thread(target=client_loop, daemon=True, args=(
            url, targets, stats, stop, args.seed * 1000 + i, args.timeout)) for i in range(args.clients)]
        if uploading:
            threads.append(threading.Thread(target=upload_loop, daemon=True, args=(
                url, token, upload_files, args.upload_every, stats, stop, uploads, args.timeout)))
        for thread in threads:
            thread.start()
        try:
            while time.monotonic() - t0 < args.duration:
                time.sleep(min(1.0, args.duration - (time.monotonic() - t0)) if args.duration > 0 else 0)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=args.timeout + 10)
        elapsed = time.monotonic() - t0
        result = report(stats, elapsed, args.clients, memory, warmup, uploads, targets, args)
        if args.json:
            args.json.write_text(json.dumps(result, indent=2) + "\n")
        return 0 if result["errors"] == 0 else 1
    finally:
        for process in reversed(started_here):
            process.stop()
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
