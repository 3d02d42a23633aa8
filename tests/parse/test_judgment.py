"""ingest.parse.judgment: the stages run over a whole judgment.

Statute references are read over the document's pages as one text (a
definition on page 1 holds on page 2); should that stage fail, page by page,
with the failure recorded.
"""

from __future__ import annotations

import pytest

import ingest.parse.judgment as judgment
from ingest.parse.judgment import PARSER_VERSION, parse_judgment

PAGES = [
    "The accused submitted a bond under section 499 of the Code of Criminal Procedure, 1898 (the Code).",
    "The Court then considered sections 497 and 500 of the Code.",
]


def _refs(facts) -> list[tuple[int, str]]:
    return [(r.page_number, f"{r.act}:{r.section}") for r in facts.statute_refs]


def test_statute_refs_read_over_the_pages() -> None:
    facts = parse_judgment(PAGES)
    assert _refs(facts) == [(1, "CrPC:499"), (2, "CrPC:497"), (2, "CrPC:500")]
    assert not facts.errors
    assert facts.parser_version == PARSER_VERSION


def test_statute_refs_fall_back_to_pages_when_the_document_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(pages):
        raise RuntimeError("boom")

    monkeypatch.setattr(judgment, "find_statute_refs_in_pages", broken)
    facts = parse_judgment(PAGES)
    # page by page: page 2 alone does not know what "the Code" is
    assert _refs(facts) == [(1, "CrPC:499"), (2, "None:497"), (2, "None:500")]
    assert any(e.startswith("statute_refs: RuntimeError") for e in facts.errors)
