"""``lawdb search`` and ``lawdb reindex`` as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawdb.cli import build_cli
from lawdb.config import sqlite_url
from lawdb.db import make_engine, make_session_factory
from tests.search.conftest import add_judgment


@pytest.fixture
def data_dir(tmp_path: Path, sqlite_template: Path) -> Path:
    """A data folder whose database has two judgments queued for indexing (never drained)."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(sqlite_template, data / "lawdb.sqlite3")
    engine = make_engine(sqlite_url(data / "lawdb.sqlite3"))
    with make_session_factory(engine)() as session:
        add_judgment(session, title="Nazar Hussain v. The State", court="Lahore High Court",
                     pages=["convicted u/s 292-C PPC", "<b>obscene</b> material recovered"],
                     citation="2024 LHC 6559", sections=[("PPC", "292C")])
        add_judgment(session, title="Ali v. State", court="Sindh High Court", pages=["bail refused"])
        session.commit()
    engine.dispose()
    return data


def lawdb(data_dir: Path, *args: str):
    return CliRunner().invoke(build_cli(), ["--data-dir", str(data_dir), *args])


def test_search_catches_up_with_queued_work_and_prints_hits(data_dir: Path) -> None:
    result = lawdb(data_dir, "search", "obscene", "material")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("1 result (")
    assert "Nazar Hussain v. The State" in lines[1] and "[judgment #1]" in lines[1]
    assert "p.2: <b>[obscene]</b> [material] recovered" in result.output  # text, hits in brackets


def test_search_json_is_the_documented_object(data_dir: Path) -> None:
    result = lawdb(data_dir, "search", "u/s 292-C PPC", "--json", "--facets")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["total"] == 1 and payload["error"] is None
    hit = payload["results"][0]
    assert hit["id"] == 1 and hit["citations"] == ["2024 LHC 6559"] and hit["court"] == "Lahore High Court"
    assert hit["snippets"][0]["page"] == 1 and "<mark>292-C</mark>" in hit["snippets"][0]["html"]
    assert payload["facets"]["section"] == [{"value": "PPC:292C", "count": 1}]


def test_search_options(data_dir: Path) -> None:
    result = lawdb(data_dir, "search", "court:SHC OR court:LHC", "--sort", "date", "--limit", "1",
                   "--page", "2")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 results") and "  2. " in result.output
    inside = lawdb(data_dir, "search", "material OR convicted", "--document", "1", "--json")
    assert [s["page"] for s in json.loads(inside.output)["results"][0]["snippets"]] == [1, 2]
    facets = lawdb(data_dir, "search", "kind:judgment", "--facets", "--no-snippets")
    assert "court: Lahore High Court (1), Sindh High Court (1)" in facets.output
    assert "p.1" not in facets.output


def test_a_malformed_query_is_a_message_and_status_2(data_dir: Path) -> None:
    result = lawdb(data_dir, "search", "bail AND")
    assert result.exit_code == 2
    assert "lawdb search: AND needs something after it" in result.output
    as_json = lawdb(data_dir, "search", "(bail", "--json")
    assert as_json.exit_code == 2 and "not closed" in json.loads(as_json.output)["error"]


def test_did_you_mean_is_shown(data_dir: Path) -> None:
    result = lawdb(data_dir, "search", "obscne")
    assert "Did you mean: obscene" in result.output


def test_reindex_commands(data_dir: Path) -> None:
    status = lawdb(data_dir, "reindex", "--status")
    assert status.exit_code == 1 and "missing: 2" in status.output and "outbox pending: yes" in status.output
    pending = lawdb(data_dir, "reindex", "--pending")
    assert pending.exit_code == 0 and "applied 2 queued change(s): 2 indexed" in pending.output
    assert lawdb(data_dir, "reindex", "--status").exit_code == 0
    rebuilt = lawdb(data_dir, "reindex")
    assert rebuilt.exit_code == 0 and rebuilt.output.startswith("indexed 2 document(s)")


def test_help_has_examples() -> None:
    for command in ("search", "reindex"):
        result = CliRunner().invoke(build_cli(), [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output
