"""Turning a parsed query (:mod:`lawdb.search.query`) into a Whoosh query.

The choices that make the Whoosh backend fast and lawyer-friendly live here:

* a phrase is looked up as the indexed word pairs where common words are
  involved ("benefit of", "of doubt") and single words elsewhere, at
  consecutive positions, so no phrase needs a positional merge over "of" or
  "court"; proximity ("obscene material"~5) uses ``body`` positions, where
  stop words keep their place;
* prefix, wildcard and fuzzy words expand over the indexed words (word
  pairs sort apart, see :data:`lawdb.search.analysis.PAIR_MARK`), at most
  :data:`MAX_EXPANSION` of the most frequent, scanning at most
  :data:`MAX_SCAN` terms;
* ``year:`` is an OR of year terms and ``date:`` ranges are split into whole
  years, whole months and the remaining days;
* filters (fields such as ``court:``, ``year:``) do not change relevance
  scores; citations, case numbers and titles are boosted;
* statute names and legal abbreviations are searched with their synonyms.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from lawdb.search import legal_terms
from lawdb.search import query as ast
from lawdb.search.analysis import fold, is_arabic_script, name_words, phrase_terms, word_info, words
from lawdb.search.matching import Require
from lawdb.search.query import QueryError
from lawdb.search.snippets import Highlight

MAX_EXPANSION = 48
MAX_SCAN = 4000
TITLE_BOOST = 2.5
CITATION_BOOST = 40.0
CASE_BOOST = 30.0
SECTION_BOOST = 3.0
ACT_BOOST = 2.0

#: Fields that only restrict results (they add nothing to the relevance score).
FILTER_FIELDS = {"court", "seat", "kind", "year", "date", "lang", "outcome", "punishment", "id", "judge"}

KINDS = ("judgment", "statute", "amending_act", "ordinance", "rules", "report", "other")
_KIND_ALIASES = {k + "s": k for k in KINDS} | {"act": "statute", "acts": "statute", "law": "statute",
                                               "order": "judgment", "orders": "judgment"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "justice", "hon", "ble", "honourable", "honorable", "chief",
               "j", "jj", "madam", "dr", "sir", "the", "cj", "acj"}


@dataclass
class Compiled:
    query: wq.Query
    highlight: Highlight = field(default_factory=Highlight)
    #: Plain words of the query (start, end, text), for "did you mean".
    words: list[tuple[int, int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Phrases of adjacent query words: top hits that contain them rank higher.
    proximity: list[wq.Query] = field(default_factory=list)
    #: The query only filters (court:, year: ...): nothing to rank by relevance.
    filters_only: bool = False


class Compiler:
    """Compiles one query against one index reader (expansions read its terms)."""

    def __init__(self, reader, stored_lookup=None) -> None:
        self.reader = reader
        #: (field, value) -> stored fields of the first matching document, for citedby:
        self.stored_lookup = stored_lookup
        self.highlight = Highlight()
        self.words: list[tuple[int, int, str]] = []
        self.warnings: list[str] = []
        self.proximity: list[wq.Query] = []
        self._negated = 0
        self._in_act = False

    def compile(self, node: ast.Node) -> Compiled:
        q = self.node(node, None)
        if q is None:
            raise QueryError("the query has only very common words (the, of, and ...): "
                             "add a more specific word or put the words in quotes")
        if isinstance(q, wq.Not):
            q = wq.And([wq.Every(), q])
        return Compiled(q, self.highlight, self.words, self.warnings, self.proximity,
                        filters_only(node))

    # -- structure -----------------------------------------------------------------------

    def node(self, node: ast.Node, fld: str | None) -> wq.Query | None:
        if isinstance(node, ast.And):
            if fld is None and not self._negated:
                self._proximity(node.items)
            scored: list[wq.Query] = []
            filters: list[wq.Query] = []
            for item in node.items:
                q = self.node(item, fld)
                if q is None:
                    continue
                is_filter = fld is None and isinstance(item, ast.Field) and item.name in FILTER_FIELDS
                (filters if is_filter else scored).append(q)
            if not scored and not filters:
                return None
            if scored and all(isinstance(p, wq.Not) for p in scored) and not filters:
                scored.insert(0, wq.Every())
            main = scored[0] if len(scored) == 1 else wq.And(scored) if scored else None
            if not filters:
                return main
            only = filters[0] if len(filters) == 1 else wq.And(filters)
            if main is None or all(isinstance(p, wq.Not) for p in scored):
                return only if main is None else wq.And([only, *scored])
            # filters restrict the results without changing their scores
            return Require(main, only)
        if isinstance(node, ast.Or):
            parts = [q for q in (self.node(n, fld) for n in node.items) if q is not None]
            if not parts:
                return None
            parts = [wq.And([wq.Every(), p]) if isinstance(p, wq.Not) else p for p in parts]
            return parts[0] if len(parts) == 1 else wq.Or(parts)
        if isinstance(node, ast.Not):
            self._negated += 1
            try:
                inner = self.node(node.item, fld)
            finally:
                self._negated -= 1
            return None if inner is None else wq.Not(inner)
        if isinstance(node, ast.Field):
            return self.field(node.name, node.value)
        if fld is not None:
            return self.field(fld, node)
        return self.text(node)

    def _proximity(self, items: list[ast.Node]) -> None:
        """Remember runs of adjacent plain words ("Mukhtar Mai") as phrases for re-ranking."""
        run: list[ast.Word] = []
        for item in [*items, None]:
            if isinstance(item, ast.Word) and len(words(item.text)) == 1:
                run.append(item)
                continue
            if 2 <= len(run) <= 6:
                infos = [word_info(words(w.text)[0]) for w in run]
                terms = phrase_terms(infos)
                if terms and len({i.urdu for i in infos}) == 1:
                    fieldname = "body_ur" if infos[0].urdu else "body"
                    self.proximity.append(wq.Phrase(fieldname, terms) if len(terms) > 1
                                          else wq.Term(fieldname, terms[0]))
            run = []

    # -- free text ---------------------------------------------------------------------------

    def text(self, node: ast.Node, body_only: bool = False) -> wq.Query | None:
        if isinstance(node, ast.Word):
            return self.word(node, body_only)
        if isinstance(node, ast.Phrase):
            return self.phrase(node.text, node.slop)
        if isinstance(node, ast.Prefix):
            return self.expand(node.text, "prefix")
        if isinstance(node, ast.Wildcard):
            return self.expand(node.pattern, "wildcard")
        if isinstance(node, ast.Fuzzy):
            return self.expand(node.text, "fuzzy", node.distance)
        if isinstance(node, ast.Citation):
            return self.citation(node.normalized)
        if isinstance(node, ast.CaseNumber):
            return self.case(node.keys)
        if isinstance(node, ast.SectionRef):
            return self.sections(node.sections)
        if isinstance(node, ast.ActRef):
            return self.act(node.key, node.raw)
        if isinstance(node, ast.Abbreviation):
            full = self.phrase(node.raw, None)
            short = self.word(ast.Word(node.abbreviation, start=node.start, end=node.end))
            parts = [q for q in (full, short) if q is not None]
            return wq.Or(parts) if parts else None
        if isinstance(node, ast.Range):
            raise QueryError("a range needs a field: year:2020..2024 or date:[2023-01-01 TO 2023-06-30]",
                             node.start)
        if isinstance(node, (ast.And, ast.Or, ast.Not)):
            return self.node(node, None)
        raise QueryError("this part of the query cannot be searched", node.start)

    def _mark(self, key: str) -> None:
        if not self._negated:
            self.highlight.terms.add(key)

    def word(self, node: ast.Word, body_only: bool = False) -> wq.Query | None:
        found = words(node.text)
        if not found:
            return None
        if len(found) > 1:  # "u/s", "Court's", "obscene/indecent": a little phrase
            return self.phrase(" ".join(found), None)
        info = word_info(found[0])
        if not self._negated:
            self.words.append((node.start, node.end, node.text))
        abbreviation = legal_terms.ABBREVIATIONS.get(fold(found[0]))
        if info.key is None:
            return None
        self._mark(info.key)
        q = self._term(info.key, info.urdu, body_only)
        if abbreviation:
            alt = self.phrase(abbreviation, None)
            if alt is not None:
                q = wq.Or([q, alt])
        return q

    def _term(self, key: str, urdu: bool, body_only: bool = False) -> wq.Query:
        body = wq.Term("body_ur" if urdu else "body", key)
        if body_only:
            return body
        return wq.Or([body, wq.Term("title", key, boost=TITLE_BOOST)])

    def phrase(self, text: str, slop: int | None) -> wq.Query | None:
        found = words(text)
        if not found:
            return None
        infos = [word_info(w) for w in found]
        if slop is not None:
            keyed = [i for i in infos if i.key is not None]
            for i in keyed:
                self._mark(i.key)
            if len(keyed) == 0:
                return None
            if len(keyed) == 1:
                return self._term(keyed[0].key, keyed[0].urdu)
            fieldname = "body_ur" if all(i.urdu for i in keyed) else "body"
            terms = [wq.Term(fieldname, i.key) for i in keyed]
            return SpanNear2(terms, slop=slop + 1, ordered=False)
        if len(infos) == 1:
            info = infos[0]
            if info.key is None:
                return None
            self._mark(info.key)
            return self._term(info.key, info.urdu)
        if not self._negated:
            self.highlight.sequences.append(tuple(i.pair for i in infos))
        terms = phrase_terms(infos)
        if terms is None:
            return None
        fieldname = "body_ur" if all(i.urdu for i in infos) else "body"
        q: wq.Query = (wq.Term(fieldname, terms[0]) if len(terms) == 1
                       else wq.Phrase(fieldname, terms))
        if slop is None and not self._in_act:
            # a quoted citation or case number is searched as one
            normalized = legal_terms.normalize_citation(text)
            if normalized is not None:
                return self.citation(normalized)
            cases = legal_terms.find_case_numbers(text)
            if cases and cases[0].span == (0, len(text)):
                return wq.Or([q, self.case(cases[0].keys)])
        acts = legal_terms.find_acts(text)
        if acts and acts[0].span == (0, len(text)) and not self._in_act:
            # a quoted statute name: also its abbreviation and references to it
            self._in_act = True
            try:
                q = wq.Or([q, self.act(acts[0].key, text)])
            finally:
                self._in_act = False
        expansion = next((abbr for abbr, full in legal_terms.ABBREVIATIONS.items()
                          if words(full) == [w.lower() for w in found]), None)
        if expansion and "/" not in expansion:
            q = wq.Or([q, self._term(word_info(expansion).key or expansion, False)])
        return q

    def expand(self, text: str, how: str, distance: int = 1) -> wq.Query | None:
        """Prefix, wildcard or fuzzy word: an OR of at most MAX_EXPANSION indexed words."""
        folded = fold(text)
        urdu = is_arabic_script(folded)
        fieldname = "body_ur" if urdu else "body"
        if how == "fuzzy":
            target = word_info(text).key or folded
            prefix = target[:1]
        else:
            first = min((folded.index(c) for c in "*?" if c in folded), default=len(folded))
            prefix = folded[:first]
            target = folded
        pattern = None
        if how == "wildcard":
            pattern = re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c)
                                         for c in folded) + r"\Z")
        candidates: list[tuple[int, str]] = []
        scanned = 0
        try:
            items = self.reader.iter_prefix(fieldname, prefix)
        except Exception:
            items = iter(())
        for btext, terminfo in islice(items, MAX_SCAN):
            scanned += 1
            term = btext.decode("utf-8")
            if how == "wildcard" and not any(pattern.match(form) for form in surface_forms(term)):
                continue
            if how == "fuzzy" and not within(term, target, distance):
                continue
            candidates.append((terminfo.doc_frequency(), term))
        truncated = scanned >= MAX_SCAN
        candidates.sort(reverse=True)
        if len(candidates) > MAX_EXPANSION:
            truncated = True
            candidates = candidates[:MAX_EXPANSION]
        if truncated:
            self.warnings.append(f"{text!r} matches many words; only the {MAX_EXPANSION} most "
                                 "frequent were searched: make it more specific")
        keys = [term for _df, term in candidates]
        if how == "fuzzy" and target not in keys:
            keys.append(target)
        if not keys:
            return wq.NullQuery
        for key in keys:
            self._mark(key)
        return wq.Or([wq.Term(fieldname, key) for key in keys])

    # -- legal identifiers -----------------------------------------------------------------

    def citation(self, normalized: str) -> wq.Query:
        key = normalized.lower()
        was, self._in_act = self._in_act, True
        try:
            fallback = self.phrase(normalized, None)
        finally:
            self._in_act = was
        parts = [wq.Term("citation", key, boost=CITATION_BOOST), wq.Term("cited", key, boost=2.0)]
        if fallback is not None:
            parts.append(fallback)
        return wq.Or(parts)

    def case(self, keys: list[str]) -> wq.Query:
        parts: list[wq.Query] = []
        for i, key in enumerate(keys):
            parts.append(wq.Term("case", key, boost=CASE_BOOST * (1.5 if ":" in key else 1.0)))
            if i == len(keys) - 1:
                number, year = key.split(":")[-1].split("/")
                parts.append(wq.And([wq.Term("body", number), wq.Term("body", year)]))
                self._mark(number)
        return wq.Or(parts)

    def sections(self, sections: list[tuple[str | None, str]]) -> wq.Query:
        parts: list[wq.Query] = []
        for act, section in sections:
            term = legal_terms.section_term(act, section)
            sec_key = word_info(section).key or section.lower()
            self._mark(sec_key)
            if act:
                # the text as a fallback for references the parser did not read
                written = [wq.Term("statute", legal_terms.act_term(act))]
                abbreviation = word_info(act).key if act.isalnum() else None
                if abbreviation:
                    written.append(wq.Term("body", abbreviation))
                    self._mark(abbreviation)
                text = wq.And([wq.Term("body", sec_key), wq.Or(written) if len(written) > 1 else written[0]])
            else:
                text = wq.Term("body", sec_key)
            parts.append(wq.Or([wq.Term("statute", term, boost=SECTION_BOOST), text]))
        return parts[0] if len(parts) == 1 else wq.Or(parts)

    def act(self, key: str, raw: str, boost: float = ACT_BOOST) -> wq.Query:
        parts: list[wq.Query] = [wq.Term("statute", legal_terms.act_term(key), boost=boost)]
        was, self._in_act = self._in_act, True
        try:
            for name in dict.fromkeys([raw, *legal_terms.act_names(key)]):
                q = self.phrase(name, None)
                if q is not None:
                    parts.append(q)
        finally:
            self._in_act = was
        return wq.Or(parts)

    # -- fields --------------------------------------------------------------------------------

    def field(self, name: str, value: ast.Node) -> wq.Query | None:
        if isinstance(value, (ast.And, ast.Or, ast.Not)):
            return self.node(value, name)
        if isinstance(value, ast.Field):
            raise QueryError("a field's value cannot be another field", value.start)
        method = getattr(self, f"field_{name}")
        return method(value)

    @staticmethod
    def _value(node: ast.Node) -> str:
        for attr in ("text", "raw", "pattern", "normalized"):
            if hasattr(node, attr):
                return getattr(node, attr)
        raise QueryError("this field needs a word or a quoted phrase", node.start)

    def _no_range(self, name: str, node: ast.Node) -> None:
        if isinstance(node, ast.Range):
            raise QueryError(f"{name}: does not take a range (only year: and date: do)", node.start)

    def field_text(self, node):
        self._no_range("text", node)
        if isinstance(node, ast.Word):
            return self.word(node, body_only=True)
        return self.text(node, body_only=True)

    def field_title(self, node):
        self._no_range("title", node)
        keys = [i.key for i in map(word_info, words(self._value(node))) if i.key]
        for k in keys:
            self._mark(k)
        if not keys:
            return None
        terms = [wq.Term("title", k) for k in keys]
        return terms[0] if len(terms) == 1 else wq.And(terms)

    def _names(self, fieldname: str, node: ast.Node, drop: set[str] = frozenset()) -> wq.Query | None:
        self._no_range(fieldname, node)
        value = self._value(node)
        if isinstance(node, ast.Prefix):
            prefix = fold(value)
            terms = [b.decode("utf-8") for b in islice(self.reader.expand_prefix(fieldname, prefix),
                                                       MAX_EXPANSION)]
            return wq.Or([wq.Term(fieldname, t) for t in terms]) if terms else wq.NullQuery
        parts = [w for w in name_words(value) if w not in drop] or name_words(value)
        if not parts:
            return None
        if len(parts) == 1:
            return wq.Term(fieldname, parts[0])
        return wq.Phrase(fieldname, parts)

    def field_court(self, node):
        if isinstance(node, (ast.Word, ast.Phrase)):
            court = legal_terms.court_named(self._value(node))
            if court is not None:  # a whole court: one exact term, not a phrase over names
                return wq.Term("court_name", court)
        return self._names("court", node)

    def field_seat(self, node):
        return self._names("seat", node, {"bench", "circuit", "court", "seat"})

    def field_judge(self, node):
        return self._names("judge", node, _HONORIFICS)

    def field_party(self, node):
        return self._names("party", node)

    def field_kind(self, node):
        self._no_range("kind", node)
        value = fold(self._value(node)).replace(" ", "_")
        value = _KIND_ALIASES.get(value, value)
        if value not in KINDS:
            raise QueryError(f"kind: is one of {', '.join(KINDS)}", node.start)
        return wq.Term("kind", value)

    def field_statute(self, node):
        self._no_range("statute", node)
        if isinstance(node, ast.SectionRef):
            return self._section_terms(node.sections)
        if isinstance(node, ast.ActRef):
            return wq.Term("statute", legal_terms.act_term(node.key))
        value = self._value(node).strip()
        if ":" in value:
            return self.field_section(node)
        if not value:
            return None
        return wq.Term("statute", legal_terms.act_term(value))

    def _section_terms(self, sections):
        terms = [wq.Term("statute", legal_terms.section_term(a, s)) for a, s in sections]
        return terms[0] if len(terms) == 1 else wq.Or(terms)

    def field_section(self, node):
        self._no_range("section", node)
        if isinstance(node, ast.SectionRef):
            return self._section_terms(node.sections)
        value = self._value(node).strip()
        if ":" in value:
            act, _, sec = value.rpartition(":")
            if not sec.strip():
                raise QueryError("section: is written ACT:SECTION, e.g. section:PECA:22", node.start)
            return wq.Term("statute", legal_terms.section_term(act.strip() or None, sec.strip()))
        refs = legal_terms.find_section_refs("section " + value)
        if refs and refs[0].sections:
            return self._section_terms(refs[0].sections)
        found = words(value)
        acts = legal_terms.find_acts(value)
        numbers = [w for w in found if w[:1].isdigit()]
        if acts and numbers:
            return wq.Term("statute", legal_terms.section_term(acts[0].key, numbers[0]))
        if numbers:
            return wq.Term("statute", legal_terms.section_term(None, numbers[0]))
        raise QueryError("section: needs a section, e.g. section:PECA:22 or section:292-B", node.start)

    def field_year(self, node):
        if isinstance(node, ast.Range):
            low = _year(node.low, node.start, 1800)
            high = _year(node.high, node.start, date.today().year + 1)
            if low > high:
                raise QueryError("the year range is backwards: write the earlier year first", node.start)
            if high - low > 300:
                raise QueryError("a year range can span at most 300 years", node.start)
            years = range(low, high + 1)
        else:
            years = range(_year(self._value(node), node.start, None),
                          _year(self._value(node), node.start, None) + 1)
        terms = [wq.Term("year", str(y)) for y in years]
        return terms[0] if len(terms) == 1 else wq.Or(terms)

    def field_date(self, node):
        if isinstance(node, ast.Range):
            low = _date_bound(node.low, node.start, first=True) if node.low else date(1800, 1, 1)
            high = _date_bound(node.high, node.start, first=False) if node.high else date(2100, 12, 31)
        else:
            value = self._value(node)
            low = _date_bound(value, node.start, first=True)
            high = _date_bound(value, node.start, first=False)
        if low > high:
            raise QueryError("the date range is backwards: write the earlier date first", node.start)
        return date_query(low, high)

    def field_cites(self, node):
        self._no_range("cites", node)
        value = self._value(node).strip()
        if value.isdigit():
            stored = self._lookup("id", value)
            parts: list[wq.Query] = [wq.Term("cites_id", value)]
            for c in (stored or {}).get("citations", []):
                parts.append(wq.Term("cited", c.lower()))
            return wq.Or(parts)
        normalized = node.normalized if isinstance(node, ast.Citation) else (
            legal_terms.normalize_citation(value))
        if normalized is None:
            raise QueryError('cites: needs a citation, e.g. cites:"2019 SCMR 1234", or a document id',
                             node.start)
        return wq.Term("cited", normalized.lower())

    def field_citedby(self, node):
        self._no_range("citedby", node)
        value = self._value(node).strip()
        if value.isdigit():
            stored = self._lookup("id", value)
        else:
            normalized = node.normalized if isinstance(node, ast.Citation) else (
                legal_terms.normalize_citation(value))
            if normalized is None:
                raise QueryError('citedby: needs a citation, e.g. citedby:"PLD 2015 SC 396", or a '
                                 "document id", node.start)
            stored = self._lookup("citation", normalized.lower())
        if stored is None:
            self.warnings.append(f"no document in the collection is known as {value!r}")
            return wq.NullQuery
        meta = stored.get("meta") or {}
        parts = [wq.Term("citation", c.lower()) for c in meta.get("cited", [])[:400]]
        parts += [wq.Term("id", str(i)) for i in meta.get("cited_ids", [])[:400]]
        return wq.Or(parts) if parts else wq.NullQuery

    def _lookup(self, fieldname: str, value: str):
        if self.stored_lookup is None:
            return None
        return self.stored_lookup(fieldname, value)

    def field_citation(self, node):
        self._no_range("citation", node)
        value = self._value(node).strip()
        normalized = node.normalized if isinstance(node, ast.Citation) else (
            legal_terms.normalize_citation(value))
        if normalized is None:
            raise QueryError('citation: needs a citation, e.g. citation:"2024 LHC 6559"', node.start)
        return wq.Term("citation", normalized.lower())

    def field_case(self, node):
        self._no_range("case", node)
        if isinstance(node, ast.CaseNumber):
            keys = node.keys
        else:
            value = self._value(node)
            found = legal_terms.find_case_numbers(value)
            if not found:
                m = re.fullmatch(r"\s*(\d{1,7})(?:\s*-\s*([A-Za-z]{1,3}))?\s*(?:of|/)\s*(\d{2,4})\s*", value)
                if not m:
                    raise QueryError('case: needs a case number, e.g. case:"Crl.A. 964-J/2023"', node.start)
                keys = legal_terms.case_keys(int(m.group(1)), m.group(2), int(m.group(3)))
            else:
                keys = found[0].keys
        parts = [wq.Term("case", k) for k in keys]
        return parts[0] if len(parts) == 1 else wq.Or(parts)

    def field_outcome(self, node):
        self._no_range("outcome", node)
        return wq.Term("outcome", fold(self._value(node)).strip().replace(" ", "_"))

    def field_punishment(self, node):
        self._no_range("punishment", node)
        return wq.Term("punishment", fold(self._value(node)).strip().replace(" ", "_"))

    def field_lang(self, node):
        self._no_range("lang", node)
        return wq.Term("lang", fold(self._value(node)).strip())

    def field_id(self, node):
        self._no_range("id", node)
        value = self._value(node).strip()
        if not value.isdigit():
            raise QueryError("id: needs a document number, e.g. id:42", node.start)
        return wq.Term("id", str(int(value)))


def surface_forms(stem: str) -> tuple[str, ...]:
    """Words a Porter stem may stand for, for matching wildcards against stems."""
    forms = [stem, stem + "e", stem + "s", stem + "es", stem + "ed", stem + "ing"]
    if stem.endswith("i"):
        forms.append(stem[:-1] + "y")
    return tuple(forms)


def within(term: str, word: str, maxdist: int) -> bool:
    """Whether ``term`` is at most ``maxdist`` edits from ``word``.

    Edits are insertions, deletions, substitutions and swaps of two adjacent
    letters ("raep" is one edit from "rape"); the computation stops as soon
    as a row exceeds ``maxdist``.
    """
    if abs(len(term) - len(word)) > maxdist:
        return False
    before: list[int] | None = None
    previous = list(range(len(word) + 1))
    for i, ct in enumerate(term, 1):
        current = [i]
        for j, cw in enumerate(word, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ct != cw))
            if before is not None and j > 1 and ct == word[j - 2] and term[i - 2] == cw:
                value = min(value, before[j - 2] + 1)
            current.append(value)
        if min(current) > maxdist:
            return False
        before, previous = previous, current
    return previous[-1] <= maxdist


def _year(value: str | None, position: int, default: int | None) -> int:
    if value is None:
        if default is None:
            raise QueryError("year: needs a year, e.g. year:2023 or year:2020..2024", position)
        return default
    if not re.fullmatch(r"\d{4}", value.strip()):
        raise QueryError(f"{value!r} is not a year: write year:2023 or year:2020..2024", position)
    year = int(value)
    if not 1800 <= year <= 2100:
        raise QueryError(f"{year} is out of range (1800-2100)", position)
    return year


_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _date_bound(value: str, position: int, *, first: bool) -> date:
    m = _DATE_RE.fullmatch(value.strip())
    if not m:
        raise QueryError(f"{value!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY, e.g. "
                         "date:[2023-01-01 TO 2023-06-30]", position)
    year = int(m.group(1))
    if not 1800 <= year <= 2100:
        raise QueryError(f"{year} is out of range (1800-2100)", position)
    try:
        if m.group(3):
            return date(year, int(m.group(2)), int(m.group(3)))
        if m.group(2):
            month = int(m.group(2))
            return date(year, month, 1 if first else calendar.monthrange(year, month)[1])
        return date(year, 1, 1) if first else date(year, 12, 31)
    except ValueError:
        raise QueryError(f"{value!r} is not a real date", position) from None


def date_query(low: date, high: date) -> wq.Query:
    """Documents dated in ``[low, high]``: whole years and months as terms, the rest as a range."""
    parts: list[wq.Query] = []
    year = low.year
    cursor = low
    while cursor <= high:
        year = cursor.year
        year_end = date(year, 12, 31)
        if cursor == date(year, 1, 1) and year_end <= high:
            parts.append(wq.Term("year", str(year)))
            cursor = date(year + 1, 1, 1)
            continue
        month_last = date(year, cursor.month, calendar.monthrange(year, cursor.month)[1])
        if cursor.day == 1 and month_last <= high:
            parts.append(wq.Term("month", f"{year}{cursor.month:02d}"))
        else:
            end = min(month_last, high)
            parts.append(wq.NumericRange("date", _ymd(cursor), _ymd(end)))
        cursor = date.fromordinal(month_last.toordinal() + 1)
        if len(parts) > 400:
            raise QueryError("the date range is too fragmented: use whole months or years")
    return parts[0] if len(parts) == 1 else wq.Or(parts)


def _ymd(d: date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def filters_only(node: ast.Node) -> bool:
    """True when every clause of the query is a filter field (``court:LHC year:2023``)."""
    if isinstance(node, (ast.And, ast.Or)):
        return all(filters_only(n) for n in node.items)
    if isinstance(node, ast.Not):
        return filters_only(node.item)
    return isinstance(node, ast.Field) and node.name in FILTER_FIELDS


__all__ = ["Compiled", "Compiler", "date_query", "filters_only"]
