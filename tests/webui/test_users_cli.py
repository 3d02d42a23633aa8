"""``lawdb user ...`` through click's CliRunner, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from lawdb.cli import cli as lawdb_cli
from lawdb.db import make_engine, make_session_factory
from lawdb.models import ApiToken, User
from lawdb.services import users as svc
from lawdb.users_cli import register, user

PW = "correct horse battery"


def make_group() -> click.Group:
    """A ``lawdb`` group with the real global options, plus the user commands."""
    group = click.Group("lawdb", callback=lawdb_cli.callback, params=list(lawdb_cli.params))
    register(group)
    return group


@pytest.fixture
def run(db_url: str, tmp_path: Path):
    group = make_group()
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(group, ["--data-dir", str(tmp_path / "data"), "--database-url", db_url, *args],
                             input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def sessions(db_url: str):
    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


def test_add_with_password_stdin_list_and_login(run, sessions) -> None:
    result = run("user", "add", "amna", "--admin", "--password-stdin", input=PW + "\n")
    assert result.exit_code == 0, result.output
    assert "created administrator amna" in result.output
    assert run("user", "add", "bilal", "--password-stdin", input=PW + "\n").exit_code == 0
    with sessions() as session:
        assert svc.authenticate(session, "amna", PW).is_admin
        assert not svc.authenticate(session, "bilal", PW).is_admin
    listing = run("user", "list")
    assert listing.exit_code == 0
    lines = listing.output.splitlines()
    assert lines[1].split()[:3] == ["amna", "admin", "yes"]
    assert lines[2].split()[:3] == ["bilal", "user", "yes"]


def test_add_prompts_twice(run, sessions) -> None:
    mismatch = run("user", "add", "amna", input=f"{PW}\nsomething else\n{PW}\n{PW}\n")
    assert mismatch.exit_code == 0, mismatch.output
    assert "do not match" in mismatch.output
    with sessions() as session:
        assert svc.authenticate(session, "amna", PW) is not None


def test_add_refuses_duplicates_weak_passwords_and_bad_names(run, sessions) -> None:
    assert run("user", "add", "amna", "--password-stdin", input=PW + "\n").exit_code == 0
    again = run("user", "add", "AMNA", "--password-stdin", input=PW + "\n")
    assert again.exit_code == 1 and "already exists" in again.output
    weak = run("user", "add", "bilal", "--password-stdin", input="short\n")
    assert weak.exit_code == 1 and "too short" in weak.output
    bad = run("user", "add", "../bilal", "--password-stdin", input=PW + "\n")
    assert bad.exit_code == 1 and "invalid username" in bad.output
    with sessions() as session:
        assert [u.username for u in session.scalars(select(User))] == ["amna"]


def test_passwd(run, sessions) -> None:
    run("user", "add", "amna", "--password-stdin", input=PW + "\n")
    result = run("user", "passwd", "amna", input="new password 1\nnew password 1\n")
    assert result.exit_code == 0 and "password changed for amna" in result.output
    with sessions() as session:
        assert svc.authenticate(session, "amna", PW) is None
        assert svc.authenticate(session, "amna", "new password 1") is not None
    missing = run("user", "passwd", "nobody", "--password-stdin", input=PW + "\n")
    assert missing.exit_code == 1 and "no user 'nobody'" in missing.output


def test_token_is_printed_once_and_revoked_by_prefix(run, sessions) -> None:
    run("user", "add", "amna", "--password-stdin", input=PW + "\n")
    result = run("user", "token", "amna", "--name", "ci", "--expires-days", "30")
    assert result.exit_code == 0, result.output
    plaintext = result.output.splitlines()[0]
    assert plaintext.startswith("ldb_") and "cannot be shown again" in result.output
    with sessions() as session:
        assert svc.verify_token(session, plaintext).username == "amna"
        row = session.scalars(select(ApiToken)).one()
        assert row.name == "ci" and row.expires_at is not None
        session.commit()
    tokens = run("user", "tokens", "amna")
    assert row.prefix in tokens.output and "active" in tokens.output
    assert plaintext not in tokens.output  # never shown again
    assert run("user", "list").output.splitlines()[1].split()[-1] == "1"

    revoked = run("user", "revoke", row.prefix)
    assert revoked.exit_code == 0 and f"revoked token {row.prefix}" in revoked.output
    with sessions() as session:
        assert svc.verify_token(session, plaintext) is None
    assert "already revoked" in run("user", "revoke", plaintext).output
    assert run("user", "revoke", "ldb_zzzzzzzz").exit_code == 1
    assert run("user", "revoke", "x").exit_code == 1
    assert run("user", "token", "nobody").exit_code == 1
    assert run("user", "token", "amna", "--expires-days", "0").exit_code == 2


def test_disable_and_enable(run, sessions) -> None:
    run("user", "add", "amna", "--password-stdin", input=PW + "\n")
    assert run("user", "disable", "amna").exit_code == 0
    with sessions() as session:
        assert svc.authenticate(session, "amna", PW) is None
    assert run("user", "enable", "amna").exit_code == 0
    with sessions() as session:
        assert svc.authenticate(session, "amna", PW) is not None


def _commands(group: click.Group, path: tuple[str, ...] = ()):
    yield path, group
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


@pytest.mark.parametrize("path", [p for p, _ in _commands(user, ("user",))], ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(make_group(), [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert "lawdb user" in result.output.split("Example", 1)[1]


def test_required_commands_exist() -> None:
    assert {"add", "list", "passwd", "token", "revoke"} <= set(user.commands)
