"""The judgment parser: small named stages run in order over a judgment's pages.

Each stage is a pure function of the cleaned page texts (see the modules of
this package and :mod:`lawdb.legal`); this module only runs them and gathers
their facts into one :class:`JudgmentFacts`, which is plain data that can
cross a process boundary and be written by :mod:`ingest.record`. A stage that
fails is recorded in ``errors`` and the others still run: one odd page must
not cost a judgment all its facts.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lawdb.legal.citations import CitationFact, find_citations
from lawdb.legal.statute_refs import StatuteRefFact, find_statute_refs, find_statute_refs_in_pages

log = logging.getLogger(__name__)

#: Bumped when a stage changes what it finds, so `lawdb reparse` can tell stale facts.
PARSER_VERSION = "2"

#: How much of page 1 is the header where a judgment prints its own citation.
HEADER_CHARS = 400

#: Neutral citation series and the court each belongs to (for file-name checks).
_NEUTRAL_COURTS = {
    "LHC": "Lahore High Court",
    "SCP": "Supreme Court of Pakistan",
    "IHC": "Islamabad High Court",
    "SHC": "Sindh High Court",
    "PHC": "Peshawar High Court",
    "BHC": "Balochistan High Court",
}
_FILE_NEUTRAL = re.compile(r"^(?P<year>(?:19|20)\d\d)[ _-]?(?P<series>LHC|SCP|IHC|SHC|PHC|BHC)[ _-]?"
                           r"(?P<number>\d{1,6})$", re.I)


@dataclass(frozen=True)
class OwnCitation:
    normalized: str
    source: str  # printed, reprint, file_name
    fact: CitationFact | None = None


@dataclass
class JudgmentFacts:
    caption: Any = None
    own_citations: list[OwnCitation] = field(default_factory=list)
    citations: list[CitationFact] = field(default_factory=list)
    statute_refs: list[StatuteRefFact] = field(default_factory=list)
    sentences: list[Any] = field(default_factory=list)
    outcome: Any = None
    victims: list[Any] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    parser_version: str = PARSER_VERSION

    @property
    def title(self) -> str | None:
        """"First party v. second party", from the caption, when it names both sides."""
        parties = getattr(self.caption, "parties", None) or []
        first = next((p for p in parties if p.role in {"appellant", "petitioner", "applicant",
                                                        "complainant"}), None)
        second = next((p for p in parties if p.role in {"respondent", "state", "accused"}), None)
        if first and second:
            return f"{first.name} v. {second.name}"
        return None


def _stage(facts: JudgmentFacts, name: str, fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except Exception as exc:  # one failing stage must not lose the others' facts
        log.warning("judgment parser stage %s failed: %s", name, exc, exc_info=True)
        facts.errors.append(f"{name}: {type(exc).__name__}: {exc}")
        return None


def own_citations(pages: Sequence[str], file_name: str | None, court: str | None,
                  year: int | None) -> list[OwnCitation]:
    """The citations that identify this judgment: printed in its header, or its file name.

    A law-report reprint opens with its citation ("1998 S C M R 516"); a
    neutral citation is printed at the top. A file name is used only when it
    is exactly a neutral citation ("2024LHC6559.pdf", the Lahore High Court's
    own naming) of the court the caption names, and of the year decided
    when that is known: file names lie, so they must agree with the content.
    """
    found: list[OwnCitation] = []
    if pages:
        for fact in find_citations(pages[0][:HEADER_CHARS], 1):
            source = "printed" if fact.kind == "neutral" else "reprint"
            found.append(OwnCitation(fact.normalized, source, fact))
    if file_name:
        match = _FILE_NEUTRAL.match(Path(file_name).stem)
        if match:
            series = match["series"].upper()
            consistent = court == _NEUTRAL_COURTS.get(series) and (
                year is None or abs(year - int(match["year"])) <= 1)
            normalized = f"{match['year']} {series} {int(match['number'])}"
            if consistent and all(c.normalized != normalized for c in found):
                found.append(OwnCitation(normalized, "file_name"))
    return found


def parse_judgment(pages: Sequence[str], file_name: str | None = None) -> JudgmentFacts:
    """Run every stage over a judgment's cleaned pages (page 1 first)."""
    from ingest.parse.caption import parse_caption
    from ingest.parse.outcome import find_outcome
    from ingest.parse.sentences import find_sentences
    from ingest.parse.victims import find_victims

    pages = list(pages)
    facts = JudgmentFacts()
    facts.caption = _stage(facts, "caption", lambda: parse_caption(pages))
    court = getattr(facts.caption, "court", None)
    decided = getattr(facts.caption, "decision_date", None)
    year = decided.value.year if decided is not None else None
    facts.own_citations = _stage(
        facts, "own_citations", lambda: own_citations(pages, file_name, court, year)) or []
    own = {c.normalized for c in facts.own_citations}
    citations: list[CitationFact] = []
    for number, text in enumerate(pages, start=1):
        found = _stage(facts, f"citations p{number}", lambda t=text, n=number: find_citations(t, n))
        citations.extend(c for c in found or [] if c.normalized not in own)
    facts.citations = citations
    # Read as one text, so definitions and acts named on earlier pages hold on later ones;
    # should that fail, page by page, so one odd page costs only its own references.
    refs: list[StatuteRefFact] | None = _stage(
        facts, "statute_refs", lambda: find_statute_refs_in_pages(pages))
    if refs is None:
        refs = []
        for number, text in enumerate(pages, start=1):
            refs.extend(_stage(facts, f"statute_refs p{number}",
                               lambda t=text, n=number: find_statute_refs(t, n)) or [])
    facts.statute_refs = refs
    facts.sentences = _stage(facts, "sentences", lambda: find_sentences(pages)) or []
    facts.outcome = _stage(facts, "outcome", lambda: find_outcome(pages))
    facts.victims = _stage(facts, "victims", lambda: find_victims(pages)) or []
    return facts
