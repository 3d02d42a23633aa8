"""``lawdb serve``: the web UI and API."""

from __future__ import annotations

import os

import click


def register(group: click.Group) -> None:
    """Add the web commands to the ``lawdb`` group (entry point ``lawdb.commands``)."""
    group.add_command(serve)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", 5000)),
              show_default="5000, or $PORT", help="Port to listen on.")
@click.option("--threads", type=int, default=8, show_default=True,
              help="Worker threads of the production server.")
@click.option("--dev", is_flag=True,
              help="Use Flask's debugging server with reload (never in production).")
@click.pass_obj
def serve(obj, host: str, port: int, threads: int, dev: bool) -> None:
    """Serve the web UI and JSON API (waitress, a production WSGI server).

    \b
    Example:
      lawdb serve --port 8080
      lawdb --data-dir /srv/law serve --host 0.0.0.0
    """
    from webui import create_app

    app = create_app({"LAWDB_DATA_DIR": str(obj.settings.data_dir),
                      "LAWDB_DATABASE_URL": obj.settings.database_url})
    click.echo(f"lawdb serving {obj.settings.data_dir} on http://{host}:{port}/")
    if dev:
        app.run(host=host, port=port, debug=True)
        return
    from waitress import serve as waitress_serve

    _raise_open_file_limit()
    # poll(), not select(): each thread's index searcher holds a file per segment file, so a
    # large index takes the process past select()'s 1,024 descriptors
    waitress_serve(app, host=host, port=port, threads=threads, ident="lawdb", asyncore_use_poll=True)


def _raise_open_file_limit() -> None:
    """Raise the soft limit on open files to the hard limit (each searcher holds its segments'
    files open; 1,024, a common default, is a few threads' worth on 100,000 judgments)."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = max(soft, 65536) if hard == resource.RLIM_INFINITY else hard
        if soft != resource.RLIM_INFINITY and soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ImportError, ValueError, OSError):  # not on this platform, or not allowed: keep it
        pass
