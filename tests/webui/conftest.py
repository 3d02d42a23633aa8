"""Fixtures for web tests: the app on a real database, logged-in clients, and a real browser.

- ``app`` / ``client``: the Flask app on a fresh migrated database (SQLite and
  PostgreSQL, through ``db_url``), with a data folder under ``tmp_path``.
- ``live_server``: the app served by waitress in a background thread on a free
  port, against a temporary SQLite database (``live_server_factory`` takes
  configuration overrides). Its ``add_user`` makes accounts.
- ``browser`` / ``page``: Debian's Chromium driven by Playwright. Skipped when
  ``/usr/bin/chromium`` is missing, unless ``LAWDB_REQUIRE_BROWSER`` is set
  (CI), which turns a missing browser into a failure. A failing browser test
  leaves a screenshot in its ``tmp_path``.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from lawdb.config import sqlite_url
from lawdb.services import users as user_service
from tests.webui.util import PASSWORD, login
from webui import create_app

CHROMIUM = Path(os.environ.get("LAWDB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
REQUIRE_BROWSER = os.environ.get("LAWDB_REQUIRE_BROWSER", "") not in ("", "0", "false")


def make_app(db_url: str, data_dir: Path, **config: Any) -> Flask:
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret-key",
                       "LAWDB_DATA_DIR": str(data_dir), "LAWDB_DATABASE_URL": db_url, **config})


def add_user(app: Flask, username: str, password: str = PASSWORD, *, is_admin: bool = False) -> int:
    with app.extensions["lawdb_sessions"]() as session:
        user = user_service.create_user(session, username, password, is_admin=is_admin)
        session.commit()
        return user.id


def add_token(app: Flask, username: str) -> str:
    """A new API token of ``username``; returns its plaintext."""
    from lawdb.services import users as user_service

    with app.extensions["lawdb_sessions"]() as session:
        _, plaintext = user_service.create_token(session, user_service.get_user(session, username), "t")
        session.commit()
    return plaintext


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def app(db_url: str, data_dir: Path) -> Iterator[Flask]:
    app = make_app(db_url, data_dir)
    yield app
    app.extensions["lawdb_engine"].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def amna(app: Flask) -> str:
    """A user called amna (password ``PASSWORD``); returns the username."""
    add_user(app, "amna")
    return "amna"


@pytest.fixture
def logged_in(client: FlaskClient, amna: str) -> FlaskClient:
    response = login(client, amna, PASSWORD)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


# --- a real server ---------------------------------------------------------------------------

@dataclass
class LiveServer:
    """A running lawdb web server: ``url`` without a trailing slash."""

    url: str
    app: Flask
    data_dir: Path
    database_url: str

    def add_user(self, username: str, password: str = PASSWORD, *, is_admin: bool = False) -> int:
        return add_user(self.app, username, password, is_admin=is_admin)

    def sessions(self):
        """The app's session factory, to look at or seed the database."""
        return self.app.extensions["lawdb_sessions"]


class _Waitress:
    """waitress on 127.0.0.1:<free port> in a daemon thread, stopped from its own loop."""

    def __init__(self, app: Flask) -> None:
        from waitress.server import create_server

        self.server = create_server(app, host="127.0.0.1", port=0, threads=4, ident="lawdb-test",
                                    clear_untrusted_proxy_headers=True, asyncore_use_poll=True)
        self.port = self.server.effective_port
        self.thread = threading.Thread(target=self.server.run, name="lawdb-live-server", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        from waitress import wasyncore

        server = self.server

        def shutdown() -> None:  # runs inside the server's loop, so no race with it
            server.task_dispatcher.shutdown()
            wasyncore.close_all(server._map)

        server.trigger.pull_trigger(shutdown)
        self.thread.join(timeout=10)


@pytest.fixture
def live_server_factory(sqlite_template: Path, tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """Start servers on fresh temporary SQLite databases: ``live_server_factory(**config)``."""
    started: list[tuple[_Waitress, Flask]] = []

    def start(**config: Any) -> LiveServer:
        root = tmp_path / f"live{len(started)}"
        data = root / "data"
        data.mkdir(parents=True)
        db_path = data / "lawdb.sqlite3"
        shutil.copyfile(sqlite_template, db_path)
        url = sqlite_url(db_path)
        app = make_app(url, data, **{"TESTING": False, **config})
        server = _Waitress(app)
        started.append((server, app))
        return LiveServer(f"http://127.0.0.1:{server.port}", app, data, url)

    yield start
    for server, app in started:
        server.stop()
        app.extensions["lawdb_engine"].dispose()


@pytest.fixture
def live_server(live_server_factory: Callable[..., LiveServer]) -> LiveServer:
    return live_server_factory()


# --- a real browser --------------------------------------------------------------------------

@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium under Playwright (never a downloaded browser)."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "Playwright for Python is not installed (pip install playwright)"
    if reason:
        if REQUIRE_BROWSER:
            pytest.fail(f"browser required (LAWDB_REQUIRE_BROWSER is set) but unavailable: {reason}")
        pytest.skip(f"{reason}; set LAWDB_REQUIRE_BROWSER=1 to fail instead of skipping")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    path = tmp_path / "screenshots"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def page(browser, request: pytest.FixtureRequest, screenshot_dir: Path):
    """A fresh browser tab (own cookies). Console errors, CSP reports included, go to ``page.errors``."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.errors = []
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    yield tab
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        tab.screenshot(path=str(screenshot_dir / "failure.png"), full_page=True)
    context.close()
