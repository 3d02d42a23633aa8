"""``lawdb user ...``: accounts and API tokens for writing (upload, ingest, edit).

A thin layer over :mod:`lawdb.services.users`; each command opens a session
and commits. Wired into the ``lawdb`` group by :func:`register`.
"""

from __future__ import annotations

import sys
from datetime import timedelta

import click

from lawdb.services import users as svc


def register(group: click.Group) -> None:
    """Add the ``user`` command group to ``group`` (the ``lawdb`` command)."""
    group.add_command(user)


def _read_password(password_stdin: bool, prompt: str) -> str:
    if password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        password = password[:-1] if password.endswith("\r") else password
    else:
        password = click.prompt(prompt, hide_input=True, confirmation_prompt=True)
    try:
        svc.check_password(password)
    except svc.UserError as exc:
        raise click.ClickException(str(exc)) from None
    return password


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else "-"


def _existing_user(session, username: str):
    found = svc.get_user(session, username)
    if found is None:
        raise click.ClickException(f"no user {username!r} (see 'lawdb user list')")
    return found


@click.group()
def user() -> None:
    """Accounts and API tokens of the people who may upload, ingest and edit.

    Reading is public; writing needs a login (web) or an API token (API).

    \b
    Example:
      lawdb user add amna --admin
      lawdb user token amna --name laptop --expires-days 90
    """


@user.command("add")
@click.argument("username")
@click.option("--admin", is_flag=True, help="Make the user an administrator.")
@click.option("--email", help="Contact address (optional).")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of standard input instead of prompting.")
@click.pass_obj
def user_add(obj, username: str, admin: bool, email: str | None, password_stdin: bool) -> None:
    """Create a user; asks for the password twice (or reads it with --password-stdin).

    \b
    Example:
      lawdb user add amna --admin
      printf '%s\\n' "$PASSWORD" | lawdb user add bilal --password-stdin
    """
    try:
        name = svc.check_username(username)
    except svc.UserError as exc:
        raise click.ClickException(str(exc)) from None
    with obj.session_factory() as session:
        if svc.get_user(session, name) is not None:
            raise click.ClickException(f"user {name!r} already exists")
        password = _read_password(password_stdin, f"Password for {name}")
        try:
            created = svc.create_user(session, name, password, is_admin=admin, email=email)
        except svc.UserError as exc:
            raise click.ClickException(str(exc)) from None
        session.commit()
        click.echo(f"created {'administrator' if created.is_admin else 'user'} {created.username}")


@user.command("list")
@click.pass_obj
def user_list(obj) -> None:
    """List users: name, role, whether active, last login and active tokens.

    \b
    Example:
      lawdb user list
    """
    with obj.session_factory() as session:
        people = svc.list_users(session)
        if not people:
            click.echo("no users yet (add one with 'lawdb user add USERNAME')")
            return
        click.echo(f"{'username':<24} {'role':<6} {'active':<7} {'last login':<17} tokens")
        for person in people:
            active_tokens = sum(1 for t in person.tokens if svc.token_state(t) == "active")
            click.echo(f"{person.username:<24} {'admin' if person.is_admin else 'user':<6} "
                       f"{'yes' if person.is_active else 'no':<7} {_when(person.last_login_at):<17} "
                       f"{active_tokens}")


@user.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True,
              help="Read the new password from the first line of standard input.")
@click.pass_obj
def user_passwd(obj, username: str, password_stdin: bool) -> None:
    """Set a user's password; the user's web sessions end (tokens stay valid).

    \b
    Example:
      lawdb user passwd amna
    """
    with obj.session_factory() as session:
        person = _existing_user(session, username)
        svc.set_password(person, _read_password(password_stdin, f"New password for {person.username}"))
        session.commit()
        click.echo(f"password changed for {person.username}")


@user.command("disable")
@click.argument("username")
@click.pass_obj
def user_disable(obj, username: str) -> None:
    """Stop a user from logging in or using any token (nothing is deleted).

    \b
    Example:
      lawdb user disable bilal
    """
    with obj.session_factory() as session:
        person = _existing_user(session, username)
        person.is_active = False
        session.commit()
        click.echo(f"disabled {person.username}")


@user.command("enable")
@click.argument("username")
@click.pass_obj
def user_enable(obj, username: str) -> None:
    """Let a disabled user log in and use their tokens again.

    \b
    Example:
      lawdb user enable bilal
    """
    with obj.session_factory() as session:
        person = _existing_user(session, username)
        person.is_active = True
        session.commit()
        click.echo(f"enabled {person.username}")


@user.command("token")
@click.argument("username")
@click.option("--name", default="token", show_default=True, help="A label to recognise the token by.")
@click.option("--expires-days", type=click.IntRange(min=1),
              help="Days until the token expires [default: never; revoke it to end it].")
@click.pass_obj
def user_token(obj, username: str, name: str, expires_days: int | None) -> None:
    """Make an API token for USERNAME and print it. It is shown this once only.

    API clients send it as "Authorization: Bearer <token>".

    \b
    Example:
      lawdb user token amna --name ci-upload --expires-days 30
      curl -H "Authorization: Bearer $TOKEN" -F files=@judgment.pdf \\
           http://127.0.0.1:5000/api/v1/uploads
    """
    with obj.session_factory() as session:
        person = _existing_user(session, username)
        expires = timedelta(days=expires_days) if expires_days else None
        token, plaintext = svc.create_token(session, person, name, expires_in=expires)
        session.commit()
        click.echo(plaintext)
        until = f"expires {_when(token.expires_at)} UTC" if token.expires_at else "no expiry"
        click.echo(f"token {token.prefix}... '{token.name}' for {person.username}, {until}. "
                   "Store it now: it cannot be shown again.", err=True)


@user.command("tokens")
@click.argument("username")
@click.pass_obj
def user_tokens(obj, username: str) -> None:
    """List a user's API tokens by visible prefix (the secret part is never stored).

    \b
    Example:
      lawdb user tokens amna
    """
    with obj.session_factory() as session:
        person = _existing_user(session, username)
        tokens = svc.user_tokens(session, person)
        if not tokens:
            click.echo(f"{person.username} has no tokens")
            return
        click.echo(f"{'prefix':<13} {'state':<8} {'created':<17} {'expires':<17} {'last used':<17} name")
        for t in tokens:
            click.echo(f"{t.prefix:<13} {svc.token_state(t):<8} {_when(t.created_at):<17} "
                       f"{_when(t.expires_at):<17} {_when(t.last_used_at):<17} {t.name}")


@user.command("revoke")
@click.argument("token_prefix")
@click.pass_obj
def user_revoke(obj, token_prefix: str) -> None:
    """Revoke the API token starting with TOKEN_PREFIX (or given whole).

    \b
    Example:
      lawdb user tokens amna          # find the prefix
      lawdb user revoke ldb_Xy12ab34
    """
    with obj.session_factory() as session:
        try:
            found = svc.find_tokens(session, token_prefix)
        except svc.UserError as exc:
            raise click.ClickException(str(exc)) from None
        live = [t for t in found if t.revoked_at is None]
        if not found:
            raise click.ClickException(f"no token matches {token_prefix!r}")
        if not live:
            click.echo(f"token {found[0].prefix} was already revoked")
            return
        if len(live) > 1:
            listed = ", ".join(f"{t.prefix} ({t.user.username})" for t in live)
            raise click.ClickException(f"{token_prefix!r} matches several tokens: {listed}; "
                                       "give more of it")
        svc.revoke_token(session, live[0])
        session.commit()
        click.echo(f"revoked token {live[0].prefix} '{live[0].name}' of {live[0].user.username}")
