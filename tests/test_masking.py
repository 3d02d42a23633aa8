"""Victim-name masking applied on output."""

from __future__ import annotations

import pytest

from lawdb.masking import mask_spans, mask_text

CASES = [
    ("The victim Ayesha Bibi (PW-2) stated.", ["Ayesha Bibi"], "The victim [victim] (PW-2) stated."),
    ("AYESHA BIBI was taken away.", ["Ayesha Bibi"], "[victim] was taken away."),
    ("Mst. Ayesha\nBibi deposed; Ayesha was 9.", ["Ayesha Bibi"], "[victim] deposed; [victim] was 9."),
    # The common part alone is never masked: it would hide other people.
    ("Parveen Bibi, the mother, and Bibi Jan.", ["Ayesha Bibi"], "Parveen Bibi, the mother, and Bibi Jan."),
    ("Muhammad Nouman Saleem (PW-5); Nouman said.", ["Muhammad Nouman Saleem"],
     "[victim] (PW-5); [victim] said."),
    # Whole words only.
    ("Ayeshabad is a town.", ["Ayesha Bibi"], "Ayeshabad is a town."),
    ("Nothing to hide.", [], "Nothing to hide."),
]


@pytest.mark.parametrize("text, names, expected", CASES)
def test_mask_text(text: str, names: list[str], expected: str) -> None:
    assert mask_text(text, names) == expected


def test_mask_spans_point_at_the_names() -> None:
    text = "the victim Ayesha Bibi; later Ayesha"
    spans = mask_spans(text, ["Ayesha Bibi"])
    assert [text[a:b] for a, b in spans] == ["Ayesha Bibi", "Ayesha"]


def test_names_with_regex_characters_are_literal() -> None:
    assert mask_text("A.B. (x) and A+B", ["A.B. (x)"]) == "[victim] and A+B"
