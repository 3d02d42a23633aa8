"""lawdb installed from its wheel (not the source tree) initialises and migrates a database."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from lawdb import migrate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "-q", "-w", str(out), str(ROOT)], check=True, timeout=300)
    (found,) = out.glob("lawdb-*.whl")
    return found


def test_wheel_ships_all_packages_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("lawdb/__init__.py", "lawdb/models/__init__.py", "ingest/__init__.py",
                     "webui/__init__.py", "webui/templates/base.html", "migrations/env.py",
                     "migrations/script.py.mako"):
        assert required in names, required
    versions = [n for n in names if n.startswith("migrations/versions/") and n.endswith(".py")]
    assert any(migrate.head_revision() in n for n in versions)
    assert not any(n.startswith("tests/") for n in names)


@pytest.mark.slow
@pytest.mark.postgres
def test_installed_wheel_inits_sqlite_and_postgres(wheel: Path, tmp_path: Path,
                                                   postgres_server) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=600)
    lawdb = env_dir / "bin" / "lawdb"
    work = tmp_path / "empty"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAWDB_")}
    env.pop("PYTHONPATH", None)

    def run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(lawdb), *args], cwd=work, env={**env, **extra},
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return result

    # The installed code, not this checkout, must be what runs.
    where = subprocess.run([str(py), "-c", "import migrations, lawdb; print(migrations.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert str(env_dir) in where.stdout

    run("init")
    assert (work / "lawdb-data" / "lawdb.sqlite3").is_file()
    assert run("db", "current").stdout.split()[0] == migrate.head_revision()

    name = postgres_server.create_database()
    try:
        url = postgres_server.url_for(name)
        run("init", LAWDB_DATABASE_URL=url)
        assert run("db", "current", LAWDB_DATABASE_URL=url).stdout.split() == [
            migrate.head_revision(), "(head)"]
    finally:
        postgres_server.drop_database(name)
