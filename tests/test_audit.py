"""tools/audit.py: the dependency audit, against a fake PyPI served on the loopback, and the real lock file.

The fake answers like PyPI's JSON API (``/pypi/<name>/<version>/json`` and
``/pypi/<name>/json``), including the 404 the per-release route gives on
this project's machines, flaky 503s and a port where nothing listens.
"""

from __future__ import annotations

import importlib.util
import io
import json
import socket
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_audit():
    spec = importlib.util.spec_from_file_location("lawdb_tools_audit", ROOT / "tools" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


audit = _load_audit()


def vuln(id_: str, fixed_in: list[str], *, aliases: list[str] | None = None, withdrawn: str | None = None):
    return {"id": id_, "aliases": aliases or [], "fixed_in": fixed_in, "summary": f"summary of {id_}",
            "details": "", "link": f"https://osv.dev/vulnerability/{id_}", "source": "osv",
            "withdrawn": withdrawn}


class FakePyPI:
    """``routes``: path -> (status, body); ``flaky``: path -> how many 503s to give first."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict]] = {}
        self.flaky: dict[str, int] = {}
        self.hits: dict[str, int] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake.hits[self.path] = fake.hits.get(self.path, 0) + 1
                if fake.flaky.get(self.path, 0) > 0:
                    fake.flaky[self.path] -= 1
                    status, body = 503, {"message": "try later"}
                else:
                    status, body = fake.routes.get(self.path, (404, {"message": "Not Found"}))
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/pypi"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def release(self, name: str, version: str, vulns: list[dict], yanked: bool = False) -> None:
        self.routes[f"/pypi/{name}/{version}/json"] = (200, {
            "info": {"name": name, "version": version}, "vulnerabilities": vulns,
            "urls": [{"filename": f"{name}-{version}.tar.gz", "yanked": yanked,
                      "yanked_reason": "broken build" if yanked else None}]})

    def project(self, name: str, latest: str, vulns: list[dict], releases: dict | None = None) -> None:
        self.routes[f"/pypi/{name}/json"] = (200, {
            "info": {"name": name, "version": latest}, "vulnerabilities": vulns,
            "releases": releases or {latest: [{"yanked": False}]}})

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def pypi() -> Iterator[FakePyPI]:
    fake = FakePyPI()
    yield fake
    fake.close()


def run(tmp_path: Path, lock: str, *args: str, base: str) -> tuple[int, str]:
    path = tmp_path / "requirements.lock"
    path.write_text(lock)
    out = io.StringIO()
    status = audit.main([str(path), "--pyproject", "", "--pypi", base, "--backoff", "0.01",
                         "--retries", "3", "--timeout", "5", *args], out=out)
    return status, out.getvalue()


# --- the lock file --------------------------------------------------------------------------

def test_lock_lines_are_read_by_canonical_name(tmp_path: Path) -> None:
    lock = tmp_path / "r.lock"
    lock.write_text("# made by make lock\n\nFlask==3.1.3\nzope.interface==7.0  # why\n"
                    "psycopg[binary]==3.2.1\n-e .\n--extra-index-url x\n"
                    "typing_extensions==4.16.0 ; python_version < '3.12'\n")
    assert audit.read_lock(lock) == {"flask": "3.1.3", "zope-interface": "7.0", "psycopg": "3.2.1",
                                     "typing-extensions": "4.16.0"}
    lock.write_text("flask>=3\n")
    with pytest.raises(ValueError, match="not a pinned requirement"):
        audit.read_lock(lock)


def test_the_projects_lock_pins_every_declared_dependency() -> None:
    """requirements.lock is current: a dependency added to pyproject.toml must be locked (make lock)."""
    pins = audit.read_lock(ROOT / "requirements.lock")
    missing = audit.declared_dependencies(ROOT / "pyproject.toml") - set(pins)
    assert not missing, f"requirements.lock lacks {sorted(missing)}: run `make lock`"


def test_a_stale_lock_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["Flask>=3", "lxml"]\n'
                                             '[project.optional-dependencies]\ndev = ["pytest"]\n')
    (tmp_path / "requirements.lock").write_text("flask==3.1.3\nlxml==6.0\n")
    out = io.StringIO()
    args = [str(tmp_path / "requirements.lock"), "--pyproject", str(tmp_path / "pyproject.toml")]
    status = audit.main(args,
                        fetch=lambda url: pytest.fail("no request for a stale lock"), out=out)
    assert status == 2 and "does not pin pytest" in out.getvalue()


# --- judging ------------------------------------------------------------------------------------

def test_a_vulnerable_release_fails_the_audit(pypi: FakePyPI, tmp_path: Path) -> None:
    pypi.release("jinja2", "3.1.4", [vuln("PYSEC-2024-1", ["3.1.5"], aliases=["CVE-2024-56201"])])
    pypi.release("flask", "3.1.3", [])
    status, out = run(tmp_path, "jinja2==3.1.4\nflask==3.1.3\n", base=pypi.url)
    assert status == 1
    assert "VULNERABLE jinja2==3.1.4: PYSEC-2024-1 (CVE-2024-56201), fixed in 3.1.5" in out
    assert "2 of 2 locked packages checked, 1 known vulnerability" in out


def test_withdrawn_and_ignored_advisories_do_not_fail(pypi: FakePyPI, tmp_path: Path) -> None:
    pypi.release("a", "1.0", [vuln("PYSEC-1", ["1.1"], withdrawn="2024-01-01T00:00:00Z")])
    pypi.release("b", "2.0", [vuln("GHSA-xxxx", ["2.1"], aliases=["CVE-2025-1"])])
    status, out = run(tmp_path, "a==1.0\nb==2.0\n", "--ignore", "cve-2025-1", base=pypi.url)
    assert status == 0, out
    assert "ignored    b==2.0: GHSA-xxxx" in out and "0 known vulnerabilities, 1 ignored" in out


def test_without_per_release_data_the_latest_release_is_asked(pypi: FakePyPI, tmp_path: Path) -> None:
    # As on this project's machines: /pypi/<name>/<version>/json answers 404.
    pypi.project("current", "5.0", [vuln("PYSEC-C", [])])
    pypi.project("backported", "3.0", [vuln("PYSEC-B", ["2.4.7", "3.0.1"])])
    pypi.project("older", "3.0", [vuln("PYSEC-O", ["3.0.1"])])
    pypi.project("clean", "9.0", [])
    lock = "current==5.0\nbackported==2.4.8\nolder==2.9\nclean==8.0\n"
    status, out = run(tmp_path, lock, base=pypi.url)
    assert status == 1
    assert "VULNERABLE current==5.0: PYSEC-C, no fixed version published" in out
    assert "[inferred" not in out.split("current==5.0")[1].split("\n")[0]  # exact: it is the latest
    assert ("VULNERABLE older==2.9: PYSEC-O, fixed in 3.0.1 "
            "[inferred from the latest release's advisories]") in out
    assert "backported" not in out.split("note:")[0]  # fixed in its own series (2.4.7 <= 2.4.8)
    assert "3 package(s) are older than their latest release" in out and "clean 8.0 (latest 9.0)" in out


def test_a_yanked_release_is_a_warning(pypi: FakePyPI, tmp_path: Path) -> None:
    pypi.release("y", "1.0", [], yanked=True)
    status, out = run(tmp_path, "y==1.0\n", base=pypi.url)
    assert status == 0 and "warning: yanked release y==1.0: broken build" in out


# --- the network ----------------------------------------------------------------------------------

def test_flaky_answers_are_retried(pypi: FakePyPI, tmp_path: Path) -> None:
    pypi.release("flask", "3.1.3", [vuln("PYSEC-F", ["3.1.4"])])
    pypi.flaky["/pypi/flask/3.1.3/json"] = 2
    status, out = run(tmp_path, "flask==3.1.3\n", base=pypi.url)
    assert pypi.hits["/pypi/flask/3.1.3/json"] == 3
    assert status == 1 and "PYSEC-F" in out


def test_an_unreachable_pypi_warns_but_does_not_fail(pypi: FakePyPI, tmp_path: Path) -> None:
    pypi.flaky["/pypi/flask/3.1.3/json"] = 99
    status, out = run(tmp_path, "flask==3.1.3\n", base=pypi.url)
    assert status == 0
    assert "warning: PyPI unreachable after retries, not checked: flask" in out and "HTTP 503" in out
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    status, out = run(tmp_path, "flask==3.1.3\nlxml==6.0\n", base=f"http://127.0.0.1:{port}/pypi")
    assert status == 0 and "0 of 2 locked packages checked" in out and "2 unreachable" in out


def test_a_found_vulnerability_fails_even_when_other_packages_are_unreachable(pypi: FakePyPI,
                                                                            tmp_path: Path) -> None:
    pypi.release("bad", "1.0", [vuln("PYSEC-X", ["1.1"])])
    pypi.flaky["/pypi/down/1.0/json"] = 99
    status, out = run(tmp_path, "bad==1.0\ndown==1.0\n", base=pypi.url)
    assert status == 1 and "VULNERABLE bad==1.0" in out and "unreachable" in out
