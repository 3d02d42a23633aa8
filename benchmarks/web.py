"""Web benchmark with wrk: requests/s and latency of lawdb's pages against a static file.

Starts ``lawdb serve`` over a collection (``bulk_lhc`` plus PECA and PPC,
built in a temporary folder, or ``--data-dir``, kept and reused; or
``--url`` for a running server) and runs ``wrk`` for ``--duration`` seconds
with ``--connections`` connections against:

- home: ``/``
- search: the search page, cycling through a dozen queries (words,
  phrases, fields, sections, citations, prefixes), facets and snippets on;
  skipped with a note when the server has no ``/search``
- judgment: judgment pages (twenty around the median length, in turn)
- section: a statute section page (PPC 302 when held), as in force today
- api: ``/api/v1/documents/<id>`` (the same judgments as JSON)

The reference, in the same run: the median judgment page's bytes saved as a
static file and served by the same WSGI server (waitress, same thread
count) with no work per request, the fastest lawdb's stack can answer
anything that size. Its figures and each endpoint's ratio to it are
printed. ``python -m http.server`` serving the same file is printed too,
for scale.

Needs wrk (``apt-get install wrk``). Usage:
  python benchmarks/web.py                       # 30 s per endpoint, 16 connections
  python benchmarks/web.py --duration 5 --limit 10
  python benchmarks/web.py --url http://127.0.0.1:5000
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import serving

SEARCHES = ['"benefit of doubt"', "bail", "u/s 302 PPC", "court:LHC year:2024", "appeal dismissed",
            "section 22 of PECA", "convict*", "FIR delay", "(bail OR parole) court:LHC", "raep~1",
            "outcome:dismissed", '"learned counsel for the petitioner"']

#: wrk script: cycle through paths (one per line in WRK_PATHS) and print the figures as JSON.
LUA = textwrap.dedent("""\
    local paths = {}
    local f = io.open(os.getenv("WRK_PATHS"), "r")
    for line in f:lines() do paths[#paths + 1] = line end
    f:close()
    local n = 0
    request = function()
      n = n + 1
      return wrk.format("GET", paths[(n % #paths) + 1])
    end
    done = function(summary, latency, requests)
      local e = summary.errors
      io.write("WRKJSON ", string.format(
        '{"requests": %d, "seconds": %.3f, "bytes": %d, "connect": %d, "read": %d, "write": %d, ' ..
        '"status": %d, "timeout": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}',
        summary.requests, summary.duration / 1e6, summary.bytes, e.connect, e.read, e.write, e.status,
        e.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000), "\\n")
    end
""")

STATIC_APP = textwrap.dedent("""\
    import sys
    from waitress import serve
    body = open(sys.argv[1], "rb").read()
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
    def app(environ, start_response):
        start_response("200 OK", headers)
        return [body]
    serve(app, host="127.0.0.1", port=int(sys.argv[2]), threads=int(sys.argv[3]), ident="static")
""")


def wrk(base: str, paths: list[str], args, work: Path) -> dict:
    listing = work / "paths.txt"
    listing.write_text("\n".join(paths) + "\n")
    script = work / "bench.lua"
    script.write_text(LUA)
    done = subprocess.run(
        ["wrk", "-t", str(args.wrk_threads), "-c", str(args.connections), "-d", f"{args.duration:g}s",
         "--timeout", "30s", "-s", str(script), base + paths[0]],
        capture_output=True, text=True, env={**serving.clean_env(), "WRK_PATHS": str(listing)},
        timeout=args.duration + 120)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("WRKJSON ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed ({done.returncode}): {done.stdout[-2000:]}{done.stderr[-2000:]}")
    figures = json.loads(line[len("WRKJSON "):])
    figures["rps"] = figures["requests"] / figures["seconds"] if figures["seconds"] else 0.0
    figures["errors"] = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return figures


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def choose_targets(url: str) -> dict[str, list[str]]:
    """Paths per endpoint, from what the server holds."""
    documents = []
    page = 1
    while True:
        body = serving.get_json(f"{url}/api/v1/documents?kind=judgment&page_size=100&page={page}")
        documents += body["documents"]
        if len(body["documents"]) < 100:
            break
        page += 1
    if not documents:
        raise SystemExit(f"{url} holds no judgments")
    documents.sort(key=lambda d: (d.get("page_count") or 0, d["id"]))
    middle = len(documents) // 2
    judgment = documents[middle]["id"]
    # twenty judgments around the median length, the median one first (its bytes are the static file)
    around = [d["id"] for d in documents[max(0, middle - 10): middle + 10] if d["id"] != judgment]
    judgments = [judgment, *around][:20]
    targets = {"home": ["/"]}
    try:
        with urllib.request.urlopen(f"{url}/search?q=bail", timeout=120) as response:
            has_search = response.status == 200
    except OSError:
        has_search = False
    if has_search:
        targets["search"] = ["/search?q=" + urllib.parse.quote(q, safe="") for q in SEARCHES]
    else:
        print("note: the server has no /search page yet; the search endpoint is skipped")
    targets["judgment"] = [f"/documents/{i}" for i in judgments]
    section = None
    for statute in serving.get_json(f"{url}/api/v1/statutes")["statutes"]:
        tree = serving.get_json(f"{url}/api/v1/statutes/{statute['id']}")
        labels = [p["label"] for p in tree.get("provisions", []) if p.get("kind") == "section"]
        if "302" in labels:
            section = (statute["id"], "302")
            break
        if labels and section is None:
            section = (statute["id"], labels[len(labels) // 2])
    if section is not None:
        targets["section"] = [f"/statutes/{section[0]}/section/{urllib.parse.quote(section[1], safe='')}"]
    else:
        print("note: no statute in the collection; the section endpoint is skipped")
    targets["api"] = [f"/api/v1/documents/{i}" for i in judgments]
    return targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=30, help="seconds of wrk per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8, help="server threads (lawdb serve --threads)")
    parser.add_argument("--url", help="a running lawdb server instead of starting one")
    parser.add_argument("--data-dir", type=Path, help="collection to build or reuse (default: temporary)")
    parser.add_argument("--corpus", type=Path, default=serving.CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N PDFs of the corpus")
    parser.add_argument("--statutes", type=Path, nargs="*", default=serving.STATUTES)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")

    started: list[serving.Process] = []
    with tempfile.TemporaryDirectory(prefix="lawdb-web-") as tmp:
        work = Path(tmp)
        try:
            if args.url:
                url = args.url.rstrip("/")
            else:
                data = args.data_dir or work / "data"
                files = sorted(args.corpus.glob("*.pdf"))[: args.limit]
                serving.prepare(data, files + [p for p in args.statutes if p.exists()])
                server = serving.serve(data, threads=args.threads)
                started.append(server)
                url = server.url
            targets = choose_targets(url)
            page = fetch(url + targets["judgment"][0])
            static = work / "judgment.html"
            static.write_bytes(page)
            print(f"server {url} ({args.threads} threads); wrk: {args.connections} connections, "
                  f"{args.wrk_threads} threads, {args.duration:g} s per endpoint; "
                  f"judgment page {len(page):,} bytes")

            port = serving.free_port()
            reference = serving.Process(subprocess.Popen(
                [sys.executable, "-c", STATIC_APP, str(static), str(port), str(args.threads)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), f"http://127.0.0.1:{port}")
            started.append(reference)
            serving.wait_until_up(reference.url + "/", reference.proc)
            port2 = serving.free_port()
            plain = serving.Process(subprocess.Popen(
                [sys.executable, "-m", "http.server", str(port2), "--bind", "127.0.0.1", "--directory", tmp],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), f"http://127.0.0.1:{port2}")
            started.append(plain)
            serving.wait_until_up(plain.url + "/judgment.html", plain.proc)

            results: dict[str, dict] = {}
            results["static (waitress)"] = wrk(reference.url, ["/judgment.html"], args, work)
            for name, paths in targets.items():
                results[name] = wrk(url, paths, args, work)
                print(f"  {name}: {results[name]['rps']:.1f} requests/s", flush=True)
            results["static (http.server)"] = wrk(plain.url, ["/judgment.html"], args, work)
        finally:
            for process in reversed(started):
                process.stop()

    base = results["static (waitress)"]["rps"]
    print(f"\n{'endpoint':<22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} "
          f"{'vs static':>10}")
    for name, r in results.items():
        ratio = r["rps"] / base if base else 0.0
        print(f"{name:<22} {r['rps']:>8.1f} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} "
              f"{r['errors']:>7} {ratio:>9.3f}x")
    paths = {name: paths for name, paths in targets.items()}
    print("paths: " + "; ".join(f"{n} {p[0]}" + (f" (+{len(p) - 1} more)" if len(p) > 1 else "")
                                for n, p in paths.items()))
    if args.json:
        args.json.write_text(json.dumps({"results": results, "paths": paths, "page_bytes": len(page)},
                                        indent=2) + "\n")
    failed = [n for n, r in results.items() if r["errors"]]
    if failed:
        print(f"errors in: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
