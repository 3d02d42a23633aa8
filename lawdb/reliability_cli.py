"""Commands that keep a collection trustworthy: ``lawdb check``, ``lawdb backup``, ``lawdb restore``.

Thin layers over :mod:`lawdb.services.check` and :mod:`lawdb.services.backup`;
``lawdb rebuild`` re-ingests, so it lives with the ingest commands.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def register(group: click.Group) -> None:
    """Add the reliability commands to the ``lawdb`` group."""
    group.add_command(check_command)
    group.add_command(backup_command)
    group.add_command(restore_command)


@click.command("check")
@click.option("--repair", is_flag=True,
              help="Put right what can be (re-index through the outbox, re-link citations, rewrite "
              "sidecars, remove old temporary files) and list what cannot.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--quick", is_flag=True, help="Check originals by size only, without hashing them.")
@click.option("--outbox-age", type=float, default=300.0, show_default=True,
              help="Seconds after which queued index work counts as stuck.")
@click.pass_obj
def check_command(obj, repair: bool, as_json: bool, quick: bool, outbox_age: float) -> None:
    """Verify that the database, the stored originals and the search index agree.

    Checks every original against its SHA-256, every document against the
    index (present, at its current version, nothing extra), the outbox for
    stuck work, statute versions for overlapping periods, and citation and
    statute links. Exit status 0 when clean, 1 when problems remain.

    \b
    Example:
      lawdb check
      lawdb check --repair
      lawdb check --json --quick > check.json
    """
    from sqlalchemy.engine import make_url

    from lawdb import migrate
    from lawdb.services.check import run_check

    missing = obj.settings.is_sqlite and not Path(make_url(obj.settings.database_url).database or "").exists()
    revision = None if missing else migrate.current_revision(obj.settings.database_url)
    if revision is None:
        raise click.ClickException(f"no lawdb collection in {obj.settings.data_dir} (lawdb init?)")
    if revision != migrate.head_revision():
        raise click.ClickException(f"the database schema is at {revision}, this lawdb needs "
                                   f"{migrate.head_revision()}: run lawdb db upgrade first")
    report = run_check(obj.session_factory, obj.settings, repair=repair, verify_hashes=not quick,
                       outbox_age=outbox_age)
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, default=str))
    else:
        click.echo(report.render())
    sys.exit(0 if report.ok else 1)


@click.command("backup")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option("--timeout", type=float, default=60.0, show_default=True,
              help="Seconds to wait for the search index's write lock.")
@click.pass_obj
def backup_command(obj, dest: Path, timeout: float) -> None:
    """Take a consistent snapshot of the collection into the new folder DEST, while it runs.

    The database (SQLite's backup API, or pg_dump), the search index (copied
    under its write lock) and the originals with their sidecars, plus a
    manifest.json of versions and checksums.

    \b
    Example:
      lawdb backup /backups/lawdb-$(date +%F)
    """
    from lawdb.services.backup import BackupError, backup

    try:
        manifest = backup(obj.settings, dest, timeout=timeout,
                          say=lambda m: click.echo(m, err=True))
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    counts = manifest["counts"]
    click.echo(f"backup in {dest}: {counts['documents']} documents, "
               f"{manifest['originals']['count']} originals, schema {manifest['schema_revision']}, "
               f"index {'copied' if manifest['index'] else 'not present (restore rebuilds it)'}")


@click.command("restore")
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite a collection that is not empty.")
@click.option("--verify-only", is_flag=True, help="Check the backup's checksums; change nothing.")
@click.option("--timeout", type=float, default=60.0, show_default=True,
              help="Seconds to wait for the search index's write lock.")
@click.pass_obj
def restore_command(obj, src: Path, replace: bool, verify_only: bool, timeout: float) -> None:
    """Bring back a backup made by lawdb backup (stop the web app and workers first).

    Every checksum is verified before anything is changed. The schema is
    upgraded if the backup is older than this lawdb. The index is copied
    back, or rebuilt from the database if it does not match it.

    \b
    Example:
      lawdb --data-dir /srv/law restore /backups/lawdb-2025-01-31
      lawdb restore /backups/lawdb-2025-01-31 --verify-only
    """
    from lawdb.services.backup import BackupError, read_manifest, restore, verify

    try:
        if verify_only:
            errors = verify(src, read_manifest(src))
            for error in errors:
                click.echo(error, err=True)
            click.echo("backup damaged" if errors else "backup intact: every checksum matches")
            sys.exit(1 if errors else 0)
        result = restore(obj.settings, src, replace=replace, timeout=timeout,
                         say=lambda m: click.echo(m, err=True))
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    for note in result.notes:
        click.echo(note)
    click.echo(f"restored {result.manifest['counts']['documents']} documents and {result.originals} "
               f"originals into {obj.settings.data_dir}; index {result.index}")
