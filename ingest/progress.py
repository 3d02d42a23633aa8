"""Progress for a terminal (a tqdm bar) or a log (plain periodic lines), and the summary table."""

from __future__ import annotations

import sys
import time
from typing import TextIO

import click

from ingest.pipeline import FileReport, IngestResult, Progress


class TerminalProgress(Progress):
    """A live bar on a TTY (files, pages/s, ETA, failures so far); periodic lines otherwise."""

    def __init__(self, stream: TextIO | None = None, interval: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.interval = interval
        self.bar = None
        self.total = 0
        self.done = 0
        self.pages = 0
        self.failed = 0
        self.started = time.perf_counter()
        self.last_line = 0.0

    def start(self, total_files: int) -> None:
        self.total = total_files
        self.started = self.last_line = time.perf_counter()
        if self.tty:
            from tqdm import tqdm

            self.bar = tqdm(total=total_files, unit="file", file=self.stream, dynamic_ncols=True,
                            smoothing=0.1)
        else:
            click.echo(f"ingesting {total_files} files", file=self.stream)

    def file_done(self, report: FileReport) -> None:
        self.done += 1
        self.pages += report.pages
        if report.status == "quarantined":
            self.failed += 1
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        rate = self.pages / elapsed
        if self.bar is not None:
            self.bar.set_postfix_str(f"{rate:.0f} pages/s, {self.failed} failed", refresh=False)
            self.bar.update(1)
            if report.status == "quarantined":
                self.bar.write(f"quarantined {report.path}: {report.code}: {report.message}",
                               file=self.stream)
            return
        now = time.perf_counter()
        if report.status == "quarantined":
            click.echo(f"quarantined {report.path}: {report.code}: {report.message}",
                       file=self.stream)
        if now - self.last_line >= self.interval or self.done == self.total:
            self.last_line = now
            eta = (self.total - self.done) * elapsed / self.done if self.done else 0
            click.echo(f"{self.done}/{self.total} files, {self.pages} pages, {rate:.0f} pages/s, "
                       f"{self.failed} failed, ETA {eta:.0f} s", file=self.stream)

    def finish(self, result: IngestResult) -> None:
        if self.bar is not None:
            self.bar.close()


def summary_table(result: IngestResult) -> str:
    """The closing summary: counts by outcome, quarantine codes, pages, speed."""
    s = result.summary()
    rows = [
        ("files", s["files"]),
        ("ingested", s["ingested"]),
        ("duplicates", s["duplicates"]),
        ("quarantined", s["quarantined"]),
        *[(f"  {code}", n) for code, n in s["quarantined_by_code"].items()],
        ("pages", s["pages"]),
        ("OCR pages", s["ocr_pages"]),
        ("elapsed", f"{s['elapsed_seconds']:.1f} s"),
        ("pages/s", s["pages_per_second"] if s["pages_per_second"] is not None else "-"),
    ]
    if s["skipped_not_pdf_name"]:
        rows.append(("skipped (not *.pdf)", s["skipped_not_pdf_name"]))
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)
