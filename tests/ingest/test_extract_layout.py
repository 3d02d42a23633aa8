"""find_columns and layout_bands on text-run rectangles (PDF points, origin bottom left)."""

from __future__ import annotations

import random

import pytest

from ingest.extract.textlayer import Band, find_columns, layout_bands

PAGE = (0.0, 0.0, 595.0, 842.0)


def column(
    x0: float, x1: float, lines: int = 40, top: float = 760.0
) -> list[tuple[float, float, float, float]]:
    """Full lines of a text column, the last line of each 'paragraph' shorter."""
    return [
        (x0, top - 12 * i - 10, x1 if i % 7 != 6 else (x0 + x1) / 2, top - 12 * i)
        for i in range(lines)
    ]


def justified_words(
    x0: float, x1: float, lines: int = 40
) -> list[tuple[float, float, float, float]]:
    """One column whose lines PDFium splits into words at irregular gaps."""
    rng = random.Random(7)
    rects = []
    for i in range(lines):
        x = x0
        while x < x1:
            width = rng.uniform(15, 60)
            rects.append((x, 750 - 12 * i, min(x + width, x1), 760 - 12 * i))
            x += width + rng.uniform(2, 6)
    return rects


TITLE = (150.0, 800.0, 450.0, 815.0)  # centred over both columns
FOOTER = (40.0, 40.0, 560.0, 50.0)

LAYOUTS = [
    pytest.param(column(50, 280) + column(310, 540), [(50, 295), (295, 540)], id="two-columns"),
    pytest.param(
        [TITLE, *column(50, 280), *column(310, 540), FOOTER],
        [(40, 295), (295, 560)],
        id="title-and-footer",
    ),
    pytest.param(
        column(40, 200) + column(215, 375) + column(390, 550),
        [(40, 207.5), (207.5, 382.5), (382.5, 550)],
        id="three-columns",
    ),
    pytest.param(justified_words(50, 540), None, id="one-justified-column"),
    pytest.param(column(50, 540), None, id="one-column"),
    # a "Convictions | Sentences" table: a narrow label column beside a wide one
    pytest.param(column(50, 150, 30) + column(170, 540), None, id="label-and-text-table"),
    pytest.param(column(50, 280, 5) + column(310, 540, 5), None, id="too-little-text"),
]


@pytest.mark.parametrize(("rects", "expected"), LAYOUTS)
def test_find_columns(rects, expected) -> None:
    columns = find_columns(rects)
    if expected is None:
        assert columns is None
    else:
        assert columns is not None
        # gutters are found on a 1-point grid
        assert [c for pair in columns for c in pair] == pytest.approx(
            [c for pair in expected for c in pair], abs=1
        )


def test_bands_read_title_then_columns_then_footer() -> None:
    rects = [TITLE, *column(50, 280), *column(310, 540), FOOTER]
    columns = find_columns(rects)
    bands = layout_bands(rects, columns, PAGE)
    assert [len(band.columns) for band in bands] == [1, 2, 1]
    title, body, footer = bands
    assert title == Band(842.0, title.bottom, ((0.0, 595.0),))
    (left, middle), (middle_again, right) = body.columns
    assert (left, right) == (0.0, 595.0)
    assert middle == middle_again == pytest.approx(295, abs=1)
    # edges fall in the gaps between lines: nothing is cut
    assert TITLE[1] > title.bottom > 760.0
    assert 760 - 12 * 39 - 10 > footer.top > FOOTER[3]
    assert footer.bottom == 0.0
