"""Courts and judges: one record each across all documents."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lawdb.models import Court, CourtLevel, Judge

_ABBREVIATIONS = {
    "Supreme Court of Pakistan": "SCP",
    "Federal Shariat Court": "FSC",
    "Lahore High Court": "LHC",
    "Sindh High Court": "SHC",
    "Peshawar High Court": "PHC",
    "Balochistan High Court": "BHC",
    "Islamabad High Court": "IHC",
}
_COUNTRY = {"India": "IN", "United States": "US"}


def court_level(name: str) -> CourtLevel:
    lowered = name.lower()
    if "supreme" in lowered:
        return CourtLevel.SUPREME
    if "shariat" in lowered:
        return CourtLevel.FEDERAL_SHARIAT
    if "high court" in lowered or "court of appeals" in lowered:
        return CourtLevel.HIGH
    if "sessions" in lowered or "magistrate" in lowered or "district" in lowered:
        return CourtLevel.DISTRICT
    if "tribunal" in lowered or "tax court" in lowered:
        return CourtLevel.TRIBUNAL
    if "special" in lowered or "anti-terrorism" in lowered:
        return CourtLevel.SPECIAL
    return CourtLevel.OTHER


def _country(name: str) -> str:
    return next((code for word, code in _COUNTRY.items() if word in name), "PK")


def find_or_create_court(session: Session, name: str, seat: str | None = None) -> Court:
    """The court ``name`` (matched by name or abbreviation, any case), or its bench ``seat``.

    A bench is its own row, "Lahore High Court, Multan Bench", whose parent is
    the court, so filters on a court can include its benches.
    """
    needle = " ".join(name.split())
    if seat is None and "," in needle:
        # "Lahore High Court, Multan Bench" as one string (a manifest, a form).
        head, _, tail = needle.rpartition(",")
        if re.search(r"\b(bench|circuit|registry|seat)\b", tail, re.I):
            needle, seat = head.strip(), tail.strip()
    court = session.scalars(select(Court).where(
        (func.lower(Court.name) == needle.lower()) | (func.lower(Court.abbreviation) == needle.lower())
    )).first()
    if court is None:
        court = Court(name=needle, abbreviation=_ABBREVIATIONS.get(needle), level=court_level(needle),
                      country=_country(needle))
        session.add(court)
        session.flush()
    if not seat:
        return court
    bench_name = f"{court.name}, {' '.join(seat.split())}"
    bench = session.scalars(select(Court).where(func.lower(Court.name) == bench_name.lower())).first()
    if bench is None:
        bench = Court(name=bench_name, level=court.level, country=court.country,
                      province=court.province, parent=court)
        session.add(bench)
        session.flush()
    return bench


def judge_key(name: str) -> str:
    """Matching key of a judge's name: upper case, letters and single spaces only."""
    return " ".join(re.sub(r"[^\w\s]", " ", name).upper().split())


def find_or_create_judge(session: Session, name: str, name_key: str | None = None) -> Judge:
    key = name_key or judge_key(name)
    judge = session.scalars(select(Judge).where(Judge.name_key == key)).first()
    if judge is None:
        judge = Judge(name=name, name_key=key)
        session.add(judge)
        session.flush()
    return judge
