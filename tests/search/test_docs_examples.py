"""Every example in docs/search.md, executed: queries, CLI lines, Python blocks, the JSON shape."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawdb.cli import build_cli
from lawdb.config import load_settings, sqlite_url
from lawdb.db import make_engine, make_session_factory
from lawdb.search.backend import SearchRequest
from lawdb.search.whoosh_backend import WhooshBackend
from tests.search.conftest import SAMPLE_DOCS, add_judgment

DOC = Path(__file__).resolve().parents[2] / "docs" / "search.md"
TEXT = DOC.read_text(encoding="utf-8")


def _section(title: str, text: str = TEXT) -> str:
    start = text.index(f"\n## {title}")
    end = text.find("\n## ", start + 4)
    return text[start:end if end >= 0 else None]


def _table_queries(section: str) -> list[tuple[str, str]]:
    """(query, the rest of the row) for every table row whose first cell is a code span."""
    rows = []
    for line in section.splitlines():
        m = re.match(r"^\| `(.+?)` \| (.*) \|$", line)
        if m:
            rows.append((m.group(1), m.group(2)))
    return rows


QUERIES = _table_queries(_section("The query language"))
ERRORS = _table_queries(_section("Errors"))


def test_the_doc_has_examples_of_every_query_form() -> None:
    assert len(QUERIES) >= 60
    assert len(ERRORS) >= 10
    forms = [q for q, _ in QUERIES]
    for needle in ("AND", "OR", "NOT", "(", '"', "~", "*", "?", "court:", "judge:", "party:", "kind:",
                   "statute:", "section:", "year:", "date:", "cites:", "citedby:", "u/s", "PECA"):
        assert any(needle in q for q in forms), needle


@pytest.mark.parametrize("query, meaning", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_examples_run_and_find_something(sample_backend: WhooshBackend, query: str,
                                               meaning: str) -> None:
    response = sample_backend.search(SearchRequest(query, facets=True))
    assert response.error is None, response.error
    assert response.total >= 1, f"{query!r} ({meaning}) found nothing in the sample collection"
    assert response.results and not response.partial


@pytest.mark.parametrize("query, message", ERRORS, ids=[q for q, _ in ERRORS])
def test_error_examples_give_their_message(sample_backend: WhooshBackend, query: str, message: str) -> None:
    response = sample_backend.search(SearchRequest(query))
    assert response.error is not None and response.results == []
    expected = message.split("...")[0].strip().rstrip(",").replace("\\|", "|")
    assert expected in response.error


def test_json_example_has_the_keys_a_response_has(sample_backend: WhooshBackend) -> None:
    block = re.search(r"```json\n(.*?)```", _section("The JSON format"), re.S).group(1)
    example = json.loads(block)
    actual = sample_backend.search(SearchRequest("u/s 292-C PPC", facets=True)).to_json()
    assert set(example) == set(actual)
    assert set(example["results"][0]) == set(actual["results"][0])
    assert set(example["results"][0]["snippets"][0]) == set(actual["results"][0]["snippets"][0])
    assert set(example["facets"]) == set(actual["facets"])
    assert actual["results"][0]["title"] == example["results"][0]["title"]
    assert actual["results"][0]["snippets"][0]["page"] == example["results"][0]["snippets"][0]["page"]
    assert "<mark>292-C</mark>" in actual["results"][0]["snippets"][0]["html"]
    documented = {m for m in re.findall(r"^\| `([^`]+)`", _section("The JSON format"), re.M)}
    assert {"total", "partial", "took_ms", "did_you_mean", "error", "warnings", "facets"} <= documented


@pytest.fixture
def data_dir(tmp_path: Path, sqlite_template: Path) -> Path:
    """A data folder: a migrated SQLite database holding two judgments, and the sample index."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(sqlite_template, data / "lawdb.sqlite3")
    engine = make_engine(sqlite_url(data / "lawdb.sqlite3"))
    with make_session_factory(engine)() as session:
        add_judgment(session, title="A v. B", pages=["bail was refused"], queue=False)
        add_judgment(session, title="C v. D", pages=["rape was not proved"], queue=False)
        session.commit()
    engine.dispose()
    WhooshBackend(data / "index").index_documents(SAMPLE_DOCS)
    return data


def _sh_lines(command: str) -> list[str]:
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", TEXT, re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith(f"lawdb {command}"):
                lines.append(line)
    return lines


@pytest.mark.parametrize("line", _sh_lines("search"))
def test_cli_search_examples(data_dir: Path, line: str) -> None:
    args = shlex.split(line)[1:]
    result = CliRunner().invoke(build_cli(), ["--data-dir", str(data_dir), *args])
    assert result.exit_code == 0, result.output
    if "--json" in args:
        assert json.loads(result.output)["error"] is None
    else:
        assert re.match(r"\d+ results? \(", result.output)


def test_cli_reindex_examples_in_order(data_dir: Path) -> None:
    lines = _sh_lines("reindex")
    assert [line.split()[2] for line in lines] == ["--procs", "--status", "--pending"]
    for line in lines:
        result = CliRunner().invoke(build_cli(), ["--data-dir", str(data_dir), *shlex.split(line)[1:]])
        assert result.exit_code == 0, (line, result.output)
    status = CliRunner().invoke(build_cli(), ["--data-dir", str(data_dir), "reindex", "--status"])
    assert "documents: 2, indexed: 2" in status.output


def test_python_examples_run(data_dir: Path) -> None:
    settings = load_settings(data_dir)
    engine = make_engine(settings.database_url)
    namespace = {"settings": settings, "session_factory": make_session_factory(engine)}
    blocks = re.findall(r"```python\n(.*?)```", TEXT, re.S)
    assert len(blocks) >= 2
    for block in blocks:
        exec(compile(block, str(DOC), "exec"), namespace)
    assert namespace["payload"]["error"] is None
    assert namespace["similar"].error  # document 42 does not exist: an error, not an exception
    engine.dispose()
