"""The sentences explorer: which court gave which sentence under which section, with the page that says so.

``/sentences`` is a table filterable by statute section (``act`` and
``section``), ``court`` (an id, name or abbreviation; its benches count
too), ``year`` of decision, ``punishment`` and ``stage``, with summary figures
and two charts drawn as server-side SVG (accessible: ``<title>``, ``<desc>``
and a data table beside them). ``/sentences.csv`` and ``/sentences.json``
export exactly the rows the same query string selects, streamed, however
many there are. Victims' names are masked in titles, accused names and
quotes. The query functions here also serve ``/api/v1/sentences``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, Response, render_template, request, stream_with_context, url_for
from markupsafe import Markup, escape
from sqlalchemy import Integer, Select, cast, extract, func, select
from sqlalchemy.orm import Session

from lawdb.models import Court, Document, Judgment, Party, PunishmentKind, Sentence, SentenceStage
from lawdb.services.statutes import alias_key, section_key
from webui import db_session
from webui.documents import (
    BadQuery,
    Masks,
    court_ids,
    court_parts,
    courts_with_judgments,
    human,
    masks_for,
    parse_int,
    parse_year,
    rupees,
    term_text,
    year_range,
)

bp = Blueprint("sentences", __name__)

PAGE_SIZE = 100
#: Rows fetched (and masked) per round trip when exporting.
BATCH = 500
#: Sections drawn in the distribution chart (the table lists them all).
CHART_SECTIONS = 20
COLUMNS = ["document_id", "title", "court", "seat", "decision_date", "stage", "accused", "act", "section",
           "offence", "punishment", "term_days", "term_years", "fine_pkr", "compensation_pkr",
           "default_term_days", "concurrent", "benefit_382b", "page", "quote", "url"]
_TEXT_COLUMNS = {"title", "court", "seat", "accused", "offence", "quote"}


@dataclass
class SentenceFilters:
    """What the query string asks for; ``args()`` gives it back for links and exports."""

    act: str | None = None
    section: str | None = None
    court: str | None = None
    court_ids: list[int] | None = None
    year: int | None = None
    punishment: PunishmentKind | None = None
    stage: SentenceStage | None = None

    def args(self) -> dict[str, str]:
        out = {"act": self.act, "section": self.section, "court": self.court,
               "year": str(self.year) if self.year is not None else None,
               "punishment": self.punishment.value if self.punishment else None,
               "stage": self.stage.value if self.stage else None}
        return {k: v for k, v in out.items() if v}

    def describe(self) -> dict[str, str | int | None]:
        return {"act": self.act, "section": self.section, "court": self.court, "year": self.year,
                "punishment": self.punishment.value if self.punishment else None,
                "stage": self.stage.value if self.stage else None}


def _choice(enum_cls, name: str, raw: str | None):
    if raw is None or raw.strip() == "":
        return None
    value = raw.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        return enum_cls(value)
    except ValueError:
        allowed = ", ".join(k.value for k in enum_cls)
        raise BadQuery(f"{name} must be one of {allowed}, not {raw[:40]!r}.") from None


def _text(name: str, raw: str | None, limit: int = 128) -> str | None:
    value = " ".join((raw or "").split())
    if len(value) > limit:
        raise BadQuery(f"{name} is too long (at most {limit} characters).")
    return value or None


def parse_filters(session: Session, args: Mapping[str, str]) -> SentenceFilters:
    """The filters of a query string; BadQuery with a helpful message when a value is unusable."""
    filters = SentenceFilters(
        act=_text("act", args.get("act")),
        section=_text("section", args.get("section"), 32),
        court=_text("court", args.get("court"), 255),
        year=parse_year(args.get("year")),
        punishment=_choice(PunishmentKind, "punishment", args.get("punishment")),
        stage=_choice(SentenceStage, "stage", args.get("stage")),
    )
    filters.court_ids = court_ids(session, filters.court)
    return filters


def apply_filters(query: Select, filters: SentenceFilters) -> Select:
    """``query`` (which joins ``Judgment``) narrowed to ``filters``."""
    if filters.act:
        query = query.where(func.upper(Sentence.offence_act) == alias_key(filters.act))
    if filters.section:
        query = query.where(func.upper(Sentence.offence_section) == section_key(filters.section))
    if filters.court_ids is not None:
        query = query.where(Judgment.court_id.in_(filters.court_ids or [-1]))
    if filters.year is not None:
        start, end = year_range(filters.year)
        query = query.where(Judgment.decision_date >= start, Judgment.decision_date < end)
    if filters.punishment is not None:
        query = query.where(Sentence.punishment_kind == filters.punishment)
    if filters.stage is not None:
        query = query.where(Sentence.stage == filters.stage)
    return query


def rows_query(filters: SentenceFilters) -> Select:
    query = (select(Sentence, Document.id, Document.title, Judgment.decision_date, Judgment.court_id,
                    Party.name)
             .join(Judgment, Judgment.document_id == Sentence.judgment_id)
             .join(Document, Document.id == Judgment.document_id)
             .outerjoin(Party, Party.id == Sentence.accused_party_id))
    return apply_filters(query, filters).order_by(
        Judgment.decision_date.desc().nullslast(), Document.id, Sentence.stage.desc(), Sentence.page_number,
        Sentence.id)


def count(session: Session, filters: SentenceFilters) -> int:
    query = apply_filters(select(func.count(Sentence.id)).select_from(Sentence)
                          .join(Judgment, Judgment.document_id == Sentence.judgment_id), filters)
    return session.scalar(query) or 0


def _courts(session: Session) -> dict[int, tuple[str | None, str | None]]:
    courts = session.scalars(select(Court)).all()
    return {c.id: court_parts(c) for c in courts}


def term_years(days: int | None) -> float | None:
    return None if days is None else round(days / 365, 2)


def _row(sentence: Sentence, document_id: int, title: str, decided: date | None, court_id: int | None,
         party: str | None, courts, masks: Masks, external: bool) -> dict[str, Any]:
    court, seat = courts.get(court_id, (None, None)) if court_id else (None, None)
    return {
        "document_id": document_id, "title": masks.text(title), "court": court, "seat": seat,
        "decision_date": decided.isoformat() if decided else None, "stage": sentence.stage.value,
        "accused": masks.text(sentence.accused_name or party), "act": sentence.offence_act,
        "section": sentence.offence_section, "offence": masks.text(sentence.offence_raw),
        "punishment": sentence.punishment_kind.value, "term_days": sentence.term_days,
        "term_years": term_years(sentence.term_days), "fine_pkr": sentence.fine_pkr,
        "compensation_pkr": sentence.compensation_pkr, "default_term_days": sentence.default_term_days,
        "concurrent": sentence.concurrent, "benefit_382b": sentence.benefit_382b,
        "page": sentence.page_number, "quote": masks.text(sentence.quote),
        "url": url_for("documents.show", document_id=document_id, _anchor=f"p{sentence.page_number}",
                       _external=external),
    }


def iter_rows(session: Session, filters: SentenceFilters, *, limit: int | None = None, offset: int = 0,
              external: bool = True) -> Iterator[dict[str, Any]]:
    """The filtered sentences as plain, masked dicts (``COLUMNS``), fetched ``BATCH`` at a time."""
    courts = _courts(session)
    query = rows_query(filters)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    result = session.execute(query.execution_options(yield_per=BATCH))
    for batch in result.partitions():
        masks = masks_for(session, {r[1] for r in batch})
        for sentence, doc_id, title, decided, court_id, party in batch:
            yield _row(sentence, doc_id, title, decided, court_id, party, courts,
                       masks.get(doc_id, Masks()), external)


# --- figures ---------------------------------------------------------------------------------

def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def summary(session: Session, filters: SentenceFilters) -> dict[str, Any]:
    """Counts, terms and fines over every filtered sentence (not only the page shown)."""
    query = apply_filters(
        select(Sentence.offence_act, Sentence.offence_section, Sentence.term_days, Sentence.fine_pkr,
               Judgment.decision_date, Sentence.judgment_id)
        .select_from(Sentence).join(Judgment, Judgment.document_id == Sentence.judgment_id), filters)
    per_year: Counter[int | None] = Counter()
    terms: dict[tuple[str, str], list[float]] = defaultdict(list)
    fines: dict[tuple[str, str], list[int]] = defaultdict(list)
    counts: Counter[tuple[str, str]] = Counter()
    documents: set[int] = set()
    total = 0
    for act, section, days, fine, decided, doc_id in session.execute(query):
        total += 1
        documents.add(doc_id)
        per_year[decided.year if decided else None] += 1
        key = (act or "?", section or "?")
        counts[key] += 1
        if days is not None:
            terms[key].append(days / 365)
        if fine is not None:
            fines[key].append(fine)
    sections = []
    for key, n in sorted(counts.items(), key=lambda t: (-t[1], t[0])):
        t, f = terms.get(key, []), fines.get(key, [])
        sections.append({
            "act": key[0], "section": key[1], "label": f"{key[1]} {key[0]}", "count": n,
            "with_term": len(t), "median_years": _round(_median(t)), "mean_years": _round(_mean(t)),
            "min_years": _round(min(t) if t else None), "max_years": _round(max(t) if t else None),
            "terms": sorted(t), "with_fine": len(f), "median_fine": _round(_median(f), 0),
            "mean_fine": _round(_mean(f), 0), "max_fine": max(f) if f else None,
        })
    all_terms = [x for t in terms.values() for x in t]
    all_fines = [x for f in fines.values() for x in f]
    return {
        "count": total, "documents": len(documents),
        "median_years": _round(_median(all_terms)), "mean_years": _round(_mean(all_terms)),
        "with_fine": len(all_fines), "median_fine": _round(_median(all_fines), 0),
        "per_year": sorted(((y, n) for y, n in per_year.items() if y is not None)),
        "unknown_year": per_year.get(None, 0), "sections": sections,
    }


def _round(value: float | None, digits: int = 2):
    if value is None:
        return None
    return round(value) if digits == 0 else round(value, digits)


def public_summary(figures: dict[str, Any]) -> dict[str, Any]:
    """The summary as the API gives it (without the per-sentence term lists)."""
    out = dict(figures)
    out["per_year"] = [{"year": y, "count": n} for y, n in figures["per_year"]]
    out["sections"] = [{k: v for k, v in s.items() if k not in ("terms", "label")}
                       for s in figures["sections"]]
    return out


# --- charts (server-side SVG) ----------------------------------------------------------------

def _nice_step(top: float, ticks: int = 5) -> float:
    if top <= 0:
        return 1
    raw = top / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _num(value: float) -> str:
    return f"{value:g}"


def year_chart(per_year: list[tuple[int, int]]) -> Markup | None:
    """Bar chart of sentences per year of decision, or None when there is nothing to draw."""
    if not per_year:
        return None
    width, height, left, right, top, bottom = 640, 240, 44, 12, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    top_n = max(n for _, n in per_year)
    step = max(1, math.ceil(_nice_step(top_n)))
    y_max = step * math.ceil(top_n / step)
    slot = plot_w / len(per_year)
    bar = min(48.0, max(2.0, slot * 0.7))
    every = max(1, math.ceil(len(per_year) / 16))
    desc = "; ".join(f"{y}: {n} sentence{'s' if n != 1 else ''}" for y, n in per_year)
    parts = [f'<svg class="chart years" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-labelledby="chart-years-title chart-years-desc">',
             '<title id="chart-years-title">Sentences per year of decision</title>',
             f'<desc id="chart-years-desc">Bar chart. {escape(desc)}.</desc>']
    tick = 0
    while tick <= y_max:
        y = top + plot_h - plot_h * tick / y_max
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
        tick += step
    for i, (year, n) in enumerate(per_year):
        h = plot_h * n / y_max
        x = left + i * slot + (slot - bar) / 2
        y = top + plot_h - h
        parts.append(f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                     f'<title>{year}: {n} sentence{"s" if n != 1 else ""}</title></rect>')
        if i % every == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
                         f'{year}</text>')
    parts.append(f'<line class="axis" x1="{left}" x2="{width - right}" y1="{top + plot_h}" '
                 f'y2="{top + plot_h}"/>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 2}" text-anchor="middle">'
                 'year of decision</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def terms_chart(sections: list[dict[str, Any]]) -> Markup | None:
    """Each sentence's term (years) as a dot, one row per section, the median a red tick."""
    shown = [s for s in sections if s["terms"]][:CHART_SECTIONS]
    if not shown:
        return None
    row_h, left, right, top, bottom, width = 30, 120, 16, 10, 40, 640
    plot_w = width - left - right
    height = top + row_h * len(shown) + bottom
    top_years = max(max(s["terms"]) for s in shown)
    step = _nice_step(max(top_years, 1))
    x_max = step * math.ceil(max(top_years, 1) / step)

    def x(years: float) -> float:
        return left + plot_w * years / x_max

    desc = "; ".join(f"{s['label']}: {s['with_term']} term{'s' if s['with_term'] != 1 else ''}, median "
                     f"{_num(s['median_years'])} years, from {_num(s['min_years'])} to "
                     f"{_num(s['max_years'])}" for s in shown)
    parts = [f'<svg class="chart terms" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-labelledby="chart-terms-title chart-terms-desc">',
             '<title id="chart-terms-title">Terms of imprisonment per section, in years</title>',
             f'<desc id="chart-terms-desc">Each dot is one sentence; the red tick is the median. '
             f'{escape(desc)}.</desc>']
    tick = 0.0
    while tick <= x_max + 1e-9:
        parts.append(f'<line class="grid" x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{top}" '
                     f'y2="{top + row_h * len(shown)}"/>')
        parts.append(f'<text x="{x(tick):.1f}" y="{top + row_h * len(shown) + 14}" text-anchor="middle">'
                     f'{_num(tick)}</text>')
        tick += step
    for i, s in enumerate(shown):
        cy = top + row_h * i + row_h / 2
        parts.append(f'<text x="{left - 8}" y="{cy + 4:.1f}" text-anchor="end">{escape(s["label"])}</text>')
        parts.append(f'<line class="range" x1="{x(s["min_years"]):.1f}" x2="{x(s["max_years"]):.1f}" '
                     f'y1="{cy:.1f}" y2="{cy:.1f}"/>')
        seen: Counter[float] = Counter()
        for value in s["terms"]:
            k = seen[round(value, 3)]
            seen[round(value, 3)] += 1
            offset = ((k % 5) - 2) * 3.5
            parts.append(f'<circle class="dot" cx="{x(value):.1f}" cy="{cy + offset:.1f}" r="4">'
                         f'<title>{escape(s["label"])}: {_num(round(value, 2))} years</title></circle>')
        m = x(s["median_years"])
        parts.append(f'<line class="median" x1="{m:.1f}" x2="{m:.1f}" y1="{cy - 11:.1f}" y2="{cy + 11:.1f}">'
                     f'<title>median {_num(s["median_years"])} years</title></line>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle">'
                 'term in years (a year is 365 days)</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# --- views -------------------------------------------------------------------------------------

def filter_choices(session: Session) -> dict[str, Any]:
    acts = sorted(a for a in session.scalars(select(Sentence.offence_act).distinct()) if a)
    sections = sorted({(a or "", s) for a, s in session.execute(
        select(Sentence.offence_act, Sentence.offence_section).distinct()) if s})
    year = cast(extract("year", Judgment.decision_date), Integer)
    years = sorted((y for y in session.scalars(
        select(year).where(Judgment.document_id.in_(select(Sentence.judgment_id)),
                           Judgment.decision_date.is_not(None)).distinct()) if y), reverse=True)
    return {"acts": acts, "sections": sections, "years": years,
            "courts": courts_with_judgments(session),
            "punishments": [p.value for p in PunishmentKind], "stages": [s.value for s in SentenceStage]}


@bp.get("/sentences")
def explorer():
    session = db_session()
    error = None
    try:
        filters = parse_filters(session, request.args)
        page = parse_int("page", request.args.get("page"), minimum=1, maximum=1_000_000) or 1
    except BadQuery as exc:
        error, filters, page = str(exc), SentenceFilters(), 1
    figures = summary(session, filters)
    total = figures["count"]
    rows = list(iter_rows(session, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, external=False))
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template(
        "sentences/explorer.html", filters=filters, args=filters.args(), raw=request.args, error=error,
        figures=figures, rows=rows, page=page, pages=pages, choices=filter_choices(session),
        year_chart=year_chart(figures["per_year"]), terms_chart=terms_chart(figures["sections"]),
        term_text=term_text, rupees=rupees, human=human,
    ), 400 if error else 200


def _bad_export(message: str, as_json: bool):
    if as_json:
        return Response(json.dumps({"error": "bad_query", "message": message}), status=400,
                        mimetype="application/json")
    return Response(message + "\n", status=400, mimetype="text/plain")


def spreadsheet_safe(value: Any) -> Any:
    # A cell starting with = + - @ is a formula to spreadsheet programs (CSV injection).
    if isinstance(value, str) and value and (value[0] in "=+@\t\r" or (value[0] == "-" and
                                                                        not value[1:2].isdigit())):
        return "'" + value
    return value


def csv_lines(rows: Iterable[Mapping[str, Any]], columns: list[str], text_columns: set[str],
              every: int = 200) -> Iterator[str]:
    """``rows`` as CSV text in chunks of ``every`` rows, header first; text cells made spreadsheet-safe."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for i, row in enumerate(rows, 1):
        writer.writerow({k: spreadsheet_safe(v) if k in text_columns else v for k, v in row.items()})
        if i % every == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@bp.get("/sentences.csv")
def export_csv():
    """Every filtered sentence as CSV (``COLUMNS``), streamed; the same query string as ``/sentences``."""
    session = db_session()
    try:
        filters = parse_filters(session, request.args)
    except BadQuery as exc:
        return _bad_export(str(exc), as_json=False)

    def generate() -> Iterator[str]:
        yield from csv_lines(iter_rows(db_session(), filters), COLUMNS, _TEXT_COLUMNS)

    response = Response(stream_with_context(generate()), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="sentences.csv"'
    return response


@bp.get("/sentences.json")
def export_json():
    """Every filtered sentence as one JSON object, streamed: ``{"filters", "sentences", "count"}``."""
    session = db_session()
    try:
        filters = parse_filters(session, request.args)
    except BadQuery as exc:
        return _bad_export(str(exc), as_json=True)

    def generate() -> Iterator[str]:
        yield '{"filters": ' + json.dumps(filters.describe()) + ', "sentences": ['
        n = 0
        for row in iter_rows(db_session(), filters):
            yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
            n += 1
        yield f'\n], "count": {n}}}\n'

    return Response(stream_with_context(generate()), mimetype="application/json")
