"""Commands of the ingest layer: ``lawdb ingest`` and ``lawdb worker``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from lawdb.store import FileStore


def register(group: click.Group) -> None:
    """Add the ingest commands to the ``lawdb`` group (entry point ``lawdb.commands``)."""
    from ingest.rebuild import rebuild_command

    group.add_command(ingest)
    group.add_command(worker)
    group.add_command(reparse)
    group.add_command(rebuild_command)


def _size(value: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    value = value.strip().lower().rstrip("b")
    if value and value[-1] in units:
        return int(float(value[:-1]) * units[value[-1]])
    return int(value)


@click.command()
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=os.cpu_count() or 1,
              show_default="CPU count", help="Extraction processes.")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV or JSON of known metadata per file (kind, title, court, date, "
              "citation, language, password); its values win over extraction.")
@click.option("--password", help="Password for encrypted PDFs (a manifest may give one per file).")
@click.option("--retry-failed", is_flag=True, help="Try again files quarantined by earlier runs.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a JSON report of every file (status, code, message, pages, seconds).")
@click.option("--quiet", "-q", is_flag=True, help="No progress; only the summary and errors.")
@click.option("--no-ocr", is_flag=True, help="Never OCR; pages without text are left empty.")
@click.option("--ocr-languages", default="eng", show_default=True,
              help="Tesseract languages for scanned pages (Urdu pages use urd automatically).")
@click.option("--max-pages", type=int, default=5000, show_default=True,
              help="Quarantine PDFs with more pages (too_many_pages).")
@click.option("--max-size", default="1G", show_default=True,
              help="Quarantine files larger than this (too_large), e.g. 500M.")
@click.option("--timeout", type=float, default=3600, show_default=True,
              help="Seconds one file may take before it is stopped (timeout).")
@click.option("--no-wait", is_flag=True,
              help="If another ingest is running into this collection, refuse (exit status 3) "
              "instead of waiting for it to finish.")
@click.pass_obj
def ingest(obj, paths, workers, manifest, password, retry_failed, report, quiet, no_ocr,
           ocr_languages, max_pages, max_size, timeout, no_wait) -> None:
    """Ingest PDFs from files and folders (recursively), keeping every original.

    Each file ends ingested, duplicate (same bytes already in the collection)
    or quarantined with a reason; the batch always goes on. Safe to interrupt
    and run again: nothing is added twice.

    One ingest runs into a collection at a time: a second one waits for the
    first to finish (or, with --no-wait, refuses).

    Exit status: 0 when every file was ingested or a duplicate, 1 when some
    were quarantined, 2 on a usage error, 3 when --no-wait found another
    ingest running.

    \b
    Example:
      lawdb ingest ~/judgments --workers 2 --report report.json
      lawdb ingest samples --manifest samples/manifest.csv
    """
    from ingest.manifest import ManifestError, load_manifest
    from ingest.pipeline import IngestOptions, ingest_paths
    from ingest.progress import TerminalProgress, summary_table
    from lawdb.services import setup

    try:
        loaded = load_manifest(manifest) if manifest else None
    except ManifestError as exc:
        raise click.BadParameter(str(exc), param_hint="--manifest") from None
    try:
        max_bytes = _size(max_size)
    except ValueError:
        raise click.BadParameter(f"{max_size!r} is not a size", param_hint="--max-size") from None
    setup.initialise(obj.settings)
    options = IngestOptions(workers=workers, password=password, manifest=loaded,
                            retry_failed=retry_failed, ocr=not no_ocr,
                            ocr_languages=ocr_languages, max_pages=max_pages,
                            max_bytes=max_bytes, time_limit=timeout)
    from ingest.lock import IngestLocked, ingest_lock
    from lawdb.search.sync import Drainer

    progress = None if quiet else TerminalProgress()
    # New documents become searchable while the import runs, a few seconds behind.
    drainer = Drainer(obj.session_factory, obj.settings, every=200, seconds=5)
    try:
        with ingest_lock(obj.engine, wait=0 if no_wait else None,
                         say=lambda msg: click.echo(f"lawdb: {msg}", err=True)):
            result = ingest_paths(obj.session_factory, FileStore(obj.settings.files_dir), list(paths),
                                  options, progress, on_committed=drainer)
    except IngestLocked as exc:
        click.echo(f"lawdb: {exc}; nothing was done", err=True)
        sys.exit(3)
    drainer.flush()
    if report:
        result.write_report(report)
    click.echo(summary_table(result))
    if report:
        click.echo(f"report: {report}")
    sys.exit(0 if result.all_ok else 1)


@click.command()
@click.option("--once", is_flag=True, help="Stop when the queue is empty instead of waiting.")
@click.option("--poll", type=float, default=2.0, show_default=True,
              help="Seconds between looks at an empty queue.")
@click.option("--no-ocr", is_flag=True, help="Never OCR.")
@click.pass_obj
def worker(obj, once: bool, poll: float, no_ocr: bool) -> None:
    """Ingest uploaded files waiting in the job queue (web uploads land there).

    Run one or more per machine; they share the queue through the database.

    \b
    Example:
      lawdb worker            # keep draining, Ctrl-C to stop
      lawdb worker --once     # empty the queue and exit
    """
    from ingest.pipeline import IngestOptions
    from ingest.worker import default_worker_id, run_worker
    from lawdb.services import setup

    setup.initialise(obj.settings)
    worker_id = default_worker_id()
    click.echo(f"lawdb worker {worker_id} watching {obj.settings.data_dir}", err=True)
    count = run_worker(obj.session_factory, FileStore(obj.settings.files_dir),
                       worker_id=worker_id, once=once, poll_interval=poll,
                       options=IngestOptions(workers=1, ocr=not no_ocr),
                       log=lambda msg: click.echo(msg, err=True), settings=obj.settings)
    click.echo(f"{count} jobs processed", err=True)


@click.command()
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "all_documents", is_flag=True, help="Every judgment.")
@click.option("--stale", is_flag=True, help="Judgments parsed by an older parser version.")
@click.pass_obj
def reparse(obj, ids: tuple[int, ...], all_documents: bool, stale: bool) -> None:
    """Run the judgment parser again over stored text (no PDF is read).

    Replaces each judgment's parsed facts (caption, citations, statute
    references, sentences, outcome, victims' names) and re-links citations
    across the collection. Manifest values and manual masks are kept.

    \b
    Example:
      lawdb reparse --all
      lawdb reparse 12 15
    """
    from ingest.reparse import reparse as run_reparse
    from ingest.reparse import select_documents

    if not (ids or all_documents or stale):
        raise click.UsageError("give document ids, --all or --stale")
    with obj.session_factory() as session:
        targets = select_documents(session, ids, all_documents=all_documents, stale=stale)
    missing = sorted(set(ids) - set(targets))
    if missing:
        click.echo(f"not judgments in this collection: {', '.join(map(str, missing))}", err=True)
    from tqdm import tqdm

    from lawdb.search.sync import Drainer

    drainer = Drainer(obj.session_factory, obj.settings, every=200, seconds=10)

    def done(_id: int) -> None:
        bar.update(1)
        drainer()

    with tqdm(total=len(targets), unit="doc", disable=not sys.stderr.isatty()) as bar:
        result = run_reparse(obj.session_factory, targets, on_document=done)
    drainer.flush()
    for doc_id, warnings in result.warnings.items():
        for warning in warnings:
            click.echo(f"document {doc_id}: {warning}", err=True)
    click.echo(f"reparsed {result.documents} judgments; {result.links_changed} links changed")
    sys.exit(1 if missing else 0)
