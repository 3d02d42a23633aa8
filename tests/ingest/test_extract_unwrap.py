"""unwrap_lines: width-wrapped lines joined, meaningful breaks kept."""

from __future__ import annotations

import pytest

from ingest.extract.unwrap import typical_width, unwrap_lines

FULL = "x" * 60  # a full line at width 60

CASES = [
    # (text, width, expected)
    (
        "The appeal is directed against the judgment dated 6.10.2023\n"
        "delivered by the Additional Sessions Judge, Jatoi, in case FIR\n"
        "No. 497/2021.",
        60,
        "The appeal is directed against the judgment dated 6.10.2023 "
        "delivered by the Additional Sessions Judge, Jatoi, in case FIR No. 497/2021.",
    ),
    # a numbered paragraph starts a new line even after a full line
    (f"{FULL}\n12. The next paragraph", 60, f"{FULL}\n12. The next paragraph"),
    (f"{FULL}\n2- Dash-numbered paragraph", 60, f"{FULL}\n2- Dash-numbered paragraph"),
    (f"{FULL}\n(a) a clause\n(iv) a sub-clause", 60, f"{FULL}\n(a) a clause\n(iv) a sub-clause"),
    (f"{FULL}\nb) item\n• bullet", 60, f"{FULL}\nb) item\n• bullet"),
    # "v." in a title is not a list item
    (f"{FULL}\nv. The State and others", 60, f"{FULL} v. The State and others"),
    # decimal numbers and dates do not start paragraphs
    (f"{FULL}\n26.8.2021 registered", 60, f"{FULL} 26.8.2021 registered"),
    # the ragged last line of a paragraph ends it
    (f"{FULL}\nshort end.\nNext paragraph", 60, f"{FULL} short end.\nNext paragraph"),
    # a nearly full line ending a sentence ends the paragraph; without the stop it wraps
    ("x" * 38 + " ends.\nNew one", 60, "x" * 38 + " ends.\nNew one"),
    ("x" * 38 + " goes\non", 60, "x" * 38 + " goes on"),
    # a list or quotation follows a colon
    (f"{FULL}:\nquoted text", 60, f"{FULL}:\nquoted text"),
    (f"{FULL} as under:-\nquoted", 60, f"{FULL} as under:-\nquoted"),
    # caption lines in capitals stay lines
    (
        "JUDGMENT SHEET\nLAHORE HIGH COURT\nJUDICIAL DEPARTMENT",
        60,
        "JUDGMENT SHEET\nLAHORE HIGH COURT\nJUDICIAL DEPARTMENT",
    ),
    # blank lines are paragraph breaks
    (f"{FULL}\n\n{FULL}", 60, f"{FULL}\n\n{FULL}"),
    # Urdu: no case, its own full stop
    ("\u0627" * 40 + "\u06d4\n\u0628", 60, "\u0627" * 40 + "\u06d4\n\u0628"),
    ("", 60, ""),
]


@pytest.mark.parametrize(("text", "width", "expected"), CASES)
def test_unwrap_lines(text: str, width: int, expected: str) -> None:
    assert unwrap_lines(text, width) == expected


def test_width_estimated_from_the_text() -> None:
    text = "\n".join(["a" * 70] * 8 + ["short"] * 2)
    assert typical_width(text) == 70
    assert unwrap_lines("a" * 70 + "\nwrapped") == "a" * 70 + " wrapped"
