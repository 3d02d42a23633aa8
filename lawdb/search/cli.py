"""Search commands (``lawdb search``, ``lawdb reindex``), registered by :mod:`lawdb.cli`."""

from __future__ import annotations

import html
import json
import re
import sys

import click


def register(group: click.Group) -> None:
    """Add the search commands to the ``lawdb`` group."""
    group.add_command(search_command)
    group.add_command(reindex_command)


_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def _plain(snippet_html: str, color: bool) -> str:
    """A snippet for the terminal: hits bold (or in [brackets] when not a terminal)."""
    out: list[str] = []
    pos = 0
    for m in _MARK.finditer(snippet_html):
        out.append(html.unescape(snippet_html[pos:m.start()]))
        inner = html.unescape(m.group(1))
        out.append(click.style(inner, bold=True, fg="yellow") if color else f"[{inner}]")
        pos = m.end()
    out.append(html.unescape(snippet_html[pos:]))
    return "".join(out)


def _catch_up(obj) -> None:
    """Apply index work queued by an ingest that did not drain (a crash, say); never fails the search."""
    from lawdb.search.sync import drain_outbox

    try:
        drain_outbox(obj.session_factory, obj.settings, timeout=0.5)
    except Exception as exc:  # the database may be unreachable or not yet created
        click.echo(f"lawdb: index not brought up to date: {exc}", err=True)


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON the web API returns (docs/search.md).")
@click.option("--limit", "-n", type=click.IntRange(0, 100), default=10, show_default=True,
              help="Results per page.")
@click.option("--page", "-p", type=click.IntRange(1, 1000), default=1, show_default=True)
@click.option("--sort", type=click.Choice(["relevance", "date", "date_asc", "cited"]), default="relevance",
              show_default=True, help="date is newest first; cited is most cited first.")
@click.option("--facets", is_flag=True, help="Also count results by kind, court, year, section, judge.")
@click.option("--document", "document_id", type=int, help="Search inside this document only.")
@click.option("--no-snippets", is_flag=True, help="Leave out the highlighted passages.")
@click.option("--time-limit", type=float, default=2.0, show_default=True,
              help="Seconds before the search stops and marks its results partial.")
@click.pass_obj
def search_command(obj, query, as_json, limit, page, sort, facets, document_id, no_snippets,
                   time_limit) -> None:
    """Search the collection (query language: docs/search.md).

    \b
    Example:
      lawdb search '"benefit of doubt" AND court:LHC'
      lawdb search u/s 292-B PPC --facets
      lawdb search "2019 SCMR 1234" --json
      lawdb search 'bail NOT cancellation' --sort date --limit 20
    """
    from lawdb.search import SearchRequest, search
    from lawdb.search.sync import ensure_index

    text = " ".join(query)
    ensure_index(obj.settings)
    _catch_up(obj)
    response = search(obj.settings, SearchRequest(
        query=text, page=page, page_size=limit, sort=sort, facets=facets, snippets=not no_snippets,
        document_id=document_id, time_limit=time_limit))
    if as_json:
        click.echo(json.dumps(response.to_json(), ensure_ascii=False, indent=2))
        if response.error:
            sys.exit(2)
        return
    if response.error:
        click.echo(f"lawdb search: {response.error}", err=True)
        sys.exit(2)
    color = sys.stdout.isatty()
    partial = " (partial: the time limit was reached)" if response.partial else ""
    click.echo(f"{response.total} result{'s' if response.total != 1 else ''} "
               f"({response.took_ms:.0f} ms){partial}")
    if response.did_you_mean:
        click.echo(f"Did you mean: {response.did_you_mean}")
    for warning in response.warnings:
        click.echo(f"note: {warning}")
    first = (response.page - 1) * response.page_size
    for n, hit in enumerate(response.results, start=first + 1):
        where = ", ".join(x for x in (hit.court, hit.seat) if x)
        facts = " | ".join(x for x in (where, hit.date, "; ".join(hit.citations)) if x)
        click.echo(f"{n:>3}. {hit.title or '(untitled)'}  [{hit.kind} #{hit.id}]")
        if facts:
            click.echo(f"     {facts}")
        for snippet in hit.snippets:
            click.echo(f"     p.{snippet.page}: {_plain(snippet.html, color)}")
    if facets:
        for name, values in response.facets.items():
            if values:
                shown = ", ".join(f"{v['value']} ({v['count']})" for v in values[:10])
                click.echo(f"{name}: {shown}")


@click.command("reindex")
@click.option("--procs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Indexing processes (2 on a 2-core machine roughly halves the time).")
@click.option("--pending", is_flag=True, help="Only apply index work queued in the outbox.")
@click.option("--status", is_flag=True, help="Compare the index with the database; change nothing.")
@click.option("--timeout", type=float, default=60.0, show_default=True,
              help="Seconds to wait for another process writing the index.")
@click.pass_obj
def reindex_command(obj, procs, pending, status, timeout) -> None:
    """Rebuild the search index from the database, aside, and swap it in.

    Searches go on using the old index until the new one is complete.

    \b
    Example:
      lawdb reindex --procs 2
      lawdb reindex --pending     # apply queued index work only
      lawdb reindex --status      # missing, stale and extra documents
    """
    from lawdb.search.backend import IndexLocked
    from lawdb.search.sync import drain, ensure_index, index_status, reindex

    ensure_index(obj.settings)
    if status:
        info = index_status(obj.session_factory, obj.settings)
        click.echo(f"documents: {info['documents']}, indexed: {info['indexed']}, "
                   f"outbox pending: {'yes' if info['outbox_pending'] else 'no'}")
        for key in ("missing", "stale", "extra"):
            ids = info[key]
            if ids:
                shown = ", ".join(map(str, ids[:20])) + (" ..." if len(ids) > 20 else "")
                click.echo(f"{key}: {len(ids)} ({shown})")
        if info["missing"] or info["stale"] or info["extra"]:
            sys.exit(1)
        return
    try:
        if pending:
            result = drain(obj.session_factory, obj.settings, timeout=timeout)
            click.echo(f"applied {result.rows} queued change(s): {result.upserted} indexed, "
                       f"{result.deleted} removed, {result.targets} cited documents updated")
            return
        count = reindex(obj.session_factory, obj.settings, procs=procs, timeout=timeout)
    except IndexLocked as exc:
        click.echo(f"lawdb reindex: {exc}", err=True)
        sys.exit(1)
    click.echo(f"indexed {count} document(s) into {obj.settings.index_dir}")
