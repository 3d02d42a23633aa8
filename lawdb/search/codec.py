"""Writing Whoosh segments faster: a codec with fixes.

Whoosh (2.7) writes an index in pure Python; with word pairs indexed, a
judgment yields about 2,000 postings, and the stock path spent most of its
time per posting: a file-system ``stat`` per posting for fields without
length columns, a seek and a read per posting to fetch the field length,
and assertions. Here:

* :class:`LawCodec`: rare terms' postings are kept inline in the term
  dictionary (Whoosh's own option, whose code path misspelt a method name),
  column existence is remembered, and the segment's postings are written by a
  tighter loop that reads each field's lengths once;
* :func:`open_writer`: a writer (one process, or ``procs`` processes each
  writing its own segment) that uses it.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3PostingsWriter,
    _lenfield,
)
from whoosh.matching import ListMatcher
from whoosh.multiproc import MpWriter
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from lawdb import faults

#: Posting lists shorter than this are kept inline in the term dictionary (most word pairs are
#: rare: writing each as its own compressed block made indexing several times slower).
INLINE_LIMIT = 16

class _PostingsWriter(W3PostingsWriter):
    """Whoosh 2.7's postings writer with its inlining fixed (it calls a misspelt method)."""

    def finish_postings(self):
        terminfo = self._terminfo
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
            self._terminfo = None
            return terminfo
        return super().finish_postings()


class _PerDocReader(W3PerDocReader):
    """Remembers which column files exist: Whoosh asked the file system once per posting."""

    def has_column(self, fieldname):
        known = self.__dict__.setdefault("_known_columns", {})
        if fieldname not in known:
            known[fieldname] = super().has_column(fieldname)
        return known[fieldname]


_BYTE_LENGTHS = [byte_to_length(i) for i in range(256)]


class _FieldWriter(W3FieldWriter):
    """Whoosh's field writer with a faster inner loop for writing a segment's postings.

    The stock loop looked up each posting's field length with a seek and a
    read in the lengths column and validated every posting; here each
    field's lengths are read once as bytes and the checks are left to the
    writer that produced the sorted postings.
    """

    def _lengths(self, lengths, fieldname: str) -> list[int] | None:
        if lengths is None:
            return None
        reader = lengths._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if reader is None:
            return None
        try:
            raw = reader._dbfile.get(reader._basepos, reader._count)
        except AttributeError:
            return [reader[i] for i in range(lengths.doc_count_all())]
        table = _BYTE_LENGTHS
        return [table[b] for b in raw]

    def add_postings(self, schema, lengths, items):
        lastfn = None
        lasttext = None
        field_lengths: list[int] | None = None
        postwriter = None
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfn:
                if lasttext is not None:
                    self.finish_term()
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                postwriter = self._postwriter
                field_lengths = self._lengths(lengths, fieldname)
                lastfn = fieldname
                lasttext = None
            if docnum == -1:
                continue
            if btext != lasttext:
                if lasttext is not None:
                    self.finish_term()
                self.start_term(btext)
                lasttext = btext
            length = field_lengths[docnum] if field_lengths is not None and docnum < len(field_lengths) else 0
            # W3PostingsWriter.add_posting without its per-posting assertions
            pw = postwriter
            if len(pw._ids) >= pw._blocklimit:
                pw._write_block()
            pw._ids.append(docnum)
            pw._weights.append(weight)
            if weight > pw._maxweight:
                pw._maxweight = weight
            if value:
                pw._values.append(value)
            if length:
                if pw._minlength is None or length < pw._minlength:
                    pw._minlength = length
                if length > pw._maxlength:
                    pw._maxlength = length
        if lasttext is not None:
            self.finish_term()
        if lastfn is not None:
            self.finish_field()


class LawCodec(W3Codec):
    """Whoosh's default codec, keeping rare terms' postings inline in the term dictionary."""

    def __init__(self, blocklimit: int = 128, compression: int = 3, inlinelimit: int = INLINE_LIMIT) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def per_document_reader(self, storage, segment):
        return _PerDocReader(storage, segment)

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return _PostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                               compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return _InlineMatcher(ids, weights, values, format_, scorer=scorer, term=term,
                                  terminfo=terminfo)
        return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)


class _InlineMatcher(ListMatcher):
    """Postings kept inline, read back as Whoosh's list matcher reads them, with one fix.

    For a field whose format stores no value per posting, Whoosh's
    ``ListMatcher.value()`` answers ``""`` (text) where its own segment merge
    requires bytes, so the first merge of a segment holding inline postings
    failed (``AssertionError: vbytes=''``) and every later index commit with
    it. Such a posting's value is ``b""``.
    """

    def value(self):
        return super().value() if self._values else b""




def open_writer(ix, *, procs: int = 1, limitmb: int = 1024, timeout: float = 0.0):
    """A writer on ``ix`` using :class:`LawCodec` (``procs`` > 1: one segment per process,
    written in parallel).

    Segments are written as separate files, not Whoosh's compound files: a reader
    of a compound segment copies its whole postings into memory when it opens it
    (5.7 GB and 2 s for 100,000 judgments); separate files are read as needed.
    """
    if procs > 1:
        return MpWriter(ix, procs=procs, multisegment=True, limitmb=limitmb, codec=LawCodec(),
                        timeout=timeout, compound=False)
    writer = SegmentWriter(ix, limitmb=limitmb, codec=LawCodec(), timeout=timeout, compound=False)
    if faults.active():
        _arm_commit(writer)
    return writer


def _arm_commit(writer: SegmentWriter) -> None:
    """Put the crash tests' points before and inside this writer's commit.

    Whoosh commits by writing the new segment's files, then a new table of
    contents (``_commit_toc``: the TOC file renamed into place, then files no
    longer listed deleted). A kill between the two leaves unlisted files,
    which the next commit cleans up; the index as listed stays whole.
    """
    commit, commit_toc = writer.commit, writer._commit_toc

    def armed_commit(*args, **kwargs):
        faults.crash_point("index.commit.before")
        return commit(*args, **kwargs)

    def armed_commit_toc(segments):
        faults.crash_point("index.commit.segment_written")
        commit_toc(segments)
        faults.crash_point("index.commit.toc_written")

    writer.commit = armed_commit
    writer._commit_toc = armed_commit_toc


__all__ = ["LawCodec", "open_writer"]
