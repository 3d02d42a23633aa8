"""strip_page_furniture and page_number_in: running headers, footers, page numbers."""

from __future__ import annotations

import pytest

from ingest.extract.headers import page_number_in, strip_page_furniture

PAGE_NUMBERS = [
    ("7", "7"),
    ("- 12 -", "12"),
    ("—3—", "3"),
    ("-2-", "2"),
    ("[4]", "4"),
    ("(5)", "5"),
    ("Page 3 of 12", "3"),
    ("page 3/12", "3"),
    ("Page No. 5", "5"),
    ("3 of 12", "3"),
    ("2 | P a g e", "2"),
    ("xiv", "xiv"),
    ("\u0662", "\u0662"),  # Arabic-Indic digit two
    ("12. The appellant", None),
    ("2014.", None),  # a wrapped line's last word, not a page
    ("civil", None),
    ("Crl. Appeal No.1518 of 2014  2", None),  # running header: found by repetition
    ("", None),
]


@pytest.mark.parametrize(("line", "expected"), PAGE_NUMBERS)
def test_page_number_in(line: str, expected: str | None) -> None:
    assert page_number_in(line) == expected


FURNITURE = [
    # (pages, expected pages, expected labels)
    pytest.param(
        [
            "JUDGMENT\n1. The appeal is\nagainst a judgment.",
            "Crl. Appeal No.1518 of 2014  2\nfiled in time.\n2. Arguments heard.",
            "Crl. Appeal No.1518 of 2014  3\n3. The appeal fails.",
        ],
        [
            "JUDGMENT\n1. The appeal is\nagainst a judgment.",
            "filed in time.\n2. Arguments heard.",
            "3. The appeal fails.",
        ],
        [None, "2", "3"],
        id="header-with-changing-page-number",
    ),
    pytest.param(
        [
            "Crl. Appeal No.964/J/2023\n- 2 -\ndocket for her",
            "Crl. Appeal No.964/J/2023\n- 3 -\n6. On 11.1.2022",
            "Crl. Appeal No.964/J/2023\n- 4 -\nthe end",
        ],
        ["docket for her", "6. On 11.1.2022", "the end"],
        ["2", "3", "4"],
        id="constant-header-then-dashed-number",
    ),
    pytest.param(
        ["text of one\nPage 1 of 3", "text of two\nPage 2 of 3", "text of three\nPage 3 of 3"],
        ["text of one", "text of two", "text of three"],
        ["1", "2", "3"],
        id="page-n-of-m-footer",
    ),
    pytest.param(
        [
            "first page\nbody",
            "body two\nwww.pakistancode.gov.pk\n2",
            "body three\nwww.pakistancode.gov.pk\n3",
        ],
        ["first page\nbody", "body two", "body three"],
        [None, "2", "3"],
        id="repeated-footer-and-bare-number",
    ),
    pytest.param(
        ["THE CONSTITUTION\n2024\ncover", "PREFACE\nThe National Assembly"],
        ["THE CONSTITUTION\n2024\ncover", "PREFACE\nThe National Assembly"],
        [None, None],
        id="a-year-is-not-a-page-number",
    ),
    pytest.param(
        ["ORDER\n1. Heard.", "ORDER\n2. Dismissed."],
        ["1. Heard.", "2. Dismissed."],
        [None, None],
        id="same-first-line-on-every-page-is-a-header",
    ),
    pytest.param(
        ["only page\nwith text"], ["only page\nwith text"], [None], id="single-page-untouched"
    ),
]


@pytest.mark.parametrize(("pages", "expected", "labels"), FURNITURE)
def test_strip_page_furniture(
    pages: list[str], expected: list[str], labels: list[str | None]
) -> None:
    assert strip_page_furniture(pages) == (expected, labels)


def test_numbered_rows_at_the_top_are_not_a_header() -> None:
    # Lines that differ only in their numbers, several to a page: a list, not furniture.
    pages = [
        "\n".join(f"Exh. P-{10 * page + row} produced by the witness" for row in range(6))
        for page in range(3)
    ]
    assert strip_page_furniture(pages) == (pages, [None, None, None])


def test_two_exact_header_lines_alike_but_for_numbers() -> None:
    bodies = ["The petitions were heard together.", "Both raise one question.", "They are allowed."]
    pages = [
        f"{n}\nW.P.No.2832 of 2021\nW.P.No.3243 of 2021\n{body}"
        for n, body in zip((2, 3, 4), bodies, strict=True)
    ]
    assert strip_page_furniture(pages) == (bodies, ["2", "3", "4"])
