"""Cleaning stage: Unicode and line-end normalisation.

The first stage every page goes through, so that the later stages can rely on
``\\n`` line ends, plain spaces, composed characters (NFC) and one way of
marking a line-end hyphen (``-`` followed by ``\\n``).
"""

from __future__ import annotations

import re
import unicodedata

# PDFium marks a hyphen that ended a line with U+FFFE (older builds: U+0002)
# and drops the line break after it; we put the hyphen and the break back so
# that the hyphenation stage sees the same thing from every extractor.
_PDFIUM_HYPHEN = re.compile("[\ufffe\x02](?:\r\n|\r|\n)?")
# A drawn soft hyphen at a line end is a line-end hyphen; elsewhere it is the
# glyph the font used for an ordinary hyphen ("16\u00ad11\u00ad1998").
_SOFT_HYPHEN_EOL = re.compile("\u00ad[ \t]*(?:\r\n|\r|\n)")
_LINE_BREAKS = re.compile("\r\n|\r|\u2028|\x0b|\x0c|\x85")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width and format characters that carry nothing in extracted text:
# zero-width space, word joiner, BOM, and the bidi marks and embeddings that
# Tesseract sprinkles over Urdu (display applies the bidi algorithm anyway).
# ZWNJ and ZWJ (U+200C, U+200D) stay: Urdu spelling depends on them.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_LIGATURES = re.compile("[\ufb00-\ufb06]")
# Private-use code points that Symbol and Wingdings fonts use for bullets.
_PUA_BULLETS = re.compile("[\uf0b7\uf0a7\uf06c\uf0d8\uf0fc\uf076]")


def normalize_unicode(text: str) -> str:
    """Return ``text`` with line ends, spaces, ligatures and hyphen marks normalised.

    - ``\\r\\n``, ``\\r`` and other line separators become ``\\n``; U+2029 a blank line;
    - PDFium's line-end hyphen mark (U+FFFE or U+0002) and a soft hyphen at a
      line end become ``-\\n``; a soft hyphen elsewhere becomes ``-``;
    - tabs and exotic spaces (no-break, thin, ideographic...) become a space;
    - zero-width spaces, bidi marks, BOMs and control characters are dropped;
    - ligatures (``ﬁ`` ``ﬂ`` ``ﬀ`` ...) are spelt out; Symbol-font bullets become ``•``;
    - the result is in Unicode NFC.

    Quotes, dashes and everything else are left as they are: they are part of
    what the court wrote.
    """
    text = _PDFIUM_HYPHEN.sub("-\n", text)
    text = _SOFT_HYPHEN_EOL.sub("-\n", text)
    text = text.replace("\u00ad", "-")
    text = text.replace("\u2029", "\n\n")
    text = _LINE_BREAKS.sub("\n", text)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _PUA_BULLETS.sub("•", text)
    text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return unicodedata.normalize("NFC", text)
