"""``lawdb statute``: statutes, their sections as in force on a date, and their history."""

from __future__ import annotations

import json
import sys
from datetime import date

import click
from sqlalchemy import func, select

from lawdb.models import Provision, ProvisionKind, Statute, StatuteReference
from lawdb.services import statutes as svc


def register(group: click.Group) -> None:
    group.add_command(statute)


@click.group()
def statute() -> None:
    """Statutes: list them, read a section as in force on a date, see its history.

    \b
    Example:
      lawdb statute list
      lawdb statute show PECA 22 --as-at 2020-01-01
      lawdb statute history PPC 292-B
    """


@statute.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def list_statutes(obj, as_json: bool) -> None:
    """List the statutes in the collection with their aliases and section counts.

    \b
    Example:
      lawdb statute list --json
    """
    with obj.session_factory() as session:
        counts = dict(session.execute(
            select(Provision.statute_id, func.count()).where(
                Provision.kind.in_([ProvisionKind.SECTION, ProvisionKind.ARTICLE, ProvisionKind.RULE]))
            .group_by(Provision.statute_id)).all())
        rows = []
        for st in session.scalars(select(Statute).order_by(Statute.short_title)):
            rows.append({"id": st.id, "short_title": st.short_title, "act_number": st.act_number,
                         "year": st.year, "jurisdiction": st.jurisdiction,
                         "aliases": sorted(a.alias for a in st.aliases), "sections": counts.get(st.id, 0),
                         "document_id": st.document_id})
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no statutes yet: ingest a statute's PDF (lawdb ingest FILE)")
        return
    for r in rows:
        aliases = f" [{', '.join(r['aliases'])}]" if r["aliases"] else ""
        number = f" (Act {r['act_number']})" if r["act_number"] else ""
        click.echo(f"{r['short_title']}{number}{aliases}: {r['sections']} sections")


def _lookup(session, act: str, section: str):
    found = svc.find_statute(session, act)
    if found is None:
        raise click.ClickException(f"no statute called {act!r} (see lawdb statute list)")
    provision = svc.find_provision(session, found, section)
    if provision is None:
        raise click.ClickException(f"{found.short_title} has no section {section!r} in the collection")
    return found, provision


@statute.command("show")
@click.argument("act")
@click.argument("section")
@click.option("--as-at", "as_at", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Show it as in force on this date (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def show(obj, act: str, section: str, as_at, as_json: bool) -> None:
    """Show a section: heading, text, state on a date, history and citing judgments.

    \b
    Example:
      lawdb statute show PECA 22
      lawdb statute show PPC 292-B --as-at 2020-01-01 --json
    """
    when = as_at.date() if as_at else date.today()
    with obj.session_factory() as session:
        found, provision = _lookup(session, act, section)
        state = svc.provision_as_at(session, provision, when)
        history = svc.provision_history(session, provision)
        citing = session.scalar(select(func.count(func.distinct(StatuteReference.document_id)))
                                .where(StatuteReference.provision_id == provision.id)) or 0
        data = {
            "statute": found.short_title, "section": provision.label, "heading": provision.heading,
            "as_at": when.isoformat(), "state": state.state, "message": state.message,
            "text": state.text, "valid_from": _iso(state.version.valid_from if state.version else None),
            "valid_to": _iso(state.version.valid_to if state.version else None),
            "history": [_amendment_json(a) for a in history], "citing_judgments": citing,
        }
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    heading = f". {data['heading']}" if data["heading"] else ""
    click.echo(f"{data['statute']}, section {data['section']}{heading}")
    click.echo(f"As at {data['as_at']}: {data['message']}.")
    if data["text"]:
        click.echo("")
        click.echo(data["text"])
    if data["history"]:
        click.echo("\nHistory:")
        for h in data["history"]:
            click.echo(f"  {h['effective_date'] or 'date unknown':>12}  {h['action']:<10} {h['raw_text']}")
    click.echo(f"\nCited in {citing} judgment(s) in the collection.")


@statute.command("history")
@click.argument("act")
@click.argument("section")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def history(obj, act: str, section: str, as_json: bool) -> None:
    """The amendment history of a section and its periods in force.

    \b
    Example:
      lawdb statute history PPC 292-B
    """
    with obj.session_factory() as session:
        found, provision = _lookup(session, act, section)
        amendments = [_amendment_json(a) for a in svc.provision_history(session, provision)]
        periods = [{"valid_from": _iso(v.valid_from), "valid_to": _iso(v.valid_to), "omitted": v.omitted,
                    "text_known": v.text is not None, "uncertain_until": _iso(v.uncertain_until),
                    "note": v.note}
                   for v in sorted(provision.versions, key=lambda v: (v.valid_from or date.min))]
    if as_json:
        click.echo(json.dumps({"statute": found.short_title, "section": provision.label,
                               "amendments": amendments, "periods": periods}, indent=2, ensure_ascii=False))
        return
    click.echo(f"{found.short_title}, section {provision.label}")
    if not amendments:
        click.echo("No amendment of this section is recorded.")
    for h in amendments:
        click.echo(f"  {h['effective_date'] or 'date unknown':>12}  {h['action']:<10} {h['raw_text']}")
    click.echo("Periods:")
    for p in periods:
        state = "omitted" if p["omitted"] else "in force"
        text = "" if p["text_known"] else " (text not in the collection)"
        click.echo(f"  {p['valid_from'] or '...':>10} to {p['valid_to'] or 'now':<10} {state}{text}"
                   + (f"; {p['note']}" if p["note"] else ""))
    sys.stdout.flush()


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _amendment_json(a) -> dict:
    return {"action": a.action.value, "amending_act": a.amending_act,
            "effective_date": _iso(a.effective_date), "raw_text": a.raw_text,
            "amending_document_id": a.amending_document_id}
