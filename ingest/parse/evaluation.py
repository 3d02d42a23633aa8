"""Scoring the judgment parser against golden files (precision and recall per field).

A golden file (``tests/golden/<folder>/<name>.expected.json``) holds, under
``"judgment"``, the facts a person read in the judgment, in the canonical
forms of ``docs/parsing-conventions.md``. Every field is compared as a set
of canonical items, so single values and lists score the same way: an item
found and right is a true positive, found and not in the golden set a false
positive, in the golden set and not found a false negative.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ingest.parse.judgment import JudgmentFacts

FIELDS = ("court", "seat", "case_numbers", "decision_date", "hearing_date", "judges", "author_judge",
          "parties", "citations", "statute_refs", "sentences", "outcome", "victims")

#: The acceptance targets of the judgments issue: field -> (precision, recall).
TARGETS = {
    "court": (0.95, 0.90), "case_numbers": (0.95, 0.90), "decision_date": (0.95, 0.90),
    "judges": (0.95, 0.90), "citations": (0.95, 0.90), "statute_refs": (0.95, 0.90),
    "sentences": (0.85, 0.85), "outcome": (0.85, 0.85),
}


def _act(act: str | None) -> str:
    """One spelling per statute: the catalogue key when known ("Freedom of Information
    Ordinance, 2002" and "FOIO" are one act), else the title folded."""
    from lawdb.legal.statute_refs import resolve_act

    if not act:
        return ""
    return resolve_act(act) or _key(act)


def _ref(item: str) -> str:
    act, _, section = item.rpartition(":")
    return f"{_act(act)}:{section.upper()}"


def _key(name: str) -> str:
    return " ".join("".join(c for c in name.upper() if c.isalnum() or c.isspace()).split())


def golden_items(gold: dict[str, Any]) -> dict[str, set]:
    """The golden facts as sets of comparable items, per field."""
    def one(value: Any) -> set:
        return {value} if value not in (None, "") else set()

    return {
        "court": one(gold.get("court")),
        "seat": one(gold.get("seat")),
        "case_numbers": {(c["number"], (c.get("suffix") or "").upper() or None, c["year"])
                         for c in gold.get("case_numbers", [])},
        "decision_date": one(gold.get("decision_date")),
        "hearing_date": one(gold.get("hearing_date")),
        "judges": {_key(j) for j in gold.get("judges", [])},
        "author_judge": {_key(gold["author_judge"])} if gold.get("author_judge") else set(),
        "parties": {(_key(p["name"]), p["role"]) for p in gold.get("parties", [])},
        "citations": set(gold.get("citations", [])),
        "statute_refs": {_ref(r) for r in gold.get("statute_refs", [])
                         if " RULES" not in _key(r.rpartition(":")[0])},
        "sentences": {(s["stage"], s.get("section"), s["punishment"], s.get("term_days"), s.get("fine_pkr"))
                      for s in gold.get("sentences", [])},
        "outcome": one(gold.get("outcome")),
        "victims": {_key(v) for v in gold.get("victims", [])},
    }


def predicted_items(facts: JudgmentFacts) -> dict[str, set]:
    """The parser's facts as the same sets."""
    cap = facts.caption

    def one(value: Any) -> set:
        return {value} if value not in (None, "") else set()

    judges = getattr(cap, "judges", []) or []
    author = next((j for j in judges if j.is_author), None)
    return {
        "court": one(getattr(cap, "court", None)),
        "seat": one(getattr(cap, "seat", None)),
        "case_numbers": {(c.number, (c.suffix or "").upper() or None, c.year)
                         for c in getattr(cap, "case_numbers", []) or []},
        "decision_date": one(cap.decision_date.value.isoformat()) if getattr(cap, "decision_date", None)
        else set(),
        "hearing_date": one(cap.hearing_date.value.isoformat()) if getattr(cap, "hearing_date", None)
        else set(),
        "judges": {_key(j.name) for j in judges},
        "author_judge": {_key(author.name)} if author else set(),
        "parties": {(_key(p.name), p.role) for p in getattr(cap, "parties", []) or []},
        "citations": {c.normalized for c in facts.citations},
        # Rules (CPC orders and rules, Police Rules 12.1) are recorded but not scored:
        # the golden files list sections and articles only (docs/parsing-conventions.md).
        "statute_refs": {_ref(f"{r.act}:{r.section}") for r in facts.statute_refs
                         if r.act and r.unit != "rule"},
        "sentences": {(s.stage, s.section, s.punishment, s.term_days, s.fine_pkr) for s in facts.sentences},
        "outcome": one(getattr(facts.outcome, "outcome", None)),
        "victims": {_key(v.name) for v in facts.victims},
    }


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(pairs: Iterable[tuple[str, dict[str, set], dict[str, set]]]) -> dict[str, FieldScore]:
    """Micro-averaged scores over ``(name, golden, predicted)`` triples."""
    scores = {f: FieldScore() for f in FIELDS}
    for name, gold, pred in pairs:
        for f in FIELDS:
            g, p = gold[f], pred[f]
            s = scores[f]
            s.tp += len(g & p)
            s.fp += len(p - g)
            s.fn += len(g - p)
            for item in sorted(map(str, p - g)):
                s.misses.append(f"{name}: extra {item}")
            for item in sorted(map(str, g - p)):
                s.misses.append(f"{name}: missed {item}")
    return scores
