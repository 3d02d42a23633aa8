"""The ``lawdb`` command as a user runs it: a real process in an empty folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawdb import __version__, migrate
from lawdb.cli import RESERVED_COMMANDS, build_cli

LAWDB = str(Path(sys.executable).with_name("lawdb"))


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, input: str | None = None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("LAWDB_")}
    full_env.update(env or {})
    return subprocess.run([LAWDB, *args], cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=120, input=input)


def test_version(tmp_path: Path) -> None:
    result = run(["--version"], tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"lawdb, version {__version__}"


def test_init_in_an_empty_folder_creates_data_dir_at_head(empty_db_url: str, db_kind: str,
                                                          tmp_path: Path) -> None:
    env = {} if db_kind == "sqlite" else {"LAWDB_DATABASE_URL": empty_db_url}
    result = run(["init"], tmp_path, env)
    assert result.returncode == 0, result.stderr
    data = tmp_path / "lawdb-data"
    assert (data / "index").is_dir() and (data / "files").is_dir()
    if db_kind == "sqlite":
        assert (data / "lawdb.sqlite3").is_file()
        url = f"sqlite:///{data / 'lawdb.sqlite3'}"
    else:
        assert not (data / "lawdb.sqlite3").exists()
        url = empty_db_url
    assert migrate.current_revision(url) == migrate.head_revision()

    current = run(["db", "current"], tmp_path, env)
    assert current.returncode == 0, current.stderr
    assert current.stdout.split() == [migrate.head_revision(), "(head)"]
    # A second init is harmless.
    again = run(["init"], tmp_path, env)
    assert again.returncode == 0 and f"{migrate.head_revision()} -> " in again.stdout


def test_global_data_dir_option_and_env(tmp_path: Path) -> None:
    result = run(["--data-dir", str(tmp_path / "opt"), "init"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "opt" / "lawdb.sqlite3").is_file()
    result = run(["init"], tmp_path, {"LAWDB_DATA_DIR": str(tmp_path / "env")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env" / "lawdb.sqlite3").is_file()
    assert not (tmp_path / "lawdb-data").exists()


def test_db_downgrade_asks_first_and_upgrade_restores(tmp_path: Path) -> None:
    assert run(["init"], tmp_path).returncode == 0
    refused = run(["db", "downgrade", "base"], tmp_path, input="n\n")
    assert refused.returncode != 0 and "Aborted" in refused.stderr
    assert run(["db", "current"], tmp_path).stdout.startswith(migrate.head_revision())
    down = run(["db", "downgrade", "base", "--yes"], tmp_path)
    assert down.returncode == 0 and "at base" in down.stdout
    assert "behind" in run(["db", "current"], tmp_path).stdout
    up = run(["db", "upgrade"], tmp_path)
    assert up.returncode == 0
    one_back = run(["db", "downgrade", "-1", "--yes"], tmp_path)
    assert one_back.returncode == 0, one_back.stderr
    assert "behind" in run(["db", "current"], tmp_path).stdout
    up = run(["db", "upgrade"], tmp_path)
    assert up.returncode == 0 and up.stdout.strip() == f"at {migrate.head_revision()}"
    check = run(["db", "check"], tmp_path)
    assert check.returncode == 0 and "no drift" in check.stdout


def test_password_is_not_printed(tmp_path: Path) -> None:
    result = run(["init"], tmp_path,
                 {"LAWDB_DATABASE_URL": "postgresql://u:secretpw@127.0.0.1:1/none"})
    assert result.returncode == 1
    assert "cannot use the database" in result.stderr
    assert "Traceback" not in result.stderr
    assert "secretpw" not in result.stdout + result.stderr


def all_commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from all_commands(command, (*prefix, name))


def test_every_command_has_help_with_an_example() -> None:
    cli = build_cli()
    runner = CliRunner()
    commands = list(all_commands(cli))
    assert {("init",), ("db",), ("db", "upgrade"), ("serve",)} <= {path for path, _ in commands}
    for path, _command in [((), cli), *commands]:
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Example" in result.output, f"`lawdb {' '.join(path)} --help` has no example"


def test_plugins_only_take_known_names() -> None:
    cli = build_cli()
    core = {"init", "db", "export"}
    extra = set(cli.commands) - core
    assert extra <= set(RESERVED_COMMANDS), extra


@pytest.mark.parametrize("args", [["db", "downgrade"], ["nosuchcommand"]])
def test_usage_errors_are_clear(args: list[str], tmp_path: Path) -> None:
    result = run(args, tmp_path)
    assert result.returncode == 2
    assert "Usage:" in result.stderr and "Traceback" not in result.stderr
