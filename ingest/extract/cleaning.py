"""The cleaning pipeline: raw page texts in, cleaned page texts (and labels) out.

Each stage is a small pure function in its own module, tested on its own with
a table of cases. The order matters and is fixed here:

1. :func:`~ingest.extract.normalize.normalize_unicode` - ``\\n`` line ends, NFC,
   ligatures, one form of line-end hyphen;
2. :func:`~ingest.extract.doubled.collapse_doubled_chars` - ``TThhee`` -> ``The``;
3. :func:`~ingest.extract.whitespace.normalize_whitespace` - so that lines
   compare equal across pages;
4. :func:`~ingest.extract.headers.strip_page_furniture` - running headers,
   footers, page numbers (across all pages; gives the printed labels);
5. :func:`~ingest.extract.hyphens.rejoin_hyphenation` - with the document's
   own words as lexicon;
6. :func:`~ingest.extract.unwrap.unwrap_lines` - with the document's line width;
7. :func:`~ingest.extract.whitespace.normalize_whitespace` again.

Caveat: a word hyphenated across a page break stays split (pages are cleaned
as pages, since offsets and pinpoint citations are per page).
"""

from __future__ import annotations

from collections.abc import Sequence

from .doubled import collapse_doubled_chars
from .headers import strip_page_furniture
from .hyphens import build_lexicon, rejoin_hyphenation
from .normalize import normalize_unicode
from .unwrap import typical_width, unwrap_lines
from .whitespace import normalize_whitespace


def clean_pages(raw_pages: Sequence[str]) -> tuple[list[str], list[str | None]]:
    """Clean the raw texts of one document's pages, in order.

    Returns the cleaned texts and, per page, the printed page number found in
    its header or footer (None where there was none).
    """
    pages = [normalize_whitespace(collapse_doubled_chars(normalize_unicode(p))) for p in raw_pages]
    pages, labels = strip_page_furniture(pages)
    # The lexicon costs a pass over the whole text; most judgments need none.
    lexicon = build_lexicon(pages) if any("-\n" in page for page in pages) else frozenset()
    pages = [rejoin_hyphenation(page, lexicon) for page in pages]
    width = typical_width("\n".join(pages))
    return [normalize_whitespace(unwrap_lines(page, width)) for page in pages], labels
