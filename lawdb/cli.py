"""The ``lawdb`` command: a thin layer over library functions.

Commands of the layers above the core (``ingest``, ``worker``, ``serve``...)
are found through the ``lawdb.commands`` entry point group, so this module
never imports :mod:`ingest` or :mod:`webui`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path

import click
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from lawdb import __version__, migrate
from lawdb.config import Settings, load_settings
from lawdb.db import make_engine, make_session_factory
from lawdb.services import setup

#: Names kept for commands that later work adds; plugins may claim them.
RESERVED_COMMANDS = (
    "ingest", "worker", "search", "export", "reindex", "rebuild", "check", "statute",
    "user", "demo", "serve", "reparse", "backup", "restore",
)


@dataclass
class CliContext:
    """What every command needs: settings, and an engine made on first use."""

    settings: Settings
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(
                self.settings.database_url, sqlite_busy_timeout=self.settings.sqlite_busy_timeout
            )
        return self._engine

    @property
    def session_factory(self) -> sessionmaker[Session]:
        return make_session_factory(self.engine)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


pass_ctx = click.make_pass_decorator(CliContext)


def safe_url(url: str) -> str:
    """The URL with any password hidden, for printing."""
    return make_url(url).render_as_string(hide_password=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="lawdb")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="LAWDB_DATA_DIR",
    help="Folder for the database, index and stored originals [env: LAWDB_DATA_DIR; "
    "default: ./lawdb-data].",
)
@click.option(
    "--database-url",
    envvar="LAWDB_DATABASE_URL",
    help="SQLAlchemy URL, e.g. postgresql://user:pw@host/lawdb [env: LAWDB_DATABASE_URL; "
    "default: a SQLite file in the data folder].",
)
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, database_url: str | None) -> None:
    """lawdb: court rulings and statutes as structured, searchable, citable law.

    \b
    Example:
      lawdb init                       # create ./lawdb-data with an empty database
      lawdb --data-dir /srv/law init  # or somewhere else
    """
    obj = CliContext(load_settings(data_dir, database_url=database_url))
    ctx.obj = obj
    ctx.call_on_close(obj.close)


@cli.command()
@pass_ctx
def init(obj: CliContext) -> None:
    """Create the data folder and bring the database to the newest schema.

    Safe to run again: an existing collection is migrated, never wiped.

    \b
    Example:
      lawdb init
      LAWDB_DATABASE_URL=postgresql://law@localhost/lawdb lawdb init
    """
    report = setup.initialise(obj.settings)
    click.echo(f"data folder: {obj.settings.data_dir}")
    click.echo(f"database:    {safe_url(obj.settings.database_url)}")
    click.echo(f"schema:      {report.before or 'empty'} -> {report.after}")
    click.echo(f"index:       {obj.settings.index_dir}")
    click.echo(f"originals:   {obj.settings.files_dir}")


@cli.group()
def db() -> None:
    """Database schema migrations (Alembic).

    \b
    Example:
      lawdb db upgrade
      lawdb db current
    """


@db.command("upgrade")
@click.argument("revision", default="head")
@pass_ctx
def db_upgrade(obj: CliContext, revision: str) -> None:
    """Migrate the database up to REVISION (default: head).

    \b
    Example:
      lawdb db upgrade
    """
    migrate.upgrade(obj.settings.database_url, revision)
    click.echo(f"at {migrate.current_revision(obj.settings.database_url)}")


@db.command("downgrade", context_settings={"ignore_unknown_options": True})
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Do not ask before dropping data.")
@pass_ctx
def db_downgrade(obj: CliContext, revision: str, yes: bool) -> None:
    """Migrate the database down to REVISION ("base" drops every lawdb table).

    REVISION is a revision id, a relative step such as -1, or "base".

    \b
    Example:
      lawdb db downgrade -1 --yes
    """
    if not yes:
        click.confirm(
            f"Downgrading {safe_url(obj.settings.database_url)} to {revision} may drop data. "
            "Continue?",
            abort=True,
        )
    migrate.downgrade(obj.settings.database_url, revision)
    click.echo(f"at {migrate.current_revision(obj.settings.database_url) or 'base'}")


@db.command("current")
@pass_ctx
def db_current(obj: CliContext) -> None:
    """Print the revision the database is at, and whether that is the newest.

    \b
    Example:
      lawdb db current
    """
    current = migrate.current_revision(obj.settings.database_url)
    head = migrate.head_revision()
    state = "(head)" if current == head else f"(behind: head is {head})"
    click.echo(f"{current or 'base'} {state}")


@db.command("check")
@pass_ctx
def db_check(obj: CliContext) -> None:
    """Fail if the models differ from the schema the migrations build.

    \b
    Example:
      lawdb db check
    """
    migrate.check(obj.settings.database_url)
    click.echo("no drift: models and migrations agree")


def load_plugins(group: click.Group) -> None:
    """Add the commands contributed through the ``lawdb.commands`` entry points.

    A plugin that fails to import is reported on stderr and skipped, so a
    broken optional layer never takes the whole CLI down with it.
    """
    for ep in entry_points(group="lawdb.commands"):
        try:
            register = ep.load()
        except Exception as exc:  # pragma: no cover - depends on a broken install
            click.echo(f"lawdb: could not load commands from {ep.value}: {exc}", err=True)
            continue
        register(group)


_assembled = False


def build_cli() -> click.Group:
    """The ``lawdb`` group with every command: the core's, search's and the plugins'."""
    global _assembled
    if not _assembled:
        from lawdb.reliability_cli import register as register_reliability
        from lawdb.search.cli import register as register_search
        from lawdb.statutes_cli import register as register_statutes
        from lawdb.users_cli import register as register_users

        register_search(cli)
        register_reliability(cli)
        register_users(cli)
        register_statutes(cli)
        load_plugins(cli)
        _assembled = True
    return cli


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    build_cli()
    try:
        cli.main(args=argv, prog_name="lawdb", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        sys.exit(130)
    except OperationalError as exc:
        # A database that cannot be reached is a user's problem to fix, not a
        # crash: say which database and why, without a traceback or password.
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        click.echo(f"lawdb: cannot use the database: {reason}", err=True)
        sys.exit(1)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "akn"]), default="jsonl",
              show_default=True, help="akn: Akoma Ntoso 3.0 XML of the statutes, one file each.")
@click.option("--statute", "statute_name", help="akn only: just this statute (alias or title).")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["judgment", "statute", "amending_act", "ordinance", "rules", "report",
                                 "other"]), help="Only documents of this kind (repeatable).")
@click.option("--table", type=click.Choice(["documents", "sentences"]), default="documents",
              show_default=True, help="CSV only: one row per document, or one row per sentence.")
@click.option("--with-text", is_flag=True, help="JSON Lines only: include every page's text.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")
@pass_ctx
def export_command(obj: CliContext, fmt: str, statute_name: str | None, kinds: tuple[str, ...], table: str,
                   with_text: bool, output: Path | None) -> None:
    """Export the collection as JSON Lines or CSV (format: docs/export-format.md).

    Victims' names are masked in every exported field.

    \b
    Example:
      lawdb export --format jsonl --kind judgment -o judgments.jsonl
      lawdb export --format csv --table sentences -o sentences.csv
      lawdb export --format akn -o akn/            # one XML file per statute
      lawdb export --format akn --statute PECA -o peca.xml
    """
    if fmt == "akn":
        _export_akn(obj, statute_name, output)
        return
    with obj.session_factory() as session:
        if output is None:
            out = click.get_text_stream("stdout")
            count = _run_export(session, out, fmt, kinds, table, with_text)
        else:
            tmp = output.with_name(output.name + ".tmp")
            with open(tmp, "w", encoding="utf-8", newline="") as out:
                count = _run_export(session, out, fmt, kinds, table, with_text)
            tmp.replace(output)
    click.echo(f"exported {count} {'rows' if fmt == 'csv' else 'documents'}", err=True)


def _export_akn(obj: CliContext, statute_name: str | None, output: Path | None) -> None:
    from sqlalchemy import select

    from lawdb.models import Statute
    from lawdb.services.akn import statute_to_akn, validate_akn, work_uri
    from lawdb.services.statutes import find_statute

    with obj.session_factory() as session:
        if statute_name:
            found = find_statute(session, statute_name)
            if found is None:
                raise click.ClickException(f"no statute called {statute_name!r} (see lawdb statute list)")
            statutes = [found]
        else:
            statutes = list(session.scalars(select(Statute).order_by(Statute.short_title)))
        if not statutes:
            raise click.ClickException("no statutes in the collection")
        if len(statutes) > 1 and output is None:
            raise click.UsageError("several statutes: give --output DIR (or --statute NAME)")
        for statute in statutes:
            xml = statute_to_akn(session, statute)
            errors = validate_akn(xml)
            if errors:
                raise click.ClickException(f"{statute.short_title}: not valid Akoma Ntoso: {errors[0]}")
            if output is None:
                click.get_binary_stream("stdout").write(xml)
                continue
            target = output
            if len(statutes) > 1 or output.is_dir() or output.suffix != ".xml":
                output.mkdir(parents=True, exist_ok=True)
                target = output / (work_uri(statute).strip("/").replace("/", "_") + ".xml")
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(xml)
            tmp.replace(target)
    click.echo(f"exported {len(statutes)} statute(s) as Akoma Ntoso 3.0 (schema-valid)", err=True)


def _run_export(session, out, fmt, kinds, table, with_text) -> int:
    from lawdb.services.export import export_csv, export_jsonl

    if fmt == "jsonl":
        return export_jsonl(session, out, kinds=kinds or None, with_text=with_text)
    return export_csv(session, out, kinds=kinds or None, table=table)
