"""The fault-injection hook: unarmed it does nothing; armed it kills by SIGKILL at the armed arrival."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from lawdb import faults
from tests.reliability.crash import clean_env


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=clean_env(**env),
                          capture_output=True, text=True, timeout=60)


def test_unarmed_points_do_nothing() -> None:
    faults.arm(None)
    for name in faults.POINTS:
        faults.crash_point(name)


def test_armed_point_kills_at_its_nth_arrival(tmp_path: Path) -> None:
    code = """
        from lawdb.faults import crash_point
        for i in range(1, 6):
            print(i, flush=True)
            crash_point("demo.point")
        print("survived", flush=True)
    """
    killed = _python(code, LAWDB_CRASH_AT="demo.point:3")
    assert killed.returncode == -signal.SIGKILL
    assert killed.stdout.split() == ["1", "2", "3"]
    other = _python(code, LAWDB_CRASH_AT="another.point")
    assert other.returncode == 0 and "survived" in other.stdout


def test_database_points_fire_inside_their_region_only(tmp_path: Path) -> None:
    code = f"""
        from sqlalchemy import text
        from lawdb.db import make_engine
        from lawdb.faults import region
        from sqlalchemy.orm import Session
        engine = make_engine("sqlite:///{tmp_path}/t.sqlite3")
        with Session(engine) as s:
            s.execute(text("CREATE TABLE t (x int)"))
            s.commit()
            print("outside ok", flush=True)
            with region("demo"):
                s.execute(text("INSERT INTO t VALUES (1)"))
                s.commit()
        print("survived", flush=True)
    """
    killed = _python(code, LAWDB_CRASH_AT="demo.db.commit.sql")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert killed.stdout.split("\n")[0] == "outside ok" and "survived" not in killed.stdout
    import sqlite3

    with sqlite3.connect(tmp_path / "t.sqlite3") as conn:  # killed before COMMIT: nothing written
        assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0


def test_fault_log_records_points(tmp_path: Path) -> None:
    log = tmp_path / "points.log"
    done = _python("""
        from lawdb.faults import crash_point
        crash_point("a"); crash_point("b"); crash_point("a")
    """, LAWDB_FAULT_LOG=str(log))
    assert done.returncode == 0
    assert log.read_text().split() == ["a", "b", "a"]
