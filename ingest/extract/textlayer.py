"""Reading a page's text layer: PDFium by default, pdfplumber where layout matters.

PDFium (through pypdfium2) reads text 20-50 times faster than pdfplumber and
agrees with it on born-digital judgments, so every page starts there. On the
way it reports where its text runs lie (:func:`text_rects`, free of charge),
and :func:`find_columns` looks in them for a multi-column layout: a vertical
gutter that almost no text crosses, with well-filled columns on both sides.
Only such pages go through pdfplumber, cropped column by column
(:func:`layout_bands` cuts the page into full-width bands and column bands,
top to bottom) with a tight ``x_tolerance`` so that words close to the gutter
do not run together. Where pdfplumber cannot read the file, PDFium crops the
same bands itself (:func:`read_bands_pdfium`).

Coordinates are PDF points with the origin at the bottom left, as PDFium
gives them (``left, bottom, right, top``).

Caveats: column detection looks for straight vertical gutters, so it misses
irregular magazine layouts; a table with two or three equally wide columns of
running text (a "before / after amendment" table) is taken for columns and read
column by column. Columns of a right-to-left page are read right to left.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise
from typing import Any

Rect = tuple[float, float, float, float]  # left, bottom, right, top

#: Fewer text runs than this and a page is not examined for columns.
MIN_RECTS = 20
#: Narrowest gap (points) between columns.
MIN_GUTTER = 5.0
#: Most share of the text's height that may cross a gutter (titles, footers).
MAX_GUTTER_COVER = 0.1
#: Narrowest column, as a share of the text's width.
MIN_COLUMN_SHARE = 0.2
#: How full a column's median line must be (share of the column width).
MIN_LINE_FILL = 0.5
#: Narrowest column as a share of the widest: text columns are alike, the label
#: and text columns of a table (``Convictions | Sentences``) are not.
MIN_COLUMN_BALANCE = 0.6
#: pdfplumber's horizontal tolerance on column pages (its default 3 merges words in 9 pt type).
X_TOLERANCE = 1.5


@dataclass(frozen=True)
class Band:
    """A horizontal strip of a page and the columns to read in it, in order."""

    top: float
    bottom: float
    columns: tuple[tuple[float, float], ...]


def text_rects(textpage: Any) -> list[Rect]:
    """The rectangles of a PDFium text page's text runs."""
    return [textpage.get_rect(i) for i in range(textpage.count_rects())]


def _union_length(intervals: list[tuple[float, float]]) -> float:
    total = 0.0
    end = float("-inf")
    for start, stop in sorted(intervals):
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total


def _median_line_width(rects: list[Rect]) -> float:
    """Median width of the lines that ``rects`` form (runs grouped by vertical position)."""
    widths: list[float] = []
    current: list[Rect] = []
    for rect in sorted(rects, key=lambda r: -(r[1] + r[3])):
        centre = (rect[1] + rect[3]) / 2
        if current:
            last = current[-1]
            if abs((last[1] + last[3]) / 2 - centre) > (last[3] - last[1]) / 2:
                widths.append(max(r[2] for r in current) - min(r[0] for r in current))
                current = []
        current.append(rect)
    if current:
        widths.append(max(r[2] for r in current) - min(r[0] for r in current))
    return statistics.median(widths)


def find_columns(rects: Sequence[Rect]) -> list[tuple[float, float]] | None:
    """The x-ranges of the text columns if ``rects`` form a multi-column page, else None.

    The ranges run from the text's left edge to its right edge, split at the
    middle of each gutter.
    """
    runs = [r for r in rects if r[2] - r[0] >= 1 and r[3] - r[1] >= 1]
    if len(runs) < MIN_RECTS:
        return None
    left = min(r[0] for r in runs)
    right = max(r[2] for r in runs)
    extent = right - left
    height = _union_length([(r[1], r[3]) for r in runs])
    if extent < 100 or height <= 0:
        return None

    # How much of the text's height covers each x (1-point steps), by a difference array.
    size = int(extent) + 2
    diff = [0.0] * (size + 1)
    for x0, bottom, x1, top in runs:
        diff[int(x0 - left)] += top - bottom
        diff[int(x1 - left) + 1] -= top - bottom
    cover = list(accumulate(diff))
    low, high = int(0.15 * extent), int(0.85 * extent)
    limit = MAX_GUTTER_COVER * height
    if min(cover[low : high + 1]) > limit:
        return None
    gutters: list[float] = []
    run_start: int | None = None
    for x in range(low, high + 2):
        empty = x <= high and cover[x] <= limit
        if empty and run_start is None:
            run_start = x
        elif not empty and run_start is not None:
            if x - run_start >= MIN_GUTTER:
                gutters.append(left + (run_start + x) / 2)
            run_start = None
    if not gutters:
        return None

    edges = [left, *gutters, right]
    columns = list(pairwise(edges))
    widths = [x1 - x0 for x0, x1 in columns]
    if min(widths) < MIN_COLUMN_BALANCE * max(widths):
        return None
    total_mass = sum((r[2] - r[0]) * (r[3] - r[1]) for r in runs)
    for x0, x1 in columns:
        width = x1 - x0
        inside = [r for r in runs if r[0] >= x0 - 1 and r[2] <= x1 + 1]
        mass = sum((r[2] - r[0]) * (r[3] - r[1]) for r in inside)
        if (
            width < MIN_COLUMN_SHARE * extent
            or len(inside) < 5
            or mass < 0.15 * total_mass
            or _median_line_width(inside) < MIN_LINE_FILL * width
        ):
            return None
    return columns


def layout_bands(
    rects: Sequence[Rect], columns: Sequence[tuple[float, float]], page_box: Rect
) -> list[Band]:
    """Cut the page into full-width and column bands, top to bottom.

    A text run that crosses a gutter (a title, an abstract, a footer) makes its
    height a full-width band; everything else is read column by column.
    Band edges fall in the gaps between lines, so no line is cut.
    """
    page_left, page_bottom, page_right, page_top = page_box
    gutters = [x1 for _, x1 in columns[:-1]]
    column_ranges = tuple(
        (page_left if i == 0 else x0, page_right if i == len(columns) - 1 else x1)
        for i, (x0, x1) in enumerate(columns)
    )
    full_width = ((page_left, page_right),)

    # Rows: runs merged by overlapping height, each marked as crossing a gutter or not.
    rows: list[list[float]] = []  # [top, bottom, crosses]
    for x0, bottom, x1, top in sorted(rects, key=lambda r: -r[3]):
        if x1 - x0 < 1 or top - bottom < 1:
            continue
        crosses = any(x0 < g < x1 for g in gutters)
        if rows and top > rows[-1][1] + 1:  # overlaps the row above (runs come top first)
            rows[-1][1] = min(rows[-1][1], bottom)
            rows[-1][2] = rows[-1][2] or crosses
        else:
            rows.append([top, bottom, crosses])

    bands: list[Band] = []
    upper = page_top
    for i, (_, bottom, crosses) in enumerate(rows):
        last = i == len(rows) - 1
        if not last and rows[i + 1][2] == crosses:
            continue
        lower = page_bottom if last else (bottom + rows[i + 1][0]) / 2
        bands.append(Band(upper, lower, full_width if crosses else column_ranges))
        upper = lower
    return bands


def read_bands_pdfium(textpage: Any, bands: Sequence[Band], right_to_left: bool = False) -> str:
    """The text of ``bands`` in reading order, cropped by PDFium."""
    parts = []
    for band in bands:
        columns = band.columns[::-1] if right_to_left else band.columns
        for x0, x1 in columns:
            parts.append(textpage.get_text_bounded(x0, band.bottom, x1, band.top).strip("\r\n"))
    return "\n".join(part for part in parts if part)


def read_bands_pdfplumber(
    plumber_page: Any, bands: Sequence[Band], page_top: float, right_to_left: bool = False
) -> str:
    """The text of ``bands`` in reading order, by pdfplumber's layout analysis.

    ``page_top`` is the top of the page in PDF coordinates; pdfplumber measures
    ``top`` downwards from it. Only for unrotated pages whose box starts at 0.
    """
    # Sideways margin text (a rotated "PROPOSED RULES" strip) would cut into the
    # column it sits beside. (Overprinted glyphs are left to the cleaning stage
    # collapse_doubled_chars: pdfplumber's dedupe_chars costs more than the page.)
    page = plumber_page.filter(
        lambda obj: obj.get("object_type") != "char" or obj.get("upright", True)
    )
    parts = []
    for band in bands:
        columns = band.columns[::-1] if right_to_left else band.columns
        for x0, x1 in columns:
            box = (
                max(x0, 0),
                max(page_top - band.top, 0),
                min(x1, plumber_page.width),
                min(page_top - band.bottom, plumber_page.height),
            )
            if box[2] - box[0] < 1 or box[3] - box[1] < 1:
                continue
            text = page.crop(box, strict=False).extract_text(x_tolerance=X_TOLERANCE)
            parts.append(text.strip("\n"))
    return "\n".join(part for part in parts if part)
