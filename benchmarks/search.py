"""Search benchmark: lawdb's search against SQLite FTS5 on the same documents and queries.

Prints figures and ratios, asserts nothing. In one run, for each size
(default 20,000 and 100,000 documents):

1. generates judgment-like documents from the vocabulary of the shared
   corpus (``../shared/corpus/bulk_lhc``, read with pypdfium2): text made of
   runs of real judgment text, a court and seat, a bench, parties, case
   numbers, an own neutral citation, citations of earlier documents (skewed,
   so some are cited often), statute sections and a date; seeded, so every
   run builds the same collection;
2. indexes them with lawdb (``WhooshBackend.rebuild``, the path of ``lawdb
   reindex --procs N``) and with SQLite FTS5 (porter + unicode61, with
   side tables for facets), reporting documents/s and MB/s of text;
3. runs a fixed mixed query set (terms, AND, phrases, proximity, fields with
   date ranges, prefixes, citations, sections), each query several times,
   with facets (kind, court, year, section, judge) and snippets on, top 10,
   and reports p50/p95/max latency overall and per query type.

Usage::

    python benchmarks/search.py                    # 20,000 and 100,000 documents
    python benchmarks/search.py --quick            # 2,000 documents, fewer repetitions
    python benchmarks/search.py --sizes 20000 --procs 2 --repeat 5
    python benchmarks/search.py --sizes 100000 --keep /tmp/bench   # keep (and reuse) the indexes
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lawdb.search.backend import CaseRef, SearchDocument, SearchRequest  # noqa: E402
from lawdb.search.whoosh_backend import WhooshBackend  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED = 20261128
MEAN_CHARS = 8250  # 165 MB / 20,000 documents, as in notes-performance.md
PAGE_CHARS = 2800

COURTS = [
    ("Lahore High Court", "LHC", ["Multan Bench", "Bahawalpur Bench", "Rawalpindi Bench", None, None], 40),
    ("Supreme Court of Pakistan", "SCP", [None], 15),
    ("Sindh High Court", "SHC", ["Sukkur Bench", "Circuit Court Hyderabad", None], 15),
    ("Islamabad High Court", "IHC", [None], 10),
    ("Peshawar High Court", "PHC", ["Mingora Bench", "Abbottabad Bench", None], 10),
    ("Balochistan High Court", "BHC", [None], 5),
    ("Federal Shariat Court", "FSC", [None], 5),
]
SECTIONS = [("PPC:302", 30), ("PPC:324", 10), ("PPC:34", 12), ("CrPC:497", 15), ("CrPC:342", 10),
            ("CrPC:161", 10), ("PPC:376", 8), ("PPC:377B", 4), ("PPC:292B", 3), ("PPC:292C", 2),
            ("PECA:20", 3), ("PECA:21", 3), ("PECA:22", 2), ("PECA:24", 2), ("CNSA:9", 8), ("ATA:7", 6),
            ("Constitution:199", 10), ("CPC:12", 4), ("QSO:129", 3), ("PPC:489F", 5), ("PPC:420", 5)]
SECTION_TEXT = {"PPC": "PPC", "CrPC": "Cr.P.C.", "PECA": "PECA 2016", "CNSA": "CNSA", "ATA": "ATA",
                "Constitution": "of the Constitution", "CPC": "CPC", "QSO": "QSO"}
CASE_TYPES = ["Crl.A.", "Crl.Misc.", "W.P.", "Crl.Rev.", "Cr.B.A.", "C.P.", "Murder Ref.", "Crl.P."]
OUTCOMES = ["dismissed", "allowed", "acquitted", "bail_granted", "bail_refused", "disposed_of",
            "sentence_modified", "remanded"]
PUNISHMENTS = ["death", "life_imprisonment", "rigorous_imprisonment", "fine", "compensation"]
KINDS = [("judgment", 92), ("statute", 2), ("ordinance", 1), ("rules", 1), ("report", 2), ("other", 2)]


# -- the vocabulary of the shared corpus -----------------------------------------------------

@dataclass
class Vocabulary:
    tokens: list[str]
    names: list[str]
    citations: list[str]
    judges: list[str]  #: a bench of 400 judges, as a superior judiciary has over the years


def read_corpus(corpus: Path, limit: int) -> Vocabulary:
    import pypdfium2 as pdfium

    texts = []
    for path in sorted(corpus.glob("*.pdf"))[:limit]:
        try:
            pdf = pdfium.PdfDocument(path)
        except Exception:
            continue
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range().replace("\x02", "").replace("\r", ""))
            textpage.close()
            page.close()
        pdf.close()
    text = "\n".join(texts)
    tokens = [t for t in re.split(r"[ \t\n]+", text) if t and len(t) < 40]
    capital = Counter(t for t in tokens if re.fullmatch(r"[A-Z][a-z]{2,14}", t))
    lower = {t for t in tokens if t.islower()}
    # capitalised words never written in lower case: names of people and places
    names = [t for t, n in capital.most_common(3000) if n >= 2 and t.lower() not in lower][:1500]
    from lawdb.legal.citations import find_citations

    citations = sorted({c.normalized for c in find_citations(text)})
    rng = random.Random(SEED)
    judges = sorted({" ".join(rng.sample(names[:600], 3)) for _ in range(400)})
    return Vocabulary(tokens, names, citations, judges)


# -- generated documents -----------------------------------------------------------------------

def _weighted(rng: random.Random, items):
    values, weights = zip(*items, strict=True)
    return rng.choices(values, weights=weights)[0]


def plan_citations(n: int, seed: int) -> tuple[list[list[int]], list[int]]:
    """Which earlier documents each document cites (skewed), and each one's cited-by count."""
    rng = random.Random(seed)
    cites: list[list[int]] = []
    counts = [0] * n
    for i in range(n):
        k = 0 if i < 10 else min(i, rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 12]))
        targets = set()
        for _ in range(k):
            # a power law over earlier documents: a few are cited very often
            targets.add(int(i * (rng.random() ** 3)))
        cites.append(sorted(targets))
        for t in targets:
            counts[t] += 1
    return cites, counts


def own_citation(i: int, year: int, court_abbr: str) -> str:
    series = {"SCP": "SCP", "LHC": "LHC", "IHC": "IHC", "SHC": "SHC", "PHC": "PHC", "BHC": "BHC"}
    return f"{year} {series.get(court_abbr, 'LHC')} {100000 + i}"


def make_document(i: int, vocab: Vocabulary, cites: list[list[int]], counts: list[int],
                  meta_cache: dict[int, tuple[int, str]]) -> SearchDocument:
    rng = random.Random(SEED * 1_000_003 + i)
    kind = _weighted(rng, KINDS)
    court, abbr, seats, _w = rng.choices(COURTS, weights=[c[3] for c in COURTS])[0]
    year, abbr_i = meta_cache[i]
    decided = date(year, rng.randint(1, 12), rng.randint(1, 28))
    names = vocab.names
    parties = [f"{rng.choice(names)} {rng.choice(names)}", rng.choice(["The State", f"{rng.choice(names)} "
                                                                      f"{rng.choice(names)}"])]
    judges = sorted({rng.choice(vocab.judges) for _ in range(rng.choice([1, 1, 2, 2, 3]))})
    sections = sorted({_weighted(rng, SECTIONS) for _ in range(rng.choice([1, 2, 2, 3, 4]))})
    case_type = rng.choice(CASE_TYPES)
    case = CaseRef(f"{case_type} No. {rng.randint(1, 99999)} of {year}", case_type, rng.randint(1, 99999),
                   rng.choice([None, None, "J", "B", "L"]), year)
    target_length = int(min(60000, max(1200, rng.lognormvariate(8.85, 0.6))))
    tokens = vocab.tokens
    pieces: list[str] = [f"IN THE {court.upper()}", f"{case.raw}.", f"{parties[0]} versus {parties[1]}.",
                         "Present: Mr. Justice " + " and Mr. Justice ".join(judges) + "."]
    length = sum(len(p) for p in pieces)
    cited = [own_citation(t, meta_cache[t][0], meta_cache[t][1]) for t in cites[i]]
    facts = [f"under section {s.split(':')[1]} {SECTION_TEXT.get(s.split(':')[0], s.split(':')[0])}"
             for s in sections] + [f"reliance is placed on {c}" for c in cited]
    while length < target_length:
        start = rng.randrange(len(tokens) - 40)
        run = " ".join(tokens[start:start + rng.randint(8, 40)])
        pieces.append(run)
        length += len(run) + 1
        if facts and rng.random() < 0.08:
            fact = facts.pop()
            pieces.append(fact)
            length += len(fact) + 1
    pieces.extend(facts)
    text = " ".join(pieces)
    pages = []
    while text:
        cut = text.rfind(" ", 0, PAGE_CHARS) if len(text) > PAGE_CHARS else len(text)
        cut = cut if cut > 0 else len(text)
        pages.append(text[:cut])
        text = text[cut:].lstrip()
    title = f"{parties[0]} v. {parties[1]}" if kind == "judgment" else f"{rng.choice(names)} Act, {year}"
    return SearchDocument(
        id=i + 1, version=1, kind=kind, title=title, pages=pages, date=decided, court=court,
        court_abbreviation=abbr, seat=rng.choice(seats), judges=judges, parties=parties,
        case_numbers=[case], citations=[own_citation(i, year, abbr_i)], cited=cited,
        cited_ids=[t + 1 for t in cites[i]], sections=sections,
        acts=sorted({s.split(":")[0] for s in sections}), outcome=rng.choice(OUTCOMES),
        punishments=sorted({rng.choice(PUNISHMENTS) for _ in range(rng.randint(0, 2))}),
        cited_by=counts[i])


class Collection:
    """A seeded collection of ``n`` documents, generated on demand (twice: lawdb and FTS5)."""

    def __init__(self, n: int, vocab: Vocabulary) -> None:
        self.n = n
        self.vocab = vocab
        self.cites, self.counts = plan_citations(n, SEED + n)
        rng = random.Random(SEED - n)
        self.meta = {}
        for i in range(n):
            court = rng.choices(COURTS, weights=[c[3] for c in COURTS])[0]
            self.meta[i] = (rng.randint(1995, 2025), court[1])

    def __iter__(self):
        for i in range(self.n):
            yield make_document(i, self.vocab, self.cites, self.counts, self.meta)

    def popular_citation(self, rank: int = 0) -> str:
        order = sorted(range(self.n), key=lambda i: -self.counts[i])
        i = order[rank]
        return own_citation(i, self.meta[i][0], self.meta[i][1])


# -- the query set ------------------------------------------------------------------------------------

def query_set(collection: Collection) -> list[tuple[str, str, str, str | None]]:
    """(type, lawdb query, FTS5 MATCH, extra SQL condition on meta) for the mixed set."""
    popular = collection.popular_citation(0)
    some = collection.popular_citation(50)
    own = own_citation(collection.n // 2, collection.meta[collection.n // 2][0],
                       collection.meta[collection.n // 2][1])
    return [
        ("term", "bail", "bail", None),
        ("term", "confession", "confession", None),
        ("term", "compromise", "compromise", None),
        ("term", "acquitted", "acquitted", None),
        ("term", "recovery", "recovery", None),
        ("term", "juvenile", "juvenile", None),
        ("and", "bail AND cancellation", "bail AND cancellation", None),
        ("and", "murder AND compromise", "murder AND compromise", None),
        ("and", "appeal AND dismissed AND evidence", "appeal AND dismissed AND evidence", None),
        ("and", "medical AND evidence AND doubt", "medical AND evidence AND doubt", None),
        ("phrase", '"benefit of doubt"', '"benefit of doubt"', None),
        ("phrase", '"learned counsel for the appellant"', '"learned counsel for the appellant"', None),
        ("phrase", '"in default of payment"', '"in default of payment"', None),
        ("phrase", '"high court"', '"high court"', None),
        ("phrase", '"reasonable doubt"', '"reasonable doubt"', None),
        ("phrase", '"rigorous imprisonment"', '"rigorous imprisonment"', None),
        ("proximity", '"recovery weapon"~10', "NEAR(recovery weapon, 10)", None),
        ("proximity", '"medical evidence"~5', "NEAR(medical evidence, 5)", None),
        ("proximity", '"sentence reduced"~3', "NEAR(sentence reduced, 3)", None),
        ("fields", "bail date:[2023-01-01 TO 2023-06-30]", "bail", "date BETWEEN 20230101 AND 20230630"),
        ("fields", 'court:"Lahore High Court" year:2020..2024', 'court:"lahore high court"',
         "year BETWEEN 2020 AND 2024"),
        ("fields", "murder court:SCP year:2015..2018", "murder AND court:scp", "year BETWEEN 2015 AND 2018"),
        ("fields", "appeal date:[2021-01-01 TO 2021-12-31]", "appeal", "date BETWEEN 20210101 AND 20211231"),
        ("fields", f'judge:"{collection.vocab.judges[7]}" petition',
         f'judges:"{collection.vocab.judges[7].lower()}" AND petition', None),
        ("prefix", "compr*", "compr*", None),
        ("prefix", "acquit*", "acquit*", None),
        ("prefix", "med*", "med*", None),
        ("prefix", "confess*", "confess*", None),
        ("citation", popular, f'citations:"{popular}" OR cited:"{popular}"', None),
        ("citation", f'cites:"{some}"', f'cited:"{some}"', None),
        ("citation", own, f'citations:"{own}" OR cited:"{own}"', None),
        ("section", "u/s 302 PPC", 'sections:"PPC 302"', None),
        ("section", "section:PECA:22", 'sections:"PECA 22"', None),
    ]


# -- lawdb ---------------------------------------------------------------------------------------------------

def index_lawdb(collection: Collection, path: Path, procs: int) -> tuple[float, int]:
    backend = WhooshBackend(path)
    chars = 0

    def docs():
        nonlocal chars
        for doc in collection:
            chars += sum(len(p.encode("utf-8")) for p in doc.pages)
            yield doc

    started = time.perf_counter()
    backend.rebuild(docs(), procs=procs)
    return time.perf_counter() - started, chars


def run_lawdb(path: Path, queries, repeat: int) -> dict[str, list[float]]:
    backend = WhooshBackend(path)
    times: dict[str, list[float]] = {"first": []}
    for q in queries:  # the first run of each query: opens the searcher, reads the columns
        started = time.perf_counter()
        backend.search(SearchRequest(q[1], facets=True))
        times["first"].append(time.perf_counter() - started)
    partial = 0
    for _ in range(repeat):
        for kind, text, _fts, _cond in queries:
            started = time.perf_counter()
            response = backend.search(SearchRequest(text, facets=True, snippets=True, page_size=10))
            elapsed = time.perf_counter() - started
            if response.error:
                raise SystemExit(f"lawdb query {text!r} failed: {response.error}")
            partial += response.partial
            times.setdefault(kind, []).append(elapsed)
            times.setdefault("q:" + text, []).append(elapsed)
    times["partial"] = [partial]
    return times


# -- SQLite FTS5 ---------------------------------------------------------------------------------------

def index_fts(collection: Collection, path: Path) -> float:
    if path.exists():
        path.unlink()
    db = sqlite3.connect(path)
    db.executescript("""
        PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
        CREATE VIRTUAL TABLE docs USING fts5(title, body, court, judges, parties, citations, cited,
            sections, cases, tokenize = 'porter unicode61 remove_diacritics 2');
        CREATE TABLE meta(rowid INTEGER PRIMARY KEY, kind TEXT, court TEXT, year INT, date INT);
        CREATE TABLE doc_judge(rowid INT, judge TEXT);
        CREATE TABLE doc_section(rowid INT, section TEXT);
    """)
    started = time.perf_counter()
    with db:
        for doc in collection:
            body = "\n\n".join(doc.pages)
            db.execute("INSERT INTO docs(rowid, title, body, court, judges, parties, citations, cited, "
                       "sections, cases) VALUES (?,?,?,?,?,?,?,?,?,?)",
                       (doc.id, doc.title, body, f"{doc.court} {doc.court_abbreviation} {doc.seat or ''}",
                        " | ".join(doc.judges), " | ".join(doc.parties), " | ".join(doc.citations),
                        " | ".join(doc.cited), " | ".join(s.replace(":", " ") for s in doc.sections),
                        " | ".join(c.raw for c in doc.case_numbers)))
            d = doc.date
            db.execute("INSERT INTO meta VALUES (?,?,?,?,?)",
                       (doc.id, doc.kind, doc.court, d.year, d.year * 10000 + d.month * 100 + d.day))
            db.executemany("INSERT INTO doc_judge VALUES (?,?)", [(doc.id, j) for j in doc.judges])
            db.executemany("INSERT INTO doc_section VALUES (?,?)", [(doc.id, s) for s in doc.sections])
        db.execute("CREATE INDEX ix_judge ON doc_judge(rowid)")
        db.execute("CREATE INDEX ix_section ON doc_section(rowid)")
        db.execute("CREATE INDEX ix_meta_date ON meta(date)")
        db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def run_fts(path: Path, queries, repeat: int) -> dict[str, list[float]]:
    db = sqlite3.connect(path)
    db.execute("CREATE TEMP TABLE hits(rowid INTEGER PRIMARY KEY)")
    times: dict[str, list[float]] = {"first": []}

    def one(match: str, cond: str | None) -> None:
        # MATCH first, then the date/year condition on the matches: letting SQLite push a rowid
        # list into FTS5 ran one full-text lookup per listed row (seconds on big ranges)
        db.execute("DELETE FROM hits")
        db.execute("INSERT INTO hits SELECT rowid FROM docs WHERE docs MATCH ?", (match,))
        if cond:
            db.execute(f"DELETE FROM hits WHERE rowid NOT IN (SELECT rowid FROM meta WHERE {cond})")
        db.execute("SELECT count(*) FROM hits").fetchone()
        db.execute("SELECT rowid, title, snippet(docs, 1, '<mark>', '</mark>', '…', 24) FROM docs "
                   "WHERE docs MATCH ? AND +rowid IN (SELECT rowid FROM hits) "
                   "ORDER BY bm25(docs, 2.5, 1.0) LIMIT 10", (match,)).fetchall()
        for column in ("kind", "court", "year"):
            db.execute(f"SELECT m.{column}, count(*) FROM hits h JOIN meta m ON m.rowid = h.rowid "
                       f"GROUP BY 1 ORDER BY 2 DESC LIMIT 20").fetchall()
        db.execute("SELECT j.judge, count(*) FROM hits h JOIN doc_judge j ON j.rowid = h.rowid "
                   "GROUP BY 1 ORDER BY 2 DESC LIMIT 15").fetchall()
        db.execute("SELECT s.section, count(*) FROM hits h JOIN doc_section s ON s.rowid = h.rowid "
                   "GROUP BY 1 ORDER BY 2 DESC LIMIT 20").fetchall()

    for _kind, _text, match, cond in queries:
        started = time.perf_counter()
        one(match, cond)
        times["first"].append(time.perf_counter() - started)
    for _ in range(repeat):
        for kind, text, match, cond in queries:
            started = time.perf_counter()
            one(match, cond)
            elapsed = time.perf_counter() - started
            times.setdefault(kind, []).append(elapsed)
            times.setdefault("q:" + text, []).append(elapsed)
    db.close()
    return times


# -- reporting ------------------------------------------------------------------------------------------

def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return 0.0
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def summary(times: dict[str, list[float]]) -> tuple[list[float], dict[str, tuple[float, float]]]:
    skip = ("partial", "first")
    all_times = [t for k, v in times.items() if not k.startswith("q:") and k not in skip for t in v]
    by_kind = {k: (statistics.median(v) * 1000, pct(v, 95) * 1000) for k, v in times.items()
               if not k.startswith("q:") and k not in skip}
    return all_times, by_kind


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="20000,100000", help="comma-separated collection sizes")
    parser.add_argument("--quick", action="store_true", help="2,000 documents, 2 repetitions")
    parser.add_argument("--procs", type=int, default=2, help="indexing processes for lawdb")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the query set per engine")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "bulk_lhc")
    parser.add_argument("--corpus-files", type=int, default=150)
    parser.add_argument("--keep", type=Path, help="keep the indexes here and reuse them in later runs")
    parser.add_argument("--show-queries", action="store_true", help="print each query's p50")
    args = parser.parse_args(argv)
    sizes = [2000] if args.quick else [int(s) for s in args.sizes.split(",")]
    repeat = 2 if args.quick else args.repeat

    started = time.perf_counter()
    vocab = read_corpus(args.corpus, args.corpus_files)
    print(f"vocabulary: {len(vocab.tokens):,} tokens, {len(set(vocab.tokens)):,} distinct, "
          f"{len(vocab.names)} names, from {args.corpus} ({time.perf_counter() - started:.1f} s)")
    for n in sizes:
        base = args.keep or Path(tempfile.mkdtemp(prefix="lawdb-bench-"))
        base.mkdir(parents=True, exist_ok=True)
        lawdb_dir, fts_path = base / f"lawdb-{n}", base / f"fts5-{n}.sqlite3"
        collection = Collection(n, vocab)
        queries = query_set(collection)
        print(f"\n== {n:,} documents ({len(queries)} queries x {repeat}, facets and snippets on, top 10)")
        if args.keep and (lawdb_dir / "CURRENT").exists() and fts_path.exists():
            print("   reusing the indexes in", base)
        else:
            shutil.rmtree(lawdb_dir, ignore_errors=True)
            seconds, size = index_lawdb(collection, lawdb_dir, args.procs)
            fts_seconds = index_fts(collection, fts_path)
            mb = size / 1e6
            print(f"   text: {mb:,.0f} MB")
            print(f"   index lawdb (Whoosh, procs={args.procs}): {seconds:7.1f} s  {n / seconds:8.0f} docs/s"
                  f"  {mb / seconds:6.2f} MB/s")
            print(f"   index SQLite FTS5:            {fts_seconds:7.1f} s  {n / fts_seconds:8.0f} docs/s"
                  f"  {mb / fts_seconds:6.2f} MB/s   (lawdb/FTS5 speed {fts_seconds / seconds:.2f}x)")
        lawdb_times = run_lawdb(lawdb_dir, queries, repeat)
        fts_times = run_fts(fts_path, queries, repeat)
        all_l, kinds_l = summary(lawdb_times)
        all_f, kinds_f = summary(fts_times)
        p50_l, p95_l, max_l = statistics.median(all_l) * 1000, pct(all_l, 95) * 1000, max(all_l) * 1000
        p50_f, p95_f, max_f = statistics.median(all_f) * 1000, pct(all_f, 95) * 1000, max(all_f) * 1000
        print(f"   {'':10} {'lawdb p50':>10} {'p95':>8} {'FTS5 p50':>10} {'p95':>8}   ms")
        for kind in kinds_l:
            print(f"   {kind:10} {kinds_l[kind][0]:10.1f} {kinds_l[kind][1]:8.1f} "
                  f"{kinds_f[kind][0]:10.2f} {kinds_f[kind][1]:8.2f}")
        print(f"   {'ALL':10} {p50_l:10.1f} {p95_l:8.1f} {p50_f:10.2f} {p95_f:8.2f}"
              f"   max lawdb {max_l:.0f} ms, FTS5 {max_f:.0f} ms")
        print(f"   ratio lawdb/FTS5: p50 {p50_l / p50_f:.1f}x, p95 {p95_l / p95_f:.1f}x; "
              f"partial results: {lawdb_times['partial'][0]}")
        first_l, first_f = lawdb_times["first"], fts_times["first"]
        ms = 1000
        print(f"   first run of each query (nothing cached): lawdb p50 {statistics.median(first_l) * ms:.1f}"
              f" p95 {pct(first_l, 95) * ms:.1f} max {max(first_l) * ms:.0f} ms; FTS5 p50 "
              f"{statistics.median(first_f) * ms:.1f} p95 {pct(first_f, 95) * ms:.1f} ms")
        target = (25, 200) if n <= 20000 else (50, 400)
        verdict = "met" if p50_l <= target[0] and p95_l <= target[1] and max_l <= 2000 else "NOT met"
        print(f"   target p50 <= {target[0]} ms, p95 <= {target[1]} ms, max <= 2000 ms: {verdict}")
        if args.show_queries:
            for key, values in lawdb_times.items():
                if key.startswith("q:"):  # p50, max, FTS5 p50
                    f = fts_times.get(key, [0])
                    print(f"      {statistics.median(values) * 1000:8.1f} {max(values) * 1000:8.1f}"
                          f" {statistics.median(f) * 1000:8.2f}  {key[2:]}")
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
