"""The query parser: what each form becomes, helpful errors, and robustness on any input."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawdb.search import query as ast
from lawdb.search.backend import SearchRequest
from lawdb.search.query import QueryError, parse

SHAPES = [
    ("bail", ast.Word),
    ("bail cancellation", ast.And),
    ("bail AND cancellation", ast.And),
    ("bail OR parole", ast.Or),
    ("NOT bail", ast.Not),
    ("-bail", ast.Not),
    ("+bail", ast.Word),
    ("(bail OR parole) AND murder", ast.And),
    ('"benefit of doubt"', ast.Phrase),
    ('"obscene material"~5', ast.Phrase),
    ("obsc*", ast.Prefix),
    ("porn?graphy", ast.Wildcard),
    ("rape~1", ast.Fuzzy),
    ("rape~", ast.Fuzzy),
    ("court:LHC", ast.Field),
    ('court:"Lahore High Court"', ast.Field),
    ("year:2020..2024", ast.Field),
    ("date:[2023-01-01 TO 2023-06-30]", ast.Field),
    ('cites:"2019 SCMR 1234"', ast.Field),
    ("cites:2019 SCMR 1234", ast.Field),
    ("citedby:PLD 2015 SC 396", ast.Field),
    ("2019 SCMR 1234", ast.Citation),
    ("[2024] PKSC 242", ast.Citation),
    ("Crl.A. No. 964-J of 2023", ast.CaseNumber),
    ("u/s 292-B PPC", ast.SectionRef),
    ("section 22 of PECA", ast.SectionRef),
    ("PECA", ast.ActRef),
    ("Pakistan Penal Code", ast.ActRef),
    ("first information report", ast.Abbreviation),
    ("court:(LHC OR SHC)", ast.Field),
    ("bail && parole || murder", ast.Or),
    ("Held: bail", ast.And),  # "Held:" followed by a space is text, not a field
]


@pytest.mark.parametrize("text, shape", SHAPES)
def test_shapes(text: str, shape: type) -> None:
    assert isinstance(parse(text), shape)


def test_precedence_and_binds_tighter_than_or() -> None:
    tree = parse("a OR b c")
    assert isinstance(tree, ast.Or)
    assert isinstance(tree.items[1], ast.And)


def test_proximity_and_fuzziness_values() -> None:
    assert parse('"obscene material"~5').slop == 5
    assert parse('"obscene material"').slop is None
    assert parse("rape~2").distance == 2
    assert parse("rape~").distance == 1


def test_field_values() -> None:
    year = parse("year:2020..2024")
    assert isinstance(year.value, ast.Range) and (year.value.low, year.value.high) == ("2020", "2024")
    date = parse("date:[2023-01-01 TO *]")
    assert (date.value.low, date.value.high) == ("2023-01-01", None)
    cites = parse("cites:2019 SCMR 1234")
    assert isinstance(cites.value, ast.Citation) and cites.value.normalized == "2019 SCMR 1234"
    section = parse("section:PECA:22")
    assert isinstance(section.value, ast.Word) and section.value.text == "PECA:22"
    assert parse("JUDGE:Khurram").name == "judge"
    assert parse("bench:Multan").name == "seat"


def test_recognised_legal_atoms() -> None:
    assert parse("u/s 292-B/292-C PPC").sections == [("PPC", "292B"), ("PPC", "292C")]
    assert parse("Criminal Appeal No.964-J of 2023").keys == ["crla:964j/2023", "964j/2023"]
    assert parse("P.L.D. 2015 Supreme Court 396").normalized == "PLD 2015 SC 396"
    assert parse("Prevention of Electronic Crimes Act").key == "PECA"
    # inside quotes nothing is recognised: the phrase is searched as written
    assert isinstance(parse('"u/s 302 PPC"'), ast.Phrase)


ERRORS = [
    ("", "empty"),
    ("   ", "empty"),
    ("bail AND", "AND needs something after it"),
    ("AND bail", "AND needs something before it"),
    ("bail OR", "OR needs something after it"),
    ("NOT", "NOT needs something after it"),
    ("(bail", "opening bracket '(' is not closed"),
    ("bail)", "closing bracket ')' has no opening"),
    ("()", "empty brackets"),
    ('"benefit of doubt', "phrase is not closed"),
    ('""', "empty phrase"),
    ("foo:bar", "unknown field 'foo'"),
    ("court:", "court: needs a value"),
    ("o*", "at least two letters"),
    ("*graphy", "at least two letters"),
    ("rape~3", "fuzziness can be ~1 or ~2"),
    ("ra~1", "at least 3 letters"),
    ('"obscene material"~99', "at most 50 words"),
    ('"obscene material"~', "proximity search needs a number"),
    ("date:[2023", "a range is written"),
    ("x" * 1001, "too long"),
    ("(" * 20 + "bail" + ")" * 20, "nest too deep"),
    (" ".join(["bail"] * 70), "too many parts"),
]


@pytest.mark.parametrize("text, message", ERRORS)
def test_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        parse(text)
    assert message in str(info.value)


def test_error_positions_point_at_the_problem() -> None:
    with pytest.raises(QueryError) as info:
        parse("bail AND (murder OR")
    assert info.value.position == 17
    assert str(info.value).endswith("(at character 18)")


COMPILE_ERRORS = [
    ("year:20x4", "is not a year"),
    ("year:2024..2020", "backwards"),
    ("year:1200", "out of range"),
    ("date:2023-02-30", "not a real date"),
    ("date:yesterday", "is not a date"),
    ("kind:judgement", "kind: is one of"),
    ('cites:"not a citation"', "cites: needs a citation"),
    ("citation:bail", "citation: needs a citation"),
    ("case:bail", "case: needs a case number"),
    ("section:PECA:", "section: is written ACT:SECTION"),
    ("id:abc", "id: needs a document number"),
    ("court:2020..2024", "does not take a range"),
    ("the of and", "only very common words"),
]


@pytest.mark.parametrize("text, message", COMPILE_ERRORS)
def test_errors_found_while_compiling_reach_the_response(sample_backend, text: str, message: str) -> None:
    response = sample_backend.search(SearchRequest(text))
    assert response.error is not None and message in response.error
    assert response.results == [] and response.total == 0


FRAGMENTS = ["AND", "OR", "NOT", "(", ")", '"', "“", "”", ":", "court:", "year:", "date:", "cites:",
             "citedby:", "section:", "kind:", "[", "]", "{", "}", "TO", "..", "*", "?", "~", "~5", "-", "+",
             "!", "&&", "||", "bail", "rape", "obsc*", "u/s", "302", "PPC", "PECA", "2019 SCMR 1234",
             "Crl.A. 964-J/2023", "ضمانت", "كي", "\\", "/", ",", ".", "\x00", "\u200c", "🙂", "2023-01-01"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25), st.lists(st.sampled_from(["", " ", "  "]),
                                                                  min_size=25, max_size=25))
def test_fragments_never_crash_the_search(sample_backend, parts: list[str], gaps: list[str]) -> None:
    text = "".join(p + g for p, g in zip(parts, gaps, strict=False))
    started = time.perf_counter()
    response = sample_backend.search(SearchRequest(text, facets=True, time_limit=1.0))
    assert time.perf_counter() - started < 3.0
    assert response.error is None or isinstance(response.error, str)
    if response.error is None:
        assert response.total >= len(response.results)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_never_crashes_the_search(sample_backend, text: str) -> None:
    started = time.perf_counter()
    response = sample_backend.search(SearchRequest(text, time_limit=1.0))
    assert time.perf_counter() - started < 3.0
    assert response.error is None or response.error


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=400))
def test_parse_raises_only_query_errors(text: str) -> None:
    try:
        parse(text)
    except QueryError as exc:
        assert exc.message


def test_parsing_is_fast_on_long_hostile_input() -> None:
    hostile = ['"' * 999, "(" * 999, "a:" * 499, "2019 SCMR " * 99, "u/s 302 " * 124, "*?~" * 333]
    for text in hostile:
        started = time.perf_counter()
        with contextlib.suppress(QueryError):
            parse(text[:1000])
        assert time.perf_counter() - started < 0.5, text[:20]
