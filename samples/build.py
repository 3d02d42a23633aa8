"""Build lawdb's bundled demo PDFs from the fictional source texts.

Usage::

    python samples/build.py              # rewrite samples/*.pdf
    python samples/build.py OUTPUT_DIR   # write the PDFs somewhere else

Every word in ``samples/source/*.txt`` was written for lawdb. The documents
imitate the *layout* of Pakistani judgments and statutes (captions, numbered
paragraphs, running headers, page numbers, footnoted consolidated text) so that
extraction, parsing, citation linking and victim-name masking can be demonstrated
without republishing anybody else's text. Each page says that it is fictional.

The output is deterministic: a fixed creation date and no random IDs, so a
rebuild with the same fpdf2 version gives byte-identical files (and with any
version gives the same text layer, which ``tests/test_samples.py`` checks).

Source format (one ``.txt`` per PDF)
------------------------------------
The file starts with ``key: value`` settings up to the first blank line
(``title``, ``subject``, ``page`` = legal|a4, ``font`` = times|helvetica,
``size``, ``line_height``, ``running_header``, ``page_number`` =
dashed|plain|of, ``footer``, ``footnote_space``). Lines starting with ``#``
are comments. The rest is blocks separated by blank lines. A block may start
with a directive line ``.name key=value ...``:

``.p`` (default)
    Justified paragraph; source lines are joined. A leading ``12.`` becomes
    a hanging paragraph number. Options: ``indent`` (mm), ``first`` (mm,
    first-line indent), ``align`` (J/L/C/R), ``after`` (mm of space after),
    ``keep`` (mm: start a new page unless this much room is left).
``.cl``
    A clause or sub-clause: its leading ``(a)``/``(i)`` hangs; ``level``
    sets the indent.
``.lines``
    Each source line is one output line. Options: ``align`` (L/C/R),
    ``style`` (any of B, I, U), ``size``, ``indent`` (mm), ``after``, ``keep``.
``.marker``
    The boxed "FICTIONAL SAMPLE" line.
``.parties``
    Lines ``LEFT | RIGHT``: left text and right-aligned role. A line without
    ``|`` is centred (``VERSUS``).
``.kv``
    Lines ``LABEL | VALUE``: a two-column counsel table.
``.sig``
    Lines ``A | B | C``: signature columns (bracketed names in bold).
``.footnote``
    ``N text``: a footnote printed at the foot of the current page.
``.pagebreak``
    Start a new page.

Inline markup: ``**bold**``, ``__italic__``, ``++underline++`` (these toggle
and may be nested) and ``^N`` for a superscript footnote marker.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import fpdf
from fpdf import FPDF

HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE / "source"

#: Every sample carries this creation date, so rebuilds are reproducible.
CREATION_DATE = datetime(2025, 1, 1, 0, 0, 0, tzinfo=UTC)

PAGE_FORMATS = {"legal": (215.9, 355.6), "a4": (210.0, 297.0)}
FONTS = {"times": "Times", "helvetica": "Helvetica"}

_INLINE = re.compile(r"(\*\*|__|\+\+|\^\d+)")
_NUMBERED = re.compile(r"^(\d+\.)\s+(.*)$", re.S)
_CLAUSE = re.compile(r"^(\([0-9A-Za-z]+\)|\d+\.)\s+(.*)$", re.S)
_MARKUP = re.compile(r"\*\*|__|\+\+|\^(?=\d)")


class SourceError(ValueError):
    """The source text is malformed (unknown directive, non-Latin-1 text, ...)."""


@dataclass
class Block:
    kind: str
    options: dict[str, str]
    lines: list[str]
    lineno: int

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())


@dataclass
class Source:
    name: str
    settings: dict[str, str]
    blocks: list[Block] = field(default_factory=list)


def plain(text: str) -> str:
    """Text with the inline markup removed (what a reader sees)."""
    return _MARKUP.sub("", text)


def parse_source(path: Path) -> Source:
    raw = path.read_text(encoding="utf-8")
    try:
        raw.encode("latin-1")
    except UnicodeEncodeError as exc:
        line = raw.count("\n", 0, exc.start) + 1
        raise SourceError(f"{path.name}:{line}: text must be Latin-1 (core PDF fonts)") from exc

    lines = [line.rstrip() for line in raw.splitlines()]
    lines = [line for line in lines if not line.startswith("#")]
    settings: dict[str, str] = {}
    i = 0
    while i < len(lines) and lines[i].strip():
        key, sep, value = lines[i].partition(":")
        if not sep:
            raise SourceError(f"{path.name}: bad setting line {lines[i]!r}")
        settings[key.strip()] = value.strip()
        i += 1

    source = Source(path.stem, settings)
    current: list[str] = []
    start = i
    for j in range(i, len(lines) + 1):
        line = lines[j] if j < len(lines) else ""
        if line.strip():
            if not current:
                start = j + 1
            current.append(line)
            continue
        if current:
            source.blocks.append(_make_block(path, current, start))
            current = []
    return source


def _make_block(path: Path, lines: list[str], lineno: int) -> Block:
    first = lines[0]
    if not first.startswith("."):
        return Block("p", {}, lines, lineno)
    name, *args = first[1:].split()
    if name not in {"p", "cl", "lines", "marker", "parties", "kv", "sig", "footnote", "pagebreak"}:
        raise SourceError(f"{path.name}:{lineno}: unknown directive .{name}")
    options = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        if not sep:
            raise SourceError(f"{path.name}:{lineno}: option {arg!r} is not key=value")
        options[key] = value
    return Block(name, options, lines[1:], lineno)


class SamplePDF(FPDF):
    """An FPDF page with the sample's running header, footnotes and footer."""

    def __init__(self, settings: dict[str, str]):
        self.settings = settings
        width, height = PAGE_FORMATS[settings.get("page", "a4")]
        super().__init__(unit="mm", format=(width, height))
        self.family = FONTS[settings.get("font", "times")]
        self.base_size = float(settings.get("size", "12"))
        self.line_h = float(settings.get("line_height", "1.5"))
        self.footnotes: dict[int, list[str]] = {}
        footnote_space = float(settings.get("footnote_space", "0"))
        self.footnote_space = footnote_space
        self.set_margins(25, 22, 22)
        self.set_auto_page_break(True, margin=22 + footnote_space)
        self.alias_nb_pages()

    def header(self) -> None:
        running = self.settings.get("running_header")
        if self.page_no() > 1 and running:
            self.set_font(self.family, "", 8.5)
            self.set_xy(self.l_margin, 10)
            self.cell(0, 5, running, align="L")
            style = self.settings.get("page_number", "plain")
            if style != "of":
                number = f"- {self.page_no()} -" if style == "dashed" else str(self.page_no())
                self.set_font(self.family, "", 10)
                self.set_xy(self.l_margin, 10)
                self.cell(0, 5, number, align="R")
        self.set_y(self.t_margin)
        self.set_font(self.family, "", self.base_size)

    def footer(self) -> None:
        notes = self.footnotes.get(self.page_no(), [])
        if notes:
            self.set_font(self.family, "", 8.5)
            width = self.w - self.l_margin - self.r_margin
            heights = [
                self.multi_cell(width, 4, note, dry_run=True, output="HEIGHT") for note in notes
            ]
            top = self.h - 20 - sum(heights) - 3
            if top < self.h - self.b_margin:
                raise SourceError(f"page {self.page_no()}: footnotes do not fit")
            self.line(self.l_margin, top, self.l_margin + 45, top)
            self.set_xy(self.l_margin, top + 1.5)
            for note in notes:
                self.set_x(self.l_margin)
                self.multi_cell(width, 4, note, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.family, "I", 7.5)
        self.set_xy(self.l_margin, -14)
        footer = self.settings.get("footer", "")
        if self.settings.get("page_number") == "of":
            self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="C")
            self.set_xy(self.l_margin, -10)
        self.cell(0, 4, footer, align="C")


class Renderer:
    def __init__(self, source: Source):
        self.source = source
        self.pdf = SamplePDF(source.settings)
        settings = source.settings
        self.pdf.set_title(settings["title"])
        self.pdf.set_subject(settings.get("subject", ""))
        self.pdf.set_author("lawdb contributors (fictional sample)")
        self.pdf.set_creator("lawdb samples/build.py")
        # The fpdf2 version decides the exact bytes; tests compare bytes only
        # when the installed version is the one named here.
        self.pdf.set_producer(f"fpdf2 {fpdf.__version__}")
        self.pdf.set_keywords("lawdb; fictional sample; demo")
        self.pdf.set_lang("en")
        self.pdf.set_creation_date(CREATION_DATE)
        self.pdf.add_page()

    @property
    def width(self) -> float:
        return self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    def render(self) -> bytes:
        for block in self.source.blocks:
            getattr(self, f"block_{block.kind}")(block)
        return bytes(self.pdf.output())

    # -- inline text -------------------------------------------------------

    def _write_inline(self, par, text: str, size: float, base_style: str = "") -> None:
        """Write ``text`` into a text-region paragraph, honouring inline markup."""
        pdf = self.pdf
        flags = set(base_style)
        for token in _INLINE.split(text):
            if not token:
                continue
            marker = {"**": "B", "__": "I", "++": "U"}.get(token)
            if marker:
                flags ^= {marker}
                continue
            style = "".join(sorted(flags))
            if token.startswith("^") and token[1:].isdigit():
                pdf.set_font(self.pdf.family, style, size)
                pdf.char_vpos = "SUP"
                par.write(token[1:])
                pdf.char_vpos = "LINE"
                continue
            pdf.set_font(self.pdf.family, style, size)
            par.write(token)
        pdf.set_font(self.pdf.family, "", self.pdf.base_size)

    def _paragraph(
        self,
        text: str,
        *,
        align: str = "J",
        indent: float = 0,
        first: float = 0,
        bullet: str = "",
        bullet_gap: float = 2,
        size: float | None = None,
        style: str = "",
        after: float = 3,
        line_height: float | None = None,
    ) -> None:
        pdf = self.pdf
        size = size or pdf.base_size
        pdf.set_font(pdf.family, style, size)
        # The indent is applied through the region's margin, not the paragraph's
        # ``indent``: fpdf2 justifies indented paragraph lines to the full
        # column width, which pushes them into the right margin. A bullet (the
        # paragraph number) then hangs to the left of the region.
        # fpdf2 leaves the region's margins set on the document: restore them.
        margins = (pdf.l_margin, pdf.r_margin)
        with pdf.text_columns(
            text_align=align,
            line_height=line_height or pdf.line_h,
            skip_leading_spaces=True,
            l_margin=margins[0] + indent,
            r_margin=margins[1],
        ) as cols, cols.paragraph(
            first_line_indent=first,
            bullet_string=bullet,
            bullet_r_margin=bullet_gap,
            bottom_margin=after,
        ) as par:
            self._write_inline(par, text, size, style)
        pdf.set_left_margin(margins[0])
        pdf.set_right_margin(margins[1])
        pdf.set_x(margins[0])
        pdf.set_font(pdf.family, "", pdf.base_size)

    # -- blocks ------------------------------------------------------------

    def block_p(self, block: Block) -> None:
        self._keep(block)
        opts = block.options
        text = block.text
        indent = float(opts.get("indent", 0))
        first = float(opts.get("first", 0))
        after = float(opts.get("after", 3))
        align = opts.get("align", "J")
        match = _NUMBERED.match(text)
        if match and "first" not in opts:
            number_width = 12
            self._paragraph(
                match.group(2),
                align=align,
                indent=indent + number_width,
                bullet=match.group(1),
                bullet_gap=number_width - self.pdf.get_string_width(match.group(1)),
                after=after,
            )
        else:
            self._paragraph(text, align=align, indent=indent, first=first, after=after)

    def block_cl(self, block: Block) -> None:
        level = int(block.options.get("level", "1"))
        after = float(block.options.get("after", 2))
        match = _CLAUSE.match(block.text)
        if not match:
            raise SourceError(f"line {block.lineno}: .cl block must start with (x) or N.")
        width = 11
        self.pdf.set_font(self.pdf.family, "", self.pdf.base_size)
        label = plain(match.group(1))
        self._paragraph(
            match.group(2),
            indent=level * 10 + width,
            bullet=label,
            bullet_gap=max(1.5, width - self.pdf.get_string_width(label)),
            after=after,
        )

    def _keep(self, block: Block) -> None:
        """Start a new page unless ``keep`` mm are left (keeps headings with text)."""
        keep = float(block.options.get("keep", 0))
        if keep and self.pdf.y + keep > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def block_lines(self, block: Block) -> None:
        self._keep(block)
        opts = block.options
        size = float(opts.get("size", self.pdf.base_size))
        style = opts.get("style", "")
        align = opts.get("align", "L")
        indent = float(opts.get("indent", 0))
        after = float(opts.get("after", 2))
        for n, line in enumerate(block.lines):
            self._paragraph(
                line.strip(),
                align=align,
                indent=indent,
                size=size,
                style=style,
                after=after if n == len(block.lines) - 1 else 0,
                line_height=1.25,
            )

    def block_marker(self, block: Block) -> None:
        pdf = self.pdf
        pdf.set_font(pdf.family, "B", 9.5)
        pdf.set_draw_color(0)
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(self.width, 7, plain(block.text), border=1, align="C",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
        pdf.set_font(pdf.family, "", pdf.base_size)

    def block_parties(self, block: Block) -> None:
        pdf = self.pdf
        height = pdf.base_size * 0.55
        for line in block.lines:
            left, sep, right = line.partition("|")
            pdf.set_x(pdf.l_margin)
            if not sep:
                pdf.set_font(pdf.family, "B", pdf.base_size)
                pdf.cell(self.width, height + 3, left.strip(), align="C",
                         new_x="LMARGIN", new_y="NEXT")
                continue
            pdf.set_font(pdf.family, "B", pdf.base_size)
            y = pdf.y
            pdf.multi_cell(self.width * 0.68, height, left.strip(), align="L",
                           new_x="LMARGIN", new_y="NEXT")
            bottom = pdf.y
            pdf.set_font(pdf.family, "I", pdf.base_size)
            pdf.set_xy(pdf.l_margin, bottom - height)
            pdf.cell(self.width, height, right.strip(), align="R",
                     new_x="LMARGIN", new_y="NEXT")
            pdf.set_y(max(bottom, y + height) + 1)
        pdf.ln(3)
        pdf.set_font(pdf.family, "", pdf.base_size)

    def block_kv(self, block: Block) -> None:
        pdf = self.pdf
        label_w = float(block.options.get("label", 55))
        height = pdf.base_size * 0.5
        for line in block.lines:
            label, _, value = line.partition("|")
            y = pdf.y
            pdf.set_font(pdf.family, "B", pdf.base_size)
            pdf.set_xy(pdf.l_margin, y)
            pdf.multi_cell(label_w - 4, height, label.strip(), align="L",
                           new_x="LMARGIN", new_y="NEXT")
            label_bottom = pdf.y
            pdf.set_font(pdf.family, "", pdf.base_size)
            pdf.set_xy(pdf.l_margin + label_w, y)
            pdf.multi_cell(self.width - label_w, height, value.strip(), align="L",
                           new_x="LMARGIN", new_y="NEXT")
            pdf.set_y(max(pdf.y, label_bottom) + 2)
        pdf.ln(3)

    def block_sig(self, block: Block) -> None:
        pdf = self.pdf
        rows = [[cell.strip() for cell in line.split("|")] for line in block.lines]
        height = pdf.base_size * 0.5
        needed = len(rows) * height + 20
        if pdf.y + needed > pdf.page_break_trigger:
            pdf.add_page()
        pdf.ln(12)
        for row in rows:
            col_w = self.width / len(row)
            pdf.set_x(pdf.l_margin)
            for cell in row:
                # Judges' names, printed in brackets, are bold; "Judge" is not.
                pdf.set_font(pdf.family, "B" if cell.startswith("(") else "", pdf.base_size)
                pdf.cell(col_w, height, cell, align="C")
            pdf.ln(height)
        pdf.ln(6)
        pdf.set_font(pdf.family, "", pdf.base_size)

    def block_footnote(self, block: Block) -> None:
        number, _, text = block.text.partition(" ")
        if not number.isdigit():
            raise SourceError(f"line {block.lineno}: .footnote needs a number first")
        self.pdf.footnotes.setdefault(self.pdf.page_no(), []).append(f"{number} {text}")

    def block_pagebreak(self, block: Block) -> None:
        self.pdf.add_page()


def source_files() -> list[Path]:
    return sorted(SOURCE_DIR.glob("*.txt"))


def build(out_dir: Path) -> list[Path]:
    """Render every source into ``out_dir``; return the written paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in source_files():
        data = Renderer(parse_source(path)).render()
        target = out_dir / f"{path.stem}.pdf"
        target.write_bytes(data)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build lawdb's fictional demo PDFs from samples/source/*.txt.",
        epilog="Example: python samples/build.py /tmp/samples",
    )
    parser.add_argument(
        "out_dir", nargs="?", type=Path, default=HERE,
        help="directory to write the PDFs to (default: samples/)",
    )
    args = parser.parse_args(argv)
    for target in build(args.out_dir):
        print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
